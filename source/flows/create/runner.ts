/**
 * Runs the create machine: performs each step's side effects through the ports and feeds the results
 * back as events. A front end only answers questions (`ask`) and renders states (`onState`).
 */
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {planProbes, type ProbeAuth} from '../../core/verify/probe-plan.js';
import {REPORT_SCHEMA_VERSION, reportPasses, type ReportTarget, type VerificationReport} from '../../core/verify/report.js';
import type {KeyCredentials} from '../../core/secret.js';
import type {Clock} from '../bounded.js';
import type {AwsPorts, FilesPort, UseCaseForm} from '../ports.js';
import {asProblem} from '../problems.js';
import {verifyKey} from '../verify/verify-key.js';
import {clientNeeds} from '../../core/clients/index.js';
import {invocationId} from '../../core/policy/targets.js';
import {clientFilePlans, writeClientFiles} from './client-files.js';
import {INLINE_USER_POLICY_LIMIT, MANAGED_POLICY_LIMIT} from '../../core/policy/compile.js';
import {applyPlan, deleteStaleManagedPolicies, keepJournal, reportedStep, rollback, type AppliedKeys, type ApplyEvent, type JournalEntry} from './apply.js';
import {existingKeyRecords, retireOldKeys} from './retire-keys.js';
import {roomToMake, typesAtLimit} from './existing-keys.js';
import {createReducer, initialCreateState, type CreateAnswers, type CreateEvent, type CreateState} from './machine.js';
import {buildReview, CREATED_TAG, filesToWrite, INLINE_POLICY_NAME, keyFileNewNames, MANAGED_TAG, modelsToSubscribe, type Review} from './review.js';
import {planFiles, saveKeyFiles, writeReport, type SaveInput} from './save.js';
import {recordWrites} from './written-files.js';

export interface CreateFrontEnd {
	/** The machine waits for an answer: return ANSWER (or BACK / CANCEL). */
	ask(state: CreateState): Promise<CreateEvent>;
	onState?(state: CreateState): void;
	/**
	 * Awaited before each step, and before each change, call with the new key or file write inside apply,
	 * verify and save: a front end that asks something first (the TUI's quit dialog) holds the run here. It
	 * must resolve once `signal` aborts; the runner then ends the run as cancelled.
	 */
	gate?(signal?: AbortSignal): Promise<void>;
}

export interface CreateRunOptions {
	readonly ports: AwsPorts;
	readonly files: FilesPort;
	readonly messages: Messages;
	readonly clock: Clock;
	readonly now: () => Date;
	readonly signal?: AbortSignal;
	readonly verifyBudgetMs: number;
	readonly keepOnFailure: boolean;
	/** How long to wait for a new Marketplace subscription to become AVAILABLE. */
	readonly subscriptionBudgetMs: number;
	/** Anthropic's use-case form, to submit when the account has not (--use-case-form FILE). */
	readonly useCaseForm?: UseCaseForm;
	/** Where the key is made, recorded in the report (a sandbox's key is gone when the wizard exits). */
	readonly target?: ReportTarget;
	/** Lifetime of a short-term key (at most 12 hours). */
	readonly shortTermSeconds: number;
	readonly toolVersion: string;
}

export async function runCreate(answers: CreateAnswers, frontEnd: CreateFrontEnd, options: CreateRunOptions): Promise<CreateState> {
	let state = initialCreateState(answers);
	const journal: JournalEntry[] = [];
	// Every file the run writes is recorded, so a rollback takes the files back with the changes in AWS.
	const written = recordWrites(options.files, options.now);
	const hold = (): Promise<void> => frontEnd.gate?.(options.signal) ?? Promise.resolve();
	const run: RunContext = {...options, files: written.files, hold};
	const dispatch = (event: CreateEvent): void => {
		state = createReducer(state, event);
		frontEnd.onState?.(state);
	};
	frontEnd.onState?.(state);

	while (state.status === 'working' || state.status === 'waiting-for-answer') {
		if (options.signal?.aborted) {
			dispatch({type: 'FAILED', problem: new Problem('cancelled', ...options.messages.problems.run.cancelled())});
			break;
		}
		if (state.status === 'waiting-for-answer') {
			dispatch(await frontEnd.ask(state));
			continue;
		}
		try {
			// A step boundary: a front end asking first (the quit dialog) holds the run here; a stop ends it above.
			await hold();
			if (options.signal?.aborted) continue;
			await perform(state, dispatch, journal, run);
		} catch (error) {
			dispatch({type: 'FAILED', problem: asProblem(error, options.signal)});
		}
	}
	// Before the files are saved, nobody holds the new key: undo what was made rather than orphan it, unless
	// told to keep it. Either way the state says which (rollback or kept), so the end says what is true.
	// The files it wrote go with them (a key file of a deleted key is no use, and an earlier file is put back).
	if ((state.status === 'failed' || state.status === 'cancelled') && !state.saved && (journal.length > 0 || written.any())) {
		if (options.keepOnFailure) dispatch({type: 'KEPT', kept: keepJournal(journal)});
		else {
			const undone = await rollback(journal, options.ports.iam, (event) => dispatch({type: 'APPLY_PROGRESS', event}));
			const files = written.any() ? await written.undo() : undefined;
			dispatch({type: 'ROLLED_BACK', rollback: {...undone, ...(files ? {files} : {})}});
		}
	}
	if (state.status === 'done') await written.commit();
	return state;
}

