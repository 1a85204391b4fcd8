/**
 * Names of a workshop's seats. The event name is kept verbatim in a tag (the authority for every
 * lookup); the IAM user name is derived from it and must obey IAM's rules: at most 64 characters of
 * letters, digits and + = , . @ _ - (docs/aws-facts.md, 'IAM names and limits'; IAM user names are case-insensitive).
 */
import {managedPolicyNames} from '../policy/placement.js';
import {Problem} from '../problem.js';

export const MANAGED_TAG = 'bedrock-key-wizard:managed';
export const WORKSHOP_TAG = 'bedrock-key-wizard:workshop';
export const SEAT_TAG = 'bedrock-key-wizard:seat';
export const CREATED_TAG = 'bedrock-key-wizard:created';
export const EXPIRES_TAG = 'bedrock-key-wizard:expires';

/** Every seat's user name starts like this, so a listing can skip the account's other users cheaply. */
export const SEAT_NAME_PREFIX = 'bkw-';
const USER_NAME_LIMIT = 64;
/** Tag values allow letters, digits, spaces and _ . : / = + - @ (IAM), at most 256; we keep events shorter. */
const EVENT_NAME = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;
/** A class of more than this is not a workshop; IAM's default quota is 5,000 users per account. */
export const MAX_SEATS = 1000;

export function validateEventName(name: string): string {
	const trimmed = name.trim();
	if (!EVENT_NAME.test(trimmed)) {
		throw new Problem('usage', (m) => m.problems.workshop.eventName(name));
	}
	return trimmed;
}

export function validateSeatCount(value: string | number): number {
	const seats = Number(value);
	if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) {
		throw new Problem('usage', (m) => m.problems.workshop.seats(String(value), MAX_SEATS));
	}
	return seats;
}

/**
 * `bkw-<event slug>-<seat>`: lower case, other characters folded to `-`. When the slug is not the event
 * name itself (changed or shortened), a short hash of the event keeps two events apart.
 */
export function seatUserPrefix(event: string): string {
	const slug = event
		.toLowerCase()
		.replace(/[^a-z0-9_.@-]+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '');
	// Room for "-" + a 4-digit seat number (MAX_SEATS) and the 5-character hash suffix.
	const room = USER_NAME_LIMIT - SEAT_NAME_PREFIX.length - 1 - String(MAX_SEATS).length - 5;
	const exact = slug === event && slug.length <= room;
	const body = exact ? slug : `${slug.slice(0, room).replace(/-$/, '')}-${shortHash(event)}`;
	return `${SEAT_NAME_PREFIX}${body.replace(/^-/, '')}-`;
}

/** Seat numbers are zero-padded to at least 3 digits so names sort in seat order. */
export function seatUserName(event: string, seat: number, seats: number): string {
	const width = Math.max(3, String(seats).length);
	return `${seatUserPrefix(event)}${String(seat).padStart(width, '0')}`;
}

export function seatTags(event: string, seat: number, createdAt: string, expiresAt: string): Readonly<Record<string, string>> {
	return {[MANAGED_TAG]: 'true', [WORKSHOP_TAG]: event, [SEAT_TAG]: String(seat), [CREATED_TAG]: createdAt, [EXPIRES_TAG]: expiresAt};
}

/**
 * The workshop's customer managed policies (docs/aws-facts.md, 'Managed policies'), named as create names a
 * user's (`managedPolicyNames`, `-1`, `-2`… when split) after `workshop-<event slug>`: at most 90 of the
 * 128 characters IAM allows, from the same characters as a user name.
 */
export function workshopPolicyNames(event: string, count: number): readonly string[] {
	return managedPolicyNames(`workshop-${seatUserPrefix(event).slice(SEAT_NAME_PREFIX.length, -1)}`, count);
}

/**
 * The workshop policy's tags: the event (the authority, as for seats) and when it was made. Not
 * `bedrock-key-wizard:managed`: deleting one seat user (cleanup, teardown) deletes the managed policies
 * carrying that tag as the user's own, and this one is shared by every seat, so a seat's deletion only
 * detaches it; `workshop teardown` deletes it once the seats are gone.
 */
export function workshopPolicyTags(event: string, createdAt: string): Readonly<Record<string, string>> {
	return {[WORKSHOP_TAG]: event, [CREATED_TAG]: createdAt};
}

/** Whether a policy's name could be one of this workshop's policies (its tags decide whose it is). */
export function isWorkshopPolicyName(event: string, name: string): boolean {
	const base = workshopPolicyNames(event, 1)[0]!;
	return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
}

/** The seat number of a user of this event, or undefined when its tags do not say it belongs to the event. */
export function seatOf(event: string, tags: Readonly<Record<string, string>>): number | undefined {
	if (tags[MANAGED_TAG] !== 'true' || tags[WORKSHOP_TAG] !== event) return undefined;
	const seat = Number(tags[SEAT_TAG]);
	return Number.isInteger(seat) && seat >= 1 ? seat : undefined;
}

/** FNV-1a, 32 bit, as 4 base-36 characters: not security, only telling two long event names apart. */
function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (const char of text) {
		hash ^= char.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return (hash % 36 ** 4).toString(36).padStart(4, '0');
}
