/**
 * IAM's input limits, applied before any work is done on the input (docs/security.md, 'State, limits and
 * memory'): a call over a limit is refused as IAM refuses it, by counting and measuring, never by parsing
 * or evaluating first. The figures are IAM's API model (the `max` of each shape, as botocore ships it) and
 * its quotas (docs/aws-facts.md, 'IAM names and limits').
 */
import {policySizeWithoutWhitespace} from '../../core/iam/index.js';
import {AwsServiceError} from '../contracts.js';
import type {QueryInput} from '../protocols/query-xml.js';
import type {QueryAction} from './common.js';

/** policyDocumentType: 1 to 131,072 characters, whitespace included (the quotas are counted without it). */
export const policyDocumentMaxLength = 131072;
/** tagListType and tagKeyListType: at most 50 members. */
export const tagsPerCall = 50;
/** ActionNameType: 3 to 128 characters. */
const actionNameLength = {min: 3, max: 128};
/** ResourceNameType: 1 to 2,048 characters. */
const resourceNameMaxLength = 2048;
/**
 * AWS documents no count for ActionNames or ResourceArns; the simulator evaluates every action on every
 * resource, so the sandbox refuses more than this many evaluations in one call (its own bound, named in
 * the refusal).
 */
export const simulationEvaluationLimit = 10000;

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** AWS's wording for a list member that breaks its shape's length. */
function memberLength(member: string, value: string, limit: 'min' | 'max', bound: number): AwsServiceError {
	const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
	return new AwsServiceError(
		'ValidationError',
		`1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: Member must have length ${limit === 'max' ? 'less' : 'greater'} than or equal to ${bound}`,
		400,
	);
}

/** A list longer than its shape allows (tagListType, tagKeyListType). */
export function requireListLength(input: QueryInput, name: string, max: number): void {
	if (input.count(name) > max) {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value at '${lowerFirst(name)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
			400,
		);
	}
}

/** A policy document's length with whitespace, before it is parsed: AWS's ValidationError past 131,072. */
export function requirePolicyLength(text: string, member: string): void {
	if (text.length > policyDocumentMaxLength) throw memberLength(member, text, 'max', policyDocumentMaxLength);
}

/** A policy document over a size quota (counted without whitespace), refused before it is parsed. */
export function requirePolicySize(text: string, limit: number, refusal: () => AwsServiceError): void {
	requirePolicyLength(text, 'policyDocument');
	if (policySizeWithoutWhitespace(text) > limit) throw refusal();
}

/** SimulatePrincipalPolicy and SimulateCustomPolicy: every list member's length, and how much work the call asks for. */
function checkSimulationInput(input: QueryInput): void {
	const actions = input.list('ActionNames');
	actions.forEach((action, index) => {
		if (action.length > actionNameLength.max) throw memberLength(`actionNames.${index + 1}.member`, action, 'max', actionNameLength.max);
		if (action.length < actionNameLength.min) throw memberLength(`actionNames.${index + 1}.member`, action, 'min', actionNameLength.min);
	});
	const resources = input.list('ResourceArns');
	resources.forEach((resource, index) => {
		if (resource.length > resourceNameMaxLength) throw memberLength(`resourceArns.${index + 1}.member`, resource, 'max', resourceNameMaxLength);
		if (resource.length < 1) throw memberLength(`resourceArns.${index + 1}.member`, resource, 'min', 1);
	});
	input.list('PolicyInputList').forEach((text, index) => requirePolicyLength(text, `policyInputList.${index + 1}.member`));
	const evaluations = actions.length * Math.max(resources.length, 1);
	if (evaluations > simulationEvaluationLimit) {
		throw new AwsServiceError(
			'ValidationError',
			`The simulation asks for ${evaluations} evaluations (${actions.length} actions × ${Math.max(resources.length, 1)} resources); this sandbox evaluates at most ${simulationEvaluationLimit} per call.`,
			400,
		);
	}
}

/** The simulation actions with their input checked first. */
export function withSimulationLimits(actions: Readonly<Record<string, QueryAction>>): Readonly<Record<string, QueryAction>> {
	return Object.fromEntries(
		Object.entries(actions).map(([name, action]): [string, QueryAction] => [
			name,
			(call) => {
				checkSimulationInput(call.input);
				return action(call);
			},
		]),
	);
}
