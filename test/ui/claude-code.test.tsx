/**
 * Claude Code's two questions in the TUI (issue 18), in English and Japanese: the key from the environment and
 * the user's settings file (a temporary HOME, never the real one). The Review says the user's file is merged;
 * the file keeps the person's settings; the Done screen shows the export line with the key masked, and only
 * once revealed shows it and lets `c` copy the line (sent, never saved to a file).
 */
import {mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {nodeClipboard} from '../../source/cli/clipboard.js';
import {nodeFiles} from '../../source/cli/files.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {SOFT_WRAP} from '../../source/ui/cells.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const REGION = 'us-west-2';
const EXPORT = 'export AWS_BEARER_TOKEN_BEDROCK=';
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

/** Ink wraps long lines: compare without white space or the soft-wrap mark. */
const squeezed = (text: string): string => text.replaceAll(SOFT_WRAP, '').replace(/\s+/g, '');
const osc52 = (text: string): string => `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;

async function waitForSqueezed(w: Wizard, text: string): Promise<string> {
	for (let waited = 0; waited < 15_000; waited += 20) {
		if (squeezed(w.frame()).includes(squeezed(text))) return w.frame();
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`Timed out waiting for ${text}; the screen shows:\n${w.frame()}`);
}

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	describe(`Claude Code's key and settings file in the TUI (${lang})`, () => {
		it('the environment and the user file: merged, named on the Review; the export line masked until revealed, then copied', async () => {
			const home = mkdtempSync(join(tmpdir(), 'bkw-tui-claude-home-'));
			const userFile = join(home, '.claude', 'settings.json');
			mkdirSync(join(home, '.claude'));
			writeFileSync(userFile, '{"permissions": {"allow": ["Bash(npm test)"]}}\n');
			const clipboard = mkdtempSync(join(tmpdir(), 'bkw-tui-claude-clip-'));
			wizard = startWizard({
				sandbox,
				lang,
				askClients: true,
				userName: `tui-claude-env-${lang}`,
				answers: {region: REGION, subscribe: true},
				files: nodeFiles(tmpdir(), home),
				clipboard: nodeClipboard({}, clipboard),
			});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.clients.label);
			await w.press(keys.space, keys.enter);
			// Where Claude Code reads the key: the note says it does not read a .env by itself; the environment is the second.
			await waitForSqueezed(w, m.questions.claudeKeyFrom.note);
			await w.press(keys.down, keys.enter);
			await w.waitFor(m.questions.claudeSettings.label);
			await w.press(keys.down, keys.enter);
			await w.waitFor(m.ui.models.selected(3));
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.title);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			// The Review names the user's file, to be merged (paged down to the files).
			const line = squeezed(`${userFile} ${m.create.files.merged}`);
			for (let page = 0; page < 40 && !squeezed(w.frame()).includes(line); page++) await w.press(keys.pageDown);
			expect(squeezed(w.frame())).toContain(line);
			await w.press(keys.enter);
			await w.waitFor(m.ui.done.title, 30_000);
			const phase = w.store.getSnapshot().phase;
			if (phase.kind !== 'finished') throw new Error(phase.kind);
			const state = phase.state;
			expect(state.report?.pass).toBe(true);
			expect(state.answers).toMatchObject({claudeKeyFrom: 'env', claudeSettings: 'user'});
			const key = readFileSync(state.saved!.env!, 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
			// The user's file: their settings kept, the pins in, no key; 0600.
			const merged = JSON.parse(readFileSync(userFile, 'utf8'));
			expect(merged.permissions).toEqual({allow: ['Bash(npm test)']});
			expect(merged.env.CLAUDE_CODE_USE_BEDROCK).toBe('1');
			expect(merged.env.AWS_BEARER_TOKEN_BEDROCK).toBeUndefined();
			expect(statSync(userFile).mode & 0o777).toBe(0o600);
			// The command that reads the key from the .env, whole on its rows (code, not wrapped prose).
			const exported = `export AWS_BEARER_TOKEN_BEDROCK="$(sed -n 's/^AWS_BEARER_TOKEN_BEDROCK=//p' ${state.saved!.env!})"`;
			const joined = (): string => w.frame().replaceAll(`${SOFT_WRAP}\n`, '');
			for (let i = 0; i < 60 && !joined().includes(exported); i++) await w.press('j');
			expect(joined().split('\n')).toContain(exported);
			// Masked: the export line without the key (below the notices), and c copies nothing secret.
			for (let i = 0; i < 60 && !squeezed(w.frame()).includes(squeezed(m.clients.files.exportLine)); i++) await w.press('j');
			const masked = await waitForSqueezed(w, m.clients.files.exportLine);
			expect(squeezed(masked)).toContain(squeezed(EXPORT));
			expect(squeezed(masked)).not.toContain(key.slice(8, 40));
			await w.press('c');
			expect(w.frames.some((frame) => frame.includes(osc52(`${EXPORT}${key}`)))).toBe(false);
			// Revealed: the line with the key; scrolled until c names the line, c sends exactly it.
			await w.press('r');
			await w.waitFor(m.ui.keys.hide);
			const hint = m.ui.keys.copyWhat(m.ui.copy.key(EXPORT.trim()));
			for (let i = 0; i < 40 && !w.frame().includes(hint); i++) await w.press('j');
			expect(w.frame()).toContain(hint);
			expect(squeezed(w.frame())).toContain(squeezed(`${EXPORT}${key}`));
			await w.press('c');
			await w.waitFor(m.ui.copy.copied(m.ui.copy.key(EXPORT.trim())));
			expect(w.frames.some((frame) => frame.includes(osc52(`${EXPORT}${key}`)))).toBe(true);
			await w.press('r');
			await w.press('q');
			await w.result;
		}, 60_000);
	});
}
