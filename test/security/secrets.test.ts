/**
 * The secrets harness: every command runs against one sandbox, and every secret it made or was given (API
 * keys long and short, secret access keys, the admin's) is searched for, as is, base64-encoded and in parts,
 * in stdout, stderr, every file written except `.env` and the handouts, and in error messages. The files
 * that must hold a secret are mode 0600.
 */
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {findSecretLeaks} from '../helpers/secret-scan.js';

let sandbox: RunningSandbox;
const runs: Record<string, CliRun> = {};
const dirs: Record<string, string> = {};
const admin = (): Record<string, string> => adminEnv(sandbox);
const base = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'];
const envValue = (dir: string, name: string): string => readFileSync(join(dir, '.env'), 'utf8').match(new RegExp(`^${name}=(.*)$`, 'm'))![1]!;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 100});
	for (const name of ['create', 'createShort', 'workshop']) dirs[name] = mkdtempSync(join(tmpdir(), `bkw-secrets-${name}-`));
	runs['create'] = await runCliCaptured(
		[
			'create',
			...base(),
			'--out-dir',
			dirs['create']!,
			'--user-name',
			'secret-a',
			'--key',
			'api-key,access-key',
			'--models',
			'amazon.nova-lite-v1:0',
			'--json',
		],
		{env: admin()},
	);
	runs['createShort'] = await runCliCaptured(
		['create', ...base(), '--out-dir', dirs['createShort']!, '--user-name', 'secret-b', '--key', 'short-term', '--models', 'amazon.nova-lite-v1:0'],
		{env: admin()},
	);
	const apiKey = envValue(dirs['create']!, 'AWS_BEARER_TOKEN_BEDROCK');
	runs['check'] = await runCliCaptured(['check', ...base(), '--expect-allowed', 'amazon.nova-lite-v1:0', '--json'], {env: {AWS_BEARER_TOKEN_BEDROCK: apiKey}});
	runs['checkStdin'] = await runCliCaptured(['check', ...base(), '--api-key-stdin', '--report', join(dirs['create']!, 'bedrock-key-report.json')], {
		stdin: `${apiKey}\n`,
	});
	runs['checkWrongRegion'] = await runCliCaptured(['check', ...base(), '--region', 'eu-west-1', '--expect-allowed', 'amazon.nova-lite-v1:0'], {
		env: {AWS_BEARER_TOKEN_BEDROCK: envValue(dirs['createShort']!, 'AWS_BEARER_TOKEN_BEDROCK')},
	});
	runs['checkBadKey'] = await runCliCaptured(['check', ...base(), '--expect-allowed', 'amazon.nova-lite-v1:0'], {
		env: {AWS_BEARER_TOKEN_BEDROCK: `${apiKey.slice(0, -6)}AAAAAA`},
	});
	runs['checkArgv'] = await runCliCaptured(['check', ...base(), '--api-key', apiKey]);
	// The OpenAI SDK's .env holds the key: check --client reads it from there (the file itself is not scanned).
	const clientDir = mkdtempSync(join(tmpdir(), 'bkw-secrets-client-'));
	writeFileSync(
		join(clientDir, 'openai.env'),
		`# Models this key may call here: amazon.nova-lite-v1:0\nOPENAI_BASE_URL=${sandbox.endpoint}/openai/v1\nOPENAI_API_KEY=${apiKey}\n`,
		{mode: 0o600},
	);
	runs['checkClient'] = await runCliCaptured(['check', ...base(), '--client', 'openai', '--settings', join(clientDir, 'openai.env'), '--json']);
	runs['workshopCreate'] = await runCliCaptured(
		[
			'workshop',
			'create',
			...base(),
			'--name',
			'secrets',
			'--seats',
			'3',
			'--models',
			'amazon.nova-lite-v1:0',
			'--expires-in-days',
			'1',
			// The spend guard's output (plan, steps, status, teardown) goes through the harness too.
			'--budget',
			'10',
			'--budget-email',
			'teacher@example.com',
			'--out-dir',
			dirs['workshop']!,
		],
		{env: admin()},
	);
	runs['workshopStatus'] = await runCliCaptured(['workshop', 'status', ...base(), '--name', 'secrets', '--out-dir', dirs['workshop']!, '--verify', '--json'], {
		env: admin(),
	});
	runs['cleanup'] = await runCliCaptured(['cleanup', ...base(), '--user-name', 'secret-a', '--yes', '--json'], {env: admin()});
	runs['teardown'] = await runCliCaptured(['workshop', 'teardown', ...base(), '--name', 'secrets', '--out-dir', dirs['workshop']!, '--yes'], {env: admin()});
}, 120_000);
afterAll(async () => sandbox.close());

