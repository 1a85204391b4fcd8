/** What the check screen shows, and the one question it may be waiting on, for a flow that runs elsewhere. */
import type {CheckState} from '../../flows/check/machine.js';

export type CheckQuestion =
	{readonly kind: 'key'; readonly answer: (key: string) => void} | {readonly kind: 'tighten'; readonly answer: (yes: boolean) => void};

export interface CheckView {
	readonly state?: CheckState;
	readonly question?: CheckQuestion;
}

export class CheckTuiStore {
	#view: CheckView = {};
	readonly #listeners = new Set<() => void>();

	get view(): CheckView {
		return this.#view;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	update(state: CheckState): void {
		this.#set({...this.#view, state});
	}

	ask<T>(kind: CheckQuestion['kind']): Promise<T> {
		return new Promise((resolve) => {
			const answer = (value: T): void => {
				this.#set({...this.#view, question: undefined});
				resolve(value);
			};
			this.#set({...this.#view, question: {kind, answer} as unknown as CheckQuestion});
		});
	}

	#set(view: CheckView): void {
		this.#view = view;
		for (const listener of this.#listeners) listener();
	}
}
