/**
 * The create wizard asked line by line: the SAME flows/create machine as the TUI and the headless path.
 * This file only asks what the machine waits for (region, models, key options, the review) and prints
 * progress with the headless printer; every decision stays in the machine and the runner.
 */
import type {Messages} from '../core/i18n/en.js';
import {starterModels} from '../core/catalog/presets.js';
import {asTarget} from '../core/verify/deny-probes.js';
import {invocationId, type InvocationTarget} from '../core/policy/index.js';
import type {KeyKind} from '../flows/create/apply.js';
import {typesAtLimit} from '../flows/create/existing-keys.js';
import type {CreateAnswers, CreateEvent, CreateState} from '../flows/create/machine.js';
import type {CreateFrontEnd} from '../flows/create/runner.js';
import {headlessCreateFrontEnd} from '../headless/create-front-end.js';
import {inquirerPrompts, type Choice, type LinePrompts, type PromptStreams} from './line-prompts.js';

export interface PlainCreateOptions extends PromptStreams {
	readonly yes: boolean;
	readonly messages: Messages;
	readonly log: (line: string) => void;
	/** What the headless path would take: offered as each question's default. */
	readonly defaults: {readonly userName: string; readonly expiresInDays: number};
	readonly prompts?: LinePrompts;
}

const keyKinds: readonly KeyKind[] = ['api-key', 'short-term', 'access-key'];
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

export function plainCreateFrontEnd(options: PlainCreateOptions): CreateFrontEnd {
	const prompts = options.prompts ?? inquirerPrompts(options);
	// The headless printer already says everything worth saying about progress; only questions differ.
	const printer = headlessCreateFrontEnd({yes: options.yes, messages: options.messages, log: options.log, asksAboutKeys: true});
	return {
		async ask(state): Promise<CreateEvent> {
			switch (state.step) {
				case 'region':
					return {
						type: 'ANSWER',
						answers: {
							region: await prompts.text('AWS Region', {
								validate: (value) => (/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value) ? true : 'A Region looks like us-west-2.'),
							}),
						},
					};
				case 'models':
					return {
						type: 'ANSWER',
						answers: {
							modelIds: await prompts.pickMany('Models the key may call (space to pick, enter to accept)', modelChoices(state), {
								required: 'Pick at least one model.',
							}),
						},
					};
				case 'key':
					return {type: 'ANSWER', answers: await askKey(state.answers, prompts, options)};
				case 'review': {
					const replaceKeys = await askReplaceKeys(state, prompts, options);
					if (replaceKeys === 'cancel') return {type: 'CANCEL'};
					if (
						await prompts.confirm(
							`Apply this to your AWS account${state.review?.existingUser ? ` (IAM user ${state.review.userName} already exists and will be updated)` : ''}?`,
							true,
						)
					) {
						return {type: 'ANSWER', answers: {confirmed: true, ...(replaceKeys !== undefined ? {replaceKeys} : {})}};
					}
					return {type: 'CANCEL'};
				}
				default:
					throw new Error(`Nothing to ask at step ${state.step}`);
			}
		},
		onState: (state) => printer.onState?.(state),
	};
}

/**
 * The keys the user already holds (listed just above by the printer): delete them once the new key works?
 * No is the default, as for any deletion; at IAM's limit, no means nothing can be made, so the run stops.
 */
async function askReplaceKeys(state: CreateState, prompts: LinePrompts, options: PlainCreateOptions): Promise<boolean | 'cancel' | undefined> {
	const review = state.review!;
	const held = review.heldKeys.keys;
	if (held.length === 0 || state.answers.replaceKeys !== undefined) return state.answers.replaceKeys;
	const t = options.messages.create.heldKeys;
	const atLimit = typesAtLimit(held, state.answers.keyKinds ?? ['api-key']).length > 0;
	const replace = await prompts.confirm(atLimit ? t.askAtLimit(review.userName) : t.ask(review.userName, held.length), false);
	if (!replace && atLimit) {
		options.log(`! ${t.declinedAtLimit}`);
		return 'cancel';
	}
	return replace;
}

/** ACTIVE chat and embedding models the Region serves, by the id a client calls; the starter pair pre-picked. */
export function modelChoices(state: CreateState): Choice[] {
	const catalog = state.catalog!.catalog;
	const region = state.answers.region!;
	const starterIds = starterModels(catalog, region);
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

async function askKey(answers: CreateAnswers, prompts: LinePrompts, options: PlainCreateOptions): Promise<Partial<CreateAnswers>> {
	const kinds = answers.keyKinds?.length
		? answers.keyKinds
		: ((await prompts.pickMany(
				'Kinds of key',
				keyKinds.map((kind) => ({name: kind, value: kind, checked: kind === 'api-key'})),
				{required: 'Pick at least one kind of key.'},
			)) as KeyKind[]);
	let expiresInDays = answers.expiresInDays;
	if (expiresInDays === undefined) {
		if (kinds.includes('api-key')) {
			const days = await prompts.text('Days until the API key expires (or "never")', {
				default: String(options.defaults.expiresInDays),
				validate: (value) =>
					value === 'never' || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 36600)
						? true
						: 'A whole number of days from 1 to 36600, or "never".',
			});
			expiresInDays = days === 'never' ? null : Number(days);
		} else expiresInDays = options.defaults.expiresInDays;
	}
	const userName =
		answers.userName ??
		(await prompts.text('IAM user name for the key', {
			default: options.defaults.userName,
			validate: (value) => (USER_NAME.test(value) ? true : 'Up to 64 letters, digits and + = , . @ _ - characters.'),
		}));
	return {keyKinds: kinds, expiresInDays, userName};
}
