import {createRequire} from 'node:module';
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

/**
 * The process's io. Node builds process.stdout, stderr and stdin when first read (a stream, and for a
 * pipe or a terminal its handle: 1 to 5 ms each), so each is read here only when a command uses it.
 * `direct`: a command that only writes its output (policy's quick start) writes stdout and stderr
 * straight to their file descriptors, and never builds the streams unless something asks more of them.
 */
export const processIo = ({direct = false}: {readonly direct?: boolean} = {}): CliIo => {
	const stream = (name: 'stdout' | 'stderr'): NodeJS.WriteStream => {
		const made = process[name];
		if (!quiet.has(made)) quietWhenClosed(made);
		quiet.add(made);
		return made;
	};
	const stdout = direct ? directOutput(1, () => stream('stdout')) : undefined;
	const stderr = direct ? directOutput(2, () => stream('stderr')) : undefined;
	return {
		get stdout() {
			return stdout ?? stream('stdout');
		},
		get stderr() {
			return stderr ?? stream('stderr');
		},
		get stdin() {
			return process.stdin;
		},
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

const quiet = new WeakSet<NodeJS.WritableStream>();

/**
 * Output written with `writeSync` on its file descriptor, for a command that only writes: the same bytes in
 * the same order as the stream would write them on Linux (where Node writes files, pipes and terminals
 * synchronously). Anything else asked of it (an event, `end`, a property) is the stream's, made then; and
 * when the descriptor would block (EAGAIN: a non-blocking pipe someone else opened), the rest of that write
 * and every later one go to the stream, which waits for the pipe. A reader that has gone (EPIPE) is
 * `quietWhenClosed`: later writes are dropped.
 */
export function directOutput(fd: number, made: () => NodeJS.WriteStream): NodeJS.WriteStream {
	// node:fs through require, on the first write: an ES import of node:fs builds its module facade, which
	// reads fs.promises and so loads it (~3 ms, more than the stream this replaces).
	let writeSync: typeof import('node:fs').writeSync | undefined;
	let stream: NodeJS.WriteStream | undefined;
	let closed = false;
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		if (stream) return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		let done = 0;
		try {
			writeSync ??= (createRequire(import.meta.url)('node:fs') as typeof import('node:fs')).writeSync;
			while (!closed && done < bytes.length) done += writeSync(fd, bytes, done);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EPIPE') closed = true;
			else if (code === 'EAGAIN') {
				stream = made();
				return stream.write(bytes.subarray(done));
			} else throw error;
		}
		const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
		if (callback) queueMicrotask(callback);
		return true;
	};
	return new Proxy({write} as unknown as NodeJS.WriteStream, {
		get(target, key) {
			if (key === 'write' && !stream) return write;
			stream ??= made();
			const value: unknown = Reflect.get(stream, key, stream);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(stream) : value;
		},
	});
}

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
