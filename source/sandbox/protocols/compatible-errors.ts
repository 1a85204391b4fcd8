/** Errors of the OpenAI-compatible and Anthropic Messages surfaces (runtime/compatible.ts, mantle/). */
import type {AwsServiceError, SandboxResponse} from '../contracts.js';

/**
 * An error in the shape of the API the path speaks, on Mantle and on bedrock-runtime's compatible surfaces:
 * Anthropic's `{"type": "error", "error": {...}}` under `/anthropic/`, OpenAI's `{"error": {...}}` elsewhere,
 * so that those SDKs show the message. The AWS exception name stays in `x-amzn-errortype` (and in `code`,
 * OpenAI's), so a client can still tell AccessDeniedException from the rest. The exact bodies AWS sends on
 * these surfaces are not confirmed (docs/aws-facts.md, 'Not confirmed').
 */
export function renderCompatibleError(error: AwsServiceError, path: string, requestId: string): SandboxResponse {
	const headers = {'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code};
	if (path.startsWith('/anthropic/'))
		return {status: error.status, headers, body: JSON.stringify({type: 'error', error: {type: anthropicErrorType(error.status), message: error.message}})};
	return {
		status: error.status,
		headers,
		body: JSON.stringify({error: {message: error.message, type: openAiErrorType(error.status), param: null, code: error.code}}),
	};
}

function anthropicErrorType(status: number): string {
	if (status === 401) return 'authentication_error';
	if (status === 403) return 'permission_error';
	if (status === 404) return 'not_found_error';
	if (status === 413) return 'request_too_large';
	if (status === 429) return 'rate_limit_error';
	if (status >= 500) return status === 503 ? 'overloaded_error' : 'api_error';
	return 'invalid_request_error';
}

function openAiErrorType(status: number): string {
	if (status === 401) return 'authentication_error';
	if (status === 403) return 'permission_denied';
	if (status === 404) return 'not_found_error';
	if (status === 429) return 'rate_limit_exceeded';
	if (status >= 500) return 'server_error';
	return 'invalid_request_error';
}
