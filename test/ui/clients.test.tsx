/**
 * "What will use this key?" in the TUI (issue 18), in English and Japanese: the models step opens with the
 * question; Claude Code pre-picks one model per slot family on the list after it, the policy gains the
 * profile reads, and `.claude/settings.local.json` is written with every slot pinned to a chosen model.
 */
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {defaultClaudeCodeModels} from '../../source/core/clients/claude-code.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const REGION = 'us-west-2';
let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

/** Ink wraps long paths: compare without white space. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');
for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	describe(`What will use this key? in the TUI (${lang})`, () => {
		it('Claude Code: its models pre-picked, the profile reads in the policy, and its settings written with every slot', async () => {
			const claude = defaultClaudeCodeModels(bundledCatalog(), REGION);
			expect(claude.length).toBe(3);
			// --subscribe answers the Marketplace question: this test is about the clients.
			wizard = startWizard({sandbox, lang, askClients: true, userName: `tui-claude-${lang}`, answers: {region: REGION, subscribe: true}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			const question = await w.waitFor(m.questions.clients.label);
			for (const choice of Object.values(m.questions.clients.choices)) expect(question).toContain(choice);
			expect(question).toContain(m.questions.clients.none);
			// Claude Code is the first row: space picks it, enter answers.
			await w.press(keys.space);
			await w.waitFor(`◉ ${m.questions.clients.choices['claude-code']}`);
			await w.press(keys.enter);
			// Claude Code's two questions: where it reads the key (the .env by default), which settings file (the project's).
			const keyFrom = await w.waitFor(m.questions.claudeKeyFrom.label);
			for (const choice of Object.values(m.questions.claudeKeyFrom.choices)) expect(squeezed(keyFrom)).toContain(squeezed(choice));
			await w.press(keys.enter);
			const settingsFile = await w.waitFor(m.questions.claudeSettings.label);
			for (const choice of Object.values(m.questions.claudeSettings.choices)) expect(squeezed(settingsFile)).toContain(squeezed(choice));
			await w.press(keys.enter);
			// The models list after it has Claude Code's models picked (one per slot family).
			const models = await w.waitFor(m.ui.models.selected(3));
			for (const id of claude) expect(squeezed(models)).toContain(id);
			// Esc goes back to Claude Code's questions, then to the clients, which keep their answers.
			await w.press(keys.escape);
			await w.waitFor(m.questions.claudeKeyFrom.label);
			await w.press(keys.escape);
			await w.waitFor(`◉ ${m.questions.clients.choices['claude-code']}`);
			await w.press(keys.enter);
			await w.waitFor(m.questions.claudeKeyFrom.label);
			await w.press(keys.enter);
			await w.waitFor(m.questions.claudeSettings.label);
			await w.press(keys.enter);
			await w.waitFor(m.ui.models.selected(3));
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.title);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(m.ui.done.title, 30_000);
			await w.press('q');
			const {state} = await w.result;
			expect(state.status).toBe('done');
			expect(state.report?.pass).toBe(true);
			expect(state.answers.clients).toEqual(['claude-code']);
			expect([...(state.answers.modelIds ?? [])].sort()).toEqual([...claude].sort());
			// The policy: the chosen profiles readable (GetInferenceProfile) and ListInferenceProfiles.
			const policy = readFileSync(join(w.outDir, 'policy.json'), 'utf8');
			expect(policy).toContain('bedrock:GetInferenceProfile');
			expect(policy).toContain('bedrock:ListInferenceProfiles');
			// The settings: every slot pinned to a model chosen.
			const settings = JSON.parse(readFileSync(join(w.outDir, '.claude', 'settings.local.json'), 'utf8')) as {env: Record<string, string>};
			for (const variable of [
				'ANTHROPIC_MODEL',
				'ANTHROPIC_DEFAULT_OPUS_MODEL',
				'ANTHROPIC_DEFAULT_SONNET_MODEL',
				'ANTHROPIC_DEFAULT_HAIKU_MODEL',
				'ANTHROPIC_SMALL_FAST_MODEL',
			])
				expect(claude, variable).toContain(settings.env[variable]);
			expect(settings.env['CLAUDE_CODE_USE_BEDROCK']).toBe('1');
			expect(settings.env['AWS_REGION']).toBe(REGION);
			// The default: the key stays in the .env only, and the Done screen said how to start Claude Code with it.
			expect(settings.env['AWS_BEARER_TOKEN_BEDROCK']).toBeUndefined();
			expect(state.answers.claudeKeyFrom).toBe('dotenv');
			expect(state.notices.some((notice) => notice.includes(`exec claude)`))).toBe(true);
		}, 60_000);

		it("--client answers it: the models list comes first, with Claude Code's models picked", async () => {
			const claude = defaultClaudeCodeModels(bundledCatalog(), REGION);
			wizard = startWizard({sandbox, lang, userName: `tui-flag-${lang}`, answers: {region: REGION, clients: ['claude-code']}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			// Claude Code's own questions come first (no flag answered them).
			await w.waitFor(m.questions.claudeKeyFrom.label);
			await w.press(keys.enter);
			await w.waitFor(m.questions.claudeSettings.label);
			await w.press(keys.enter);
			const models = await w.waitFor(m.ui.models.selected(3));
			expect(models).not.toContain(m.questions.clients.label);
			for (const id of claude) expect(squeezed(models)).toContain(id);
		});

		it('a Claude Code settings file already there is named on the Review as merged, and the pins go into it with its own settings kept (Claude Code reads no other name)', async () => {
			const claude = defaultClaudeCodeModels(bundledCatalog(), REGION);
			wizard = startWizard({
				sandbox,
				lang,
				userName: `tui-claude-there-${lang}`,
				answers: {region: REGION, clients: ['claude-code'], modelIds: claude, keyKinds: ['api-key'], expiresInDays: 1, policyType: 'auto', subscribe: true},
			});
			const w = wizard;
			// The person's own settings, there before the run.
			const settings = join(w.outDir, '.claude', 'settings.local.json');
			const theirs = '{"permissions": {"allow": ["Bash(npm test)"]}}\n';
			mkdirSync(join(w.outDir, '.claude'));
			writeFileSync(settings, theirs);
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.free);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			// Nothing to ask about it: enter on the Review applies (a question would have taken enter as "new names",
			// and the pins would have gone to settings.local.1.json, which Claude Code never reads).
			await w.press(keys.enter);
			await w.waitFor(m.ui.done.title, 30_000);
			await w.press('q');
			const {state} = await w.result;
			expect(state.report?.pass).toBe(true);
			// The Review planned it as a merge into the file already there.
			expect(state.review?.files?.clients).toEqual([expect.objectContaining({path: settings, exists: true, merge: true})]);
			expect(readdirSync(join(w.outDir, '.claude')).filter((name) => name.endsWith('.json'))).toEqual(['settings.local.json']);
			const written = JSON.parse(readFileSync(settings, 'utf8')) as {permissions: unknown; env: Record<string, string>};
			expect(written.permissions).toEqual({allow: ['Bash(npm test)']});
			expect(claude).toContain(written.env['ANTHROPIC_DEFAULT_HAIKU_MODEL']);
		}, 60_000);
	});
}
