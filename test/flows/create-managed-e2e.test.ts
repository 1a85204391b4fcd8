/**
 * create with a customer managed policy (issue 14, item 1), end to end against the sandbox with the real
 * SDK clients: the set a Claude Code user wants does not fit inline, so `auto` makes a managed policy named
 * after the user, tagged and attached; a rerun gives it a new default version within IAM's 5; an existing
 * user's own inline policies count against the inline budget and are left alone; cleanup removes it all.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {
	CreatePolicyVersionCommand,
	CreateUserCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	GetUserCommand,
	GetUserPolicyCommand,
	ListAttachedUserPoliciesCommand,
	ListPoliciesCommand,
	ListPolicyVersionsCommand,
	ListUserPoliciesCommand,
	PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {ProbeResult, VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {itWithTool, requiredTool, underCi} from '../helpers/required-tool.js';
import {adminEnv, bearerRuntimeClient, iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'us.anthropic.claude-sonnet-5';
const OPUS = 'us.anthropic.claude-opus-5';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const CLAUDE_CODE = [HAIKU, SONNET, OPUS, TITAN_V2].join(',');

const boto3 = requiredTool('python3 with boto3 (apt-get install -y python3-boto3)', 'python3', ['-c', 'import boto3']);
const boto3Script = fileURLToPath(new URL('clients/bearer_converse_boto3.py', import.meta.url));

/** Converse through boto3 with the key create saved in `dir`: each `allowed` must answer, each `denied` be AccessDenied. */
async function converseWithBoto3(dir: string, allowed: readonly string[], denied: readonly string[]): Promise<unknown> {
	const token = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
	const home = mkdtempSync(join(tmpdir(), 'bkw-boto3-'));
	const {stdout} = await promisify(execFile)('python3', [boto3Script], {
		env: {
			PATH: process.env['PATH'],
			HOME: home,
			BKW_ENDPOINT: sandbox.endpoint,
			AWS_BEARER_TOKEN_BEDROCK: token,
			BKW_ALLOWED: allowed.join(','),
			BKW_DENIED: denied.join(','),
			AWS_CONFIG_FILE: join(home, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
			AWS_EC2_METADATA_DISABLED: 'true',
		},
	});
	return JSON.parse(stdout) as unknown;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterAll(async () => sandbox.close());

const policyArn = (userName: string): string => `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/bedrock-key-wizard-${userName}`;

function create(args: readonly string[]): Promise<CliRun & {dir: string}> {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-managed-'));
	return runCliCaptured(
		['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--verify-timeout', '30', '--json', ...args],
		{
			env: adminEnv(sandbox),
		},
	).then((run) => ({...run, dir}));
}

const ourPolicies = async (): Promise<string[]> =>
	((await iamClient(sandbox).send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}))).Policies ?? []).map(
		(policy) => policy.Arn ?? '',
	);

const versions = async (arn: string): Promise<Array<{id: string; isDefault: boolean}>> =>
	((await iamClient(sandbox).send(new ListPolicyVersionsCommand({PolicyArn: arn}))).Versions ?? [])
		.map((version) => ({id: version.VersionId ?? '', isDefault: version.IsDefaultVersion === true}))
		.sort((a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}));

