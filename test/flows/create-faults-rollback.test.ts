/**
 * Faults on the way back. A create that fails part-way undoes what it did: for an EXISTING user that
 * means its previous inline policy restored and the AmazonBedrock*Access policies it detached attached
 * again; for a new user, the user and all it got deleted. Faults are injected during the apply and during
 * that rollback. A passing one is survived: the user ends exactly as it was. A lasting one leaves exactly
 * what the run reported it could not undo, and nothing else changed.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AttachUserPolicyCommand, CreateUserCommand, PutUserPolicyCommand} from '@aws-sdk/client-iam';
import {describe, expect, it} from 'vitest';
import type {FaultSpec} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import type {UserState} from '../helpers/iam-state.js';
import {iamClient, withFaults} from '../helpers/sandbox.js';
import {create, MODELS, nextUser, proven, reportedUser, sandbox, state, useFaultSandbox, withFault, type CreateRun} from './fault-suite.js';

useFaultSandbox('create rollback faults');

const LIMITED = 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess';
const FULL = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';
const previousPolicy = {
	Version: '2012-10-17',
	Statement: [
		{Sid: 'OlderRun', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0'},
	],
};
const teamPolicy = {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*'}]};

/**
 * A user someone made by hand: a tag of its own, the inline policy an older run left (replaced, so
 * restored on rollback), an unrelated inline policy (never touched), and both Bedrock-wide managed
 * policies (detached, so re-attached on rollback). No keys. Returns IAM's state with it.
 */
async function existingUser(userName: string): Promise<Record<string, UserState>> {
	const iam = iamClient(sandbox);
	await iam.send(new CreateUserCommand({UserName: userName, Tags: [{Key: 'team', Value: 'ml'}]}));
	await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: 'bedrock-key-wizard', PolicyDocument: JSON.stringify(previousPolicy)}));
	await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: 'team-notes', PolicyDocument: JSON.stringify(teamPolicy)}));
	await iam.send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: LIMITED}));
	await iam.send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: FULL}));
	const before = await state();
	expect(before).toEqual({
		[userName]: {
			tags: {team: 'ml'},
			inline: {'bedrock-key-wizard': previousPolicy, 'team-notes': teamPolicy},
			attached: [FULL, LIMITED],
			apiKeys: [],
			accessKeys: [],
		},
	});
	return before;
}

/** The policy create writes for MODELS with an API key and an access key (the `policy` command compiles the same). */
async function newPolicy(): Promise<unknown> {
	const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', MODELS, '--account', sandbox.accountId, '--auth', 'api-key']);
	expect(run.code, run.stderr).toBe(0);
	return JSON.parse(run.stdout);
}

/** The rollback's own lines: `↶ Undo: <kind> <id>` when undone, `✗ Undo: <kind> <id>: <why>` when not. */
function rollbackLines(run: CreateRun): {undone: string[]; failed: string[]} {
	const lines = run.stderr.split('\n');
	const entries = (mark: string) =>
		lines.filter((line) => line.startsWith(`${mark} Undo: `)).map((line) => line.slice(`${mark} Undo: `.length).replace(/: .*$/, ''));
	return {undone: entries('↶'), failed: entries('✗')};
}

/** The id of the reported entry of that kind (`api-key-created ABC` -> `ABC`). */
const idOf = (entries: readonly string[], kind: string): string => {
	const entry = entries.find((candidate) => candidate.startsWith(`${kind} `));
	expect(entry, `no ${kind} entry in ${JSON.stringify(entries)}`).toBeDefined();
	return entry!.slice(kind.length + 1);
};

function expectRolledBack(run: CreateRun, count: number): void {
	// The fresh account's Mistral subscription, made first, is the account's and said to stay.
	expect(run.stderr).toContain(`Rolled back ${count} change${count === 1 ? '' : 's'} in IAM: nothing of the key is left.`);
	expect(run.stderr).toMatch(
		/! The AWS Marketplace subscription to mistral\.mistral-large-2407-v1:0 stays: it is the account's \(made before the key\) and not undone\./,
	);
	expect(rollbackLines(run)).toMatchObject({failed: []});
	expect(rollbackLines(run).undone).toHaveLength(count);
}

function expectNotUndone(run: CreateRun, kinds: readonly string[]): void {
	expect(run.stderr).toContain(`${kinds.length} change${kinds.length === 1 ? '' : 's'} could not be undone`);
	expect(rollbackLines(run).failed.map((entry) => entry.split(' ')[0])).toEqual(kinds);
}

