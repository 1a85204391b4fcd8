/**
 * SimulatePrincipalPolicy and SimulateCustomPolicy, answered by core/iam's evaluator. Like AWS's
 * simulator, only the context the caller passes in ContextEntries is used (no implicit aws:* keys),
 * and it reads IAM's current state (no propagation delay: simulation runs in the control plane).
 */
import {evaluatePolicies, parsePolicyDocument} from '../../core/iam/index.js';
import {actionMatches, listOf} from '../../core/iam/statement-match.js';
import type {RequestContextValue} from '../../core/iam/evaluation.js';
import type {NamedPolicy} from '../../core/iam/policy-document.js';
import {AwsServiceError} from '../contracts.js';
import {nestedList, XmlMembers, type XmlFields} from '../protocols/query-xml.js';
import {page, requireAllowed, type QueryAction, type QueryCall} from './common.js';
import type {UserPolicy} from '../state/identity-view.js';
import {decodePolicyText} from './user-policies.js';

interface SourcedPolicy extends NamedPolicy {
	/** IAM's PolicySourceType: `user` (inline), `aws-managed`, `user-managed` (customer managed), `none` (given in the call). */
	readonly sourceType: 'user' | 'aws-managed' | 'user-managed' | 'none';
	/** The SourcePolicyId the simulator reports: the inline policy's name, the managed policy's name. */
	readonly displayName?: string;
}

function readContext(call: QueryCall): Record<string, RequestContextValue> {
	const context: Record<string, RequestContextValue> = {};
	for (const entry of call.input.structures('ContextEntries')) {
		const name = entry['ContextKeyName'];
		if (!name) throw new AwsServiceError('InvalidInput', 'Every context entry needs a ContextKeyName.', 400);
		const values = nestedList(entry, 'ContextKeyValues');
		const type = entry['ContextKeyType'] ?? 'string';
		context[name] = type.endsWith('List') ? values : (values[0] ?? '');
	}
	return context;
}

/**
 * IAM's policyDocumentType pattern: tab, line feed, carriage return and U+0020 to U+00FF. The sandbox holds
 * action names to it too (AWS documents no pattern for them), so no NUL or U+202E reaches the evaluator
 * or the reply.
 */
const policyTextPattern = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
const inPolicyText = (point: number): boolean => point === 0x09 || point === 0x0a || point === 0x0d || (point >= 0x20 && point <= 0xff);

