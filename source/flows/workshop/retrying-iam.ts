/**
 * IAM calls that survive a bad day: throttled calls are retried with backoff (they never ran), and so are
 * calls that are safe to repeat after an ambiguous failure (no answer, a 5xx). A create is not repeated
 * here: the adapter makes it exactly once, reconciling after a lost reply (aws/reconciled-create.ts, the
 * one strategy for creates; IamPort in flows/ports.ts), so what reaches this wrapper has left nothing behind.
 * Failures are read by kind (core/aws-failure.ts).
 */
import {isAwsFailure} from '../../core/aws-failure.js';
import {retryDelayMs} from '../../core/workshop/rate-limiter.js';
import type {Clock} from '../bounded.js';
import type {IamPort} from '../ports.js';

/** The failures worth another try: the call did not run (throttled), or may have (ambiguous). */
export type RetriedKind = 'throttled' | 'ambiguous';

export interface RetryOptions {
	readonly clock: Clock;
	readonly random?: () => number;
	/** Attempts per call, the first included. */
	readonly maxAttempts?: number;
	readonly signal?: AbortSignal;
	readonly onRetry?: (operation: string, kind: RetriedKind, attempt: number) => void;
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
				const kind: RetriedKind | undefined = isAwsFailure(error, 'throttled') ? 'throttled' : isAwsFailure(error, 'ambiguous') ? 'ambiguous' : undefined;
				const retry = kind === 'throttled' || (kind === 'ambiguous' && repeatable);
				if (!kind || !retry || attempt >= attempts || options.signal?.aborted) throw error;
				if (kind === 'ambiguous') sawAmbiguous = true;
				options.onRetry?.(operation, kind, attempt);
				await options.clock.sleep(retryDelayMs(attempt, random()));
			}
		}
	};
	const gone = (error: unknown): 'gone' | undefined => (isAwsFailure(error, 'not-found') ? 'gone' : undefined);
	const remove = async (operation: string, work: () => Promise<void>): Promise<void> => {
		await call<void | 'gone'>(operation, true, work, gone);
	};

	return {
		findUser: (userName) => call('GetUser', true, () => iam.findUser(userName)),
		// Tags go with CreateUser, so a repeat after a lost answer fails as a conflict and the caller adopts the user by its tags.
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
		setApiKeyStatus: (userName, credentialId, status) =>
			call('UpdateServiceSpecificCredential', true, () => iam.setApiKeyStatus(userName, credentialId, status)),
		createAccessKey: (userName) => call('CreateAccessKey', false, () => iam.createAccessKey(userName)),
		deleteAccessKey: (userName, accessKeyId) => remove('DeleteAccessKey', () => iam.deleteAccessKey(userName, accessKeyId)),
		listUsers: (namePrefix) => call('ListUsers', true, () => iam.listUsers(namePrefix)),
		listApiKeys: (userName) => call('ListServiceSpecificCredentials', true, () => iam.listApiKeys(userName)),
		listAccessKeys: (userName) => call('ListAccessKeys', true, () => iam.listAccessKeys(userName)),
		listInlinePolicies: (userName) => call('ListUserPolicies', true, () => iam.listInlinePolicies(userName)),
		getManagedPolicy: (policyArn) => call('GetPolicy', true, () => iam.getManagedPolicy(policyArn)),
		// A repeat after a lost answer would meet the policy (or make a second version): never repeated blindly.
		createManagedPolicy: (name, path, document, tags) => call('CreatePolicy', false, () => iam.createManagedPolicy(name, path, document, tags)),
		listPolicyVersions: (policyArn) => call('ListPolicyVersions', true, () => iam.listPolicyVersions(policyArn)),
		createPolicyVersion: (policyArn, document) => call('CreatePolicyVersion', false, () => iam.createPolicyVersion(policyArn, document)),
		setDefaultPolicyVersion: (policyArn, versionId) => call('SetDefaultPolicyVersion', true, () => iam.setDefaultPolicyVersion(policyArn, versionId)),
		deletePolicyVersion: (policyArn, versionId) => remove('DeletePolicyVersion', () => iam.deletePolicyVersion(policyArn, versionId)),
		deleteManagedPolicy: (policyArn) => remove('DeletePolicy', () => iam.deleteManagedPolicy(policyArn)),
		listManagedPolicies: (pathPrefix) => call('ListPolicies', true, () => iam.listManagedPolicies(pathPrefix)),
		simulate: (principalArn, actions, resourceArn, context) =>
			call('SimulatePrincipalPolicy', true, () => iam.simulate(principalArn, actions, resourceArn, context)),
	};
}
