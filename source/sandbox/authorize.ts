/**
 * Authorization as IAM does it for identity policies: the caller's inline and attached policies are
 * evaluated by core/iam with the global condition keys AWS sets on every request, and a denial gets
 * AWS's message form (implicit: "because no identity-based policy allows ...", explicit: "with an
 * explicit deny in an identity-based policy"). A user's permissions boundary caps what those policies
 * allow: both must allow (docs/aws-facts.md, 'Organisation guardrails').
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
	/** The user's permissions boundary in force (PutUserPermissionsBoundary), if one is set. */
	readonly permissionsBoundary?: NamedPolicy;
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
	const boundary = scope.permissionsBoundary ? evaluatePolicies([scope.permissionsBoundary], {action, resource, context}).decision : 'allowed';
	// Explicit denies first (the identity policies', then the boundary's); then what is not allowed.
	const denial =
		result.decision === 'explicitDeny'
			? 'identity-policy'
			: boundary === 'explicitDeny'
				? 'permissions-boundary'
				: result.decision !== 'allowed'
					? 'implicit'
					: boundary !== 'allowed'
						? 'no-permissions-boundary'
						: undefined;
	return denial === undefined ? {allowed: true} : {allowed: false, message: accessDeniedMessage(scope.caller.arn, action, resource, denial)};
}

export type Denial = 'implicit' | 'identity-policy' | 'service-control-policy' | 'permissions-boundary' | 'no-permissions-boundary';

const reasons: Readonly<Record<Exclude<Denial, 'implicit' | 'no-permissions-boundary'>, string>> = {
	'service-control-policy': 'with an explicit deny in a service control policy',
	'identity-policy': 'with an explicit deny in an identity-based policy',
	'permissions-boundary': 'with an explicit deny in a permissions boundary',
};

/** AWS leaves out "on resource" for actions without a resource type (granted on `*`). */
export function accessDeniedMessage(principalArn: string, action: string, resource: string, denial: Denial): string {
	const onResource = resource === '*' ? '' : ` on resource: ${resource}`;
	const why =
		denial === 'implicit'
			? `because no identity-based policy allows the ${action} action`
			: denial === 'no-permissions-boundary'
				? `because no permissions boundary allows the ${action} action`
				: reasons[denial];
	return `User: ${principalArn} is not authorized to perform: ${action}${onResource} ${why}`;
}
