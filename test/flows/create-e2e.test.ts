/**
 * The create command end to end against the sandbox, with the real SDK clients and a propagation delay
 * above zero: what a person gets, what is left in IAM, and where the secret may (not) appear.
 */
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	AttachUserPolicyCommand,
	CreateUserCommand,
	ListAttachedUserPoliciesCommand,
	ListServiceSpecificCredentialsCommand,
	ListUserPoliciesCommand,
	ListUserTagsCommand,
	ListUsersCommand,
	GetUserPolicyCommand,
	ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {ProbeResult, VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 400});
});
afterAll(async () => sandbox.close());

const outDir = (): string => mkdtempSync(join(tmpdir(), 'bkw-create-'));

function create(args: readonly string[], dir = outDir(), on = sandbox): Promise<CliRun & {dir: string}> {
	return runCliCaptured(['create', '--endpoint-url', on.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--verify-timeout', '30', ...args], {
		env: adminEnv(on),
	}).then((run) => ({...run, dir}));
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const envValue = (dir: string, name: string): string | undefined => readFileSync(join(dir, '.env'), 'utf8').match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];

describe("the article's scenario, with today's models: a chat model through its profile and an embedding model", () => {
	// A sandbox of its own whose key takes 3 s to propagate: longer than a loaded machine takes from
	// CreateServiceSpecificCredential to the first probe (400 ms was not, and the retry below went unseen).
	let sandbox: RunningSandbox;
	let run: CliRun & {dir: string};
	beforeAll(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 3000});
		run = await create(['--user-name', 'article-user', '--models', `${HAIKU_PROFILE},${TITAN_V2}`, '--json', '--yes'], outDir(), sandbox);
	});
	afterAll(async () => sandbox.close());

	it('exits 0 with a report whose probes all pass, the forbidden models denied as expected', () => {
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report).toMatchObject({
			schemaVersion: 1,
			region: 'us-west-2',
			principal: 'arn:aws:iam::123456789012:user/article-user',
			policySource: 'inline:bedrock-key-wizard',
			pass: true,
		});
		const allowed = report.probes.filter((p: ProbeResult) => p.expected === 'allow');
		const denied = report.probes.filter((p: ProbeResult) => p.expected === 'deny');
		expect(allowed.map((p: ProbeResult) => `${p.model} ${p.operation}`)).toEqual([
			`${TITAN_V2} InvokeModel`,
			`${HAIKU_PROFILE} Converse`,
			`${HAIKU_PROFILE} ConverseStream`,
		]);
		expect(allowed.every((p: ProbeResult) => p.outcome === 'allowed' && p.pass)).toBe(true);
		expect(denied.length).toBeGreaterThanOrEqual(2);
		expect(denied.every((p: ProbeResult) => p.outcome === 'denied' && p.pass && p.errorCode === 'AccessDeniedException')).toBe(true);
		expect(run.stderr).toMatch(/denied as expected/);
		// What verification costs: a chat probe at most 20 input tokens and 1 output token; a denied probe none.
		for (const probe of allowed.filter((p) => p.operation.startsWith('Converse'))) {
			expect(probe.tokens!.input).toBeGreaterThan(0);
			expect(probe.tokens!.input).toBeLessThanOrEqual(20);
			expect(probe.tokens!.output).toBeLessThanOrEqual(1);
		}
		expect(denied.every((p) => p.tokens === undefined)).toBe(true);
		// The delay was real: at least one allowed probe had to be retried.
		expect(Math.max(...allowed.map((p: ProbeResult) => p.attempts))).toBeGreaterThan(1);
	});

	it('writes policy.json (what IAM holds), .env with mode 0600, and the report', async () => {
		const applied = await iamClient(sandbox).send(new GetUserPolicyCommand({UserName: 'article-user', PolicyName: 'bedrock-key-wizard'}));
		expect(JSON.parse(decodeURIComponent(applied.PolicyDocument!))).toEqual(readJson(join(run.dir, 'policy.json')));
		expect(statSync(join(run.dir, '.env')).mode & 0o777).toBe(0o600);
		expect(envValue(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')).toMatch(/^ABSK/);
		expect(envValue(run.dir, 'AWS_REGION')).toBe('us-west-2');
		expect(readJson(join(run.dir, 'bedrock-key-report.json'))).toEqual(JSON.parse(run.stdout));
	});

	it('never shows the secret: not on stdout, stderr, in the report or the policy', () => {
		const secret = envValue(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')!;
		expect(secret.length).toBeGreaterThan(20);
		for (const text of [
			run.stdout,
			run.stderr,
			readFileSync(join(run.dir, 'bedrock-key-report.json'), 'utf8'),
			readFileSync(join(run.dir, 'policy.json'), 'utf8'),
		]) {
			expect(text).not.toContain(secret);
			expect(text).not.toContain(secret.slice(4, 30));
		}
		expect(run.stdout + run.stderr).not.toContain(sandbox.admin.secretAccessKey);
	});

	it("probes with the new key only, never the operator's credentials", () => {
		const calls = sandbox.store.runtimeCalls();
		expect(calls.length).toBeGreaterThanOrEqual(5);
		expect(calls.every((call) => call.principalArn === 'arn:aws:iam::123456789012:user/article-user' && call.auth === 'bearer')).toBe(true);
	});

	it('tags the user as made by this tool, with when (cleanup finds it by these tags)', async () => {
		const {Tags} = await iamClient(sandbox).send(new ListUserTagsCommand({UserName: 'article-user'}));
		const tags = Object.fromEntries((Tags ?? []).map((tag) => [tag.Key, tag.Value]));
		expect(tags['bedrock-key-wizard:managed']).toBe('true');
		expect(Date.now() - Date.parse(tags['bedrock-key-wizard:created'] ?? '')).toBeLessThan(120_000);
	});
});

describe('other kinds of key', () => {
	it("a short-term key, signed with the new user's own access key, is proven with both", async () => {
		const run = await create(['--user-name', 'short-term-user', '--models', `${NOVA_LITE},${TITAN_V2}`, '--key', 'short-term', '--json']);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report.keys?.map((key) => key.type)).toEqual(['short-term', 'access-key']);
		expect(new Set(report.probes.map((p) => p.auth))).toEqual(new Set(['api-key', 'sigv4']));
		expect(envValue(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')).toMatch(/^bedrock-api-key-/);
		const token = envValue(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')!;
		const secret = envValue(run.dir, 'AWS_SECRET_ACCESS_KEY')!;
		for (const text of [run.stdout, run.stderr]) {
			expect(text).not.toContain(token.slice(16, 60));
			expect(text).not.toContain(secret);
		}
		const calls = sandbox.store.runtimeCalls().filter((call) => call.principalArn.endsWith('user/short-term-user'));
		expect(new Set(calls.map((call) => call.auth))).toEqual(new Set(['bearer', 'sigv4']));
	});

	it('falls back to the bundled catalog, with a notice, when the operator may not list models', async () => {
		const {provisionUser} = await import('../helpers/sandbox.js');
		const operator = await provisionUser(sandbox, 'iam-only-operator', {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: ['iam:*', 'sts:GetCallerIdentity'], Resource: '*'},
				{Effect: 'Deny', Action: 'bedrock:List*', Resource: '*'},
			],
		});
		await new Promise((resolve) => setTimeout(resolve, 450));
		const run = await runCliCaptured(
			['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir(), '--models', TITAN_V2, '--user-name', 'fallback-user'],
			{
				env: {AWS_ACCESS_KEY_ID: operator.accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: operator.accessKey.secretAccessKey},
			},
		);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toMatch(/live model catalog could not be read \(AccessDeniedException.*using the catalog bundled with this tool/);
	});
});

describe("another Region than the sandbox's own", () => {
	it('a long-term key (which carries no Region) is proven in the Region chosen, through the regional endpoint', async () => {
		const dir = outDir();
		const run = await runCliCaptured(
			[
				'create',
				'--endpoint-url',
				sandbox.regionalEndpoint,
				'--region',
				'us-east-1',
				'--out-dir',
				dir,
				'--verify-timeout',
				'30',
				'--user-name',
				'east-user',
				'--models',
				TITAN_V2,
				'--json',
			],
			{
				env: adminEnv(sandbox),
			},
		);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report.region).toBe('us-east-1');
		expect(readFileSync(join(dir, 'policy.json'), 'utf8')).toContain('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0');
		expect(report.probes.every((p) => p.pass)).toBe(true);
	});
});

describe('running again on the same user', () => {
	it('refuses without --yes, then updates the policy for the new model list and detaches nothing unasked', async () => {
		const iam = iamClient(sandbox);
		const first = await create(['--user-name', 'rerun-user', '--models', TITAN_V2, '--key', 'access-key']);
		expect(first.code, first.stderr).toBe(0);
		// Something the tool did not make and must not touch.
		await iam.send(new AttachUserPolicyCommand({UserName: 'rerun-user', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess'}));

		const refused = await create(['--user-name', 'rerun-user', '--models', `${TITAN_V2},${NOVA_LITE}`, '--key', 'access-key']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('--yes');

		const second = await create(['--user-name', 'rerun-user', '--models', `${TITAN_V2},${NOVA_LITE}`, '--key', 'access-key', '--yes']);
		expect(second.code, second.stderr).toBe(0);
		expect(second.stderr).toContain('Keeps AdministratorAccess attached');
		const policy = await iam.send(new GetUserPolicyCommand({UserName: 'rerun-user', PolicyName: 'bedrock-key-wizard'}));
		expect(decodeURIComponent(policy.PolicyDocument!)).toContain(`foundation-model/${NOVA_LITE}`);
		const attached = await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'rerun-user'}));
		expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess']);
		// Even with AdministratorAccess on the user, the guardrail keeps other models denied.
		expect(second.stdout).toMatch(/✓ +\S+ +\S+ +sigv4 +deny +denied/);
	});

	it("detaches the console's AmazonBedrockLimitedAccess from an existing user it takes over", async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'BedrockAPIKey-abcd'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'BedrockAPIKey-abcd', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		const run = await create(['--user-name', 'BedrockAPIKey-abcd', '--models', TITAN_V2, '--yes']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('Detach managed policy AmazonBedrockLimitedAccess');
		const attached = await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'BedrockAPIKey-abcd'}));
		expect(attached.AttachedPolicies).toEqual([]);
	});
});

