/**
 * One create session: the runs of the create machine for one command, called alike by `create` with
 * --plain or headless (one run), by the TUI (whose last screen may ask for another run) and by the test
 * harness. The options of each run are built here, once.
 */
import {SHORT_TERM_KEY_MAX_SECONDS} from '../../core/aws-limits.js';
import type {Messages} from '../../core/i18n/en.js';
import {systemClock, type Clock} from '../bounded.js';
import type {AwsPorts, FilesPort, UseCaseForm} from '../ports.js';
import type {ReportTarget} from '../../core/verify/report.js';
import type {CreateAnswers, CreateState} from './machine.js';
import {SUBSCRIPTION_TIMEOUT_SECONDS} from './questions.js';
import {runCreate, type CreateFrontEnd} from './runner.js';

/** What the person wants once a run has stopped: the same answers again, the key options again, or the end. */
export type AfterRun = 'retry' | 'back' | 'quit';

export interface CreateSessionOptions {
	readonly ports: AwsPorts;
	readonly files: FilesPort;
	readonly messages: Messages;
	readonly clock?: Clock;
	readonly now?: () => Date;
	/** Aborted: the run under way stops as cancelled (and what it made is rolled back unless kept). */
	readonly signal?: AbortSignal;
	/** How long verification waits for IAM propagation (--verify-timeout). */
	readonly verifyTimeoutSeconds: number;
	/** How long a new Marketplace subscription may take to become AVAILABLE (--subscription-timeout; default 15 minutes). */
	readonly subscriptionTimeoutSeconds?: number;
	/** Anthropic's use-case form to submit when the account has not (--use-case-form FILE, read by the command). */
	readonly useCaseForm?: UseCaseForm;
	/** Where the key is made (real AWS, the built-in sandbox, another endpoint): recorded in the report. */
	readonly target?: ReportTarget;
	/** Keep what a failed or cancelled run made (--keep-on-failure). */
	readonly keepOnFailure: boolean;
	/** The person's answer to "roll back or keep?" on quitting (the TUI asks it): read when a run stops. */
	readonly keepOnQuit?: () => boolean;
	/** Lifetime of a short-term key; at most (and by default) 12 hours. */
	readonly shortTermSeconds?: number;
	readonly toolVersion: string;
	/** Told as each run starts, with the way to cancel it (the TUI's quit). */
	readonly onRun?: (cancel: () => void) => void;
	/** Asked once a run has stopped whether another one follows; without it the session is one run. */
	readonly next?: (state: CreateState) => Promise<AfterRun>;
}

export interface CreateSessionEnd {
	readonly state: CreateState;
	readonly after: AfterRun;
}

export async function runCreateSession(answers: CreateAnswers, frontEnd: CreateFrontEnd, options: CreateSessionOptions): Promise<CreateSessionEnd> {
	let current = answers;
	for (;;) {
		const controller = new AbortController();
		// The command's stop keeps its reason (a cancelled Problem); the TUI's quit needs none.
		const stop = (): void => controller.abort(options.signal?.reason);
		if (options.signal?.aborted) stop();
		options.signal?.addEventListener('abort', stop, {once: true});
		options.onRun?.(() => controller.abort());
		let state: CreateState;
		try {
			state = await runCreate(current, frontEnd, {
				ports: options.ports,
				files: options.files,
				messages: options.messages,
				clock: options.clock ?? systemClock,
				now: options.now ?? (() => new Date()),
				signal: controller.signal,
				verifyBudgetMs: options.verifyTimeoutSeconds * 1000,
				// Read when the run stops: by then the person may have answered "keep" on quitting.
				get keepOnFailure() {
					return options.keepOnFailure || (options.keepOnQuit?.() ?? false);
				},
				...(options.useCaseForm ? {useCaseForm: options.useCaseForm} : {}),
				...(options.target ? {target: options.target} : {}),
				subscriptionBudgetMs: (options.subscriptionTimeoutSeconds ?? SUBSCRIPTION_TIMEOUT_SECONDS) * 1000,
				shortTermSeconds: options.shortTermSeconds ?? SHORT_TERM_KEY_MAX_SECONDS,
				toolVersion: options.toolVersion,
			});
		} finally {
			options.signal?.removeEventListener('abort', stop);
		}
		const after = options.next ? await options.next(state) : 'quit';
		if (after === 'quit') return {state, after};
		current = nextAnswers(state, answers, after);
	}
}

/**
 * A retry re-runs the failed step with every answer kept (the review is shown again); "back" re-opens
 * the key options. The keys the user holds may have changed since: asked again unless a flag answered it.
 */
export function nextAnswers(state: CreateState, first: CreateAnswers, after: Exclude<AfterRun, 'quit'>): CreateAnswers {
	return {...state.answers, confirmed: undefined, replaceKeys: first.replaceKeys, ...(after === 'back' ? {keyKinds: undefined} : {})};
}
