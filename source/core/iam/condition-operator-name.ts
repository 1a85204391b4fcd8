/**
 * The name of a condition operator, split into its parts:
 * `ForAnyValue:StringLikeIfExists` = set qualifier `ForAnyValue` + base `StringLike` + `IfExists`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export type BaseOperatorName =
	| 'StringEquals'
	| 'StringNotEquals'
	| 'StringEqualsIgnoreCase'
	| 'StringNotEqualsIgnoreCase'
	| 'StringLike'
	| 'StringNotLike'
	| 'NumericEquals'
	| 'NumericNotEquals'
	| 'NumericLessThan'
	| 'NumericLessThanEquals'
	| 'NumericGreaterThan'
	| 'NumericGreaterThanEquals'
	| 'DateEquals'
	| 'DateNotEquals'
	| 'DateLessThan'
	| 'DateLessThanEquals'
	| 'DateGreaterThan'
	| 'DateGreaterThanEquals'
	| 'Bool'
	| 'BinaryEquals'
	| 'IpAddress'
	| 'NotIpAddress'
	| 'ArnEquals'
	| 'ArnNotEquals'
	| 'ArnLike'
	| 'ArnNotLike'
	| 'Null';

export const baseOperatorNames: readonly BaseOperatorName[] = [
	'StringEquals',
	'StringNotEquals',
	'StringEqualsIgnoreCase',
	'StringNotEqualsIgnoreCase',
	'StringLike',
	'StringNotLike',
	'NumericEquals',
	'NumericNotEquals',
	'NumericLessThan',
	'NumericLessThanEquals',
	'NumericGreaterThan',
	'NumericGreaterThanEquals',
	'DateEquals',
	'DateNotEquals',
	'DateLessThan',
	'DateLessThanEquals',
	'DateGreaterThan',
	'DateGreaterThanEquals',
	'Bool',
	'BinaryEquals',
	'IpAddress',
	'NotIpAddress',
	'ArnEquals',
	'ArnNotEquals',
	'ArnLike',
	'ArnNotLike',
	'Null',
];

export interface ConditionOperatorName {
	readonly qualifier?: SetQualifier;
	readonly base: BaseOperatorName;
	readonly ifExists: boolean;
}

const baseByLowerCase = new Map(baseOperatorNames.map((name) => [name.toLowerCase(), name]));

/**
 * Operator names are matched case-insensitively, as IAM accepts `stringequals` as well as `StringEquals`.
 * Returns undefined for a name IAM would reject (unknown base, unknown qualifier, `NullIfExists`).
 */
export function parseConditionOperatorName(name: string): ConditionOperatorName | undefined {
	let rest = name;
	let qualifier: SetQualifier | undefined;
	const colon = rest.indexOf(':');
	if (colon !== -1) {
		const prefix = rest.slice(0, colon).toLowerCase();
		if (prefix === 'foranyvalue') {
			qualifier = 'ForAnyValue';
		} else if (prefix === 'forallvalues') {
			qualifier = 'ForAllValues';
		} else {
			return undefined;
		}
		rest = rest.slice(colon + 1);
	}
	let ifExists = false;
	if (rest.toLowerCase().endsWith('ifexists')) {
		ifExists = true;
		rest = rest.slice(0, -'ifexists'.length);
	}
	const base = baseByLowerCase.get(rest.toLowerCase());
	if (base === undefined) {
		return undefined;
	}
	// AWS: "You cannot use the IfExists suffix with the Null condition operator" (it already tests presence).
	if (base === 'Null' && ifExists) {
		return undefined;
	}
	return qualifier === undefined ? {base, ifExists} : {qualifier, base, ifExists};
}