const passingKinds = ['throttle', '500', 'drop', 'lost-reply'] as const;
/** The apply of these runs fails for good at its last IAM call, after everything else was done. */
const applyFails: FaultSpec = {operation: 'CreateAccessKey', kind: '500', times: 1000};

describe('an existing user: a lasting failure during the apply leaves it exactly as it was', () => {
	// How many changes each failure finds to undo: the policy put, two detaches, the API key.
	for (const [operation, undone] of [
		['PutUserPolicy', 0],
		['DetachUserPolicy', 1],
		['CreateServiceSpecificCredential', 3],
		['CreateAccessKey', 4],
	] as const) {
		it(`${operation} fails every time: exit 3, ${undone} changes undone`, async () => {
			const userName = nextUser('existing');
			const before = await existingUser(userName);
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName));
			expect(run.code, run.stderr).toBe(3);
			if (undone > 0) expectRolledBack(run, undone);
			else expect(run.stderr).not.toMatch(/Undo:|Rolled back/);
			expect(await state()).toEqual(before);
			proven('failedCleanly');
		});
	}

	it('a chosen model cannot be proven (Converse fails every time): exit 1, the user kept as the run reported it', async () => {
		const userName = nextUser('existing');
		await existingUser(userName);
		const run = await withFault({operation: 'Converse', kind: '500', times: 1000}, () => create(userName));
		expect(run.code, run.stderr).toBe(1);
		// It said what it would detach, and kept the rest.
		expect(run.stderr).toMatch(/AmazonBedrockLimitedAccess/);
		expect(run.stderr).toMatch(/AmazonBedrockFullAccess/);
		expect(await state()).toEqual(reportedUser(run, {tags: {team: 'ml'}, inline: {'team-notes': teamPolicy}, attached: []}));
		proven('failedCleanly');
	});
});

describe('an existing user: a passing fault on the calls that change it is survived', () => {
	for (const operation of ['GetUserPolicy', 'ListAttachedUserPolicies', 'PutUserPolicy', 'DetachUserPolicy'] as const) {
		for (const kind of passingKinds) {
			it(`${operation} ${kind} once: the new policy in place, both managed policies detached, one key of each`, async () => {
				const userName = nextUser('existing');
				await existingUser(userName);
				const run = await withFault({operation, kind, times: 1}, () => create(userName));
				expect(run.code, run.stderr).toBe(0);
				expect(await state()).toEqual(reportedUser(run, {tags: {team: 'ml'}, inline: {'team-notes': teamPolicy}, attached: []}));
				proven('survived');
			});
		}
	}
});

describe('an existing user: faults during its rollback', () => {
	// The rollback re-attaches (AttachUserPolicy), restores the old policy (the run's second PutUserPolicy)
	// and deletes the new API key (DeleteServiceSpecificCredential).
	const rollbackCalls: ReadonlyArray<{operation: string; after?: number}> = [
		{operation: 'AttachUserPolicy'},
		{operation: 'PutUserPolicy', after: 1},
		{operation: 'DeleteServiceSpecificCredential'},
	];
	for (const {operation, after} of rollbackCalls) {
		for (const kind of passingKinds) {
			it(`${operation} ${kind} once while rolling back: the user ends exactly as it was`, async () => {
				const userName = nextUser('existing');
				const before = await existingUser(userName);
				const {result: run} = await withFaults(sandbox, [applyFails, {operation, kind, times: 1, ...(after ? {after} : {})}], () => create(userName));
				expect(run.code, run.stderr).toBe(3);
				expectRolledBack(run, 4);
				expect(await state()).toEqual(before);
				proven('survived');
			});
		}
	}

	it('AttachUserPolicy failing every time: both managed policies reported not re-attached, and only they are missing', async () => {
		const userName = nextUser('existing');
		const before = await existingUser(userName);
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'AttachUserPolicy', kind: '500', times: 1000}], () => create(userName));
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['managed-policy-detached', 'managed-policy-detached']);
		expect(
			rollbackLines(run)
				.failed.map((entry) => entry.split(' ')[1])
				.sort(),
		).toEqual([FULL, LIMITED]);
		expect(await state()).toEqual({[userName]: {...before[userName]!, attached: []}});
		proven('failedCleanly');
	});

	it('restoring the old policy failing every time: reported, and the new policy is all that differs', async () => {
		const userName = nextUser('existing');
		const before = await existingUser(userName);
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'PutUserPolicy', kind: '500', times: 1000, after: 1}], () => create(userName));
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['policy-put']);
		expect(await state()).toEqual({[userName]: {...before[userName]!, inline: {...before[userName]!.inline, 'bedrock-key-wizard': await newPolicy()}}});
		proven('failedCleanly');
	});

	it('deleting the new API key failing every time: reported by id, and that key is all that differs', async () => {
		const userName = nextUser('existing');
		const before = await existingUser(userName);
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeleteServiceSpecificCredential', kind: '500', times: 1000}], () =>
			create(userName),
		);
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['api-key-created']);
		expect(await state()).toEqual({[userName]: {...before[userName]!, apiKeys: [idOf(rollbackLines(run).failed, 'api-key-created')]}});
		proven('failedCleanly');
	});
});

