/**
 * The create wizard asked line by line: the SAME flows/create machine as the TUI and the headless path.
 * This file only asks what the machine waits for (region, models, key options, the review) and prints
 * progress with the headless printer; every decision stays in the machine and the runner.
 */
import {API_KEY_AGE_DAYS} from '../core/aws-limits.js';
import type {Messages} from '../core/i18n/en.js';
import {asTarget} from '../core/verify/deny-probes.js';
import {invocationId, type InvocationTarget} from '../core/policy/index.js';
import {typesAtLimit} from '../flows/create/existing-keys.js';
import {clientKinds, type ClientKind} from '../core/clients/index.js';
import type {CreateAnswers, CreateEvent, CreateState} from '../flows/create/machine.js';
import {
	createQuestions,
	isAnswered,
	keyKinds,
	questionsAt,
	useCaseFieldDefault,
	useCaseFieldRequired,
	useCaseFormFields,
	useCaseFormModel,
	type AskedQuestionId,
	type AskingStep,
	type UseCaseFormField,
} from '../flows/create/questions.js';
import type {UseCaseForm} from '../flows/ports.js';
import type {CreateFrontEnd} from '../flows/create/runner.js';
import {existingPaths, filesGitWouldPickUp, modelsToSubscribe, newNamesOf} from '../flows/create/review.js';
import {headlessCreateFrontEnd} from '../headless/create-front-end.js';
import {inquirerPrompts, type Choice, type LinePrompts, type PromptStreams} from './line-prompts.js';

export interface PlainCreateOptions extends PromptStreams {
	readonly yes: boolean;
	/** This folder already holds a .env: the folder offered is a new one named after the user. */
	readonly folderHasEnv?: boolean;
	readonly messages: Messages;
	readonly log: (line: string) => void;
	readonly prompts?: LinePrompts;
}

/** The person said no where no means the run cannot go on: it ends as cancelled (exit 130), as Ctrl+C. */
const CANCEL = Symbol('cancel');
/** An answer that is not answers but another event for the machine (check AWS again, choose other models). */
const EVENT = Symbol('event');
type Asked = Partial<CreateAnswers> | typeof CANCEL | {readonly [EVENT]: CreateEvent};

interface Asking {
	readonly state: CreateState;
	/** The answers so far, with those given earlier in this step. */
	readonly answers: Partial<CreateAnswers>;
	readonly prompts: LinePrompts;
	readonly options: PlainCreateOptions;
}

/**
 * How --plain asks each question of the table (flows/create/questions.ts), on one line each, with the
 * table's default, choices and check: a question without its way to be asked here is a type error.
 */
