/**
 * What every command's questions share: how a flag is written, the name commander stores its value
 * under, and the seconds a `--verify-timeout` waits. Create's questions are in flows/create/questions.ts.
 */
import {Problem} from '../core/problem.js';

/** A flag as --help shows it: `--models <ids>`, `--replace-keys`, `--no-guardrail`. */
export interface Flag {
	/** A `--no-…` flag turns off an answer that is on by default. */
	readonly name: `--${string}`;
	/** `<ids>`: the flag takes a value; without it, the flag is a switch. */
	readonly value?: `<${string}>`;
	/** Comma-separated, and repeatable. */
	readonly list?: boolean;
	/** One of the program's own flags, declared for every command (--region, --yes). */
	readonly global?: boolean;
	/** What an absent flag means, shown in --help as commander does: `(default: ".")`. */
	readonly default?: string | boolean;
}

/** The property commander keeps a flag's value under: `--user-name` → userName, `--no-guardrail` → guardrail. */
export const attributeName = (flag: Flag): string => flag.name.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Seconds to wait: a number from 0 (`--verify-timeout`); undefined when the text is not one. */
export function parseSeconds(text: string): number | undefined {
	const seconds = Number(text);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** `--verify-timeout` of a command whose questions have no table of their own: the seconds, or a usage Problem. */
export function verifyTimeoutSeconds(value: string, example: number): number {
	const seconds = parseSeconds(value);
	if (seconds === undefined) throw new Problem('usage', (messages) => messages.questions.verifyTimeout.invalidFlag(value, example));
	return seconds;
}
