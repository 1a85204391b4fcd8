import type {RequestContextValue} from './evaluation.js';
import {parseConditionOperatorName, type ConditionOperatorName} from './condition-operator-name.js';
import {baseOperators, operatorSubstitutesVariables, type BaseOperator} from './condition-operators.js';
import type {ConditionBlock, ConditionValue} from './policy-document.js';
import {lookupContextValue, type RequestContextIndex} from './request-context.js';

/**
 * Evaluates a statement's Condition block.
 * AWS: "If your policy has multiple condition operators or multiple keys attached to a single condition
 * operator, the conditions are evaluated using a logical AND. If a single condition operator includes
 * multiple values for one context key, those values are evaluated using a logical OR."
 */
export interface ConditionEvaluationInput {
	readonly context: RequestContextIndex;
	/** Whether `${...}` is substituted (policy Version 2012-10-17 only). */
	readonly variablesEnabled: boolean;
}

export function conditionValuesAsStrings(value: ConditionValue): string[] {
	const list = Array.isArray(value) ? value : [value];
	return list.map((item) => String(item));
}

/** "Any of the policy values" for positive operators; "none of the policy values" for negated ones. */
function requestValueSatisfies(
	operator: BaseOperator,
	requestValue: string,
	policyValues: readonly string[],
	variables: RequestContextIndex | undefined,
): boolean {
	const comparisons = policyValues.map((policyValue) => operator.compare(requestValue, policyValue, variables));
	if (operator.negated) {
		return comparisons.every((comparison) => comparison === false);
	}
	return comparisons.some((comparison) => comparison === true);
}

function evaluateNull(requestValue: RequestContextValue | undefined, policyValues: readonly string[]): boolean {
	// AWS: "Null: true" means the key is absent from the request context, "false" that it is present.
	const expected = requestValue === undefined ? 'true' : 'false';
	return policyValues.some((value) => value.toLowerCase() === expected);
}

export function evaluateConditionKey(
	name: ConditionOperatorName,
	requestValue: RequestContextValue | undefined,
	policyValues: readonly string[],
	variables: RequestContextIndex | undefined,
): boolean {
	if (name.base === 'Null') {
		return evaluateNull(requestValue, policyValues);
	}
	const operator = baseOperators[name.base];
	const substitution = operatorSubstitutesVariables(name.base) ? variables : undefined;
	const satisfies = (value: string) => requestValueSatisfies(operator, value, policyValues, substitution);
	if (name.qualifier === 'ForAllValues') {
		// AWS: "ForAllValues ... also returns true if there are no context keys in the request, or if the
		// context key value resolves to a null data set, such as an empty string."
		const values = requestValue === undefined ? [] : typeof requestValue === 'string' ? [requestValue] : requestValue;
		return values.every(satisfies);
	}
	if (name.qualifier === 'ForAnyValue') {
		if (requestValue === undefined) {
			// AWS (IfExists): "If the key is not present, evaluate the condition element as true."
			return name.ifExists;
		}
		const values = typeof requestValue === 'string' ? [requestValue] : requestValue;
		return values.some(satisfies);
	}
	if (requestValue === undefined) {
		// AWS: negated operators match a missing key ("StringNotEquals ... returns true if the key is not
		// present"), and IfExists makes any operator match a missing key.
		return name.ifExists || operator.negated;
	}
	if (typeof requestValue !== 'string') {
		// A single-valued operator on a multivalued key never matches: AWS requires ForAnyValue/ForAllValues
		// for multivalued context keys.
		return false;
	}
	return satisfies(requestValue);
}

/** Returns undefined when the block is not well-formed (unknown operator or bad value shape). */
export function evaluateConditionBlock(block: ConditionBlock, input: ConditionEvaluationInput): boolean | undefined {
	const variables = input.variablesEnabled ? input.context : undefined;
	for (const [operatorName, keys] of Object.entries(block)) {
		const name = parseConditionOperatorName(operatorName);
		if (!name || typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
			return undefined;
		}
		for (const [key, value] of Object.entries(keys)) {
			const requestValue = lookupContextValue(input.context, key);
			if (!evaluateConditionKey(name, requestValue, conditionValuesAsStrings(value), variables)) {
				return false;
			}
		}
	}
	return true;
}
