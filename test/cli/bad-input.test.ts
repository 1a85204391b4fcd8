/**
 * Bad input gets a clear message naming the problem and the fix, the contract's exit code, and no stack
 * trace (only with --debug). Each case is something people really type or have.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

const dir = (): string => mkdtempSync(join(tmpdir(), 'bkw-bad-'));
const admin = (): Record<string, string> => adminEnv(sandbox);
const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bad input', () => {
	it('an invalid Region name, before any AWS call', async () => {
		const run = await runCliCaptured(
			['create', '--region', 'us-west2', '--models', 'amazon.titan-embed-text-v2:0', '--endpoint-url', sandbox.endpoint, '--out-dir', dir()],
			{env: admin()},
		);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('"us-west2" is not an AWS Region name');
		expect(run.stderr).toContain('--region us-west-2');
		noStack(run.stderr);
	});

	it('malformed --models: only commas', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', ',, ,']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/No model was chosen/);
	});

	it('a misspelled model id gets the closest real ids', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Did you mean: amazon.nova-lite-v1:0');
	});

	it('no credentials at all: says so and lists the ways in (exit 3)', async () => {
		const run = await runCliCaptured(
			['create', '--region', 'us-west-2', '--endpoint-url', sandbox.endpoint, '--models', 'amazon.titan-embed-text-v2:0', '--out-dir', dir()],
			{
				env: {HOME: dir(), AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent'},
			},
		);
		expect(run.code).toBe(3);
		expect(run.stderr).toContain('No AWS credentials were found');
		expect(run.stderr).toContain('--sandbox');
		noStack(run.stderr);
	});

	it('a clock more than 15 minutes off: names the clock, not the credentials', async () => {
		const skewed = await startTestSandbox({clock: () => new Date(Date.now() + 20 * 60_000)});
		try {
			const run = await runCliCaptured(
				['create', '--region', 'us-west-2', '--endpoint-url', skewed.endpoint, '--models', 'amazon.titan-embed-text-v2:0', '--out-dir', dir()],
				{
					env: {AWS_ACCESS_KEY_ID: skewed.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: skewed.admin.secretAccessKey},
				},
			);
			expect(run.code).toBe(3);
			expect(run.stderr).toContain("this computer's clock is more than 15 minutes off");
			expect(run.stderr).toContain('timedatectl');
		} finally {
			await skewed.close();
		}
	});

	it('unknown credentials for this endpoint (another account): AWS did not accept them', async () => {
		const run = await runCliCaptured(
			['create', '--region', 'us-west-2', '--endpoint-url', sandbox.endpoint, '--models', 'amazon.titan-embed-text-v2:0', '--out-dir', dir()],
			{
				env: {AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00', AWS_SECRET_ACCESS_KEY: 'not-a-sandbox-secret'},
			},
		);
		expect(run.code).toBe(3);
		expect(run.stderr).toContain('AWS did not accept your credentials');
		expect(run.stderr).not.toContain('not-a-sandbox-secret');
	});

	it('--debug adds the stack trace, and only then', async () => {
		const run = await runCliCaptured(['policy', '--debug', '--region', 'us-west-2', '--models', 'nope']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/\n\s+at /);
	});
});

describe('a non-UTF-8 locale', () => {
	it('LANG=C: a notice naming the fix, and the command still works', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0'], {env: {LANG: 'C'}});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain("The locale's character set is ASCII, not UTF-8");
		expect(run.stderr).toContain('LANG=en_US.UTF-8');
	});

	it('Japanese asked for in an EUC-JP locale: English instead, with the reason', async () => {
		const run = await runCliCaptured(['policy', '--lang', 'ja', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0', '--format', 'text'], {
			env: {LANG: 'ja_JP.eucJP'},
		});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('character set is eucJP');
		expect(run.stdout).toContain('What each statement does');
		expect(run.stdout).not.toMatch(/[\u3040-\u30ff]/);
	});

	it('a UTF-8 locale (or none) says nothing', async () => {
		const envs: Array<Record<string, string>> = [{LANG: 'en_US.UTF-8'}, {LANG: 'ja_JP.utf8'}, {}];
		for (const env of envs) {
			const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0'], {env});
			expect(run.stderr).not.toContain('character set');
		}
	});
});