const askers: {readonly [K in AskedQuestionId]: (asking: Asking) => Promise<Asked>} = {
	region: async ({prompts, options}) => {
		const words = options.messages.questions.region;
		const parse = createQuestions.region.parse!;
		return {region: await prompts.text(words.prompt, {validate: (value) => (parse(value) !== undefined ? true : words.invalid)})};
	},
	modelIds: async ({state, answers, prompts, options}) => {
		const words = options.messages.questions.modelIds;
		return {modelIds: await prompts.pickMany(words.prompt, modelChoices(state, answers.clients), {required: words.required})};
	},
	keyKinds: async ({prompts, options}) => {
		const words = options.messages.questions.keyKinds;
		const byDefault = createQuestions.keyKinds.default?.({}) ?? [];
		const picked = await prompts.pickMany(
			words.prompt,
			keyKinds.map((kind) => ({name: kind, value: kind, checked: byDefault.includes(kind)})),
			{required: words.required},
		);
		return {keyKinds: keyKinds.filter((kind) => picked.includes(kind))};
	},
	expiresInDays: async ({prompts, options}) => {
		const words = options.messages.questions.expiresInDays;
		const question = createQuestions.expiresInDays;
		const byDefault = question.default?.({});
		const typed = await prompts.text(words.prompt, {
			...(byDefault !== undefined ? {default: question.format!(byDefault)} : {}),
			validate: (value) => (question.parse!(value) !== undefined ? true : words.invalid(API_KEY_AGE_DAYS.min, API_KEY_AGE_DAYS.max)),
		});
		return {expiresInDays: question.parse!(typed)!};
	},
	userName: async ({prompts, options}) => {
		const words = options.messages.questions.userName;
		const question = createQuestions.userName;
		const byDefault = question.default?.({});
		return {
			userName: await prompts.text(words.prompt, {
				...(byDefault !== undefined ? {default: byDefault} : {}),
				validate: (value) => (question.parse!(value) !== undefined ? true : words.invalid),
			}),
		};
	},
	policyType: async ({prompts, options}) => {
		const words = options.messages.questions.policyType;
		const question = createQuestions.policyType;
		const byDefault = question.default?.({});
		const typed = await prompts.text(words.prompt, {
			...(byDefault !== undefined ? {default: byDefault} : {}),
			validate: (value) => (question.parse!(value) !== undefined ? true : words.invalid),
		});
		return {policyType: question.parse!(typed)!};
	},
	outDir: async ({answers, prompts, options}) => {
		const words = options.messages.questions.outDir;
		const question = createQuestions.outDir;
		const byDefault = question.default?.({...(answers.userName ? {userName: answers.userName} : {}), folderHasEnv: options.folderHasEnv === true});
		const typed = await prompts.text(words.prompt, {
			...(byDefault !== undefined ? {default: byDefault} : {}),
			validate: (value) => (question.parse!(value) !== undefined ? true : words.invalid),
		});
		return {outDir: question.parse!(typed)!};
	},
	// Files already there (listed just above by the printer): new names, overwrite, or cancel before anything is made.
	existingFiles: async ({state, prompts, options}) => {
		const files = state.review!.files!;
		const words = options.messages.questions.existingFiles;
		const newNames = newNamesOf(files);
		const choice = await prompts.choose(
			words.prompt(existingPaths(files)),
			[
				{name: words.choices['new-name'](newNames), value: 'new-name'},
				{name: words.choices.overwrite, value: 'overwrite'},
				{name: words.choices.cancel, value: 'cancel'},
			],
			words,
		);
		return choice === 'new-name' || choice === 'overwrite' ? {existingFiles: choice} : CANCEL;
	},
	gitignore: async ({state, answers, prompts, options}) => {
		const paths = filesGitWouldPickUp(state.review!.files!, answers.existingFiles);
		return {gitignore: await prompts.confirm(options.messages.questions.gitignore.prompt(paths), true)};
	},
	useCaseForm: (asking) => askUseCaseForm(asking),
	// No is "not now": nothing is made (a key for a model the account cannot use would not work).
	subscribe: async ({state, prompts, options}) => {
		const needed = modelsToSubscribe(state.review!);
		return (await prompts.confirm(options.messages.questions.subscribe.prompt(needed), true)) ? {subscribe: true} : {subscribe: false};
	},
	replaceKeys: (asking) => askReplaceKeys(asking),
	confirmed: async ({state, prompts, options}) => {
		const review = state.review!;
		// A no cancels the run: there is nothing else to do with a review that was not accepted.
		const accepted = await prompts.confirm(options.messages.questions.confirmed.prompt(review.existingUser ? review.userName : undefined), true);
		return accepted ? {confirmed: true} : CANCEL;
	},
};

