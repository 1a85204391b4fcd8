/**
 * --plain asks "What will use this key?" before the models (issue 18), in the person's language; Claude Code
 * pre-picks one model per slot family, and the run writes Claude Code's settings with every slot pinned.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {defaultClaudeCodeModels} from '../../source/core/clients/claude-code.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {keys, runInTerminal} from './fake-terminal.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 100});
});
afterAll(async () => sandbox.close());

const asked = (words: string): RegExp => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const locales = {en: 'en_US.UTF-8', ja: 'ja_JP.UTF-8'} as const;

describe('--plain: what will use this key', () => {
	for (const lang of ['en', 'ja'] as const) {
		it(`${lang}: Claude Code picked first shapes the models, the policy and the files`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-clients-'));
			const words = messagesFor(lang).questions;
			const terminal = runInTerminal(['create', ...onSandbox(sandbox, dir), '--verify-timeout', '30', '--yes', '--plain'], {
				...adminEnv(sandbox),
				LANG: locales[lang],
			});
			// Claude Code is the first choice: space picks it, enter accepts.
			await terminal.answer(asked(words.clients.prompt), `${keys.space}${keys.enter}`);
			// Where Claude Code reads the key, and which settings file: 1, the defaults (the .env; the project's file).
			await terminal.answer(asked(words.claudeKeyFrom.prompt), keys.enter);
			await terminal.answer(asked(words.claudeSettings.prompt), keys.enter);
			// Its models are pre-picked: one per slot family.
			await terminal.answer(asked(words.modelIds.prompt), keys.enter);
			await terminal.answer(asked(words.keyKinds.prompt), keys.enter);
			await terminal.answer(asked(words.expiresInDays.prompt), keys.enter);
			await terminal.answer(asked(words.userName.prompt), keys.type(`plain-claude-${lang}`));
			await terminal.answer(asked(words.policyType.prompt), keys.enter);
			// The account subscribes to the Claude models in AWS Marketplace (a yes/no), then the review.
			await terminal.answer(/\(Y\/n\)/, keys.type('y'));
			await terminal.answer(asked(words.confirmed.prompt(undefined)), keys.type('y'));
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(0);
			const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport;
			const expected = defaultClaudeCodeModels(bundledCatalog(), 'us-west-2');
			expect(report.probes.filter((p) => p.expected === 'allow' && p.operation === 'Converse').map((p) => p.model)).toEqual([...expected].sort());
			const settings = JSON.parse(readFileSync(join(dir, '.claude/settings.local.json'), 'utf8')) as {env: Record<string, string>};
			expect(settings.env['ANTHROPIC_MODEL']).toBe(expected[0]);
			expect(settings.env['ANTHROPIC_DEFAULT_HAIKU_MODEL']).toBe(expected[2]);
			expect(readFileSync(join(dir, 'policy.json'), 'utf8')).toContain('bedrock:GetInferenceProfile');
			expect(run.stderr + run.stdout).toContain(lang === 'ja' ? '書きました' : 'Wrote');
		}, 60_000);
	}

	for (const lang of ['en', 'ja'] as const) {
		it(`${lang}: Claude Code's settings already there are named on the Review as merged (no question about them): their settings kept, the pins added, the old contents kept aside`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-clients-there-'));
			const words = messagesFor(lang).questions;
			const settings = join(dir, '.claude', 'settings.local.json');
			const theirs = '{"permissions": {"allow": ["Bash(npm test)"]}}\n';
			mkdirSync(join(dir, '.claude'));
			writeFileSync(settings, theirs);
			const models = defaultClaudeCodeModels(bundledCatalog(), 'us-west-2');
			const terminal = runInTerminal(
				[
					'create',
					...onSandbox(sandbox, dir),
					'--client',
					'claude-code',
					'--models',
					models.join(','),
					'--key',
					'api-key',
					'--expires-in-days',
					'1',
					'--policy-type',
					'auto',
					'--user-name',
					`plain-there-${lang}`,
					'--subscribe',
					'--verify-timeout',
					'30',
					'--plain',
				],
				{...adminEnv(sandbox), LANG: locales[lang]},
			);
			await terminal.answer(asked(words.confirmed.prompt(undefined)), keys.type('y'));
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(0);
			// The Review named it, with its full path, as merged, before anything was made; no question about it.
			const said = (run.stderr + run.stdout).replace(/\s+/g, '');
			expect(said).toContain(`${settings}${messagesFor(lang).create.files.merged}`.replace(/\s+/g, ''));
			expect(said).not.toContain(words.existingFiles.prompt([settings]).replace(/\s+/g, ''));
			const written = JSON.parse(readFileSync(settings, 'utf8')) as {permissions: unknown; env: Record<string, string>};
			expect(written.permissions).toEqual({allow: ['Bash(npm test)']});
			expect(written.env['ANTHROPIC_DEFAULT_HAIKU_MODEL']).toBe(models[2]);
			const kept = readdirSync(join(dir, '.claude')).filter((name) => name.endsWith('.bak'));
			expect(kept).toHaveLength(1);
			expect(readFileSync(join(dir, '.claude', kept[0]!), 'utf8')).toBe(theirs);
		}, 60_000);
	}
});