/** What a step needs: the run's options, the files written through the recorder, and the front end's gate. */
interface RunContext extends CreateRunOptions {
	/** Waits while the front end holds the run (never throws: the caller checks the signal after it). */
	readonly hold: () => Promise<void>;
}

async function perform(state: CreateState, dispatch: (event: CreateEvent) => void, journal: JournalEntry[], options: RunContext): Promise<void> {
	const {ports, messages} = options;
	const answers = state.answers;
	switch (state.step) {
		case 'credentials': {
			const identity = await ports.identity.whoAmI();
			if (identity.kind === 'root') dispatch({type: 'NOTICE', notice: messages.run.notice.rootUser});
			return dispatch({type: 'LOADED', identity});
		}
		case 'region': {
			const load = await ports.catalog.load(answers.region!);
			if (load.fallbackReason)
				dispatch({
					type: 'NOTICE',
					notice: messages.run.notice.catalogFallback(load.fallbackReason, load.catalog.asOf),
				});
			return dispatch({type: 'LOADED', catalog: {...load, region: answers.region!}});
		}
		case 'review': {
			// Asked again (the person submitted the form in the console meanwhile): only that is read again.
			if (state.review && state.useCaseFormCheck === 'checking')
				return dispatch({type: 'LOADED', review: {...state.review, useCaseForm: await ports.agreements.useCaseForm()}});
			const built = await buildReview(answers, state.identity!, state.catalog!, ports, messages);
			// Named before anything is made, with those already there asked about (docs/architecture.md, 'The create flow').
			// The clients' files too (issue 18): the paths follow from the clients and the models chosen.
			const clientFiles = clientFilePlans(clientConfigOf(answers, built));
			const review = {...built, files: await planFiles(answers.outDir ?? '.', options.files, clientFiles)};
			if (review.heldKeys.refused) dispatch({type: 'NOTICE', notice: messages.create.heldKeys.listRefused(review.userName, review.heldKeys.refused)});
			return dispatch({type: 'LOADED', review});
		}
		case 'apply': {
			const review = state.review!;
			const keys = answers.keyKinds ?? ['api-key'];
			// Every front end asks before this (headless refuses at the review); this holds for any other caller.
			const full = typesAtLimit(review.heldKeys.keys, keys);
			if (full.length > 0 && answers.replaceKeys !== true) {
				throw new Problem(
					'usage',
					...messages.create.heldKeys.atLimit(
						review.userName,
						full[0]!,
						review.heldKeys.keys.filter((key) => key.type === full[0]),
					),
				);
			}
			// Before anything is made: a model the account cannot use would only make a key that fails.
			await submitUseCaseForm(review, answers, dispatch, options);
			await subscribeWhereNeeded(review, answers, dispatch, options);
			const applied = await applyPlan(
				{
					userName: review.userName,
					existingUser: review.existingUser !== undefined,
					tags: {[MANAGED_TAG]: 'true', [CREATED_TAG]: options.now().toISOString()},
					policyName: INLINE_POLICY_NAME,
					policyJson: review.plan.compiled.json,
					...(review.previousPolicy !== undefined ? {previousPolicy: review.previousPolicy} : {}),
					...(review.managed ? {managed: review.managed} : {}),
					// Our managed policies from an earlier run that the new policy replaces are detached too (attached again on rollback).
					detach: [...review.detach, ...review.staleManaged],
					keys,
					...(answers.replaceKeys ? {makeRoom: roomToMake(review.heldKeys.keys, keys)} : {}),
					...(answers.expiresInDays ? {apiKeyAgeDays: answers.expiresInDays} : {}),
					shortTermSeconds: options.shortTermSeconds,
					region: answers.region!,
				},
				{
					iam: ports.iam,
					shortTermKeys: ports.shortTermKeys,
					journal,
					onEvent: (event) => dispatch({type: 'APPLY_PROGRESS', event}),
					...(options.signal ? {signal: options.signal} : {}),
					gate: options.hold,
					now: options.now,
				},
			);
			return dispatch({type: 'APPLIED', applied});
		}
		case 'verify': {
			const review = state.review!;
			const credentials = keyCredentials(state.applied!);
			const needs = answers.clients?.length ? clientNeeds(answers.clients, answers.mantle === true) : undefined;
			const probes = planProbes({
				allowed: review.plan.request.targets,
				denied: review.plan.denyProbes,
				auth: Object.keys(credentials) as ProbeAuth[],
				streaming: answers.streaming,
				// Every surface the key's clients call, allowed and forbidden; Mantle refused when it was not chosen.
				...(needs ? {surfaces: needs.surfaces, mantleRefused: !needs.mantle} : {}),
			});
			const outcome = await verifyKey({
				probes,
				credentials,
				region: answers.region!,
				port: ports.probes,
				messages,
				clock: options.clock,
				budgetMs: options.verifyBudgetMs,
				...(options.signal ? {signal: options.signal} : {}),
				gate: options.hold,
				onEvent: (event) => {
					if (event.type === 'probe-result') dispatch({type: 'PROBE_RESULT', index: event.index, result: event.result, total: probes.length});
					if (event.type === 'waiting-for-propagation') dispatch({type: 'PROPAGATING', elapsedMs: event.elapsedMs});
				},
			});
			if (options.signal?.aborted) throw new Problem('cancelled', ...messages.problems.run.cancelledVerifying());
			const pass = reportPasses(outcome.results);
			const existingKeys = existingKeyRecords(review.heldKeys.keys, journal, answers.replaceKeys === true && pass);
			const keptUnverified = answers.replaceKeys === true && !pass ? existingKeys.filter((key) => key.action === 'kept').length : 0;
			if (keptUnverified > 0) dispatch({type: 'NOTICE', notice: messages.create.heldKeys.keptUnverified(keptUnverified)});
			const report: VerificationReport = {
				schemaVersion: REPORT_SCHEMA_VERSION,
				tool: {name: 'bedrock-key-wizard', version: options.toolVersion},
				createdAt: options.now().toISOString(),
				region: answers.region!,
				...(options.target ? {target: targetIn(options.target, answers.region!)} : {}),
				principal: review.userArn,
				policy: review.managed
					? {type: 'managed', size: review.plan.compiled.size, limit: MANAGED_POLICY_LIMIT, names: review.managed.map((part) => part.name)}
					: {
							type: 'inline',
							size: review.plan.compiled.size,
							limit: Math.min(INLINE_USER_POLICY_LIMIT, review.inlineBudget),
							names: [INLINE_POLICY_NAME],
						},
				policySource: review.managed ? `managed:${review.managed.map((part) => part.arn).join(',')}` : `inline:${INLINE_POLICY_NAME}`,
				probes: outcome.results,
				pass,
				elapsedMs: outcome.elapsedMs,
				userName: review.userName,
				keys: keysOf(state.applied!),
				analyzer: {
					...(review.analyzer.findings ? {findings: review.analyzer.findings.map((f) => ({type: f.type, code: f.code, message: f.message}))} : {}),
					...(review.analyzer.accessNotGranted ? {accessNotGranted: review.analyzer.accessNotGranted} : {}),
				},
				...(existingKeys.length > 0 ? {existingKeys} : {}),
				...(keptUnverified > 0 || state.notices.length > 0
					? {notices: [...state.notices, ...(keptUnverified > 0 ? [messages.create.heldKeys.keptUnverified(keptUnverified)] : [])]}
					: {}),
			};
			return dispatch({type: 'VERIFIED', results: outcome.results, elapsedMs: outcome.elapsedMs, report});
		}
		case 'save': {
			const saved = await saveKeyFiles(
				{
					...savePaths(state),
					policyJson: state.review!.plan.compiled.json,
					report: state.report!,
					applied: state.applied!,
					region: answers.region!,
					userName: state.review!.userName,
					createdAt: options.now().toISOString(),
				},
				options.files,
				messages,
			);
			// The clients' configuration, beside the key's files (never over a file already there).
			if (answers.clients?.length && state.report!.pass) {
				const token = state.applied!.apiKey?.secret ?? state.applied!.shortTermKey?.token;
				const accessKey = state.applied!.accessKey;
				// The key's variables, as the .env holds them: Claude Code's settings get them only when asked (core/clients/configs.ts).
				const keyEnv: Record<string, string> = token
					? {AWS_BEARER_TOKEN_BEDROCK: token.reveal()}
					: accessKey
						? {AWS_ACCESS_KEY_ID: accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: accessKey.secretAccessKey.reveal()}
						: {};
				const clientFiles = await writeClientFiles(
					{
						directory: answers.outDir ?? '.',
						...clientConfigOf(answers, state.review!),
						...(state.review!.files?.clients ? {planned: state.review!.files.clients} : {}),
						...(answers.existingFiles ? {existingFiles: answers.existingFiles} : {}),
						...(answers.gitignore ? {gitignore: true} : {}),
						...(saved.env ? {envFile: saved.env} : {}),
						keyEnv,
						// Not AWS (a sandbox): the files point at it, Mantle under its `/mantle` path (sandbox/mantle/).
						...(state.report!.target && state.report!.target.kind !== 'aws'
							? {runtimeEndpoint: state.report!.target.endpoint, mantleEndpoint: `${state.report!.target.endpoint}/mantle`}
							: {}),
						...(token ? {apiKey: token.reveal()} : {}),
					},
					options.files,
					messages,
				);
				for (const line of clientFiles.lines) dispatch({type: 'NOTICE', notice: line});
			}
			// The last point a quit can still take everything back (files included): what follows deletes old things for good.
			await options.hold();
			if (options.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelled());
			// The person holds the new key from here on: nothing below may throw, or the runner would roll it back.
			if (state.report!.pass && state.review!.staleManaged.length > 0)
				await deleteStaleManagedPolicies(state.review!.staleManaged, ports.iam, (event) => dispatch({type: 'APPLY_PROGRESS', event}));
			const toDelete = (state.report!.existingKeys ?? []).filter((key) => key.action === 'to-delete');
			if (toDelete.length === 0) return dispatch({type: 'SAVED', saved});
			const report = {
				...state.report!,
				existingKeys: await retireOldKeys(state.report!.existingKeys!, state.review!.userName, ports.iam, (event) => dispatch({type: 'APPLY_PROGRESS', event})),
			};
			try {
				await writeReport(saved.report, report, options.files);
				return dispatch({type: 'SAVED', saved, report});
			} catch (error) {
				return dispatch({
					type: 'SAVED',
					saved: {...saved, warnings: [...saved.warnings, messages.run.notice.reportNotUpdated(saved.report, (error as Error).message)]},
					report,
				});
			}
		}
		case 'models':
		case 'key':
		case 'done':
			throw new Error(`The ${state.step} step has no work of its own.`);
	}
}