/** Every secret the runs made or were given. */
function secrets(): Record<string, string> {
	const found: Record<string, string> = {
		'long-term API key': envValue(dirs['create']!, 'AWS_BEARER_TOKEN_BEDROCK'),
		'secret access key': envValue(dirs['create']!, 'AWS_SECRET_ACCESS_KEY'),
		'short-term API key': envValue(dirs['createShort']!, 'AWS_BEARER_TOKEN_BEDROCK'),
		'short-term signer secret': envValue(dirs['createShort']!, 'AWS_SECRET_ACCESS_KEY'),
		'admin secret': sandbox.admin.secretAccessKey,
	};
	for (const name of readdirSync(dirs['workshop']!).filter((file) => file.endsWith('.md'))) {
		const key = /ABSK[A-Za-z0-9+/=]+/.exec(readFileSync(join(dirs['workshop']!, name), 'utf8'))?.[0];
		if (key) found[`workshop key ${name}`] = key;
	}
	return found;
}

/** What may never hold a secret: every output and every file written, except .env and the handouts. */
function texts(): Record<string, string> {
	const all: Record<string, string> = {};
	for (const [name, run] of Object.entries(runs)) {
		all[`${name} stdout`] = run.stdout;
		all[`${name} stderr`] = run.stderr;
	}
	for (const dir of Object.values(dirs)) {
		for (const file of readdirSync(dir)) {
			if (file === '.env' || file.endsWith('.md')) continue;
			all[join(dir, file)] = readFileSync(join(dir, file), 'utf8');
		}
	}
	return all;
}

describe('secrets never leave the files meant for them', () => {
	it('every command ran as expected (so there was something to leak)', () => {
		expect(runs['create']!.code, runs['create']!.stderr).toBe(0);
		expect(runs['createShort']!.code, runs['createShort']!.stderr).toBe(0);
		expect(runs['check']!.code, runs['check']!.stderr).toBe(0);
		expect(runs['checkStdin']!.code, runs['checkStdin']!.stderr).toBe(0);
		expect(runs['checkWrongRegion']!.code).toBe(2);
		expect(runs['checkBadKey']!.code).not.toBe(0);
		expect(runs['checkArgv']!.code).toBe(2);
		expect(runs['checkClient']!.code, runs['checkClient']!.stderr).toBe(0);
		expect(runs['workshopCreate']!.code, runs['workshopCreate']!.stderr).toBe(0);
		expect(runs['workshopStatus']!.code, runs['workshopStatus']!.stderr).toBe(0);
		expect(runs['workshopCreate']!.stderr).toContain('Spend guard:');
		expect(JSON.parse(runs['workshopStatus']!.stdout)).toHaveProperty('spendGuard.budget.amount', 10);
		expect(runs['cleanup']!.code, runs['cleanup']!.stderr).toBe(0);
		expect(runs['teardown']!.code, runs['teardown']!.stderr).toBe(0);
		expect(Object.keys(secrets()).filter((name) => name.startsWith('workshop key'))).toHaveLength(3);
	});

	it('no secret, in any form, in any output, report, roster, policy or error message', () => {
		const all = texts();
		expect(Object.keys(all).length).toBeGreaterThan(20);
		const leaks = Object.entries(secrets()).flatMap(([secret, value]) => findSecretLeaks(value, all).map((where) => `${secret} in ${where}`));
		expect(leaks).toEqual([]);
	});

	it('the files that hold secrets are mode 0600', () => {
		expect(statSync(join(dirs['create']!, '.env')).mode & 0o777).toBe(0o600);
		expect(statSync(join(dirs['createShort']!, '.env')).mode & 0o777).toBe(0o600);
		for (const name of readdirSync(dirs['workshop']!).filter((file) => file.endsWith('.md')))
			expect(statSync(join(dirs['workshop']!, name)).mode & 0o777).toBe(0o600);
	});

	it('a key given on the command line is refused, without repeating it', () => {
		expect(runs['checkArgv']!.stderr).toContain('--api-key is not accepted');
	});
});
