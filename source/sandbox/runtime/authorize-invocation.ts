/**
 * IAM for Bedrock Runtime, as AWS does it: Converse is authorized as `bedrock:InvokeModel`, ConverseStream
 * as `bedrock:InvokeModelWithResponseStream` (there is no bedrock:Converse action); through a profile
 * the profile ARN and then the model ARN in the destination region (with `bedrock:InferenceProfileArn`)
 * must both be allowed.
 */
import type {HandlerContext} from '../contracts.js';
import {accessDenied, requireAllowed} from '../bedrock/rest-json.js';
import type {InvocationRoute} from './resolve-target.js';

export type RuntimeOperation = 'Converse' | 'ConverseStream' | 'InvokeModel' | 'InvokeModelWithResponseStream';

export function invocationAction(operation: RuntimeOperation): string {
	return operation === 'Converse' || operation === 'InvokeModel' ? 'bedrock:InvokeModel' : 'bedrock:InvokeModelWithResponseStream';
}

/** A refusal by a guardrail the key's own policy cannot change: a service control policy, or the user's permissions boundary. */
const guardrailDenial = /in a service control policy$|(?:in a|because no) permissions boundary/;

/**
 * Throws AccessDeniedException naming the first resource the caller may not invoke. AWS may route a
 * cross-Region call to any destination of the profile; one that the organisation's service control
 * policies (or the user's permissions boundary) deny makes some calls fail there, at random. The sandbox routes there whenever there is one,
 * so what fails now and then in AWS fails every time here (docs/aws-facts.md, 'Organisation guardrails').
 */
export function authorizeInvocation(context: HandlerContext, operation: RuntimeOperation, route: InvocationRoute): void {
	const action = invocationAction(operation);
	for (const check of route.checks) requireAllowed(context, action, check.resource, check.context);
	for (const check of route.otherDestinations ?? []) {
		const decision = context.authorize(action, check.resource, check.context);
		if (!decision.allowed && decision.message !== undefined && guardrailDenial.test(decision.message)) throw accessDenied(decision.message);
	}
}
