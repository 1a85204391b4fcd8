/**
 * Ctrl+C on every screen of the create wizard, in English and Japanese (issue 16, "Cancel"): on each question
 * (nothing made yet) it quits at once and the last frame says nothing was made in AWS (exit 130); once
 * something was made it asks, and a second Ctrl+C is the dialog's first choice, roll back; on the Done screen
 * of a finished run it closes the wizard with the run's own exit code, 0.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {exitCodeOf} from '../../source/cli/commands/create-tui.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {keys, liveArea, startWizard, type Wizard} from './harness.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
let closeAfter: RunningSandbox | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 300});
});
afterEach(async () => {
	wizard?.close();
	wizard = undefined;
	await closeAfter?.close();
	closeAfter = undefined;
});
afterAll(async () => sandbox.close());

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	const t = m.ui;

	/** Each screen, reached from the start with the keys a person presses. */
	const screens: ReadonlyArray<{readonly name: string; readonly reach: (w: Wizard) => Promise<void>}> = [
		{name: 'welcome', reach: async (w) => void (await w.waitFor(t.welcome.next))},
		{
			name: 'region',
			reach: async (w) => {
				await w.waitFor(t.welcome.next);
				await w.press(keys.enter);
				await w.waitFor(m.questions.region.label);
			},
		},
		{
			name: 'models',
			reach: async (w) => {
				await w.waitFor(t.welcome.next);
				await w.press(keys.enter);
				await w.waitFor(m.questions.region.label);
				await w.type('us-west-2');
				await w.press(keys.enter);
				await w.waitFor('★');
			},
		},
		{
			name: 'key',
			reach: async (w) => {
				await w.waitFor(t.welcome.next);
				await w.press(keys.enter);
				await w.waitFor(t.key.title);
			},
		},
		{
			name: 'review',
			reach: async (w) => {
				await w.waitFor(t.welcome.next);
				await w.press(keys.enter);
				await w.waitFor(t.key.title);
				await w.press(keys.enter);
				await w.waitFor(m.questions.confirmed.label);
			},
		},
	];

	describe(`${lang}: Ctrl+C`, () => {
		for (const screen of screens) {
			it(`on the ${screen.name} screen quits at once: cancelled, nothing made in AWS, exit 130`, async () => {
				const userName = `ctrl-c-${screen.name}-${lang}`;
				// The key and review screens are reached with the Region and models given, as flags give them.
				const given = screen.name === 'key' || screen.name === 'review' ? {region: 'us-west-2', modelIds: [TITAN_V2]} : {};
				wizard = startWizard({sandbox, lang, userName, answers: given});
				const w = wizard;
				await screen.reach(w);
				await w.press(keys.ctrlC);
				const {state} = await w.result;
				expect(state.status).toBe('cancelled');
				expect(exitCodeOf(state, w.store.quitRequested)).toBe(130);
				const last = liveArea(await w.waitFor(m.create.nothingMade), t.cancelled);
				expect(last).toContain(t.cancelled);
				expect(last).not.toContain(t.quit.title);
				expect((await iamClient(sandbox).send(new ListUsersCommand({}))).Users?.map((user) => user.UserName)).not.toContain(userName);
			});
		}

		it('once something was made, asks; Ctrl+C again rolls back, and the last frame says nothing is left', async () => {
			const userName = `ctrl-c-twice-${lang}`;
			wizard = startWizard({
				sandbox,
				lang,
				answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 1, userName, policyType: 'auto'},
			});
			const w = wizard;
			await w.waitFor(t.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(`✓ ${m.create.step['create-user'](userName)}`);
			await w.press(keys.ctrlC);
			await w.waitFor(t.quit.title);
			await w.press(keys.ctrlC);
			const {state} = await w.result;
			expect(state.problem?.kind).toBe('cancelled');
			expect(state.rollback?.failed).toEqual([]);
			expect(exitCodeOf(state, w.store.quitRequested)).toBe(130);
			const last = liveArea(await w.waitFor(m.create.rolledBack(state.rollback!.undone.length)), t.cancelled);
			expect(last).not.toContain(t.quit.title);
			expect((await iamClient(sandbox).send(new ListUsersCommand({}))).Users?.map((user) => user.UserName)).not.toContain(userName);
		});

		it('once the key is made but not saved, the dialog offers no keeping (k does nothing); esc carries on and the key is saved', async () => {
			const userName = `ctrl-c-unsaved-${lang}`;
			wizard = startWizard({
				sandbox,
				lang,
				answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 1, userName, policyType: 'auto'},
			});
			const w = wizard;
			await w.waitFor(t.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(`✓ ${m.create.step['create-api-key']()}`);
			await w.press(keys.ctrlC);
			// The dialog's lines wrap inside its border: compared without whitespace and border.
			const flat = (text: string): string => text.replace(/[\s║]+/g, '');
			const dialog = flat(await w.waitFor(t.quit.title));
			expect(dialog).toMatch(/r·esc$/);
			expect(dialog).toContain(flat(t.quit.keepUnsavedKey));
			expect(dialog).not.toContain(flat(t.quit.keep));
			await w.press('k');
			expect(flat(await w.waitFor(t.quit.title))).toContain(flat(t.quit.keepUnsavedKey));
			expect(w.store.quitRequested).toBe(false);
			await w.press(keys.escape);
			await w.waitFor(t.done.title, 30_000);
			await w.press(keys.ctrlC);
			const {state} = await w.result;
			expect(state.status).toBe('done');
			expect(state.saved).toBeTruthy();
			expect(readFileSync(join(w.outDir, '.env'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
		});

		it("a rollback after a Marketplace subscription says the subscription stays: it is the account's, not undone", async () => {
			const userName = `ctrl-c-subscribed-${lang}`;
			// A sandbox of its own: the account it subscribes stays subscribed.
			const own = await startTestSandbox({propagationDelayMs: 300});
			closeAfter = own;
			wizard = startWizard({
				sandbox: own,
				lang,
				answers: {
					region: 'us-west-2',
					modelIds: [HAIKU_PROFILE],
					keyKinds: ['api-key'],
					expiresInDays: 1,
					userName,
					policyType: 'auto',
					subscribe: true,
				},
			});
			const w = wizard;
			await w.waitFor(t.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(`✓ ${m.create.step['create-user'](userName)}`);
			await w.press(keys.ctrlC);
			await w.waitFor(t.quit.title);
			await w.press('r');
			const {state} = await w.result;
			const subscribed = state.applyLog.flatMap((event) =>
				event.type === 'step' && event.step === 'subscribe-model' && event.status === 'done' && event.detail ? [event.detail] : [],
			);
			expect(subscribed.length).toBeGreaterThan(0);
			expect(state.rollback?.failed).toEqual([]);
			// Lines wrap at 80 columns (Japanese anywhere): compared without whitespace.
			const flat = (text: string): string => text.replace(/\s+/g, '');
			const wrapped = (text: string): RegExp => new RegExp([...flat(text)].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));
			await w.waitFor(wrapped(m.create.notUndone.subscriptions(subscribed)));
			const last = flat(liveArea(w.frame(), t.cancelled));
			expect(last).toContain(flat(m.create.notUndone.rolledBack(state.rollback!.undone.length)));
			expect(last).toContain(flat(m.create.notUndone.subscriptions(subscribed)));
			expect(last).not.toContain(flat(m.create.rolledBack(state.rollback!.undone.length)));
		});

		it('on the Done screen closes a finished run with its own exit code, 0', async () => {
			wizard = startWizard({
				sandbox,
				lang,
				answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 1, userName: `ctrl-c-done-${lang}`, policyType: 'auto'},
			});
			const w = wizard;
			await w.waitFor(t.welcome.next);
			await w.press(keys.enter);
			await w.waitFor(m.questions.confirmed.label);
			await w.press(keys.enter);
			await w.waitFor(t.done.title, 30_000);
			await w.press(keys.ctrlC);
			const {state, after} = await w.result;
			expect(after).toBe('quit');
			expect(state.status).toBe('done');
			expect(w.store.quitRequested).toBe(false);
			expect(exitCodeOf(state, w.store.quitRequested)).toBe(0);
		});
	});
}
