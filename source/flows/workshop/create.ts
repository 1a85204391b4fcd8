/**
 * `workshop create`: N seats under one checked policy, at a bounded concurrency, each brought to
 * "complete" by ensureSeat (so a re-run makes only what is missing), then the roster and the manifest.
 * The policy is placed as create places it (`--policy-type`, auto by default): inline on each seat when it
 * fits, else the workshop's customer managed policies, made (or updated) once before the seats and attached
 * to each (managed-policy.ts); policies of an earlier run that are no longer used are deleted after the seats.
 * IAM pacing and throttle retries live in the IamPort handed in (adaptive gate + retryingIam).
 */
import {describeFailure} from '../../core/aws-failure.js';
import type {Messages} from '../../core/i18n/en.js';
import {usageSnippets} from '../../core/usage-snippets.js';
import {resolveExpiry, type ExpiryInput, type WorkshopExpiry} from '../../core/workshop/expiry.js';
import {checkCommand, handoutFileName, readHandoutFacts, readHandoutKey, renderHandout, type HandoutModel} from '../../core/workshop/handout.js';
import {
	MANIFEST_FILE,
	parseManifest,
	ROSTER_FILE,
	toJson,
	WORKSHOP_SCHEMA_VERSION,
	type WorkshopManifest,
	type WorkshopPolicyRecord,
} from '../../core/workshop/manifest.js';
import {Problem} from '../../core/problem.js';
import {samePolicyDocument} from '../../core/iam/index.js';
import {rosterCsv} from '../../core/workshop/roster.js';
import {seatUserName} from '../../core/workshop/seat-names.js';
import {spendGuardNames} from '../../core/workshop/spend-guard.js';
import {invocationId, type PolicyType} from '../../core/policy/index.js';
import {mapBounded} from '../bounded.js';
import type {AwsPorts, IamPort, SpendGuardPort} from '../ports.js';
import type {WorkshopFiles} from './files.js';
import {takeInventory} from './inventory.js';
import {
	deleteWorkshopPolicy,
	ensureWorkshopPolicies,
	findWorkshopPolicies,
	workshopPolicyRefs,
	type WorkshopPolicyOutcome,
	type WorkshopPolicyRef,
} from './managed-policy.js';
import {planWorkshopPolicy} from './policy.js';
import {ensureSeat, type SeatOutcome, type SeatResult} from './seat.js';
import {ensureSpendGuard, type SpendGuardResult, type SpendGuardStep} from './spend-guard.js';

/** The inline policy's name, as create uses, so `check` and `cleanup` read it the same way. */
export const WORKSHOP_POLICY_NAME = 'bedrock-key-wizard';

export interface WorkshopCreateRequest {
	readonly event: string;
	readonly seats: number;
	readonly region: string;
	readonly modelIds: readonly string[];
	/** --until or --expires-in-days; days count from the workshop's first creation (its workshop.json). */
	readonly expiry: ExpiryInput;
	readonly outDir: string;
	readonly concurrency: number;
	/** Where the policy lives: `auto` (the default) inline when it fits, else managed. */
	readonly policyType?: PolicyType;
	/** Written into each handout's check command when the workshop runs against a non-AWS endpoint (the sandbox). */
	readonly endpointUrl?: string;
	/** `--budget`: the spend guard, made (or brought to the seats) after them (spend-guard.ts). */
	readonly budget?: {readonly amountUsd: number; readonly thresholdPercent: number; readonly email: string};
}

export interface WorkshopDeps {
	readonly ports: Pick<AwsPorts, 'identity' | 'catalog'>;
	/** Paced and retrying (see retryingIam). */
	readonly iam: IamPort;
	readonly files: WorkshopFiles;
	readonly messages: Messages;
	readonly now: () => Date;
	readonly signal?: AbortSignal;
	/**
	 * A run that would change the policy of existing seats, or give any seat a new key, asks here first (the
	 * plan was sent as a `change-plan` event). Without it such a run changes nothing and stops.
	 */
	readonly confirm?: (plan: WorkshopChangePlan) => Promise<boolean>;
	/** AWS Budgets and IAM roles, for `budget`. */
	readonly guard?: SpendGuardPort;
}

/** What a run would change on seats that exist already: their policy, and the seats that would get a new key. */
export interface WorkshopChangePlan {
	readonly event: string;
	/** Seats in IAM now, whose policy a policy change replaces. */
	readonly existingSeats: number;
	/** What the request changes against the saved workshop.json; `unknownBefore`: no workshop.json, and the seats hold another policy. */
	readonly policy?: {
		readonly modelsAdded: readonly string[];
		readonly modelsRemoved: readonly string[];
		readonly end?: {readonly from: string; readonly to: string};
		readonly region?: {readonly from: string; readonly to: string};
		readonly placement?: {readonly from: string; readonly to: string};
		readonly unknownBefore?: boolean;
	};
	/** Seats whose key no handout in the folder holds: a new key, the old one deleted. */
	readonly rotations: readonly number[];
}

