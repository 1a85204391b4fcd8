import {chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {DeleteUserPolicyCommand, GetUserCommand, ListUserPoliciesCommand, PutUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterEach, describe, expect, test} from 'vitest';
import {SandboxStateError, type RunningSandbox} from '../../source/sandbox/index.js';
import {bearerRuntimeClient, iamClient, provisionUser, rejection, startTestSandbox, stsClient} from '../helpers/sandbox.js';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';

const model = 'amazon.nova-lite-v1:0';
const converse = new ConverseCommand({modelId: model, messages: [{role: 'user', content: [{text: 'hi'}]}]});
const keyPolicy = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:us-west-2::foundation-model/${model}`},
	],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const running: RunningSandbox[] = [];
afterEach(async () => {
	for (const sandbox of running.splice(0)) await sandbox.close();
});

describe('IAM propagation delay', () => {
	test('a new key and policy reach Bedrock only after the delay; IAM reads see them at once', async () => {
		const sandbox = await startTestSandbox({propagationDelayMs: 300});
		running.push(sandbox);
		const user = await provisionUser(sandbox, 'newbie', keyPolicy, {apiKey: true});
		// IAM itself answers from the live state at once.
		expect((await iamClient(sandbox).send(new ListUserPoliciesCommand({UserName: 'newbie'}))).PolicyNames).toEqual(['policy']);
		const early = await rejection(bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse));
		expect(early.name).toBe('UnrecognizedClientException');
		await sleep(350);
		expect((await bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse)).output?.message?.role).toBe('assistant');

		// Removing the policy also takes the delay to bite.
		await iamClient(sandbox).send(new DeleteUserPolicyCommand({UserName: 'newbie', PolicyName: 'policy'}));
		await bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse);
		await sleep(350);
		const denied = await rejection(bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse));
		expect(denied.name).toBe('AccessDeniedException');
		expect(denied.message).toContain('bedrock:CallWithBearerToken');
	});

	test('IAM and STS authenticate a new access key immediately', async () => {
		const sandbox = await startTestSandbox({propagationDelayMs: 60_000});
		running.push(sandbox);
		const user = await provisionUser(sandbox, 'instant', undefined);
		expect((await stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({}))).Arn).toBe(user.arn);
	});
});

describe('persistence', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-sandbox-'));

	test('state survives a restart: users, policies, keys and the admin credentials; the file is 0600', async () => {
		const statePath = join(dir, 'state.json');
		const first = await startTestSandbox({statePath});
		const user = await provisionUser(first, 'kept', keyPolicy, {apiKey: true});
		await first.close();
		expect(statSync(statePath).mode & 0o777).toBe(0o600);

		const second = await startTestSandbox({statePath});
		running.push(second);
		expect(second.admin).toEqual(first.admin);
		expect((await iamClient(second).send(new GetUserCommand({UserName: 'kept'}))).User?.Arn).toBe(user.arn);
		expect((await bearerRuntimeClient(second, user.apiKey ?? '').send(converse)).output?.message?.role).toBe('assistant');
		expect((await stsClient(second, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({}))).Arn).toBe(user.arn);
	});

	test('every change is written at once (atomically), not only at close', async () => {
		const statePath = join(dir, 'live.json');
		const sandbox = await startTestSandbox({statePath});
		running.push(sandbox);
		await iamClient(sandbox).send(new PutUserPolicyCommand({UserName: 'sandbox-admin', PolicyName: 'extra', PolicyDocument: JSON.stringify(keyPolicy)}));
		const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {users: Array<{userName: string; inlinePolicies: Record<string, string>}>};
		expect(Object.keys(saved.users.find((user) => user.userName === 'sandbox-admin')?.inlinePolicies ?? {})).toEqual(['extra']);
	});

	test('a corrupt file is an error naming the file, and is left as it was', async () => {
		const statePath = join(dir, 'corrupt.json');
		writeFileSync(statePath, '{"version": 1, "accountId": "123456789012", "users": [');
		const error = await startTestSandbox({statePath}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(SandboxStateError);
		expect((error as Error).message).toContain(statePath);
		expect(readFileSync(statePath, 'utf8')).toBe('{"version": 1, "accountId": "123456789012", "users": [');

		writeFileSync(statePath, JSON.stringify({version: 2}));
		expect(((await startTestSandbox({statePath}).catch((caught: unknown) => caught)) as Error).message).toMatch(/unknown version 2/);
	});

	test('an unreadable file is an error too, not a reset', async () => {
		if (process.getuid?.() === 0) return; // root reads everything
		const statePath = join(dir, 'unreadable.json');
		writeFileSync(statePath, '{}');
		chmodSync(statePath, 0o000);
		await expect(startTestSandbox({statePath})).rejects.toBeInstanceOf(SandboxStateError);
	});
});
