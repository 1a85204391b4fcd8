/**
 * check against the sandbox with the real SDK clients: a key made by create passes; the same key after
 * its user got AmazonBedrockFullAccess and lost the guardrail fails, naming the forbidden model.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AttachUserPolicyCommand, GetUserPolicyCommand, ListAttachedUserPoliciesCommand, PutUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {adminEnv as sandboxAdminEnv, iamClient, provisionUser, startTestSandbox} from '../helpers/sandbox.js';

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
let dir: string;
let apiKey: string;
/** Admin credentials reach check through a profile file named in the environment, never argv. */
let adminEnv: Record<string, string>;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-'));
	const created = await runCliCaptured(
		['create', ...onSandbox(sandbox, dir), '--user-name', 'check-user', '--models', `${NOVA_LITE},${TITAN_V2}`, '--verify-timeout', '30', '--json'],
		{
			env: sandboxAdminEnv(sandbox),
		},
	);
	expect(created.code, created.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
	const credentials = join(dir, 'credentials');
	writeFileSync(credentials, `[bkw-admin]\naws_access_key_id = ${sandbox.admin.accessKeyId}\naws_secret_access_key = ${sandbox.admin.secretAccessKey}\n`, {
		mode: 0o600,
	});
	adminEnv = {AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(dir, 'no-config')};
});
afterAll(async () => sandbox.close());

export function check(args: readonly string[], env: Record<string, string> = {}, stdin?: string): Promise<CliRun> {
	return runCliCaptured(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--verify-timeout', '3', ...args], {
		env: {AWS_BEARER_TOKEN_BEDROCK: apiKey, ...env},
		...(stdin !== undefined ? {stdin} : {}),
	});
}

