/**
 * Apply as a journal: every thing created or changed is recorded the moment it exists, so a failure or
 * Ctrl+C part-way can undo exactly that, in reverse order (which is also DeleteConflict-safe order).
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import {samePolicyDocument} from '../../core/iam/index.js';
import {Problem} from '../../core/problem.js';
import type {Secret} from '../../core/secret.js';
import {MANAGED_POLICY_PATH} from '../../core/policy/placement.js';
import type {AttachedPolicy, CreatedAccessKey, CreatedApiKey, IamPort, PolicyVersionSummary, ShortTermKeyPort} from '../ports.js';
import {deleteHeldKey, type HeldKey, type HeldKeyType} from './existing-keys.js';
import type {KeyKind} from './questions.js';
import type {FilesUndone} from './written-files.js';

/** The kinds of key, listed once in the questions table. */
export type {KeyKind};

export type JournalEntry =
	| {readonly kind: 'user-created'; readonly userName: string}
	| {readonly kind: 'policy-put'; readonly userName: string; readonly policyName: string; readonly previous?: string}
	| {readonly kind: 'managed-policy-detached'; readonly userName: string; readonly policyArn: string}
	/** Our customer managed policy, made for the user (journaled also when CreatePolicy failed ambiguously: it may exist). */
	| {readonly kind: 'managed-policy-created'; readonly userName: string; readonly policyArn: string}
	/** A new default version of our managed policy; undone by making `previousDefault` the default again and deleting the versions not in `before`. */
	| {
			readonly kind: 'policy-version-created';
			readonly userName: string;
			readonly policyArn: string;
			readonly previousDefault: string;
			readonly before: readonly string[];
	  }
	| {readonly kind: 'managed-policy-attached'; readonly userName: string; readonly policyArn: string}
	/** Our inline policy from an earlier run, removed because the policy is managed now (restored on rollback). */
	| {readonly kind: 'policy-deleted'; readonly userName: string; readonly policyName: string; readonly previous: string}
	| {readonly kind: 'api-key-created'; readonly userName: string; readonly credentialId: string}
	| {readonly kind: 'access-key-created'; readonly userName: string; readonly accessKeyId: string}
	/** A key the user held, deleted to make room under IAM's limit: it cannot be restored (existing-keys.ts). */
	| {readonly kind: 'old-key-deleted'; readonly userName: string; readonly keyType: HeldKeyType; readonly keyId: string};

export type ApplyStepId =
	| 'submit-use-case-form'
	| 'subscribe-model'
	| 'create-user'
	| 'put-policy'
	| 'create-managed-policy'
	| 'prune-policy-version'
	| 'create-policy-version'
	| 'attach-managed-policy'
	| 'delete-inline-policy'
	| 'delete-stale-managed-policy'
	| 'detach-managed-policy'
	| 'delete-old-key'
	| 'create-api-key'
	| 'create-access-key'
	| 'mint-short-term-key'
	| 'retire-old-key';

export type ApplyEvent =
	| {readonly type: 'step'; readonly step: ApplyStepId; readonly status: 'running' | 'done' | 'failed'; readonly detail?: string}
	| {readonly type: 'rollback'; readonly entry: JournalEntry; readonly status: 'running' | 'done' | 'failed'; readonly detail?: string};

export interface ApplyPlan {
	readonly userName: string;
	readonly existingUser: boolean;
	readonly tags: Readonly<Record<string, string>>;
	readonly policyName: string;
	readonly policyJson: string;
	/** The inline policy the user had before (restored on rollback). */
	readonly previousPolicy?: string;
	/** The policy is managed: these customer managed policies are made or updated and attached instead of the inline policy (which is removed). */
	readonly managed?: readonly ManagedPolicyPlan[];
	readonly detach: readonly AttachedPolicy[];
	readonly keys: readonly KeyKind[];
	/** Keys the user holds that must go first, because it holds as many as IAM allows (deleted just before the create that needs the room). */
	readonly makeRoom?: readonly HeldKey[];
	readonly apiKeyAgeDays?: number;
	readonly shortTermSeconds: number;
	readonly region: string;
}

export interface ManagedPolicyPlan {
	readonly name: string;
	readonly arn: string;
	readonly document: string;
	/** Ours from an earlier run: its default version and versions (newest first). */
	readonly existing?: {readonly defaultVersionId: string; readonly document: string; readonly versions: readonly PolicyVersionSummary[]};
	readonly attached: boolean;
}

