/**
 * A text capture of every screen at 80 columns, in English and Japanese, kept in __screens__ and
 * compared exactly; each is also checked for width (no line over 80 cells, measured with string-width,
 * so a CJK character counts twice) and for aligned table columns. Volatile values (latency, elapsed
 * time, the sandbox's port, the output folder) are fixed through the ports, never edited in the text.
 * Run with UPDATE_SCREENS=1 to rewrite the captures after an intended change, and read the diff.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeFiles} from '../../source/cli/files.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor, type Language} from '../../source/core/i18n/index.js';
import {Problem} from '../../source/core/problem.js';
import type {Clock} from '../../source/flows/bounded.js';
import type {FilesPort} from '../../source/flows/ports.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {SOFT_WRAP} from '../../source/ui/cells.js';
import {CreateTuiStore} from '../../source/ui/create-store.js';
import {TuiRoot} from '../../source/ui/tui-root.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {gate} from './gate.js';
import {keys, startWizard, type Wizard} from './harness.js';

const SCREENS = join(import.meta.dirname, '__screens__');
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
beforeAll(async () => {
	// No propagation delay: every probe settles on its first try, so the screens are the same every run.
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	mkdirSync(SCREENS, {recursive: true});
});
afterAll(async () => sandbox.close());

/** Trailing spaces are Ink's padding, not content; the soft-wrap mark (ui/cells.ts, SOFT_WRAP) is invisible. */
const normalise = (frame: string): string =>
	`${frame
		.replaceAll(SOFT_WRAP, '')
		.split('\n')
		.map((line) => line.trimEnd())
		.join('\n')
		.trim()}\n`;

function keep(name: string, frame: string): string {
	const text = normalise(frame);
	const path = join(SCREENS, `${name}.txt`);
	if (process.env['UPDATE_SCREENS']) writeFileSync(path, text);
	// A missing golden file is a failure, never written on the fly: a run that writes its own expectation proves nothing.
	expect(existsSync(path), `__screens__/${name}.txt is missing; UPDATE_SCREENS=1 writes it, then review and commit it`).toBe(true);
	expect(text, `${name} differs from __screens__/${name}.txt (UPDATE_SCREENS=1 rewrites it)`).toBe(readFileSync(path, 'utf8'));
	for (const line of text.split('\n')) expect(stringWidth(line), `${name}: "${line}" is wider than 80 cells`).toBeLessThanOrEqual(80);
	expectAlignedProbeTable(name, text);
	return text;
}

/** Every probe row puts its auth, expected and outcome columns at the same cell offsets as the header. */
function expectAlignedProbeTable(name: string, text: string): void {
	const lines = text.split('\n');
	const rows = lines.filter((line) => /^[✓✗⠋] (Converse|ConverseStream|InvokeModel) /.test(line));
	if (rows.length === 0) return;
	const offsets = (line: string): number[] => {
		const cellsTo = (index: number): number => stringWidth(line.slice(0, index));
		const matches = [...line.matchAll(/ (api-key|sigv4) +(allow|deny|許可|拒否) +/g)][0]!;
		return [cellsTo(matches.index + 1), cellsTo(line.indexOf(matches[2]!, matches.index + 1 + matches[1]!.length))];
	};
	const first = offsets(rows[0]!);
	for (const row of rows) expect(offsets(row), `${name}: misaligned row "${row}"`).toEqual(first);
}

/** Elapsed time advances only by what verification sleeps, so "n of m checks in X s" is stable. */
function steppingClock(): Clock {
	let now = 0;
	return {now: () => now, sleep: async (ms) => void (now += ms)};
}

/** Files land in a temp folder but are shown under a fixed path. */
function fixedFiles(): FilesPort {
	const real = nodeFiles(mkdtempSync(join(tmpdir(), 'bkw-screens-')));
	const dir = mkdtempSync(join(tmpdir(), 'bkw-screens-'));
	const shown = '/home/you/bedrock-key';
	return {
		join: (_directory, name) => `${shown}/${name}`,
		inHome: (name) => `/home/you/${name}`,
		exists: async () => false,
		read: async () => undefined,
		keepAside: async () => undefined,
		write: (path, content, mode) => real.write(join(dir, path.slice(shown.length + 1)), content, mode),
		gitStatus: async () => 'not-in-repository',
		ignoreInGit: async () => ({line: '', gitignore: ''}),
		remove: async () => undefined,
		rename: async () => undefined,
		forgetInGit: async () => undefined,
	};
}

