/**
 * Errors as values with a kind, a message for people and a fix. The CLI maps kinds to exit codes
 * (docs/architecture.md, 'The CLI contract'). Messages never carry a secret.
 *
 * A Problem's words come from the message catalogs (source/core/i18n). Where the language is known, pass
 * the catalog's text (`new Problem('usage', ...messages.check.keyOnArgv)`); where it is not (core, the
 * AWS adapters), pass its wording, a function of the catalog (`new Problem('usage', (m) => m.problems.flags.noRegion())`),
 * and the front end says it in the person's language with `textIn(messages)`. `message` and `fix` are then
 * the English text, for logs, stack traces and tests.
 */
import {en, type Messages, type ProblemText} from './i18n/en.js';

export type ProblemKind =
	/** Bad flags or input: exit 2. */
	| 'usage'
	/** AWS refused an operation the tool needed (permission, limit): exit 3. */
	| 'aws-refused'
	/** A verification expectation failed: exit 1. */
	| 'verification-failed'
	/** The person cancelled: exit 130. */
	| 'cancelled'
	/** A bug or an unexpected failure: exit 1. */
	| 'internal';

/** A Problem's message and fix in any language: the catalog entry to say it with (an empty fix is none). */
export type Wording = (messages: Messages) => ProblemText;

export class Problem extends Error {
	/** What to do about it, in plain words. */
	readonly fix?: string;
	/** The message and fix in any language (see textIn). */
	readonly wording?: Wording;

	constructor(kind: ProblemKind, wording: Wording, options?: {cause?: unknown});
	constructor(kind: ProblemKind, message: string, fix?: string, options?: {cause?: unknown});
	constructor(
		readonly kind: ProblemKind,
		message: string | Wording,
		fixOrOptions?: string | {cause?: unknown},
		options?: {cause?: unknown},
	) {
		const [text, fix] = typeof message === 'function' ? message(en) : [message, typeof fixOrOptions === 'string' ? fixOrOptions : undefined];
		super(text, typeof fixOrOptions === 'object' ? fixOrOptions : options);
		this.name = 'Problem';
		if (fix) this.fix = fix;
		if (typeof message === 'function') this.wording = message;
	}

	/** The message and fix in the language of `messages`. */
	textIn(messages: Messages): {readonly message: string; readonly fix?: string} {
		if (!this.wording) return {message: this.message, ...(this.fix ? {fix: this.fix} : {})};
		const [message, fix] = this.wording(messages);
		return {message, ...(fix ? {fix} : {})};
	}
}

export const usageProblem = (message: string, fix?: string): Problem => new Problem('usage', message, fix);