/** IAM keeps at most 5 versions of a managed policy (docs/aws-facts.md, 'Managed policies'). */
export const POLICY_VERSIONS_LIMIT = 5;

export interface AppliedKeys {
	readonly apiKey?: CreatedApiKey;
	readonly accessKey?: CreatedAccessKey;
	readonly shortTermKey?: {readonly token: Secret; readonly expiresAt: string};
}

export interface ApplyContext {
	readonly iam: IamPort;
	/** Needed only when the plan's keys include a short-term key. */
	readonly shortTermKeys?: ShortTermKeyPort;
	readonly journal: JournalEntry[];
	readonly onEvent?: (event: ApplyEvent) => void;
	readonly signal?: AbortSignal;
	/** Awaited before each step: the front end holds the run here while it asks first (the TUI's quit dialog). */
	readonly gate?: () => Promise<void>;
	readonly now: () => Date;
}

export async function applyPlan(plan: ApplyPlan, context: ApplyContext): Promise<AppliedKeys> {
	const {iam, journal} = context;
	const step = <T>(id: ApplyStepId, work: () => Promise<T>, detail?: string): Promise<T> => reportedStep(context, id, work, detail);

	if (!plan.existingUser) {
		await step(
			'create-user',
			async () => {
				await iam.createUser(plan.userName, plan.tags);
				journal.push({kind: 'user-created', userName: plan.userName});
			},
			plan.userName,
		);
	}
	if (plan.managed) {
		for (const policy of plan.managed) await applyManagedPolicy(plan, policy, step, context);
		if (plan.previousPolicy !== undefined) {
			const previous = plan.previousPolicy;
			await step(
				'delete-inline-policy',
				async () => {
					try {
						await iam.deleteUserPolicy(plan.userName, plan.policyName);
					} catch (error) {
						// Gone already (a retry after a lost reply): deleted all the same, so journaled to be restored.
						if (!isNotFound(error)) throw error;
					}
					journal.push({kind: 'policy-deleted', userName: plan.userName, policyName: plan.policyName, previous});
				},
				plan.policyName,
			);
		}
	} else {
		await step(
			'put-policy',
			async () => {
				await iam.putUserPolicy(plan.userName, plan.policyName, plan.policyJson);
				journal.push({
					kind: 'policy-put',
					userName: plan.userName,
					policyName: plan.policyName,
					...(plan.previousPolicy !== undefined ? {previous: plan.previousPolicy} : {}),
				});
			},
			plan.policyName,
		);
	}
	for (const policy of plan.detach) {
		await step(
			'detach-managed-policy',
			async () => {
				try {
					await iam.detachPolicy(plan.userName, policy.arn);
				} catch (error) {
					// Not attached (any more): a retry after a reply that was lost on its way back, having detached it.
					// Detached all the same, so journaled: a rollback must attach it again.
					if (!isNotFound(error)) throw error;
				}
				journal.push({kind: 'managed-policy-detached', userName: plan.userName, policyArn: policy.arn});
			},
			policy.name,
		);
	}
	let apiKey: CreatedApiKey | undefined;
	let accessKey: CreatedAccessKey | undefined;
	let shortTermKey: AppliedKeys['shortTermKey'];
	// As late as possible: every step before it could still fail and leave the old keys untouched.
	const makeRoomFor = async (type: HeldKeyType): Promise<void> => {
		for (const key of (plan.makeRoom ?? []).filter((candidate) => candidate.type === type)) {
			await step(
				'delete-old-key',
				async () => {
					try {
						await deleteHeldKey(iam, plan.userName, type, key.id);
					} catch (error) {
						// Gone already (a retry after a lost reply, or someone else): the room is made all the same.
						if (!isNotFound(error)) throw error;
					}
					journal.push({kind: 'old-key-deleted', userName: plan.userName, keyType: type, keyId: key.id});
				},
				key.id,
			);
		}
	};
	if (plan.keys.includes('api-key')) {
		await makeRoomFor('api-key');
		apiKey = await atKeyLimit(iam, plan.userName, 'api-key', () =>
			step('create-api-key', async () => {
				const created = await iam.createApiKey(plan.userName, plan.apiKeyAgeDays);
				journal.push({kind: 'api-key-created', userName: plan.userName, credentialId: created.credentialId});
				return created;
			}),
		);
	}
	// A short-term key is signed by the user's own access key, so it needs one.
	if (plan.keys.includes('access-key') || plan.keys.includes('short-term')) {
		await makeRoomFor('access-key');
		accessKey = await atKeyLimit(iam, plan.userName, 'access-key', () =>
			step('create-access-key', async () => {
				const created = await iam.createAccessKey(plan.userName);
				journal.push({kind: 'access-key-created', userName: plan.userName, accessKeyId: created.accessKeyId});
				return created;
			}),
		);
	}
	if (plan.keys.includes('short-term') && accessKey) {
		const signer = accessKey;
		const minter = context.shortTermKeys;
		if (!minter) throw new Error('applyPlan: a short-term key needs the short-term key port');
		shortTermKey = await step('mint-short-term-key', async () => {
			const token = await minter.mint(signer.accessKeyId, signer.secretAccessKey, plan.region, plan.shortTermSeconds);
			return {token, expiresAt: new Date(context.now().getTime() + plan.shortTermSeconds * 1000).toISOString()};
		});
	}
	return {...(apiKey ? {apiKey} : {}), ...(accessKey ? {accessKey} : {}), ...(shortTermKey ? {shortTermKey} : {})};
}

