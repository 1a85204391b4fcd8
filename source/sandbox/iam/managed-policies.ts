/**
 * The AWS managed policies the sandbox knows, as real documents (from core/iam). Attaching any other
 * ARN is NoSuchEntity, as AWS answers for a policy that does not exist.
 */
import {AdministratorAccess, AmazonBedrockFullAccess, AmazonBedrockLimitedAccess} from '../../core/iam/index.js';
import type {PolicyDocument} from '../../core/iam/policy-document.js';

export interface ManagedPolicy {
	readonly name: string;
	readonly arn: string;
	/** The default version the bundled document is (v1 … v11), as GetPolicy reports it. */
	readonly version: string;
	readonly document: PolicyDocument;
	/** Stable per policy, shaped like AWS's `ANPA...` ids. */
	readonly policyId: string;
	readonly description: string;
}

const bundled: readonly ManagedPolicy[] = [
	{...AdministratorAccess, policyId: 'ANPAIWMBCKSKIEE64ZLYK', description: 'Provides full access to AWS services and resources.'},
	{...AmazonBedrockFullAccess, policyId: 'ANPAZ3KXS6NDSBSSBFQFE', description: 'Provides full access to Amazon Bedrock and other services.'},
	{
		...AmazonBedrockLimitedAccess,
		policyId: 'ANPAZ3KXS6NDTV7IUM4MY',
		description: 'Provides access to the Amazon Bedrock service for API key users and the console.',
	},
];

const byArn = new Map(bundled.map((policy) => [policy.arn, policy]));

export const managedPolicy = (arn: string): ManagedPolicy | undefined => byArn.get(arn);
export const managedPolicies = (): readonly ManagedPolicy[] => bundled;
/** AWS's managed policies were created long ago; a fixed date keeps responses deterministic. */
export const managedPolicyDate = new Date('2023-09-28T00:00:00Z');
