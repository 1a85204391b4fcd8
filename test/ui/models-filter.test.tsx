/**
 * The models filter is a text field (issue 16, "Lists and text fields"): while it has the focus every
 * printable key is text (q, j, k and space included), a chunk of several characters is typed character by
 * character, tab moves to the list and back, and the whole selection is shown under the list. In English
 * and in Japanese, against a sandbox, through the real runner.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor, type Language} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

/** The model rows on screen (pointer, selection mark, then the name and id), without the marks. */
const modelRows = (frame: string): string[] =>
	frame
		.split('\n')
		.filter((line) => /^[❯ ] [◯◉] /.test(line))
		.map((line) => line.slice(4).trim());

/** The first line of the models screen onwards (the live area). */
const live = (frame: string, lang: Language): string => frame.slice(frame.lastIndexOf(messagesFor(lang).questions.modelIds.label('us-west-2')));

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	const filterLine = (text: string): string => `${m.ui.region.filter}: ${text}▏`;

	async function toModels(): Promise<Wizard> {
		wizard = startWizard({sandbox, lang, answers: {region: 'us-west-2'}});
		await wizard.waitFor(m.ui.welcome.next);
		await wizard.press(keys.enter);
		await wizard.waitFor('★');
		return wizard;
	}

	/** Types `text` one way or the other, waits for the filter to show it, and gives the rows then shown. */
	async function filterBy(w: Wizard, text: string, how: 'one chunk' | 'char by char'): Promise<string[]> {
		if (how === 'one chunk') await w.press(text);
		else await w.type(text);
		const frame = live(await w.waitFor(filterLine(text)), lang);
		expect(frame).not.toContain(m.ui.quit.title);
		// The screen, its status line and its footer fit the 24 rows.
		expect(w.frame().split('\n').length).toBeLessThanOrEqual(24);
		expect(frame).toContain(m.ui.keys.toList);
		return modelRows(frame);
	}

	describe(`the models filter takes every printable key (${lang})`, () => {
		for (const how of ['one chunk', 'char by char'] as const) {
			it(`"qwen", "kimi" and "nova lite" typed as ${how} filter the list by them`, async () => {
				const w = await toModels();
				// q first: text, not quit.
				const qwen = await filterBy(w, 'qwen', how);
				expect(qwen.length).toBeGreaterThanOrEqual(3);
				for (const row of qwen) expect(row.toLowerCase()).toContain('qwen');
				expect(qwen.join('\n')).toContain('qwen.qwen3-32b-v1:0');

				await w.press(keys.escape);
				await w.waitFor(`${m.ui.region.filter}: ▏`);
				// k and j: text, not the cursor.
				const kimi = await filterBy(w, 'kimi', how);
				expect(kimi).toHaveLength(2);
				expect(kimi.join('\n')).toContain('moonshot.kimi-k2-thinking');
				expect(kimi.join('\n')).toContain('moonshotai.kimi-k2.5');

				await w.press(keys.escape);
				await w.waitFor(`${m.ui.region.filter}: ▏`);
				// Space: text, not a selection; the filter matches both words.
				const novaLite = await filterBy(w, 'nova lite', how);
				expect(novaLite.map((row) => row.split(/\s{2,}/)[0])).toEqual(['Nova 2 Lite', 'Nova Lite']);
				expect(live(w.frame(), lang)).toContain(m.ui.models.needOne);
			});
		}

		it('two Backspaces in one chunk delete two characters; ctrl+u empties the filter', async () => {
			const w = await toModels();
			await w.press('kimixy');
			await w.waitFor(filterLine('kimixy'));
			await w.press(keys.backspace + keys.backspace);
			const kimi = modelRows(live(await w.waitFor(filterLine('kimi')), lang));
			expect(kimi).toHaveLength(2);
			await w.press(`${keys.backspace}${keys.backspace}${keys.backspace}`);
			await w.waitFor(filterLine('k'));
			await w.press('\u0015');
			await w.waitFor(`${m.ui.region.filter}: ▏(${m.ui.keys.filter})`);
		});

		it('tab moves to the list (j/k move, space selects, q quits there), tab or / goes back to the filter', async () => {
			const w = await toModels();
			await w.press('kimi');
			await w.waitFor(filterLine('kimi'));
			expect(w.frame()).toContain(m.ui.keys.toList);
			await w.press(keys.tab);
			const onList = await w.waitFor(m.ui.keys.toFilter);
			expect(onList).toContain(`${m.ui.region.filter}: kimi\n`);
			expect(onList).toContain(m.ui.keys.quit);
			await w.press('j', ' ');
			await w.waitFor(m.ui.models.selected(1));
			expect(live(w.frame(), lang)).toMatch(/❯ ◉ Kimi K2\.5/);
			await w.press('k', ' ');
			await w.waitFor(m.ui.models.selected(2));
			expect(live(w.frame(), lang)).toMatch(/❯ ◉ Kimi K2 Thinking/);
			// / goes back to the filter, where / is then text.
			await w.press('/');
			await w.waitFor(filterLine('kimi'));
			await w.press('/');
			await w.waitFor(filterLine('kimi/'));
			await w.press(keys.backspace, keys.tab);
			await w.waitFor(m.ui.keys.toFilter);
			await w.press(keys.tab);
			await w.waitFor(filterLine('kimi'));
			// q in the filter is text; on the list it quits (nothing was made: at once).
			await w.press('q');
			await w.waitFor(filterLine('kimiq'));
			await w.press(keys.tab, 'q');
			const {after} = await w.result;
			expect(after).toBe('quit');
		});

		it('esc empties the filter first and goes back only when it is empty', async () => {
			const w = await toModels();
			await w.press('qwen', keys.tab);
			await w.waitFor(m.ui.keys.toFilter);
			await w.press(keys.escape);
			// Emptied, the focus is the filter's again, and the screen is still the models screen.
			await w.waitFor(`${m.ui.region.filter}: ▏(${m.ui.keys.filter})`);
			expect(w.frame()).toContain(m.questions.modelIds.label('us-west-2'));
			await w.press(keys.escape);
			await w.waitFor(m.questions.region.label);
		});

		it('ctrl+c in the filter quits (nothing made yet: at once), as on every screen', async () => {
			const w = await toModels();
			await w.press('qw');
			await w.waitFor(filterLine('qw'));
			await w.press(keys.ctrlC);
			const {after, state} = await w.result;
			expect(after).toBe('quit');
			expect(state.status).toBe('cancelled');
		});

		it('the whole selection is shown: the count and every chosen id, none cut', async () => {
			const w = await toModels();
			const ids = [
				'us.anthropic.claude-haiku-4-5-20251001-v1:0',
				'qwen.qwen3-32b-v1:0',
				'moonshotai.kimi-k2.5',
				'amazon.nova-lite-v1:0',
				'amazon.titan-embed-text-v2:0',
			];
			for (const id of ids) {
				await w.press(id, keys.tab, ' ', keys.escape);
				await w.waitFor(`${m.ui.region.filter}: ▏`);
			}
			const frame = live(await w.waitFor(m.ui.models.selected(ids.length)), lang);
			const status = frame.slice(frame.indexOf(m.ui.models.selected(ids.length)));
			for (const id of ids) expect(status).toMatch(new RegExp(`(^|\\s)${id.replaceAll('.', '\\.')}(,|\\n)`));
			expect(status).not.toContain('…');
			// It still fits the terminal: the footer is on screen.
			expect(frame).toContain(m.ui.keys.toList);
			expect(w.frame().split('\n').length).toBeLessThanOrEqual(24);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.free);
			w.store.quit(false);
			const {state} = await w.result;
			expect([...(state.answers.modelIds ?? [])].sort()).toEqual([...ids].sort());
		});

		it("the key screen's user name takes a chunk character by character too", async () => {
			wizard = startWizard({sandbox, lang, userName: 'chunky', answers: {region: 'us-west-2', modelIds: ['amazon.nova-lite-v1:0']}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.free);
			await w.press(keys.backspace + keys.backspace, 'qj k');
			const frame = await w.waitFor('chunqj k');
			expect(frame).not.toContain('chunky');
			await w.press(keys.backspace + keys.backspace + keys.backspace + keys.backspace, '-2');
			await w.waitFor('chun-2');
		});
	});
}
