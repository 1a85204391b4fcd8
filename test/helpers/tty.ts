/**
 * The real CLI in-process on a pretend terminal that can do everything Ink needs (a size, raw mode), so
 * the full-screen front end is chosen: keys are typed into stdin, and every byte written is kept. Lighter
 * than tmux (test/helpers/terminal.ts), with no build: for tests that read what was shown, not how the
 * terminal was left.
 */
import {PassThrough} from 'node:stream';
import type {CliIo} from '../../source/cli/io.js';
import {runCli} from '../../source/cli/program.js';
import {stripAnsi} from './english.js';

export interface FullScreenRun {
	/** Everything written to stdout and stderr so far, escape sequences removed. */
	shown(): string;
	/** Waits until `text` shows in what was written since the last wait, then returns all of it. */
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Types each string as one keypress. */
	press(...keys: string[]): Promise<void>;
	type(text: string): Promise<void>;
	readonly done: Promise<{code: number; stdout: string; stderr: string}>;
}

export const ttyKeys = {enter: '\r', escape: '\u001B', space: ' ', down: '\u001B[B', tab: '\t', pageDown: '\u001B[6~'};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function runFullScreen(
	argv: readonly string[],
	options: {env?: Record<string, string>; cwd?: string; columns?: number; rows?: number} = {},
): FullScreenRun {
	const stdin = Object.assign(new PassThrough(), {isTTY: true, isRaw: false, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
	const stdout = Object.assign(new PassThrough(), {isTTY: true, columns: options.columns ?? 100, rows: options.rows ?? 40});
	const stderr = Object.assign(new PassThrough(), {isTTY: true, columns: options.columns ?? 100});
	let out = '';
	let err = '';
	let all = '';
	let seen = 0;
	stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString('utf8');
		all += chunk.toString('utf8');
	});
	stderr.on('data', (chunk: Buffer) => {
		err += chunk.toString('utf8');
		all += chunk.toString('utf8');
	});
	const io: CliIo = {stdout, stderr, stdin, env: {TERM: 'xterm-256color', ...options.env}, cwd: options.cwd ?? process.cwd()};
	let finished = false;
	const done = runCli(argv, io).then((code) => {
		finished = true;
		return {code, stdout: out, stderr: err};
	});
	return {
		shown: () => stripAnsi(all),
		async waitFor(text, timeoutMs = 20_000) {
			const started = Date.now();
			for (;;) {
				const fresh = stripAnsi(all.slice(seen));
				if (typeof text === 'string' ? fresh.includes(text) : text.test(fresh)) {
					seen = all.length;
					// A screen binds its keys in an effect just after it is drawn.
					await sleep(30);
					return stripAnsi(all);
				}
				if (finished || Date.now() - started > timeoutMs)
					throw new Error(`Nothing matching ${String(text)} was shown (finished: ${finished}); the last of it:\n${fresh.slice(-3000)}`);
				await sleep(15);
			}
		},
		async press(...keys) {
			for (const key of keys) {
				stdin.write(key);
				await sleep(20);
			}
		},
		async type(text) {
			for (const char of text) {
				stdin.write(char);
				await sleep(5);
			}
			await sleep(20);
		},
		done,
	};
}
