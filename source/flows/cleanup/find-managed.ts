/**
 * What this tool made, found by its tag (bedrock-key-wizard:managed=true, set by create): each user with
 * its age, keys and expiry, and the exact deletion plan. A user without the tag is never touched.
 */
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {MANAGED_POLICY_PATH} from '../../core/policy/placement.js';
import type {AccessKeySummary, ApiKeySummary, ExistingUser, IamPort} from '../ports.js';
import {mapBounded} from '../bounded.js';
import {ageInDays} from '../check/inspect-user.js';
import {CREATED_TAG, MANAGED_TAG} from '../create/review.js';
import {listUserHoldings, planUserDeletion, type DeletionStep} from './delete-user.js';
import {SEAT_TAG, WORKSHOP_TAG} from '../../core/workshop/seat-names.js';

export interface ManagedUser {
	readonly userName: string;
	readonly arn: string;
	readonly createdAt?: string;
	readonly ageDays?: number;
	readonly apiKeys: readonly ApiKeySummary[];
	readonly accessKeys: readonly AccessKeySummary[];
	/** The earliest expiry of an active API key. */
	readonly nextExpiry?: string;
	readonly steps: readonly DeletionStep[];
	/** A seat of a workshop (its tags): listed only with `includeWorkshops`, and named as such. */
	readonly workshop?: {readonly event: string; readonly seat: number};
}

/** The workshop a user is a seat of, from its tags. */
export function seatOfWorkshop(user: ExistingUser): {readonly event: string; readonly seat: number} | undefined {
	const event = user.tags[WORKSHOP_TAG];
	if (event === undefined) return undefined;
	const seat = Number(user.tags[SEAT_TAG]);
	return {event, seat: Number.isInteger(seat) ? seat : 0};
}

export interface FindOptions {
	readonly userName?: string;
	readonly olderThanMs?: number;
	readonly now: Date;
	readonly messages: Messages;
	/** Seats of workshops too (`--include-workshops`); without it they are left out and counted (`onSeatsLeftOut`). */
	readonly includeWorkshops?: boolean;
	readonly onSeatsLeftOut?: (seats: readonly ExistingUser[]) => void;
}

export async function findManagedUsers(iam: IamPort, options: FindOptions): Promise<readonly ManagedUser[]> {
	let users: readonly ExistingUser[];
	if (options.userName) {
		const user = await iam.findUser(options.userName);
		if (user && user.tags[MANAGED_TAG] !== 'true') throw new Problem('usage', ...options.messages.check.cleanup.notManaged(options.userName));
		const seat = user ? seatOfWorkshop(user) : undefined;
		// A seat is a participant's key in the middle of a class, perhaps: only on purpose.
		if (seat && !options.includeWorkshops) throw new Problem('usage', ...options.messages.workshop.cleanup.seatRefused(user!.userName, seat.event, seat.seat));
		users = user ? [user] : [];
	} else {
		const managed = (await iam.listUsers()).filter((user) => user.tags[MANAGED_TAG] === 'true');
		const seats = managed.filter((user) => seatOfWorkshop(user));
		if (seats.length > 0 && !options.includeWorkshops) options.onSeatsLeftOut?.(seats);
		users = options.includeWorkshops ? managed : managed.filter((user) => !seatOfWorkshop(user));
	}
	const old = users.filter((user) => {
		if (options.olderThanMs === undefined) return true;
		const created = createdAt(user);
		return created !== undefined && options.now.getTime() - Date.parse(created) >= options.olderThanMs;
	});
	const found = await mapBounded(old, 4, async (user) => describe(iam, user, options.now));
	return found.sort((a, b) => a.userName.localeCompare(b.userName));
}

/** When create made the user (its tag); IAM's CreateDate otherwise. */
const createdAt = (user: ExistingUser): string | undefined => user.tags[CREATED_TAG] ?? user.createdAt;

async function describe(iam: IamPort, user: ExistingUser, now: Date): Promise<ManagedUser> {
	const holdings = await listUserHoldings(iam, user.userName);
	const {apiKeys, accessKeys} = holdings;
	const steps = await planUserDeletion(iam, user.userName, holdings);
	const created = createdAt(user);
	const ageDays = ageInDays(created, now);
	const nextExpiry = apiKeys
		.filter((key) => key.status === 'Active' && key.expiresAt)
		.map((key) => key.expiresAt!)
		.sort()[0];
	const seat = seatOfWorkshop(user);
	return {
		userName: user.userName,
		arn: user.arn,
		...(seat ? {workshop: seat} : {}),
		...(created ? {createdAt: created} : {}),
		...(ageDays !== undefined ? {ageDays} : {}),
		apiKeys,
		accessKeys,
		...(nextExpiry ? {nextExpiry} : {}),
		steps,
	};
}

/** A customer managed policy this tool made (under its path, tagged) that is attached to nothing. */
export interface OrphanPolicy {
	readonly name: string;
	readonly arn: string;
	readonly createdAt?: string;
	readonly ageDays?: number;
}

/**
 * Our managed policies attached to no user, group or role (ListPolicies' AttachmentCount): what a run
 * stopped between making the policy and attaching it, or a user deleted by hand, left behind. With
 * `userName`, only the policies named for that user (`bedrock-key-wizard-<user>`, `-1`, `-2`… when split).
 */
export async function findOrphanPolicies(iam: IamPort, options: Pick<FindOptions, 'userName' | 'olderThanMs' | 'now'>): Promise<readonly OrphanPolicy[]> {
	const base = `bedrock-key-wizard-${options.userName ?? ''}`;
	const named = (name: string): boolean =>
		options.userName === undefined || name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
	const detached = (await iam.listManagedPolicies(MANAGED_POLICY_PATH)).filter((policy) => policy.attachmentCount === 0 && named(policy.name));
	const found = await mapBounded(detached, 4, async (policy) => {
		const info = await iam.getManagedPolicy(policy.arn);
		// Under our path but not tagged as ours: someone else's, never touched.
		if (info?.tags[MANAGED_TAG] !== 'true') return undefined;
		const created = info.tags[CREATED_TAG];
		const ageDays = ageInDays(created, options.now);
		return {name: policy.name, arn: policy.arn, ...(created ? {createdAt: created} : {}), ...(ageDays !== undefined ? {ageDays} : {})};
	});
	return found
		.filter((policy): policy is OrphanPolicy => policy !== undefined)
		.filter(
			(policy) =>
				options.olderThanMs === undefined || (policy.createdAt !== undefined && options.now.getTime() - Date.parse(policy.createdAt) >= options.olderThanMs),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
}
