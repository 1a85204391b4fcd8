import type {AuthorizationRequest, EvaluationResult, MalformedStatement, MatchedStatement} from './evaluation.js';
import {evaluateConditionBlock} from './conditions.js';
import type {NamedPolicy, PolicyStatement} from './policy-document.js';
import {indexRequestContext, type RequestContextIndex} from './request-context.js';
import {statementProblems} from './statement-grammar.js';
import {actionApplies, listOf, prepareActions, prepareResources, resourceMatches, type PreparedActions, type PreparedResources} from './statement-match.js';

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

/** A well-formed statement's Action and Resource elements, compiled once per evaluator (statement-match.ts). */
interface PreparedMatch {
	readonly actions: PreparedActions;
	readonly resources: PreparedResources;
}

function prepareMatch(statement: PolicyStatement, variablesEnabled: boolean): PreparedMatch {
	return {
		actions: statement.Action === undefined ? prepareActions('NotAction', listOf(statement.NotAction)) : prepareActions('Action', listOf(statement.Action)),
		resources: prepareResources(
			statement.Resource === undefined
				? {kind: 'NotResource', patterns: listOf(statement.NotResource)}
				: {kind: 'Resource', patterns: listOf(statement.Resource)},
			variablesEnabled,
		),
	};
}

function statementApplies(
	statement: PolicyStatement,
	match: PreparedMatch,
	request: AuthorizationRequest,
	context: RequestContextIndex,
	variablesEnabled: boolean,
): StatementOutcome {
	if (!actionApplies(match.actions, request.action)) {
		return 'doesNotApply';
	}
	if (!resourceMatches(match.resources, request.resource, statement.Effect, variablesEnabled ? context : undefined)) {
		return 'doesNotApply';
	}
	if (statement.Condition === undefined) {
		return 'applies';
	}
	const conditions = evaluateConditionBlock(statement.Condition, {context, variablesEnabled});
	return conditions === true ? 'applies' : 'doesNotApply';
}

export function evaluatePolicies(policies: readonly NamedPolicy[], request: AuthorizationRequest): EvaluationResult {
	return policyEvaluator(policies)(request);
}

/**
 * The same evaluation for many requests over the same policies (a matrix of requests, a simulation):
 * each statement's grammar is checked once, not once per request. The policies must not change while
 * the evaluator is in use.
 */
export function policyEvaluator(policies: readonly NamedPolicy[]): (request: AuthorizationRequest) => EvaluationResult {
	const prepared = policies.map((policy) => ({
		name: policy.name,
		// AWS: policy variables are only replaced in Version 2012-10-17; under 2008-10-17 (also the
		// default when Version is missing) "${aws:username}" is literal text.
		variablesEnabled: policy.document?.Version === '2012-10-17',
		// flatMap, as forEach did: a hole in a sparse Statement array is no statement.
		statements: statementsOf(policy).flatMap((raw, statementIndex) => {
			const statement = raw as PolicyStatement;
			const problems = statementProblems(raw, `Statement[${statementIndex}]`);
			return [
				{
					statement,
					statementIndex,
					problems,
					// Only a well-formed statement is ever matched (a malformed one fails closed below).
					match: problems.length === 0 ? prepareMatch(statement, policy.document?.Version === '2012-10-17') : undefined,
					effect: (raw as {Effect?: unknown} | null)?.Effect === 'Allow' ? ('Allow' as const) : ('Deny' as const),
					sid: typeof statement?.Sid === 'string' ? statement.Sid : undefined,
				},
			];
		}),
	}));
	return (request) => {
		const context = indexRequestContext(request.context);
		const denies: MatchedStatement[] = [];
		const allows: MatchedStatement[] = [];
		const malformed: MalformedStatement[] = [];
		for (const policy of prepared) {
			for (const {statement, statementIndex, problems, match, effect, sid} of policy.statements) {
				const matched = (): MatchedStatement => ({policyName: policy.name, effect, statementIndex, ...(sid === undefined ? {} : {sid})});
				if (problems.length > 0) {
					// IAM would have refused this policy. Fail closed: a malformed Allow grants nothing and a
					// malformed Deny (or one with an unreadable Effect) denies everything it might have denied.
					malformed.push({policyName: policy.name, statementIndex, problems});
					if (effect === 'Deny') {
						denies.push(matched());
					}
					continue;
				}
				if (match && statementApplies(statement, match, request, context, policy.variablesEnabled) === 'applies') {
					(effect === 'Deny' ? denies : allows).push(matched());
				}
			}
		}
		return decisionOf(denies, allows, malformed);
	};
}

function decisionOf(denies: MatchedStatement[], allows: MatchedStatement[], malformed: MalformedStatement[]): EvaluationResult {
	const extra = malformed.length > 0 ? {malformedStatements: malformed} : {};
	if (denies.length > 0) {
		return {decision: 'explicitDeny', matchedStatements: denies, ...extra};
	}
	if (allows.length > 0) {
		return {decision: 'allowed', matchedStatements: allows, ...extra};
	}
	return {decision: 'implicitDeny', matchedStatements: [], ...extra};
}