describe('a failure at each apply step leaves nothing behind', () => {
	const steps = ['CreateUser', 'PutUserPolicy', 'CreateServiceSpecificCredential', 'CreateAccessKey'] as const;
	for (const operation of steps) {
		it(`${operation} fails: everything made before it is rolled back, and the report says so`, async () => {
			const userName = `fault-${operation.toLowerCase()}`;
			// More failures than the SDK's retries.
			const rule = sandbox.faults.add({operation, kind: '500', times: 10});
			try {
				const run = await create(['--user-name', userName, '--models', TITAN_V2, '--key', 'api-key,access-key', '--json']);
				expect(run.code).toBe(3);
				const output = JSON.parse(run.stdout);
				expect(output.error.kind).toBe('aws-refused');
				expect(output.error.message).toContain('InternalFailure');
				if (operation !== 'CreateUser') expect(run.stderr).toMatch(/Rolled back \d+ change/);
				expect(rule.fired).toBeGreaterThan(0);
			} finally {
				sandbox.faults.clear();
			}
			const iam = iamClient(sandbox);
			const users = await iam.send(new ListUsersCommand({}));
			expect(users.Users?.map((user) => user.UserName)).not.toContain(userName);
			const credentials = await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}));
			expect(credentials.ServiceSpecificCredentials?.map((c) => c.UserName)).not.toContain(userName);
			await expect(iam.send(new ListUserPoliciesCommand({UserName: userName}))).rejects.toMatchObject({name: 'NoSuchEntityException'});
			await expect(iam.send(new ListAccessKeysCommand({UserName: userName}))).rejects.toMatchObject({name: 'NoSuchEntityException'});
		});
	}
});

