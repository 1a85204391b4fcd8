/**
 * Copy-safe output and `c` in the TUI (issue 16, item 4), in English and Japanese: long lines (ARNs, the
 * curl command, the revealed key) are cut only where the terminal wraps, with nothing inserted, so the rows
 * joined again are the text; `c` sends exactly the text with OSC 52 (base64 of its UTF-8) and saves a
 * copy, mode 0600 in a private folder (0700), that the screen names; a secret only once revealed and in
 * view, and never saved again; the final frame keeps the result and drops the keys. Also the models
 * screen: ids whole in Japanese at 80 columns, the selection collapsed to three lines with s to show it
 * all, and a side panel on a wide terminal. The real terminal (tmux) is in terminal-copy.test.ts.
 */
import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {nodeClipboard} from '../../source/cli/clipboard.js';
import {messagesFor, type Language} from '../../source/core/i18n/index.js';
import {usageSnippets} from '../../source/core/usage-snippets.js';
import type {TightenProposal} from '../../source/flows/check/tighten.js';
import type {CreateState} from '../../source/flows/create/machine.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {SOFT_WRAP} from '../../source/ui/cells.js';
import {TightenDiff} from '../../source/ui/check/tighten-diff.js';
import {FinalFrame} from '../../source/ui/final-frame.js';
import {WelcomeScreen} from '../../source/ui/screens/welcome-screen.js';
import {UiContext} from '../../source/ui/ui-context.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

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

