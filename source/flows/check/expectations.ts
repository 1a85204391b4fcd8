/**
 * What `check` expects of a key, from one of four sources: --expect-allowed/--expect-denied, a saved
 * bedrock-key-report.json (--report), a client's configuration (--client, core/clients/doctor.ts: each model
 * it would call, through that client's surface), or nothing, in which case every ACTIVE chat and embedding
 * model of the Region is tried once to list what the key can call (discovery).
 */
import type {Catalog} from '../../core/catalog/types.js';
import type {Messages} from '../../core/i18n/en.js';
import {describeTargetProblem, resolveTargets, type InvocationTarget} from '../../core/policy/index.js';
import {Problem} from '../../core/problem.js';
import {asTarget, chooseDenyProbes} from '../../core/verify/deny-probes.js';
import {isCompatibleOperation} from '../../core/verify/probe-bodies.js';
import {planProbes, type ProbeAuth, type ProbeSpec} from '../../core/verify/probe-plan.js';

export type ExpectationSource =
	| {readonly kind: 'explicit'; readonly allowed: readonly string[]; readonly denied: readonly string[]; readonly streaming: boolean}
	| {readonly kind: 'report'; readonly path: string; readonly report: SavedReport}
	/**
	 * A client's calls, planned already (core/clients/doctor.ts, clientProbe); `runtimeIds`: those made on
	 * bedrock-runtime, from which the models that must be refused are chosen as create chooses them.
	 */
	| {readonly kind: 'client'; readonly probes: readonly ProbeSpec[]; readonly runtimeIds: readonly string[]}
	| {readonly kind: 'discover'};

/** The part of a saved report that `check` reads; anything else in it is ignored. */
export interface SavedReport {
	readonly region?: string;
	readonly userName?: string;
	readonly probes: ReadonlyArray<{readonly model: string; readonly operation: string; readonly expected: 'allow' | 'deny'}>;
}

/** Account-less resolution still gives the id a client calls; the profile ARN only matters to a policy. */
const PLACEHOLDER_ACCOUNT = '000000000000';

export interface PlannedCheck {
	readonly mode: 'expectations' | 'discovery';
	readonly probes: readonly ProbeSpec[];
	/** Ids the key is expected to call (what a tightened policy would allow). */
	readonly allowedIds: readonly string[];
	readonly deniedIds: readonly string[];
	readonly streaming: boolean;
}

export function parseSavedReport(text: string, path: string, messages: Messages): SavedReport {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const [message, fix] = messages.check.reportUnreadable(path, (error as Error).message);
		throw new Problem('usage', message, fix);
	}
	const probes = (value as {probes?: unknown})?.probes;
	const valid =
		Array.isArray(probes) &&
		probes.length > 0 &&
		probes.every((probe: unknown) => {
			const p = probe as Record<string, unknown>;
			return typeof p?.['model'] === 'string' && typeof p['operation'] === 'string' && (p['expected'] === 'allow' || p['expected'] === 'deny');
		});
	if (!valid) {
		const [message, fix] = messages.check.reportUnreadable(path, messages.check.reportNoProbes);
		throw new Problem('usage', message, fix);
	}
	const report = value as SavedReport;
	return {
		probes: report.probes,
		...(typeof report.region === 'string' ? {region: report.region} : {}),
		...(typeof report.userName === 'string' ? {userName: report.userName} : {}),
	};
}

export function planCheck(
	source: ExpectationSource,
	catalog: Catalog,
	region: string,
	accountId: string | undefined,
	auth: ProbeAuth,
	messages: Messages,
): PlannedCheck {
	if (source.kind === 'discover') {
		const targets = catalog.models
			.filter((model) => model.lifecycle === 'ACTIVE' && (model.kind === 'chat' || model.kind === 'embedding'))
			.map((model) => asTarget(model, {catalog, region, accountId: accountId ?? PLACEHOLDER_ACCOUNT}))
			.filter((target): target is InvocationTarget => target !== undefined);
		return {
			mode: 'discovery',
			probes: planProbes({allowed: targets, denied: [], auth: [auth], streaming: false}),
			allowedIds: [],
			deniedIds: [],
			streaming: false,
		};
	}
	if (source.kind === 'client') {
		// A model the catalog does not know is still probed as the client names it; it just chooses no denial.
		const chosen = resolveTargets(source.runtimeIds, {catalog, region, accountId: accountId ?? PLACEHOLDER_ACCOUNT}).targets;
		const denied = chosen.length > 0 ? chooseDenyProbes({catalog, region, chosen, ...(accountId ? {accountId} : {})}) : [];
		return {
			mode: 'expectations',
			// The compatible surfaces take API keys only; bedrock-runtime's calls are made with the key as given.
			probes: [
				...source.probes.map((probe) => (isCompatibleOperation(probe.request.operation) ? probe : {...probe, auth})),
				...planProbes({allowed: [], denied, auth: [auth], streaming: false}),
			],
			allowedIds: chosen.map((target) => target.requestedId),
			deniedIds: denied.map((target) => target.requestedId),
			streaming: false,
		};
	}
	const allowed = source.kind === 'explicit' ? source.allowed : unique(source.report.probes.filter((p) => p.expected === 'allow').map((p) => p.model));
	const denied = source.kind === 'explicit' ? source.denied : unique(source.report.probes.filter((p) => p.expected === 'deny').map((p) => p.model));
	const streaming = source.kind === 'explicit' ? source.streaming : source.report.probes.some((p) => p.operation === 'ConverseStream');
	const resolve = (ids: readonly string[]): readonly InvocationTarget[] => {
		const resolution = resolveTargets(ids, {catalog, region, accountId: accountId ?? PLACEHOLDER_ACCOUNT});
		if (resolution.problems.length > 0) {
			const texts = resolution.problems.map((problem) => describeTargetProblem(problem, messages));
			throw new Problem('usage', texts.map(([message]) => message).join('\n'), texts.map(([, fix]) => fix).join('\n'));
		}
		return resolution.targets;
	};
	const allowedTargets = resolve(allowed);
	// Only allowed models named: deny probes are chosen as create chooses them, since a key that can call
	// more than it should is the failure that matters (and a refusal names the key's user).
	const deniedTargets =
		denied.length > 0 || allowed.length === 0
			? resolve(denied)
			: chooseDenyProbes({catalog, region, chosen: allowedTargets, ...(accountId ? {accountId} : {})});
	return {
		mode: 'expectations',
		probes: planProbes({allowed: allowedTargets, denied: deniedTargets, auth: [auth], streaming}),
		allowedIds: allowed,
		deniedIds: deniedTargets.map((target) => target.requestedId),
		streaming,
	};
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];
