/**
 * `cleanup`: list what this tool made (a dry run unless confirmed), then delete each user in
 * DeleteConflict-safe order. Running it again is harmless: what is gone is skipped.
 */
import {describeFailure} from '../../core/aws-failure.js';
import type {Messages} from '../../core/i18n/en.js';
import type {IamPort} from '../ports.js';
import {deleteUserCompletely, type DeletionStep} from './delete-user.js';
import {findManagedUsers, type ManagedUser} from './find-managed.js';

export interface CleanupFrontEnd {
	/** The users are listed: delete them? (false = a dry run) */
	confirmDelete(users: readonly ManagedUser[]): Promise<boolean>;
	onEvent?(event: CleanupEvent): void;
}

export type CleanupEvent =
	| {readonly type: 'found'; readonly users: readonly ManagedUser[]}
	| {readonly type: 'deleting'; readonly userName: string}
	| {readonly type: 'step'; readonly userName: string; readonly step: DeletionStep}
	| {readonly type: 'deleted'; readonly userName: string}
	| {readonly type: 'failed'; readonly userName: string; readonly message: string};

export interface CleanupOutcome {
	readonly users: readonly ManagedUser[];
	readonly dryRun: boolean;
	readonly deleted: readonly string[];
	readonly failed: ReadonlyArray<{readonly userName: string; readonly message: string}>;
	/** Stopped by the signal: the users after the one being deleted were left for the next run. */
	readonly cancelled: boolean;
}

export interface CleanupOptions {
	readonly iam: IamPort;
	readonly userName?: string;
	readonly olderThanMs?: number;
	readonly now: Date;
	readonly messages: Messages;
	/** A stop (Ctrl+C, SIGTERM, SIGHUP): the user being deleted is finished, never left half-deleted; the rest wait. */
	readonly signal?: AbortSignal;
}

export async function runCleanup(frontEnd: CleanupFrontEnd, options: CleanupOptions): Promise<CleanupOutcome> {
	const users = await findManagedUsers(options.iam, options);
	if (options.signal?.aborted) return {users, dryRun: true, deleted: [], failed: [], cancelled: true};
	frontEnd.onEvent?.({type: 'found', users});
	if (users.length === 0 || !(await frontEnd.confirmDelete(users))) return {users, dryRun: true, deleted: [], failed: [], cancelled: false};
	const deleted: string[] = [];
	const failed: Array<{userName: string; message: string}> = [];
	// One at a time: IAM's control plane throttles bursts, and a failure stays easy to read.
	for (const user of users) {
		if (options.signal?.aborted) return {users, dryRun: false, deleted, failed, cancelled: true};
		frontEnd.onEvent?.({type: 'deleting', userName: user.userName});
		try {
			await deleteUserCompletely(options.iam, user.userName, (step) => frontEnd.onEvent?.({type: 'step', userName: user.userName, step}));
			deleted.push(user.userName);
			frontEnd.onEvent?.({type: 'deleted', userName: user.userName});
		} catch (error) {
			const message = describeFailure(error);
			failed.push({userName: user.userName, message});
			frontEnd.onEvent?.({type: 'failed', userName: user.userName, message});
		}
	}
	return {users, dryRun: false, deleted, failed, cancelled: false};
}
