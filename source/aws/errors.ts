/**
 * The one place SDK errors are read (docs/architecture.md, 'One error model'): every error a client
 * throws becomes an AwsFailure (core/aws-failure.ts) with one kind, AWS's code, message and request id,
 * and never a secret. The flows decide on the kind; only this file knows the SDK's exception names.
 */
import type {HandlerExecutionContext, InitializeMiddleware, MiddlewareStack} from '@aws-sdk/types';
import {AwsFailure, failureProblem, whoRefused, type AwsFailureFacts} from '../core/aws-failure.js';
import type {Problem} from '../core/problem.js';

export interface AwsErrorInfo {
	readonly name: string;
	readonly message: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly networkCode?: string;
}

export function awsErrorInfo(error: unknown): AwsErrorInfo {
	const e = error as {name?: string; message?: string; code?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
	return {
		name: e?.name ?? 'Error',
		message: e?.message ?? String(error),
		...(e?.$metadata?.httpStatusCode !== undefined ? {httpStatus: e.$metadata.httpStatusCode} : {}),
		...(e?.$metadata?.requestId ? {requestId: e.$metadata.requestId} : {}),
		...(typeof e?.code === 'string' && /^(E[A-Z]+|UND_ERR_\w+|ERR_HTTP2_\w+)$/.test(e.code) ? {networkCode: e.code} : {}),
	};
}

/** The SDK's throttling codes minus LimitExceededException, which IAM uses for quotas (e.g. 2 API keys per user). */
const throttlingCodes = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
]);

/** AWS's codes by kind, without the `Exception` the SDK adds to some of them. */
const codeKinds: ReadonlyArray<readonly [RegExp, AwsFailureFacts['kind']]> = [
	[/^(AccessDenied|UnauthorizedOperation|NotAuthorized|AuthorizationError|Forbidden)$/, 'refused'],
	[/^(NoSuchEntity|ResourceNotFound|NotFound)$/, 'not-found'],
	[/^(EntityAlreadyExists|DuplicateRecord|DeleteConflict|Conflict|ResourceInUse|ConcurrentModification|EntityTemporarilyUnmodifiable)$/, 'conflict'],
	[/^(LimitExceeded|ServiceQuotaExceeded)$/, 'limit-exceeded'],
	[
		/^(Validation|ValidationError|MalformedPolicyDocument|InvalidInput|InvalidParameter\w*|MissingParameter|MalformedQueryString|Serialization|InvalidUserType|PolicyNotAttachable)$/,
		'invalid',
	],
	[/^(UnknownOperation|InvalidAction|ServiceNotSupported)$/, 'unsupported'],
];

/** What kind of failure an SDK error is (the facts without the operation). */
export function classifyAwsError(error: unknown): Omit<AwsFailureFacts, 'operation'> {
	const info = awsErrorInfo(error);
	const facts = {
		code: info.name,
		message: info.message,
		...(info.requestId ? {requestId: info.requestId} : {}),
		...(info.httpStatus !== undefined ? {httpStatus: info.httpStatus} : {}),
		...(info.networkCode ? {networkCode: info.networkCode} : {}),
	};
	const text = `${info.name} ${info.message}`;
	if (/CredentialsProviderError/.test(info.name) || /Could not load credentials/.test(info.message))
		return {...facts, kind: 'unauthenticated', credentials: 'missing'};
	if (/Signature expired|RequestTimeTooSkewed|Signature not yet current/i.test(text)) return {...facts, kind: 'unauthenticated', credentials: 'clock-skew'};
	if (/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|security token included in the request is (invalid|expired)/.test(text))
		return {...facts, kind: 'unauthenticated', credentials: 'rejected'};
	if (throttlingCodes.has(info.name) || info.httpStatus === 429) return {...facts, kind: 'throttled'};
	if (info.httpStatus === undefined) {
		// No answer at all: the request may have reached AWS and been done before the connection went.
		const noAnswer = info.networkCode !== undefined || /TimeoutError|AbortError|socket hang up|ECONNRESET|EPIPE|ERR_HTTP2|premature close/i.test(text);
		return {...facts, kind: noAnswer ? 'ambiguous' : 'other'};
	}
	// A server error may come after the work was committed.
	if (info.httpStatus >= 500) return {...facts, kind: 'ambiguous'};
	const code = info.name.replace(/Exception$/, '');
	const kind = codeKinds.find(([pattern]) => pattern.test(code))?.[1] ?? 'other';
	return {...facts, kind, ...(kind === 'refused' ? whoRefused(info.message) : {})};
}

/** `error` as an AwsFailure of `operation` (an AwsFailure already is one, and stays as it is). */
export function toAwsFailure(error: unknown, operation: string): AwsFailure {
	if (error instanceof AwsFailure) return error;
	return new AwsFailure({...classifyAwsError(error), operation}, {cause: error});
}

/**
 * Makes every call of a client throw AwsFailure instead of the SDK's exceptions. Outermost in the
 * stack, so it sees what is left after the SDK's own retries. `service` is IAM's prefix: `iam`, `sts`…
 */
export function translateErrors<Input extends object, Output extends object>(
	client: {readonly middlewareStack: MiddlewareStack<Input, Output>},
	service: string,
): void {
	const middleware: InitializeMiddleware<Input, Output> = (next, context: HandlerExecutionContext) => async (args) => {
		try {
			return await next(args);
		} catch (error) {
			throw toAwsFailure(error, `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
		}
	};
	client.middlewareStack.add(middleware, {step: 'initialize', priority: 'high', name: 'bedrockKeyWizardAwsFailure'});
}

/** An SDK error that reached the CLI untranslated: exit 3 in AWS's words, naming no single call. */
export function refusal(error: unknown): Problem {
	return failureProblem(toAwsFailure(error, 'unknown'), {operation: (messages) => messages.problems.aws.someCall});
}
