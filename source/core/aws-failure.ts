/**
 * One error model at the ports (docs/architecture.md, 'One error model'). The adapters in aws/ turn
 * every AWS SDK error into an AwsFailure of one kind (aws/errors.ts), and the flows decide on the kind:
 * never on an SDK exception name or on AWS's message text. Pure: nothing here knows the SDK.
 */
import type {Messages} from './i18n/en.js';
import {Problem, type Wording} from './problem.js';

export type AwsFailureKind =
	/** AWS asked to slow down: the call did not run, and may be tried again later. */
	| 'throttled'
	/** No answer (a dropped connection, a timeout) or a server error: the call may have happened all the same. */
	| 'ambiguous'
	/** Access denied; `refusedBy` says which kind of policy refused, when AWS's message names it. */
	| 'refused'
	/** AWS did not accept the caller's credentials, or there were none (`credentials` says which). */
	| 'unauthenticated'
	/** What the call names does not exist (NoSuchEntity, ResourceNotFound). */
	| 'not-found'
	/** It exists already, or something still hangs off it (EntityAlreadyExists, DeleteConflict). */
	| 'conflict'
	/** A quota, e.g. IAM's 2 API keys per user. */
	| 'limit-exceeded'
	/** The request itself was wrong (validation, a malformed document). */
	| 'invalid'
	/** The endpoint does not offer the operation. */
	| 'unsupported'
	| 'other';

/** The kind of policy AWS names in a refusal ("… with an explicit deny in a service control policy"). */
export type RefusedBy =
	| 'identity-policy'
	| 'permissions-boundary'
	| 'service-control-policy'
	| 'resource-control-policy'
	| 'session-policy'
	| 'resource-policy'
	| 'vpc-endpoint-policy';

/** The kinds of policy AWS names in a refusal, as the message spells them (lower case, singular stem). */
const policyKinds: ReadonlyArray<readonly [string, RefusedBy]> = [
	['identity-based polic', 'identity-policy'],
	['permissions boundar', 'permissions-boundary'],
	['service control polic', 'service-control-policy'],
	['resource control polic', 'resource-control-policy'],
	['session polic', 'session-policy'],
	['resource-based polic', 'resource-policy'],
	['vpc endpoint polic', 'vpc-endpoint-policy'],
];

/**
 * Who refused, when AWS's message says: "… because no identity-based policy allows the iam:CreateUser
 * action", "… with an explicit deny in a service control policy" (docs/aws-facts.md, 'Errors of the control plane').
 */
export function whoRefused(message: string): {readonly refusedBy?: RefusedBy; readonly explicitDeny?: boolean} {
	const match = /(because no|(?:with|due to) an explicit deny in)\s+(?:an?\s+|the\s+)?([a-z -]+)/i.exec(message);
	if (!match) return /explicit deny/i.test(message) ? {explicitDeny: true} : {};
	const explicitDeny = !/^because/i.test(match[1]!);
	const policy = match[2]!.toLowerCase();
	const refusedBy = policyKinds.find(([name]) => policy.startsWith(name))?.[1];
	return {...(refusedBy ? {refusedBy} : {}), explicitDeny};
}

export type CredentialTrouble = 'missing' | 'rejected' | 'clock-skew';

export interface AwsFailureFacts {
	readonly kind: AwsFailureKind;
	/** The call, as IAM names actions: `iam:CreateUser`. */
	readonly operation: string;
	/** AWS's error code as the SDK names it (`NoSuchEntityException`), or the error's own name below HTTP (`TimeoutError`). */
	readonly code: string;
	/** AWS's message (it never holds a secret). */
	readonly message: string;
	readonly requestId?: string;
	readonly httpStatus?: number;
	/** Node's error code for a failure below HTTP (ECONNRESET, ETIMEDOUT…). */
	readonly networkCode?: string;
	/** kind `refused`: who refused, when AWS says. */
	readonly refusedBy?: RefusedBy;
	/** kind `refused`: an explicit Deny (rather than no Allow), when AWS says. */
	readonly explicitDeny?: boolean;
	/** kind `unauthenticated`: no credentials, credentials AWS does not accept, or a clock too far off. */
	readonly credentials?: CredentialTrouble;
}

export class AwsFailure extends Error implements AwsFailureFacts {
	readonly kind: AwsFailureKind;
	readonly operation: string;
	readonly code: string;
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly networkCode?: string;
	readonly refusedBy?: RefusedBy;
	readonly explicitDeny?: boolean;
	readonly credentials?: CredentialTrouble;

