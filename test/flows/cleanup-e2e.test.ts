/** cleanup against the sandbox: finds only tagged users, dry run by default, deletes in safe order, idempotent. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	CreatePolicyVersionCommand,
	ListPoliciesCommand,
	ListUsersCommand,
	TagUserCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {adminEnv, iamClient, provisionUser, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
const admin = (): Record<string, string> => adminEnv(sandbox);

beforeAll(async () => {
	sandbox = await startTestSandbox();
	for (const user of ['made-a', 'made-b']) {
		const run = await runCliCaptured(
			[
				'create',
				...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-cleanup-'))),
				'--user-name',
				user,
				'--models',
				'amazon.titan-embed-text-v2:0',
				'--key',
				'api-key,access-key',
			],
			{env: admin()},
		);
		expect(run.code, run.stderr).toBe(0);
	}
	// Someone else's user, with an API key: never touched.
	await provisionUser(sandbox, 'not-ours', {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:*', Resource: '*'}]}, {apiKey: true});
	// A user this tool made long ago (its tag says when).
	await provisionUser(sandbox, 'made-old', undefined);
	await iamClient(sandbox).send(
		new TagUserCommand({
			UserName: 'made-old',
			Tags: [
				{Key: 'bedrock-key-wizard:managed', Value: 'true'},
				{Key: 'bedrock-key-wizard:created', Value: '2020-01-01T00:00:00.000Z'},
			],
		}),
	);
});
afterAll(async () => sandbox.close());

const cleanup = (args: readonly string[]): Promise<CliRun> => runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, ...args], {env: admin()});
const userNames = async (): Promise<string[]> => ((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!).sort();

describe('cleanup', () => {
	it('is a dry run by default: lists the tagged users with age and key expiry, deletes nothing', async () => {
		const run = await cleanup([]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('3 IAM users made by bedrock-key-wizard');
		expect(run.stdout).toMatch(/made-a +\(0 days old\) +1 API key \(expires \d{4}-\d\d-\d\d\), 1 access key/);
		expect(run.stdout).toMatch(/made-old +\(\d{4,} days old\)/);
		expect(run.stdout).not.toContain('not-ours');
		expect(run.stdout).toContain('Dry run');
		expect(await userNames()).toEqual(expect.arrayContaining(['made-a', 'made-b', 'made-old', 'not-ours']));
	});

	it('--json: one document with the deletion plan in DeleteConflict-safe order', async () => {
		const run = await cleanup(['--json']);
		const document = JSON.parse(run.stdout) as {schemaVersion: number; dryRun: boolean; users: Array<{userName: string; steps: Array<{kind: string}>}>};
		expect(document).toMatchObject({schemaVersion: 1, dryRun: true});
		expect(document.users.find((user) => user.userName === 'made-a')!.steps.map((step) => step.kind)).toEqual([
			'api-key',
			'inline-policy',
			'access-key',
			'user',
		]);
	});

	it('--user-name refuses a user without the tag (exit 2)', async () => {
		const run = await cleanup(['--user-name', 'not-ours', '--yes']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('not tagged bedrock-key-wizard:managed=true');
		expect(await userNames()).toContain('not-ours');
	});

	it('--older-than 30d --yes deletes only the old one; a bad duration is exit 2', async () => {
		expect((await cleanup(['--older-than', 'soon'])).code).toBe(2);
		const run = await cleanup(['--older-than', '30d', '--yes']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('Deleted 1 user');
		expect(await userNames()).not.toContain('made-old');
		expect(await userNames()).toContain('made-a');
	});

	it('--yes deletes every tagged user with its keys and policies, and running again finds nothing', async () => {
		const run = await cleanup(['--yes', '--json']);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as {deleted: string[]}).deleted).toEqual(['made-a', 'made-b']);
		expect(await userNames()).toEqual(['not-ours', 'sandbox-admin']);
		const again = await cleanup(['--yes']);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('Nothing to clean up');
		expect((await cleanup(['--user-name', 'made-a', '--yes'])).code).toBe(0);
	});
});

describe('cleanup and our managed policies attached to nothing', () => {
	const document = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*'}]});
	const ours = [
		{Key: 'bedrock-key-wizard:managed', Value: 'true'},
		{Key: 'bedrock-key-wizard:created', Value: '2026-11-01T00:00:00.000Z'},
	];
	const policyNames = async (): Promise<string[]> =>
		((await iamClient(sandbox).send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}))).Policies ?? [])
			.map((policy) => policy.PolicyName!)
			.sort();

	beforeAll(async () => {
		const iam = iamClient(sandbox);
		const create = (name: string, tags = ours) =>
			iam.send(new CreatePolicyCommand({PolicyName: name, Path: '/bedrock-key-wizard/', PolicyDocument: document, Tags: tags}));
		// Left by a stopped run (made, never attached), with a second version; and the parts of a split policy.
		const {Policy} = await create('bedrock-key-wizard-gone-user');
		await iam.send(new CreatePolicyVersionCommand({PolicyArn: Policy!.Arn, PolicyDocument: document, SetAsDefault: true}));
		await create('bedrock-key-wizard-split-user-1');
		await create('bedrock-key-wizard-split-user-2');
		// Ours, but attached to someone: in use, never an orphan.
		const {Policy: used} = await create('bedrock-key-wizard-in-use');
		await iam.send(new AttachUserPolicyCommand({UserName: 'not-ours', PolicyArn: used!.Arn}));
		// Under our path but not tagged as ours: someone else's, never touched.
		await create('bedrock-key-wizard-lookalike', []);
	});

	it('the dry run lists the detached ones that carry our tag, and nothing else', async () => {
		const run = await cleanup(['--json']);
		expect(run.code, run.stderr).toBe(0);
		const listed = JSON.parse(run.stdout) as {dryRun: boolean; users: unknown[]; policies: Array<{name: string; ageDays: number}>};
		expect(listed.dryRun).toBe(true);
		expect(listed.users).toEqual([]);
		expect(listed.policies.map((policy) => policy.name)).toEqual([
			'bedrock-key-wizard-gone-user',
			'bedrock-key-wizard-split-user-1',
			'bedrock-key-wizard-split-user-2',
		]);
		expect(listed.policies[0]!.ageDays).toBeGreaterThanOrEqual(30);
		const text = await cleanup([]);
		expect(text.stdout).toContain('3 customer managed policies made by bedrock-key-wizard, attached to nothing');
		expect(text.stdout).toContain('Dry run');
	});

	it("--user-name picks that user's policies (a split one's parts too); --yes deletes them, versions and all", async () => {
		const run = await cleanup(['--user-name', 'split-user', '--yes', '--json']);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as {deletedPolicies: string[]}).deletedPolicies.map((arn) => arn.split('/').pop())).toEqual([
			'bedrock-key-wizard-split-user-1',
			'bedrock-key-wizard-split-user-2',
		]);
		const all = await cleanup(['--yes']);
		expect(all.code, all.stderr).toBe(0);
		expect(all.stdout).toContain('Deleted 0 users and 1 detached policy');
		expect(await policyNames()).toEqual(['bedrock-key-wizard-in-use', 'bedrock-key-wizard-lookalike']);
		expect((await cleanup([])).stdout).toContain('Nothing to clean up');
	});
});
