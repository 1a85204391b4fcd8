import {createServer} from 'node:net';
import {PassThrough} from 'node:stream';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {describe, expect, test} from 'vitest';
import {runCli} from '../../source/cli/program.js';
import type {CliIo} from '../../source/cli/io.js';
import {controlRoute} from '../helpers/sandbox.js';
import {fakeSignals, type FakeSignals} from '../helpers/signals.js';
import {sandboxProcess} from '../helpers/sandbox-process.js';

function fakeIo(signals?: FakeSignals, env: Record<string, string> = {}) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', (chunk) => (out += chunk));
	stderr.on('data', (chunk) => (err += chunk));
	const io: CliIo = {stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd(), ...(signals ? {signals} : {})};
	return {io, out: () => out, err: () => err};
}

describe('bedrock-key-wizard sandbox', () => {
	test('in-process: prints one JSON line with working admin credentials, stops on interrupt', async () => {
		const signals = fakeSignals();
		const fake = fakeIo(signals);
		const exit = runCli(['sandbox', '--port', '0', '--propagation-delay-ms', '0'], fake.io);
		while (!fake.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
		const lines = fake.out().trim().split('\n');
		expect(lines).toHaveLength(1);
		const info = JSON.parse(lines[0] ?? '') as {endpoint: string; region: string; accountId: string; accessKeyId: string; secretAccessKey: string};
		expect(info).toMatchObject({region: 'us-west-2', accountId: '123456789012'});
		expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const sts = new STSClient({
			region: info.region,
			endpoint: info.endpoint,
			credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey},
		});
		expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/sandbox-admin');
		signals.send('SIGINT');
		expect(await exit).toBe(0);
		expect(fake.err()).toContain('Sandbox stopped (SIGINT)');
		expect(signals.listeners(), 'the command stopped listening once it ended').toBe(0);
		await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
	});

	test("its faults come from the command's environment (BKW_SANDBOX_FAULTS), not the test process's", async () => {
		const signals = fakeSignals();
		const fake = fakeIo(signals, {BKW_SANDBOX_FAULTS: 'CreateUser:throttle:2'});
		const exit = runCli(['sandbox', '--port', '0'], fake.io);
		while (!fake.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
		const {endpoint, adminToken} = JSON.parse(fake.out()) as {endpoint: string; adminToken: string};
		expect((await fetch(`${endpoint}/_sandbox/faults`)).status, 'without the token the control route refuses').toBe(401);
		const listed = (await (await controlRoute(endpoint, adminToken)).json()) as {faults: Array<{operation: string; kind: string; remaining: number}>};
		expect(listed.faults).toEqual([expect.objectContaining({operation: 'CreateUser', kind: 'throttle', remaining: 2})]);
		signals.send('SIGTERM');
		expect(await exit).toBe(0);
	});

	test('bad flag values are usage errors (exit 2) that name the flag', async () => {
		const fake = fakeIo();
		expect(await runCli(['sandbox', '--port', 'eighty'], fake.io)).toBe(2);
		expect(fake.err()).toContain('--port must be a whole number from 0 to 65535');
		const delay = fakeIo();
		expect(await runCli(['sandbox', '--propagation-delay-ms', '-5'], delay.io)).toBe(2);
		expect(delay.err()).toContain('--propagation-delay-ms');
	});

	test('a port in use is a clear message', async () => {
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
		const port = (blocker.address() as {port: number}).port;
		try {
			const fake = fakeIo();
			expect(await runCli(['sandbox', '--port', String(port)], fake.io)).toBe(2);
			expect(fake.err()).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
		} finally {
			blocker.close();
		}
	});

	test('as a process: SIGTERM stops it cleanly with exit code 0', async () => {
		const sandbox = await sandboxProcess([]);
		expect(sandbox.info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		// The secret goes to stdout once, never to the log.
		expect(sandbox.stderr()).not.toContain(sandbox.info.secretAccessKey);
		expect((await sandbox.stop('SIGTERM')).code).toBe(0);
		expect(sandbox.stderr()).toContain('Sandbox stopped (SIGTERM)');
	}, 30_000);
});
