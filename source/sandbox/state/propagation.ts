/**
 * IAM is eventually consistent: a change made in the control plane reaches the services that enforce
 * it later (AWS: "usually under a minute"). We keep timestamped snapshots of the account and let the
 * enforcing side (Bedrock, Bedrock Runtime) read the newest one that is at least `delayMs` old.
 */
import type {AccountData} from './model.js';
import {IdentityView} from './identity-view.js';

interface Snapshot {
	readonly at: number;
	readonly view: IdentityView;
}

export class PropagationHistory {
	private snapshots: Snapshot[];

	constructor(
		initial: AccountData,
		readonly delayMs: number,
	) {
		// What existed before the sandbox started (loaded state, the admin) has long propagated.
		this.snapshots = [{at: Number.NEGATIVE_INFINITY, view: new IdentityView(structuredClone(initial))}];
	}

	record(data: AccountData, at: number): void {
		this.snapshots.push({at, view: new IdentityView(structuredClone(data))});
		this.prune(at);
	}

	/** The account as the enforcing services see it at `now`. */
	viewAt(now: number): IdentityView {
		const horizon = now - this.delayMs;
		let chosen = this.snapshots[0] as Snapshot;
		for (const snapshot of this.snapshots) {
			if (snapshot.at <= horizon) chosen = snapshot;
			else break;
		}
		return chosen.view;
	}

	/** Drops snapshots no reader can see any more: all before the newest one already past the horizon. */
	private prune(now: number): void {
		const horizon = now - this.delayMs;
		let keepFrom = 0;
		for (let index = 0; index < this.snapshots.length; index++) {
			if ((this.snapshots[index] as Snapshot).at <= horizon) keepFrom = index;
		}
		if (keepFrom > 0) this.snapshots = this.snapshots.slice(keepFrom);
	}
}
