/** Stop signals sent in-process: a command run by runCli sees them as the real process's (cli/io.ts, ProcessSignals). */
import type {ProcessSignals, StopSignal} from '../../source/cli/io.js';

export interface FakeSignals extends ProcessSignals {
	/** Delivers a signal to whoever listens, as the process would. */
	send(signal: StopSignal): void;
	/** How many listen now: 0 once the command's scope has closed. */
	listeners(): number;
	/** The codes a forced exit asked for (the process itself keeps running). */
	readonly exits: number[];
}

export function fakeSignals(): FakeSignals {
	const listeners = new Set<(signal: StopSignal) => void>();
	const exits: number[] = [];
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		},
		exit: (code) => void exits.push(code),
		send: (signal) => {
			for (const listener of [...listeners]) listener(signal);
		},
		listeners: () => listeners.size,
		exits,
	};
}
