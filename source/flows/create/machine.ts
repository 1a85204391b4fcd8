/**
 * The create wizard as a state machine (docs/architecture.md, 'The create flow'). The reducer is pure: given the
 * answers so far and what has been loaded or done, it decides the step. Ink screens, line prompts and
 * the headless path all drive this one machine.
 */
import type {ClientKind} from '../../core/clients/index.js';
import type {ClaudeKeySource, ClaudeSettingsFile} from '../../core/clients/claude-code.js';
import type {PolicyType} from '../../core/policy/index.js';
import type {DestinationForm} from '../../core/policy/compile.js';
import type {Problem} from '../../core/problem.js';
import type {ProbeResult, VerificationReport} from '../../core/verify/report.js';
import type {CallerIdentity, CatalogLoad, UseCaseForm} from '../ports.js';
import type {AppliedKeys, ApplyEvent, KeptOutcome, KeyKind, RollbackOutcome} from './apply.js';
import {isAnswered, questionsAt, type AskingStep} from './questions.js';
import type {ExistingFilesChoice, Review} from './review.js';
import type {SavedFiles} from './save.js';

export const createSteps = ['credentials', 'region', 'models', 'key', 'review', 'apply', 'verify', 'save', 'done'] as const;
export type CreateStep = (typeof createSteps)[number];

export interface CreateAnswers {
	readonly region?: string;
	readonly modelIds?: readonly string[];
	readonly denyProbeIds?: readonly string[];
	readonly keyKinds?: readonly KeyKind[];
	/** Days until the long-term key expires; null = never. */
	readonly expiresInDays?: number | null;
	readonly userName?: string;
	readonly guardrail: boolean;
	readonly streaming: boolean;
	/** What will use the key (core/clients/): shapes the policy, the probes and the client files; none: bedrock-runtime only. */
	readonly clients?: readonly ClientKind[];
	/** The chosen models are allowed on the Mantle endpoint too (Codex brings it anyway). */
	readonly mantle?: boolean;
	/** With Claude Code: where it reads the key (the .env loaded when it starts, the environment, its settings); undefined: the default. */
	readonly claudeKeyFrom?: ClaudeKeySource;
	/** With Claude Code: the project's .claude/settings.local.json, or the user's ~/.claude/settings.json (merged); undefined: the default. */
	readonly claudeSettings?: ClaudeSettingsFile;
	/** Inline, managed, or auto (the default: inline when it fits beside the user's other inline policies). */
	readonly policyType?: PolicyType;
	/** A profile's destination models: one Region wildcard scoped to the profile (default), or each Region's ARN. */
	readonly destinations?: DestinationForm;
	readonly keepManagedPolicies: boolean;
	/** A JSON file with Anthropic's use-case form, submitted if the account has not (read by the command). */
	readonly useCaseFormFile?: string;
	/** Anthropic's use-case form as answered on screen (the TUI, --plain): submitted before anything is made. */
	readonly useCaseForm?: UseCaseForm;
	/** Subscribe the account in AWS Marketplace to the chosen models that need it (the operator's credentials, never the key's). */
	readonly subscribe?: boolean;
	/** Delete the keys an existing user already holds once the new key works (existing-keys.ts); undefined: not asked yet. */
	readonly replaceKeys?: boolean;
	/** Where policy.json, .env and the report go (a question of the key step; headless takes this folder). */
	readonly outDir?: string;
	/** Files already there: written beside them under new names, or overwritten (a .env kept aside); undefined: none, or not asked. */
	readonly existingFiles?: ExistingFilesChoice;
	/** Add the .env to .gitignore when git would pick it up. */
	readonly gitignore?: boolean;
	/** The review was accepted (always required before apply). */
	readonly confirmed?: boolean;
}

export type CreateStatus = 'working' | 'waiting-for-answer' | 'failed' | 'cancelled' | 'done';