describe('Claude Code models (Haiku 4.5, Sonnet 5, Opus 5 through their us. profiles) and Titan Text Embeddings v2, headless', () => {
	const userName = 'claude-code-user';
	let run: CliRun & {dir: string};
	let report: VerificationReport;
	beforeAll(async () => {
		run = await create(['--user-name', userName, '--models', CLAUDE_CODE, '--yes']);
		report = JSON.parse(run.stdout) as VerificationReport;
	});

	it('succeeds with a customer managed policy: the review says so, with its size', () => {
		expect(run.code, run.stderr).toBe(0);
		expect(report).toMatchObject({
			pass: true,
			policySource: `managed:${policyArn(userName)}`,
			policy: {type: 'managed', limit: 6144, names: [`bedrock-key-wizard-${userName}`]},
		});
		expect(report.policy!.size).toBeGreaterThan(2048);
		expect(run.stderr).toMatch(
			/Customer managed policy bedrock-key-wizard-claude-code-user under \/bedrock-key-wizard\/, attached to the user: \d+ characters/,
		);
		expect(run.stderr).toMatch(/Characters in each form: inline [\d,]+\/2,048 \(too large\) · managed [\d,]+\/6,144 ◂ chosen/);
		expect(run.stderr).toContain('Create customer managed policy bedrock-key-wizard-claude-code-user');
		expect(run.stderr).toContain('Attach managed policy bedrock-key-wizard-claude-code-user');
	});

	it('the user holds no inline policy, only the managed policy: tagged like the users, its default version what policy.json says', async () => {
		const iam = iamClient(sandbox);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames).toEqual([]);
		const attached = (await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies ?? [];
		expect(attached.map((policy) => policy.PolicyArn)).toEqual([policyArn(userName)]);
		const {Policy} = await iam.send(new GetPolicyCommand({PolicyArn: policyArn(userName)}));
		expect(Policy?.Path).toBe('/bedrock-key-wizard/');
		expect(Object.fromEntries((Policy?.Tags ?? []).map((tag) => [tag.Key, tag.Value]))).toMatchObject({'bedrock-key-wizard:managed': 'true'});
		const {PolicyVersion} = await iam.send(new GetPolicyVersionCommand({PolicyArn: policyArn(userName), VersionId: Policy?.DefaultVersionId ?? ''}));
		expect(JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? ''))).toEqual(JSON.parse(readFileSync(join(run.dir, 'policy.json'), 'utf8')));
		// More than fits inline: that is why it is managed.
		expect(JSON.stringify(JSON.parse(readFileSync(join(run.dir, 'policy.json'), 'utf8'))).length).toBeGreaterThan(2048);
	});

	it('the key answers through all three profiles and the embedding model, and the forbidden models are denied', () => {
		const allowed = report.probes.filter((probe: ProbeResult) => probe.expected === 'allow');
		for (const model of [HAIKU, SONNET, OPUS, TITAN_V2]) expect(allowed.some((probe) => probe.model === model && probe.pass)).toBe(true);
		expect(allowed.every((probe) => probe.outcome === 'allowed' && probe.pass)).toBe(true);
		const denied = report.probes.filter((probe: ProbeResult) => probe.expected === 'deny');
		expect(denied.length).toBeGreaterThanOrEqual(1);
		expect(denied.every((probe) => probe.outcome === 'denied' && probe.pass)).toBe(true);
	});

	it('the key, used directly with the SDK, reaches Sonnet 5 through its profile and not Sonnet 5.5', async () => {
		const token = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(run.dir, '.env'), 'utf8'))![1]!;
		const runtime = bearerRuntimeClient(sandbox, token);
		const message = {role: 'user' as const, content: [{text: 'Hi'}]};
		await runtime.send(new ConverseCommand({modelId: SONNET, messages: [message], inferenceConfig: {maxTokens: 1}}));
		const refused = await rejection(
			runtime.send(new ConverseCommand({modelId: 'us.anthropic.claude-sonnet-5-5', messages: [message], inferenceConfig: {maxTokens: 1}})),
		);
		expect(refused.name).toBe('AccessDeniedException');
	});

	itWithTool(boto3, 'boto3 with the key (a client we did not write): the three profiles answer, Sonnet 5.5 and Opus 5.5 are denied', async () => {
		const denied = ['us.anthropic.claude-sonnet-5-5', 'us.anthropic.claude-opus-5-5'];
		expect(await converseWithBoto3(run.dir, [HAIKU, SONNET, OPUS], denied)).toEqual({
			checked: [`allowed ${HAIKU}`, `allowed ${SONNET}`, `allowed ${OPUS}`, ...denied.map((model) => `denied ${model}`)],
		});
	});

	it('a rerun with other models gives the policy a new default version, pruning the oldest so IAM keeps at most 5', async () => {
		const iam = iamClient(sandbox);
		const document = readFileSync(join(run.dir, 'policy.json'), 'utf8');
		// Four older versions beside the default: the policy is at IAM's 5.
		for (let index = 0; index < 4; index++) await iam.send(new CreatePolicyVersionCommand({PolicyArn: policyArn(userName), PolicyDocument: document}));
		expect(await versions(policyArn(userName))).toEqual([
			{id: 'v1', isDefault: true},
			{id: 'v2', isDefault: false},
			{id: 'v3', isDefault: false},
			{id: 'v4', isDefault: false},
			{id: 'v5', isDefault: false},
		]);
		const again = await create(['--user-name', userName, '--models', [HAIKU, SONNET, OPUS].join(','), '--yes', '--replace-keys']);
		expect(again.code, again.stderr).toBe(0);
		expect(again.stderr).toContain('exists from an earlier run');
		expect(await versions(policyArn(userName))).toEqual([
			{id: 'v1', isDefault: false},
			{id: 'v3', isDefault: false},
			{id: 'v4', isDefault: false},
			{id: 'v5', isDefault: false},
			{id: 'v6', isDefault: true},
		]);
		const {PolicyVersion} = await iam.send(new GetPolicyVersionCommand({PolicyArn: policyArn(userName), VersionId: 'v6'}));
		expect(JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? ''))).toEqual(JSON.parse(readFileSync(join(again.dir, 'policy.json'), 'utf8')));
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([
			policyArn(userName),
		]);
	});

	it('going back to an inline policy puts it and deletes the managed one; going managed again removes the inline one', async () => {
		const iam = iamClient(sandbox);
		const back = await create(['--user-name', userName, '--models', TITAN_V2, '--yes', '--replace-keys']);
		expect(back.code, back.stderr).toBe(0);
		expect(JSON.parse(back.stdout)).toMatchObject({
			policySource: 'inline:bedrock-key-wizard',
			policy: {type: 'inline', limit: 2048, names: ['bedrock-key-wizard']},
		});
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies).toEqual([]);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames).toEqual(['bedrock-key-wizard']);
		// The stale managed policy is deleted, versions included, once the new key works and is saved.
		expect(back.stderr).toContain('Delete managed policy bedrock-key-wizard-claude-code-user');
		expect(await ourPolicies()).toEqual([]);
		// Managed again: the inline policy goes, and a new managed policy is made and attached.
		const managed = await create(['--user-name', userName, '--models', CLAUDE_CODE, '--yes', '--replace-keys']);
		expect(managed.code, managed.stderr).toBe(0);
		expect(await versions(policyArn(userName))).toEqual([{id: 'v1', isDefault: true}]);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames).toEqual([]);
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([
			policyArn(userName),
		]);
	});

	it('cleanup --yes leaves neither the user nor its managed policy', async () => {
		const cleanup = await runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--user-name', userName, '--yes'], {env: adminEnv(sandbox)});
		expect(cleanup.code, cleanup.stderr).toBe(0);
		const iam = iamClient(sandbox);
		expect((await rejection(iam.send(new GetUserCommand({UserName: userName})))).name).toBe('NoSuchEntityException');
		expect((await rejection(iam.send(new GetPolicyCommand({PolicyArn: policyArn(userName)})))).name).toBe('NoSuchEntityException');
		expect(await ourPolicies()).not.toContain(policyArn(userName));
	});
});

