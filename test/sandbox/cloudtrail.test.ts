/**
 * The sandbox's CloudTrail event history (LookupEvents) over the runtime calls it served: botocore's own
 * client (clients/cloudtrail_boto3.py) and the AWS CLI read a seat's calls with AWS's shapes and refusals; the
 * tool's own reader (aws/cloudtrail.ts, hand-signed JSON 1.1) reads the same events; a user without
 * cloudtrail:LookupEvents is refused with AccessDeniedException.
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {ConverseCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createActivityPort} from '../../source/aws/cloudtrail.js';
import {isAwsFailure} from '../../source/core/aws-failure.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv, runAwsCli} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {bearerRuntimeClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/cloudtrail_boto3.py', import.meta.url));
const NOVA = 'amazon.nova-lite-v1:0';

let sandbox: RunningSandbox;
let seat: {userName: string; apiKey?: string; accessKey: {accessKeyId: string; secretAccessKey: string}};
const CALLS = 4;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	seat = await provisionUser(
		sandbox,
		'bkw-trail-001',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:*::foundation-model/${NOVA}`},
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
			],
		},
		{apiKey: true},
	);
	const client = bearerRuntimeClient(sandbox, seat.apiKey!, {maxAttempts: 1});
	for (let call = 0; call < CALLS - 2; call++)
		await client.send(new ConverseCommand({modelId: NOVA, messages: [{role: 'user', content: [{text: 'hello'}]}], inferenceConfig: {maxTokens: 5}}));
	await client.send(
		new InvokeModelCommand({modelId: NOVA, body: JSON.stringify({messages: [{role: 'user', content: [{text: 'hi'}]}], inferenceConfig: {maxTokens: 5}})}),
	);
	// Not allowed by the seat's policy: recorded with AWS's error code.
	await rejection(client.send(new ConverseCommand({modelId: 'amazon.nova-pro-v1:0', messages: [{role: 'user', content: [{text: 'hello'}]}]})));
});
afterAll(async () => sandbox.close());

const target = () => ({region: sandbox.region, endpointUrl: sandbox.endpoint, credentials: sandbox.admin});

describe("the tool's own reader", () => {
	it('reads the seat’s calls, newest first, with the user and the refusal', async () => {
		const read = await createActivityPort(target()).bedrockEvents(new Date(Date.now() - 3600_000), new Date(Date.now() + 1000), 100);
		expect(read.complete).toBe(true);
		const mine = read.events.filter((event) => event.userName === seat.userName);
		expect(mine.map((event) => event.eventName).sort()).toEqual(['Converse', 'Converse', 'Converse', 'InvokeModel']);
		expect(mine.filter((event) => event.errorCode).map((event) => event.errorCode)).toEqual(['AccessDeniedException']);
		expect([...mine].sort((a, b) => (a.at < b.at ? 1 : -1)).map((event) => event.at)).toEqual(mine.map((event) => event.at));
	});

	it("keeps each Region's calls in that Region's history", async () => {
		const seatEventsIn = async (region: string) =>
			(
				await createActivityPort({region, endpointUrl: `${sandbox.endpoint}/region/{region}`, credentials: sandbox.admin}).bedrockEvents(
					new Date(Date.now() - 3600_000),
					new Date(Date.now() + 1000),
					100,
				)
			).events.filter((event) => event.userName === seat.userName);
		expect(await seatEventsIn('eu-central-1')).toEqual([]);
		// The same reader, through the same per-Region address, finds them in the Region they were made in.
		expect(await seatEventsIn(sandbox.region)).toHaveLength(CALLS);
	});

	it('stops at the number of events asked for and says the reading is not complete', async () => {
		const read = await createActivityPort(target(), sandbox.region, async () => {}).bedrockEvents(
			new Date(Date.now() - 3600_000),
			new Date(Date.now() + 1000),
			2,
		);
		expect(read.events).toHaveLength(2);
		expect(read.complete).toBe(false);
	});

	it('is refused for a user without cloudtrail:LookupEvents, as an AwsFailure of kind refused', async () => {
		const port = createActivityPort({region: sandbox.region, endpointUrl: sandbox.endpoint, credentials: seat.accessKey});
		const error = await rejection(port.bedrockEvents(new Date(Date.now() - 3600_000), new Date(), 10));
		expect(isAwsFailure(error, 'refused')).toBe(true);
		expect(error.message).toMatch(/cloudtrail:LookupEvents/);
	});
});

describeWithTool(boto3, 'boto3', () => {
	it("reads a seat's calls by user name, pages, and refuses what AWS refuses", async () => {
		const {stdout} = await run('python3', [script], {
			env: clientEnv(sandbox, {SEAT_USER: seat.userName, SEAT_CALLS: String(CALLS), PYTHONPATH: fileURLToPath(new URL('clients', import.meta.url))}),
			timeout: 60_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(16);
	}, 90_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	it('lists the events of one user', async () => {
		const {stdout} = await runAwsCli(sandbox, ['cloudtrail', 'lookup-events', '--lookup-attributes', `AttributeKey=Username,AttributeValue=${seat.userName}`]);
		const events = (JSON.parse(stdout) as {Events: Array<{Username: string; EventSource: string}>}).Events;
		expect(events).toHaveLength(CALLS);
		expect(new Set(events.map((event) => `${event.Username} ${event.EventSource}`))).toEqual(new Set([`${seat.userName} bedrock.amazonaws.com`]));
	}, 60_000);
});
