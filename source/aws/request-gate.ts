/**
 * Puts a RequestGate in front of every HTTP attempt a client makes: placed after the SDK's retry
 * middleware, so retries and paginated pages are paced and counted like any other request.
 */
import type {IAMClient, ServiceInputTypes, ServiceOutputTypes} from '@aws-sdk/client-iam';
import type {FinalizeRequestMiddleware} from '@aws-sdk/types';
import type {RequestGate} from '../flows/ports.js';
import {classifyAwsError} from './errors.js';

export function gateRequests(client: IAMClient, gate: RequestGate): void {
	const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
		const startedAt = await gate.acquire();
		try {
			const output = await next(args);
			gate.settle(startedAt, 'ok');
			return output;
		} catch (error) {
			gate.settle(startedAt, classifyAwsError(error).kind === 'throttled' ? 'throttled' : 'error');
			throw error;
		}
	};
	client.middlewareStack.addRelativeTo(middleware, {name: 'bedrockKeyWizardRequestGate', relation: 'after', toMiddleware: 'retryMiddleware'});
}
