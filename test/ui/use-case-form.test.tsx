/**
 * The TUI asks about Anthropic's one-time use-case form after the review's enter when the account has not
 * submitted it (issue 15): its fields on screen (submitted by the run with the operator's credentials before
 * anything is made), or the console's page and "Check again" (the runner asks AWS, not the screen), or back to
 * the models. Real runner, real AWS adapters, a sandbox started with the form missing (no SDK mocks).
 */
import {GetUseCaseForModelAccessCommand} from '@aws-sdk/client-bedrock';
import {GetUserCommand} from '@aws-sdk/client-iam';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bedrockClient, iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';
import {exampleUseCaseForm, submitUseCaseFormAsConsole, useCaseFormHeld} from '../helpers/use-case-form.js';
import {keys, startWizard, type Wizard} from './harness.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
// A sandbox per test: each starts with the account's form missing.
beforeEach(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 50, useCaseForm: 'missing'});
});
afterEach(async () => {
	wizard?.close();
	wizard = undefined;
	await sandbox.close();
});

const answered = (userName: string) => ({
	region: 'us-west-2',
	modelIds: [HAIKU_PROFILE],
	keyKinds: ['api-key' as const],
	expiresInDays: 7,
	userName,
	policyType: 'auto' as const,
	// The Marketplace question has its own tests: answered here, so the form's question is the only one.
	subscribe: true,
});

const noUser = async (userName: string): Promise<void> =>
	expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: userName})))).name).toBe('NoSuchEntityException');
const noForm = async (): Promise<void> =>
	expect((await rejection(bedrockClient(sandbox).send(new GetUseCaseForModelAccessCommand({})))).name).toBe('ResourceNotFoundException');

describe("the TUI: Anthropic's use-case form, not yet submitted for the account", () => {
	it('en: filled in on screen (an empty required field refused), submitted before the user is made, then a proven key', async () => {
		const words = messagesFor('en').questions.useCaseForm;
		wizard = startWizard({sandbox, answers: answered('tui-form')});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review: what will be made for tui-form');
		await w.press(keys.enter);
		const question = await w.waitFor(words.choices.console);
		expect(question).toContain(`❯ ${words.choices.fill.slice(0, 40)}`);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.companyName.label}:`);
		// Typed text: the footer names ctrl+c, not q (a letter here), and ? is a character, not the explain panel.
		const ui = messagesFor('en').ui;
		const field = await w.waitFor(ui.keys.ctrlC);
		expect(field).toContain(`${words.fields.companyName.label}:`);
		expect(field).not.toContain(ui.keys.quit);
		await w.type('?');
		const typed = await w.waitFor(`${words.fields.companyName.label}: ?`);
		expect(typed).not.toContain(ui.explain.review[0]!.slice(0, 40));
		await w.press(keys.backspace);
		await w.type(exampleUseCaseForm.companyName);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.companyWebsite.label}:`);
		await w.type(exampleUseCaseForm.companyWebsite);
		await w.press(keys.enter);
		// AWS's example value is there already: enter keeps it.
		expect(await w.waitFor(`${words.fields.intendedUsers.label}: 0`)).toContain(`Company name: ${exampleUseCaseForm.companyName}`);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.industryOption.label}:`);
		await w.type(exampleUseCaseForm.industryOption);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.otherIndustryOption.label}:`);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.useCases.label}:`);
		await w.press(keys.enter);
		await w.waitFor(words.required);
		await w.type(exampleUseCaseForm.useCases);
		await w.press(keys.enter);
		const done = await w.waitFor('Done: the key works exactly as chosen', 30_000);
		expect(done).toContain("✓ Submit Anthropic's use-case form for the account");
		await w.press('q');
		const {state} = await w.result;
		expect(state.report?.pass).toBe(true);
		expect(await useCaseFormHeld(sandbox)).toEqual(exampleUseCaseForm);
	});

	it('ja: submitted in the console: "check again" while missing says so; once there, the review says AWS has it and the run goes on', async () => {
		const words = messagesFor('ja').questions.useCaseForm;
		wizard = startWizard({sandbox, lang: 'ja', answers: answered('tui-form-ja')});
		const w = wizard;
		await w.waitFor('AWS にサインインしています');
		await w.press(keys.enter);
		await w.waitFor('確認: us-west-2 で tui-form-ja に作るもの');
		await w.press(keys.enter);
		await w.waitFor(words.choices.console);
		await w.press(keys.down);
		await w.waitFor(`❯ ${words.choices.console}`);
		await w.press(keys.enter);
		const page = await w.waitFor(words.consoleChoices.check);
		expect(page.replace(/\s+/g, '')).toContain('モデルカタログ');
		expect(page).toContain(`❯ ${words.consoleChoices.check}`);
		await w.press(keys.enter);
		// The runner asked AWS: still nothing, said so, and the choice is offered again.
		await w.waitFor('まだ AWS にありません');
		await noForm();
		await submitUseCaseFormAsConsole(sandbox, {companyName: 'Console KK', useCases: 'Internal tools'});
		await w.waitFor(`❯ ${words.consoleChoices.check}`);
		await w.press(keys.enter);
		await w.waitFor('AWS に届きました');
		await w.press(keys.enter);
		await w.waitFor('完了', 30_000);
		await w.press('q');
		const {state} = await w.result;
		expect(state.report?.pass).toBe(true);
		// The console's answers stay the account's: the run did not submit its own.
		expect(state.applyLog.some((event) => event.type === 'step' && event.step === 'submit-use-case-form')).toBe(false);
		expect(await useCaseFormHeld(sandbox)).toEqual({companyName: 'Console KK', useCases: 'Internal tools'});
	});

	it('en: back goes to the models, and quitting there makes nothing', async () => {
		const m = messagesFor('en');
		wizard = startWizard({sandbox, answers: answered('tui-form-back')});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review: what will be made for tui-form-back');
		await w.press(keys.enter);
		await w.waitFor(m.questions.useCaseForm.choices.console);
		await w.press(keys.down, keys.down);
		await w.waitFor(`❯ ${m.questions.useCaseForm.choices.back}`);
		await w.press(keys.enter);
		await w.waitFor(m.questions.modelIds.label('us-west-2'));
		// The list takes letters as its filter: Ctrl+C quits.
		await w.press(keys.ctrlC);
		const {state} = await w.result;
		expect(state.status).toBe('cancelled');
		await noUser('tui-form-back');
		await noForm();
	});

	it('en: quitting at the question makes nothing and submits nothing', async () => {
		const words = messagesFor('en').questions.useCaseForm;
		wizard = startWizard({sandbox, answers: answered('tui-form-quit')});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review: what will be made for tui-form-quit');
		await w.press(keys.enter);
		await w.waitFor(words.choices.console);
		await w.press(keys.enter);
		await w.waitFor(`${words.fields.companyName.label}:`);
		await w.type('Half');
		await w.press(keys.ctrlC);
		const {state} = await w.result;
		expect(state.status).toBe('cancelled');
		await noUser('tui-form-quit');
		await noForm();
	});
});