export type WorkshopCreateEvent =
	| {
			readonly type: 'planned';
			readonly seats: number;
			readonly existing: number;
			readonly complete: number;
			readonly models: readonly string[];
			readonly expiresAt: string;
	  }
	| {readonly type: 'catalog-fallback'; readonly reason: string}
	/** Existing seats would change: the plan, asked about before anything is made. */
	| {readonly type: 'change-plan'; readonly plan: WorkshopChangePlan}
	/** The workshop's managed policy (one event per policy): made, given a new default version, or already right. */
	| {readonly type: 'managed-policy'; readonly name: string; readonly arn: string; readonly outcome: WorkshopPolicyOutcome}
	/** A managed policy of an earlier run that the seats no longer use: deleted, or left (why). */
	| {readonly type: 'stale-policy'; readonly name: string; readonly deleted: boolean; readonly reason?: string}
	| {readonly type: 'lookalike'; readonly userName: string}
	/** One part of the spend guard made, updated or found right. */
	| {readonly type: 'spend-guard'; readonly step: SpendGuardStep}
	| {readonly type: 'lost-secret'; readonly seat: number; readonly userName: string}
	| {
			readonly type: 'seat';
			readonly seat: number;
			readonly userName: string;
			readonly outcome: SeatOutcome | 'failed';
			readonly reason?: string;
			readonly done: number;
	  };

export interface SeatSummary {
	readonly seat: number;
	readonly userName: string;
	readonly outcome: SeatOutcome | 'failed' | 'skipped';
	readonly credentialId?: string;
	readonly handout?: string;
	readonly reason?: string;
}

export interface WorkshopCreateSummary {
	readonly schemaVersion: number;
	readonly event: string;
	readonly region: string;
	readonly models: readonly string[];
	readonly expiresAt: string;
	/** Where the seats' policy lives (also recorded in workshop.json). */
	readonly policy: WorkshopPolicyRecord;
	readonly seats: number;
	readonly ready: number;
	readonly counts: Readonly<Record<SeatOutcome | 'failed' | 'skipped', number>>;
	readonly seatList: readonly SeatSummary[];
	readonly files: {readonly directory: string; readonly roster: string; readonly manifest: string};
	readonly warnings: readonly string[];
	readonly cancelled: boolean;
	readonly elapsedMs: number;
	/** The changes to existing seats this run was allowed to make (confirmed), when there were any. */
	readonly changes?: WorkshopChangePlan;
	/** The spend guard, when `--budget` asked for one (or workshop.json had one). */
	readonly spendGuard?: Omit<SpendGuardResult, 'steps'>;
	/** Why the spend guard could not be made (the seats are made; a re-run tries the guard again). */
	readonly spendGuardFailure?: {readonly message: string; readonly fix?: string};
}