export interface CreateState {
	readonly step: CreateStep;
	readonly status: CreateStatus;
	readonly answers: CreateAnswers;
	readonly identity?: CallerIdentity;
	readonly catalog?: CatalogLoad & {readonly region: string};
	readonly review?: Review;
	readonly applyLog: readonly ApplyEvent[];
	readonly applied?: AppliedKeys;
	readonly probes: readonly (ProbeResult | undefined)[];
	readonly verification?: {readonly results: readonly ProbeResult[]; readonly elapsedMs: number};
	readonly waitingSinceMs?: number;
	/** The wait for new Marketplace subscriptions, apart from IAM propagation (no models left: over). */
	readonly subscriptionWait?: {readonly elapsedMs: number; readonly models: readonly string[]};
	/**
	 * The person said they submit Anthropic's use-case form in the console and asked AWS again
	 * (CHECK_USE_CASE_FORM): being asked, still missing, or there now. Undefined: not asked again.
	 */
	readonly useCaseFormCheck?: 'checking' | 'still-missing' | 'submitted';
	readonly saved?: SavedFiles;
	readonly problem?: Problem;
	readonly rollback?: RollbackOutcome;
	/** What the run made and kept instead of rolling back (--keep-on-failure, or kept when quitting). */
	readonly kept?: KeptOutcome;
	readonly report?: VerificationReport;
	readonly notices: readonly string[];
}

export type CreateEvent =
	| {readonly type: 'ANSWER'; readonly answers: Partial<CreateAnswers>}
	| {readonly type: 'BACK'}
	| {readonly type: 'RETRY'}
	| {readonly type: 'CANCEL'}
	/** At the review: ask AWS again whether Anthropic's use-case form is there (submitted in the console meanwhile). */
	| {readonly type: 'CHECK_USE_CASE_FORM'}
	| {readonly type: 'LOADED'; readonly identity?: CallerIdentity; readonly catalog?: CatalogLoad & {readonly region: string}; readonly review?: Review}
	| {readonly type: 'APPLY_PROGRESS'; readonly event: ApplyEvent}
	/** AWS Marketplace has not made every model available yet: how long so far, and which are still waited for. */
	| {readonly type: 'SUBSCRIPTION_WAIT'; readonly elapsedMs: number; readonly models: readonly string[]}
	| {readonly type: 'APPLIED'; readonly applied: AppliedKeys}
	| {readonly type: 'PROBE_RESULT'; readonly index: number; readonly result: ProbeResult; readonly total: number}
	| {readonly type: 'PROPAGATING'; readonly elapsedMs: number}
	| {readonly type: 'VERIFIED'; readonly results: readonly ProbeResult[]; readonly elapsedMs: number; readonly report: VerificationReport}
	| {readonly type: 'ROLLED_BACK'; readonly rollback: RollbackOutcome}
	| {readonly type: 'KEPT'; readonly kept: KeptOutcome}
	/** `report`: the report as saved, when saving changed it (the old keys deleted after the save). */
	| {readonly type: 'SAVED'; readonly saved: SavedFiles; readonly report?: VerificationReport}
	| {readonly type: 'NOTICE'; readonly notice: string}
	| {readonly type: 'FAILED'; readonly problem: Problem};

export function initialCreateState(answers: CreateAnswers): CreateState {
	return advance({step: 'credentials', status: 'working', answers, applyLog: [], probes: [], notices: []});
}

/** The first step whose requirement is not met yet. */
export function stepFor(state: CreateState): CreateStep {
	const {answers} = state;
	if (!state.identity) return 'credentials';
	if (!answers.region || state.catalog?.region !== answers.region) return 'region';
	if (!answeredAt('models', answers)) return 'models';
	if (!answeredAt('key', answers)) return 'key';
	if (!state.review || !answers.confirmed) return 'review';
	if (!state.applied) return 'apply';
	if (!state.verification) return 'verify';
	if (!state.saved) return 'save';
	return 'done';
}

/** Every question of the step has its answer (flows/create/questions.ts). */
const answeredAt = (step: AskingStep, answers: CreateAnswers): boolean => questionsAt(step).every((id) => isAnswered(id, answers));

/** Steps that wait for the person (or fail headless) when their answer is missing. */
const askingSteps: ReadonlySet<CreateStep> = new Set(['region', 'models', 'key', 'review']);

