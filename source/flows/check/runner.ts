/**
 * Runs `check`: the key's shape, the live probe matrix (or discovery), whose key it is, what its user
 * holds (with admin credentials), and an offer to tighten. A front end answers two questions (the key,
 * when none was given; whether to tighten) and renders states; it holds no logic of its own.
 */
import type {Catalog} from '../../core/catalog/types.js';
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {Secret, type KeyCredentials} from '../../core/secret.js';
import {keyRejection} from '../../core/verify/discovery.js';
import {inspectKeyShape} from '../../core/verify/key-shape.js';
import type {ProbeSpec} from '../../core/verify/probe-plan.js';
import {REPORT_SCHEMA_VERSION, reportPasses, type ProbeResult, type VerificationReport} from '../../core/verify/report.js';
import type {Clock} from '../bounded.js';
import type {AwsPorts, CallerIdentity, ProbePort} from '../ports.js';
import {asProblem} from '../problems.js';
import {verifyKey} from '../verify/verify-key.js';
import {planCheck, type ExpectationSource, type PlannedCheck} from './expectations.js';
import {inspectUser} from './inspect-user.js';
import {checkReducer, initialCheckState, type CheckedKey, type CheckEvent, type CheckState} from './machine.js';
import {principalFromArn, principalFromRefusals, type KeyPrincipal} from './principal.js';
import {applyTightening, proposeTightening} from './tighten.js';

export interface CheckFrontEnd {
	/** No key came from the environment, stdin or a profile: ask for it (masked), or throw a usage Problem. */
	askKey(state: CheckState): Promise<Secret>;
	/** The tightened policy is shown in `state.proposal`: apply it? */
	confirmTighten(state: CheckState): Promise<boolean>;
	onState?(state: CheckState): void;
}

export type KeySource =
	| {readonly kind: 'api-key'; readonly secret?: Secret}
	/** The key user's own access key (from --profile) and who STS says it is. */
	| {readonly kind: 'sigv4'; readonly accessKeyId: string; readonly secretAccessKey: Secret; readonly identity?: CallerIdentity};

export interface CheckRunOptions {
	readonly region: string;
	readonly key: KeySource;
	readonly expectations: ExpectationSource;
	readonly probes: ProbePort;
	/** Admin credentials' ports: the key's user is inspected and can be tightened only with them. */
	readonly admin?: Pick<AwsPorts, 'iam' | 'analyzer' | 'catalog' | 'identity'>;
	/** Used when there are no admin credentials to read the live catalog with. */
	readonly bundledCatalog: Catalog;
	/** The key's user, when the admin knows it (otherwise learned from a refusal). */
	readonly userName?: string;
	readonly messages: Messages;
	readonly clock: Clock;
	readonly now: () => Date;
	/** How long to wait for IAM propagation before believing a failed expectation. */
	readonly budgetMs: number;
	readonly signal?: AbortSignal;
	readonly toolVersion: string;
}

/** Discovery tries many models once each: a higher bound, and no propagation wait (nothing was just changed). */
const DISCOVERY_CONCURRENCY = 6;

