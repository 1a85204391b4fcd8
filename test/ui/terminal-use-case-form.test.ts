/**
 * Anthropic's use-case form asked by the TUI in a real terminal (tmux, 80x24), in English and Japanese
 * (issue 15): the built CLI against a sandbox whose account has not submitted the form. English fills it in on
 * screen, and the run submits it before anything is made; Japanese submits it "in the console" (the SDK, as the
 * console would) after a first "check again" that finds it still missing. Both end with a proven key. Every
 * string waited for is the catalog's, so the test follows the words.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {afterEach, beforeAll, beforeEach, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {exampleUseCaseForm, submitUseCaseFormAsConsole, useCaseFormHeld} from '../helpers/use-case-form.js';
import {findSecretLeaks} from '../helpers/secret-scan.js';
import {describeInTmux, expectTerminalRestored, Terminal} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

const terminal = new Terminal('bkw-use-case-form');
let sandbox: RunningSandbox;
beforeEach(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200, useCaseForm: 'missing'});
});
afterEach(async () => {
	terminal.closeSessions();
	await sandbox.close();
});

/** Every question before the review answered by a flag, so the review is the first question. */
const command = (userName: string): string =>
	[
		`node ${CLI} --endpoint-url ${sandbox.endpoint} --region us-west-2 --out-dir keys --models ${HAIKU_PROFILE}`,
		`--key api-key --expires-in-days 1 --policy-type auto --user-name ${userName} --subscribe --verify-timeout 30`,
	].join(' ');

describeInTmux("Anthropic's use-case form at 80x24 (tmux)", () => {
	beforeAll(() => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
	}, 60_000);

	it('en: filled in on screen, submitted before anything is made, then the key is made and proven', async () => {
		const m = messagesFor('en');
		const words = m.questions.useCaseForm;
		const t = terminal.start('form-en', {command: command('tmux-form-en'), env: {...adminEnv(sandbox), LANG: 'en_US.UTF-8'}});
		await t.waitFor(m.ui.welcome.next);
		t.keys('Enter');
		await t.waitFor(m.questions.confirmed.label);
		t.keys('Enter');
		const question = await t.waitFor(words.choices.console);
		expect(question).toContain('❯ Fill in the form here');
		t.keys('Enter');
		const form = exampleUseCaseForm;
		for (const field of ['companyName', 'companyWebsite', 'intendedUsers', 'industryOption', 'otherIndustryOption', 'useCases'] as const) {
			await t.waitFor(`${words.fields[field].label}:`);
			// intendedUsers starts with AWS's example value (0); the others start empty.
			if (field !== 'intendedUsers') await t.text(form[field]);
			t.keys('Enter');
		}
		const done = await t.waitFor(m.ui.done.title, 60_000);
		expect(done).toContain('checks passed');
		t.keys('q');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expectTerminalRestored(t, history);
		expect(await useCaseFormHeld(sandbox)).toEqual(form);
		expect(findSecretLeaks(adminEnv(sandbox)['AWS_SECRET_ACCESS_KEY']!, {history})).toEqual([]);
	}, 120_000);

	it('ja: submitted in the console; "check again" says it is still missing, then goes on once it is there', async () => {
		const m = messagesFor('ja');
		const words = m.questions.useCaseForm;
		const t = terminal.start('form-ja', {command: command('tmux-form-ja'), env: {...adminEnv(sandbox), LANG: 'ja_JP.UTF-8'}});
		await t.waitFor(m.ui.welcome.next);
		t.keys('Enter');
		await t.waitFor(m.questions.confirmed.label);
		t.keys('Enter');
		await t.waitFor(words.choices.console);
		t.keys('Down');
		await t.waitFor(`❯ ${words.choices.console}`);
		t.keys('Enter');
		await t.waitFor(`❯ ${words.consoleChoices.check}`);
		t.keys('Enter');
		await t.waitFor('まだ AWS にありません');
		const form = {companyName: 'Console KK', useCases: 'Internal tools'};
		await submitUseCaseFormAsConsole(sandbox, form);
		t.keys('Enter');
		await t.waitFor('AWS に届きました');
		t.keys('Enter');
		const done = await t.waitFor(m.ui.done.title, 60_000);
		expect(done).toContain('件の確認に合格');
		t.keys('q');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expectTerminalRestored(t, history);
		expect(await useCaseFormHeld(sandbox)).toEqual(form);
	}, 120_000);
});
