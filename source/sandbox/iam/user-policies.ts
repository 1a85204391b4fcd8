/**
 * Inline user policies (checked by core/iam's parser: MalformedPolicyDocument on bad JSON or grammar,
 * LimitExceeded past 2,048 characters without whitespace, counted over all of the user's inline policies)
 * and attached managed policies (the bundled AWS managed ones and the account's own, customer-policies.ts;
 * at most 10 per user).
 */
import {parsePolicyDocument, policySizeWithoutWhitespace} from '../../core/iam/index.js';
import {AwsServiceError} from '../contracts.js';
import {XmlMembers} from '../protocols/query-xml.js';
import {existingUser, noSuchUser, page, requireAllowed, targetUserName, userResource, validateName, type QueryAction} from './common.js';
import {requirePolicySize} from './limits.js';
import {managedPolicy} from './managed-policies.js';

/** AWS's quota for one user's inline policies, counted without whitespace. */
export const inlinePolicySizeLimit = 2048;
/** AWS's default quota of managed policies attached to one user (PoliciesPerUser). */
export const managedPoliciesPerUser = 10;

const policyTooLarge = (userName: string): AwsServiceError =>
	new AwsServiceError('LimitExceeded', `Maximum policy size of ${inlinePolicySizeLimit} bytes exceeded for user ${userName}`, 409);

/** IAM accepts the document as JSON or URL-encoded JSON (what GetUserPolicy returns). */
export function decodePolicyText(text: string): string {
	if (/^\s*%7B/i.test(text)) {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	}
	return text;
}

/** Parses a policy given to IAM, or throws MalformedPolicyDocument with the parser's reasons. */
export function requireValidPolicy(text: string): void {
	const parsed = parsePolicyDocument(text);
	if (!parsed.ok) throw new AwsServiceError('MalformedPolicyDocument', parsed.errors.join(' ') || 'Syntax errors in policy.', 400);
}

const putUserPolicy: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const policyName = call.input.required('PolicyName');
	validateName(policyName, 'policyName', 128);
	const text = decodePolicyText(call.input.required('PolicyDocument'));
	requireAllowed(call, 'iam:PutUserPolicy', userResource(call, userName));
	if (!call.state.live().user(userName)) throw noSuchUser(userName);
	// One document over the user's whole quota is refused before it is parsed; the sum is checked below.
	requirePolicySize(text, inlinePolicySizeLimit, () => policyTooLarge(userName));
	requireValidPolicy(text);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		// The quota is the sum of all of the user's inline policies.
		const others = Object.entries(user.inlinePolicies)
			.filter(([name]) => name !== policyName)
			.reduce((sum, [, document]) => sum + policySizeWithoutWhitespace(document), 0);
		if (others + policySizeWithoutWhitespace(text) > inlinePolicySizeLimit) {
			throw policyTooLarge(userName);
		}
		user.inlinePolicies = {...user.inlinePolicies, [policyName]: text};
	});
	return undefined;
};

const getUserPolicy: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const policyName = call.input.required('PolicyName');
	requireAllowed(call, 'iam:GetUserPolicy', userResource(call, userName));
	const user = call.state.live().user(userName);
	if (!user) throw noSuchUser(userName);
	const text = user.inlinePolicies[policyName];
	if (text === undefined) throw new AwsServiceError('NoSuchEntity', `The user policy with name ${policyName} cannot be found.`, 404);
	// IAM returns policy documents URL-encoded (RFC 3986); callers decode them.
	return {UserName: userName, PolicyName: policyName, PolicyDocument: encodeURIComponent(text)};
};

const listUserPolicies: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:ListUserPolicies', userResource(call, userName));
	const user = call.state.live().user(userName);
	if (!user) throw noSuchUser(userName);
	const {items, fields} = page(call, Object.keys(user.inlinePolicies).sort());
	return {PolicyNames: new XmlMembers(items), ...fields};
};

const deleteUserPolicy: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const policyName = call.input.required('PolicyName');
	requireAllowed(call, 'iam:DeleteUserPolicy', userResource(call, userName));
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		if (user.inlinePolicies[policyName] === undefined)
			throw new AwsServiceError('NoSuchEntity', `The user policy with name ${policyName} cannot be found.`, 404);
		const {[policyName]: _removed, ...rest} = user.inlinePolicies;
		user.inlinePolicies = rest;
	});
	return undefined;
};

const attachUserPolicy: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const policyArn = call.input.required('PolicyArn');
	const decision = call.context.authorize('iam:AttachUserPolicy', userResource(call, userName), {'iam:PolicyARN': policyArn});
	if (!decision.allowed) throw new AwsServiceError('AccessDenied', decision.message ?? 'Access denied', 403);
	if (!managedPolicy(policyArn) && !call.state.live().customerPolicy(policyArn))
		throw new AwsServiceError('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`, 404);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		// The policy may have been deleted since the check above; one commit sees the account as it is.
		if (!managedPolicy(policyArn) && !data.policies.some((policy) => policy.arn === policyArn))
			throw new AwsServiceError('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`, 404);
		if (user.attachedPolicies.includes(policyArn)) return;
		if (user.attachedPolicies.length >= managedPoliciesPerUser)
			throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for PoliciesPerUser: ${managedPoliciesPerUser}`, 409);
		user.attachedPolicies = [...user.attachedPolicies, policyArn];
	});
	return undefined;
};

const detachUserPolicy: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const policyArn = call.input.required('PolicyArn');
	const decision = call.context.authorize('iam:DetachUserPolicy', userResource(call, userName), {'iam:PolicyARN': policyArn});
	if (!decision.allowed) throw new AwsServiceError('AccessDenied', decision.message ?? 'Access denied', 403);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		if (!user.attachedPolicies.includes(policyArn)) throw new AwsServiceError('NoSuchEntity', `Policy ${policyArn} was not found.`, 404);
		user.attachedPolicies = user.attachedPolicies.filter((arn) => arn !== policyArn);
	});
	return undefined;
};

const listAttachedUserPolicies: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:ListAttachedUserPolicies', userResource(call, userName));
	const view = call.state.live();
	const user = view.user(userName);
	if (!user) throw noSuchUser(userName);
	// PathPrefix filters by the policy's path (AWS managed policies here all live under `/`).
	const prefix = call.input.optional('PathPrefix') ?? '/';
	const attached = user.attachedPolicies.filter((arn) => (view.customerPolicy(arn)?.path ?? '/').startsWith(prefix));
	const {items, fields} = page(call, attached);
	return {
		AttachedPolicies: new XmlMembers(
			items.map((arn) => ({PolicyName: managedPolicy(arn)?.name ?? view.customerPolicy(arn)?.policyName ?? arn.split('/').pop(), PolicyArn: arn})),
		),
		...fields,
	};
};

export const policyActions: Readonly<Record<string, QueryAction>> = {
	PutUserPolicy: putUserPolicy,
	GetUserPolicy: getUserPolicy,
	ListUserPolicies: listUserPolicies,
	DeleteUserPolicy: deleteUserPolicy,
	AttachUserPolicy: attachUserPolicy,
	DetachUserPolicy: detachUserPolicy,
	ListAttachedUserPolicies: listAttachedUserPolicies,
};
