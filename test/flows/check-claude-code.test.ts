/**
 * `check --client claude-code --settings FILE` (issue 18): the doctor for Claude Code. A key made with
 * `--client claude-code` and Haiku 4.5 + Sonnet 5 + Opus 5 passes against the settings create wrote; a
 * settings file whose Haiku slot names an unchosen model fails (exit 1), naming the slot and the line.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet = 'us.anthropic.claude-sonnet-5';
const opus = 'us.anthropic.claude-opus-5';
let sandbox: RunningSandbox;
let dir: string;
let key: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-claude-'));
	const made = await runCliCaptured(
		[
			'create',
			'--endpoint-url',
			sandbox.regionalEndpoint,
			'--region',
			'us-west-2',
			'--out-dir',
			dir,
			'--yes',
			'--user-name',
			'claude-doctor',
			'--models',
			`${haiku},${sonnet},${opus}`,
			'--client',
			'claude-code',
		],
		{env: adminEnv(sandbox)},
	);
	expect(made.code, made.stderr).toBe(0);
	key = readFileSync(join(dir, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
}, 60_000);
afterAll(async () => sandbox.close());

const check = (settings: string, lang: 'en' | 'ja' = 'en') =>
	runCliCaptured(
		['check', '--endpoint-url', sandbox.regionalEndpoint, '--client', 'claude-code', '--settings', settings, '--verify-timeout', '5', '--lang', lang],
		{
			env: {AWS_BEARER_TOKEN_BEDROCK: key},
			cwd: dir,
		},
	);

describe('check --client claude-code', () => {
	it('passes on the settings create wrote, listing every slot', async () => {
		const run = await check('.claude/settings.local.json');
		expect(run.code, run.stderr).toBe(0);
		for (const variable of [
			'ANTHROPIC_MODEL',
			'ANTHROPIC_DEFAULT_OPUS_MODEL',
			'ANTHROPIC_DEFAULT_SONNET_MODEL',
			'ANTHROPIC_DEFAULT_HAIKU_MODEL',
			'ANTHROPIC_SMALL_FAST_MODEL',
		])
			expect(run.stderr).toContain(variable);
	});

	it('fails (exit 1) when the Haiku slot names an unchosen model, naming the slot and the line to change', async () => {
		const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.local.json'), 'utf8')) as {env: Record<string, string>};
		settings.env['ANTHROPIC_DEFAULT_HAIKU_MODEL'] = 'us.anthropic.claude-haiku-5-5';
		writeFileSync(join(dir, 'bad-settings.json'), JSON.stringify(settings, null, 2));
		const run = await check('bad-settings.json');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('The haiku slot would fail');
		expect(run.stderr).toContain('"ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-5-5" in bad-settings.json');
		const ja = await check('bad-settings.json', 'ja');
		expect(ja.code).toBe(1);
		expect(ja.stderr).toContain('haiku スロットは失敗します');
	});

	it('names a slot left unpinned, and refuses a file that is not settings (exit 2)', async () => {
		writeFileSync(join(dir, 'partial.json'), JSON.stringify({env: {AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: opus}}));
		const partial = await check('partial.json');
		expect(partial.code, partial.stderr).toBe(0);
		expect(partial.stderr).toMatch(/haiku: not pinned \(ANTHROPIC_DEFAULT_HAIKU_MODEL\)/);
		writeFileSync(join(dir, 'not-settings.json'), '[1, 2]');
		const notSettings = await check('not-settings.json');
		expect(notSettings.code).toBe(2);
		expect(notSettings.stderr).toContain('Cannot read Claude Code settings from not-settings.json ({"env": …})');
		const missing = await check('missing.json');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('Cannot read Claude Code settings from missing.json (ENOENT)');
	});
});
