/** Holds a call open until the test lets it go, so a screen can be captured mid-step. */
export interface Gate {
	readonly reached: Promise<void>;
	wait(): Promise<void>;
	open(): void;
}

export function gate(): Gate {
	let reach!: () => void;
	let release!: () => void;
	const reached = new Promise<void>((resolve) => (reach = resolve));
	const released = new Promise<void>((resolve) => (release = resolve));
	return {
		reached,
		wait: () => {
			reach();
			return released;
		},
		open: () => release(),
	};
}
