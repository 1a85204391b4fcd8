/**
 * check and tighten on a user whose policy is customer managed (issue 14): check reads the attached
 * policy's default version like an inline policy (its guardrail counts), tighten writes a new default
 * version of our managed policy rather than an inline policy that cannot hold it, undoes everything when
 * a later step fails, and a lost reply on CreatePolicyVersion does not leave a second version behind.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	AttachUserPolicyCommand,
	ListAttachedUserPoliciesCommand,
	ListPoliciesCommand,
	ListPolicyVersionsCommand,
	ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'us.anthropic.claude-sonnet-5';
const OPUS = 'us.anthropic.claude-opus-5';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';
const USER = 'managed-check-user';

let sandbox: RunningSandbox;
let dir: string;
let apiKey: string;
let profileEnv: Record<string, string>;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-managed-'));
	const created = await runCliCaptured(
		[
			'create',
			...onSandbox(sandbox, dir),
			'--user-name',
			USER,
			'--models',
			[HAIKU, SONNET, OPUS, TITAN_V2, NOVA_LITE].join(','),
			'--verify-timeout',
			'30',
			'--yes',
			'--json',
		],
		{env: adminEnv(sandbox)},
	);
	expect(created.code, created.stderr).toBe(0);
	expect(JSON.parse(created.stdout)).toMatchObject({policy: {type: 'managed'}});
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
	const credentials = join(dir, 'credentials');
	writeFileSync(credentials, `[bkw-admin]\naws_access_key_id = ${sandbox.admin.accessKeyId}\naws_secret_access_key = ${sandbox.admin.secretAccessKey}\n`, {
		mode: 0o600,
	});
	profileEnv = {AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(dir, 'no-config')};
});
afterAll(async () => sandbox.close());

const policyArn = (): string => `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/bedrock-key-wizard-${USER}`;

function check(args: readonly string[]): Promise<CliRun> {
	return runCliCaptured(
		['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--admin-profile', 'bkw-admin', '--verify-timeout', '10', '--json', ...args],
		{env: {AWS_BEARER_TOKEN_BEDROCK: apiKey, ...profileEnv}},
	);
}

const versions = async (): Promise<Array<{id: string; isDefault: boolean}>> =>
	((await iamClient(sandbox).send(new ListPolicyVersionsCommand({PolicyArn: policyArn()}))).Versions ?? [])
		.map((version) => ({id: version.VersionId ?? '', isDefault: version.IsDefaultVersion === true}))
		.sort((a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}));

const attached = async (): Promise<string[]> =>
	((await iamClient(sandbox).send(new ListAttachedUserPoliciesCommand({UserName: USER}))).AttachedPolicies ?? [])
		.map((policy) => policy.PolicyArn ?? '')
		.sort();

const attachFullAccess = async (): Promise<void> => {
	await iamClient(sandbox).send(new AttachUserPolicyCommand({UserName: USER, PolicyArn: FULL_ACCESS}));
	await new Promise((resolve) => setTimeout(resolve, 300));
};

type CheckJson = {
	pass: boolean;
	check: {
		user: {customerManagedPolicies: string[]; guardrail: boolean; inlinePolicies: string[]};
		tighten?: {placement: string; managedPolicies?: string[]; detach: string[]; applied: boolean; noNewAccess: string | null};
	};
};

describe('check on a key whose policy is customer managed', () => {
	it("reads the managed policy's default version: its guardrail counts, and nothing needs tightening", async () => {
		const run = await check(['--report', join(dir, 'bedrock-key-report.json')]);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as CheckJson;
		expect(document.pass).toBe(true);
		expect(document.check.user).toMatchObject({customerManagedPolicies: [policyArn()], guardrail: true, inlinePolicies: []});
		expect(document.check.tighten).toBeUndefined();
		expect(run.stderr).not.toContain('No guardrail');
	});

	it('a lost reply on CreatePolicyVersion: tighten adopts the version it made, and IAM holds one new version, not two', async () => {
		await attachFullAccess();
		const lost = sandbox.faults.add({operation: 'CreatePolicyVersion', kind: 'lost-reply', times: 1});
		try {
			// Narrower expectations (Nova Lite no longer expected): a policy that differs, so a new version is written.
			const run = await check(['--expect-allowed', [HAIKU, SONNET, OPUS, TITAN_V2].join(','), '--tighten']);
			expect(lost.fired).toBe(1);
			expect(run.code, run.stderr).toBe(0);
			const document = JSON.parse(run.stdout) as CheckJson;
			expect(document.check.tighten).toMatchObject({placement: 'managed', managedPolicies: [policyArn()], detach: [FULL_ACCESS], applied: true});
		} finally {
			sandbox.faults.clear();
		}
		expect(await versions()).toEqual([
			{id: 'v1', isDefault: false},
			{id: 'v2', isDefault: true},
		]);
		expect(await attached()).toEqual([policyArn()]);
		expect((await iamClient(sandbox).send(new ListUserPoliciesCommand({UserName: USER}))).PolicyNames).toEqual([]);
	});

	it('a step that fails after the new version was made: every change is undone, and the user holds what it held', async () => {
		await attachFullAccess();
		const failing = sandbox.faults.add({operation: 'DetachUserPolicy', kind: '500', times: 20});
		let run: CliRun;
		try {
			// Narrower again (tighten never widens: Access Analyzer would refuse it), so a new version is written first.
			run = await check(['--expect-allowed', [HAIKU, SONNET, OPUS].join(','), '--tighten']);
			expect(failing.fired).toBeGreaterThan(0);
		} finally {
			sandbox.faults.clear();
		}
		expect(run.code, run.stderr).not.toBe(0);
		expect(run.stderr).toMatch(/Tightening failed part-way; its 1 change was undone/);
		// The version it made is gone and the previous default is in force again; the broad policy stays attached.
		expect(await versions()).toEqual([
			{id: 'v1', isDefault: false},
			{id: 'v2', isDefault: true},
		]);
		expect(await attached()).toEqual([FULL_ACCESS, policyArn()].sort());
	});

	it('tighten then detaches the broad policy, writes the new version, and the key passes with the managed policy alone', async () => {
		const run = await check(['--expect-allowed', [HAIKU, SONNET, OPUS].join(','), '--tighten']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as CheckJson;
		expect(document).toMatchObject({pass: true, check: {tighten: {placement: 'managed', applied: true}, user: {guardrail: true}}});
		expect(run.stderr).toContain(`customer managed policy bedrock-key-wizard-${USER}`);
		expect(await attached()).toEqual([policyArn()]);
		// v3 was made and deleted by the rollback above: IAM never reuses a version id.
		expect(await versions()).toEqual([
			{id: 'v1', isDefault: false},
			{id: 'v2', isDefault: false},
			{id: 'v4', isDefault: true},
		]);
	});

	it('narrow enough to fit inline: tighten puts the inline policy, then detaches and deletes the managed one', async () => {
		await attachFullAccess();
		const run = await check(['--expect-allowed', HAIKU, '--tighten']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as CheckJson;
		expect(document).toMatchObject({
			pass: true,
			check: {tighten: {placement: 'inline', detach: [FULL_ACCESS, policyArn()], applied: true}, user: {guardrail: true, customerManagedPolicies: []}},
		});
		expect(await attached()).toEqual([]);
		expect((await iamClient(sandbox).send(new ListUserPoliciesCommand({UserName: USER}))).PolicyNames).toEqual(['bedrock-key-wizard']);
		const left = await iamClient(sandbox).send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}));
		expect(left.Policies ?? []).toEqual([]);
	});
});
