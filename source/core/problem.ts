/**
 * Errors as values with a kind, a message for people and a fix. The CLI maps kinds to exit codes
 * (docs/architecture.md, 'The CLI contract'). Messages never carry a secret.
 */
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

export class Problem extends Error {
	constructor(
		readonly kind: ProblemKind,
		message: string,
		/** What to do about it, in plain words. */
		readonly fix?: string,
		options?: {cause?: unknown},
	) {
		super(message, options);
		this.name = 'Problem';
	}
}

export const usageProblem = (message: string, fix?: string): Problem => new Problem('usage', message, fix);
