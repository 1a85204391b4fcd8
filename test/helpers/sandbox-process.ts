/**
 * The `sandbox` command in a process of its own, run from the sources: started, read up to the JSON line it
 * prints on stdout (its endpoint and admin credentials), and stopped by a signal. For tests of the command
 * as a process (signals, the state file across restarts, flags the in-process sandbox does not take).
 */
import {spawn} from 'node:child_process';

export interface SandboxInfo {
	readonly endpoint: string;
	readonly region: string;
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	readonly adminToken: string;
}

export interface SandboxProcess {
	readonly info: SandboxInfo;
	/** What the process has written on stderr so far. */
	stderr(): string;
	/** Sends a signal (SIGTERM unless told) and waits for the exit: its code, or the signal that ended it. */
	stop(signal?: NodeJS.Signals): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
	/** The same signal sent without waiting (a test that kills it in the middle of something). */
	kill(signal: NodeJS.Signals): void;
	readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

export async function sandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'sandbox', '--port', '0', ...args], {
		cwd: process.cwd(),
		env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})));
	while (!out.includes('\n')) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sandbox exited early: ${err}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return {
		info: JSON.parse(out.trim()) as SandboxInfo,
		stderr: () => err,
		kill: (signal) => child.kill(signal),
		stop: async (signal = 'SIGTERM') => {
			child.kill(signal);
			return exited;
		},
		exited,
	};
}