export async function runWorkshopCreate(
	request: WorkshopCreateRequest,
	deps: WorkshopDeps,
	onEvent: (event: WorkshopCreateEvent) => void = () => {},
): Promise<WorkshopCreateSummary> {
	// One instant for the whole run: the expiry's anchor and the manifest's createdAt must agree to the
	// second, or the next run computes another end and rewrites every seat.
	const runStarted = deps.now();
	const started = runStarted.getTime();
	const {iam, files, messages} = deps;
	const manifestPath = files.join(request.outDir, MANIFEST_FILE);
	// This event's workshop.json, read once (a damaged one stops the run before any AWS call).
	const previousManifest = manifestOf(await files.read(manifestPath), request.event, manifestPath);
	const firstCreated = createdAtOf(previousManifest);
	const expiry: WorkshopExpiry = resolveExpiry(request.expiry, runStarted, firstCreated ? new Date(firstCreated) : runStarted);
	const policy = await planWorkshopPolicy(
		deps.ports,
		{region: request.region, modelIds: request.modelIds, expiresAt: expiry.expiresAt, policyType: request.policyType ?? 'auto'},
		messages,
	);
	if (policy.catalogFallback) onEvent({type: 'catalog-fallback', reason: policy.catalogFallback});
	const targets = policy.plan.request.targets;
	const allowed = targets.map((target) => target.requestedId);
	const denied = policy.plan.denyProbes.map((target) => invocationId(target));

	const inventory = await takeInventory(iam, request.event);
	for (const user of inventory.lookalikes) onEvent({type: 'lookalike', userName: user.userName});
	const handoutPath = (userName: string): string => files.join(request.outDir, handoutFileName(userName));
	const readHandout = (userName: string): Promise<string | undefined> => files.read(handoutPath(userName));
	let complete = 0;
	const rotations: number[] = [];
	for (const [seat, {user, keys}] of inventory.seats) {
		const text = await readHandout(user.userName);
		const facts = readHandoutFacts(text ?? '');
		if (keys.length === 1 && keys[0]!.credentialId === facts?.credentialId) complete++;
		// As ensureSeat decides it: keys, but none active in a handout that still holds its secret.
		const held = keys.some((key) => key.credentialId === facts?.credentialId && key.status === 'Active') && text !== undefined && readHandoutKey(text);
		if (seat <= request.seats && keys.length > 0 && !held) rotations.push(seat);
	}
	onEvent({type: 'planned', seats: request.seats, existing: inventory.seats.size, complete, models: allowed, expiresAt: expiry.expiresAt});

	// The workshop's managed policies from earlier runs: compared with the plan here when no workshop.json says what changed, replaced below.
	const existingPolicies = await findWorkshopPolicies(iam, request.event);
	const policyChange =
		inventory.seats.size === 0
			? undefined
			: previousManifest
				? manifestChange(previousManifest, {
						region: request.region,
						models: allowed,
						expiresAt: expiry.expiresAt,
						placement: policy.plan.placement.kind,
					})
				: (await seatsHoldOtherPolicy(iam, existingPolicies, inventory.seats, policy.plan))
					? {modelsAdded: [], modelsRemoved: [], unknownBefore: true}
					: undefined;
	const changes: WorkshopChangePlan | undefined =
		policyChange || rotations.length > 0
			? {event: request.event, existingSeats: inventory.seats.size, ...(policyChange ? {policy: policyChange} : {}), rotations: rotations.sort((a, b) => a - b)}
			: undefined;
	if (changes) {
		onEvent({type: 'change-plan', plan: changes});
		if (!deps.confirm || !(await deps.confirm(changes))) throw new Problem('cancelled', ...messages.workshop.plan.declined);
	}
	const mayRotate = new Set(changes?.rotations ?? []);

	// The managed policies first: every seat attaches them. Ours from an earlier run that this placement does not use are detached by the seats.
	const createdAt = runStarted.toISOString();
	const placement = policy.plan.placement;
	const managed: WorkshopPolicyRef[] = placement.kind === 'managed' ? workshopPolicyRefs(request.event, policy.accountId, placement.parts.length) : [];
	if (managed.length > 0) {
		const parts = managed.map((ref, index) => ({...ref, document: placement.parts[index]!.json}));
		for (const made of await ensureWorkshopPolicies(parts, {iam, event: request.event, createdAt, messages})) onEvent({type: 'managed-policy', ...made});
	}
	const policyRecord: WorkshopPolicyRecord = managed.length > 0 ? {type: 'managed', policies: managed} : {type: 'inline', name: WORKSHOP_POLICY_NAME};
	const workshopPolicyArns = [...new Set([...existingPolicies, ...managed].map((ref) => ref.arn))];

	const chat = targets.find((target) => target.model?.kind === 'chat') ?? targets[0]!;
	const claude = targets.find((target) => target.model?.provider === 'Anthropic');
	const snippets = usageSnippets({
		envFile: './.env',
		region: request.region,
		modelId: chat.requestedId,
		hasApiKey: true,
		...(claude ? {claudeModelId: claude.requestedId} : {}),
		claudeModelIds: targets.filter((target) => target.model?.provider === 'Anthropic').map((target) => target.requestedId),
	});
	const models: HandoutModel[] = targets.map((target) => ({
		id: target.requestedId,
		...(target.model ? {name: target.model.name, kind: target.model.kind} : {}),
	}));
	const check = checkCommand({region: request.region, allowed, denied, ...(request.endpointUrl ? {endpointUrl: request.endpointUrl} : {})});

	const seatNumbers = Array.from({length: request.seats}, (_, index) => index + 1);
	let done = 0;
	const results = await mapBounded(seatNumbers, request.concurrency, async (seat): Promise<SeatSummary> => {
		const existing = inventory.seats.get(seat);
		const userName = existing?.user.userName ?? seatUserName(request.event, seat, request.seats);
		if (deps.signal?.aborted) return {seat, userName, outcome: 'skipped'};
		try {
			const result: SeatResult = await ensureSeat(
				{
					event: request.event,
					seat,
					userName,
					...(existing ? {existing} : {}),
					policyName: WORKSHOP_POLICY_NAME,
					policyJson: policy.plan.compiled.json,
					...(managed.length > 0 ? {managedArns: managed.map((ref) => ref.arn)} : {}),
					workshopPolicyArns,
					credentialAgeDays: expiry.credentialAgeDays,
					createdAt,
					expiresAt: expiry.expiresAt,
				},
				{
					iam,
					messages,
					readHandout,
					handoutPath,
					mayRotate: (seatNumber) => mayRotate.has(seatNumber),
					onLostSecret: (lostSeat, lostUser) => onEvent({type: 'lost-secret', seat: lostSeat, userName: lostUser}),
					async writeHandout(name, key) {
						const path = handoutPath(name);
						const text = renderHandout(
							{
								event: request.event,
								seat,
								userName: name,
								credentialId: key.credentialId,
								secret: key.secret,
								region: request.region,
								expiresAt: expiry.expiresAt,
								models,
								snippets,
								checkCommand: check,
							},
							messages.workshop.handout,
						);
						await files.write(path, text, 0o600);
						return path;
					},
				},
			);
			onEvent({type: 'seat', seat, userName: result.userName, outcome: result.outcome, done: ++done});
			return {seat, userName: result.userName, outcome: result.outcome, credentialId: result.credentialId, handout: result.handout};
		} catch (error) {
			const reason = describeFailure(error);
			onEvent({type: 'seat', seat, userName, outcome: 'failed', reason, done: ++done});
			return {seat, userName, outcome: 'failed', reason};
		}
	});

	const warnings: string[] = [];
	// Ours from an earlier run and no longer used (the policy went inline, or split differently): deleted once every
	// seat has let go of it. With a seat failed or skipped it may still hold one: the next run deletes it.
	const stale = existingPolicies.filter((ref) => !managed.some((current) => current.arn === ref.arn));
	if (stale.length > 0 && results.every((result) => result.outcome !== 'failed' && result.outcome !== 'skipped')) {
		for (const ref of stale) {
			const deletion = await deleteWorkshopPolicy(iam, ref.arn);
			const reason =
				deletion.outcome === 'failed'
					? describeFailure(deletion.reason)
					: deletion.outcome === 'attached-elsewhere'
						? messages.workshop.create.stalePolicyAttached(ref.name)
						: undefined;
			onEvent({type: 'stale-policy', name: ref.name, deleted: reason === undefined, ...(reason ? {reason} : {})});
			if (reason) warnings.push(messages.workshop.create.stalePolicyLeft(ref.name, reason));
		}
	}
	const firstHandout = results.find((result) => result.handout)?.handout;
	if (firstHandout && (await files.gitStatus(firstHandout)) === 'tracked-or-unignored') {
		const [message, fix] = messages.workshop.create.gitTracked(request.outDir);
		warnings.push(`${message} ${fix}`);
	}
	// The guard lists every seat that exists: made after them, and not after a stop (the next run finishes it).
	// A guard that fails does not stop the run: the roster and workshop.json are written, and the failure is said.
	let spendGuard: SpendGuardResult | undefined;
	let spendGuardFailure: {readonly message: string; readonly fix?: string} | undefined;
	if (request.budget && deps.guard && !results.some((result) => result.outcome === 'skipped')) {
		spendGuard = await ensureSpendGuard(
			{
				event: request.event,
				accountId: policy.accountId,
				...request.budget,
				userNames: results.filter((result) => result.outcome !== 'failed').map((result) => result.userName),
				createdAt,
			},
			{iam, guard: deps.guard, messages},
			(step) => onEvent({type: 'spend-guard', step}),
		).catch((error: unknown) => {
			spendGuardFailure = error instanceof Problem ? error.textIn(messages) : {message: describeFailure(error)};
			return undefined;
		});
	}
	const roster = files.join(request.outDir, ROSTER_FILE);
	await files.write(
		roster,
		rosterCsv(
			results.map((result) => ({
				seat: result.seat,
				userName: result.userName,
				keyStatus: result.outcome === 'failed' || result.outcome === 'skipped' ? result.outcome : 'ready',
				expiresAt: expiry.expiresAt,
				...(result.credentialId ? {credentialId: result.credentialId} : {}),
				...(result.handout ? {handout: handoutFileName(result.userName)} : {}),
			})),
		),
		0o644,
	);
	const manifest: WorkshopManifest = {
		schemaVersion: WORKSHOP_SCHEMA_VERSION,
		event: request.event,
		region: request.region,
		seats: request.seats,
		models: allowed,
		denyProbes: denied,
		expiresAt: expiry.expiresAt,
		...(request.endpointUrl ? {endpointUrl: request.endpointUrl} : {}),
		policy: policyRecord,
		// A guard that failed is recorded as asked, so a re-run without the flags tries it again.
		...(spendGuard
			? {budget: spendGuard.record}
			: spendGuardFailure && request.budget
				? {budget: {...spendGuardNames(request.event, policy.accountId), ...request.budget}}
				: previousManifest?.budget
					? {budget: previousManifest.budget}
					: {}),
		createdAt: firstCreated ?? createdAt,
		updatedAt: deps.now().toISOString(),
	};
	await files.write(manifestPath, toJson(manifest), 0o644);

	const counts = {created: 0, completed: 0, rotated: 0, unchanged: 0, failed: 0, skipped: 0};
	for (const result of results) counts[result.outcome]++;
	return {
		schemaVersion: WORKSHOP_SCHEMA_VERSION,
		event: request.event,
		region: request.region,
		models: allowed,
		expiresAt: expiry.expiresAt,
		policy: policyRecord,
		seats: request.seats,
		ready: results.length - counts.failed - counts.skipped,
		counts,
		seatList: results,
		files: {directory: files.join(request.outDir, ''), roster, manifest: manifestPath},
		warnings,
		cancelled: counts.skipped > 0,
		elapsedMs: deps.now().getTime() - started,
		...(changes ? {changes} : {}),
		...(spendGuardFailure ? {spendGuardFailure} : {}),
		...(spendGuard
			? {
					spendGuard: {
						record: spendGuard.record,
						actions: spendGuard.actions,
						...(spendGuard.amountKept !== undefined ? {amountKept: spendGuard.amountKept} : {}),
					},
				}
			: {}),
	};
}

