/**
 * `cleanup`: list what this tool made (a dry run unless confirmed), then delete each user in
 * DeleteConflict-safe order. Running it again is harmless: what is gone is skipped.
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import type {Messages} from '../../core/i18n/en.js';
import type {IamPort} from '../ports.js';
import {deleteUserCompletely, type DeletionStep} from './delete-user.js';
import {deleteManagedPolicyCompletely} from '../create/apply.js';
import {findManagedUsers, findOrphanPolicies, seatOfWorkshop, type ManagedUser, type OrphanPolicy} from './find-managed.js';

export interface CleanupFrontEnd {
	/** The users and detached policies are listed: delete them? (false = a dry run) */
	confirmDelete(users: readonly ManagedUser[], policies: readonly OrphanPolicy[]): Promise<boolean>;
	onEvent?(event: CleanupEvent): void;
}

export type CleanupEvent =
	| {readonly type: 'found'; readonly users: readonly ManagedUser[]; readonly policies: readonly OrphanPolicy[]}
	/** Seats of workshops that were left out (no --include-workshops): how many, of which events. */
	| {readonly type: 'seats-left-out'; readonly seats: number; readonly events: readonly string[]}
	| {readonly type: 'policy-deleted'; readonly arn: string}
	| {readonly type: 'policy-failed'; readonly arn: string; readonly message: string}
	| {readonly type: 'deleting'; readonly userName: string}
	| {readonly type: 'step'; readonly userName: string; readonly step: DeletionStep}
	| {readonly type: 'deleted'; readonly userName: string}
	| {readonly type: 'failed'; readonly userName: string; readonly message: string};

export interface CleanupOutcome {
	readonly users: readonly ManagedUser[];
	/** Our managed policies attached to nothing (left by a stopped run, or a user deleted by hand). */
	readonly policies: readonly OrphanPolicy[];
	readonly dryRun: boolean;
	readonly deleted: readonly string[];
	readonly failed: ReadonlyArray<{readonly userName: string; readonly message: string}>;
	readonly deletedPolicies: readonly string[];
	readonly failedPolicies: ReadonlyArray<{readonly arn: string; readonly message: string}>;
	/** Stopped by the signal: the users after the one being deleted were left for the next run. */
	readonly cancelled: boolean;
}

export interface CleanupOptions {
	readonly iam: IamPort;
	readonly userName?: string;
	readonly olderThanMs?: number;
	readonly now: Date;
	readonly messages: Messages;
	/** Seats of workshops too (`--include-workshops`). */
	readonly includeWorkshops?: boolean;
	/** A stop (Ctrl+C, SIGTERM, SIGHUP): the user being deleted is finished, never left half-deleted; the rest wait. */
	readonly signal?: AbortSignal;
}

export async function runCleanup(frontEnd: CleanupFrontEnd, options: CleanupOptions): Promise<CleanupOutcome> {
	const users = await findManagedUsers(options.iam, {
		...options,
		onSeatsLeftOut: (seats) =>
			frontEnd.onEvent?.({
				type: 'seats-left-out',
				seats: seats.length,
				events: [...new Set(seats.map((seat) => seatOfWorkshop(seat)!.event))].sort(),
			}),
	});
	// After the users are listed: a policy of a user being deleted right now is that user's, not an orphan.
	const policies = await findOrphanPolicies(options.iam, options);
	const outcome = {users, policies, deleted: [] as string[], failed: [] as Array<{userName: string; message: string}>};
	const policyOutcome = {deletedPolicies: [] as string[], failedPolicies: [] as Array<{arn: string; message: string}>};
	const done = (dryRun: boolean, cancelled: boolean): CleanupOutcome => ({...outcome, ...policyOutcome, dryRun, cancelled});
	if (options.signal?.aborted) return done(true, true);
	frontEnd.onEvent?.({type: 'found', users, policies});
	if ((users.length === 0 && policies.length === 0) || !(await frontEnd.confirmDelete(users, policies))) return done(true, false);
	// One at a time: IAM's control plane throttles bursts, and a failure stays easy to read.
	for (const user of users) {
		if (options.signal?.aborted) return done(false, true);
		frontEnd.onEvent?.({type: 'deleting', userName: user.userName});
		try {
			await deleteUserCompletely(options.iam, user.userName, (step) => frontEnd.onEvent?.({type: 'step', userName: user.userName, step}));
			outcome.deleted.push(user.userName);
			frontEnd.onEvent?.({type: 'deleted', userName: user.userName});
		} catch (error) {
			const message = describeFailure(error);
			outcome.failed.push({userName: user.userName, message});
			frontEnd.onEvent?.({type: 'failed', userName: user.userName, message});
		}
	}
	for (const policy of policies) {
		if (options.signal?.aborted) return done(false, true);
		try {
			await deleteManagedPolicyCompletely(options.iam, policy.arn);
			policyOutcome.deletedPolicies.push(policy.arn);
			frontEnd.onEvent?.({type: 'policy-deleted', arn: policy.arn});
		} catch (error) {
			// Gone already (another run): deleted all the same.
			if (isAwsFailure(error, 'not-found')) {
				policyOutcome.deletedPolicies.push(policy.arn);
				continue;
			}
			const message = describeFailure(error);
			policyOutcome.failedPolicies.push({arn: policy.arn, message});
			frontEnd.onEvent?.({type: 'policy-failed', arn: policy.arn, message});
		}
	}
	return done(false, false);
}
