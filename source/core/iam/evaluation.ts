/**
 * Contract of the identity-policy evaluator (implementation: evaluate.ts).
 * One request = one action on one resource with a request context.
 */

/** Values of the request context. Keys are condition keys such as `bedrock:InferenceProfileArn`; matching is case-insensitive on keys. */
export type RequestContextValue = string | readonly string[];

export interface AuthorizationRequest {
	/** `service:Action`, e.g. `bedrock:InvokeModel`. */
	readonly action: string;
	/** The resource ARN, or `*` for actions that have no resource type (e.g. `bedrock:CallWithBearerToken`). */
	readonly resource: string;
	readonly context?: Readonly<Record<string, RequestContextValue>>;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
	readonly policyName: string;
	readonly sid?: string;
	readonly effect: 'Allow' | 'Deny';
	readonly statementIndex: number;
}

/** A statement IAM would have rejected; the evaluator never lets it allow, and treats a malformed Deny as applying. */
export interface MalformedStatement {
	readonly policyName: string;
	readonly statementIndex: number;
	readonly problems: readonly string[];
}

export interface EvaluationResult {
	readonly decision: Decision;
	/** The statements that decided: the matching Deny statements for explicitDeny, the matching Allow statements for allowed, none for implicitDeny. */
	readonly matchedStatements: readonly MatchedStatement[];
	/** Present when some statement was malformed (see MalformedStatement): the decision is then fail-closed, not IAM's. */
	readonly malformedStatements?: readonly MalformedStatement[];
}
