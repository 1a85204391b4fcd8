/**
 * REST-JSON building blocks shared by the Bedrock and Bedrock Runtime handlers.
 *
 * Errors: handlers THROW `AwsServiceError` and let the platform render it (status, `x-amzn-ErrorType`,
 * `{"message": ...}`), so every service renders errors the same way and fault injection sees them.
 */
import {AwsServiceError, type HandlerContext, type SandboxResponse} from '../contracts.js';

export function jsonResponse(context: HandlerContext, body: unknown, status = 200): SandboxResponse {
	return {
		status,
		headers: {'content-type': 'application/json', 'x-amzn-requestid': context.requestId},
		body: JSON.stringify(body),
	};
}

export function validationError(message: string): AwsServiceError {
	return new AwsServiceError('ValidationException', message, 400);
}

export function resourceNotFound(message: string): AwsServiceError {
	return new AwsServiceError('ResourceNotFoundException', message, 404);
}

export function accessDenied(message: string): AwsServiceError {
	return new AwsServiceError('AccessDeniedException', message, 403);
}

/** Path labels arrive percent-encoded (`:` as `%3A`, the `/` inside an ARN as `%2F`). */
export function decodePathLabel(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		throw validationError(`Invalid path parameter: ${raw}`);
	}
}

/** Parses a JSON object body; AWS answers a body it cannot read with a 400 before any model runs. */
export function readJsonObject(body: Buffer, malformedMessage: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
	} catch {
		throw validationError(malformedMessage);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw validationError(malformedMessage);
	return parsed as Record<string, unknown>;
}

/**
 * Asks the platform's IAM evaluation and turns a denial into AWS's AccessDeniedException.
 * The platform's message names the action and the resource; the fallback keeps the same form.
 */
export function requireAllowed(context: HandlerContext, action: string, resource: string, conditionContext?: Parameters<HandlerContext['authorize']>[2]): void {
	const decision = context.authorize(action, resource, conditionContext);
	if (decision.allowed) return;
	throw accessDenied(
		decision.message ??
			`User: ${context.caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
	);
}
