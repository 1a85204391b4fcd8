/**
 * Puts a RequestGate in front of every HTTP attempt a client makes: placed after the SDK's retry
 * middleware, so retries and paginated pages are paced and counted like any other request.
 */
import type {IAMClient, ServiceInputTypes, ServiceOutputTypes} from '@aws-sdk/client-iam';
import type {FinalizeRequestMiddleware} from '@aws-sdk/types';
import type {RequestGate} from '../flows/ports.js';

/** The SDK's throttling codes minus LimitExceededException, which IAM uses for quotas (e.g. 2 API keys per user). */
const throttlingNames = new Set([
	'Throttling',
	'ThrottlingException',
	'ThrottledException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
]);

export function isThrottling(error: unknown): boolean {
	const e = error as {name?: string; $metadata?: {httpStatusCode?: number}};
	return throttlingNames.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 429;
}

export function gateRequests(client: IAMClient, gate: RequestGate): void {
	const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
		const startedAt = await gate.acquire();
		try {
			const output = await next(args);
			gate.settle(startedAt, 'ok');
			return output;
		} catch (error) {
			gate.settle(startedAt, isThrottling(error) ? 'throttled' : 'error');
			throw error;
		}
	};
	client.middlewareStack.addRelativeTo(middleware, {name: 'bedrockKeyWizardRequestGate', relation: 'after', toMiddleware: 'retryMiddleware'});
}
