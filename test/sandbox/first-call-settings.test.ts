/**
 * The first-call obstacles a sandbox plays beside the subscription delay and the use-case form (issue 15):
 * a Marketplace subscription that fails after the agreement is made (`--subscription-outcome error`, as for
 * an account without a valid payment method), the LEGACY models the account has used (`--legacy-in-use`),
 * and several service control policies at once (`--org-policy`, repeatable). Each through the command's
 * flags, the state file and `/_sandbox/account`, and read by clients we did not write (boto3, the AWS CLI).
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {BedrockClient, GetFoundationModelAvailabilityCommand, ListFoundationModelsCommand, ListInferenceProfilesCommand} from '@aws-sdk/client-bedrock';
import {BedrockRuntimeClient, ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {subscriptionFailedReason} from '../../source/sandbox/bedrock/agreements.js';
import {legacyNotInUseMessage, subscriptionFailedMessage} from '../../source/sandbox/runtime/model-access.js';
import {awsCli, boto3, clientEnv, runAwsCli} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {bedrockClient, controlRoute, rejection, runtimeClient, startTestSandbox, subscribeWithSdk} from '../helpers/sandbox.js';
import {sandboxProcess} from '../helpers/sandbox-process.js';

const run = promisify(execFile);
const OPUS = 'anthropic.claude-opus-5';
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
/** Two LEGACY models of the bundled catalog, each called from us-west-2 through a `us.` profile. */
const LEGACY = 'anthropic.claude-opus-4-1-20250805-v1:0';
const LEGACY_CALL = `us.${LEGACY}`;
const LEGACY_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const LEGACY_PROFILE_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const hello = {messages: [{role: 'user' as const, content: [{text: 'Hi'}]}], inferenceConfig: {maxTokens: 1}};

