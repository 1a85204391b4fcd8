/**
 * REST-JSON (Bedrock, Bedrock Runtime, Access Analyzer), and AWS JSON 1.1 bodies and errors (Service Quotas, Budgets): errors carry their code in the
 * `x-amzn-ErrorType` header and `{"message": ...}` in the body, which is what the SDK's
 * restJson1 deserializer reads for `err.name`.
 */
import {AwsServiceError, type SandboxHttpRequest, type SandboxResponse} from '../contracts.js';

export function jsonResponse(value: unknown, requestId: string, status = 200): SandboxResponse {
	return {status, headers: {'content-type': 'application/json', 'x-amzn-requestid': requestId}, body: JSON.stringify(value)};
}

export function jsonError(error: AwsServiceError, requestId: string): SandboxResponse {
	return {
		status: error.status,
		headers: {'content-type': 'application/json', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId},
		body: JSON.stringify({message: error.message}),
	};
}

/** An AWS JSON 1.1 error (Service Quotas): the name in the body's `__type` too, where botocore reads it. */
export function json11Error(error: AwsServiceError, requestId: string): SandboxResponse {
	return {
		status: error.status,
		headers: {'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId},
		body: JSON.stringify({__type: error.code, message: error.message}),
	};
}

/** Parses a JSON object body; a body that is not one is AWS's SerializationException-style 400. */
export function readJsonObject(request: SandboxHttpRequest): Record<string, unknown> {
	if (request.body.length === 0) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(request.body.toString('utf8'));
	} catch {
		throw new AwsServiceError('ValidationException', 'Could not parse request body into json: the body is not valid JSON.', 400);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new AwsServiceError('ValidationException', 'Could not parse request body into json: expected a JSON object.', 400);
	}
	return parsed as Record<string, unknown>;
}

/** An AWS JSON 1.1 body (Service Quotas, Budgets): a JSON object, or the SerializationException those services answer. */
export function readJson11Object(request: SandboxHttpRequest): Record<string, unknown> {
	try {
		const parsed: unknown = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
	} catch {
		// Falls through to the error below.
	}
	throw new AwsServiceError('SerializationException', 'The request body is not a JSON object.', 400);
}
