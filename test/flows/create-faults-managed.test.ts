/**
 * Rollback of a managed policy (issue 14, item 1): a lasting failure at each new step of the apply (make
 * the policy, make a new default version, attach it) undoes what the run made, versions included, and
 * leaves nothing: no user, no policy under /bedrock-key-wizard/, or, on a rerun, the policy exactly as
 * it was. Passing faults on the same calls are survived. Each fault is proven to have fired.
 */
import {GetPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand} from '@aws-sdk/client-iam';
import {describe, expect, it} from 'vitest';
import {iamClient, withFaults} from '../helpers/sandbox.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv} from '../helpers/sandbox.js';
import {create, nextUser, proven, sandbox, state, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox('create managed-policy faults');

const MANAGED = ['--policy-type', 'managed'];

interface PolicyState {
	readonly arn: string;
	readonly defaultVersionId: string;
	readonly versions: string[];
}

/** Every customer managed policy under our path, with its versions. */
async function policies(): Promise<PolicyState[]> {
	const iam = iamClient(sandbox);
	const found = (await iam.send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}))).Policies ?? [];
	const result: PolicyState[] = [];
	for (const policy of found) {
		const arn = policy.Arn ?? '';
		const {Policy} = await iam.send(new GetPolicyCommand({PolicyArn: arn}));
		const versions = ((await iam.send(new ListPolicyVersionsCommand({PolicyArn: arn}))).Versions ?? []).map((version) => version.VersionId ?? '').sort();
		result.push({arn, defaultVersionId: Policy?.DefaultVersionId ?? '', versions});
	}
	return result;
}

describe('a new user with a managed policy: a lasting failure at each new step leaves nothing', () => {
	for (const operation of ['CreatePolicy', 'AttachUserPolicy'] as const) {
		it(`${operation} fails every time: exit 3, no user, no policy`, async () => {
			const userName = nextUser('managed');
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName, MANAGED));
			expect(run.code, run.stderr).toBe(3);
			// The fresh account's Mistral subscription, made first, is the account's and said to stay.
			expect(run.stderr).toMatch(/Rolled back \d+ changes? in IAM: nothing of the key is left\./);
			expect(run.stderr).toMatch(
				/! The AWS Marketplace subscription to mistral\.mistral-large-2407-v1:0 stays: it is the account's \(made before the key\) and not undone\./,
			);
			expect(await state()).toEqual({});
			expect(await policies()).toEqual([]);
			proven('failedCleanly');
		});
	}

	it('a failure after the attach (CreateAccessKey every time): the policy detached and deleted with the user', async () => {
		const userName = nextUser('managed');
		const run = await withFault({operation: 'CreateAccessKey', kind: '500', times: 1000}, () => create(userName, MANAGED));
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toContain('Undo: managed-policy-attached');
		expect(run.stderr).toContain('Undo: managed-policy-created');
		expect(await state()).toEqual({});
		expect(await policies()).toEqual([]);
		proven('failedCleanly');
	});

	for (const operation of ['CreatePolicy', 'AttachUserPolicy'] as const) {
		for (const kind of ['throttle', '500', 'drop', 'lost-reply'] as const) {
			it(`${operation} ${kind} once is survived: the user has its managed policy`, async () => {
				const userName = nextUser('managed');
				const run = await withFault({operation, kind, times: 1}, () => create(userName, MANAGED));
				expect(run.code, run.stderr).toBe(0);
				const arn = `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/bedrock-key-wizard-${userName}`;
				expect((await state())[userName]?.attached).toEqual([arn]);
				expect(await policies()).toEqual([{arn, defaultVersionId: 'v1', versions: ['v1']}]);
				proven('survived');
			});
		}
	}
});

describe('a rerun on a user with our managed policy: a lasting failure at the new version leaves it exactly as it was', () => {
	for (const operation of ['CreatePolicyVersion', 'CreateAccessKey'] as const) {
		it(`${operation} fails every time: the policy keeps its versions and its default`, async () => {
			const userName = nextUser('rerun');
			const first = await create(userName, MANAGED);
			expect(first.code, first.stderr).toBe(0);
			const before = await policies();
			const users = await state();
			expect(before).toHaveLength(1);
			// Another document (no streaming): a new version is due.
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName, [...MANAGED, '--no-streaming', '--replace-keys']));
			expect(run.code, run.stderr).toBe(3);
			expect(await policies()).toEqual(before);
			expect(await state()).toEqual(users);
			proven('failedCleanly');
		});
	}
});

