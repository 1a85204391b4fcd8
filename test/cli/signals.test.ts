/**
 * SIGINT, SIGTERM and SIGHUP sent to the real CLI process (node + tsx, stdin not a terminal, so headless)
 * while it works against a sandbox: every command stops, undoes what was half-made, exits 130 and, under
 * --json, leaves exactly one document on stdout. A second signal while stopping quits at once. Each
 * signal is sent when a held request has reached the sandbox (its fault fired), never after a fixed sleep.
 * The full-screen interface is tested in a real terminal in test/ui/terminal.test.ts.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	CreateAccessKeyCommand,
	CreateUserCommand,
	ListAccessKeysCommand,
	ListServiceSpecificCredentialsCommand,
	ListUsersCommand,
	type IAMClient,
} from '@aws-sdk/client-iam';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {StopSignal} from '../../source/cli/io.js';
import type {FaultRule, RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, iamClient, provisionUser, startTestSandbox} from '../helpers/sandbox.js';

const signals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
beforeEach(async () => {
	sandbox = await startTestSandbox();
});
afterEach(async () => sandbox.close());

interface Running {
	readonly stdout: () => string;
	readonly stderr: () => string;
	readonly exit: Promise<number | null>;
	kill(signal: StopSignal): void;
}

function runCli(args: readonly string[], env: Record<string, string> = {}): Running {
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args], {
		env: {...process.env, ...adminEnv(sandbox), LANG: 'en_US.UTF-8', ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return {
		stdout: () => stdout,
		stderr: () => stderr,
		exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
		kill: (signal) => void child.kill(signal),
	};
}

/** Polls until `ready` holds; the run's stderr explains a timeout. */
async function until(ready: () => boolean, run: Running, what: string): Promise<void> {
	const started = Date.now();
	while (!ready()) {
		if (Date.now() - started > 30_000) throw new Error(`Timed out waiting for ${what}; stderr so far:\n${run.stderr()}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** The one document on stdout (JSON.parse fails on a second one, or on anything else). */
const onlyDocument = (stdout: string): {error?: {kind: string; message: string; fix?: string}} & Record<string, unknown> =>
	JSON.parse(stdout) as {error?: {kind: string; message: string}};

const userNames = async (iam: IAMClient): Promise<string[]> => ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!);

const createArgs = (userName: string): string[] => [
	'create',
	'--endpoint-url',
	sandbox.endpoint,
	'--region',
	'us-west-2',
	'--models',
	TITAN_V2,
	'--user-name',
	userName,
	'--out-dir',
	mkdtempSync(join(tmpdir(), 'bkw-signal-')),
	'--json',
];

describe('create --json (headless), stopped mid-apply', () => {
	for (const signal of signals) {
		it(`${signal}: rolls back the user and policy it made, exit 130, one error document`, async () => {
			// Held once the user and its policy exist: the key is being made when the signal comes.
			const held = sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: 'latency', times: 1, latencyMs: 1500});
			const run = runCli(createArgs(`stopped-${signal.toLowerCase()}`));
			await until(() => held.fired === 1, run, 'the key creation to reach the sandbox');
			run.kill(signal);
			const code = await run.exit;
			expect(code, run.stderr()).toBe(130);
			expect(run.stderr()).toContain(`! Stopping (${signal})`);
			expect(run.stderr()).toMatch(/Rolled back 3 changes/);
			expect(onlyDocument(run.stdout()).error).toMatchObject({kind: 'cancelled'});
			const iam = iamClient(sandbox);
			expect(await userNames(iam)).not.toContain(`stopped-${signal.toLowerCase()}`);
			expect((await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials ?? []).toEqual([]);
		}, 60_000);
	}

	it('a second SIGINT while it is still stopping quits at once, says what may be left and how to find it; cleanup then removes it', async () => {
		const held = sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: 'latency', times: 1, latencyMs: 2000});
		const run = runCli(createArgs('forced-out'));
		await until(() => held.fired === 1, run, 'the key creation to reach the sandbox');
		run.kill('SIGINT');
		await until(() => run.stderr().includes('! Stopping (SIGINT)'), run, 'the stopping notice');
		run.kill('SIGINT');
		expect(await run.exit, run.stderr()).toBe(130);
		expect(run.stderr()).toContain('! Quit at once (a second SIGINT while stopping): what was under way was left as it is.');
		expect(run.stderr()).toContain('Run bedrock-key-wizard cleanup');
		expect(run.stderr()).not.toMatch(/Rolled back/);
		expect(onlyDocument(run.stdout()).error).toMatchObject({kind: 'cancelled', message: expect.stringContaining('Quit at once') as unknown});
		// Left as it was: the user (tagged as this tool's) is still there, and the advice finds and removes it.
		const iam = iamClient(sandbox);
		expect(await userNames(iam)).toContain('forced-out');
		const cleanup = await runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--yes', '--json'], {env: adminEnv(sandbox)});
		expect(cleanup.code, cleanup.stderr).toBe(0);
		expect((JSON.parse(cleanup.stdout) as {deleted: string[]}).deleted).toEqual(['forced-out']);
		expect(await userNames(iam)).not.toContain('forced-out');
	}, 60_000);
});

describe('cleanup --yes --json, stopped while deleting', () => {
	for (const signal of signals) {
		it(`${signal}: finishes the user it started on, leaves the others whole, exit 130, one error document`, async () => {
			const iam = iamClient(sandbox);
			const tags = [{Key: 'bedrock-key-wizard:managed', Value: 'true'}];
			// Deleted in name order: bkw-0 first, held at its last step (DeleteUser) when the signal comes.
			for (const name of ['bkw-0', 'bkw-a', 'bkw-b', 'bkw-c']) await iam.send(new CreateUserCommand({UserName: name, Tags: tags}));
			await iam.send(new CreateAccessKeyCommand({UserName: 'bkw-a'}));
			const held: FaultRule = sandbox.faults.add({operation: 'DeleteUser', kind: 'latency', times: 1, latencyMs: 1500});
			const run = runCli(['cleanup', '--endpoint-url', sandbox.endpoint, '--yes', '--json']);
			await until(() => held.fired === 1, run, 'the first DeleteUser to reach the sandbox');
			run.kill(signal);
			expect(await run.exit, run.stderr()).toBe(130);
			const document = onlyDocument(run.stdout());
			expect(document).toMatchObject({schemaVersion: 1, command: 'cleanup', error: {kind: 'cancelled', message: 'Cancelled after deleting 1 of 4 users.'}});
			expect(document.error?.fix).toContain('Run cleanup again');
			const left = await userNames(iam);
			expect(left).not.toContain('bkw-0');
			expect(left).toEqual(expect.arrayContaining(['bkw-a', 'bkw-b', 'bkw-c']));
			// Not touched at all: its access key is still there.
			expect((await iam.send(new ListAccessKeysCommand({UserName: 'bkw-a'}))).AccessKeyMetadata).toHaveLength(1);
		}, 60_000);
	}
});

describe('workshop teardown --yes --json, stopped while deleting', () => {
	it('SIGTERM: the seats under way finish, the rest are left for the next run, exit 130, one document saying it was cancelled', async () => {
		const outDir = mkdtempSync(join(tmpdir(), 'bkw-signal-workshop-'));
		const workshop = (args: string[]) =>
			runCliCaptured(['workshop', ...args, '--name', 'stopped-class', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir], {
				env: adminEnv(sandbox),
			});
		const created = await workshop(['create', '--seats', '3', '--models', TITAN_V2, '--expires-in-days', '1']);
		expect(created.code, created.stderr).toBe(0);
		const held = sandbox.faults.add({operation: 'DeleteUser', kind: 'latency', times: 1, latencyMs: 1500});
		const run = runCli(['workshop', 'teardown', '--name', 'stopped-class', ...onSandbox(sandbox, outDir), '--concurrency', '1', '--yes', '--json']);
		await until(() => held.fired === 1, run, "the first seat's DeleteUser to reach the sandbox");
		run.kill('SIGTERM');
		expect(await run.exit, run.stderr()).toBe(130);
		const document = onlyDocument(run.stdout()) as {cancelled?: boolean; deleted?: string[]; remaining?: number};
		expect(document).toMatchObject({command: 'workshop teardown', cancelled: true, deleted: ['bkw-stopped-class-001'], remaining: 2});
		// The next run finishes the job.
		const again = await workshop(['teardown', '--yes', '--json']);
		expect(again.code, again.stderr).toBe(0);
		expect((await userNames(iamClient(sandbox))).filter((name) => name.startsWith('bkw-stopped-class-'))).toEqual([]);
	}, 90_000);
});

describe('check --json, stopped while its probes run', () => {
	it('SIGTERM: exit 130, one error document', async () => {
		const user = await provisionUser(
			sandbox,
			'checked',
			{Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['bedrock:CallWithBearerToken', 'bedrock:InvokeModel'], Resource: '*'}]},
			{apiKey: true},
		);
		const held = sandbox.faults.add({operation: 'InvokeModel', kind: 'latency', times: 1, latencyMs: 1500});
		const run = runCli(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--expect-allowed', TITAN_V2, '--json'], {
			AWS_BEARER_TOKEN_BEDROCK: user.apiKey!,
			AWS_ACCESS_KEY_ID: '',
			AWS_SECRET_ACCESS_KEY: '',
		});
		await until(() => held.fired === 1, run, 'the first probe to reach the sandbox');
		run.kill('SIGTERM');
		expect(await run.exit, run.stderr()).toBe(130);
		expect(onlyDocument(run.stdout())).toMatchObject({command: 'check', error: {kind: 'cancelled'}});
	}, 60_000);
});

describe('sandbox', () => {
	for (const signal of ['SIGINT', 'SIGHUP'] as const) {
		it(`${signal} stops it cleanly, exit 0`, async () => {
			const run = runCli(['sandbox', '--port', '0']);
			await until(() => run.stdout().includes('\n'), run, 'the endpoint line');
			run.kill(signal);
			expect(await run.exit, run.stderr()).toBe(0);
			expect(run.stderr()).toContain(`Sandbox stopped (${signal})`);
		}, 30_000);
	}
});
