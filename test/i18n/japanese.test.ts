/**
 * One voice per language: create, check and workshop walked in Japanese in every front end against a
 * sandbox (the full-screen TUI on a pretend terminal, --plain through the fake terminal, headless through
 * the real CLI), with everything they showed checked for English sentences (test/helpers/english.ts):
 * three English words in a row outside quotes, identifiers, code and names. AWS's own messages are
 * shown quoted, so they may stay English. Japanese is chosen by the locale (LANG=ja_JP.UTF-8) or by
 * --lang ja. Failures are walked too: a usage error, AWS refusing, a check that fails.
 */
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import {usageSnippets} from '../../source/core/usage-snippets.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {englishSentences, type EnglishFinding} from '../helpers/english.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {runFullScreen, ttyKeys} from '../helpers/tty.js';
import {keys, runInTerminal} from '../prompts/fake-terminal.js';

const REGION = 'us-west-2';
const NOVA = 'amazon.nova-lite-v1:0';
const JA = {LANG: 'ja_JP.UTF-8'};
const ja = messagesFor('ja');

let sandbox: RunningSandbox;
/** A key made in the sandbox (headless, --lang ja) for the check walks, and the folder of its report. */
let key = '';
let keyDir = '';
let keyMade: CliRun;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	keyDir = mkdtempSync(join(tmpdir(), 'bkw-ja-key-'));
	keyMade = await runCliCaptured([...at(), '--models', NOVA, '--user-name', 'ja-walk-key', '--out-dir', keyDir, '--lang', 'ja'], {
		env: {...env(), LANG: 'en_US.UTF-8'},
	});
	expect(keyMade.code, keyMade.stderr).toBe(0);
	key = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(keyDir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => sandbox.close());

const at = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', REGION];
const env = (): Record<string, string> => ({...adminEnv(sandbox), ...JA});

/** The names of models and providers: English in Japanese text too. */
const NAMES = [...new Set(bundledCatalog().models.flatMap((model) => [model.name, model.provider]))];

/** The usage snippets create showed for the key in `dir` (code, not words). */
function snippetsOf(dir: string): string[] {
	const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport;
	const allowed = report.probes.filter((probe) => probe.expected === 'allow');
	const chat = allowed.find((probe) => probe.operation === 'Converse') ?? allowed[0]!;
	const claude = allowed.find((probe) => probe.model.includes('anthropic'));
	return usageSnippets({
		envFile: join(dir, '.env'),
		region: report.region,
		modelId: chat.model,
		hasApiKey: true,
		...(claude ? {claudeModelId: claude.model} : {}),
	}).map((snippet) => snippet.text);
}

function expectNoEnglish(what: string, shown: string, code: readonly string[] = []): void {
	const found: EnglishFinding[] = englishSentences(shown, {ignoreText: code, names: NAMES});
	expect(
		found.map((finding) => `${finding.words}    ← ${finding.line}`),
		`${what} showed English:\n${found.map((finding) => `  ${finding.line}`).join('\n')}`,
	).toEqual([]);
}

const shownBy = (run: CliRun): string => `${run.stdout}\n${run.stderr}`;

