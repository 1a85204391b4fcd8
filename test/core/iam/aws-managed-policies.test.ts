import {describe, expect, it} from 'vitest';
import {
	AdministratorAccess,
	AmazonBedrockFullAccess,
	AmazonBedrockLimitedAccess,
	awsManagedPolicies,
	evaluatePolicies,
	parsePolicyDocument,
} from '../../../source/core/iam/index.js';
import type {AuthorizationRequest} from '../../../source/core/iam/evaluation.js';

const alone = (policy: typeof AmazonBedrockLimitedAccess, request: AuthorizationRequest) =>
	evaluatePolicies([{name: policy.arn, document: policy.document}], request).decision;

describe('AWS managed policies', () => {
	it.each(awsManagedPolicies.map((policy) => [policy.name, policy] as const))('%s parses cleanly and has its AWS ARN', (name, policy) => {
		const result = parsePolicyDocument(JSON.stringify(policy.document));
		expect(result.ok ? [] : result.errors).toEqual([]);
		expect(policy.arn).toBe(`arn:aws:iam::aws:policy/${name}`);
	});

	it('AmazonBedrockLimitedAccess alone allows InvokeModel on any foundation model and CallWithBearerToken on *', () => {
		for (const resource of [
			'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
			'arn:aws:bedrock:eu-west-3::foundation-model/mistral.mistral-large-2402-v1:0',
			'arn:aws:bedrock:::foundation-model/amazon.nova-pro-v1:0',
		]) {
			expect(alone(AmazonBedrockLimitedAccess, {action: 'bedrock:InvokeModel', resource})).toBe('allowed');
		}
		expect(alone(AmazonBedrockLimitedAccess, {action: 'bedrock:CallWithBearerToken', resource: '*'})).toBe('allowed');
		expect(alone(AmazonBedrockLimitedAccess, {action: 'bedrock:ListFoundationModels', resource: '*'})).toBe('allowed');
	});

	it('AmazonBedrockLimitedAccess grants marketplace subscription only when called via Bedrock, and nothing of IAM', () => {
		const subscribe: AuthorizationRequest = {action: 'aws-marketplace:Subscribe', resource: '*'};
		expect(alone(AmazonBedrockLimitedAccess, subscribe)).toBe('implicitDeny');
		expect(alone(AmazonBedrockLimitedAccess, {...subscribe, context: {'aws:CalledViaLast': 'bedrock.amazonaws.com'}})).toBe('allowed');
		expect(alone(AmazonBedrockLimitedAccess, {action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/x'})).toBe('implicitDeny');
		expect(alone(AmazonBedrockLimitedAccess, {action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*'})).toBe('implicitDeny');
	});

	it('both open the Mantle endpoint to an API key: sign-in and inference on any project (the side door the guardrail closes)', () => {
		const project = 'arn:aws:bedrock-mantle:us-west-2:123456789012:project/default';
		for (const policy of [AmazonBedrockFullAccess, AmazonBedrockLimitedAccess]) {
			expect(alone(policy, {action: 'bedrock-mantle:CallWithBearerToken', resource: '*'})).toBe('allowed');
			expect(alone(policy, {action: 'bedrock-mantle:CreateInference', resource: project, context: {'bedrock-mantle:Model': 'openai.gpt-oss-120b'}})).toBe(
				'allowed',
			);
		}
		// FullAccess grants the whole namespace; LimitedAccess reads and inference only.
		expect(alone(AmazonBedrockFullAccess, {action: 'bedrock-mantle:CreateProject', resource: project})).toBe('allowed');
		expect(alone(AmazonBedrockLimitedAccess, {action: 'bedrock-mantle:CreateProject', resource: project})).toBe('implicitDeny');
	});

	it('AmazonBedrockFullAccess allows every Bedrock action; AdministratorAccess everything', () => {
		expect(alone(AmazonBedrockFullAccess, {action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*'})).toBe('allowed');
		expect(alone(AmazonBedrockFullAccess, {action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/x'})).toBe('implicitDeny');
		expect(alone(AdministratorAccess, {action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/x'})).toBe('allowed');
	});
});
