/**
 * Runs the CLI in-process as if in a terminal (stdin and stdout say isTTY), so the plain front end is
 * chosen, and drives its @inquirer prompts by waiting for each question on stderr and typing keys.
 */
import {PassThrough} from 'node:stream';
import {runCli} from '../../source/cli/program.js';
import type {CliIo} from '../../source/cli/io.js';

export interface TerminalRun {
	/** Waits until `pattern` shows after the last answered question, then types `keys`. */
	answer(pattern: RegExp, keys: string): Promise<void>;
	readonly done: Promise<{code: number; stdout: string; stderr: string}>;
}

const ENTER = '\r';
export const keys = {enter: ENTER, space: ' ', down: '\u001b[B', type: (text: string) => `${text}${ENTER}`};

export const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

/** The create flags that answer every question before the Review: one Titan model, an API key for 30 days, the policy type, the user. */
export const createFlagsToReview = (userName: string): string[] => [
	'--models',
	TITAN_V2,
	'--key',
	'api-key',
	'--expires-in-days',
	'30',
	'--policy-type',
	'auto',
	'--user-name',
	userName,
];

/** `cwd`: the folder the command runs in (this process's, unless given). */
export function runInTerminal(argv: readonly string[], env: Record<string, string>, cwd = process.cwd()): TerminalRun {
	const stdin = Object.assign(new PassThrough(), {isTTY: true});
	const stdout = Object.assign(new PassThrough(), {isTTY: true, columns: 120});
	const stderr = Object.assign(new PassThrough(), {isTTY: true});
	let out = '';
	let err = '';
	let seen = 0;
	stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	const io: CliIo = {stdout, stderr, stdin, env: {LANG: 'en_US.UTF-8', ...env}, cwd};
	let finished = false;
	const done = runCli(argv, io).then((code) => {
		finished = true;
		return {code, stdout: out, stderr: err};
	});
	return {
		async answer(pattern, typed) {
			const started = Date.now();
			for (;;) {
				const match = pattern.exec(err.slice(seen));
				if (match) {
					seen += match.index + match[0].length;
					break;
				}
				if (finished || Date.now() - started > 15_000)
					throw new Error(`No prompt matching ${pattern} (finished: ${finished}); screen so far:\n${err.slice(-2000)}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			// Let the prompt attach its keypress handler before typing.
			await new Promise((resolve) => setTimeout(resolve, 30));
			for (const key of splitKeys(typed)) {
				stdin.write(key);
				await new Promise((resolve) => setImmediate(resolve));
			}
		},
		done,
	};
}

/** One keypress each: an arrow key is three characters (ESC [ X). */
function splitKeys(typed: string): string[] {
	const pressed: string[] = [];
	for (let index = 0; index < typed.length; index++) {
		if (typed[index] === '\u001b') {
			pressed.push(typed.slice(index, index + 3));
			index += 2;
		} else pressed.push(typed[index]!);
	}
	return pressed;
}
