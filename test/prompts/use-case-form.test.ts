/**
 * --plain asks about Anthropic's one-time use-case form at the review when the account has not submitted it
 * (issue 15) and no --use-case-form FILE was given, on a sandbox started with `useCaseForm: 'missing'`: fill
 * it in here (the run submits it with the operator's credentials before anything is made), or submit it in
 * the console and check again (AWS asked again through the flow), or go back to the models. Cancelling there
 * makes nothing. What AWS holds is read back with the SDK; no secret shows in what the run said or wrote.
 */
import {readdirSync, readFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetUseCaseForModelAccessCommand} from '@aws-sdk/client-bedrock';
import {GetUserCommand} from '@aws-sdk/client-iam';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {onSandbox} from '../helpers/cli.js';
import {exampleUseCaseForm, submitUseCaseFormAsConsole, useCaseFormHeld} from '../helpers/use-case-form.js';
import {adminEnv, bedrockClient, iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';
import {findSecretLeaks} from '../helpers/secret-scan.js';
import {keys, runInTerminal} from './fake-terminal.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const CTRL_C = '\u0003';
const asked = (words: string): RegExp => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
/** A long line wraps at the terminal's width: its first words, which do not. */
const begins = (words: string): RegExp => asked(words.slice(0, 20));
/** The question, by its first choice (its opening words are also the review's line about the form). */
const theQuestion = (words: {readonly choices: {readonly fill: string}}): RegExp => asked(`1) ${words.choices.fill.slice(0, 16)}`);
const locales = {en: 'en_US.UTF-8', ja: 'ja_JP.UTF-8'} as const;

// A sandbox per test: each starts with the account's form missing.
let sandbox: RunningSandbox;
beforeEach(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 100, useCaseForm: 'missing'});
});
afterEach(async () => sandbox.close());

const start = (lang: 'en' | 'ja', userName: string, dir: string) =>
	runInTerminal(
		[
			'create',
			...onSandbox(sandbox, dir),
			'--models',
			HAIKU_PROFILE,
			'--key',
			'api-key',
			'--expires-in-days',
			'1',
			'--policy-type',
			'auto',
			'--user-name',
			userName,
			'--subscribe',
			'--verify-timeout',
			'30',
			'--plain',
		],
		{...adminEnv(sandbox), LANG: locales[lang]},
	);