/** What the clients' files follow from: the same at the Review, which names them, and at the save, which writes them. */
const clientConfigOf = (answers: CreateAnswers, review: Pick<Review, 'plan'>) => ({
	clients: answers.clients ?? [],
	mantleChosen: answers.mantle === true,
	...(answers.claudeKeyFrom ? {claudeKeyFrom: answers.claudeKeyFrom} : {}),
	...(answers.claudeSettings ? {claudeSettings: answers.claudeSettings} : {}),
	region: answers.region!,
	modelIds: review.plan.request.targets.map(invocationId),
});

/** Where the save step writes (the Review's paths, or new names beside files there), and whether .gitignore gets the .env. */
function savePaths(state: CreateState): Pick<SaveInput, 'paths' | 'renamed' | 'gitignore'> {
	const files = state.review!.files!;
	const choice = state.answers.existingFiles;
	const paths = filesToWrite(files, choice);
	const renamed = choice === 'new-name' ? keyFileNewNames(files) : [];
	return {paths, ...(renamed.length > 0 ? {renamed} : {}), ...(state.answers.gitignore ? {gitignore: true} : {})};
}

/** Probes use the new key only; an access key is also used for SigV4 probes when one was made. */
function keyCredentials(applied: AppliedKeys): Partial<Record<ProbeAuth, KeyCredentials>> {
	const token = applied.apiKey
		? {token: applied.apiKey.secret, tokenType: 'LONG_TERM' as const}
		: applied.shortTermKey
			? {token: applied.shortTermKey.token, tokenType: 'SHORT_TERM' as const}
			: undefined;
	return {
		...(token ? {'api-key': {type: 'api-key', ...token}} : {}),
		...(applied.accessKey ? {sigv4: {type: 'sigv4', accessKeyId: applied.accessKey.accessKeyId, secretAccessKey: applied.accessKey.secretAccessKey}} : {}),
	};
}