describe('check on a key made by create', () => {
	it("passes with the expectations of the saved report, and names the key's user", async () => {
		const run = await check(['--report', join(dir, 'bedrock-key-report.json'), '--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as {
			schemaVersion: number;
			pass: boolean;
			principal: string;
			probes: Array<{expected: string; pass: boolean}>;
			check: {mode: string};
		};
		expect(document).toMatchObject({schemaVersion: 1, pass: true, principal: 'arn:aws:iam::123456789012:user/check-user', check: {mode: 'expectations'}});
		expect(document.probes.filter((p) => p.expected === 'deny').length).toBeGreaterThan(0);
	});

	it('refuses a --report it cannot read (exit 2), naming the file and why', async () => {
		const run = await check(['--report', join(dir, 'no-such-report.json')]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`${join(dir, 'no-such-report.json')} is not a bedrock-key-report.json this tool can read (ENOENT)`);
	});

	it('passes with --expect-allowed/--expect-denied, the key on stdin', async () => {
		const run = await runCliCaptured(
			[
				'check',
				'--endpoint-url',
				sandbox.endpoint,
				'--region',
				'us-west-2',
				'--api-key-stdin',
				'--expect-allowed',
				NOVA_LITE,
				'--expect-denied',
				'meta.llama3-8b-instruct-v1:0',
			],
			{stdin: `${apiKey}\n`},
		);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('Every expectation held');
	});

	it('with no expectations, lists exactly the models the key can call', async () => {
		const run = await check(['--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as {check: {mode: string; discovery: {tried: number; callable: string[]}}};
		expect(document.check.mode).toBe('discovery');
		expect(document.check.discovery.callable.sort()).toEqual([NOVA_LITE, TITAN_V2]);
		expect(document.check.discovery.tried).toBeGreaterThan(10);
	});

	it('with admin credentials (a profile), shows the user, its key with expiry, and no broad policy', async () => {
		const run = await check(['--expect-allowed', `${NOVA_LITE},${TITAN_V2}`, '--admin-profile', 'bkw-admin', '--json'], adminEnv);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as {
			policySource: string;
			check: {
				user: {userName: string; managedByTool: boolean; guardrail: boolean; broadPolicies: string[]; apiKeys: Array<{expiresAt: string | null}>};
				tighten?: unknown;
			};
		};
		expect(document.check.user).toMatchObject({userName: 'check-user', managedByTool: true, guardrail: true, broadPolicies: []});
		expect(document.check.user.apiKeys[0]!.expiresAt).toMatch(/^\d{4}-/);
		expect(document.policySource).toBe('inline:bedrock-key-wizard');
		expect(document.check.tighten).toBeUndefined();
	});
});

describe('the same key after its user got AmazonBedrockFullAccess and lost the guardrail', () => {
	beforeAll(async () => {
		const iam = iamClient(sandbox);
		await iam.send(new AttachUserPolicyCommand({UserName: 'check-user', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
		const current = await iam.send(new GetUserPolicyCommand({UserName: 'check-user', PolicyName: 'bedrock-key-wizard'}));
		const document = JSON.parse(decodeURIComponent(current.PolicyDocument!)) as {Statement: Array<{Effect: string}>};
		document.Statement = document.Statement.filter((statement) => statement.Effect !== 'Deny');
		await iam.send(new PutUserPolicyCommand({UserName: 'check-user', PolicyName: 'bedrock-key-wizard', PolicyDocument: JSON.stringify(document)}));
		await new Promise((resolve) => setTimeout(resolve, 300));
	});

	it('exits 1 and names the forbidden model that became callable', async () => {
		const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as {probes: Array<{model: string; expected: string}>};
		const forbidden = [...new Set(report.probes.filter((p) => p.expected === 'deny').map((p) => p.model))];
		const run = await check(['--report', join(dir, 'bedrock-key-report.json')]);
		expect(run.code, run.stderr).toBe(1);
		for (const model of forbidden) expect(run.stdout).toContain(model);
		expect(run.stdout).toMatch(/can call forbidden models? .*/);
	});

	it('with admin credentials: flags the broad policy and the missing guardrail, and proposes a policy Access Analyzer proves is not broader', async () => {
		const run = await check(['--report', join(dir, 'bedrock-key-report.json'), '--admin-profile', 'bkw-admin', '--json'], adminEnv);
		expect(run.code).toBe(1);
		const document = JSON.parse(run.stdout) as {
			check: {user: {broadPolicies: string[]; guardrail: boolean}; tighten: {noNewAccess: string; detach: string[]; applied: boolean}};
		};
		expect(document.check.user.broadPolicies).toEqual(['arn:aws:iam::aws:policy/AmazonBedrockFullAccess']);
		expect(document.check.user.guardrail).toBe(false);
		expect(document.check.tighten).toMatchObject({noNewAccess: 'PASS', detach: ['arn:aws:iam::aws:policy/AmazonBedrockFullAccess'], applied: false});
		expect(run.stderr).toContain('AmazonBedrockFullAccess lets this user call every model');
		expect(run.stderr).toContain('--tighten');
	});

	it('an admin not allowed CheckNoNewAccess: the proposal without a verdict, and a notice that the offline evaluator checked it', async () => {
		const limited = await provisionUser(sandbox, 'admin-without-analyzer', {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: '*', Resource: '*'},
				{Effect: 'Deny', Action: 'access-analyzer:CheckNoNewAccess', Resource: '*'},
			],
		});
		// Bedrock knows the new access key once IAM's change has propagated (the sandbox's 200 ms).
		await new Promise((resolve) => setTimeout(resolve, 300));
		const credentials = join(dir, 'limited-credentials');
		writeFileSync(
			credentials,
			`[bkw-limited]\naws_access_key_id = ${limited.accessKey.accessKeyId}\naws_secret_access_key = ${limited.accessKey.secretAccessKey}\n`,
			{mode: 0o600},
		);
		const run = await check(['--report', join(dir, 'bedrock-key-report.json'), '--admin-profile', 'bkw-limited', '--json'], {
			AWS_SHARED_CREDENTIALS_FILE: credentials,
			AWS_CONFIG_FILE: join(dir, 'no-config'),
		});
		expect(run.code, run.stderr).toBe(1);
		const document = JSON.parse(run.stdout) as {check: {tighten: {noNewAccess: string | null; detach: string[]}}};
		expect(document.check.tighten).toMatchObject({noNewAccess: null, detach: ['arn:aws:iam::aws:policy/AmazonBedrockFullAccess']});
		expect(run.stderr).toContain('CheckNoNewAccess was not available to the admin credentials');
	});

	it('CheckNoNewAccess failing on AWS\'s side is not taken for "not available": the check fails and says so', async () => {
		const failing = sandbox.faults.add({operation: 'CheckNoNewAccess', kind: '500', times: 10});
		try {
			const run = await check(['--report', join(dir, 'bedrock-key-report.json'), '--admin-profile', 'bkw-admin', '--json'], adminEnv);
			expect(failing.fired).toBeGreaterThan(0);
			expect(run.code, run.stderr).not.toBe(0);
			expect(run.code).not.toBe(1);
			const document = JSON.parse(run.stdout) as {error?: {message: string}; check?: unknown};
			expect(document.check).toBeUndefined();
			expect(document.error?.message).toMatch(/CheckNoNewAccess|InternalServer|InternalFailure|internal error/i);
			expect(run.stderr).not.toContain('was not available to the admin credentials');
		} finally {
			sandbox.faults.clear();
		}
	});

	it('--tighten applies it: the broad policy detached, and the check passes again', async () => {
		const run = await check(
			['--report', join(dir, 'bedrock-key-report.json'), '--admin-profile', 'bkw-admin', '--tighten', '--verify-timeout', '10', '--json'],
			adminEnv,
		);
		expect(run.code, run.stderr).toBe(0);
		const attached = await iamClient(sandbox).send(new ListAttachedUserPoliciesCommand({UserName: 'check-user'}));
		expect(attached.AttachedPolicies ?? []).toEqual([]);
		expect((JSON.parse(run.stdout) as {check: {tighten: {applied: boolean}}}).check.tighten.applied).toBe(true);
	});
});