describe('a subscription that fails (subscriptionOutcome error)', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({subscriptionOutcome: 'error'});
	});
	afterAll(async () => sandbox.close());

	it('the agreement is made, then GetFoundationModelAvailability says ERROR with an errorMessage, and the model refuses in AWS words', async () => {
		const bedrock = bedrockClient(sandbox);
		expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: OPUS}))).agreementAvailability).toEqual({status: 'NOT_AVAILABLE'});
		await subscribeWithSdk(bedrock, OPUS);
		expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: OPUS}))).agreementAvailability).toEqual({
			status: 'ERROR',
			errorMessage: subscriptionFailedReason,
		});
		const refused = await rejection(runtimeClient(sandbox).send(new ConverseCommand({modelId: `us.${OPUS}`, ...hello})));
		expect(refused.name).toBe('AccessDeniedException');
		expect(refused.$metadata?.httpStatusCode).toBe(403);
		expect(refused.message).toBe(subscriptionFailedMessage);
		// First-party models need no subscription: they answer.
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: 'amazon.nova-lite-v1:0', ...hello}));
	});

	it('the first call by a principal who may subscribe starts the subscription, and it fails the same way', async () => {
		const refused = await rejection(runtimeClient(sandbox).send(new ConverseCommand({modelId: `us.${HAIKU}`, ...hello})));
		expect(refused.message).toContain('INVALID_PAYMENT_INSTRUMENT');
		expect((await bedrockClient(sandbox).send(new GetFoundationModelAvailabilityCommand({modelId: HAIKU}))).agreementAvailability?.status).toBe('ERROR');
	});

	it('/_sandbox/account: GET says it; available again (the payment method fixed) makes the failed agreements AVAILABLE', async () => {
		const route = (body?: unknown) => controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', ...(body === undefined ? {} : {body})});
		expect(await (await route()).json()).toMatchObject({subscriptionOutcome: 'error'});
		const bad = await route({subscriptionOutcome: 'failed'});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as {message: string}).message).toBe('subscriptionOutcome must be "available" or "error".');
		expect(await (await route({subscriptionOutcome: 'available'})).json()).toMatchObject({subscriptionOutcome: 'available'});
		expect((await bedrockClient(sandbox).send(new GetFoundationModelAvailabilityCommand({modelId: OPUS}))).agreementAvailability).toEqual({
			status: 'AVAILABLE',
		});
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: `us.${OPUS}`, ...hello}));
		await route({subscriptionOutcome: 'error'});
	});

	it('with a subscription delay: PENDING first, ERROR once the wait is over', async () => {
		// The real time (requests are signed with it), moved on by hand past the delay.
		let now = Date.now();
		const slow = await startTestSandbox({subscriptionOutcome: 'error', subscriptionDelayMs: 60_000, clock: () => new Date(now)});
		try {
			await subscribeWithSdk(slow, OPUS);
			const status = async () => (await bedrockClient(slow).send(new GetFoundationModelAvailabilityCommand({modelId: OPUS}))).agreementAvailability;
			expect(await status()).toEqual({status: 'PENDING'});
			now += 60_000;
			expect(await status()).toEqual({status: 'ERROR', errorMessage: subscriptionFailedReason});
		} finally {
			await slow.close();
		}
	});

	describeWithTool(boto3, 'boto3', () => {
		it('get_foundation_model_availability reads the ERROR and its errorMessage; converse raises AccessDeniedException', async () => {
			const script = [
				'import boto3, json, os',
				"bedrock = boto3.client('bedrock', endpoint_url=os.environ['BKW_ENDPOINT'])",
				"runtime = boto3.client('bedrock-runtime', endpoint_url=os.environ['BKW_ENDPOINT'])",
				`answer = bedrock.get_foundation_model_availability(modelId='${OPUS}')`,
				'try:',
				`    runtime.converse(modelId='us.${OPUS}', messages=[{'role': 'user', 'content': [{'text': 'Hi'}]}], inferenceConfig={'maxTokens': 1})`,
				'    refused = None',
				'except runtime.exceptions.AccessDeniedException as error:',
				"    refused = error.response['Error']['Message']",
				"print(json.dumps({'agreement': answer['agreementAvailability'], 'refused': refused}))",
			].join('\n');
			const {stdout} = await run('python3', ['-c', script], {env: clientEnv(sandbox), timeout: 30_000});
			expect(JSON.parse(stdout)).toEqual({agreement: {status: 'ERROR', errorMessage: subscriptionFailedReason}, refused: subscriptionFailedMessage});
		}, 60_000);
	});

	describeWithTool(awsCli, 'the AWS CLI', () => {
		it('aws bedrock get-foundation-model-availability prints the ERROR and its errorMessage', async () => {
			const {stdout} = await runAwsCli(sandbox, ['bedrock', 'get-foundation-model-availability', '--model-id', OPUS]);
			expect(JSON.parse(stdout)).toMatchObject({modelId: OPUS, agreementAvailability: {status: 'ERROR', errorMessage: subscriptionFailedReason}});
		}, 60_000);
	});
});