function keysOf(applied: AppliedKeys): NonNullable<VerificationReport['keys']> {
	return [
		...(applied.apiKey
			? [{type: 'api-key' as const, id: applied.apiKey.credentialId, ...(applied.apiKey.expiresAt ? {expiresAt: applied.apiKey.expiresAt} : {})}]
			: []),
		...(applied.shortTermKey ? [{type: 'short-term' as const, expiresAt: applied.shortTermKey.expiresAt}] : []),
		...(applied.accessKey ? [{type: 'access-key' as const, id: applied.accessKey.accessKeyId}] : []),
	];
}

/** How often AWS is asked whether a new subscription took effect. */
const SUBSCRIPTION_POLL_MS = 5000;

/**
 * The operator subscribes the account (CreateFoundationModelAgreement with their credentials, never the
 * key's) to each chosen model that needs it, then waits until AWS says AVAILABLE for every one, new or
 * already pending: AWS's own wait, shown apart from IAM propagation, bounded by --subscription-timeout.
 * A failure is said in AWS's words; nothing is made until every model is available.
 */
async function subscribeWhereNeeded(
	review: NonNullable<CreateState['review']>,
	answers: CreateAnswers,
	dispatch: (event: CreateEvent) => void,
	options: RunContext,
): Promise<void> {
	const {messages, ports, clock} = options;
	const needed = modelsToSubscribe(review);
	const waiting = new Set([
		...needed,
		...review.subscriptions.filter((subscription) => subscription.status === 'PENDING').map((subscription) => subscription.modelId),
	]);
	if (waiting.size === 0) return;
	if (needed.length > 0 && answers.subscribe !== true) throw new Problem('usage', ...messages.create.subscription.declined(needed));
	for (const modelId of needed) await reportedStep(progress(dispatch, options), 'subscribe-model', () => ports.agreements.subscribe(modelId), modelId);
	const started = clock.now();
	for (;;) {
		await options.hold();
		if (options.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelledApplying());
		for (const modelId of [...waiting]) {
			const {status, errorMessage} = await ports.agreements.availability(modelId);
			if (status === 'AVAILABLE') waiting.delete(modelId);
			else if (status === 'ERROR' || status === 'NOT_AVAILABLE')
				throw new Problem('aws-refused', ...messages.create.subscription.failed(modelId, status, errorMessage));
		}
		const elapsedMs = clock.now() - started;
		dispatch({type: 'SUBSCRIPTION_WAIT', elapsedMs, models: [...waiting]});
		if (waiting.size === 0) return;
		if (options.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelledApplying());
		if (elapsedMs >= options.subscriptionBudgetMs)
			throw new Problem('aws-refused', ...messages.create.subscription.timedOut([...waiting], Math.round(elapsedMs / 1000)));
		await clock.sleep(Math.min(SUBSCRIPTION_POLL_MS, options.subscriptionBudgetMs - elapsedMs));
	}
}

