/**
 * IAM is eventually consistent: a change made in the control plane reaches the services that enforce
 * it later (AWS: "usually under a minute"). The enforcing side (Bedrock, Bedrock Runtime) reads the
 * account as it was `delayMs` ago.
 *
 * Memory stays bounded however many writes happen within the delay (docs/security.md, 'State, limits and
 * memory'). The history keeps one propagated index (the account as the enforcing side sees it now) and,
 * for each commit still inside the delay, only the records that commit changed: records are frozen once
 * committed, so the index, the pending changes and the live account share every record that did not
 * change. Customer managed policies are kept with their default version only, the one evaluation reads.
 * At most `maxPending` commits wait; past that, the two neighbours whose merged span is shortest become
 * one, taking effect at the later one's time: a change can then show up a little later than the delay,
 * never earlier.
 */
import {AccountIndex, type RecordChange} from './account-index.js';
import {IdentityView} from './identity-view.js';
import type {AccountData, CustomerPolicyRecord} from './model.js';

export type {RecordChange} from './account-index.js';

interface PendingCommit {
	/** When its changes take effect (plus the delay). */
	readonly at: number;
	/** The time of the earliest commit merged into it. */
	readonly since: number;
	readonly changes: ReadonlyMap<string, RecordChange>;
}

/** The default for how many commits may wait for the delay at once. */
export const maxPendingCommits = 256;

export class PropagationHistory {
	private readonly index: AccountIndex;
	private pending: PendingCommit[] = [];
	private view: IdentityView | undefined;

	constructor(
		initial: AccountData,
		readonly delayMs: number,
		private readonly maxPending = maxPendingCommits,
	) {
		// What existed before the sandbox started (loaded state, the admin) has long propagated.
		this.index = new AccountIndex(initial, defaultVersionOnly);
	}

	/** A commit at `at` changed these records. */
	record(changes: readonly RecordChange[], at: number): void {
		if (changes.length > 0) this.pending.push({at, since: at, changes: new Map(changes.map((change) => [`${change.kind}\u0000${change.key}`, change]))});
		this.advance(at);
		while (this.pending.length > this.maxPending) this.mergeClosest();
	}

	/** The account as the enforcing services see it at `now`. */
	viewAt(now: number): IdentityView {
		this.advance(now);
		this.view ??= new IdentityView(this.index);
		return this.view;
	}

	/** How many commits wait for the delay (for tests of the bound). */
	get pendingCommits(): number {
		return this.pending.length;
	}

	/** Applies every commit at least `delayMs` old to the propagated index. Time only moves forward. */
	private advance(now: number): void {
		const horizon = now - this.delayMs;
		let applied = 0;
		while (applied < this.pending.length && (this.pending[applied] as PendingCommit).at <= horizon) {
			for (const change of (this.pending[applied] as PendingCommit).changes.values()) this.index.apply(change);
			applied += 1;
		}
		if (applied > 0) {
			this.pending.splice(0, applied);
			// A new view: the old one's cache of each user's policies may be stale.
			this.view = undefined;
		}
	}

	/** Merges the two neighbouring commits whose merged span is shortest; the earlier one's changes wait for the later one. */
	private mergeClosest(): void {
		let best = 0;
		let bestSpan = Number.POSITIVE_INFINITY;
		for (let index = 0; index + 1 < this.pending.length; index++) {
			const span = (this.pending[index + 1] as PendingCommit).at - (this.pending[index] as PendingCommit).since;
			if (span < bestSpan) {
				bestSpan = span;
				best = index;
			}
		}
		const earlier = this.pending[best] as PendingCommit;
		const later = this.pending[best + 1] as PendingCommit;
		const changes = new Map(earlier.changes);
		for (const [key, change] of later.changes) changes.set(key, change);
		this.pending.splice(best, 2, {at: later.at, since: earlier.since, changes});
	}
}

/** Evaluation reads a customer managed policy's default version only. */
function defaultVersionOnly(policy: CustomerPolicyRecord): CustomerPolicyRecord {
	if (policy.versions.length <= 1) return policy;
	const version = policy.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
	return Object.freeze({...policy, versions: version ? [version] : []});
}
