/**
 * The authorization requests IAM makes when a client invokes a target (docs/aws-facts.md,
 * 'Inference profiles'). A call succeeds only if every one of them is allowed; through a profile, Bedrock
 * may route to any destination region, so each destination counts.
 */
import type {AuthorizationRequest} from '../iam/evaluation.js';
import type {InvocationTarget} from './targets.js';

export type InvokeAction = 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream';

export const PROFILE_CONTEXT_KEY = 'bedrock:InferenceProfileArn';

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
