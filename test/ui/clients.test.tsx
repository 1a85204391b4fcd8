/**
 * "What will use this key?" in the TUI (issue 18), in English and Japanese: the models step opens with the
 * question; Claude Code pre-picks one model per slot family on the list after it, the policy gains the
 * profile reads, and `.claude/settings.local.json` is written with every slot pinned to a chosen model.
 */
import {readFileSync} from 'node:fs';
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
			// The models list after it has Claude Code's models picked (one per slot family).
			const models = await w.waitFor(m.ui.models.selected(3));
			for (const id of claude) expect(squeezed(models)).toContain(id);
			// Esc goes back to the question, which keeps the answer.
			await w.press(keys.escape);
			await w.waitFor(`◉ ${m.questions.clients.choices['claude-code']}`);
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
		}, 60_000);
	});
}