describe('headless, in Japanese', () => {
	it('create with --lang ja in an English locale (the key the check walks use)', () => {
		expectNoEnglish('create --lang ja', shownBy(keyMade), snippetsOf(keyDir));
	});

	it('create on the built-in sandbox with every default: banner, review, apply, verification, files and usage', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-'));
		const run = await runCliCaptured(['create', '--sandbox', '--no-input', '--out-dir', dir], {env: {...JA, BKW_SANDBOX_PROPAGATION_MS: '0'}});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('サンドボックス');
		expectNoEnglish('create --sandbox', shownBy(run), snippetsOf(dir));
	});

	it('create refused: missing flags, a bad flag, an existing user without --yes, AWS refusing a call', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-'));
		const runs = [
			await runCliCaptured(['create', '--no-input'], {env: JA}),
			await runCliCaptured(['create', ...at(), '--models', NOVA, '--expires-in-days', '0'], {env: env()}),
			await runCliCaptured(['create', ...at(), '--models', NOVA, '--user-name', 'ja-walk-key', '--out-dir', dir], {env: env()}),
			await runCliCaptured(['create', ...at(), '--models', NOVA, '--out-dir', dir], {
				env: {...JA, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'},
			}),
		];
		for (const run of runs) expect(run.code).not.toBe(0);
		for (const run of runs) expectNoEnglish('a refused create', shownBy(run));
	});

	it('check: the key against its report with admin credentials, then discovery, then a key on the command line', async () => {
		const withReport = await runCliCaptured(['check', ...at(), '--report', join(keyDir, 'bedrock-key-report.json'), '--admin'], {
			env: {...env(), AWS_BEARER_TOKEN_BEDROCK: key},
		});
		expect(withReport.code, withReport.stderr).toBe(0);
		expectNoEnglish('check --report --admin', shownBy(withReport));
		const discovery = await runCliCaptured(['check', ...at()], {env: {...JA, AWS_BEARER_TOKEN_BEDROCK: key}});
		expectNoEnglish('check (discovery)', shownBy(discovery));
		const failing = await runCliCaptured(['check', ...at(), '--expect-allowed', 'amazon.titan-embed-text-v2:0', '--verify-timeout', '0'], {
			env: {...JA, AWS_BEARER_TOKEN_BEDROCK: key},
		});
		expect(failing.code).toBe(1);
		expectNoEnglish('a failing check', shownBy(failing));
		const onArgv = await runCliCaptured(['check', ...at(), '--api-key', 'ABSKxyz'], {env: JA});
		expect(onArgv.code).toBe(2);
		expectNoEnglish('check --api-key', shownBy(onArgv));
	});

	it('workshop: create, status with verification, teardown (dry run, then for real), and a missing flag', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-workshop-'));
		const until = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const workshop = (args: string[]) => runCliCaptured(['workshop', ...args, '--name', 'ja-walk', ...at()], {env: env(), cwd: dir});
		const runs = [
			await workshop(['create', '--seats', '2', '--models', NOVA, '--until', until]),
			await workshop(['status', '--verify']),
			await workshop(['teardown']),
			await workshop(['teardown', '--yes']),
		];
		for (const run of runs) expect(run.code, run.stderr).toBe(0);
		for (const run of runs) expectNoEnglish('workshop', shownBy(run));
		const handout = readFileSync(join(dir, 'bkw-ja-walk', 'bkw-ja-walk-001.md'), 'utf8');
		expectNoEnglish('a handout', handout, [handout.slice(handout.indexOf('```'))]);
		const noName = await runCliCaptured(['workshop', 'create', '--seats', '2', ...at()], {env: env()});
		expect(noName.code).toBe(2);
		expectNoEnglish('workshop create without --name', shownBy(noName));
	});

	it('workshop with a customer managed policy: made, judged by status, and deleted by teardown after the seats', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-workshop-managed-'));
		const workshop = (args: string[]) => runCliCaptured(['workshop', ...args, '--name', 'ja-managed', ...at()], {env: env(), cwd: dir});
		const runs = [
			await workshop(['create', '--seats', '2', '--models', NOVA, '--expires-in-days', '1', '--policy-type', 'managed']),
			await workshop(['status']),
			await workshop(['teardown']),
			await workshop(['teardown', '--yes']),
		];
		for (const run of runs) expect(run.code, run.stderr).toBe(0);
		expect(runs[0]!.stderr).toContain('カスタマー管理ポリシー bedrock-key-wizard-workshop-ja-managed を作成しました');
		expect(runs[3]!.stdout).toContain('カスタマー管理ポリシー bedrock-key-wizard-workshop-ja-managed をバージョンごと削除しました');
		for (const run of runs) expectNoEnglish('workshop with a managed policy', shownBy(run));
	});
});

describe('the other commands, in Japanese', () => {
	it('policy, cleanup, the sandbox and the command line itself: their output and their refusals', async () => {
		const made = await runCliCaptured([...at(), '--models', NOVA, '--user-name', 'ja-walk-cleanup', '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-ja-'))], {
			env: env(),
		});
		expect(made.code, made.stderr).toBe(0);
		const policy = ['policy', '--region', REGION, '--models', `${NOVA},us.anthropic.claude-haiku-4-5-20251001-v1:0`, '--account', '123456789012'];
		const runs = [
			await runCliCaptured([...policy, '--format', 'text', '--expires', '2026-12-31T00:00:00Z'], {env: JA}),
			await runCliCaptured(['policy', '--region', REGION, '--models', 'amazon.nova-lite'], {env: JA}),
			await runCliCaptured(['cleanup', ...at()], {env: env()}),
			await runCliCaptured(['cleanup', ...at(), '--user-name', 'ja-walk-cleanup', '--yes'], {env: env()}),
			await runCliCaptured(['cleanup', ...at(), '--older-than', 'soon'], {env: env()}),
			await runCliCaptured(['sandbox', '--port', 'any'], {env: JA}),
			await runCliCaptured(['chek'], {env: JA}),
			await runCliCaptured(['create', '--bogus'], {env: JA}),
			await runCliCaptured(['create', '--bogus', '--json'], {env: JA}),
		];
		expect(runs.map((run) => run.code)).toEqual([0, 2, 0, 0, 2, 2, 2, 2, 2]);
		for (const run of runs) expectNoEnglish('another command', shownBy(run));
	});
});