export function plainCreateFrontEnd(options: PlainCreateOptions): CreateFrontEnd {
	const prompts = options.prompts ?? inquirerPrompts({...options, words: options.messages.run.prompt});
	// The headless printer already says everything worth saying about progress; only questions differ.
	const printer = headlessCreateFrontEnd({yes: options.yes, messages: options.messages, log: options.log, asksAboutKeys: true});
	return {
		async ask(state): Promise<CreateEvent> {
			if (!isAskingStep(state.step)) throw new Error(`Nothing to ask at step ${state.step}`);
			// The step's questions in the table's order, each one the flags left open; one not asked takes its default.
			let answers: Partial<CreateAnswers> = {};
			if (state.step === 'review' && state.useCaseFormCheck === 'submitted') options.log(`✓ ${options.messages.questions.useCaseForm.submitted}`);
			// "What will use this key?" opens the models step (when --client did not answer it): it shapes the picker.
			if (state.step === 'models' && state.answers.clients === undefined && !isAnswered('modelIds', state.answers))
				answers = {clients: await askClients(prompts, options)};
			// With Claude Code among them: where it reads the key, and which settings file gets the pins.
			if (state.step === 'models' && !isAnswered('modelIds', state.answers) && (answers.clients ?? state.answers.clients ?? []).includes('claude-code'))
				answers = {...answers, ...(await askClaudeCode(state.answers, prompts, options))};
			for (const id of questionsAt(state.step)) {
				const known = {...state.answers, ...answers};
				if (isAnswered(id, known)) continue;
				const question = createQuestions[id];
				if (question.askedWhen && !question.askedWhen(known, state.review)) {
					const byDefault = question.default?.({});
					if (byDefault !== undefined) answers = {...answers, [id]: byDefault};
					continue;
				}
				const answer = await askers[id]({state, answers: known, prompts, options});
				if (answer === CANCEL) return {type: 'CANCEL'};
				if (EVENT in answer) return answer[EVENT];
				answers = {...answers, ...answer};
			}
			return {type: 'ANSWER', answers};
		},
		onState: (state) => printer.onState?.(state),
	};
}

const isAskingStep = (step: CreateState['step']): step is AskingStep => step === 'region' || step === 'models' || step === 'key' || step === 'review';

/**
 * The keys the user already holds (listed just above by the printer): delete them once the new key works?
 * No is the default, as for any deletion; at IAM's limit, no means nothing can be made, so the run stops.
 */
async function askReplaceKeys({state, prompts, options}: Asking): Promise<Partial<CreateAnswers> | typeof CANCEL> {
	const review = state.review!;
	const held = review.heldKeys.keys;
	const words = options.messages.questions.replaceKeys;
	const atLimit = typesAtLimit(held, state.answers.keyKinds ?? ['api-key']).length > 0;
	const replace = await prompts.confirm(atLimit ? words.promptAtLimit(review.userName) : words.prompt(review.userName, held.length), false);
	if (!replace && atLimit) {
		options.log(`! ${options.messages.create.heldKeys.declinedAtLimit}`);
		return CANCEL;
	}
	return {replaceKeys: replace};
}

/**
 * Anthropic's use-case form, missing for the account: its fields asked here (sent at the apply, before anything
 * is made), or the console's page named and AWS asked again when the person says it is submitted
 * (CHECK_USE_CASE_FORM: the runner asks, never this file), or back to the models.
 */
async function askUseCaseForm({state, prompts, options}: Asking): Promise<Asked> {
	const words = options.messages.questions.useCaseForm;
	const otherModels = {[EVENT]: {type: 'ANSWER', answers: {modelIds: undefined}}} as const;
	let choice: 'fill' | 'console' | 'check' | 'back' | undefined;
	if (state.useCaseFormCheck === 'still-missing') {
		options.log(`! ${words.stillMissing}`);
		choice = 'console';
	} else choice = await choose(prompts, options, words.prompt(useCaseFormModel(state.review!)), ['fill', 'console', 'back'], words.choices);
	if (choice === 'console') {
		if (state.useCaseFormCheck !== 'still-missing') for (const line of words.console) options.log(`  ${line}`);
		choice = await choose(prompts, options, words.consolePrompt, ['check', 'fill', 'back'], words.consoleChoices);
		if (choice === 'check') {
			options.log(`… ${words.checking}`);
			return {[EVENT]: {type: 'CHECK_USE_CASE_FORM'}};
		}
	}
	if (choice === 'back') return otherModels;
	options.log(`  ${words.fillIntro}`);
	const form: Partial<Record<UseCaseFormField, string>> = {};
	for (const field of useCaseFormFields) {
		const {label, hint} = words.fields[field];
		const byDefault = useCaseFieldDefault[field];
		form[field] = (
			await prompts.text(hint ? `${label} (${hint})` : label, {
				...(byDefault !== undefined ? {default: byDefault} : {}),
				validate: (value) => (useCaseFieldRequired(field) && value.trim() === '' ? words.required : true),
			})
		).trim();
	}
	options.log(`✓ ${words.filled(form.companyName ?? '')}`);
	return {useCaseForm: form as UseCaseForm};
}

