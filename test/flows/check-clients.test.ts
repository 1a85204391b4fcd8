/**
 * `check --client openai|codex|litellm --settings FILE` (issue 18, the doctor for the other clients): the
 * files create wrote for a key made for those clients pass, each model probed through the surface that
 * client uses (Chat Completions on Mantle for the OpenAI .env that points there, Mantle's Responses API for
 * Codex, Converse and Mantle for LiteLLM's entries); an entry naming a model the key may not call fails
 * (exit 1) naming the entry and the line to change; a file the readers cannot read is refused (exit 2).
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {createKeyFor} from '../helpers/created-key.js';
import {startTestSandbox} from '../helpers/sandbox.js';

const gptOss = 'openai.gpt-oss-120b-1:0';
const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
let sandbox: RunningSandbox;
let dir: string;
let key: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-clients-'));
	({key} = await createKeyFor(sandbox, dir, 'client-doctor', [gptOss, haiku], ['openai', 'codex', 'litellm']));
}, 60_000);
afterAll(async () => sandbox.close());

const check = (client: string, settings: string, options: {lang?: 'en' | 'ja'; key?: boolean; json?: boolean} = {}) =>
	runCliCaptured(
		[
			'check',
			'--endpoint-url',
			sandbox.regionalEndpoint,
			'--region',
			'us-west-2',
			'--client',
			client,
			'--settings',
			settings,
			'--verify-timeout',
			'3',
			'--lang',
			options.lang ?? 'en',
			...(options.json ? ['--json'] : []),
		],
		{env: options.key === false ? {} : {AWS_BEARER_TOKEN_BEDROCK: key}, cwd: dir},
	);

const rewrite = (from: string, to: string, change: (text: string) => string): void =>
	writeFileSync(join(dir, to), change(readFileSync(join(dir, from), 'utf8')));

describe('create --client codex', () => {
	it("verified the key on Mantle's Responses API, as Codex calls it: the chosen OpenAI model allowed, a forbidden one refused", () => {
		const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as {
			probes: Array<{model: string; operation: string; expected: string; pass: boolean}>;
		};
		const responses = report.probes.filter((probe) => probe.operation === 'MantleResponses');
		expect(responses).toContainEqual(expect.objectContaining({model: 'openai.gpt-oss-120b', expected: 'allow', pass: true}));
		expect(responses.some((probe) => probe.expected === 'deny' && probe.pass)).toBe(true);
		expect(responses.some((probe) => probe.model.startsWith('anthropic.'))).toBe(false);
	});
});

describe('check --client openai', () => {
	it('passes on the .env create wrote, with the key that file holds, each model on its Chat Completions', async () => {
		const run = await check('openai', 'openai.env', {key: false});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('The models openai would call, from openai.env:');
		expect(run.stderr).toContain('openai.gpt-oss-120b (MantleChatCompletions)');
		expect(run.stderr).toContain('The key checked is the one in openai.env (OPENAI_API_KEY)');
		expect(run.stdout).toMatch(/MantleChatCompletions/);
	});

	it('fails (exit 1) on a model the key may not call, naming it and the line; a base URL that is not Bedrock fails whatever the key', async () => {
		rewrite('openai.env', 'bad-openai.env', (text) => `${text}OPENAI_MODEL=qwen.qwen3-32b-v1:0\n`);
		const run = await check('openai', 'bad-openai.env');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('✗ The entry OPENAI_MODEL (qwen.qwen3-32b-v1:0) would fail');
		expect(run.stderr).toMatch(/Change the line \d+ OPENAI_MODEL=qwen\.qwen3-32b-v1:0 in bad-openai\.env/);
		rewrite('openai.env', 'elsewhere.env', (text) => text.replace(/^OPENAI_BASE_URL=.*$/m, 'OPENAI_BASE_URL=https://api.openai.com/v1'));
		const elsewhere = await check('openai', 'elsewhere.env');
		expect(elsewhere.code).toBe(1);
		expect(elsewhere.stderr).toMatch(/Line \d+ of elsewhere\.env, OPENAI_BASE_URL=https:\/\/api\.openai\.com\/v1, makes the client fail whatever the key/);
	});
});

describe('check --client codex', () => {
	it("passes on the config.toml create wrote: its model through Mantle's Responses API", async () => {
		const run = await check('codex', 'codex-config.toml');
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('model: openai.gpt-oss-120b (MantleResponses)');
		expect(run.stdout).toMatch(/MantleResponses/);
	});

	it("--json: check.v1.json, with the Responses API's probe in it", async () => {
		const run = await check('codex', 'codex-config.toml', {json: true});
		expect(run.code, run.stderr).toBe(0);
		const schemas = join(import.meta.dirname, '../../schemas');
		const ajv = new Ajv({allErrors: true, validateFormats: false});
		for (const file of readdirSync(schemas)) ajv.addSchema(JSON.parse(readFileSync(join(schemas, file), 'utf8')) as object, file);
		const document = JSON.parse(run.stdout) as {probes: Array<{model: string; operation: string; pass: boolean}>};
		expect(ajv.validate('check.v1.json', document), ajv.errorsText()).toBe(true);
		expect(document.probes).toContainEqual(expect.objectContaining({model: 'openai.gpt-oss-120b', operation: 'MantleResponses', pass: true}));
	});

	it('fails (exit 1) naming the model line for a model the key may not call, and a wire_api Codex refuses', async () => {
		rewrite('codex-config.toml', 'bad-codex.toml', (text) => text.replace('model = "openai.gpt-oss-120b"', 'model = "openai.gpt-oss-20b"'));
		const run = await check('codex', 'bad-codex.toml');
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/The entry model \(openai\.gpt-oss-20b\) would fail.*Change the line \d+ model = "openai\.gpt-oss-20b" in bad-codex\.toml/);
		rewrite('codex-config.toml', 'chat-codex.toml', (text) => text.replace('wire_api = "responses"', 'wire_api = "chat"'));
		const chat = await check('codex', 'chat-codex.toml');
		expect(chat.code).toBe(1);
		expect(chat.stderr).toMatch(/Line \d+ of chat-codex\.toml, wire_api = "chat", makes the client fail whatever the key: change it to wire_api = "responses"/);
		const ja = await check('codex', 'bad-codex.toml', {lang: 'ja'});
		expect(ja.code).toBe(1);
		expect(ja.stderr).toContain('エントリ model (openai.gpt-oss-20b) は失敗します');
	});
});

describe('check --client litellm', () => {
	it('passes on the config.yaml create wrote: every model_list entry, by Converse or on Mantle', async () => {
		const run = await check('litellm', 'litellm-config.yaml');
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain(`${gptOss} (Converse)`);
		expect(run.stderr).toContain('mantle/anthropic.claude-haiku-4-5: anthropic.claude-haiku-4-5 (MantleMessages)');
	});

	it('fails (exit 1) naming the entry that would fail, and lists an entry of another provider without checking it', async () => {
		rewrite(
			'litellm-config.yaml',
			'bad-litellm.yaml',
			(text) =>
				`${text}  - model_name: qwen # added by hand\n    litellm_params:\n      model: bedrock/qwen.qwen3-32b-v1:0\n  - model_name: gpt-4o\n    litellm_params:\n      model: openai/gpt-4o\n`,
		);
		const run = await check('litellm', 'bad-litellm.yaml');
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(
			/The entry qwen \(qwen\.qwen3-32b-v1:0\) would fail.*Change the line \d+ model: bedrock\/qwen\.qwen3-32b-v1:0 in bad-litellm\.yaml/,
		);
		expect(run.stderr).toContain('gpt-4o: not a Bedrock model (model: openai/gpt-4o)');
	});
});

describe('check --client: what it cannot read or check (exit 2)', () => {
	it('refuses YAML it does not read, TOML it cannot parse, a file of another client, and a client configured in code', async () => {
		writeFileSync(join(dir, 'anchors.yaml'), 'model_list:\n  - model_name: a\n    litellm_params: &shared\n      model: bedrock/x\n');
		const anchors = await check('litellm', 'anchors.yaml');
		expect(anchors.code).toBe(2);
		expect(anchors.stderr).toContain(`Cannot read LiteLLM's configuration from anchors.yaml (line 3, "litellm_params: &shared", cannot be read)`);
		writeFileSync(join(dir, 'broken.toml'), 'model_provider = "amazon-bedrock"\nmodel = openai.gpt-oss-120b\n');
		const broken = await check('codex', 'broken.toml');
		expect(broken.code).toBe(2);
		expect(broken.stderr).toContain('line 2, "model = openai.gpt-oss-120b", cannot be read');
		const wrongFile = await check('codex', 'openai.env');
		expect(wrongFile.code).toBe(2);
		const boto3 = await check('boto3', 'openai.env');
		expect(boto3.code).toBe(2);
		expect(boto3.stderr).toContain('check --client boto3 is not supported');
	});
});