type Step = <T>(id: ApplyStepId, work: () => Promise<T>, detail?: string) => Promise<T>;

/**
 * IAM's LimitExceeded at the create of a key: the user holds IAM's 2 keys of that type although the review
 * counted fewer (someone, or another run, made one in between). Said as that, naming the keys it holds now
 * when they can be listed, and how to make room; the step itself shows AWS's words, and the run is rolled
 * back as for any failure before the save.
 */
async function atKeyLimit<T>(iam: IamPort, userName: string, type: HeldKeyType, create: () => Promise<T>): Promise<T> {
	try {
		return await create();
	} catch (error) {
		if (!isAwsFailure(error, 'limit-exceeded')) throw error;
		const ids = await (
			type === 'api-key'
				? iam.listApiKeys(userName).then((keys) => keys.map((key) => key.credentialId))
				: iam.listAccessKeys(userName).then((keys) => keys.map((key) => key.accessKeyId))
		).catch(() => [] as string[]);
		throw new Problem('aws-refused', (messages) => messages.problems.aws.keyLimitReached(userName, type, ids, describeFailure(error)), {
			cause: error,
		});
	}
}

/**
 * One step of the apply as the front ends show it: running, then done or failed (with the failure's
 * words); none starts once the run is cancelled.
 */
export async function reportedStep<T>(
	context: Pick<ApplyContext, 'onEvent' | 'signal' | 'gate'>,
	id: ApplyStepId,
	work: () => Promise<T>,
	detail?: string,
): Promise<T> {
	await context.gate?.();
	if (context.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelledApplying());
	context.onEvent?.({type: 'step', step: id, status: 'running', ...(detail ? {detail} : {})});
	try {
		const result = await work();
		context.onEvent?.({type: 'step', step: id, status: 'done', ...(detail ? {detail} : {})});
		return result;
	} catch (error) {
		context.onEvent?.({type: 'step', step: id, status: 'failed', detail: (error as Error).message});
		throw error;
	}
}

/**
 * One managed policy: made (tagged like the users, under our path) or given a new default version (the
 * oldest versions that are not the default pruned first, to stay within IAM's 5), then attached. Each
 * change is journaled as soon as it may exist: a create that failed ambiguously may have happened.
 */