describe('bad input, before anything changes', () => {
	it('an unknown model exits 2 with suggestions and creates no user', async () => {
		const run = await create(['--user-name', 'never-made', '--models', 'amazon.titan-embed-text-v9']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('amazon.titan-embed-text-v2:0');
		const users = await iamClient(sandbox).send(new ListUsersCommand({}));
		expect(users.Users?.map((user) => user.UserName)).not.toContain('never-made');
	});

	it('missing --models on real AWS names the flag; bad flag values name the fix', async () => {
		expect((await create(['--user-name', 'x1'])).stderr).toContain('--models');
		expect((await create(['--models', TITAN_V2, '--expires-in-days', '0'])).code).toBe(2);
		expect((await create(['--models', TITAN_V2, '--user-name', 'has space'])).code).toBe(2);
		expect((await create(['--models', TITAN_V2, '--key', 'password'])).code).toBe(2);
	});

	it('an existing .env is not overwritten without --yes', async () => {
		const dir = outDir();
		const first = await create(['--user-name', 'env-user-1', '--models', TITAN_V2], dir);
		expect(first.code, first.stderr).toBe(0);
		const before = readFileSync(join(dir, '.env'), 'utf8');
		const second = await create(['--user-name', 'env-user-2', '--models', TITAN_V2], dir);
		expect(second.code).toBe(2);
		expect(second.stderr).toContain('already exist');
		expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(before);
	});

	it('an operator who may not create users gets one error listing every missing permission, exit 3', async () => {
		const {provisionUser} = await import('../helpers/sandbox.js');
		const operator = await provisionUser(sandbox, 'weak-operator', {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUserTags', 'iam:SimulatePrincipalPolicy', 'bedrock:List*', 'bedrock:Get*'], Resource: '*'},
			],
		});
		await new Promise((resolve) => setTimeout(resolve, 450));
		const run = await runCliCaptured(
			['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir(), '--models', TITAN_V2, '--user-name', 'not-allowed'],
			{
				env: {AWS_ACCESS_KEY_ID: operator.accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: operator.accessKey.secretAccessKey},
			},
		);
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toMatch(/may not make \d+ of the AWS calls/);
		for (const action of ['iam:CreateUser', 'iam:PutUserPolicy', 'iam:CreateServiceSpecificCredential']) expect(run.stderr).toContain(action);
	});
});
