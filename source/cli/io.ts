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

export const processIo = (): CliIo => ({
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
});
