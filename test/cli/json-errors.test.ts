/**
 * `--json` prints exactly one JSON document on stdout, whatever goes wrong: the error paths of every
 * command (usage errors commander catches, flags a command refuses, AWS refusing), each checked against
 * schemas/error.v1.json with its exit code. Logs and the human message stay on stderr.
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {startTestSandbox} from '../helpers/sandbox.js';

const schemaDir = join(import.meta.dirname, '../../schemas');
const ajv = new Ajv({allErrors: true, validateFormats: false});
for (const file of readdirSync(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object, file);

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

const dir = (): string => mkdtempSync(join(tmpdir(), 'bkw-json-'));
const WRONG_SECRET = 'not-a-sandbox-secret-0123456789';
/** No credentials anywhere: the SDK's chain finds nothing, quickly. */
const nobody = (): Record<string, string> => ({
	HOME: dir(),
	AWS_EC2_METADATA_DISABLED: 'true',
	AWS_CONFIG_FILE: '/nonexistent',
	AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
});
const admin = (): Record<string, string> => ({AWS_ACCESS_KEY_ID: sandbox.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.admin.secretAccessKey});
const stranger = (): Record<string, string> => ({AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00', AWS_SECRET_ACCESS_KEY: WRONG_SECRET});
const at = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'];
const withEnv = (): string => {
	const folder = dir();
	writeFileSync(join(folder, '.env'), 'AWS_BEARER_TOKEN_BEDROCK=kept\n');
	return folder;
};

interface Case {
	readonly name: string;
	readonly argv: () => string[];
	readonly env?: () => Record<string, string>;
	readonly code: number;
	/** In the document's error message or fix. */
	readonly says: RegExp;
	/** The document's command, where it names one (create's own failure document, with the report so far, does not). */
	readonly command?: string;
}

const cases: Case[] = [
	// Commander's own usage errors.
	{name: 'an unknown option', argv: () => ['--frobnicate'], code: 2, says: /unknown option '--frobnicate'/},
	{
		name: 'policy without its required --models',
		argv: () => ['policy', '--region', 'us-west-2'],
		code: 2,
		says: /required option '--models <ids>' not specified/,
		command: 'policy',
	},
	{
		name: 'a value not among the choices',
		argv: () => ['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v1:0', '--format', 'yaml'],
		code: 2,
		says: /--format <format>' argument 'yaml' is invalid/,
		command: 'policy',
	},
	{name: 'a flag without its value', argv: () => ['create', '--region'], code: 2, says: /option '--region <region>' argument missing/, command: 'create'},
	{name: '--lang fr', argv: () => ['--lang', 'fr'], code: 2, says: /argument 'fr' is invalid/},
	{
		name: 'an argument policy does not take',
		argv: () => ['policy', 'extra', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v1:0'],
		code: 2,
		says: /too many arguments for 'policy'/,
		command: 'policy',
	},
	{name: 'an unknown command', argv: () => ['chek'], code: 2, says: /Unknown command 'chek'\. Did you mean 'check'\?/},
	{name: 'help for an unknown command', argv: () => ['help', 'chek'], code: 2, says: /Unknown command 'chek'/},
	{name: 'workshop without its command', argv: () => ['workshop'], code: 2, says: /workshop needs a command/, command: 'workshop'},
	{name: 'a mistyped workshop command', argv: () => ['workshop', 'statsu'], code: 2, says: /unknown command 'statsu'/, command: 'workshop'},
	// create
	{name: 'create, headless, without --models', argv: () => ['create', ...at()], env: admin, code: 2, says: /--models/, command: 'create'},
	{name: 'create, headless, without --region and --models', argv: () => ['create'], env: nobody, code: 2, says: /--region, --models/, command: 'create'},
	{
		name: 'create with a .env already in --out-dir',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--out-dir', withEnv()],
		env: admin,
		code: 2,
		says: /\.env already exists/,
		command: 'create',
	},
	{
		name: 'create --key bogus',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--key', 'bogus'],
		code: 2,
		says: /Unknown --key bogus/,
		command: 'create',
	},
	{
		name: 'create --expires-in-days 0',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--expires-in-days', '0'],
		code: 2,
		says: /--expires-in-days "0"/,
		command: 'create',
	},
	{
		name: 'create --verify-timeout soon',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--verify-timeout', 'soon'],
		code: 2,
		says: /--verify-timeout "soon"/,
		command: 'create',
	},
	{
		name: 'create --sandbox with --endpoint-url',
		argv: () => ['create', '--sandbox', '--endpoint-url', sandbox.endpoint, '--models', 'amazon.nova-lite-v1:0'],
		code: 2,
		says: /cannot be used together/,
		command: 'create',
	},
	{
		name: 'create in a misspelled Region',
		argv: () => ['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west2', '--models', 'amazon.nova-lite-v1:0', '--out-dir', dir()],
		env: admin,
		code: 2,
		says: /not an AWS Region name/,
		command: 'create',
	},
	{
		name: 'create with no credentials at all (AWS refused)',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--out-dir', dir()],
		env: nobody,
		code: 3,
		says: /No AWS credentials were found/,
	},
	{
		name: 'create with credentials AWS does not know',
		argv: () => ['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--out-dir', dir()],
		env: stranger,
		code: 3,
		says: /did not accept your credentials/,
	},
	// policy
	{
		name: 'policy for a misspelled model',
		argv: () => ['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite'],
		code: 2,
		says: /Did you mean: amazon\.nova-lite-v1:0/,
		command: 'policy',
	},
	{
		name: 'policy for no model at all',
		argv: () => ['policy', '--region', 'us-west-2', '--models', ',,'],
		code: 2,
		says: /No model was chosen/,
		command: 'policy',
	},
	// check
	{name: 'check with the key on argv', argv: () => ['check', ...at(), '--api-key', 'ABSKnot-a-real-key'], code: 2, says: /command line/i, command: 'check'},
	{name: 'check with no key and no Region', argv: () => ['check'], env: nobody, code: 2, says: /--region/, command: 'check'},
	{
		name: 'check --report that is not there',
		argv: () => ['check', ...at(), '--report', '/nonexistent/bedrock-key-report.json'],
		code: 2,
		says: /nonexistent/,
		command: 'check',
	},
	{name: 'check --verify-timeout soon', argv: () => ['check', ...at(), '--verify-timeout', 'soon'], code: 2, says: /--verify-timeout "soon"/, command: 'check'},
	// cleanup
	{name: 'cleanup --older-than soon', argv: () => ['cleanup', ...at(), '--older-than', 'soon'], code: 2, says: /soon/, command: 'cleanup'},
	{
		name: 'cleanup with credentials AWS does not know',
		argv: () => ['cleanup', ...at()],
		env: stranger,
		code: 3,
		says: /did not accept your credentials/,
		command: 'cleanup',
	},
	// sandbox
	{name: 'sandbox --port eighty', argv: () => ['sandbox', '--port', 'eighty'], code: 2, says: /--port must be a whole number/, command: 'sandbox'},
	// workshop
	{
		name: 'workshop create without --name',
		argv: () => ['workshop', 'create', ...at(), '--seats', '2'],
		code: 2,
		says: /No --name given, and no workshop.json was found/,
		command: 'workshop create',
	},
	{
		name: 'workshop create without --seats',
		argv: () => ['workshop', 'create', ...at(), '--name', 'json-class'],
		code: 2,
		says: /number of seats was not given/,
		command: 'workshop create',
	},
	{
		name: 'workshop create --until that is not a time',
		argv: () => ['workshop', 'create', ...at(), '--name', 'json-class', '--seats', '2', '--until', 'not-a-time'],
		code: 2,
		says: /not-a-time/,
		command: 'workshop create',
	},
	{
		name: 'workshop create with credentials AWS does not know',
		argv: () => [
			'workshop',
			'create',
			...at(),
			'--name',
			'json-class',
			'--seats',
			'2',
			'--models',
			'amazon.nova-lite-v1:0',
			'--expires-in-days',
			'1',
			'--out-dir',
			dir(),
		],
		env: stranger,
		code: 3,
		says: /./,
		command: 'workshop create',
	},
	{
		name: 'workshop status of no such event',
		argv: () => ['workshop', 'status', ...at(), '--name', 'no-such-event', '--out-dir', dir()],
		env: admin,
		code: 2,
		says: /No seats of "no-such-event"/,
		command: 'workshop status',
	},
	{
		name: 'workshop teardown --concurrency 0',
		argv: () => ['workshop', 'teardown', ...at(), '--name', 'json-class', '--concurrency', '0'],
		code: 2,
		says: /--concurrency "0"/,
		command: 'workshop teardown',
	},
];

describe('--json: exactly one document on stdout for every failure', () => {
	for (const testCase of cases) {
		it(`${testCase.name}: error.v1.json, exit ${testCase.code}`, async () => {
			const run = await runCliCaptured(['--json', ...testCase.argv()], {env: testCase.env?.() ?? nobody(), cwd: dir()});
			expect(run.code, run.stderr).toBe(testCase.code);
			// JSON.parse takes one document and nothing else: two documents, or a log line, fail here.
			let document: {command?: string; error: {kind: string; message: string; fix?: string}};
			try {
				document = JSON.parse(run.stdout) as typeof document;
			} catch {
				throw new Error(`stdout is not one JSON document:\n${run.stdout}\n--- stderr:\n${run.stderr}`);
			}
			expect(ajv.validate('error.v1.json', document), ajv.errorsText()).toBe(true);
			expect(`${document.error.message} ${document.error.fix ?? ''}`).toMatch(testCase.says);
			expect(document.error.kind).toBe(testCase.code === 3 ? 'aws-refused' : 'usage');
			if (testCase.command) expect(document.command).toBe(testCase.command);
			// The person still reads the message on stderr; no secret in either stream.
			expect(run.stderr).not.toBe('');
			expect(run.stdout + run.stderr).not.toContain(WRONG_SECRET);
			expect(run.stdout + run.stderr).not.toContain(sandbox.admin.secretAccessKey);
		});
	}

	it('in Japanese, the document is in Japanese too', async () => {
		const run = await runCliCaptured(['chek', '--json', '--lang', 'ja']);
		expect(run.code).toBe(2);
		expect((JSON.parse(run.stdout) as {error: {message: string}}).error.message).toContain("'check' のことですか?");
	});

	it('without --json, stdout stays empty on failure', async () => {
		const run = await runCliCaptured(['create', ...at(), '--models', 'amazon.nova-lite-v1:0', '--out-dir', withEnv()], {env: admin()});
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('.env already exists');
	});
});
