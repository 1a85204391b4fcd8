/**
 * Brings one seat to "complete": a tagged user, the workshop's policy (inline on the seat, or the
 * workshop's customer managed policies attached to it, with nothing of the other form left over), exactly
 * one active API key, and a handout holding that key. Starts from whatever IAM and the handout folder hold, so running it
 * again after any interruption finishes the job without duplicates:
 * - no user: create it (tags ride on CreateUser, so a user found later is recognised by them);
 * - a key that the seat's handout holds: keep it, delete any other (left by an interrupted rotation), and
 *   rewrite the handout if the workshop's end moved;
 * - keys but none in a handout: the secret is gone for good (shown once), so rotate: new key, then delete the old.
 */
import {isAwsFailure} from '../../core/aws-failure.js';
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {Secret} from '../../core/secret.js';
import {readHandoutFacts, readHandoutKey} from '../../core/workshop/handout.js';
import {CREATED_TAG, seatOf, seatTags} from '../../core/workshop/seat-names.js';
import type {ApiKeySummary, CreatedApiKey, IamPort} from '../ports.js';
import type {SeatUser} from './inventory.js';
import {samePolicyDocument} from '../../core/iam/index.js';

export type SeatOutcome = 'created' | 'completed' | 'rotated' | 'unchanged';

export interface SeatPlan {
	readonly event: string;
	readonly seat: number;
	/** The user name to create when the seat has no user yet. */
	readonly userName: string;
	readonly existing?: SeatUser;
	/** The inline policy's name: the policy when inline, removed from the seat when the policy is managed. */
	readonly policyName: string;
	/** The inline policy's document (when the policy is inline). */
	readonly policyJson: string;
	/** The policy is managed: these customer managed policies are attached instead of the inline policy. */
	readonly managedArns?: readonly string[];
	/** Every managed policy of this workshop in IAM (current or left from an earlier run): attached ones not in use are detached. */
	readonly workshopPolicyArns?: readonly string[];
	readonly credentialAgeDays: number;
	readonly createdAt: string;
	readonly expiresAt: string;
}

export interface SeatWork {
	readonly iam: IamPort;
	readonly messages: Messages;
	/** The current text of the seat's handout, if any. */
	readonly readHandout: (userName: string) => Promise<string | undefined>;
	/** Writes the handout for a new key; the only place the key goes. Returns the path. */
	readonly writeHandout: (userName: string, key: CreatedApiKey) => Promise<string>;
	readonly handoutPath: (userName: string) => string;
	readonly onLostSecret?: (seat: number, userName: string) => void;
	/** Whether this seat may get a new key in place of one no handout holds (create asks first); undefined: yes. */
	readonly mayRotate?: (seat: number) => boolean;
}

export interface SeatResult {
	readonly seat: number;
	readonly userName: string;
	readonly outcome: SeatOutcome;
	readonly credentialId: string;
	readonly expiresAt?: string;
	readonly handout: string;
}

export async function ensureSeat(plan: SeatPlan, work: SeatWork): Promise<SeatResult> {
	const {iam} = work;
	let userName = plan.existing?.user.userName ?? plan.userName;
	let keys: readonly ApiKeySummary[] = plan.existing?.keys ?? [];
	let changed = false;
	let created = false;
	/** Made by this very run, its answer lost: it counts as created, but what it holds must be read. */
	let madeNow = false;
	if (!plan.existing) {
		const adopted = await createOrAdoptUser(plan, iam, work.messages);
		created = adopted === undefined;
		if (adopted) {
			userName = adopted.user.userName;
			keys = adopted.keys;
			madeNow = adopted.user.tags[CREATED_TAG] === plan.createdAt;
		}
	}
	if (await ensureSeatPolicy(plan, userName, created, iam)) changed = true;

	const text = created ? undefined : await work.readHandout(userName);
	const facts = readHandoutFacts(text ?? '');
	const held = keys.find((key) => key.credentialId === facts?.credentialId && key.status === 'Active');
	const heldSecret = text === undefined ? undefined : readHandoutKey(text);
	if (held && heldSecret) {
		for (const stale of keys.filter((key) => key !== held)) {
			await iam.deleteApiKey(userName, stale.credentialId);
			changed = true;
		}
		let handout = work.handoutPath(userName);
		// A new --until moved the end in the policy: the handout must not promise the old one.
		if (facts!.expiresAt !== plan.expiresAt) {
			handout = await work.writeHandout(userName, {
				credentialId: held.credentialId,
				secret: new Secret(heldSecret),
				...(held.expiresAt ? {expiresAt: held.expiresAt} : {}),
			});
			changed = true;
		}
		return {
			seat: plan.seat,
			userName,
			outcome: changed ? 'completed' : 'unchanged',
			credentialId: held.credentialId,
			...(held.expiresAt ? {expiresAt: held.expiresAt} : {}),
			handout,
		};
	}

	const rotating = keys.length > 0;
	// A rotation nobody agreed to (a key appeared since the plan was shown) is refused: it would stop a participant's key.
	if (rotating && work.mayRotate && !work.mayRotate(plan.seat)) throw new Problem('aws-refused', work.messages.workshop.plan.refusedRotation(plan.seat));
	if (rotating) work.onLostSecret?.(plan.seat, userName);
	// IAM allows 2 API keys per user: make room for the new one first, oldest out.
	let remaining = [...keys];
	while (remaining.length >= 2) {
		await iam.deleteApiKey(userName, remaining[0]!.credentialId);
		remaining = remaining.slice(1);
	}
	const key = await createKey(iam, userName, plan.credentialAgeDays, remaining);
	const handout = await work.writeHandout(userName, key);
	for (const old of remaining) await iam.deleteApiKey(userName, old.credentialId);
	return {
		seat: plan.seat,
		userName,
		outcome: created || (madeNow && !rotating) ? 'created' : rotating ? 'rotated' : 'completed',
		credentialId: key.credentialId,
		...(key.expiresAt ? {expiresAt: key.expiresAt} : {}),
		handout,
	};
}

