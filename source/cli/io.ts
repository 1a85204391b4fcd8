/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIo {
	readonly stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	readonly stderr: NodeJS.WritableStream & {isTTY?: boolean};
	readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	/**
	 * The process's stop signals, which only the command scope listens to (cli/command-scope.ts). Absent
	 * when the CLI runs in-process (tests): then nothing from outside stops a command.
	 */
	readonly signals?: ProcessSignals;
}

/** The signals that ask a command to stop: Ctrl+C, `kill`, a closed terminal. Every command treats them alike. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const stopSignals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface ProcessSignals {
	/** Calls `listener` on every stop signal until the returned function is called. While anyone listens, Node's default (exit at once) is off. */
	subscribe(listener: (signal: StopSignal) => void): () => void;
	/** Ends the process at once: a second signal while the command is still stopping. */
	exit(code: number): void;
}

export const processIo = (): CliIo => {
	quietWhenClosed(process.stdout);
	quietWhenClosed(process.stderr);
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		cwd: process.cwd(),
		signals: {
			subscribe(listener) {
				const handlers = stopSignals.map((signal) => [signal, () => listener(signal)] as const);
				for (const [signal, handler] of handlers) process.on(signal, handler);
				return () => {
					for (const [signal, handler] of handlers) process.off(signal, handler);
				};
			},
			exit: (code) => process.exit(code),
		},
	};
};

/**
 * `… | head -3`: once the reader has gone, writing to the pipe fails with EPIPE, which Node throws as an
 * unhandled 'error' event (a stack trace). Like any command line tool, say nothing: the stream is closed
 * and later writes are dropped, while the command finishes what it started (nothing is left half-made)
 * and exits with its own code. Any other write error is still a failure.
 */
export function quietWhenClosed(stream: NodeJS.WritableStream): void {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') return;
		throw error;
	});
}