function advance(state: CreateState): CreateState {
	const step = stepFor(state);
	const needsAnswer =
		(step === 'region' && !state.answers.region) ||
		(step === 'models' && !answeredAt('models', state.answers)) ||
		step === 'key' ||
		(step === 'review' && state.review !== undefined && !state.answers.confirmed);
	return {...state, step, status: step === 'done' ? 'done' : askingSteps.has(step) && needsAnswer ? 'waiting-for-answer' : 'working'};
}

/** Going back keeps every answer but re-opens the previous question (nothing is undone once applied). */
const backTargets: Partial<Record<CreateStep, (answers: CreateAnswers) => Partial<CreateAnswers>>> = {
	models: () => ({region: undefined}),
	key: () => ({modelIds: undefined}),
	review: () => ({keyKinds: undefined, confirmed: undefined}),
};

const finished: ReadonlySet<CreateStatus> = new Set(['done', 'failed', 'cancelled']);
/** What may still be told after the end: how the undo went, and notices about it. Nothing else moves a finished run. */
const afterTheEnd: ReadonlySet<CreateEvent['type']> = new Set(['ROLLED_BACK', 'KEPT', 'APPLY_PROGRESS', 'NOTICE']);

export function createReducer(state: CreateState, event: CreateEvent): CreateState {
	if (finished.has(state.status) && !afterTheEnd.has(event.type)) return state;
	switch (event.type) {
		case 'ANSWER': {
			const answers = {...state.answers, ...event.answers};
			// A changed choice invalidates the review built from the old one.
			const review = event.answers.confirmed === undefined ? undefined : state.review;
			return advance({...state, answers, review, problem: undefined});
		}
		case 'BACK': {
			const reopen = backTargets[state.step];
			if (!reopen || state.applied) return state;
			const previous = reopen(state.answers);
			return {
				...state,
				answers: {...state.answers, ...previous, confirmed: undefined},
				review: undefined,
				step: createSteps[createSteps.indexOf(state.step) - 1]!,
				status: 'waiting-for-answer',
			};
		}
		case 'RETRY':
			return advance({...state, problem: undefined, status: 'working'});
		case 'CANCEL':
			return {...state, status: 'cancelled'};
		case 'CHECK_USE_CASE_FORM':
			// Only a review that found the form missing has it to check; the runner asks AWS and answers with LOADED.
			if (state.step !== 'review' || state.review?.useCaseForm !== 'missing' || state.status !== 'waiting-for-answer') return state;
			return {...state, status: 'working', useCaseFormCheck: 'checking'};
		case 'LOADED':
			return advance({
				...state,
				...(event.identity ? {identity: event.identity} : {}),
				...(event.catalog ? {catalog: event.catalog} : {}),
				...(event.review ? {review: event.review} : {}),
				// A review after a check says what AWS answered; any other review starts with no check.
				...(event.review
					? {useCaseFormCheck: state.useCaseFormCheck === 'checking' ? (event.review.useCaseForm === 'missing' ? 'still-missing' : 'submitted') : undefined}
					: {}),
			});
		case 'APPLY_PROGRESS':
			return {...state, applyLog: [...state.applyLog, event.event]};
		case 'APPLIED':
			return advance({...state, applied: event.applied});
		case 'PROBE_RESULT': {
			const probes = state.probes.length === event.total ? [...state.probes] : new Array<ProbeResult | undefined>(event.total).fill(undefined);
			probes[event.index] = event.result;
			return {...state, probes};
		}
		case 'SUBSCRIPTION_WAIT':
			return {...state, subscriptionWait: {elapsedMs: event.elapsedMs, models: event.models}};
		case 'PROPAGATING':
			return {...state, waitingSinceMs: event.elapsedMs};
		case 'VERIFIED':
			return advance({...state, verification: {results: event.results, elapsedMs: event.elapsedMs}, probes: event.results, report: event.report});
		case 'ROLLED_BACK':
			return {...state, rollback: event.rollback};
		case 'KEPT':
			return {...state, kept: event.kept};
		case 'SAVED':
			return advance({...state, saved: event.saved, ...(event.report ? {report: event.report} : {})});
		case 'NOTICE':
			return {...state, notices: [...state.notices, event.notice]};
		case 'FAILED':
			return {...state, status: 'failed', problem: event.problem};
	}
}
