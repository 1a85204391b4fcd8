/**
 * `workshop teardown`: every user carrying the event's tag, with all it holds, deleted in DeleteConflict-
 * safe order (deleteUserCompletely). The plan is the inventory (dry run); deleting re-reads each user's
 * dependents, so a second run after an interruption or partial failure simply finishes the job. Users
 * without the event's tag are never touched, whatever their name.
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import {mapBounded} from '../bounded.js';
import {deleteUserCompletely} from '../cleanup/delete-user.js';
import type {IamPort} from '../ports.js';
import {takeInventory, type WorkshopInventory} from './inventory.js';

export interface TeardownPlan {
	readonly event: string;
	readonly users: ReadonlyArray<{readonly userName: string; readonly seat: number; readonly apiKeys: number}>;
	readonly lookalikes: readonly string[];
}

export type TeardownEvent =
	| {readonly type: 'deleted'; readonly userName: string; readonly seat: number; readonly done: number}
	| {readonly type: 'failed'; readonly userName: string; readonly seat: number; readonly reason: string; readonly done: number};

export interface TeardownSummary {
	readonly schemaVersion: number;
	readonly event: string;
	readonly dryRun: boolean;
	readonly planned: TeardownPlan['users'];
	readonly deleted: readonly string[];
	readonly failed: ReadonlyArray<{readonly userName: string; readonly reason: string}>;
	readonly lookalikes: readonly string[];
	/** Users of the event still in IAM after this run (0 when teardown is complete). */
	readonly remaining: number;
	readonly cancelled: boolean;
}

export function teardownPlan(event: string, inventory: WorkshopInventory): TeardownPlan {
	return {
		event,
		users: inventory.tagged.map(({user, seat, keys}) => ({userName: user.userName, seat, apiKeys: keys.length})),
		lookalikes: inventory.lookalikes.map((user) => user.userName),
	};
}

export async function planWorkshopTeardown(iam: IamPort, event: string): Promise<TeardownPlan> {
	return teardownPlan(event, await takeInventory(iam, event));
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
	return {
		schemaVersion: 1,
		event: plan.event,
		dryRun: false,
		planned: plan.users,
		deleted: deleted.sort(),
		failed,
		lookalikes: plan.lookalikes,
		remaining: after.tagged.length,
		cancelled: skipped > 0,
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