describe('LEGACY models the account has used (legacyModelsInUse)', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => sandbox.close());
	const route = (body?: unknown) => controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', ...(body === undefined ? {} : {body})});

	it('none by default: a LEGACY model refuses in AWS words; listed through /_sandbox/account, it answers; the others still refuse', async () => {
		expect(await (await route()).json()).toMatchObject({legacyModelsInUse: []});
		const refused = await rejection(runtimeClient(sandbox).send(new ConverseCommand({modelId: LEGACY_PROFILE, ...hello})));
		expect(refused.name).toBe('ResourceNotFoundException');
		expect(refused.message).toBe(legacyNotInUseMessage);
		// A profile id counts as its model's: that is what the account has used.
		const listed = await route({legacyModelsInUse: [LEGACY_PROFILE]});
		expect(await listed.json()).toMatchObject({legacyModelsInUse: [LEGACY_PROFILE_MODEL]});
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: LEGACY_PROFILE, ...hello}));
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: `global.${LEGACY_PROFILE_MODEL}`, ...hello}));
		const other = await rejection(runtimeClient(sandbox).send(new ConverseCommand({modelId: LEGACY_CALL, ...hello})));
		expect(other.message).toBe(legacyNotInUseMessage);
		expect(await (await route({legacyModelsInUse: 'all'})).json()).toMatchObject({legacyModelsInUse: 'all'});
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: LEGACY_CALL, ...hello}));
		await route({legacyModelsInUse: []});
	});

	it('an unknown id or a wrong type is a 400 naming it, and nothing changes', async () => {
		const unknown = await route({legacyModelsInUse: ['anthropic.claude-9']});
		expect(unknown.status).toBe(400);
		expect(((await unknown.json()) as {message: string}).message).toContain('Unknown model "anthropic.claude-9"');
		const wrong = await route({legacyModelsInUse: 'some'});
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as {message: string}).message).toContain('legacyModelsInUse must be "all" or a list of model ids');
		expect(await (await route()).json()).toMatchObject({legacyModelsInUse: []});
	});

	describeWithTool(awsCli, 'the AWS CLI', () => {
		it('aws bedrock-runtime converse: refused with the Legacy message, then answered once the model is listed', async () => {
			const converse = () =>
				runAwsCli(sandbox, [
					'bedrock-runtime',
					'converse',
					'--model-id',
					LEGACY_CALL,
					'--messages',
					JSON.stringify(hello.messages),
					'--inference-config',
					'{"maxTokens": 1}',
				]);
			const refused = await converse().then(
				() => '',
				(error: {stderr?: string}) => error.stderr ?? '',
			);
			expect(refused).toContain(`An error occurred (ResourceNotFoundException) when calling the Converse operation: ${legacyNotInUseMessage}`);
			await route({legacyModelsInUse: [LEGACY]});
			try {
				const {stdout} = await converse();
				expect(JSON.parse(stdout)).toMatchObject({stopReason: expect.any(String), output: {message: {role: 'assistant'}}});
			} finally {
				await route({legacyModelsInUse: []});
			}
		}, 60_000);
	});
});

describe('the state file', () => {
	it('a setting of the wrong kind is refused on load, naming it; an unknown LEGACY model too', async () => {
		const {SandboxStateError, SandboxSettingsError} = await import('../../source/sandbox/index.js');
		const dir = mkdtempSync(join(tmpdir(), 'bkw-first-call-state-'));
		const statePath = join(dir, 'sandbox.json');
		const base = {version: 1, accountId: '123456789012', users: [], accessKeys: [], serviceCredentials: [], modelAgreements: []};
		writeFileSync(statePath, JSON.stringify({...base, settings: {subscriptionOutcome: 'later'}}));
		await expect(startTestSandbox({statePath})).rejects.toThrow(SandboxStateError);
		await expect(startTestSandbox({statePath})).rejects.toThrow('settings.subscriptionOutcome must be "available" or "error"');
		writeFileSync(statePath, JSON.stringify({...base, settings: {legacyModelsInUse: ['anthropic.claude-9']}}));
		await expect(startTestSandbox({statePath})).rejects.toThrow(SandboxSettingsError);
	});
});