/**
 * The seat's policy, either form, from what the seat holds: attach what is missing (before anything is
 * removed, so a key never loses its models on the way), detach this workshop's policies it no longer uses,
 * and remove the inline policy when the policy is managed. Returns whether anything changed.
 */
async function ensureSeatPolicy(plan: SeatPlan, userName: string, created: boolean, iam: IamPort): Promise<boolean> {
	let changed = false;
	const managed = plan.managedArns;
	const ours = new Set(plan.workshopPolicyArns ?? []);
	if (!managed) {
		const current = created ? undefined : await iam.getUserPolicy(userName, plan.policyName);
		if (current === undefined || !samePolicyDocument(current, plan.policyJson)) {
			await iam.putUserPolicy(userName, plan.policyName, plan.policyJson);
			changed = true;
		}
	}
	// Attached policies are read only when there is something of ours to find (a workshop that was never managed skips the call).
	const attached = created || (!managed && ours.size === 0) ? [] : (await iam.listAttachedPolicies(userName)).map((policy) => policy.arn);
	for (const arn of managed ?? []) {
		if (attached.includes(arn)) continue;
		await iam.attachPolicy(userName, arn);
		changed = true;
	}
	for (const arn of attached) {
		if (!ours.has(arn) || managed?.includes(arn)) continue;
		await iam.detachPolicy(userName, arn);
		changed = true;
	}
	if (managed && !created && (await iam.getUserPolicy(userName, plan.policyName)) !== undefined) {
		await iam.deleteUserPolicy(userName, plan.policyName);
		changed = true;
	}
	return changed;
}

/** undefined when the user was created now; the existing seat when an earlier (lost) attempt already made it. */
async function createOrAdoptUser(plan: SeatPlan, iam: IamPort, messages: Messages): Promise<SeatUser | undefined> {
	try {
		await iam.createUser(plan.userName, seatTags(plan.event, plan.seat, plan.createdAt, plan.expiresAt));
		return undefined;
	} catch (error) {
		if (!isAwsFailure(error, 'conflict')) throw error;
		const user = await iam.findUser(plan.userName);
		// Only a user carrying this event's tag for this seat is ours; anything else is left alone.
		if (!user || seatOf(plan.event, user.tags) !== plan.seat) {
			const [message, fix] = messages.workshop.create.nameTaken(plan.userName);
			throw new Problem('aws-refused', message, fix);
		}
		const keys = await iam.listApiKeys(plan.userName);
		return {seat: plan.seat, user, keys: [...keys].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))};
	}
}

/**
 * CreateServiceSpecificCredential. A lost reply is the adapter's to settle (IamPort.createApiKey: it
 * removes what a lost attempt made before trying again). What is left here is IAM's limit of 2 keys:
 * full although room was made means a key appeared meanwhile; none of them is in a handout, so the
 * unknown ones go (or the oldest, when all are known) and the create is tried again.
 */
async function createKey(iam: IamPort, userName: string, ageDays: number, before: readonly ApiKeySummary[]): Promise<CreatedApiKey> {
	const known = new Set(before.map((key) => key.credentialId));
	for (let attempt = 1; ; attempt++) {
		try {
			return await iam.createApiKey(userName, ageDays);
		} catch (error) {
			if (!isAwsFailure(error, 'limit-exceeded') || attempt >= 5) throw error;
			const now = await iam.listApiKeys(userName);
			const unknown = now.filter((key) => !known.has(key.credentialId));
			for (const key of unknown) await iam.deleteApiKey(userName, key.credentialId);
			if (unknown.length === 0 && now[0]) await iam.deleteApiKey(userName, now[0].credentialId);
		}
	}
}