/** AWS's ValidationError for a member outside the pattern, quoting it with the offending characters escaped (the reply stays XML). */
function requirePolicyText(value: string, member: string): void {
	if (value.length > 0 && [...value].every((character) => inPolicyText(character.codePointAt(0)!))) return;
	const shown = value.replace(/[^\u0020-\u007E]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
	throw new AwsServiceError(
		'ValidationError',
		`1 validation error detected: Value '${shown.length > 128 ? `${shown.slice(0, 128)}…` : shown}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${policyTextPattern}`,
		400,
	);
}

function readInputPolicies(call: QueryCall): SourcedPolicy[] {
	return call.input.list('PolicyInputList').map((text, index) => {
		requirePolicyText(text, `policyInputList.${index + 1}.member`);
		const parsed = parsePolicyDocument(decodePolicyText(text));
		if (!parsed.ok) throw new AwsServiceError('MalformedPolicyDocument', `PolicyInputList.${index + 1}: ${parsed.errors.join(' ')}`, 400);
		return {name: `PolicyInputList.${index + 1}`, document: parsed.document, sourceType: 'none'};
	});
}

/**
 * `boundary`: the user's permissions boundary (SimulatePrincipalPolicy): a decision is allowed only if the
 * boundary allows it too, and each result says so in PermissionsBoundaryDecisionDetail, as AWS's simulator does.
 * `organisation`: the service control policies over the account (SimulatePrincipalPolicy, when there are any):
 * beside the implied FullAWSAccess only a Deny counts, and each result says whether they allow it in
 * OrganizationsDecisionDetail (docs/aws-facts.md, 'Organisation guardrails'). Like every policy here they see
 * only the context the caller passed, so a negated condition on a key not passed matches, as in AWS.
 */
function simulate(call: QueryCall, policies: readonly SourcedPolicy[], boundary?: SourcedPolicy, organisation: readonly NamedPolicy[] = []): XmlFields {
	const actions = call.input.list('ActionNames');
	if (actions.length === 0)
		throw new AwsServiceError(
			'ValidationError',
			"1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
			400,
		);
	actions.forEach((action, index) => requirePolicyText(action, `actionNames.${index + 1}.member`));
	const resources = call.input.list('ResourceArns');
	const context = readContext(call);
	const byName = new Map(policies.map((policy) => [policy.name, policy]));
	const results: XmlFields[] = [];
	for (const action of actions) {
		for (const resource of resources.length > 0 ? resources : ['*']) {
			const result = evaluatePolicies(policies, {action, resource, context});
			const bounded = boundary ? evaluatePolicies([boundary], {action, resource, context}) : undefined;
			const deniedByOrganisation =
				organisation.length > 0 ? evaluatePolicies(organisation, {action, resource, context}).decision === 'explicitDeny' : undefined;
			// An explicit Deny anywhere wins; then both the policies and the boundary must allow.
			const decision =
				result.decision === 'explicitDeny' || bounded?.decision === 'explicitDeny' || deniedByOrganisation === true
					? 'explicitDeny'
					: result.decision === 'allowed' && bounded?.decision !== undefined && bounded.decision !== 'allowed'
						? 'implicitDeny'
						: result.decision;
			// A Deny of the boundary alone is reported with the boundary's statements.
			const fromBoundary = bounded?.decision === 'explicitDeny' && result.decision !== 'explicitDeny';
			// A Deny of the organisation's alone names no statement of the user's (which the SCP's would be is not documented).
			const fromOrganisation = deniedByOrganisation === true && result.decision !== 'explicitDeny' && !fromBoundary;
			const matched = fromOrganisation ? [] : fromBoundary && bounded ? bounded.matchedStatements : result.matchedStatements;
			const source = (name: string): SourcedPolicy | undefined => (fromBoundary ? boundary : byName.get(name));
			results.push({
				EvalActionName: action,
				EvalResourceName: resource,
				EvalDecision: decision,
				MatchedStatements: new XmlMembers(
					matched.map((statement) => ({
						SourcePolicyId: source(statement.policyName)?.displayName ?? displayName(statement.policyName),
						SourcePolicyType: source(statement.policyName)?.sourceType ?? 'none',
					})),
				),
				// Not allowed: the condition keys of this action's Allow statements that the call gave no value, as AWS lists them.
				MissingContextValues: new XmlMembers(
					decision === 'allowed' ? [] : missingContextKeys(boundary && result.decision === 'allowed' ? [boundary] : policies, action, context),
				),
				PermissionsBoundaryDecisionDetail: bounded ? {AllowedByPermissionsBoundary: bounded.decision === 'allowed'} : undefined,
				OrganizationsDecisionDetail: deniedByOrganisation === undefined ? undefined : {AllowedByOrganizations: !deniedByOrganisation},
			});
		}
	}
	const {items, fields} = page(call, results);
	return {EvaluationResults: new XmlMembers(items), ...fields};
}

/**
 * The condition keys of the Allow statements that name this action whose values the caller did not pass:
 * what AWS's simulator reports as MissingContextValues, so a caller can tell "denied" from "cannot tell".
 */
function missingContextKeys(policies: readonly NamedPolicy[], action: string, context: Readonly<Record<string, RequestContextValue>>): string[] {
	const given = new Set(Object.keys(context).map((key) => key.toLowerCase()));
	const missing = new Set<string>();
	for (const policy of policies) {
		for (const statement of [policy.document.Statement].flat()) {
			if (!statement || statement.Effect !== 'Allow' || statement.Condition === undefined) continue;
			if (statement.Action === undefined || !actionMatches(listOf(statement.Action), action)) continue;
			for (const keys of Object.values(statement.Condition)) {
				for (const key of Object.keys(keys ?? {})) if (!given.has(key.toLowerCase())) missing.add(key);
			}
		}
	}
	return [...missing].sort();
}

/** Managed policies are known to the evaluator by ARN; the simulator reports their names. */
const displayName = (name: string): string => (/^arn:aws:iam::(?:aws|\d{12}):policy\//.test(name) ? name.slice(name.lastIndexOf('/') + 1) : name);

const simulatePrincipalPolicy: QueryAction = (call) => {
	const source = call.input.required('PolicySourceArn');
	requireAllowed(call, 'iam:SimulatePrincipalPolicy', source);
	const match = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(source);
	const named = match && match[1] === call.state.accountId ? call.state.live().user(match[2] ?? '') : undefined;
	// The exact ARN, path included: permission to simulate user/team/* must not reach the admin at path /.
	const user = named?.arn === source ? named : undefined;
	if (!user) throw new AwsServiceError('NoSuchEntity', `The user with name ${match?.[2] ?? source} cannot be found.`, 404);
	const sourced = (policy: UserPolicy): SourcedPolicy => ({
		...policy,
		sourceType: policy.kind === 'inline' ? 'user' : policy.kind === 'managed' ? 'aws-managed' : 'user-managed',
	});
	const own = call.state.live().policiesOf(user.userName).map(sourced);
	const boundary = call.state.live().boundaryOf(user.userName);
	return simulate(call, [...own, ...readInputPolicies(call)], boundary && sourced(boundary), call.context.serviceControlPolicies ?? []);
};

const simulateCustomPolicy: QueryAction = (call) => {
	requireAllowed(call, 'iam:SimulateCustomPolicy', '*');
	const policies = readInputPolicies(call);
	if (policies.length === 0)
		throw new AwsServiceError(
			'ValidationError',
			"1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null",
			400,
		);
	return simulate(call, policies);
};

export const simulationActions: Readonly<Record<string, QueryAction>> = {
	SimulatePrincipalPolicy: simulatePrincipalPolicy,
	SimulateCustomPolicy: simulateCustomPolicy,
};