describe('an existing user: the files cannot be saved, so the new access key is taken back too', () => {
	/** An --out-dir under a regular file: nothing can be written there, after the key was made and proven. */
	const unwritable = (): string => {
		const file = join(mkdtempSync(join(tmpdir(), 'bkw-unwritable-')), 'a-file');
		writeFileSync(file, '');
		return join(file, 'out');
	};

	it('no fault: everything undone, the user exactly as it was', async () => {
		const userName = nextUser('existing');
		const before = await existingUser(userName);
		const run = await create(userName, ['--out-dir', unwritable()]);
		expect(run.code, run.stderr).not.toBe(0);
		expectRolledBack(run, 5);
		expect(await state()).toEqual(before);
		// Not a fault case: not counted.
	});

	for (const kind of passingKinds) {
		it(`DeleteAccessKey ${kind} once while rolling back: the user ends exactly as it was`, async () => {
			const userName = nextUser('existing');
			const before = await existingUser(userName);
			const run = await withFault({operation: 'DeleteAccessKey', kind, times: 1}, () => create(userName, ['--out-dir', unwritable()]));
			expect(run.code, run.stderr).not.toBe(0);
			expectRolledBack(run, 5);
			expect(await state()).toEqual(before);
			proven('survived');
		});
	}

	it('DeleteAccessKey failing every time: reported by id, and that key is all that differs', async () => {
		const userName = nextUser('existing');
		const before = await existingUser(userName);
		const run = await withFault({operation: 'DeleteAccessKey', kind: '500', times: 1000}, () => create(userName, ['--out-dir', unwritable()]));
		expect(run.code, run.stderr).not.toBe(0);
		expectNotUndone(run, ['access-key-created']);
		expect(await state()).toEqual({[userName]: {...before[userName]!, accessKeys: [idOf(rollbackLines(run).failed, 'access-key-created')]}});
		proven('failedCleanly');
	});
});

describe('a new user: faults during its rollback', () => {
	// Undone newest first: the API key, the inline policy, then the user.
	for (const operation of ['DeleteServiceSpecificCredential', 'DeleteUserPolicy', 'DeleteUser'] as const) {
		for (const kind of passingKinds) {
			it(`${operation} ${kind} once while rolling back: nothing left`, async () => {
				const userName = nextUser('new');
				const {result: run} = await withFaults(sandbox, [applyFails, {operation, kind, times: 1}], () => create(userName));
				expect(run.code, run.stderr).toBe(3);
				expectRolledBack(run, 3);
				expect(await state()).toEqual({});
				proven('survived');
			});
		}
	}

	const tags = {'bedrock-key-wizard:managed': 'true', 'bedrock-key-wizard:created': expect.stringMatching(/^\d{4}-\d\d-\d\dT/)};
	it('DeleteServiceSpecificCredential failing every time: the user stays (DeleteConflict) with that key only, both reported', async () => {
		const userName = nextUser('new');
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeleteServiceSpecificCredential', kind: '500', times: 1000}], () =>
			create(userName),
		);
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['api-key-created', 'user-created']);
		expect(await state()).toEqual({
			[userName]: {tags, inline: {}, attached: [], apiKeys: [idOf(rollbackLines(run).failed, 'api-key-created')], accessKeys: []},
		});
		proven('failedCleanly');
	});

	it('DeleteUserPolicy failing every time: the user stays with its policy only, both reported', async () => {
		const userName = nextUser('new');
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeleteUserPolicy', kind: '500', times: 1000}], () => create(userName));
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['policy-put', 'user-created']);
		expect(await state()).toEqual({[userName]: {tags, inline: {'bedrock-key-wizard': await newPolicy()}, attached: [], apiKeys: [], accessKeys: []}});
		proven('failedCleanly');
	});

	it('DeleteUser failing every time: the bare user stays, reported', async () => {
		const userName = nextUser('new');
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeleteUser', kind: '500', times: 1000}], () => create(userName));
		expect(run.code, run.stderr).toBe(3);
		expectNotUndone(run, ['user-created']);
		expect(await state()).toEqual({[userName]: {tags, inline: {}, attached: [], apiKeys: [], accessKeys: []}});
		proven('failedCleanly');
	});
});