/** Ten models: on-demand, geographic (us.) and global profiles, chat and embeddings. */
const TEN = [
	TITAN_V2,
	'amazon.nova-lite-v1:0',
	'us.amazon.nova-micro-v1:0',
	HAIKU,
	SONNET,
	OPUS,
	'us.amazon.nova-pro-v1:0',
	'global.anthropic.claude-sonnet-4-6',
	'global.amazon.nova-2-lite-v1:0',
	'global.cohere.embed-v4:0',
];

describe('ten models, mixed on-demand, geographic and global', () => {
	const cases = [
		{form: 'any-region', userName: 'ten-models', policies: 1},
		// Each destination Region listed: more than 6,144 characters, so the policy is split across managed policies.
		{form: 'exact', userName: 'ten-models-exact', policies: 3},
	] as const;
	for (const {form, userName, policies} of cases) {
		it(`--destinations ${form}: ${policies === 1 ? 'one managed policy' : `split across ${policies} managed policies`}; the key calls all ten and is denied the others; cleanup leaves nothing`, async () => {
			const run = await create(['--user-name', userName, '--models', TEN.join(','), '--destinations', form, '--yes']);
			expect(run.code, run.stderr).toBe(0);
			const report = JSON.parse(run.stdout) as VerificationReport;
			const names =
				policies === 1 ? [`bedrock-key-wizard-${userName}`] : Array.from({length: policies}, (_, index) => `bedrock-key-wizard-${userName}-${index + 1}`);
			expect(report).toMatchObject({pass: true, policy: {type: 'managed', names}});
			const allowed = report.probes.filter((probe) => probe.expected === 'allow');
			for (const model of TEN)
				expect(
					allowed.some((probe) => probe.model === model && probe.outcome === 'allowed'),
					model,
				).toBe(true);
			const denied = report.probes.filter((probe) => probe.expected === 'deny');
			expect(denied.length).toBeGreaterThanOrEqual(1);
			expect(denied.every((probe) => probe.outcome === 'denied')).toBe(true);
			// A client we did not write: boto3 with the key, every chat model of the ten (Converse; the two embedding
			// models answer InvokeModel only) and every model create proved denied.
			if (boto3.available || underCi) {
				const chat = TEN.filter((model) => model !== TITAN_V2 && !model.includes('embed'));
				const deniedIds = [...new Set(denied.map((probe) => probe.model))];
				expect(await converseWithBoto3(run.dir, chat, deniedIds)).toEqual({
					checked: [...chat.map((model) => `allowed ${model}`), ...deniedIds.map((model) => `denied ${model}`)],
				});
			}
			const iam = iamClient(sandbox);
			const attached = (await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies ?? [];
			expect(attached.map((policy) => policy.PolicyName).sort()).toEqual([...names].sort());
			expect((await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames).toEqual([]);
			const cleanup = await runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--user-name', userName, '--yes'], {env: adminEnv(sandbox)});
			expect(cleanup.code, cleanup.stderr).toBe(0);
			expect((await rejection(iam.send(new GetUserCommand({UserName: userName})))).name).toBe('NoSuchEntityException');
			expect((await ourPolicies()).filter((arn) => arn.includes(`/bedrock-key-wizard-${userName}`))).toEqual([]);
		});
	}
});

describe('an existing user with a 1,500-character inline policy of its own', () => {
	const userName = 'busy-user';
	const own = {
		Version: '2012-10-17',
		Statement: [
			{Sid: 'Own', Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({length: 36}, (_, index) => `arn:aws:s3:::team-bucket-${index}/data/*`)},
		],
	};

	it('gets a managed policy (the two would not fit inline together), and its own policy is untouched', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: userName}));
		const text = JSON.stringify(own);
		expect(text.length).toBeGreaterThanOrEqual(1400);
		expect(text.length).toBeLessThanOrEqual(1600);
		await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: 'team-data', PolicyDocument: text}));
		const run = await create(['--user-name', userName, '--models', `${HAIKU},${TITAN_V2}`, '--yes']);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({pass: true, policySource: `managed:${policyArn(userName)}`, policy: {type: 'managed'}});
		expect(run.stderr).toContain(`IAM user ${userName} already exists: this tool's managed policy is attached to it`);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames).toEqual(['team-data']);
		const {PolicyDocument} = await iam.send(new GetUserPolicyCommand({UserName: userName, PolicyName: 'team-data'}));
		expect(JSON.parse(decodeURIComponent(PolicyDocument ?? ''))).toEqual(own);
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([
			policyArn(userName),
		]);
	});
});

describe('the pre-flight', () => {
	it('an operator who may manage users but not policies is told, before anything changes, every call on the managed policy it misses', async () => {
		const operator = await provisionUser(sandbox, 'user-admin', {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::${sandbox.accountId}:user/*`},
				{Effect: 'Allow', Action: ['iam:SimulatePrincipalPolicy', 'iam:GetPolicy', 'bedrock:List*', 'bedrock:Get*'], Resource: '*'},
			],
		});
		await new Promise((resolve) => setTimeout(resolve, 250));
		const dir = mkdtempSync(join(tmpdir(), 'bkw-managed-'));
		const run = await runCliCaptured(
			['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--models', CLAUDE_CODE, '--user-name', 'policy-less'],
			{env: {AWS_ACCESS_KEY_ID: operator.accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: operator.accessKey.secretAccessKey}},
		);
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toMatch(/may not make \d+ of the AWS calls/);
		for (const action of ['iam:CreatePolicy', 'iam:TagPolicy', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'])
			expect(run.stderr).toContain(action);
		expect(run.stderr).not.toContain('iam:CreateUser,');
		expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: 'policy-less'})))).name).toBe('NoSuchEntityException');
		expect(await ourPolicies()).not.toContain(policyArn('policy-less'));
	});
});
