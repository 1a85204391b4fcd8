/**
 * The subscription question and AWS's wait in a real terminal (tmux, 80x24), in English and Japanese
 * (issue 15): the built CLI on its own sandbox, whose Marketplace subscriptions take a few seconds
 * (BKW_SANDBOX_SUBSCRIPTION_DELAY_MS). The Review's enter opens the question; yes starts the subscription
 * and the apply screen shows the wait (not IAM propagation) until AWS says AVAILABLE; then the key is made
 * and proven. Every string waited for is the catalog's, so the test follows the words.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import {describeInTmux, expectTerminalRestored, Terminal} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

const terminal = new Terminal('bkw-subscribe');
afterEach(() => terminal.closeSessions());

describeInTmux('the subscription question and wait at 80x24 (tmux)', () => {
	beforeAll(() => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
	}, 60_000);

	for (const [lang, locale] of [
		['en', 'en_US.UTF-8'],
		['ja', 'ja_JP.UTF-8'],
	] as const) {
		it(`${lang}: asked at the review, waited for on the apply screen, then the key is made and proven`, async () => {
			const m = messagesFor(lang);
			const t = terminal.start(`subscribe-${lang}`, {
				command: `node ${CLI} --sandbox --out-dir keys`,
				env: {BKW_SANDBOX_PROPAGATION_MS: '300', BKW_SANDBOX_SUBSCRIPTION_DELAY_MS: '6000', LANG: locale},
			});
			await t.waitFor(m.ui.welcome.next);
			t.keys('Enter');
			await t.waitFor(m.questions.region.label);
			t.keys('Enter');
			await t.waitFor(m.questions.clients.label);
			t.keys('Enter');
			await t.waitFor('★');
			t.keys('Enter');
			await t.waitFor(m.ui.key.title);
			t.keys('Enter');
			await t.waitFor(m.questions.confirmed.label);
			t.keys('Enter');
			const question = await t.waitFor(m.questions.subscribe.choices.back);
			expect(question).toContain(`❯ ${m.questions.subscribe.choices.yes}`);
			t.keys('Enter');
			// The wait's own line on the apply screen, apart from IAM propagation.
			const waiting = await t.waitFor(lang === 'en' ? 'Waiting for AWS Marketplace' : 'AWS Marketplace が', 20_000);
			expect(waiting).toContain(m.ui.apply.title);
			const done = await t.waitFor(m.ui.done.title, 60_000);
			expect(done).toContain(lang === 'en' ? 'checks passed' : '件の確認に合格');
			t.keys('q');
			const {exitCode, history} = await t.finished();
			expect(exitCode, history).toBe(0);
			expectTerminalRestored(t, history);
		}, 120_000);
	}
});