export async function runCheck(frontEnd: CheckFrontEnd, options: CheckRunOptions): Promise<CheckState> {
	let state = initialCheckState(options.region);
	const dispatch = (event: CheckEvent): void => {
		state = checkReducer(state, event);
		frontEnd.onState?.(state);
	};
	frontEnd.onState?.(state);
	try {
		const credentials = await acceptKey(state, frontEnd, options, dispatch);
		const adminIdentity = options.admin ? await options.admin.identity.whoAmI() : undefined;
		const catalog = options.admin ? await loadCatalog(options, dispatch) : options.bundledCatalog;
		const accountId = adminIdentity?.accountId ?? (options.key.kind === 'sigv4' ? options.key.identity?.accountId : undefined);
		const plan = planCheck(options.expectations, catalog, options.region, accountId, credentials.type === 'api-key' ? 'api-key' : 'sigv4', options.messages);
		await probe(plan, credentials, options, dispatch, () => state);
		if (options.admin) await inspect(state, options, dispatch);
		if (options.admin && state.user && plan.mode === 'expectations' && plan.allowedIds.length > 0 && needsTightening(state)) {
			const proposal = await proposeTightening(
				{
					catalog,
					region: options.region,
					accountId: adminIdentity!.accountId,
					modelIds: plan.allowedIds,
					tokenType: state.key?.tokenType,
					streaming: plan.streaming,
					user: state.user,
				},
				options.admin,
				options.messages,
			);
			dispatch({type: 'PROPOSED', proposal});
			const confirmed = await frontEnd.confirmTighten(state);
			if (confirmed && proposal.noNewAccess === 'FAIL') dispatch({type: 'NOTICE', notice: options.messages.check.tighten.refusedBroader});
			else if (confirmed) {
				await applyTightening(options.admin.iam, state.user, proposal, {
					now: options.now,
					region: options.region,
					onRollback: (outcome) => {
						const text = options.messages.check.tighten;
						dispatch({type: 'NOTICE', notice: outcome.failed.length === 0 ? text.rolledBack(outcome.undone.length) : text.notUndone(outcome.failed.length)});
						for (const {entry, message} of outcome.failed)
							dispatch({type: 'NOTICE', notice: options.messages.run.rollbackFailedEntry(entry.kind, entry.userName, message)});
					},
				});
				dispatch({type: 'TIGHTENED'});
				await probe(plan, credentials, options, dispatch, () => state);
				await inspect(state, options, dispatch);
			}
		}
		dispatch({type: 'DONE'});
	} catch (error) {
		dispatch({
			type: 'FAILED',
			problem: asProblem(error, options.signal, (messages) => messages.problems.run.adminReadFix),
		});
	}
	return state;
}

async function acceptKey(state: CheckState, frontEnd: CheckFrontEnd, options: CheckRunOptions, dispatch: (event: CheckEvent) => void): Promise<KeyCredentials> {
	const source = options.key;
	if (source.kind === 'sigv4') {
		dispatch({type: 'KEY_ACCEPTED', key: {auth: 'sigv4', cleaned: [], masked: source.accessKeyId}});
		return {type: 'sigv4', accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey};
	}
	const secret = source.secret ?? (await frontEnd.askKey(state));
	const shape = inspectKeyShape(secret.reveal(), options.region, options.now());
	const text = options.messages.check;
	if (!shape.ok) {
		const problem = shape.problem;
		const [message, fix] =
			problem.code === 'short-term-expired'
				? text.shortTermExpired(problem.expiresAt)
				: problem.code === 'short-term-other-region'
					? text.shortTermOtherRegion(problem.keyRegion, problem.region)
					: text.keyShape[problem.code];
		throw new Problem('usage', message, fix);
	}
	const token = new Secret(shape.key);
	const key: CheckedKey = {
		auth: 'api-key',
		tokenType: shape.tokenType,
		cleaned: shape.cleaned,
		masked: token.maskedWith(options.messages.ui.maskedKey),
		...(shape.tokenType === 'SHORT_TERM' ? {shortTerm: shape.shortTerm} : {}),
	};
	if (shape.cleaned.length > 0) dispatch({type: 'NOTICE', notice: text.cleanedKey(shape.cleaned.map((part) => text.cleaned[part]))});
	dispatch({type: 'KEY_ACCEPTED', key});
	return {type: 'api-key', token, tokenType: shape.tokenType};
}

async function loadCatalog(options: CheckRunOptions, dispatch: (event: CheckEvent) => void): Promise<Catalog> {
	const load = await options.admin!.catalog.load(options.region);
	if (load.fallbackReason)
		dispatch({
			type: 'NOTICE',
			notice: options.messages.run.notice.catalogFallback(load.fallbackReason, load.catalog.asOf),
		});
	return load.catalog;
}