/**
 * Anthropic's one-time use-case form: submitted with the operator's answers when given (asked on screen, or
 * --use-case-form FILE), else the run stops before anything is made, saying where to submit it (the console)
 * and how to pass it.
 */
async function submitUseCaseForm(
	review: NonNullable<CreateState['review']>,
	answers: CreateAnswers,
	dispatch: (event: CreateEvent) => void,
	options: RunContext,
): Promise<void> {
	if (review.useCaseForm !== 'missing') return;
	const form = answers.useCaseForm ?? options.useCaseForm;
	if (!form) throw new Problem('usage', ...options.messages.create.useCaseForm.missing(review.plan.request.targets[0]?.requestedId ?? ''));
	await reportedStep(progress(dispatch, options), 'submit-use-case-form', () => options.ports.agreements.submitUseCaseForm(form));
}

/** The apply's steps reach the front ends as APPLY_PROGRESS, wait at the front end's gate, and stop once the run is cancelled. */
const progress = (dispatch: (event: CreateEvent) => void, options: RunContext) => ({
	onEvent: (event: ApplyEvent) => dispatch({type: 'APPLY_PROGRESS', event}),
	...(options.signal ? {signal: options.signal} : {}),
	gate: options.hold,
});

/** The target with the run's Region in its endpoint (a sandbox's names the Region in its path). */
const targetIn = (target: ReportTarget, region: string): ReportTarget =>
	target.kind === 'aws' ? target : {...target, endpoint: target.endpoint.replaceAll('{region}', region)};
