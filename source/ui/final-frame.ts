/**
 * Whether the frame being drawn is the last: the one Ink leaves on the terminal after exit. The screens
 * then drop what only served while the TUI ran (footers, dialogs, spinners, scroll windows), so the
 * scrollback shows the result and not "press q". Set by start-*-tui.tsx just before unmounting.
 */
import {useSyncExternalStore} from 'react';

export class FinalFrame {
	#final = false;
	readonly #listeners = new Set<() => void>();

	get final(): boolean {
		return this.#final;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	/** The next frame is the last one. */
	end(): void {
		if (this.#final) return;
		this.#final = true;
		for (const listener of this.#listeners) listener();
	}

	/** Ends the frame, lets React draw it, then unmounts (Ink writes that frame last). */
	async closeWith(unmount: () => void): Promise<void> {
		this.end();
		await new Promise((resolve) => setTimeout(resolve, 0));
		unmount();
	}
}

export function useFinalFrame(frame: FinalFrame | undefined): boolean {
	return useSyncExternalStore(
		(listener) => frame?.subscribe(listener) ?? (() => undefined),
		() => frame?.final ?? false,
	);
}
