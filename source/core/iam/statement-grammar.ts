import {parseConditionOperatorName} from './condition-operator-name.js';

/**
 * The IAM grammar of one identity-policy statement, shared by the validator (which reports) and the
 * evaluator (which refuses to let a malformed statement allow anything). The leading sentence of each
 * message is the one IAM's MalformedPolicyDocument error uses.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

export const syntaxError = 'Syntax errors in policy.';
export const principalNotAllowed = 'Policy document should not specify a principal.';
export const missingActions = 'Policy statement must contain actions.';
export const missingResources = 'Policy statement must contain resources.';
export const missingVendor = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';

const statementKeys = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal']);

function isStringOrStringList(value: unknown): value is string | string[] {
	return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

function asList(value: string | string[]): string[] {
	return typeof value === 'string' ? [value] : value;
}

function isConditionScalar(value: unknown): boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `service:Action` with an optional wildcard, or `*` alone. */
function actionProblem(action: string): string | undefined {
	if (action === '*') {
		return undefined;
	}
	const colon = action.indexOf(':');
	if (colon <= 0 || colon === action.length - 1 || !/^[a-zA-Z0-9-]+$/.test(action.slice(0, colon))) {
		return `${missingVendor} (action "${action}")`;
	}
	return undefined;
}

function resourceProblem(resource: string): string | undefined {
	if (resource === '*' || resource.startsWith('arn:')) {
		return undefined;
	}
	return `Resource ${resource} must be in ARN format or "*".`;
}

function conditionProblems(condition: unknown, where: string): string[] {
	if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
		return [`${syntaxError} (${where}: Condition must be an object)`];
	}
	const problems: string[] = [];
	for (const [operator, keys] of Object.entries(condition)) {
		if (!parseConditionOperatorName(operator)) {
			problems.push(`Invalid Condition type : ${operator} (${where})`);
			continue;
		}
		if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
			problems.push(`${syntaxError} (${where}: ${operator} must map condition keys to values)`);
			continue;
		}
		for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
			if (!/^[a-zA-Z0-9-]+:./.test(key)) {
				problems.push(`${missingVendor} (condition key "${key}" in ${where})`);
			}
			const valid = isConditionScalar(value) || (Array.isArray(value) && value.every(isConditionScalar));
			if (!valid) {
				problems.push(`${syntaxError} (${where}: ${operator} value for ${key} must be a string, number, boolean or a list of them)`);
			}
		}
	}
	return problems;
}

function exactlyOne(statement: Record<string, unknown>, positive: string, negative: string, missing: string, where: string): string[] {
	const hasPositive = positive in statement;
	const hasNegative = negative in statement;
	if (!hasPositive && !hasNegative) {
		return [`${missing} (${where})`];
	}
	if (hasPositive && hasNegative) {
		return [`${syntaxError} (${where}: use either ${positive} or ${negative}, not both)`];
	}
	const value = statement[hasPositive ? positive : negative];
	if (!isStringOrStringList(value) || asList(value).length === 0) {
		return [`${syntaxError} (${where}: ${hasPositive ? positive : negative} must be a string or a non-empty list of strings)`];
	}
	const check = positive === 'Action' ? actionProblem : resourceProblem;
	return asList(value).flatMap((item) => check(item) ?? []);
}

/** Everything that makes IAM reject this statement in an identity policy; empty when it is well-formed. */
export function statementProblems(statement: unknown, where: string): string[] {
	if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
		return [`${syntaxError} (${where} must be an object)`];
	}
	const record = statement as Record<string, unknown>;
	const problems: string[] = [];
	if ('Principal' in record || 'NotPrincipal' in record) {
		problems.push(`${principalNotAllowed} (${where})`);
	}
	for (const key of Object.keys(record)) {
		if (!statementKeys.has(key)) {
			problems.push(`${syntaxError} (${where}: unknown element "${key}")`);
		}
	}
	if ('Sid' in record && typeof record['Sid'] !== 'string') {
		problems.push(`${syntaxError} (${where}: Sid must be a string)`);
	}
	if (record['Effect'] !== 'Allow' && record['Effect'] !== 'Deny') {
		problems.push(`${syntaxError} (${where}: Effect must be "Allow" or "Deny")`);
	}
	problems.push(...exactlyOne(record, 'Action', 'NotAction', missingActions, where));
	problems.push(...exactlyOne(record, 'Resource', 'NotResource', missingResources, where));
	if ('Condition' in record) {
		problems.push(...conditionProblems(record['Condition'], where));
	}
	return problems;
}