function wizardFor(
	lang: Language,
	userName: string,
	hooks: {apply?: ReturnType<typeof gate>; verify?: ReturnType<typeof gate>; failReview?: boolean} = {},
	explain = false,
): Wizard {
	return startWizard({
		sandbox,
		lang,
		explain,
		userName,
		askClients: true,
		source: {kind: 'sandbox', endpoint: 'http://127.0.0.1:4566'},
		// The built-in sandbox the screens show, at a fixed address so the captures stay the same.
		target: {kind: 'sandbox', endpoint: 'http://127.0.0.1:4566/region/us-west-2'},
		files: fixedFiles(),
		// The folder the key screen shows, fixed like the paths fixedFiles shows.
		answers: {outDir: '/home/you/bedrock-key'},
		clock: steppingClock(),
		ports: (session) => ({
			...session,
			iam: {
				...session.iam,
				createApiKey: async (name, days) => {
					await hooks.apply?.wait();
					return session.iam.createApiKey(name, days);
				},
				findUser: async (name) => {
					if (hooks.failReview)
						// Japanese: the Problem as failureProblem words an AWS refusal (AWS's own message quoted).
						throw lang === 'en'
							? new Problem(
									'aws-refused',
									'AWS refused: AccessDeniedException: User is not authorized to perform iam:GetUser.',
									'Ask an administrator to allow iam:GetUser, or use other credentials.',
								)
							: new Problem('aws-refused', (m) =>
									m.problems.aws.refused('iam:GetUser', 'AccessDeniedException', 'User is not authorized to perform iam:GetUser.'),
								);
					return session.iam.findUser(name);
				},
			},
			probes: {
				run: async (call) => {
					const answer = await session.probes.run(call);
					if (!answer.ok) await hooks.verify?.wait();
					return {...answer, latencyMs: 42};
				},
			},
		}),
	});
}

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang).ui;
	describe(`every screen at 80 columns (${lang})`, () => {
		// A fresh account for each language: one the other language's run has not subscribed to Claude yet.
		beforeAll(async () => {
			await sandbox.close();
			sandbox = await startTestSandbox({propagationDelayMs: 0});
		});
		it('sign-in, Region, models, key, review, apply, verify, done', async () => {
			const apply = gate();
			const verify = gate();
			const w = wizardFor(lang, `screens-${lang}`, {apply, verify});
			try {
				keep(`${lang}-01-welcome`, await w.waitFor(m.welcome.next));
				await w.press(keys.enter);
				await w.waitFor(messagesFor(lang).questions.region.label);
				await w.type('us-');
				keep(`${lang}-02-region`, await w.waitFor('us-west-2'));
				await w.type('west-2');
				await w.press(keys.enter);
				keep(`${lang}-03a-clients`, await w.waitFor(messagesFor(lang).questions.clients.none));
				await w.press(keys.enter);
				await w.waitFor('★');
				await w.press(keys.tab, keys.space);
				keep(`${lang}-03-models`, await w.waitFor(m.models.selected(2)));
				await w.press(keys.enter);
				keep(`${lang}-04-key`, await w.waitFor(m.key.free));
				await w.press(keys.enter);
				keep(`${lang}-05-review`, await w.waitFor(messagesFor(lang).questions.confirmed.label));
				await w.press(keys.pageDown, keys.pageDown);
				keep(`${lang}-06-review-explained`, await w.waitFor(/(lines|行中) 2\d-/));
				await w.press(keys.enter);
				// The question, once its footer (choose and confirm, no scrolling) has replaced the review's.
				const back = messagesFor(lang).questions.subscribe.choices.back;
				keep(`${lang}-06b-subscribe`, await w.waitFor(new RegExp(`^(?![\\s\\S]*pgup)[\\s\\S]*${back}`)));
				await w.press(keys.enter);
				await apply.reached;
				keep(`${lang}-07-apply`, await w.waitFor(`⠋ ${messagesFor(lang).create.step['create-api-key']()}`));
				await w.press(keys.ctrlC);
				keep(`${lang}-08-quit-dialog`, await w.waitFor(m.quit.title));
				await w.press(keys.escape);
				apply.open();
				await verify.reached;
				keep(`${lang}-09-verify`, await w.waitFor(m.verify.title));
				verify.open();
				keep(`${lang}-10-done`, await w.waitFor(m.done.title));
				await w.press('q');
				expect((await w.result).state.report?.pass).toBe(true);
			} finally {
				verify.open();
				apply.open();
				w.close();
			}
		});

		it("Claude Code's questions: where it reads the key (with what it reads by itself), then which settings file", async () => {
			const w = wizardFor(lang, `screens-claude-${lang}`);
			try {
				await w.waitFor(m.welcome.next);
				await w.press(keys.enter);
				await w.type('us-west-2');
				await w.press(keys.enter);
				await w.waitFor(messagesFor(lang).questions.clients.label);
				await w.press(keys.space, keys.enter);
				keep(`${lang}-03b-claude-key`, await w.waitFor(messagesFor(lang).questions.claudeKeyFrom.label));
				await w.press(keys.enter);
				keep(`${lang}-03c-claude-settings`, await w.waitFor(messagesFor(lang).questions.claudeSettings.label));
			} finally {
				w.close();
			}
		});

		it('an error says what, why and how to fix it, and offers a retry', async () => {
			const w = wizardFor(lang, `screens-error-${lang}`, {failReview: true});
			try {
				await w.waitFor(m.welcome.next);
				await w.press(keys.enter);
				await w.type('us-west-2');
				await w.press(keys.enter);
				await w.waitFor(messagesFor(lang).questions.clients.label);
				await w.press(keys.enter);
				await w.waitFor('★');
				await w.press(keys.enter);
				await w.waitFor(m.key.title);
				await w.press(keys.enter);
				keep(`${lang}-11-error`, await w.waitFor(m.error.retry));
			} finally {
				w.close();
			}
		});

		it('walkthrough mode: the explanation under the Region list', async () => {
			const w = wizardFor(lang, 'screens-explain', {}, true);
			try {
				await w.waitFor(m.welcome.next);
				await w.press(keys.enter);
				keep(`${lang}-12-region-explained`, await w.waitFor(m.explain.region[0]!.slice(0, 12)));
			} finally {
				w.close();
			}
		});

		it('no credentials: the ways in and what can be done now', async () => {
			const store = new CreateTuiStore();
			const app = render(
				<TuiRoot
					store={store}
					host={{defaultUserName: 'x', regionCatalog: bundledCatalog()}}
					messages={messagesFor(lang)}
					explain={false}
					colour={false}
					motion={false}
					columns={80}
					rows={24}
				/>,
			);
			try {
				// Japanese: what the wizard says when no credentials are found (problems.aws.noCredentials).
				const [why, fix] =
					lang === 'en' ? ['Could not load credentials from any providers.', 'Sign in, then run again.'] : messagesFor(lang).problems.aws.noCredentials();
				void store.signedOut(why, fix);
				await new Promise((resolve) => setTimeout(resolve, 30));
				keep(`${lang}-00-signed-out`, app.lastFrame() ?? '');
			} finally {
				app.unmount();
			}
		});
	});
}

it('the captures exist for both languages (one file per screen)', () => {
	for (const lang of ['en', 'ja'])
		for (const name of [
			'00-signed-out',
			'01-welcome',
			'02-region',
			'03-models',
			'03b-claude-key',
			'03c-claude-settings',
			'04-key',
			'05-review',
			'06-review-explained',
			'06b-subscribe',
			'07-apply',
			'08-quit-dialog',
			'09-verify',
			'10-done',
			'11-error',
			'12-region-explained',
		])
			expect(existsSync(join(SCREENS, `${lang}-${name}.txt`)), `${lang}-${name}`).toBe(true);
	void TITAN_V2;
});