/** The workshop.json of this event in the folder, if any (a damaged one is an error: it must not be written over unread). */
function manifestOf(text: string | undefined, event: string, path: string): WorkshopManifest | undefined {
	if (text === undefined) return undefined;
	const manifest = parseManifest(text, path);
	return manifest.event === event ? manifest : undefined;
}

/** The request against what the workshop.json saved: undefined when the seats' policy stays the same. */
function manifestChange(
	saved: WorkshopManifest,
	now: {readonly region: string; readonly models: readonly string[]; readonly expiresAt: string; readonly placement: string},
): WorkshopChangePlan['policy'] {
	const modelsAdded = now.models.filter((id) => !saved.models.includes(id));
	const modelsRemoved = saved.models.filter((id) => !now.models.includes(id));
	const moved = Date.parse(saved.expiresAt) !== Date.parse(now.expiresAt);
	const placement = saved.policy && saved.policy.type !== now.placement ? {from: saved.policy.type, to: now.placement} : undefined;
	const region = saved.region !== now.region ? {from: saved.region, to: now.region} : undefined;
	if (modelsAdded.length === 0 && modelsRemoved.length === 0 && !moved && !placement && !region) return undefined;
	return {
		modelsAdded,
		modelsRemoved,
		...(moved ? {end: {from: saved.expiresAt, to: now.expiresAt}} : {}),
		...(region ? {region} : {}),
		...(placement ? {placement} : {}),
	};
}