	constructor(facts: AwsFailureFacts, options?: {cause?: unknown}) {
		super(facts.message, options);
		this.name = 'AwsFailure';
		this.kind = facts.kind;
		this.operation = facts.operation;
		this.code = facts.code;
		if (facts.requestId !== undefined) this.requestId = facts.requestId;
		if (facts.httpStatus !== undefined) this.httpStatus = facts.httpStatus;
		if (facts.networkCode !== undefined) this.networkCode = facts.networkCode;
		if (facts.refusedBy !== undefined) this.refusedBy = facts.refusedBy;
		if (facts.explicitDeny !== undefined) this.explicitDeny = facts.explicitDeny;
		if (facts.credentials !== undefined) this.credentials = facts.credentials;
	}
}

/** Whether `error` is an AwsFailure of one of `kinds` (of any kind when none is given). */
export function isAwsFailure(error: unknown, ...kinds: readonly AwsFailureKind[]): error is AwsFailure {
	return error instanceof AwsFailure && (kinds.length === 0 || kinds.includes(error.kind));
}

/** Throttled or ambiguous: worth another try for a call that is safe to repeat. */
export const isTransient = (error: unknown): boolean => isAwsFailure(error, 'throttled', 'ambiguous');

/** AWS's error code of a failure (the error's own name for anything else), for a notice that names it. */
export function failureCode(error: unknown): string {
	if (error instanceof AwsFailure) return error.code;
	return (error as {name?: string} | undefined)?.name ?? 'Error';
}

/** A failure in one line for a report or a progress line: AWS's code and message (never a secret). */
export function describeFailure(error: unknown): string {
	if (error instanceof AwsFailure) return `${error.code}: ${error.message}`;
	if (error instanceof Problem) return error.message;
	const e = error as {name?: string; message?: string} | undefined;
	return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

/** The refusals that come from above the caller's own policies (docs/aws-facts.md, 'Organisation guardrails'). */
export type GuardrailRefusal = Extract<RefusedBy, 'permissions-boundary' | 'service-control-policy' | 'resource-control-policy' | 'session-policy'>;
const guardrails: ReadonlySet<RefusedBy> = new Set<GuardrailRefusal>([
	'permissions-boundary',
	'service-control-policy',
	'resource-control-policy',
	'session-policy',
]);
const isGuardrail = (refusedBy: RefusedBy | undefined): refusedBy is GuardrailRefusal => refusedBy !== undefined && guardrails.has(refusedBy);

/** A text that depends on the language: taken from the catalog the Problem is said in. */
export type Localized = (messages: Messages) => string;

/**
 * An AWS failure nobody worked around, as the Problem the CLI reports (exit 3) in AWS's own words, said
 * in the person's language (core/i18n/problems.*.ts). `operation` replaces the failure's own call in the
 * message; `fix` is the advice when AWS refused the call (a 4xx).
 */
export function failureProblem(failure: AwsFailure, options: {readonly operation?: Localized; readonly fix?: Localized} = {}): Problem {
	const wording: Wording = (messages) => {
		const aws = messages.problems.aws;
		const operation = options.operation?.(messages) ?? failure.operation;
		if (failure.credentials === 'missing') return aws.noCredentials();
		if (failure.credentials === 'clock-skew') return aws.clockSkew(operation, failure.message);
		if (failure.credentials === 'rejected') return aws.credentialsRejected(operation, failure.message);
		if (failure.httpStatus === undefined) return aws.unreachable(operation, failure.message);
		// Not a refusal: no permission would help, and "ask an administrator" would send people the wrong way.
		if (failure.httpStatus >= 500) return aws.serverError(operation, failure.code, failure.message);
		// A quota, a conflict or a bad request is not a permission either. A guardrail above the caller's own
		// policies (a boundary, the organisation's, a session's) is said as such: adding to their policy cannot help.
		const guardrail = failure.kind === 'refused' && isGuardrail(failure.refusedBy) ? failure.refusedBy : undefined;
		const fix =
			options.fix?.(messages) ??
			(failure.kind !== 'refused' ? aws.fixTheCause : guardrail ? aws.guardrailFix(guardrail, failure.explicitDeny === true) : undefined);
		return aws.refused(operation, failure.code, failure.message, fix);
	};
	return new Problem('aws-refused', wording, {cause: failure});
}