async function applyManagedPolicy(plan: ApplyPlan, policy: ManagedPolicyPlan, step: Step, context: ApplyContext): Promise<void> {
	const {iam, journal} = context;
	/** Runs `work` and journals `entry` once it succeeded, or failed ambiguously (it may have happened). */
	const journaled = async (entry: JournalEntry, work: () => Promise<unknown>): Promise<void> => {
		try {
			await work();
		} catch (error) {
			if (isAwsFailure(error, 'ambiguous')) journal.push(entry);
			throw error;
		}
		journal.push(entry);
	};
	if (!policy.existing) {
		await step(
			'create-managed-policy',
			() =>
				journaled({kind: 'managed-policy-created', userName: plan.userName, policyArn: policy.arn}, () =>
					iam.createManagedPolicy(policy.name, MANAGED_POLICY_PATH, policy.document, plan.tags),
				),
			policy.name,
		);
	} else if (!samePolicyDocument(policy.existing.document, policy.document)) {
		const existing = policy.existing;
		const pruned = new Set<string>();
		for (const oldest of versionsToPrune(existing.versions)) {
			await step(
				'prune-policy-version',
				async () => {
					try {
						await iam.deletePolicyVersion(policy.arn, oldest.versionId);
					} catch (error) {
						if (!isNotFound(error)) throw error;
					}
				},
				`${policy.name} ${oldest.versionId}`,
			);
			pruned.add(oldest.versionId);
		}
		const entry = {
			kind: 'policy-version-created' as const,
			userName: plan.userName,
			policyArn: policy.arn,
			previousDefault: existing.defaultVersionId,
			before: existing.versions.map((version) => version.versionId).filter((id) => !pruned.has(id)),
		};
		await step('create-policy-version', () => journaled(entry, () => iam.createPolicyVersion(policy.arn, policy.document)), policy.name);
	}
	if (!policy.attached) {
		await step(
			'attach-managed-policy',
			() => journaled({kind: 'managed-policy-attached', userName: plan.userName, policyArn: policy.arn}, () => iam.attachPolicy(plan.userName, policy.arn)),
			policy.name,
		);
	}
}

/**
 * The versions to delete before one more is made, oldest first, so IAM's 5 are not exceeded (`versions` as
 * ListPolicyVersions gives them, newest first). The default is never among them: it is in force until the
 * new one takes over, so pruning the others changes nothing anyone is granted.
 */
export function versionsToPrune(versions: readonly PolicyVersionSummary[]): readonly PolicyVersionSummary[] {
	const excess = versions.length - (POLICY_VERSIONS_LIMIT - 1);
	return excess <= 0
		? []
		: versions
				.filter((version) => !version.isDefault)
				.reverse()
				.slice(0, excess);
}

/** A managed policy can be deleted once detached and without versions but the default (docs/aws-facts.md, 'Managed policies'). */
export async function deleteManagedPolicyCompletely(iam: IamPort, policyArn: string): Promise<void> {
	for (const version of await iam.listPolicyVersions(policyArn)) {
		if (!version.isDefault) await iam.deletePolicyVersion(policyArn, version.versionId);
	}
	await iam.deleteManagedPolicy(policyArn);
}

/**
 * Our managed policies that the new inline policy replaced (detached by the apply), deleted once the new
 * key works and is saved. It never throws: a failure is reported, and cleanup finds nothing detached, so
 * the step says which policy is left.
 */
export async function deleteStaleManagedPolicies(policies: readonly AttachedPolicy[], iam: IamPort, onEvent?: (event: ApplyEvent) => void): Promise<void> {
	for (const policy of policies) {
		onEvent?.({type: 'step', step: 'delete-stale-managed-policy', status: 'running', detail: policy.name});
		try {
			await deleteManagedPolicyCompletely(iam, policy.arn);
		} catch (error) {
			// Gone already: deleted all the same.
			if (!isNotFound(error)) {
				onEvent?.({type: 'step', step: 'delete-stale-managed-policy', status: 'failed', detail: `${policy.arn}: ${describeFailure(error)}`});
				continue;
			}
		}
		onEvent?.({type: 'step', step: 'delete-stale-managed-policy', status: 'done', detail: policy.name});
	}
}

export interface RollbackOutcome {
	readonly undone: readonly JournalEntry[];
	readonly failed: ReadonlyArray<{readonly entry: JournalEntry; readonly message: string}>;
	/** Old keys deleted to make room: no undo can bring a deleted key back, so they are named instead. */
	readonly lost?: readonly JournalEntry[];
	/** The files the run wrote, deleted or put back as they were (flows/create/written-files.ts). */
	readonly files?: FilesUndone;
}

/** What a failed run keeps instead of undoing it (--keep-on-failure, or kept when quitting). */
export interface KeptOutcome {
	readonly kept: readonly JournalEntry[];
	/** Old keys deleted to make room: gone whether or not the rest is kept, so they are named too. */
	readonly lost?: readonly JournalEntry[];
}