/** The apply fails for good at its last IAM call, after the policy was made (or versioned) and attached. */
const applyFails = {operation: 'CreateAccessKey', kind: '500', times: 1000} as const;

/** The rollback's `✗ Undo: <kind> …` lines: what it reported it could not undo. */
const notUndone = (stderr: string): string[] =>
	stderr
		.split('\n')
		.filter((line) => line.startsWith('✗ Undo: '))
		.map((line) => line.slice('✗ Undo: '.length).split(' ')[0]!);

describe('faults while rolling back a managed policy', () => {
	// Undone newest first: the API key, the attach, the policy, the user.
	for (const operation of ['DetachUserPolicy', 'DeletePolicy', 'DeleteUser'] as const) {
		for (const kind of ['throttle', '500', 'lost-reply'] as const) {
			it(`${operation} ${kind} once while rolling back a new user's policy: nothing left`, async () => {
				const userName = nextUser('managed-rb');
				const {result: run} = await withFaults(sandbox, [applyFails, {operation, kind, times: 1}], () => create(userName, MANAGED));
				expect(run.code, run.stderr).toBe(3);
				expect(run.stderr).toMatch(/Rolled back 4 changes in IAM: nothing of the key is left\./);
				expect(await state()).toEqual({});
				expect(await policies()).toEqual([]);
				proven('survived');
			});
		}
	}

	it('DeletePolicy failing every time: the user goes, the detached policy stays and is reported; cleanup then finds and deletes it', async () => {
		const userName = nextUser('managed-rb');
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeletePolicy', kind: '500', times: 1000}], () => create(userName, MANAGED));
		expect(run.code, run.stderr).toBe(3);
		expect(notUndone(run.stderr)).toEqual(['managed-policy-created']);
		const arn = `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/bedrock-key-wizard-${userName}`;
		expect(run.stderr).toContain(arn);
		expect(await state()).toEqual({});
		expect(await policies()).toEqual([{arn, defaultVersionId: 'v1', versions: ['v1']}]);
		proven('failedCleanly');
		// What the report named, cleanup finds: attached to nothing, tagged as ours.
		const cleanup = await runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--user-name', userName, '--yes', '--json'], {env: adminEnv(sandbox)});
		expect(cleanup.code, cleanup.stderr).toBe(0);
		expect((JSON.parse(cleanup.stdout) as {deletedPolicies: string[]}).deletedPolicies).toEqual([arn]);
		expect(await policies()).toEqual([]);
	});

	it('SetDefaultPolicyVersion failing every time on a rerun: the new version stays the default, and the report says so', async () => {
		const userName = nextUser('rerun-rb');
		const first = await create(userName, MANAGED);
		expect(first.code, first.stderr).toBe(0);
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'SetDefaultPolicyVersion', kind: '500', times: 1000}], () =>
			create(userName, [...MANAGED, '--no-streaming', '--replace-keys']),
		);
		expect(run.code, run.stderr).toBe(3);
		expect(notUndone(run.stderr)).toEqual(['policy-version-created']);
		const arn = `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/bedrock-key-wizard-${userName}`;
		expect(await policies()).toEqual([{arn, defaultVersionId: 'v2', versions: ['v1', 'v2']}]);
		proven('failedCleanly');
	});

	it('a rerun whose rollback meets one lost reply on SetDefaultPolicyVersion: the policy is exactly as it was', async () => {
		const userName = nextUser('rerun-rb');
		const first = await create(userName, MANAGED);
		expect(first.code, first.stderr).toBe(0);
		const before = await policies();
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'SetDefaultPolicyVersion', kind: 'lost-reply', times: 1}], () =>
			create(userName, [...MANAGED, '--no-streaming', '--replace-keys']),
		);
		expect(run.code, run.stderr).toBe(3);
		expect(notUndone(run.stderr)).toEqual([]);
		expect(await policies()).toEqual(before);
		proven('survived');
	});
});
