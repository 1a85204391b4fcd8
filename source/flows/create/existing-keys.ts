/**
 * Keys an existing user already holds: Bedrock API keys (service-specific credentials for
 * bedrock.amazonaws.com) and access keys. A run killed before it saved leaves a key whose secret nobody
 * holds, yet it stays a live credential; a rerun on that user says so, and deletes them when asked
 * (`--replace-keys`, or the question in the TUI and `--plain`).
 *
 * When they are deleted: a deleted key cannot be restored, so no rollback could bring one back. They are
 * therefore deleted last: after the new key was made, passed verification and was saved (the person
 * holds it). A failure anywhere before that leaves them exactly as they were; a new key that does not
 * pass verification leaves them too. The one exception is IAM's limit of two per user: a third cannot be
 * made, so just enough of them (inactive or expired ones first, then the oldest) are deleted right before
 * the create that needs the room, as a journal entry that a rollback reports as gone for good.
 */
import type {AccessKeySummary, ApiKeySummary, IamPort} from '../ports.js';
import type {KeyKind} from './apply.js';

export type HeldKeyType = 'api-key' | 'access-key';

export interface HeldKey {
	readonly type: HeldKeyType;
	readonly id: string;
	readonly status: 'Active' | 'Inactive' | 'Expired';
	readonly createdAt?: string;
	readonly expiresAt?: string;
}

/** What the user holds, as far as the operator may see (`refused`: the listing was refused, with AWS's error name). */
export interface HeldKeys {
	readonly keys: readonly HeldKey[];
	readonly refused?: string;
}

/**
 * IAM's quotas: ServiceSpecificCredentialsPerUserPerService and AccessKeysPerUser (docs/aws-facts.md, 'API keys'). Every
 * key counts, inactive and expired ones included, until it is deleted.
 */
export const KEYS_PER_USER: Readonly<Record<HeldKeyType, number>> = {'api-key': 2, 'access-key': 2};

export function heldKeysOf(apiKeys: readonly ApiKeySummary[], accessKeys: readonly AccessKeySummary[]): HeldKey[] {
	const keys: HeldKey[] = [
		...apiKeys.map((key) => ({
			type: 'api-key' as const,
			id: key.credentialId,
			status: key.status,
			...(key.createdAt ? {createdAt: key.createdAt} : {}),
			...(key.expiresAt ? {expiresAt: key.expiresAt} : {}),
		})),
		...accessKeys.map((key) => ({type: 'access-key' as const, id: key.accessKeyId, status: key.status, ...(key.createdAt ? {createdAt: key.createdAt} : {})})),
	];
	return keys.sort((a, b) => (a.type === b.type ? (a.createdAt ?? '').localeCompare(b.createdAt ?? '') : a.type === 'api-key' ? -1 : 1));
}

/** The kinds of IAM key a run makes: a short-term key is signed with a new access key. */
export function newKeyTypes(kinds: readonly KeyKind[]): HeldKeyType[] {
	return [
		...(kinds.includes('api-key') ? (['api-key'] as const) : []),
		...(kinds.includes('access-key') || kinds.includes('short-term') ? (['access-key'] as const) : []),
	];
}

/** The kinds of key this run makes that the user already holds as many of as IAM allows. */
export function typesAtLimit(held: readonly HeldKey[], kinds: readonly KeyKind[]): HeldKeyType[] {
	return newKeyTypes(kinds).filter((type) => held.filter((key) => key.type === type).length >= KEYS_PER_USER[type]);
}

/**
 * The keys that must go before the new ones can be made: per kind, as many as leave room for one more.
 * Ones that no longer work go first (inactive, expired), then the oldest.
 */
export function roomToMake(held: readonly HeldKey[], kinds: readonly KeyKind[]): HeldKey[] {
	return newKeyTypes(kinds).flatMap((type) => {
		const ofType = held.filter((key) => key.type === type);
		const excess = ofType.length - (KEYS_PER_USER[type] - 1);
		if (excess <= 0) return [];
		// IAM lists a Bedrock API key past its ExpirationDate as Expired.
		const dead = (key: HeldKey): number => (key.status === 'Active' ? 1 : 0);
		return [...ofType].sort((a, b) => dead(a) - dead(b) || (a.createdAt ?? '').localeCompare(b.createdAt ?? '')).slice(0, excess);
	});
}

/** Deletes a key the user holds, of either kind. */
export const deleteHeldKey = (iam: IamPort, userName: string, type: HeldKeyType, id: string): Promise<void> =>
	type === 'api-key' ? iam.deleteApiKey(userName, id) : iam.deleteAccessKey(userName, id);
