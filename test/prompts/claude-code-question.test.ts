/**
 * --plain asks Claude Code's two questions after "What will use this key?" (issue 18), in English and
 * Japanese: here the key in the settings and the user's file (a temporary HOME, never the real one), which
 * is merged with the person's settings kept, the key inside, mode 0600.
 */
import {mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {keys, runInTerminal} from './fake-terminal.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

const asked = (words: string): RegExp => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const locales = {en: 'en_US.UTF-8', ja: 'ja_JP.UTF-8'} as const;

describe("--plain: Claude Code's key and settings file", () => {
	for (const lang of ['en', 'ja'] as const) {
		it(`${lang}: 3 puts the key in the settings, 2 the user's file, merged`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-claude-'));
			const home = mkdtempSync(join(tmpdir(), 'bkw-plain-claude-home-'));
			const userFile = join(home, '.claude', 'settings.json');
			mkdirSync(join(home, '.claude'));
			writeFileSync(userFile, '{"env": {"MY_VARIABLE": "kept"}, "model": "sonnet"}\n');
			const words = messagesFor(lang).questions;
			const terminal = runInTerminal(
				[
					'create',
					...onSandbox(sandbox, dir),
					'--client',
					'claude-code',
					'--models',
					'us.anthropic.claude-haiku-4-5-20251001-v1:0',
					'--key',
					'api-key',
					'--expires-in-days',
					'1',
					'--policy-type',
					'auto',
					'--user-name',
					`plain-claude-${lang}`,
					'--subscribe',
					'--verify-timeout',
					'30',
					'--plain',
				],
				{...adminEnv(sandbox), LANG: locales[lang], HOME: home},
			);
			// --models answered the models: Claude Code's questions are asked with them only when the list is asked.
			await terminal.answer(asked(words.confirmed.prompt(undefined)), keys.type('y'));
			const flagsOnly = await terminal.done;
			expect(flagsOnly.code, flagsOnly.stderr).toBe(0);
			// Without the models flag: the list is asked, and Claude Code's questions before it.
			const dir2 = mkdtempSync(join(tmpdir(), 'bkw-plain-claude-'));
			const second = runInTerminal(
				[
					'create',
					...onSandbox(sandbox, dir2),
					'--client',
					'claude-code',
					'--key',
					'api-key',
					'--expires-in-days',
					'1',
					'--policy-type',
					'auto',
					'--user-name',
					`plain-claude-2-${lang}`,
					'--subscribe',
					'--verify-timeout',
					'30',
					'--plain',
				],
				{...adminEnv(sandbox), LANG: locales[lang], HOME: home},
			);
			await second.answer(asked(words.claudeKeyFrom.prompt), keys.type('3'));
			await second.answer(asked(words.claudeSettings.prompt), keys.type('2'));
			await second.answer(asked(words.modelIds.prompt), keys.enter);
			await second.answer(asked(words.confirmed.prompt(undefined)), keys.type('y'));
			const run = await second.done;
			expect(run.code, run.stderr).toBe(0);
			// The Review named the user's file as merged.
			expect((run.stderr + run.stdout).replace(/\s+/g, '')).toContain(`${userFile}${messagesFor(lang).create.files.merged}`.replace(/\s+/g, ''));
			const key = readFileSync(join(dir2, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
			const merged = JSON.parse(readFileSync(userFile, 'utf8'));
			expect(merged.model).toBe('sonnet');
			expect(merged.env.MY_VARIABLE).toBe('kept');
			expect(merged.env.AWS_BEARER_TOKEN_BEDROCK).toBe(key);
			expect(statSync(userFile).mode & 0o777).toBe(0o600);
			expect(run.stderr).toContain(messagesFor(lang).clients.files.claudeSettingsUser(userFile));
			expect(run.stderr + run.stdout).not.toContain(key);
		}, 90_000);
	}
});
