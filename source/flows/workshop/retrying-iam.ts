/**
 * IAM calls that survive a bad day: throttled calls are retried with backoff (they never ran), and so are
 * calls that are safe to repeat. A create whose answer was lost (5xx, dropped connection) may have
 * happened, so it is NOT repeated blindly: the failure is passed up as ambiguous for the caller to look
 * first (a second API key for a seat because a reply was lost would break the 2-keys-per-user limit).
 */
import {Problem} from '../../core/problem.js';
import {retryDelayMs} from '../../core/workshop/rate-limiter.js';
import type {Clock} from '../bounded.js';
import type {IamPort} from '../ports.js';

export type FailureKind = 'throttled' | 'ambiguous' | 'final';

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
const networkCodes = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|UND_ERR_\w+)$/;

export function failureKind(error: unknown): FailureKind {
	const e = error as {name?: string; code?: string; $metadata?: {httpStatusCode?: number}; $retryable?: unknown};
	const status = e?.$metadata?.httpStatusCode;
	if (throttlingNames.has(e?.name ?? '') || status === 429) return 'throttled';
	if (status !== undefined && status >= 500) return 'ambiguous';
	if (status === undefined && (networkCodes.test(e?.code ?? '') || e?.name === 'TimeoutError' || /socket hang up/i.test(String((error as Error)?.message))))
		return 'ambiguous';
	return 'final';
}

/** A failure in words, never with a secret (AWS error names and messages carry none). */
export function reasonOf(error: unknown): string {
	if (error instanceof Problem) return error.message;
	const e = error as {name?: string; message?: string};
	return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

export const isNamed = (error: unknown, name: RegExp): boolean => name.test((error as {name?: string})?.name ?? '');

export interface RetryOptions {
	readonly clock: Clock;
	readonly random?: () => number;
	/** Attempts per call, the first included. */
	readonly maxAttempts?: number;
	readonly signal?: AbortSignal;
	readonly onRetry?: (operation: string, kind: FailureKind, attempt: number) => void;
}

const DEFAULT_ATTEMPTS = 10;

export function retryingIam(iam: IamPort, options: RetryOptions): IamPort {
	const random = options.random ?? Math.random;
	const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
	/** `repeatable`: running the call twice has the effect of running it once. */
	const call = async <T>(operation: string, repeatable: boolean, work: () => Promise<T>, afterAmbiguous?: (error: unknown) => T | undefined): Promise<T> => {
		let sawAmbiguous = false;
		for (let attempt = 1; ; attempt++) {
			try {
				return await work();
			} catch (error) {
				// A delete that failed ambiguously and now finds nothing has done its job.
				if (sawAmbiguous && afterAmbiguous) {
					const settled = afterAmbiguous(error);
					if (settled !== undefined) return settled;
				}
				const kind = failureKind(error);
				const retry = kind === 'throttled' || (kind === 'ambiguous' && repeatable);
				if (!retry || attempt >= attempts || options.signal?.aborted) throw error;
				if (kind === 'ambiguous') sawAmbiguous = true;
				options.onRetry?.(operation, kind, attempt);
				await options.clock.sleep(retryDelayMs(attempt, random()));
			}
		}
	};
	const gone = (error: unknown): 'gone' | undefined => (isNamed(error, /NoSuchEntity/) ? 'gone' : undefined);
	const remove = async (operation: string, work: () => Promise<void>): Promise<void> => {
		await call<void | 'gone'>(operation, true, work, gone);
	};

	return {
		findUser: (userName) => call('GetUser', true, () => iam.findUser(userName)),
		// Tags go with CreateUser, so a repeat after a lost answer fails EntityAlreadyExists and the caller adopts the user by its tags.
		createUser: (userName, tags) => call('CreateUser', true, () => iam.createUser(userName, tags)),
		deleteUser: (userName) => remove('DeleteUser', () => iam.deleteUser(userName)),
		getUserPolicy: (userName, policyName) => call('GetUserPolicy', true, () => iam.getUserPolicy(userName, policyName)),
		putUserPolicy: (userName, policyName, document) => call('PutUserPolicy', true, () => iam.putUserPolicy(userName, policyName, document)),
		deleteUserPolicy: (userName, policyName) => remove('DeleteUserPolicy', () => iam.deleteUserPolicy(userName, policyName)),
		listAttachedPolicies: (userName) => call('ListAttachedUserPolicies', true, () => iam.listAttachedPolicies(userName)),
		attachPolicy: (userName, policyArn) => call('AttachUserPolicy', true, () => iam.attachPolicy(userName, policyArn)),
		detachPolicy: (userName, policyArn) => remove('DetachUserPolicy', () => iam.detachPolicy(userName, policyArn)),
		createApiKey: (userName, ageDays) => call('CreateServiceSpecificCredential', false, () => iam.createApiKey(userName, ageDays)),
		deleteApiKey: (userName, credentialId) => remove('DeleteServiceSpecificCredential', () => iam.deleteApiKey(userName, credentialId)),
		createAccessKey: (userName) => call('CreateAccessKey', false, () => iam.createAccessKey(userName)),
		deleteAccessKey: (userName, accessKeyId) => remove('DeleteAccessKey', () => iam.deleteAccessKey(userName, accessKeyId)),
		listUsers: (namePrefix) => call('ListUsers', true, () => iam.listUsers(namePrefix)),
		listApiKeys: (userName) => call('ListServiceSpecificCredentials', true, () => iam.listApiKeys(userName)),
		listAccessKeys: (userName) => call('ListAccessKeys', true, () => iam.listAccessKeys(userName)),
		listInlinePolicies: (userName) => call('ListUserPolicies', true, () => iam.listInlinePolicies(userName)),
		simulate: (principalArn, actions, resourceArn) => call('SimulatePrincipalPolicy', true, () => iam.simulate(principalArn, actions, resourceArn)),
	};
}