/** One numbered choice among `choices`, each named in the person's language; undefined when none was picked. */
async function choose<T extends string>(
	prompts: LinePrompts,
	options: PlainCreateOptions,
	prompt: string,
	choices: readonly T[],
	names: Readonly<Record<T, string>>,
): Promise<T | undefined> {
	const picked = await prompts.choose(
		prompt,
		choices.map((choice) => ({name: names[choice], value: choice})),
		options.messages.questions.existingFiles,
	);
	return choices.find((choice) => choice === picked);
}

/** The clients the key is for (core/clients/): none picked means bedrock-runtime's own APIs only. */
async function askClients(prompts: LinePrompts, options: PlainCreateOptions): Promise<ClientKind[]> {
	const words = options.messages.questions.clients;
	const picked = await prompts.pickMany(
		words.prompt,
		clientKinds.map((kind) => ({name: words.choices[kind], value: kind, checked: false})),
	);
	return clientKinds.filter((kind) => picked.includes(kind));
}

/** Claude Code's two questions, each unless its flag answered it; the table's default is choice 1. */
async function askClaudeCode(given: Partial<CreateAnswers>, prompts: LinePrompts, options: PlainCreateOptions): Promise<Partial<CreateAnswers>> {
	const words = options.messages.questions;
	const answers: {-readonly [K in 'claudeKeyFrom' | 'claudeSettings']?: CreateAnswers[K]} = {};
	if (given.claudeKeyFrom === undefined)
		answers.claudeKeyFrom = await choose(
			prompts,
			options,
			`${words.claudeKeyFrom.prompt}\n  ${words.claudeKeyFrom.note}`,
			createQuestions.claudeKeyFrom.choices ?? [],
			words.claudeKeyFrom.choices,
		);
	if (given.claudeSettings === undefined)
		answers.claudeSettings = await choose(
			prompts,
			options,
			words.claudeSettings.prompt,
			createQuestions.claudeSettings.choices ?? [],
			words.claudeSettings.choices,
		);
	return answers;
}

/**
 * ACTIVE chat and embedding models the Region serves, by the id a client calls; the starter pair pre-picked,
 * or for Claude Code one model per slot family (Opus, Sonnet, Haiku: core/clients/claude-code.ts).
 */
export function modelChoices(state: CreateState, clients: readonly ClientKind[] = []): Choice[] {
	const catalog = state.catalog!.catalog;
	const region = state.answers.region!;
	const starterIds = createQuestions.modelIds.default?.({catalog, region, clients}) ?? [];
	const starters = new Set(starterIds);
	// The starter pair first, in the order the headless default lists it, so the same picks give the same report.
	const rank = (id: string): number => (starters.has(id) ? starterIds.indexOf(id) : starterIds.length);
	return catalog.models
		.filter((model) => model.lifecycle === 'ACTIVE' && (model.kind === 'chat' || model.kind === 'embedding'))
		.map((model) => asTarget(model, {catalog, region, ...(state.identity ? {accountId: state.identity.accountId} : {})}))
		.filter((target): target is InvocationTarget => target !== undefined)
		.map((target) => ({id: invocationId(target), target}))
		.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id))
		.map(({id, target}) => ({name: `${target.model?.name ?? id} (${id})`, value: id, checked: starters.has(id)}));
}
