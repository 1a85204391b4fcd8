/** What a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIo {
	readonly stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	readonly stderr: NodeJS.WritableStream & {isTTY?: boolean};
	readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	/** Resolves when the user asks to stop (SIGINT/SIGTERM); only a command that calls it stops the default exit on Ctrl+C. */
	waitForInterrupt(): Promise<NodeJS.Signals>;
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
		waitForInterrupt: () =>
			new Promise((resolve) => {
				process.once('SIGINT', () => resolve('SIGINT'));
				process.once('SIGTERM', () => resolve('SIGTERM'));
			}),
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
