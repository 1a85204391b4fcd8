/**
 * The sandbox's Service Quotas for Amazon Bedrock and the runtime's tokens-per-minute throttling: botocore's
 * own client (clients/service_quotas_boto3.py) and the AWS CLI read, file and list; the real Bedrock Runtime
 * SDK client is refused past the quota with AWS's ThrottlingException, "Too many tokens".
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {controlRoute, rejection, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/service_quotas_boto3.py', import.meta.url));
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const HAIKU_PROFILE = `us.${HAIKU}`;

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

const converse = (text: string) =>
	runtimeClient(sandbox, {maxAttempts: 1}).send(
		new ConverseCommand({modelId: HAIKU_PROFILE, messages: [{role: 'user', content: [{text}]}], inferenceConfig: {maxTokens: 20}}),
	);

describe('quotas set through the control route', () => {
	it('lists every quota of a model, and sets one by model and kind', async () => {
		const set = await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'quotas', body: {modelId: HAIKU, kind: 'cross-region-tpm', value: 60}});
		expect(set.status).toBe(200);
		const listing = (await set.json()) as {quotas: Array<{name: string; value: number; kind: string}>};
		const haiku = listing.quotas.filter((quota) => quota.name.endsWith('for Anthropic Claude Haiku 4.5'));
		expect(haiku.map((quota) => quota.name).sort()).toEqual([
			'Bedrock Mantle input tokens per minute for Anthropic Claude Haiku 4.5',
			'Bedrock Mantle output tokens per minute for Anthropic Claude Haiku 4.5',
			'Cross-Region InvokeModel requests per minute for Anthropic Claude Haiku 4.5',
			'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
			'Model invocation max tokens per day for Anthropic Claude Haiku 4.5',
			'On-demand InvokeModel requests per minute for Anthropic Claude Haiku 4.5',
			'On-demand InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
		]);
		expect(haiku.find((quota) => quota.kind === 'cross-region-tpm')!.value).toBe(60);
	});

	it('refuses a quota it does not know, and a value that is not a number', async () => {
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'quotas', body: {code: 'L-00000000', value: 5}})).status).toBe(404);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'quotas', body: {modelId: HAIKU, kind: 'cross-region-tpm'}})).status).toBe(400);
	});
});

describe('the runtime under a tokens-per-minute quota', () => {
	it("answers until the minute's tokens reach it, then throttles with AWS's words", async () => {
		// 60 tokens a minute: each call's input and its output, 5 times (Claude Haiku 4.5's burndown), count.
		const first = await converse('Hello there, this is seat one of the class.');
		expect(first.usage?.outputTokens).toBeGreaterThan(0);
		const input = first.usage!.inputTokens!;
		const perCall = input + 5 * first.usage!.outputTokens!;
		let served = 1;
		const refused = await rejection(
			(async () => {
				for (let call = 0; call < 10; call++) {
					await converse('Hello there, this is seat one of the class.');
					served++;
				}
			})(),
		);
		// A call is refused once the minute's tokens and its input would pass 60: output counted 5 times, not once.
		expect(served).toBe(Math.floor((60 - input) / perCall) + 1);
		expect(refused.name).toBe('ThrottlingException');
		expect(refused.message).toBe('Too many tokens, please wait before trying again.');
		expect(refused.$metadata?.httpStatusCode).toBe(429);
	});

	it('a raised quota lets the calls through again', async () => {
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 1_000_000);
		await expect(converse('Hello again.')).resolves.toMatchObject({stopReason: expect.any(String)});
	});
});

describeWithTool(boto3, 'boto3', () => {
	it('lists, reads, files an increase (pending, not applied) and lists the history, with AWS refusals', async () => {
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 100);
		const {stdout} = await run('python3', [script], {
			env: clientEnv(sandbox, {
				QUOTA_MODEL_NAME: 'Anthropic Claude Haiku 4.5',
				QUOTA_VALUE: '100',
				PYTHONPATH: fileURLToPath(new URL('clients', import.meta.url)),
			}),
			timeout: 60_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number; code?: string};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(12);
		expect(sandbox.quotas.requests()).toHaveLength(1);
		expect(sandbox.quotas.get(result.code!)!.value).toBe(100);
	}, 90_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	it('reads a quota by code and lists the pending requests', async () => {
		const code = sandbox.quotas.of(HAIKU, 'cross-region-tpm')!.code;
		const env = clientEnv(sandbox);
		const quota = JSON.parse(
			(
				await run(
					'aws',
					['--endpoint-url', sandbox.endpoint, '--output', 'json', 'service-quotas', 'get-service-quota', '--service-code', 'bedrock', '--quota-code', code],
					{env},
				)
			).stdout,
		) as {Quota: {QuotaName: string; Value: number}};
		expect(quota.Quota.QuotaName).toBe('Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5');
		const history = JSON.parse(
			(
				await run(
					'aws',
					[
						'--endpoint-url',
						sandbox.endpoint,
						'--output',
						'json',
						'service-quotas',
						'list-requested-service-quota-change-history',
						'--service-code',
						'bedrock',
					],
					{env},
				)
			).stdout,
		) as {RequestedQuotas: Array<{Status: string}>};
		expect(history.RequestedQuotas.map((entry) => entry.Status)).toEqual(['PENDING']);
	}, 60_000);
});
