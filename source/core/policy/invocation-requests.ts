/**
 * The authorization requests IAM makes when a client invokes a target (docs/aws-facts.md,
 * 'Inference profiles'). A call succeeds only if every one of them is allowed; through a profile, Bedrock
 * may route to any destination region, so each destination counts.
 */
import type {AuthorizationRequest} from '../iam/evaluation.js';
import type {InvocationTarget} from './targets.js';

export type InvokeAction = 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream';

export const PROFILE_CONTEXT_KEY = 'bedrock:InferenceProfileArn';
/** The condition key of Mantle's model-naming actions (CreateInference, CountTokens, CreateFineTuningJob). */
export const MANTLE_MODEL_CONTEXT_KEY = 'bedrock-mantle:Model';

export function invocationRequests(target: InvocationTarget, action: InvokeAction): readonly AuthorizationRequest[] {
	if (target.kind === 'foundation-model') return [{action, resource: target.modelArn}];
	const context = {[PROFILE_CONTEXT_KEY]: target.profileArn};
	const modelArns = [...target.destinationModelArns, ...(target.regionlessModelArn ? [target.regionlessModelArn] : [])];
	return [{action, resource: target.profileArn, context}, ...modelArns.map((resource) => ({action, resource, context}))];
}

/** What an API key must be allowed before any model call is even considered. */
export function bearerTokenRequest(tokenType: 'LONG_TERM' | 'SHORT_TERM'): AuthorizationRequest {
	// CallWithBearerToken has no resource type: IAM evaluates it against "*".
	return {action: 'bedrock:CallWithBearerToken', resource: '*', context: {'bedrock:bearerTokenType': tokenType}};
}

/**
 * The requests an API key makes on the Mantle endpoint (`bedrock-mantle.<region>.api.aws`), authorised by
 * their own namespace (docs/aws-facts.md, 'The Mantle endpoint'): the key signs in with
 * `bedrock-mantle:CallWithBearerToken` (no resource type: `*`), and each chat, responses or messages call is
 * `bedrock-mantle:CreateInference` on a project (the account's default project is `default`), with the
 * model in `bedrock-mantle:Model`. The guardrail must leave every one of them denied.
 */
export function mantleRequests(
	region: string,
	accountId: string,
	model: string,
	tokenType: 'LONG_TERM' | 'SHORT_TERM' = 'LONG_TERM',
): readonly AuthorizationRequest[] {
	return [
		{action: 'bedrock-mantle:CallWithBearerToken', resource: '*', context: {'bedrock-mantle:BearerTokenType': tokenType}},
		{
			action: 'bedrock-mantle:CreateInference',
			resource: `arn:aws:bedrock-mantle:${region}:${accountId}:project/default`,
			context: {'bedrock-mantle:Model': model},
		},
	];
}