/**
 * Without a workshop.json the earlier request is unknown: the seats themselves say whether their policy would
 * change. Inline, a seat holding another document than the planned one; managed, one of the workshop's
 * policies whose default version differs from its planned part. A seat missing its policy is only repaired.
 */
async function seatsHoldOtherPolicy(
	iam: IamPort,
	existing: readonly WorkshopPolicyRef[],
	seats: ReadonlyMap<number, {readonly user: {readonly userName: string}}>,
	plan: {readonly compiled: {readonly json: string}; readonly placement: {readonly kind: string; readonly parts: ReadonlyArray<{readonly json: string}>}},
): Promise<boolean> {
	if (plan.placement.kind === 'managed') {
		for (const [index, ref] of existing.entries()) {
			const found = await iam.getManagedPolicy(ref.arn);
			const part = plan.placement.parts[index];
			if (found && (!part || !samePolicyDocument(found.document, part.json))) return true;
		}
		return false;
	}
	for (const {user} of seats.values()) {
		const held = await iam.getUserPolicy(user.userName, WORKSHOP_POLICY_NAME);
		if (held !== undefined && !samePolicyDocument(held, plan.compiled.json)) return true;
	}
	return false;
}

/** When this event's workshop was first created, from its workshop.json (undefined for a new one). */
function createdAtOf(manifest: WorkshopManifest | undefined): string | undefined {
	const createdAt: unknown = manifest?.createdAt;
	return typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) ? createdAt : undefined;
}