describe('--plain, in Japanese', () => {
	it('create: every question, then apply, verification and files', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-plain-'));
		// A fresh sandbox account is not subscribed to the starter pair's Claude model: --plain asks.
		const terminal = runInTerminal(['create', '--sandbox', '--out-dir', dir, '--plain'], {...JA, BKW_SANDBOX_PROPAGATION_MS: '0'});
		await terminal.answer(/何で使いますか/, keys.enter);
		await terminal.answer(/モデル/, keys.enter);
		await terminal.answer(/種類/, keys.enter);
		await terminal.answer(/日数/, keys.enter);
		await terminal.answer(/IAMユーザー/, keys.type('ja-walk-plain'));
		await terminal.answer(/ポリシーの種類/, keys.enter);
		await terminal.answer(/サブスクリプションが必要/, keys.type('y'));
		await terminal.answer(/適用しますか/, keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expectNoEnglish('create --plain', shownBy(run), snippetsOf(dir));
		// @inquirer's own words too: the key help of a multiple choice, and a yes shown once given.
		expect(run.stderr).toContain(ja.run.prompt.pickHelp);
		expect(run.stderr).toContain(`適用しますか? ${ja.run.prompt.answer(true)}`);
	});

	it('check: the key asked for (masked), the result', async () => {
		const terminal = runInTerminal(['check', ...at(), '--report', join(keyDir, 'bedrock-key-report.json'), '--plain'], JA);
		await terminal.answer(/API キー/, keys.type(key));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expectNoEnglish('check --plain', shownBy(run));
	});

	it('workshop: create with live progress, and status, in a terminal', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-plain-workshop-'));
		for (const args of [
			['create', '--seats', '3', '--models', NOVA, '--expires-in-days', '1'],
			['status', '--plain'],
			['teardown', '--yes'],
		]) {
			const terminal = runInTerminal(['workshop', ...args, '--name', 'ja-walk-plain', '--out-dir', dir, ...at()], env());
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(0);
			expectNoEnglish(`workshop ${args[0]} in a terminal`, shownBy(run));
		}
	});
});

describe('the full-screen TUI, in Japanese', () => {
	it('every Japanese screen capture (test/ui/__screens__) is Japanese', () => {
		const screens = join(import.meta.dirname, '..', 'ui', '__screens__');
		const captures = readdirSync(screens).filter((name) => name.startsWith('ja-'));
		expect(captures.length).toBeGreaterThan(10);
		for (const name of captures) expectNoEnglish(name, readFileSync(join(screens, name), 'utf8'));
	});

	it('create: every screen from sign-in to done, on the built-in sandbox', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-tui-'));
		const t = runFullScreen(['--sandbox', '--out-dir', dir, '--explain'], {env: {...JA, BKW_SANDBOX_PROPAGATION_MS: '0'}});
		await t.waitFor(ja.ui.welcome.next, 30_000);
		await t.press(ttyKeys.enter);
		await t.waitFor('us-west-2');
		await t.type(REGION);
		await t.press(ttyKeys.enter);
		await t.waitFor(ja.questions.clients.label);
		await t.press(ttyKeys.enter);
		await t.waitFor('★');
		await t.press(ttyKeys.enter);
		await t.waitFor(ja.ui.key.free);
		await t.press(ttyKeys.enter);
		await t.waitFor(ja.questions.confirmed.label);
		await t.press(ttyKeys.pageDown, ttyKeys.pageDown);
		await t.press(ttyKeys.enter);
		await t.waitFor(ja.questions.subscribe.choices.yes);
		await t.press(ttyKeys.enter);
		await t.waitFor(ja.ui.done.title, 40_000);
		await t.press('q');
		const run = await t.done;
		expect(run.code, run.stderr).toBe(0);
		expectNoEnglish('the create TUI', t.shown(), snippetsOf(dir));
	});

	it('check: the key typed on the screen (masked), the live table, the result', async () => {
		const t = runFullScreen(['check', ...at(), '--report', join(keyDir, 'bedrock-key-report.json')], {env: JA});
		await t.waitFor(ja.check.promptKey, 30_000);
		await t.type(key);
		await t.press(ttyKeys.enter);
		const run = await t.done;
		expect(run.code, run.stderr).toBe(0);
		expectNoEnglish('the check TUI', t.shown());
	});

	it('workshop status: the dashboard while every seat is verified', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ja-tui-workshop-'));
		const made = await runCliCaptured(['workshop', 'create', '--name', 'ja-walk-tui', '--seats', '2', '--models', NOVA, '--expires-in-days', '1', ...at()], {
			env: env(),
			cwd: dir,
		});
		expect(made.code, made.stderr).toBe(0);
		const t = runFullScreen(['workshop', 'status', '--name', 'ja-walk-tui', '--verify', ...at()], {env: env(), cwd: dir});
		const run = await t.done;
		expect(run.code, run.stderr).toBe(0);
		expectNoEnglish('the workshop dashboard', t.shown());
		await runCliCaptured(['workshop', 'teardown', '--name', 'ja-walk-tui', '--yes', ...at()], {env: env(), cwd: dir});
	});
});
