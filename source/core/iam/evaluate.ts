import type {AuthorizationRequest, EvaluationResult, MalformedStatement, MatchedStatement} from './evaluation.js';
import {evaluateConditionBlock} from './conditions.js';
import type {NamedPolicy, PolicyStatement} from './policy-document.js';
import {indexRequestContext, type RequestContextIndex} from './request-context.js';
import {statementProblems} from './statement-grammar.js';
import {actionMatches, listOf, resourceMatches} from './statement-match.js';

/**
 * Identity-policy evaluation as IAM does it within one account, with no boundaries, SCPs or session policies:
 * AWS: "an explicit deny in any policy overrides any allows", and without an allow the request is
 * implicitly denied.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

type StatementOutcome = 'applies' | 'doesNotApply';

function statementsOf(policy: NamedPolicy): readonly unknown[] {
	const statement: unknown = (policy.document as {Statement?: unknown} | undefined)?.Statement;
	if (statement === undefined) {
		return [];
	}
	return Array.isArray(statement) ? statement : [statement];
}

function statementApplies(
	statement: PolicyStatement,
	request: AuthorizationRequest,
	context: RequestContextIndex,
	variablesEnabled: boolean,
): StatementOutcome {
	const action =
		statement.Action === undefined ? {kind: 'NotAction', patterns: listOf(statement.NotAction)} : {kind: 'Action', patterns: listOf(statement.Action)};
	const actionHit = actionMatches(action.patterns, request.action);
	if (action.kind === 'Action' ? !actionHit : actionHit) {
		return 'doesNotApply';
	}
	const element =
		statement.Resource === undefined
			? {kind: 'NotResource' as const, patterns: listOf(statement.NotResource)}
			: {kind: 'Resource' as const, patterns: listOf(statement.Resource)};
	if (!resourceMatches(element, request.resource, statement.Effect, variablesEnabled ? context : undefined)) {
		return 'doesNotApply';
	}
	if (statement.Condition === undefined) {
		return 'applies';
	}
	const conditions = evaluateConditionBlock(statement.Condition, {context, variablesEnabled});
	return conditions === true ? 'applies' : 'doesNotApply';
}

export function evaluatePolicies(policies: readonly NamedPolicy[], request: AuthorizationRequest): EvaluationResult {
	const context = indexRequestContext(request.context);
	const denies: MatchedStatement[] = [];
	const allows: MatchedStatement[] = [];
	const malformed: MalformedStatement[] = [];
	for (const policy of policies) {
		// AWS: policy variables are only replaced in Version 2012-10-17; under 2008-10-17 (also the
		// default when Version is missing) "${aws:username}" is literal text.
		const variablesEnabled = policy.document?.Version === '2012-10-17';
		statementsOf(policy).forEach((raw, statementIndex) => {
			const problems = statementProblems(raw, `Statement[${statementIndex}]`);
			const statement = raw as PolicyStatement;
			const effect = (raw as {Effect?: unknown} | null)?.Effect === 'Allow' ? 'Allow' : 'Deny';
			const sid = typeof statement?.Sid === 'string' ? statement.Sid : undefined;
			const matched: MatchedStatement = {policyName: policy.name, effect, statementIndex, ...(sid === undefined ? {} : {sid})};
			if (problems.length > 0) {
				// IAM would have refused this policy. Fail closed: a malformed Allow grants nothing and a
				// malformed Deny (or one with an unreadable Effect) denies everything it might have denied.
				malformed.push({policyName: policy.name, statementIndex, problems});
				if (effect === 'Deny') {
					denies.push(matched);
				}
				return;
			}
			if (statementApplies(statement, request, context, variablesEnabled) === 'applies') {
				(effect === 'Deny' ? denies : allows).push(matched);
			}
		});
	}
	const extra = malformed.length > 0 ? {malformedStatements: malformed} : {};
	if (denies.length > 0) {
		return {decision: 'explicitDeny', matchedStatements: denies, ...extra};
	}
	if (allows.length > 0) {
		return {decision: 'allowed', matchedStatements: allows, ...extra};
	}
	return {decision: 'implicitDeny', matchedStatements: [], ...extra};
}
