/**
 * Walkthrough mode (issue 7): every screen carries an explanation for people new to AWS, in English and
 * Japanese; `?` toggles it and `--explain` opens it from the start. Also the wizard in Japanese end to
 * end, the no-credentials screen and guided console mode (the pasted key proven live).
 */
import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createProbePort} from '../../source/aws/probes.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor, type Language} from '../../source/core/i18n/index.js';
import type {PolicyPlan} from '../../source/core/policy/index.js';
import type {ProbeResult} from '../../source/core/verify/report.js';
import {systemClock} from '../../source/flows/bounded.js';
import {guidedPolicy, verifyPastedKey} from '../../source/flows/guided/guided-console.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {CreateTuiStore, type ConnectionChoice} from '../../source/ui/create-store.js';
import type {GuidedHost} from '../../source/ui/guided/guided-console.js';
import {TuiRoot} from '../../source/ui/tui-root.js';
import {nodeClipboard} from '../../source/cli/clipboard.js';
import {SOFT_WRAP} from '../../source/ui/cells.js';
import {provisionUser, startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

/** The explanation's first words, as wrapped on screen (a frame breaks lines; compare without them). */
const opening = (text: string): string => text.slice(0, 14);
const flat = (frame: string): string => frame.replace(/[│\n ]/g, '');
const shows = (frame: string, text: string): boolean => flat(frame).includes(text.replace(/ /g, ''));

/**
 * Without --explain, ? opens the whole panel and closes it. With --explain at 80x24 the panel starts
 * collapsed to one line (the heading, the start of the explanation and "? more"), so the screen keeps its
 * rows; ? opens it whole, and ? collapses it again.
 */
async function expectToggles(w: Wizard, lang: Language, topic: keyof ReturnType<typeof messagesFor>['ui']['explain'], walkthrough: boolean): Promise<void> {
	const ui = messagesFor(lang).ui;
	const explain = ui.explain;
	const paragraph = (explain[topic] as readonly string[])[0]!;
	const whole = (frame: string): boolean => frame.includes('╭') && frame.includes(`? ${explain.heading}\u0020`) && shows(frame, opening(paragraph));
	const collapsed = (frame: string): boolean =>
		!frame.includes('╭') && frame.includes(`? ${explain.heading}: `) && flat(frame).includes(flat(ui.keys.explainMore));
	const closed = (frame: string): boolean => !frame.includes(`? ${explain.heading}`);
	const wait = async (want: 'whole' | 'collapsed' | 'closed'): Promise<void> => {
		const test = want === 'whole' ? whole : want === 'collapsed' ? collapsed : closed;
		for (let i = 0; i < 200 && !test(w.frame()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(test(w.frame()), `${lang} ${topic}: explanation ${want}:\n${w.frame()}`).toBe(true);
	};
	const start = walkthrough ? 'collapsed' : 'closed';
	await wait(start);
	await w.press('?');
	await wait('whole');
	await w.press('?');
	await wait(start);
}

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	describe(`walkthrough mode in ${lang}`, () => {
		// A fresh account for each language: one the other language's run has not subscribed to Claude yet.
		beforeAll(async () => {
			await sandbox.close();
			sandbox = await startTestSandbox({propagationDelayMs: 200});
		});
		it('each step of the wizard explains itself; --explain shows it from the start (one line at 80x24), ? opens and collapses it', async () => {
			wizard = startWizard({sandbox, lang, explain: true, userName: `explain-${lang}`});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await expectToggles(w, lang, 'welcome', true);
			await w.press(keys.enter);
			await w.waitFor(m.questions.region.label);
			await expectToggles(w, lang, 'region', true);
			await w.type('us-west-2');
			await w.press(keys.enter);
			await w.waitFor('★');
			await expectToggles(w, lang, 'models', true);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.title);
			await expectToggles(w, lang, 'key', true);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await expectToggles(w, lang, 'review', true);
			await w.press(keys.enter);
			await w.waitFor(m.questions.subscribe.choices.yes);
			await w.press(keys.enter);
			await w.waitFor(m.ui.done.title, 20_000);
			await expectToggles(w, lang, 'done', true);
			// The apply and verify screens were live for a moment: their explanation was on screen then.
			expect(w.frames.some((frame) => shows(frame, opening(m.ui.explain.verify[0]!)))).toBe(true);
			expect(w.frames.some((frame) => shows(frame, opening(m.ui.explain.apply[0]!)))).toBe(true);
			await w.press('q');
			expect((await w.result).state.report?.pass).toBe(true);
		});

		it('--explain at 80x24: the collapsed explanation leaves the models list and the review their rows', async () => {
			wizard = startWizard({sandbox, lang, explain: true, userName: `fit-${lang}`});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.region.label);
			await w.type('us-west-2');
			await w.press(keys.enter);
			const models = await w.waitFor('★');
			expect(models.split('\n').length, models).toBeLessThanOrEqual(24);
			expect(models).toContain(`? ${m.ui.explain.heading}: `);
			// Before: 1-2 model rows beside the open panel.
			expect(models.split('\n').filter((line) => /^[❯ ] ◯ /.test(line)).length, models).toBeGreaterThanOrEqual(6);
			await w.press(keys.tab, keys.space, keys.enter);
			await w.waitFor(m.ui.key.title);
			await w.press(keys.enter);
			const review = await w.waitFor(m.questions.confirmed.label);
			expect(review.split('\n').length, review).toBeLessThanOrEqual(24);
			// Before: 5 lines of the review beside the open panel.
			const [, first, last] = /(\d+)-(\d+)/.exec(review.split('\n').find((line) => line.startsWith('── '))!)!;
			expect(Number(last) - Number(first) + 1, review).toBeGreaterThanOrEqual(11);
			w.store.quit(false);
			await w.result;
		});

		it('without --explain the explanations start closed, and ? opens them', async () => {
			wizard = startWizard({sandbox, lang, userName: `closed-${lang}`, answers: {region: 'us-west-2', modelIds: [TITAN_V2]}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await expectToggles(w, lang, 'welcome', false);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.title);
			await expectToggles(w, lang, 'key', false);
			w.store.quit(false);
			await w.result;
		});

		it("the wizard speaks the language throughout, with the console's own words", async () => {
			wizard = startWizard({sandbox, lang, userName: `lang-${lang}`, answers: {region: 'us-west-2', modelIds: [TITAN_V2]}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.title);
			await w.press(keys.enter);
			const key = await w.waitFor(m.ui.key.title);
			expect(key).toContain(m.questions.keyKinds.choices['api-key']);
			expect(key).toContain(m.ui.keys.confirm);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			const done = await w.waitFor(m.ui.done.title, 20_000);
			expect(done).toContain(m.ui.verify.deniedAsExpected);
			expect(done).toContain(m.create.step['create-api-key']());
			if (lang === 'ja') {
				expect(done).toContain('IAMユーザー');
				expect(done).toContain('APIキー');
			}
			await w.press(keys.enter);
			expect((await w.result).state.status).toBe('done');
		});

		it('with no credentials: the ways in, the choices, and the explanation', async () => {
			const store = new CreateTuiStore();
			const app = render(
				<TuiRoot
					store={store}
					host={{defaultUserName: 'x', regionCatalog: bundledCatalog()}}
					messages={m}
					explain={false}
					colour={false}
					motion={false}
					columns={80}
					rows={30}
				/>,
			);
			try {
				const choice = store.signedOut('Could not load credentials from any providers.');
				await new Promise((resolve) => setTimeout(resolve, 20));
				expect(app.lastFrame()).toContain(m.ui.signedOut.title);
				for (const way of m.ui.signedOut.ways) expect(flat(app.lastFrame()!)).toContain(way.replace(/ /g, '').slice(0, 20));
				app.stdin.write('?');
				await new Promise((resolve) => setTimeout(resolve, 20));
				expect(shows(app.lastFrame()!, opening(m.ui.explain.signedOut[0]!))).toBe(true);
				app.stdin.write(keys.down);
				await new Promise((resolve) => setTimeout(resolve, 10));
				app.stdin.write(keys.down);
				await new Promise((resolve) => setTimeout(resolve, 10));
				app.stdin.write(keys.enter);
				expect(await choice).toEqual<ConnectionChoice>({kind: 'sandbox'});
			} finally {
				app.unmount();
			}
		});

		it('guided console mode: the steps and the policy to paste, then the pasted key proven live', async () => {
			// What the person makes by hand in the console: a user, the pasted policy, an API key.
			const plan = guidedPolicy({catalog: bundledCatalog(), region: 'us-west-2', accountId: sandbox.accountId, modelIds: [TITAN_V2]}, m);
			const user = await provisionUser(sandbox, `console-${lang}`, JSON.parse(plan.compiled.json), {apiKey: true});
			const guided: GuidedHost = {
				catalog: bundledCatalog(),
				verify: async (token: string, p: PolicyPlan, region: string, onResult: (index: number, result: ProbeResult, retrying: boolean) => void) =>
					(
						await verifyPastedKey({
							token,
							plan: p,
							region,
							port: createProbePort(sandbox.endpoint),
							messages: m,
							clock: systemClock,
							budgetMs: 20_000,
							onEvent: (event) => event.type === 'probe-result' && onResult(event.index, event.result, !event.final),
						})
					).results,
			};
			const store = new CreateTuiStore();
			const copies = mkdtempSync(join(tmpdir(), 'bkw-guided-'));
			const app = render(
				<TuiRoot
					store={store}
					clipboard={nodeClipboard({}, copies)}
					host={{defaultUserName: 'x', regionCatalog: bundledCatalog(), guided}}
					messages={m}
					explain={false}
					colour={false}
					motion={false}
					columns={80}
					rows={24}
				/>,
			);
			const step = async (input: string, wait = 10): Promise<void> => {
				app.stdin.write(input);
				await new Promise((resolve) => setTimeout(resolve, wait));
			};
			const waitFor = async (text: string, timeoutMs = 15_000): Promise<string> => {
				const started = Date.now();
				while (!(app.lastFrame() ?? '').includes(text)) {
					if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${text}:\n${app.lastFrame()}`);
					await new Promise((resolve) => setTimeout(resolve, 10));
				}
				// The screen binds its keys in an effect just after it is drawn.
				await new Promise((resolve) => setTimeout(resolve, 15));
				return app.lastFrame()!;
			};
			try {
				const finished = store.guided();
				await waitFor(m.ui.guided.accountPrompt);
				await step('?', 20);
				expect(shows(app.lastFrame()!, opening(m.ui.explain.guided[0]!))).toBe(true);
				await step('?');
				for (const char of '1234') await step(char, 2);
				await step(keys.enter);
				await waitFor(m.ui.guided.accountInvalid);
				for (const char of '56789012') await step(char, 2);
				await step(keys.enter);
				await waitFor(m.questions.region.label);
				for (const char of 'us-west-2') await step(char, 2);
				await step(keys.enter);
				await waitFor('★');
				for (const char of 'titan-embed-text-v2') await step(char, 2);
				// The footer names the keys of the filter, then of the list.
				expect(await waitFor(m.ui.keys.toList)).toContain(m.ui.keys.filter);
				await step(keys.tab);
				expect(await waitFor(m.ui.keys.toFilter)).toContain(m.ui.keys.toggle);
				await step(keys.space);
				await step(keys.enter);
				const steps = await waitFor(m.ui.guided.steps);
				expect(steps).toContain(m.ui.guided.step('bedrock-key-wizard')[0]!.slice(0, 20));
				if (lang === 'ja') expect(steps).toContain('「APIキーを生成」');
				await step(keys.pageDown);
				expect(flat(app.lastFrame()!)).toContain('"bedrock:CallWithBearerToken"');
				// The policy is saved as a file at once (0600, named on screen), and c sends it with OSC 52.
				await waitFor('0600');
				const [folder] = readdirSync(copies);
				const saved = join(copies, folder!, 'policy.json');
				expect(statSync(saved).mode & 0o777).toBe(0o600);
				expect(readFileSync(saved, 'utf8')).toBe(plan.compiled.json.endsWith('\n') ? plan.compiled.json : `${plan.compiled.json}\n`);
				expect(app.lastFrame()!.replaceAll(`${SOFT_WRAP}\n`, '')).toContain(saved);
				expect(app.lastFrame()).toContain(m.ui.keys.copy);
				await step('c', 30);
				expect(app.frames.some((frame) => frame.includes(`\u001B]52;c;${Buffer.from(plan.compiled.json).toString('base64')}\u0007`))).toBe(true);
				// Each line of the policy whole once the terminal's wraps are joined (no ARN cut, no indent inserted).
				const seen = new Set<string>();
				for (let page = 0; page < 12; page++) {
					for (const line of app.lastFrame()!.replaceAll(`${SOFT_WRAP}\n`, '').split('\n')) seen.add(line);
					await step(keys.pageDown);
				}
				for (const line of plan.compiled.json.trimEnd().split('\n')) expect(seen).toContain(line);
				await step(keys.enter);
				await waitFor(m.ui.guided.pastePrompt);
				// A paste arrives as one chunk; the screen shows only bullets and the length.
				await step(user.apiKey!, 20);
				expect(app.lastFrame()).not.toContain(user.apiKey!.slice(0, 12));
				await waitFor(m.ui.mask(user.apiKey!.length));
				await step(keys.enter);
				const result = await waitFor(m.ui.guided.works, 20_000);
				// A flat table when the ids fit in 80 columns, else one line per model with its calls under it.
				expect(result).toMatch(
					new RegExp(
						`(✓ amazon\\.titan-embed-text-v2:0 +InvokeModel|amazon\\.titan-embed-text-v2:0\\n✓ InvokeModel) +api-key ${m.run.probe.expected.allow} +\\S+`,
					),
				);
				expect(result).toContain(m.ui.verify.deniedAsExpected);
				expect(result).not.toContain(user.apiKey!.slice(4, 30));
				// The result screen binds its keys just after it is drawn (an effect): give it that moment.
				await new Promise((resolve) => setTimeout(resolve, 100));
				await step(keys.enter);
				await finished;
			} finally {
				app.unmount();
			}
		}, 60_000);
	});
}
