import type {BaseOperatorName} from './condition-operator-name.js';
import {compileIamPattern, type PatternOptions} from './iam-pattern.js';
import {splitArn} from './arn.js';
import {cidrContains, parseCidr} from './ip-address.js';
import type {RequestContextIndex} from './request-context.js';

/**
 * One request value against one policy value, in the positive sense of the operator family
 * (StringNotEquals is "not StringEquals"). `invalid` means the values are not of the operator's type;
 * IAM then does not match, whatever the operator's polarity.
 */
export type ValueComparison = boolean | 'invalid';

export interface BaseOperator {
	readonly negated: boolean;
	compare(requestValue: string, policyValue: string, variables: RequestContextIndex | undefined): ValueComparison;
}

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
	return numberPattern.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** AWS date conditions take W3C ISO 8601 dates or epoch (UNIX) seconds. */
export function parseIamDate(text: string): number | undefined {
	const trimmed = text.trim();
	if (/^-?\d+$/.test(trimmed)) {
		return Number(trimmed) * 1000;
	}
	if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
		return undefined;
	}
	const parsed = Date.parse(trimmed);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * A policy value whose variable has no value cannot be compared: it matches nothing, and makes a negated
 * operator fail too (an unknown user name is not proof of "not equal").
 */
function testPattern(pattern: string, value: string, options: PatternOptions): ValueComparison {
	const compiled = compileIamPattern(pattern, options);
	return compiled === 'unresolvable' ? 'invalid' : compiled.test(value);
}

function compareNumbers(check: (request: number, policy: number) => boolean) {
	return (requestValue: string, policyValue: string): ValueComparison => {
		const request = parseNumber(requestValue);
		const policy = parseNumber(policyValue);
		return request === undefined || policy === undefined ? 'invalid' : check(request, policy);
	};
}

function compareDates(check: (request: number, policy: number) => boolean) {
	return (requestValue: string, policyValue: string): ValueComparison => {
		const request = parseIamDate(requestValue);
		const policy = parseIamDate(policyValue);
		return request === undefined || policy === undefined ? 'invalid' : check(request, policy);
	};
}

/**
 * AWS: "ArnEquals, ArnLike: Case-sensitive matching of the ARN. Each of the six colon-delimited
 * components of the ARN is checked separately and each can include multi-character match wildcards (*)
 * or single-character match wildcards (?)." So, unlike Resource, a wildcard here stays inside its part.
 */
function compareArns(requestValue: string, policyValue: string, variables: RequestContextIndex | undefined): ValueComparison {
	const requestParts = splitArn(requestValue);
	const policyParts = splitArn(policyValue);
	if (!requestParts || !policyParts) {
		return 'invalid';
	}
	let result: ValueComparison = true;
	policyParts.forEach((part, index) => {
		const comparison = testPattern(part, requestParts[index]!, {wildcards: true, ignoreCase: false, variables});
		if (comparison === 'invalid' || result === 'invalid') {
			result = 'invalid';
		} else if (!comparison) {
			result = false;
		}
	});
	return result;
}

function compareStrings(wildcards: boolean, ignoreCase: boolean) {
	return (requestValue: string, policyValue: string, variables: RequestContextIndex | undefined): ValueComparison =>
		testPattern(policyValue, requestValue, {wildcards, ignoreCase, variables});
}

function compareBooleans(requestValue: string, policyValue: string, variables: RequestContextIndex | undefined): ValueComparison {
	const request = requestValue.toLowerCase();
	if (request !== 'true' && request !== 'false') {
		return 'invalid';
	}
	const policy = policyValue.toLowerCase();
	if (!policyValue.includes('${') && policy !== 'true' && policy !== 'false') {
		return 'invalid';
	}
	return testPattern(policyValue, requestValue, {wildcards: false, ignoreCase: true, variables});
}

function compareIpAddresses(requestValue: string, policyValue: string): ValueComparison {
	const range = parseCidr(policyValue);
	return range ? cidrContains(range, requestValue) : 'invalid';
}

type Comparison = BaseOperator['compare'];

function positive(compare: Comparison): BaseOperator {
	return {negated: false, compare};
}

function negated(compare: Comparison): BaseOperator {
	return {negated: true, compare};
}

const stringEquals = compareStrings(false, false);
const stringEqualsIgnoreCase = compareStrings(false, true);
const stringLike = compareStrings(true, false);
const numericEquals = compareNumbers((request, policy) => request === policy);
const dateEquals = compareDates((request, policy) => request === policy);

// Policy variables are only substituted for string, ARN and Bool values; AWS lists no variables for
// numeric, date or IP operators, so those receive `undefined` and treat `${` literally (and fail to parse).
export const baseOperators: Readonly<Record<Exclude<BaseOperatorName, 'Null'>, BaseOperator>> = {
	StringEquals: positive(stringEquals),
	StringNotEquals: negated(stringEquals),
	StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
	StringNotEqualsIgnoreCase: negated(stringEqualsIgnoreCase),
	StringLike: positive(stringLike),
	StringNotLike: negated(stringLike),
	NumericEquals: positive(numericEquals),
	NumericNotEquals: negated(numericEquals),
	NumericLessThan: positive(compareNumbers((request, policy) => request < policy)),
	NumericLessThanEquals: positive(compareNumbers((request, policy) => request <= policy)),
	NumericGreaterThan: positive(compareNumbers((request, policy) => request > policy)),
	NumericGreaterThanEquals: positive(compareNumbers((request, policy) => request >= policy)),
	DateEquals: positive(dateEquals),
	DateNotEquals: negated(dateEquals),
	DateLessThan: positive(compareDates((request, policy) => request < policy)),
	DateLessThanEquals: positive(compareDates((request, policy) => request <= policy)),
	DateGreaterThan: positive(compareDates((request, policy) => request > policy)),
	DateGreaterThanEquals: positive(compareDates((request, policy) => request >= policy)),
	Bool: positive(compareBooleans),
	BinaryEquals: positive((requestValue, policyValue) => requestValue === policyValue),
	IpAddress: positive(compareIpAddresses),
	NotIpAddress: negated(compareIpAddresses),
	ArnEquals: positive(compareArns),
	ArnNotEquals: negated(compareArns),
	ArnLike: positive(compareArns),
	ArnNotLike: negated(compareArns),
};

/** Which operators substitute policy variables in their values. */
export function operatorSubstitutesVariables(base: BaseOperatorName): boolean {
	return base.startsWith('String') || base.startsWith('Arn') || base === 'Bool';
}
