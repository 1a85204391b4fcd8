/**
 * Authorization as IAM does it for identity policies: the caller's inline and attached policies are
 * evaluated by core/iam with the global condition keys AWS sets on every request, and a denial gets
 * AWS's message form (implicit: "because no identity-based policy allows ...", explicit: "with an
 * explicit deny in an identity-based policy").
 */
import {evaluatePolicies} from '../core/iam/index.js';
import type {RequestContextValue} from '../core/iam/evaluation.js';
import type {NamedPolicy} from '../core/iam/policy-document.js';
import type {AccessDecision, Caller} from './contracts.js';
import type {UserRecord} from './state/model.js';

export interface AuthorizationScope {
	readonly caller: Caller;
	/**
	 * The organisation's service control policies over this account (`sandbox --org-policy`), evaluated for
	 * every principal, root included, beside AWS's default FullAWSAccess: so a Deny in one of them refuses,
	 * "with an explicit deny in a service control policy" (docs/aws-facts.md, 'Organisation guardrails').
	 */
	readonly serviceControlPolicies?: readonly NamedPolicy[];
	readonly user: UserRecord | undefined;
	readonly policies: readonly NamedPolicy[];
	readonly region: string;
	readonly now: Date;
}

/** The global condition keys IAM puts in every request context. */
export function globalContext(scope: AuthorizationScope): Record<string, RequestContextValue> {
	const {caller, user, region, now} = scope;
	const context: Record<string, RequestContextValue> = {
		'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
		'aws:PrincipalArn': caller.arn,
		'aws:PrincipalAccount': caller.accountId,
		'aws:PrincipalType': caller.kind === 'root' ? 'Account' : 'User',
		'aws:userid': caller.userId,
		'aws:RequestedRegion': region,
		// The sandbox serves cleartext HTTP on loopback; AWS would say true over TLS.
		'aws:SecureTransport': 'false',
	};
	if (caller.userName) context['aws:username'] = caller.userName;
	for (const tag of user?.tags ?? []) context[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
	if (caller.auth.type === 'bearer') context['bedrock:bearerTokenType'] = caller.auth.tokenType;
	return context;
}

export function authorize(scope: AuthorizationScope, action: string, resource: string, extra?: Readonly<Record<string, RequestContextValue>>): AccessDecision {
	const context = extra ? {...globalContext(scope), ...extra} : globalContext(scope);
	// An explicit Deny anywhere wins first; a service control policy's is named as such, and nothing the
	// principal's own policies say can change it.
	if (scope.serviceControlPolicies?.length && evaluatePolicies(scope.serviceControlPolicies, {action, resource, context}).decision === 'explicitDeny')
		return {allowed: false, message: accessDeniedMessage(scope.caller.arn, action, resource, 'service-control-policy')};
	if (scope.caller.kind === 'root') return {allowed: true};
	const result = evaluatePolicies(scope.policies, {action, resource, context});
	if (result.decision === 'allowed') return {allowed: true};
	return {
		allowed: false,
		message: accessDeniedMessage(scope.caller.arn, action, resource, result.decision === 'explicitDeny' ? 'identity-policy' : 'implicit'),
	};
}

/** AWS leaves out "on resource" for actions without a resource type (granted on `*`). */
export function accessDeniedMessage(
	principalArn: string,
	action: string,
	resource: string,
	denial: 'implicit' | 'identity-policy' | 'service-control-policy',
): string {
	const onResource = resource === '*' ? '' : ` on resource: ${resource}`;
	const why =
		denial === 'service-control-policy'
			? 'with an explicit deny in a service control policy'
			: denial === 'identity-policy'
				? 'with an explicit deny in an identity-based policy'
				: `because no identity-based policy allows the ${action} action`;
	return `User: ${principalArn} is not authorized to perform: ${action}${onResource} ${why}`;
}