describe('the sandbox command', () => {
	it('--org-policy twice: both policies apply (each denial observed), GET names both, and the state file keeps both with the other settings', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-first-call-'));
		const noListing = join(dir, 'no-listing.json');
		const noProfiles = join(dir, 'no-profiles.json');
		writeFileSync(noListing, JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:ListFoundationModels', Resource: '*'}]}));
		writeFileSync(noProfiles, JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:ListInferenceProfiles', Resource: '*'}]}));
		const statePath = join(dir, 'sandbox.json');
		const started = await sandboxProcess([
			'--propagation-delay-ms',
			'0',
			'--state',
			statePath,
			'--org-policy',
			noListing,
			'--org-policy',
			noProfiles,
			'--subscription-outcome',
			'error',
			'--legacy-in-use',
			`${LEGACY}, ${LEGACY_PROFILE}`,
		]);
		const clients = (info: typeof started.info) => {
			const common = {
				region: info.region,
				endpoint: info.endpoint,
				credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey},
				maxAttempts: 1,
			};
			return {bedrock: new BedrockClient(common), runtime: new BedrockRuntimeClient(common)};
		};
		try {
			const {bedrock, runtime} = clients(started.info);
			for (const call of [bedrock.send(new ListFoundationModelsCommand({})), bedrock.send(new ListInferenceProfilesCommand({}))]) {
				const refused = await rejection(call);
				expect(refused.name).toBe('AccessDeniedException');
				expect(refused.message).toContain('with an explicit deny in a service control policy');
			}
			// What neither denies still answers.
			expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: 'amazon.nova-lite-v1:0'}))).agreementAvailability?.status).toBe(
				'AVAILABLE',
			);
			// The LEGACY model listed is admitted, and then refused for the failed subscription, not as unused.
			expect((await rejection(runtime.send(new ConverseCommand({modelId: LEGACY_PROFILE, ...hello})))).message).toBe(subscriptionFailedMessage);
			expect((await rejection(runtime.send(new ConverseCommand({modelId: `us.${OPUS}`, ...hello})))).message).toBe(subscriptionFailedMessage);
			expect(await (await controlRoute(started.info.endpoint, started.info.adminToken, {route: 'account'})).json()).toEqual({
				subscriptionDelayMs: 0,
				subscriptionOutcome: 'error',
				useCaseForm: 'submitted',
				serviceControlPolicies: ['no-listing.json', 'no-profiles.json'],
				legacyModelsInUse: [LEGACY, LEGACY_PROFILE_MODEL],
			});
		} finally {
			expect((await started.stop()).code).toBe(0);
		}
		const kept = (JSON.parse(readFileSync(statePath, 'utf8')) as {settings: Record<string, unknown>}).settings;
		expect(kept).toMatchObject({
			subscriptionOutcome: 'error',
			legacyModelsInUse: [LEGACY, LEGACY_PROFILE_MODEL],
			serviceControlPolicies: [
				{name: 'no-listing.json', document: readFileSync(noListing, 'utf8')},
				{name: 'no-profiles.json', document: readFileSync(noProfiles, 'utf8')},
			],
		});
		// A restart on the file alone plays both policies again.
		const again = await sandboxProcess(['--propagation-delay-ms', '0', '--state', statePath]);
		try {
			const {bedrock} = clients(again.info);
			expect((await rejection(bedrock.send(new ListFoundationModelsCommand({})))).message).toContain('service control policy');
			expect((await rejection(bedrock.send(new ListInferenceProfilesCommand({})))).message).toContain('service control policy');
			expect(await (await controlRoute(again.info.endpoint, again.info.adminToken, {route: 'account'})).json()).toMatchObject({
				subscriptionOutcome: 'error',
				serviceControlPolicies: ['no-listing.json', 'no-profiles.json'],
			});
		} finally {
			expect((await again.stop()).code).toBe(0);
		}
	}, 60_000);

	it('an unknown --legacy-in-use model, or an --subscription-outcome it does not know, is a usage error naming the flag (exit 2)', async () => {
		const {runCliCaptured} = await import('../helpers/cli.js');
		const legacy = await runCliCaptured(['sandbox', '--legacy-in-use', 'anthropic.claude-9']);
		expect(legacy.code, legacy.stderr).toBe(2);
		expect(legacy.stderr).toContain('--legacy-in-use: Unknown model "anthropic.claude-9"');
		const outcome = await runCliCaptured(['sandbox', '--subscription-outcome', 'maybe']);
		expect(outcome.code, outcome.stderr).toBe(2);
		expect(outcome.stderr).toContain('--subscription-outcome');
	});
});
