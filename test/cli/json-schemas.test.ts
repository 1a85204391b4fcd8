/**
 * Every --json document, from real runs against the sandbox, validates against its schema in schemas/;
 * and no secret shows in any of them (nor on stderr, nor in an error message).
 */
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const schemaDir = join(import.meta.dirname, '../../schemas');
const ajv = new Ajv({allErrors: true, validateFormats: false});
for (const file of readdirSync(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object, file);

function expectValid(schema: string, run: CliRun): unknown {
	const document = JSON.parse(run.stdout) as unknown;
	const valid = ajv.validate(schema, document);
	expect(valid, `${schema}: ${ajv.errorsText()}`).toBe(true);
	return document;
}

let sandbox: RunningSandbox;
let dir: string;
let apiKey: string;
const admin = (): Record<string, string> => adminEnv(sandbox);
const runs: CliRun[] = [];
const track = async (promise: Promise<CliRun>): Promise<CliRun> => {
	const run = await promise;
	runs.push(run);
	return run;
};

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-schema-'));
	const run = await track(
		runCliCaptured(['create', ...onSandbox(sandbox, dir), '--user-name', 'schema-user', '--models', 'amazon.nova-lite-v1:0', '--json'], {env: admin()}),
	);
	expect(run.code, run.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => sandbox.close());

const check = (args: readonly string[], env: Record<string, string> = {AWS_BEARER_TOKEN_BEDROCK: apiKey}): Promise<CliRun> =>
	track(runCliCaptured(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--verify-timeout', '2', '--json', ...args], {env}));

describe('--json documents match schemas/', () => {
	it('create: report.v1.json (and the saved report too)', () => {
		expectValid('report.v1.json', runs[0]!);
		expect(ajv.validate('report.v1.json', JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')))).toBe(true);
	});

	it('check: check.v1.json in discovery, and with expectations and admin credentials', async () => {
		const discovery = expectValid('check.v1.json', await check([])) as {check: {discovery: {groups: {allowed: string[]}}}};
		expect(discovery.check.discovery.groups.allowed).toEqual(['amazon.nova-lite-v1:0']);
		const run = await check(['--report', join(dir, 'bedrock-key-report.json'), '--admin'], {AWS_BEARER_TOKEN_BEDROCK: apiKey, ...admin()});
		expect(run.code, run.stderr).toBe(0);
		expect((expectValid('check.v1.json', run) as {check: {user: unknown}}).check.user).toBeDefined();
	});

	it('check that fails before a report: error.v1.json, exit 2, and the bad key is not echoed', async () => {
		const wrong = `${apiKey.slice(0, 20)} ${apiKey.slice(20)}`;
		const run = await check([], {AWS_BEARER_TOKEN_BEDROCK: wrong});
		expect(run.code).toBe(2);
		expectValid('error.v1.json', run);
		expect(run.stderr).toContain('spaces or line breaks');
	});

	it('check of a key AWS rejects outright: one error.v1.json, exit 1 (check with no expectations groups what a key can call in check.v1.json above)', async () => {
		const unknown = `ABSK${Buffer.from(`BedrockAPIKey-zz98-at-123456789012:${Buffer.from('nobody-holds-this').toString('base64')}`).toString('base64')}`;
		const run = await check([], {AWS_BEARER_TOKEN_BEDROCK: unknown});
		expect(run.code, run.stderr).toBe(1);
		expect((expectValid('error.v1.json', run) as {error: {kind: string}}).error.kind).toBe('verification-failed');
	});

	it('cleanup: cleanup.v1.json', async () => {
		expectValid('cleanup.v1.json', await track(runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--json'], {env: admin()})));
	});

	it('policy: policy.v1.json', async () => {
		expectValid(
			'policy.v1.json',
			await track(runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v1:0', '--format', 'cloudformation', '--json'])),
		);
	});
});

describe('secrets', () => {
	it('check refuses a key on argv (exit 2), says why, and never repeats it', async () => {
		for (const argv of [['--api-key', apiKey], [`--api-key=${apiKey}`]]) {
			const run = await track(runCliCaptured(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', ...argv]));
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('shell history');
		}
	});

	it('check --no-input with no key and no Region names both missing answers in one message', async () => {
		const run = await track(runCliCaptured(['check', '--no-input']));
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/--region.*AWS_BEARER_TOKEN_BEDROCK/);
	});

	it('create --no-input names --region and --models together', async () => {
		const run = await track(runCliCaptured(['create', '--no-input']));
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/--region, --models/);
	});

	it('the key and the admin secret appear in no output of any command run here', () => {
		expect(runs.length).toBeGreaterThan(8);
		for (const run of runs) {
			for (const text of [run.stdout, run.stderr]) {
				expect(text).not.toContain(apiKey.slice(4, 40));
				expect(text).not.toContain(sandbox.admin.secretAccessKey);
			}
		}
	});
});
