/**
 * Cancelling in a real terminal (tmux, 80x24), in English and Japanese (issue 16, "Cancel"):
 * - the quit dialog opened during Verify holds the run: 5 seconds later it still counts what was made, `r`
 *   rolls all of it back, the last frame says nothing is left, and the sandbox's IAM (this test's own, so it
 *   can be read after the wizard exits) holds no user, key or policy of the run, and no file was written;
 * - Ctrl+C, Ctrl+D and Esc at check's masked key prompt (full screen) and Ctrl+C at the `--plain` one exit 130
 *   with the terminal restored;
 * - Ctrl+C on the Done screen of a finished run exits 0.
 * Every string waited for is the catalog's, so the test follows the words.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {ListAccessKeysCommand, ListPoliciesCommand, ListServiceSpecificCredentialsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {cliMessagesFor} from '../../source/core/i18n/cli.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {describeInTmux, expectTerminalRestored, sleep, Terminal} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const languages = [
	['en', 'en_US.UTF-8'],
	['ja', 'ja_JP.UTF-8'],
] as const;

const terminal = new Terminal('bkw-cancel');
afterEach(() => terminal.closeSessions());

describeInTmux('cancelling at 80x24 (tmux)', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
		// IAM takes 4 s to propagate here: Verify is still waiting when the dialog opens, and a run that went on behind it would be done within the 5 s.
		sandbox = await startTestSandbox({propagationDelayMs: 4000});
	}, 60_000);
	afterAll(async () => sandbox?.close());

	/** Everything in the sandbox's IAM besides its own admin. */
	async function leftInIam(): Promise<{users: string[]; apiKeys: number; accessKeys: number; policies: string[]}> {
		const iam = iamClient(sandbox);
		const users = ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!).filter((name) => name !== 'sandbox-admin');
		const apiKeys = (await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials ?? [];
		const accessKeys = (await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata ?? [];
		const policies = ((await iam.send(new ListPoliciesCommand({Scope: 'Local'}))).Policies ?? []).map((policy) => policy.PolicyName!);
		return {users, apiKeys: apiKeys.length, accessKeys: accessKeys.filter((key) => key.AccessKeyId !== sandbox.admin.accessKeyId).length, policies};
	}

	for (const [lang, locale] of languages) {
		it(`${lang}: the quit dialog during Verify holds the run; 5 s later r rolls everything back and the last frame says nothing is left`, async () => {
			const m = messagesFor(lang);
			const userName = `cancel-verify-${lang}`;
			const t = terminal.start(`verify-${lang}`, {
				command: `node ${CLI} --endpoint-url ${sandbox.endpoint} --region us-west-2 --models ${TITAN_V2} --user-name ${userName} --out-dir keys`,
				env: {...adminEnv(sandbox), LANG: locale},
			});
			await t.waitFor(m.ui.welcome.next);
			t.keys('Enter');
			await t.waitFor(m.ui.key.title);
			t.keys('Enter');
			await t.waitFor(m.questions.confirmed.label);
			t.keys('Enter');
			await t.waitFor(m.ui.verify.title, 30_000);
			t.keys('C-c');
			const made = m.ui.quit.made(3);
			const dialog = await t.waitFor(m.ui.quit.title);
			expect(dialog).toContain(made);
			await sleep(5000);
			// Held: the run did not go on behind the dialog (it would have finished, or said 0 changes).
			const held = t.screen();
			expect(held).toContain(m.ui.quit.title);
			expect(held).toContain(made);
			expect(held).not.toContain(m.ui.done.title);
			t.keys('r');
			const {exitCode, history} = await t.finished(30_000);
			expect(exitCode, history).toBe(130);
			const final = history.slice(0, history.indexOf('EXIT='));
			expect(final).toContain(m.ui.cancelled);
			expect(final).toContain(m.create.rolledBack(3));
			expect(final.slice(final.lastIndexOf(m.ui.cancelled))).not.toContain(m.ui.quit.title);
			expectTerminalRestored(t, history);
			expect(await leftInIam()).toEqual({users: [], apiKeys: 0, accessKeys: 0, policies: []});
			// Paused before the save step: no file was ever written.
			expect(existsSync(join(t.dir, 'keys')) ? readdirSync(join(t.dir, 'keys')) : []).toEqual([]);
		}, 120_000);
	}

	for (const [lang, locale] of languages) {
		for (const key of ['C-c', 'C-d', 'Escape'] as const) {
			it(`${lang}: ${key} at check's masked key prompt (full screen) exits 130 with the terminal restored`, async () => {
				const m = messagesFor(lang);
				const t = terminal.start(`check-tui-${lang}-${key}`, {command: `node ${CLI} check --sandbox`, env: {LANG: locale}});
				await t.waitFor(m.check.promptKey);
				await t.text('abc');
				t.keys(key);
				const {exitCode, history} = await t.finished();
				expect(exitCode, history).toBe(130);
				expect(history).toContain(`✗ ${cliMessagesFor(lang).stop.cancelled}`);
				expectTerminalRestored(t, history);
			}, 60_000);
		}

		it(`${lang}: Ctrl+C at check's masked key prompt (--plain) exits 130 with the terminal restored`, async () => {
			const m = messagesFor(lang);
			const t = terminal.start(`check-plain-${lang}`, {command: `node ${CLI} check --sandbox --plain`, env: {LANG: locale}});
			await t.waitFor(m.check.promptKey);
			await t.text('abc');
			t.keys('C-c');
			const {exitCode, history} = await t.finished();
			expect(exitCode, history).toBe(130);
			expect(history).toContain(`✗ ${cliMessagesFor(lang).stop.cancelled}`);
			const stty = history.slice(history.indexOf('EXIT='));
			expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
			expect(stty).toMatch(/(^|\s)echo(\s|$)/);
		}, 60_000);

		it(`${lang}: Ctrl+C on the Done screen of a finished run exits 0`, async () => {
			const m = messagesFor(lang);
			const t = terminal.start(`done-${lang}`, {
				command: `node ${CLI} --sandbox --region us-west-2 --models ${TITAN_V2} --out-dir keys`,
				env: {BKW_SANDBOX_PROPAGATION_MS: '300', LANG: locale},
			});
			await t.waitFor(m.ui.welcome.next);
			t.keys('Enter');
			await t.waitFor(m.ui.key.title);
			t.keys('Enter');
			await t.waitFor(m.questions.confirmed.label);
			t.keys('Enter');
			await t.waitFor(m.ui.done.title, 60_000);
			t.keys('C-c');
			const {exitCode, history} = await t.finished();
			expect(exitCode, history).toBe(0);
			expectTerminalRestored(t, history);
		}, 120_000);
	}
});
