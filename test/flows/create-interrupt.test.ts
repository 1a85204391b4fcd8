/** Ctrl+C in the middle of apply: the real CLI process, a real SIGINT, and nothing left in IAM afterwards. */
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListServiceSpecificCredentialsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

it('SIGINT during apply rolls back what was created and exits 130', async () => {
	// Hold the key creation long enough to interrupt after the user and policy exist.
	const held = sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: 'latency', times: 1, latencyMs: 1500});
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			'source/cli.tsx',
			'create',
			'--endpoint-url',
			sandbox.endpoint,
			'--region',
			'us-west-2',
			'--models',
			'amazon.titan-embed-text-v2:0',
			'--user-name',
			'interrupted-user',
			'--out-dir',
			mkdtempSync(join(tmpdir(), 'bkw-int-')),
		],
		{env: {...process.env, ...adminEnv(sandbox)}, stdio: ['ignore', 'pipe', 'pipe']},
	);
	let stderr = '';
	let interrupted = false;
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		// Once: a second Ctrl+C is the way to force an immediate exit.
		if (!interrupted && stderr.includes('✓ Put inline policy')) {
			interrupted = true;
			child.kill('SIGINT');
		}
	});
	const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
	expect(stderr).toContain('✓ Put inline policy');
	expect(code, stderr).toBe(130);
	expect(held.fired).toBe(1);
	expect(stderr).toMatch(/Rolled back 3 changes/);
	const iam = iamClient(sandbox);
	expect((await iam.send(new ListUsersCommand({}))).Users?.map((user) => user.UserName)).not.toContain('interrupted-user');
	expect((await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials ?? []).toEqual([]);
}, 60_000);
