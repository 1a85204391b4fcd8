/**
 * What IAM holds of a workshop, found by tag: the seat users (name prefix only narrows the listing; the
 * event's tags decide) and their API keys. Create reconciles against it, status shows it, teardown
 * deletes it. Users that look like seats but lack the tag are reported and never touched.
 */
import {seatOf, seatUserPrefix} from '../../core/workshop/seat-names.js';
import type {ApiKeySummary, ExistingUser, IamPort} from '../ports.js';

export interface SeatUser {
	readonly seat: number;
	readonly user: ExistingUser;
	/** Oldest first. */
	readonly keys: readonly ApiKeySummary[];
}

export interface WorkshopInventory {
	/** One entry per seat number (the first user by name when, against all odds, two carry the same seat). */
	readonly seats: ReadonlyMap<number, SeatUser>;
	/** Every user tagged with the event, duplicates included: what teardown deletes. */
	readonly tagged: readonly SeatUser[];
	/** Named like a seat of this event, but without its tags. */
	readonly lookalikes: readonly ExistingUser[];
}

export async function takeInventory(iam: IamPort, event: string): Promise<WorkshopInventory> {
	const prefix = seatUserPrefix(event);
	const [users, keys] = await Promise.all([iam.listUsers(prefix), iam.listApiKeys()]);
	const keysByUser = new Map<string, ApiKeySummary[]>();
	for (const key of keys) {
		const list = keysByUser.get(key.userName) ?? [];
		list.push(key);
		keysByUser.set(key.userName, list);
	}
	const seats = new Map<number, SeatUser>();
	const tagged: SeatUser[] = [];
	const lookalikes: ExistingUser[] = [];
	const seatName = new RegExp(`^${escape(prefix)}\\d+$`, 'i');
	for (const user of [...users].sort((a, b) => a.userName.localeCompare(b.userName))) {
		const seat = seatOf(event, user.tags);
		if (seat === undefined) {
			if (seatName.test(user.userName)) lookalikes.push(user);
			continue;
		}
		const entry = {seat, user, keys: (keysByUser.get(user.userName) ?? []).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))};
		tagged.push(entry);
		if (!seats.has(seat)) seats.set(seat, entry);
	}
	return {seats, tagged, lookalikes};
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