async function probe(
	plan: PlannedCheck,
	credentials: KeyCredentials,
	options: CheckRunOptions,
	dispatch: (event: CheckEvent) => void,
	current: () => CheckState,
): Promise<void> {
	dispatch({type: 'PLANNED', mode: plan.mode, total: plan.probes.length});
	const discovery = plan.mode === 'discovery';
	const run = (probes: readonly ProbeSpec[], offset: number) =>
		verifyKey({
			probes,
			credentials: {[credentials.type === 'api-key' ? 'api-key' : 'sigv4']: credentials},
			region: options.region,
			port: options.probes,
			messages: options.messages,
			clock: options.clock,
			budgetMs: discovery ? 0 : options.budgetMs,
			concurrency: discovery ? DISCOVERY_CONCURRENCY : 4,
			...(options.signal ? {signal: options.signal} : {}),
			onEvent: (event) => {
				if (event.type === 'probe-result') dispatch({type: 'PROBE_RESULT', index: offset + event.index, result: event.result});
			},
		});
	// Discovery asks one model first: a key AWS rejects outright answers every call the same, so one call says so.
	const first = discovery ? await run(plan.probes.slice(0, 1), 0) : undefined;
	const stopped = () => options.signal?.aborted === true;
	if (first && !stopped()) keyRejected(first.results, options.messages);
	const rest = stopped() ? undefined : await run(first ? plan.probes.slice(1) : plan.probes, first ? 1 : 0);
	const outcome = {
		results: [...(first?.results ?? []), ...(rest?.results ?? [])],
		elapsedMs: (first?.elapsedMs ?? 0) + (rest?.elapsedMs ?? 0),
	};
	if (options.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelledChecking());
	keyRejected(outcome.results, options.messages);
	const principal = principalOf(options, outcome.results, current().principal);
	// Discovery has no expectations: the report lists what the key can call, and passes when it can call something.
	const probes = discovery ? outcome.results.filter((result) => result.outcome === 'allowed') : outcome.results;
	const state = current();
	const report: VerificationReport = {
		schemaVersion: REPORT_SCHEMA_VERSION,
		tool: {name: 'bedrock-key-wizard', version: options.toolVersion},
		createdAt: options.now().toISOString(),
		region: options.region,
		principal: principal?.arn ?? 'unknown',
		policySource: 'unknown',
		probes,
		pass: reportPasses(probes),
		elapsedMs: outcome.elapsedMs,
		...(principal?.userName ? {userName: principal.userName} : {}),
		...(state.key?.shortTerm ? {keys: [{type: 'short-term' as const, expiresAt: state.key.shortTerm.expiresAt}]} : {}),
		...(state.notices.length > 0 ? {notices: state.notices} : {}),
	};
	dispatch({type: 'VERIFIED', report, ...(principal ? {principal} : {})});
}

/** AWS rejected the key itself (every call answered the same about the key): one error, and nothing more is tried. */
function keyRejected(results: readonly ProbeResult[], messages: Messages): void {
	const rejection = keyRejection(results);
	if (!rejection) return;
	const [reason, fix] = messages.verify.finding[rejection.finding];
	throw new Problem('verification-failed', ...messages.check.keyRejected(rejection.calls, reason, fix, rejection.errorMessage));
}

function principalOf(
	options: CheckRunOptions,
	results: Parameters<typeof principalFromRefusals>[0],
	known: KeyPrincipal | undefined,
): KeyPrincipal | undefined {
	if (known) return known;
	if (options.key.kind === 'sigv4' && options.key.identity) return principalFromArn(options.key.identity.arn);
	return principalFromRefusals(results);
}

async function inspect(state: CheckState, options: CheckRunOptions, dispatch: (event: CheckEvent) => void): Promise<void> {
	const userName = state.principal?.userName ?? options.userName ?? (await userOfShortTermKey(state, options));
	if (!userName) {
		dispatch({type: 'NOTICE', notice: options.messages.check.principalUnknown});
		return dispatch({type: 'INSPECTED'});
	}
	const user = await inspectUser(options.admin!.iam, userName, options.now());
	if (!user) dispatch({type: 'NOTICE', notice: options.messages.check.user.notFound(userName)});
	else {
		const policySource =
			[...user.inline.map((policy) => `inline:${policy.name}`), ...user.attached.map((policy) => `attached:${policy.name}`)].join(',') || 'none';
		dispatch({
			type: 'VERIFIED',
			report: {...state.report!, principal: user.arn, userName, policySource},
			principal: state.principal ?? principalFromArn(user.arn),
		});
	}
	dispatch({type: 'INSPECTED', ...(user ? {user} : {})});
}

/** A short-term key names the access key that signed it; the admin can find that key's user. */
async function userOfShortTermKey(state: CheckState, options: CheckRunOptions): Promise<string | undefined> {
	const accessKeyId = state.key?.shortTerm?.accessKeyId;
	if (!accessKeyId) return undefined;
	for (const user of await options.admin!.iam.listUsers()) {
		const keys = await options.admin!.iam.listAccessKeys(user.userName);
		if (keys.some((key) => key.accessKeyId === accessKeyId)) return user.userName;
	}
	return undefined;
}

const needsTightening = (state: CheckState): boolean => state.user!.broad.length > 0 || !state.user!.guardrail || !state.report?.pass;
