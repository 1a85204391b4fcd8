/**
 * A gate a front end holds closed while it asks the person something that must come before any more
 * work: the create TUI's quit dialog. The runner waits at it before each step that may change AWS, write
 * a file or call with the new key (docs/architecture.md, 'The create flow'), so a dialog left open changes
 * nothing; a stop (the signal) opens it at once, for the runner to end the run.
 */
export class PauseGate {
	#held: Promise<void> | undefined;
	#release: (() => void) | undefined;
	readonly #listeners = new Set<(waiting: boolean) => void>();
	#waiting = 0;

	/** Told when the runner starts or stops waiting at the gate (a test knows the run has stopped there). */
	onWaiting(listener: (waiting: boolean) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	pause(): void {
		if (this.#held) return;
		this.#held = new Promise((resolve) => (this.#release = resolve));
	}

	resume(): void {
		const release = this.#release;
		this.#held = undefined;
		this.#release = undefined;
		release?.();
	}

	/** Resolves at once while open; else when resumed, or when `signal` aborts (the caller then stops). */
	async wait(signal?: AbortSignal): Promise<void> {
		const held = this.#held;
		if (!held || signal?.aborted) return;
		this.#tell(+1);
		try {
			await new Promise<void>((resolve) => {
				void held.then(resolve);
				signal?.addEventListener('abort', () => resolve(), {once: true});
			});
		} finally {
			this.#tell(-1);
		}
	}

	#tell(change: number): void {
		this.#waiting += change;
		for (const listener of this.#listeners) listener(this.#waiting > 0);
	}
}
