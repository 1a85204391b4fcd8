/**
 * Deleting an IAM user for good. DeleteUser fails with DeleteConflict until its dependents are gone,
 * so they go first (docs/aws-facts.md, 'Deleting a user'), in this order: service-specific credentials,
 * inline policies, attached managed policies (detached), the customer managed policies this tool made for
 * the user (tagged, under its path: their other versions, then the policy; docs/aws-facts.md, 'Managed
 * policies'), access keys, then the user. Safe to run again after a
 * partial failure: whatever is already gone is skipped.
 */
import {isAwsFailure} from '../../core/aws-failure.js';
import {MANAGED_POLICY_PATH} from '../../core/policy/placement.js';
import {deleteManagedPolicyCompletely} from '../create/apply.js';
import {MANAGED_TAG} from '../create/review.js';
import type {AccessKeySummary, ApiKeySummary, AttachedPolicy, IamPort} from '../ports.js';

export type DeletionStep =
	| {readonly kind: 'api-key'; readonly id: string}
	| {readonly kind: 'inline-policy'; readonly id: string}
	| {readonly kind: 'managed-policy'; readonly id: string}
	| {readonly kind: 'own-managed-policy'; readonly id: string}
	| {readonly kind: 'access-key'; readonly id: string}
	| {readonly kind: 'user'; readonly id: string};

/** What a user holds that must go before it: listed once, for the deletion plan and for whoever describes the user. */
export interface UserHoldings {
	readonly apiKeys: readonly ApiKeySummary[];
	readonly inline: readonly string[];
	readonly attached: readonly AttachedPolicy[];
	readonly accessKeys: readonly AccessKeySummary[];
}

export async function listUserHoldings(iam: IamPort, userName: string): Promise<UserHoldings> {
	const [apiKeys, inline, attached, accessKeys] = await Promise.all([
		iam.listApiKeys(userName),
		iam.listInlinePolicies(userName),
		iam.listAttachedPolicies(userName),
		iam.listAccessKeys(userName),
	]);
	return {apiKeys, inline, attached, accessKeys};
}

/** What deleting the user would remove, in the order it will be removed (a dry run shows this). */
export async function planUserDeletion(iam: IamPort, userName: string, holdings?: UserHoldings): Promise<readonly DeletionStep[]> {
	const {apiKeys, inline, attached, accessKeys} = holdings ?? (await listUserHoldings(iam, userName));
	const own = await ownManagedPolicies(iam, attached);
	return [
		...apiKeys.map((key) => ({kind: 'api-key' as const, id: key.credentialId})),
		...inline.map((name) => ({kind: 'inline-policy' as const, id: name})),
		...attached.map((policy) => ({kind: 'managed-policy' as const, id: policy.arn})),
		...own.map((arn) => ({kind: 'own-managed-policy' as const, id: arn})),
		...accessKeys.map((key) => ({kind: 'access-key' as const, id: key.accessKeyId})),
		{kind: 'user', id: userName},
	];
}

export async function deleteUserCompletely(iam: IamPort, userName: string, onStep?: (step: DeletionStep) => void): Promise<readonly DeletionStep[]> {
	let steps: readonly DeletionStep[];
	try {
		steps = await planUserDeletion(iam, userName);
	} catch (error) {
		// Already gone (another run, or someone by hand): nothing left to do.
		if (isNotFound(error)) return [];
		throw error;
	}
	for (const step of steps) {
		try {
			await removeStep(iam, userName, step);
		} catch (error) {
			// Removed between listing and deleting: the goal is reached all the same.
			if (!isNotFound(error)) throw error;
		}
		// Told once it is gone, never before: a step that fails is not reported as removed.
		onStep?.(step);
	}
	return steps;
}

/** The attached policies this tool made: under its path and tagged as its own (anyone else's is only detached). */
async function ownManagedPolicies(iam: IamPort, attached: readonly AttachedPolicy[]): Promise<string[]> {
	const own: string[] = [];
	for (const policy of attached) {
		if (!policy.arn.includes(`:policy${MANAGED_POLICY_PATH}`)) continue;
		const found = await iam.getManagedPolicy(policy.arn);
		if (found?.tags[MANAGED_TAG] === 'true') own.push(policy.arn);
	}
	return own;
}

/** Flows see AWS failures by kind (core/aws-failure.ts): what the call names does not exist. */
const isNotFound = (error: unknown): boolean => isAwsFailure(error, 'not-found');

function removeStep(iam: IamPort, userName: string, step: DeletionStep): Promise<void> {
	switch (step.kind) {
		case 'api-key':
			return iam.deleteApiKey(userName, step.id);
		case 'inline-policy':
			return iam.deleteUserPolicy(userName, step.id);
		case 'managed-policy':
			return iam.detachPolicy(userName, step.id);
		case 'own-managed-policy':
			return deleteManagedPolicyCompletely(iam, step.id);
		case 'access-key':
			return iam.deleteAccessKey(userName, step.id);
		case 'user':
			return iam.deleteUser(userName);
	}
}