/**
 * What a run did for the account rather than the key, which no rollback takes back: the Marketplace
 * subscriptions it made and Anthropic's use-case form it sent (both before anything of the key was made).
 */
export function accountChanges(log: readonly ApplyEvent[]): {readonly subscriptions: readonly string[]; readonly useCaseForm: boolean} {
	const done = log.filter((event) => event.type === 'step' && event.status === 'done');
	return {
		subscriptions: done.flatMap((event) => (event.type === 'step' && event.step === 'subscribe-model' && event.detail ? [event.detail] : [])),
		useCaseForm: done.some((event) => event.type === 'step' && event.step === 'submit-use-case-form'),
	};
}

export function keepJournal(journal: readonly JournalEntry[]): KeptOutcome {
	const lost = journal.filter((entry) => entry.kind === 'old-key-deleted');
	return {kept: journal.filter((entry) => entry.kind !== 'old-key-deleted'), ...(lost.length > 0 ? {lost} : {})};
}

/** Undoes the journal newest first; keeps going past a failure so as much as possible is undone, and says what was not. */
export async function rollback(journal: readonly JournalEntry[], iam: IamPort, onEvent?: (event: ApplyEvent) => void): Promise<RollbackOutcome> {
	const undone: JournalEntry[] = [];
	const failed: Array<{entry: JournalEntry; message: string}> = [];
	const lost = journal.filter((entry) => entry.kind === 'old-key-deleted');
	for (const entry of [...journal].reverse()) {
		if (entry.kind === 'old-key-deleted') continue;
		onEvent?.({type: 'rollback', entry, status: 'running'});
		try {
			await undo(entry, iam);
			undone.push(entry);
			onEvent?.({type: 'rollback', entry, status: 'done'});
		} catch (error) {
			const message = (error as Error).message;
			failed.push({entry, message});
			onEvent?.({type: 'rollback', entry, status: 'failed', detail: message});
		}
	}
	return {undone, failed, ...(lost.length > 0 ? {lost} : {})};
}

/** Flows see AWS failures by kind (core/aws-failure.ts): what the call names does not exist. */
const isNotFound = (error: unknown): boolean => isAwsFailure(error, 'not-found');

/**
 * A delete that finds nothing to delete has been undone already: typically by the same call, retried
 * after its reply was lost. It is not reported as left behind.
 */
async function undo(entry: JournalEntry, iam: IamPort): Promise<void> {
	try {
		await undoOnce(entry, iam);
	} catch (error) {
		const deletes =
			entry.kind !== 'managed-policy-detached' &&
			entry.kind !== 'policy-deleted' &&
			entry.kind !== 'policy-version-created' &&
			!(entry.kind === 'policy-put' && entry.previous !== undefined);
		if (!deletes || !isNotFound(error)) throw error;
	}
}

async function undoOnce(entry: JournalEntry, iam: IamPort): Promise<void> {
	switch (entry.kind) {
		case 'access-key-created':
			return iam.deleteAccessKey(entry.userName, entry.accessKeyId);
		case 'api-key-created':
			return iam.deleteApiKey(entry.userName, entry.credentialId);
		case 'managed-policy-detached':
			return iam.attachPolicy(entry.userName, entry.policyArn);
		case 'policy-put':
			return entry.previous !== undefined
				? iam.putUserPolicy(entry.userName, entry.policyName, entry.previous)
				: iam.deleteUserPolicy(entry.userName, entry.policyName);
		case 'user-created':
			return iam.deleteUser(entry.userName);
		case 'managed-policy-created':
			return deleteManagedPolicyCompletely(iam, entry.policyArn);
		case 'policy-version-created': {
			await iam.setDefaultPolicyVersion(entry.policyArn, entry.previousDefault);
			for (const version of await iam.listPolicyVersions(entry.policyArn)) {
				if (!entry.before.includes(version.versionId)) await iam.deletePolicyVersion(entry.policyArn, version.versionId);
			}
			return;
		}
		case 'managed-policy-attached':
			return iam.detachPolicy(entry.userName, entry.policyArn);
		case 'policy-deleted':
			return iam.putUserPolicy(entry.userName, entry.policyName, entry.previous);
		case 'old-key-deleted':
			throw new Error('A deleted key cannot be restored.');
	}
}
