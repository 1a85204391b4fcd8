import type {PolicyDocument} from './policy-document.js';
import {statementProblems, syntaxError} from './statement-grammar.js';

/**
 * Checks a policy text the way IAM does before it accepts an identity policy (MalformedPolicyDocument),
 * plus warnings for policies IAM accepts but that do not do what their author likely meant.
 */

export type PolicyParseResult = {ok: true; document: PolicyDocument; warnings: string[]} | {ok: false; errors: string[]};

/** IAM quota: "Inline policy size for a user: 2,048 characters"; "IAM doesn't count white space". */
export const inlineUserPolicySizeLimit = 2048;

export function policySizeWithoutWhitespace(text: string): number {
	return text.replace(/\s/g, '').length;
}

const documentKeys = new Set(['Version', 'Id', 'Statement']);
const versions = new Set(['2012-10-17', '2008-10-17']);

function listOf(value: unknown): unknown[] {
	return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Permissions that have no resource type: only `"Resource": "*"` grants them. */
const actionsWithoutResourceType = ['bedrock:callwithbearertoken', 'bedrock:listfoundationmodels', 'bedrock-mantle:callwithbearertoken'];

function statementWarnings(statement: Record<string, unknown>, where: string): string[] {
	const warnings: string[] = [];
	const actions = listOf(statement['Action']).filter((item): item is string => typeof item === 'string');
	const resources = listOf(statement['Resource']).filter((item): item is string => typeof item === 'string');
	if (statement['Effect'] === 'Allow' && resources.length > 0 && !resources.includes('*')) {
		for (const action of actions) {
			if (actionsWithoutResourceType.includes(action.toLowerCase())) {
				warnings.push(`${where}: ${action} has no resource type, so it is only granted on "Resource": "*"; the ARNs listed never match it.`);
			}
		}
	}
	for (const operator of Object.keys((statement['Condition'] as Record<string, unknown> | undefined) ?? {})) {
		if (statement['Effect'] === 'Allow' && operator.toLowerCase().startsWith('forallvalues:') && !operator.toLowerCase().endsWith('ifexists')) {
			// AWS: ForAllValues "returns true if there are no context keys in the request", so an Allow with it
			// also allows requests that carry no such key at all.
			warnings.push(`${where}: ${operator} with Effect Allow also matches requests without the key; add a Null condition if that is not intended.`);
		}
	}
	return warnings;
}

export function parsePolicyDocument(text: string): PolicyParseResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return {ok: false, errors: [`${syntaxError} (${error instanceof Error ? error.message : 'invalid JSON'})`]};
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return {ok: false, errors: [`${syntaxError} (the policy must be a JSON object)`]};
	}
	const record = parsed as Record<string, unknown>;
	const errors: string[] = [];
	const warnings: string[] = [];
	for (const key of Object.keys(record)) {
		if (!documentKeys.has(key)) {
			errors.push(`${syntaxError} (unknown top-level element "${key}")`);
		}
	}
	if (record['Version'] === undefined) {
		// IAM accepts a missing Version and reads the policy as 2008-10-17; the returned document says so.
		warnings.push(
			'Version is missing, so IAM reads the policy as 2008-10-17, where policy variables such as ${aws:username} are not replaced; add "Version": "2012-10-17".',
		);
	} else if (typeof record['Version'] !== 'string' || !versions.has(record['Version'])) {
		errors.push(`The policy failed legacy parsing (Version must be "2012-10-17" or "2008-10-17")`);
	} else if (record['Version'] === '2008-10-17') {
		warnings.push('Version 2008-10-17 does not replace policy variables such as ${aws:username}; use 2012-10-17.');
	}
	if ('Id' in record && typeof record['Id'] !== 'string') {
		errors.push(`${syntaxError} (Id must be a string)`);
	}
	const statement = record['Statement'];
	if (statement === undefined || typeof statement !== 'object' || statement === null) {
		errors.push(`${syntaxError} (Statement must be an object or a list of objects)`);
		return {ok: false, errors};
	}
	const statements = Array.isArray(statement) ? statement : [statement];
	if (statements.length === 0) {
		warnings.push('The policy has no statements: it allows nothing.');
	}
	const sids = new Set<string>();
	statements.forEach((item: unknown, index) => {
		const where = `Statement[${index}]`;
		errors.push(...statementProblems(item, where));
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			return;
		}
		const entry = item as Record<string, unknown>;
		const sid = entry['Sid'];
		if (typeof sid === 'string') {
			if (!/^[0-9A-Za-z]*$/.test(sid)) {
				errors.push(`Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]* (${where})`);
			}
			if (sids.has(sid)) {
				errors.push(`Statement IDs (SID) in a single policy must be unique. (${where}: "${sid}")`);
			}
			sids.add(sid);
		}
		warnings.push(...statementWarnings(entry, where));
	});
	if (errors.length > 0) {
		return {ok: false, errors};
	}
	const document = (record['Version'] === undefined ? {Version: '2008-10-17', ...record} : record) as unknown as PolicyDocument;
	return {ok: true, document, warnings};
}

/**
 * Whether two policy documents say the same: IAM hands a document back URL-decoded but may re-space or
 * re-encode it, so they are compared as JSON (as text when either does not parse).
 */
export function samePolicyDocument(a: string, b: string): boolean {
	try {
		return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
	} catch {
		return a.trim() === b.trim();
	}
}
