/**
 * `workshop teardown`: every user carrying the event's tag, with all it holds, deleted in DeleteConflict-
 * safe order (deleteUserCompletely: the workshop's managed policies are only detached from each seat, since
 * they do not carry the tag that makes a policy a user's own), then the workshop's customer managed policies
 * (other versions first, then the policy: docs/aws-facts.md, 'Managed policies'). The plan is the inventory
 * (dry run); deleting re-reads each user's dependents and each policy's versions, so a second run after an
 * interruption or partial failure simply finishes the job. Users without the event's tag, and policies
 * without it, are never touched, whatever their name; a policy still attached to something that is not a seat
 * is left and named.
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import {mapBounded} from '../bounded.js';
import {deleteUserCompletely} from '../cleanup/delete-user.js';
import type {IamPort} from '../ports.js';
import {takeInventory, type WorkshopInventory} from './inventory.js';
import {deleteWorkshopPolicy, findWorkshopPolicies, type WorkshopPolicyRef} from './managed-policy.js';

export interface TeardownPlan {
	readonly event: string;
	readonly users: ReadonlyArray<{readonly userName: string; readonly seat: number; readonly apiKeys: number}>;
	readonly lookalikes: readonly string[];
	/** The workshop's customer managed policies (tagged with the event), deleted after the seats. */
	readonly policies: readonly WorkshopPolicyRef[];
}

export type TeardownEvent =
	| {readonly type: 'deleted'; readonly userName: string; readonly seat: number; readonly done: number}
	| {readonly type: 'failed'; readonly userName: string; readonly seat: number; readonly reason: string; readonly done: number};

export interface TeardownSummary {
	readonly schemaVersion: number;
	readonly event: string;
	readonly dryRun: boolean;
	readonly planned: TeardownPlan['users'];
	readonly plannedPolicies: TeardownPlan['policies'];
	readonly deleted: readonly string[];
	readonly failed: ReadonlyArray<{readonly userName: string; readonly reason: string}>;
	readonly lookalikes: readonly string[];
	/** Users of the event still in IAM after this run (0 when teardown is complete). */
	readonly remaining: number;
	/** The workshop's managed policies: deleted, left (still attached to something that is not a seat, or failed), and how many are still in IAM. */
	readonly policies: {
		readonly deleted: readonly string[];
		readonly left: ReadonlyArray<{readonly name: string; readonly arn: string; readonly attachedElsewhere: boolean; readonly reason?: string}>;
		readonly remaining: number;
	};
	readonly cancelled: boolean;
}

export function teardownPlan(event: string, inventory: WorkshopInventory, policies: readonly WorkshopPolicyRef[] = []): TeardownPlan {
	return {
		event,
		users: inventory.tagged.map(({user, seat, keys}) => ({userName: user.userName, seat, apiKeys: keys.length})),
		lookalikes: inventory.lookalikes.map((user) => user.userName),
		policies,
	};
}

export async function planWorkshopTeardown(iam: IamPort, event: string): Promise<TeardownPlan> {
	const [inventory, policies] = await Promise.all([takeInventory(iam, event), findWorkshopPolicies(iam, event)]);
	return teardownPlan(event, inventory, policies);
}

export async function runWorkshopTeardown(
	plan: TeardownPlan,
	deps: {readonly iam: IamPort; readonly concurrency: number; readonly signal?: AbortSignal},
	onEvent: (event: TeardownEvent) => void = () => {},
): Promise<TeardownSummary> {
	const deleted: string[] = [];
	const failed: Array<{userName: string; reason: string}> = [];
	let done = 0;
	let skipped = 0;
	await mapBounded(plan.users, deps.concurrency, async ({userName, seat}) => {
		if (deps.signal?.aborted) {
			skipped++;
			return;
		}
		try {
			await deleteSeatUser(deps.iam, userName);
			deleted.push(userName);
			onEvent({type: 'deleted', userName, seat, done: ++done});
		} catch (error) {
			const reason = describeFailure(error);
			failed.push({userName, reason});
			onEvent({type: 'failed', userName, seat, reason, done: ++done});
		}
	});
	const after = await takeInventory(deps.iam, plan.event);
	// The policies go once no seat holds them: with a seat left (failed, or skipped by a stop) the next run deletes them.
	const policiesDeleted: string[] = [];
	const left: Array<{name: string; arn: string; attachedElsewhere: boolean; reason?: string}> = [];
	if (after.tagged.length === 0 && !deps.signal?.aborted) {
		for (const policy of plan.policies) {
			const deletion = await deleteWorkshopPolicy(deps.iam, policy.arn);
			if (deletion.outcome === 'deleted') policiesDeleted.push(policy.name);
			else
				left.push({
					...policy,
					attachedElsewhere: deletion.outcome === 'attached-elsewhere',
					...(deletion.outcome === 'failed' ? {reason: describeFailure(deletion.reason)} : {}),
				});
		}
	}
	return {
		schemaVersion: 1,
		event: plan.event,
		dryRun: false,
		planned: plan.users,
		plannedPolicies: plan.policies,
		deleted: deleted.sort(),
		failed,
		lookalikes: plan.lookalikes,
		remaining: after.tagged.length,
		policies: {deleted: policiesDeleted, left, remaining: plan.policies.length - policiesDeleted.length},
		cancelled: skipped > 0 || (deps.signal?.aborted === true && plan.policies.length > policiesDeleted.length),
	};
}

/**
 * One user, all the way. A user already gone counts as deleted (an earlier run, or a lost answer); a
 * dependent that vanished between listing and deleting (another run racing this one) means: plan again.
 */
async function deleteSeatUser(iam: IamPort, userName: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await deleteUserCompletely(iam, userName);
			return;
		} catch (error) {
			if (isAwsFailure(error, 'not-found') && !(await iam.findUser(userName))) return;
			if (isAwsFailure(error, 'not-found', 'conflict') && attempt < 3) continue;
			throw error;
		}
	}
}