/** What OSC 52 must carry for `text`: base64 of its UTF-8 bytes, exactly. */
const osc52 = (text: string): string => `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
/** The rows as the terminal joins them (ui/soft-wrap.ts): a row ending in SOFT_WRAP runs on into the next. */
const joined = (frame: string): string[] => frame.replaceAll(`${SOFT_WRAP}\n`, '').split('\n');
const sentOsc52 = (w: {frames: readonly string[]}, text: string): boolean => w.frames.some((frame) => frame.includes(osc52(text)));

/** The one folder the clipboard made under `base`, and its files. */
function savedCopies(base: string): {folder: string; files: string[]} {
	const [folder, ...others] = readdirSync(base);
	expect(others, 'one private folder per run').toEqual([]);
	return {folder: join(base, folder!), files: readdirSync(join(base, folder!))};
}

function expectSavedCopy(base: string, name: string, text: string, screen: string): void {
	const {folder} = savedCopies(base);
	const path = join(folder, name);
	expect(statSync(folder).mode & 0o777, 'the folder is private').toBe(0o700);
	expect(statSync(path).mode & 0o777, 'the copy is 0600').toBe(0o600);
	expect(readFileSync(path, 'utf8')).toBe(text.endsWith('\n') ? text : `${text}\n`);
	// Named on screen (a line may wrap at a space; a path has none).
	expect(screen.replace(/\n/g, ' ')).toContain(path);
}

const finishedState = (w: Wizard): CreateState => {
	const phase = w.store.getSnapshot().phase;
	if (phase.kind !== 'finished' && phase.kind !== 'wizard') throw new Error(`no run state (${phase.kind})`);
	return phase.state;
};

async function pressUntil(w: Wizard, key: string, done: () => boolean, times = 80): Promise<void> {
	for (let i = 0; i < times && !done(); i++) await w.press(key);
	expect(done(), w.frame()).toBe(true);
}

for (const lang of ['en', 'ja'] as const satisfies readonly Language[]) {
	const m = messagesFor(lang);
	describe(`copying in ${lang}`, () => {
		it('Review: the policy whole, line by line; c sends it (OSC 52) and saves policy.json 0600, named on screen', async () => {
			const base = mkdtempSync(join(tmpdir(), 'bkw-clip-'));
			wizard = startWizard({
				sandbox,
				lang,
				userName: `copy-review-${lang}`,
				answers: {region: 'us-west-2', modelIds: [TITAN_V2, HAIKU_PROFILE]},
				clipboard: nodeClipboard({}, base),
			});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.ui.key.title);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			const policy = finishedState(w).review!.plan.compiled.json;
			const policyLines = policy.trimEnd().split('\n');
			expect(
				policyLines.some((line) => line.length > 80),
				'an ARN longer than the terminal',
			).toBe(true);
			// Every line of the policy appears whole once its rows are joined, with no indent inserted.
			const seen = new Set<string>();
			for (let page = 0; page < 20; page++) {
				for (const line of joined(w.frame())) seen.add(line);
				await w.press(keys.pageDown);
			}
			for (const line of policyLines) expect(seen, `"${line}" whole on screen`).toContain(line);
			await w.press('c');
			const screen = await w.waitFor(m.ui.copy.copied(m.ui.copy.policy));
			expect(sentOsc52(w, policy)).toBe(true);
			await w.waitFor('0600');
			expectSavedCopy(base, 'policy.json', policy, w.frame());
			w.store.quit(false);
			await w.result;
			void screen;
		});

		it('Done: c copies the snippet in view (curl), the key only once revealed and never saved; the final frame keeps the result, masked', async () => {
			const base = mkdtempSync(join(tmpdir(), 'bkw-clip-'));
			const finalFrame = new FinalFrame();
			wizard = startWizard({
				sandbox,
				lang,
				userName: `copy-done-${lang}`,
				answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 7, userName: `copy-done-${lang}`, policyType: 'auto'},
				clipboard: nodeClipboard({}, base),
				finalFrame,
			});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(m.ui.done.title, 20_000);
			const state = finishedState(w);
			const secret = readFileSync(state.saved!.env!, 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
			const curl = usageSnippets({
				envFile: state.saved!.env!,
				region: 'us-west-2',
				modelId: TITAN_V2,
				hasApiKey: true,
				endpoint: sandbox.endpoint,
			}).find((snippet) => snippet.title === 'curl')!.text;

			// Masked: c copies nothing secret, wherever the view is.
			await w.press('c');
			expect(sentOsc52(w, secret)).toBe(false);
			// Down to the curl command: its lines whole, then c sends exactly it and saves usage-curl.sh.
			const hint = m.ui.keys.copyWhat(m.ui.copy.snippet('curl'));
			await pressUntil(w, 'j', () => w.frame().includes(hint));
			const lines = joined(w.frame());
			const first = lines.indexOf(curl.split('\n')[0]!);
			expect(first, w.frame()).toBeGreaterThanOrEqual(0);
			expect(lines.slice(first, first + curl.split('\n').length).join('\n')).toBe(curl);
			expect(curl.split('\n')[0]!.length, 'the curl line is longer than the terminal').toBeGreaterThan(80);
			await w.press('c');
			await w.waitFor(m.ui.copy.copied(m.ui.copy.snippet('curl')));
			expect(sentOsc52(w, curl)).toBe(true);
			await w.waitFor('0600');
			expectSavedCopy(base, 'usage-curl.sh', curl, w.frame());

			// Revealed and in view: c sends the key, saves nothing, and names the .env that holds it.
			expect(w.frame()).toContain(m.ui.keys.reveal);
			await w.press('r');
			// The footer names what r does now: hide the key again.
			await w.waitFor(m.ui.keys.hide);
			expect(w.frame()).not.toContain(m.ui.keys.reveal);
			const keyHint = m.ui.keys.copyWhat(m.ui.copy.key(m.ui.done.apiKey));
			await pressUntil(w, 'k', () => w.frame().includes(keyHint));
			expect(joined(w.frame())).toContain(secret);
			await w.press('c');
			await w.waitFor(m.ui.copy.copied(m.ui.copy.key(m.ui.done.apiKey)));
			expect(sentOsc52(w, secret)).toBe(true);
			expect(w.frame().replace(/\n/g, ' ')).toContain(state.saved!.env!);
			for (const file of savedCopies(base).files) expect(readFileSync(join(savedCopies(base).folder, file), 'utf8')).not.toContain(secret.slice(8, 40));

			// The last frame (drawn before Ink unmounts): the whole result, no keys to press, the key masked.
			finalFrame.end();
			await new Promise((resolve) => setTimeout(resolve, 30));
			const last = w.frame();
			expect(last).not.toContain(m.ui.keys.exit);
			expect(last).not.toContain(m.ui.keys.scroll);
			expect(last).not.toContain(hint);
			expect(last).not.toContain(secret.slice(8, 40));
			expect(last).toMatch(/ABSK…/);
			expect(joined(last).join('\n')).toContain(curl);
		}, 60_000);

		it("check's tightened policy: the diff's lines whole; c sends the new policy (OSC 52) and saves it 0600", async () => {
			const base = mkdtempSync(join(tmpdir(), 'bkw-clip-'));
			const arn = 'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0';
			const previous = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:*', Resource: '*'}]}, null, 2);
			const json = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: [arn]}]}, null, 2);
			const proposal = {
				plan: {compiled: {json}},
				previousPolicy: previous,
				modelIds: [],
				detach: [],
				staleManaged: [],
				notCompared: [],
			} as unknown as TightenProposal;
			const app = render(
				<UiContext.Provider value={{messages: m, colour: false, motion: false, columns: 79, rows: 24, terminalColumns: 80, clipboard: nodeClipboard({}, base)}}>
					<TightenDiff proposal={proposal} active />
				</UiContext.Provider>,
			);
			try {
				const lines = joined(app.lastFrame()!);
				// Each changed line whole after its sign, as in the policy: nothing inserted where it wraps.
				expect(lines).toContain(`+ ${json.split('\n').find((line) => line.includes(arn))}`);
				expect(lines).toContain(`- ${previous.split('\n').find((line) => line.includes('"Resource": "*"'))}`);
				app.stdin.write('c');
				for (let i = 0; i < 100 && !(app.lastFrame() ?? '').includes('0600'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
				expect(app.frames.some((frame) => frame.includes(osc52(json)))).toBe(true);
				expect(app.lastFrame()).toContain(m.ui.copy.copied(m.ui.copy.tightened).slice(0, 8));
				expectSavedCopy(base, 'tightened-policy.json', json, app.lastFrame()!);
			} finally {
				app.unmount();
			}
		});

		it('the welcome screen: a long assumed-role ARN whole, for the terminal to wrap', () => {
			const arn = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/someone.with.a.long.name@example.com';
			const app = render(
				<UiContext.Provider value={{messages: m, colour: false, motion: false, columns: 79, rows: 24, terminalColumns: 80}}>
					<WelcomeScreen identity={{accountId: '123456789012', arn, kind: 'assumed-role'}} active={false} onNext={() => undefined} onQuit={() => undefined} />
				</UiContext.Provider>,
			);
			try {
				expect(joined(app.lastFrame()!).some((line) => line.endsWith(` ${arn}`))).toBe(true);
			} finally {
				app.unmount();
			}
		});

		it('models at 80 columns: the ids of "via profile" rows stay whole, the name gives way', async () => {
			for (const columns of [80, 79]) {
				wizard = startWizard({sandbox, lang, columns, userName: `ids-${lang}`, answers: {region: 'us-west-2'}});
				const w = wizard;
				await w.waitFor(m.ui.welcome.next);
				await w.press(keys.enter);
				await w.waitFor('★');
				await w.type('nova');
				const frame = await w.waitFor(`[${m.ui.models.viaProfile}]`);
				for (const id of ['us.amazon.nova-micro-v1:0', 'us.amazon.nova-pro-v1:0', 'us.amazon.nova-2-lite-v1:0'])
					expect(
						frame.split('\n').find((line) => line.includes(`[${m.ui.models.viaProfile}]`) && line.includes(` ${id}`)),
						`${columns}: ${id}\n${frame}`,
					).toBeDefined();
				w.store.quit(false);
				await w.result;
				w.close();
				wizard = undefined;
			}
		});

		it('the selection: at most three lines under the list, s shows every id and shortens again; beside the list on a wide terminal', async () => {
			const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const more = new RegExp(escape(m.ui.models.moreSelected(987)).replace('987', '(\\d+)'));
			const label = `${m.ui.models.selected(8)}:`;
			/** The lines from the selection's label to the blank line under it. */
			const status = (frame: string): string[] => {
				const lines = frame.split('\n');
				const from = lines.findIndex((line) => line.startsWith(label));
				const to = lines.findIndex((line, index) => index > from && line.trim() === '');
				return lines.slice(from, to);
			};
			const isId = (word: string): boolean => /^[a-z]+\.[\w.:-]+$/.test(word);
			wizard = startWizard({sandbox, lang, userName: `sel-${lang}`, answers: {region: 'us-west-2'}});
			const w = wizard;
			await w.waitFor(m.ui.welcome.next);
			await w.press(keys.enter);
			await w.waitFor('★');
			await w.press(keys.tab);
			// Eight models: more than three lines of ids at 80 columns.
			for (let i = 0; i < 8; i++) await w.press(keys.down, keys.space);
			const collapsed = await w.waitFor(more);
			expect(status(collapsed), collapsed).toHaveLength(3);
			expect(collapsed.split('\n').length).toBeLessThanOrEqual(24);
			const hidden = Number(more.exec(collapsed)![1]);
			const shownIds = status(collapsed)
				.join(' ')
				.split(/[\s,]+/)
				.filter(isId);
			expect(shownIds.length + hidden).toBe(8);
			await w.press('s');
			for (let i = 0; i < 100 && more.test(w.frame()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
			const all = w.frame();
			expect(all).not.toMatch(more);
			expect(
				new Set(
					status(all)
						.join(' ')
						.split(/[\s,]+/)
						.filter(isId),
				).size,
				all,
			).toBe(8);
			await w.press('s');
			await w.waitFor(more);
			w.store.quit(false);
			await w.result;
			w.close();

			// 130 columns: a panel beside the list, one id a line.
			wizard = startWizard({sandbox, lang, columns: 130, userName: `side-${lang}`, answers: {region: 'us-west-2'}});
			const wide = wizard;
			await wide.waitFor(m.ui.welcome.next);
			await wide.press(keys.enter);
			await wide.waitFor('★');
			await wide.press(keys.tab);
			for (let i = 0; i < 5; i++) await wide.press(keys.down, keys.space);
			const side = await wide.waitFor(m.ui.models.selected(5));
			const lines = side.split('\n');
			const title = lines.find((line) => line.includes(m.ui.models.selected(5)))!;
			const column = title.indexOf(m.ui.models.selected(5));
			expect(column, side).toBeGreaterThan(60);
			const panel = lines
				.slice(lines.indexOf(title) + 1)
				.map((line) => line.slice(column).trim())
				.filter(isId);
			expect(panel, side).toHaveLength(5);
			expect(side).not.toMatch(new RegExp(`^${escape(m.ui.models.selected(5))}:`, 'm'));
			wide.store.quit(false);
			await wide.result;
		});
	});
}
