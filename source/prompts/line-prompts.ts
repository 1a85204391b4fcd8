/**
 * The questions a line-by-line front end can ask, bound to the command's streams. @inquirer/prompts
 * (one package per prompt, below) needs a terminal-like input (it reads keypresses), which is why the plain mode is only chosen on a TTY.
 * Prompts draw on stderr, so stdout carries only results, as in every other mode.
 */
import {Writable} from 'node:stream';
// One package per prompt: the @inquirer/prompts barrel also pulls in the editor prompt and its
// encoding tables (iconv-lite, ~480 KB in the bundle), which this tool never uses.
import checkbox from '@inquirer/checkbox';
import confirm from '@inquirer/confirm';
import input from '@inquirer/input';
import password from '@inquirer/password';
import {Problem} from '../core/problem.js';

export interface Choice {
	readonly name: string;
	readonly value: string;
	readonly checked?: boolean;
}

export interface LinePrompts {
	text(message: string, options?: {readonly default?: string; readonly validate?: (value: string) => true | string}): Promise<string>;
	confirm(message: string, defaultValue: boolean): Promise<boolean>;
	pickMany(message: string, choices: readonly Choice[], options?: {readonly required?: string}): Promise<string[]>;
	secret(message: string): Promise<string>;
	/** One of a few choices, typed as its number (the first is the default). */
	choose(
		message: string,
		choices: readonly Choice[],
		words: {readonly numbered: (names: readonly string[]) => string; readonly invalid: (count: number) => string},
	): Promise<string>;
}

export interface PromptStreams {
	readonly input: NodeJS.ReadableStream;
	readonly output: NodeJS.WritableStream;
	/** The command's stop (cli/command-scope.ts): a prompt still open when it aborts rejects with its reason. */
	readonly signal?: AbortSignal;
	/** Ctrl+C typed at a prompt, which reads keys in raw mode (no SIGINT reaches the process): told to the command. */
	readonly onInterrupt?: () => void;
	/** What @inquirer shows besides the question, in the person's language (messages.run.prompt). */
	readonly words?: {readonly pickHelp?: string | undefined; readonly answer: (yes: boolean) => string};
}

export function inquirerPrompts(streams: PromptStreams): LinePrompts {
	// Each prompt pipes into its output and ends it when done; a stand-in per prompt keeps the real
	// stream (stderr, or a test's) open for the next question and for progress lines.
	const sink = (): Writable =>
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				streams.output.write(chunk, () => done());
			},
		});
	const context = {
		input: streams.input,
		get output() {
			return sink();
		},
		clearPromptOnDone: false,
		...(streams.signal ? {signal: streams.signal} : {}),
	};
	// A stop, whether typed at the prompt or sent to the process, ends the question as the command's `cancelled` Problem.
	const asked = <T>(answer: Promise<T>): Promise<T> =>
		answer.catch((error: unknown) => {
			const name = (error as Error | undefined)?.name;
			if (name === 'ExitPromptError') streams.onInterrupt?.();
			if ((name === 'ExitPromptError' || name === 'AbortPromptError') && streams.signal?.reason instanceof Problem) throw streams.signal.reason;
			throw error;
		});
	return {
		text: (message, options = {}) =>
			asked(
				input(
					{message, ...(options.default !== undefined ? {default: options.default} : {}), ...(options.validate ? {validate: options.validate} : {})},
					context,
				),
			),
		confirm: (message, defaultValue) =>
			asked(confirm({message, default: defaultValue, ...(streams.words ? {transformer: streams.words.answer} : {})}, context)),
		pickMany: (message, choices, options = {}) =>
			asked(
				checkbox(
					{
						message,
						choices: choices.map((choice) => ({name: choice.name, value: choice.value, checked: choice.checked ?? false})),
						pageSize: 12,
						...(streams.words?.pickHelp ? {instructions: streams.words.pickHelp} : {}),
						...(options.required ? {validate: (picked: readonly unknown[]) => (picked.length > 0 ? true : options.required!)} : {}),
					},
					context,
				),
			),
		secret: (message) => asked(password({message, mask: '*'}, context)),
		async choose(message, choices, words) {
			// No select prompt is bundled (each @inquirer package adds to the tarball): the choices by number, 1 by default.
			const typed = await asked(
				input(
					{
						message: `${message}\n  ${words.numbered(choices.map((choice) => choice.name))}\n `,
						default: '1',
						validate: (value: string) => (pickNumbered(value, choices.length) !== undefined ? true : words.invalid(choices.length)),
					},
					context,
				),
			);
			return choices[pickNumbered(typed, choices.length)!]!.value;
		},
	};
}

/** A typed choice number (1-based) as an index, or undefined. */
const pickNumbered = (value: string, count: number): number | undefined => {
	const number = Number(value.trim());
	return Number.isInteger(number) && number >= 1 && number <= count ? number - 1 : undefined;
};
