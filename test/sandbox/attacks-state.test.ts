/**
 * Attacks on the sandbox's state (issue 20): another local user who plants the temporary file gets
 * nothing, and a change that cannot be saved is not applied (before, the change stayed in memory, so a
 * key was made whose secret nobody had been given).
 */
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	GetUserCommand,
	ListServiceSpecificCredentialsCommand,
	PutUserPolicyCommand,
	TagUserCommand,
} from '@aws-sdk/client-iam';
import {afterEach, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {takeSandboxInternalErrors} from '../helpers/sandbox-errors.js';
import {iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
	for (const sandbox of running.splice(0)) await sandbox.close();
});

const privateDir = (): string => mkdtempSync(join(tmpdir(), 'bkw-state-attack-'));

describe('the state file on a shared machine', () => {
	test('a file or symlink planted at the old predictable temporary name is never written to or through', async () => {
		const dir = privateDir();
		const statePath = join(dir, 'state.json');
		// What another user could plant before the sandbox starts: the name the old code used (`<state>.<pid>.tmp`).
		const stolen = join(dir, 'attacker-owned.json');
		writeFileSync(stolen, '', {mode: 0o644});
		symlinkSync(stolen, `${statePath}.${process.pid}.tmp`);
		const sandbox = await startTestSandbox({statePath});
		running.push(sandbox);
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'victim'}));
		const key = await iamClient(sandbox).send(new CreateServiceSpecificCredentialCommand({UserName: 'victim', ServiceName: 'bedrock.amazonaws.com'}));
		const secret = key.ServiceSpecificCredential?.ServiceCredentialSecret ?? '';
		expect(secret).not.toBe('');

		expect(readFileSync(stolen, 'utf8')).toBe('');
		expect(lstatSync(`${statePath}.${process.pid}.tmp`).isSymbolicLink()).toBe(true);
		const state = lstatSync(statePath);
		expect(state.isFile()).toBe(true);
		expect(state.mode & 0o777).toBe(0o600);
		expect(readFileSync(statePath, 'utf8')).toContain(secret);
		// Every temporary file was renamed into place: nothing with a secret is left beside it.
		expect(readdirSync(dir).sort()).toEqual(['attacker-owned.json', 'state.json', `state.json.${process.pid}.tmp`]);
	});

	test('the file is 0600 even under a umask that would let others read it', async () => {
		const dir = privateDir();
		const statePath = join(dir, 'state.json');
		const previous = process.umask(0);
		try {
			const sandbox = await startTestSandbox({statePath});
			running.push(sandbox);
			await iamClient(sandbox).send(new CreateUserCommand({UserName: 'someone'}));
			expect(statSync(statePath).mode & 0o777).toBe(0o600);
		} finally {
			process.umask(previous);
		}
	});
});

describe('a change that cannot be saved is not applied', () => {
	test('CreateServiceSpecificCredential whose save fails is ServiceFailure 500, and no key exists afterwards', async () => {
		const dir = privateDir();
		const statePath = join(dir, 'state.json');
		const sandbox = await startTestSandbox({statePath});
		running.push(sandbox);
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'holder'}));

		// The directory goes away (a full or unmounted disk fails the same way; root ignores a read-only one).
		rmSync(dir, {recursive: true, force: true});
		const failed = await rejection(iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'holder', ServiceName: 'bedrock.amazonaws.com'})));
		expect(failed.name).toBe('ServiceFailureException');
		expect(failed.$metadata?.httpStatusCode).toBe(500);
		// The sandbox reports it as what it is, an internal error naming the file; this test expects exactly that one.
		const reported = takeSandboxInternalErrors();
		expect(reported).toHaveLength(1);
		expect(reported[0]).toContain(statePath);

		const keys = await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'holder', ServiceName: 'bedrock.amazonaws.com'}));
		expect(keys.ServiceSpecificCredentials ?? []).toEqual([]);
		expect(sandbox.store.snapshot().serviceCredentials).toEqual([]);

		// Once the disk is back, the next change is saved, and the refused one is nowhere.
		mkdirSync(dir);
		await iam.send(new TagUserCommand({UserName: 'holder', Tags: [{Key: 'after', Value: 'ok'}]}));
		const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {serviceCredentials: unknown[]; users: Array<{userName: string; tags: unknown[]}>};
		expect(saved.serviceCredentials).toEqual([]);
		expect(saved.users.find((user) => user.userName === 'holder')?.tags).toEqual([{Key: 'after', Value: 'ok'}]);
	});

	test('a refused save of a new user leaves no user behind, in IAM or in what Bedrock will see', async () => {
		const dir = privateDir();
		const statePath = join(dir, 'state.json');
		const sandbox = await startTestSandbox({statePath, propagationDelayMs: 1});
		running.push(sandbox);
		rmSync(dir, {recursive: true, force: true});
		const failed = await rejection(iamClient(sandbox).send(new CreateUserCommand({UserName: 'ghost'})));
		expect(failed.$metadata?.httpStatusCode).toBe(500);
		expect(takeSandboxInternalErrors()).toHaveLength(1);
		expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: 'ghost'})))).name).toBe('NoSuchEntityException');
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(sandbox.store.propagated().user('ghost')).toBeUndefined();
		expect(existsSync(dir)).toBe(false);
		// Closing writes the state once more; with the directory back, it holds no ghost.
		mkdirSync(dir);
		await sandbox.close();
		expect(readFileSync(statePath, 'utf8')).not.toContain('ghost');
	});

	test('a change that throws half-way leaves nothing of itself in the account', async () => {
		const sandbox = await startTestSandbox();
		running.push(sandbox);
		const before = sandbox.store.snapshot();
		expect(() =>
			sandbox.store.mutate((data) => {
				data.users.push({...data.users[0]!, userName: 'half', arn: 'arn:aws:iam::123456789012:user/half'});
				data.users[0]!.tags = [{Key: 'half', Value: 'done'}];
				data.accessKeys.length = 0;
				throw new Error('the change fails after writing');
			}),
		).toThrow('the change fails after writing');
		expect(sandbox.store.snapshot()).toEqual(before);
		expect(sandbox.store.live().user('half')).toBeUndefined();
	});

	test('a committed record cannot be changed outside a commit, and a record no commit changed is shared, not copied', async () => {
		const sandbox = await startTestSandbox();
		running.push(sandbox);
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'a'}));
		await iam.send(new CreateUserCommand({UserName: 'b'}));
		const a = sandbox.store.live().user('a')!;
		expect(() => {
			(a as {tags: unknown[]}).tags.push({Key: 'sneaky', Value: '1'});
		}).toThrow(TypeError);
		await iam.send(
			new PutUserPolicyCommand({
				UserName: 'b',
				PolicyName: 'p',
				PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: {Effect: 'Deny', Action: '*', Resource: '*'}}),
			}),
		);
		expect(sandbox.store.live().user('a')).toBe(a);
		expect(sandbox.store.live().user('b')?.inlinePolicies).toHaveProperty('p');
	});
});
