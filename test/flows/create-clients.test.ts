/**
 * Headless create for the clients a key is for (issue 18): `--client` shapes the policy, the probes and the
 * files. With Claude Code and Haiku 4.5 + Sonnet 5 + Opus 5, the settings pin every slot to an allowed
 * profile (and each answers); with the OpenAI SDK, the written .env works from the `openai` package; with
 * Mantle chosen, the chosen models answer there and others do not; without it, Mantle refuses the key.
 */
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ProbeResult, VerificationReport} from '../../source/core/verify/report.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {defaultClaudeCodeModels} from '../../source/core/clients/claude-code.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, bearerRuntimeClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet = 'us.anthropic.claude-sonnet-5';
const opus = 'us.anthropic.claude-opus-5';
const gptOss = 'openai.gpt-oss-120b-1:0';
let sandbox: RunningSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

async function create(args: readonly string[]) {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-clients-'));
	const run = await runCliCaptured(
		['create', '--endpoint-url', sandbox.regionalEndpoint, '--region', 'us-west-2', '--out-dir', dir, '--verify-timeout', '30', '--json', '--yes', ...args],
		{
			env: adminEnv(sandbox),
		},
	);
	return {...run, dir, report: run.code === 0 ? (JSON.parse(run.stdout) as VerificationReport) : undefined};
}

const envValue = (text: string, name: string): string | undefined => text.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
const operations = (report: VerificationReport) => report.probes.map((p: ProbeResult) => `${p.operation} ${p.model} ${p.expected}`);

describe('--client claude-code with Haiku 4.5, Sonnet 5 and Opus 5', () => {
	it('pins every slot to an allowed profile in .claude/settings.local.json, and each slot answers the key', async () => {
		const run = await create(['--user-name', 'claude-code-user', '--models', `${haiku},${sonnet},${opus}`, '--client', 'claude-code']);
		expect(run.code, run.stderr).toBe(0);
		const settings = JSON.parse(readFileSync(join(run.dir, '.claude/settings.local.json'), 'utf8')) as {env: Record<string, string>};
		expect(settings.env).toMatchObject({
			CLAUDE_CODE_USE_BEDROCK: '1',
			AWS_REGION: 'us-west-2',
			ANTHROPIC_MODEL: opus,
			ANTHROPIC_DEFAULT_OPUS_MODEL: opus,
			ANTHROPIC_DEFAULT_SONNET_MODEL: sonnet,
			ANTHROPIC_DEFAULT_HAIKU_MODEL: haiku,
			ANTHROPIC_SMALL_FAST_MODEL: haiku,
		});
		expect(settings.env['AWS_BEARER_TOKEN_BEDROCK']).toBeUndefined();
		expect(run.report!.pass).toBe(true);
		const key = envValue(readFileSync(join(run.dir, '.env'), 'utf8'), 'AWS_BEARER_TOKEN_BEDROCK')!;
		const client = bearerRuntimeClient(sandbox, key, {region: 'us-west-2'});
		const body = JSON.stringify({anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{role: 'user', content: 'hi'}]});
		for (const modelId of new Set(Object.values(settings.env).filter((value) => value.startsWith('us.anthropic.'))))
			expect((await client.send(new InvokeModelCommand({modelId, body, contentType: 'application/json'}))).$metadata.httpStatusCode).toBe(200);
		// The policy has Claude Code's reads, scoped to the chosen profiles.
		const policy = readFileSync(join(run.dir, 'policy.json'), 'utf8');
		expect(policy).toContain('bedrock:GetInferenceProfile');
		expect(policy).toContain('bedrock:ListInferenceProfiles');
		expect(run.stderr).toContain('.claude/settings.local.json');
	});
});

describe('--client claude-code without --models, on the built-in sandbox', () => {
	it('takes one Claude model per slot family as the default models, and pins the slots to them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-clients-default-'));
		const run = await runCliCaptured(['create', '--sandbox', '--out-dir', dir, '--yes', '--json', '--client', 'claude-code'], {
			env: {BKW_SANDBOX_PROPAGATION_MS: '0'},
		});
		expect(run.code, run.stderr).toBe(0);
		const expected = defaultClaudeCodeModels(bundledCatalog(), 'us-west-2');
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(new Set(report.probes.filter((p) => p.expected === 'allow').map((p) => p.model))).toEqual(new Set(expected));
		const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.local.json'), 'utf8')) as {env: Record<string, string>};
		expect([
			settings.env['ANTHROPIC_DEFAULT_OPUS_MODEL'],
			settings.env['ANTHROPIC_DEFAULT_SONNET_MODEL'],
			settings.env['ANTHROPIC_DEFAULT_HAIKU_MODEL'],
		]).toEqual(expected);
	});
});

describe('--client openai', () => {
	it('the written openai.env works from the openai package (completion and stream) for a chosen model, and is refused for an unchosen one', async () => {
		const run = await create(['--user-name', 'openai-user', '--models', `${gptOss},${haiku}`, '--client', 'openai']);
		expect(run.code, run.stderr).toBe(0);
		expect(operations(run.report!)).toEqual(expect.arrayContaining([`ChatCompletions ${gptOss} allow`, 'MantleChatCompletions openai.gpt-oss-120b deny']));
		expect(run.report!.probes.every((p) => p.pass)).toBe(true);
		const path = join(run.dir, 'openai.env');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		const text = readFileSync(path, 'utf8');
		const openai = new OpenAI({baseURL: envValue(text, 'OPENAI_BASE_URL'), apiKey: envValue(text, 'OPENAI_API_KEY'), maxRetries: 0});
		expect((await openai.chat.completions.create({model: gptOss, messages: [{role: 'user', content: 'hi'}], max_tokens: 1})).choices[0]?.message.content).toBe(
			'Hello',
		);
		let streamed = '';
		for await (const chunk of await openai.chat.completions.create({model: gptOss, messages: [{role: 'user', content: 'hi'}], stream: true}))
			streamed += chunk.choices[0]?.delta.content ?? '';
		expect(streamed).toContain('Hello from');
		expect(
			await rejection(openai.chat.completions.create({model: 'qwen.qwen3-32b-v1:0', messages: [{role: 'user', content: 'hi'}], max_tokens: 1})),
		).toBeInstanceOf(OpenAI.PermissionDeniedError);
	});

	it('with --mantle: the chosen models answer on Mantle, by Mantle id, and the others are refused there', async () => {
		const run = await create(['--user-name', 'mantle-user', '--models', `${gptOss},${haiku}`, '--client', 'openai', '--mantle']);
		expect(run.code, run.stderr).toBe(0);
		expect(operations(run.report!)).toEqual(
			expect.arrayContaining(['MantleChatCompletions openai.gpt-oss-120b allow', 'MantleMessages anthropic.claude-haiku-4-5 allow']),
		);
		expect(run.report!.probes.filter((p) => p.operation.startsWith('Mantle') && p.expected === 'deny').length).toBeGreaterThan(0);
		expect(run.report!.probes.every((p) => p.pass)).toBe(true);
		const text = readFileSync(join(run.dir, 'openai.env'), 'utf8');
		expect(envValue(text, 'OPENAI_BASE_URL')).toMatch(/\/mantle\/v1$/);
	});

	it('refuses an unknown client, naming the ones there are (exit 2)', async () => {
		const run = await create(['--models', gptOss, '--client', 'cursor']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Unknown --client cursor');
		expect(run.stderr).toContain('claude-code, openai, codex, litellm, vercel-ai, boto3, curl');
	});
});
