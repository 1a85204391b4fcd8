/**
 * `check --client claude-code --settings FILE` (issue 18): the doctor for Claude Code. A key made with
 * `--client claude-code` and Haiku 4.5 + Sonnet 5 + Opus 5 passes against the settings create wrote; a
 * settings file whose Haiku slot names an unchosen model fails (exit 1), naming the slot and the line.
 */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {createKeyFor} from '../helpers/created-key.js';
import {startTestSandbox} from '../helpers/sandbox.js';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet = 'us.anthropic.claude-sonnet-5';
const opus = 'us.anthropic.claude-opus-5';
let sandbox: RunningSandbox;
let dir: string;
let key: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-check-claude-'));
	({key} = await createKeyFor(sandbox, dir, 'claude-doctor', [haiku, sonnet, opus], ['claude-code']));
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

	describe('without --settings: every settings file Claude Code would read, in its order', () => {
		/** A home folder whose ~/.claude/settings.json holds `settings` (a string as written), and a run of check from `cwd` with it. */
		const withHome = (settings: unknown) => {
			const home = mkdtempSync(join(tmpdir(), 'bkw-claude-home-'));
			mkdirSync(join(home, '.claude'));
			writeFileSync(join(home, '.claude', 'settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings, null, 2));
			return (cwd: string) =>
				runCliCaptured(['check', '--endpoint-url', sandbox.regionalEndpoint, '--client', 'claude-code', '--verify-timeout', '5'], {
					env: {AWS_BEARER_TOKEN_BEDROCK: key, HOME: home},
					cwd,
				});
		};
		const badHaiku = {permissions: {allow: []}, env: {ANTHROPIC_DEFAULT_HAIKU_MODEL: 'us.anthropic.claude-haiku-5-5'}};

		it("the project's local file overrides the user's: the slots create pinned pass", async () => {
			const run = await withHome(badHaiku)(dir);
			expect(run.code, run.stderr).toBe(0);
			expect(run.stderr).toContain("Claude Code's models in ~/.claude/settings.json, .claude/settings.local.json:");
			expect(run.stderr).toContain(`haiku: ${haiku}`);
			expect(run.stderr).not.toContain('claude-haiku-5-5');
		});

		it("a slot only the user's file pins fails (exit 1), naming that file", async () => {
			const project = mkdtempSync(join(tmpdir(), 'bkw-claude-project-'));
			mkdirSync(join(project, '.claude'));
			writeFileSync(join(project, '.claude', 'settings.json'), JSON.stringify({env: {AWS_REGION: 'us-west-2', ANTHROPIC_MODEL: opus}}));
			const run = await withHome(badHaiku)(project);
			expect(run.code, run.stderr).toBe(1);
			expect(run.stderr).toContain("Claude Code's models in ~/.claude/settings.json, .claude/settings.json:");
			expect(run.stderr).toContain(
				'The haiku slot would fail: the key cannot call us.anthropic.claude-haiku-5-5. Change the line "ANTHROPIC_DEFAULT_HAIKU_MODEL": "us.anthropic.claude-haiku-5-5" in ~/.claude/settings.json',
			);
			expect(run.stderr).toContain(`main: ${opus}`);
		});

		it('a user file without env adds nothing; no settings file at all, or a user file that is not JSON, is exit 2 naming them', async () => {
			const empty = mkdtempSync(join(tmpdir(), 'bkw-claude-empty-'));
			const run = await withHome({permissions: {allow: ['Bash(ls)']}})(empty);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(
				"Found none of Claude Code's settings files (~/.claude/settings.json, .claude/settings.json, .claude/settings.local.json) from this folder.",
			);
			// A user file that is not JSON stops the check, named, whatever the other files say.
			const broken = await withHome('{"env": {')(dir);
			expect(broken.code).toBe(2);
			expect(broken.stderr).toContain('Cannot read Claude Code settings from ~/.claude/settings.json ({"env": …}).');
		});
	});
});