/** The key's secret and the admin's, searched for in what the run said and wrote (all but the .env). */
function leaks(dir: string, run: {stdout: string; stderr: string}): readonly string[] {
	const token = readFileSync(join(dir, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
	const texts: Record<string, string> = {stdout: run.stdout, stderr: run.stderr};
	for (const name of readdirSync(dir).filter((name) => name !== '.env')) texts[name] = readFileSync(join(dir, name), 'utf8');
	return [...findSecretLeaks(token, texts), ...findSecretLeaks(adminEnv(sandbox)['AWS_SECRET_ACCESS_KEY']!, texts)];
}

describe("--plain: Anthropic's use-case form, not yet submitted for the account", () => {
	it('en: filled in here, submitted with the operator credentials before anything is made, then a proven key (exit 0)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-form-'));
		const words = messagesFor('en').questions.useCaseForm;
		const terminal = start('en', 'plain-form-en', dir);
		// 1: fill in the form here.
		await terminal.answer(theQuestion(words), keys.enter);
		const form = exampleUseCaseForm;
		await terminal.answer(asked(words.fields.companyName.label), keys.type(form.companyName));
		await terminal.answer(asked(words.fields.companyWebsite.label), keys.type(form.companyWebsite));
		// intendedUsers starts with AWS's example value: enter keeps it.
		await terminal.answer(asked(words.fields.intendedUsers.label), keys.enter);
		await terminal.answer(asked(words.fields.industryOption.label), keys.type(form.industryOption));
		await terminal.answer(asked(words.fields.otherIndustryOption.label), keys.enter);
		// An empty answer where one is needed is refused, then the real one taken.
		await terminal.answer(asked(words.fields.useCases.label), keys.enter);
		await terminal.answer(begins(words.required), keys.type(form.useCases));
		await terminal.answer(begins(messagesFor('en').questions.confirmed.prompt(undefined)), keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		// Submitted before the user was made.
		const submitted = run.stderr.indexOf("✓ Submit Anthropic's use-case form for the account");
		expect(submitted, run.stderr).toBeGreaterThan(-1);
		expect(run.stderr.indexOf('✓ Create IAM user plain-form-en')).toBeGreaterThan(submitted);
		expect(await useCaseFormHeld(sandbox)).toEqual(form);
		const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport;
		expect(report.pass).toBe(true);
		expect(leaks(dir, run)).toEqual([]);
	}, 60_000);

	it('ja: submitted in the console: checking again while it is still missing says so; once there, the run goes on (exit 0)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-form-console-'));
		const words = messagesFor('ja').questions.useCaseForm;
		const terminal = start('ja', 'plain-form-ja', dir);
		// 2: submit it in the console; the page is named, then "check again" (1).
		await terminal.answer(theQuestion(words), keys.type('2'));
		await terminal.answer(begins(words.console[0]!), '');
		await terminal.answer(asked(words.consolePrompt), keys.enter);
		// AWS has nothing yet: said so, and asked again.
		await terminal.answer(begins(words.stillMissing), '');
		// The person submits it in the console meanwhile (here: the same call the console makes, with the SDK).
		const form = {
			companyName: 'Console KK',
			companyWebsite: 'https://example.jp',
			intendedUsers: '0',
			industryOption: 'Technology',
			otherIndustryOption: '',
			useCases: 'Internal tools.',
		};
		await submitUseCaseFormAsConsole(sandbox, form);
		await terminal.answer(asked(words.consolePrompt), keys.enter);
		await terminal.answer(begins(words.submitted), '');
		await terminal.answer(begins(messagesFor('ja').questions.confirmed.prompt(undefined)), keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		// The wizard did not submit it again: the console's answers are the account's.
		expect(run.stderr).not.toContain(messagesFor('ja').create.step['submit-use-case-form']().split(' (')[0]);
		expect(await useCaseFormHeld(sandbox)).toEqual(form);
		const report = JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport;
		expect(report.pass).toBe(true);
		expect(leaks(dir, run)).toEqual([]);
	}, 60_000);

	for (const lang of ['en', 'ja'] as const) {
		it(`${lang}: back goes to the models; Ctrl+C there ends the run with nothing made (exit 130)`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-form-back-'));
			const m = messagesFor(lang);
			const terminal = start(lang, `plain-form-back-${lang}`, dir);
			await terminal.answer(theQuestion(m.questions.useCaseForm), keys.type('3'));
			// The models step opens with "What will use this key?" (no --client given): none, then the models.
			await terminal.answer(asked(m.questions.clients.prompt), keys.enter);
			await terminal.answer(asked(m.questions.modelIds.prompt), CTRL_C);
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(130);
			expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: `plain-form-back-${lang}`})))).name).toBe('NoSuchEntityException');
			expect((await rejection(bedrockClient(sandbox).send(new GetUseCaseForModelAccessCommand({})))).name).toBe('ResourceNotFoundException');
		}, 60_000);
	}

	it('en: Ctrl+C at the form fields makes nothing and submits nothing (exit 130)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-form-cancel-'));
		const words = messagesFor('en').questions.useCaseForm;
		const terminal = start('en', 'plain-form-cancel', dir);
		await terminal.answer(theQuestion(words), keys.enter);
		await terminal.answer(asked(words.fields.companyName.label), keys.type('Half KK'));
		await terminal.answer(asked(words.fields.companyWebsite.label), CTRL_C);
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(130);
		expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: 'plain-form-cancel'})))).name).toBe('NoSuchEntityException');
		expect((await rejection(bedrockClient(sandbox).send(new GetUseCaseForModelAccessCommand({})))).name).toBe('ResourceNotFoundException');
		expect(readdirSync(dir)).toEqual([]);
	}, 60_000);
});
