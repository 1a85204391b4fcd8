import {confineVariablesToResourcePart} from './arn.js';
import {compileIamPattern} from './iam-pattern.js';
import type {Effect} from './policy-document.js';
import type {RequestContextIndex} from './request-context.js';

/**
 * Action and resource matching of one statement.
 * AWS: action names are case-insensitive ("iam:listaccesskeys" = "iam:ListAccessKeys"); ARNs are
 * case-sensitive; in Resource a `*` "can expand to match beyond the colon boundaries".
 */

export function listOf(value: string | readonly string[] | undefined): readonly string[] {
	if (value === undefined) {
		return [];
	}
	return typeof value === 'string' ? [value] : value;
}

export function actionMatches(patterns: readonly string[], action: string): boolean {
	return patterns.some((pattern) => {
		const compiled = compileIamPattern(pattern, {wildcards: true, ignoreCase: true});
		return compiled !== 'unresolvable' && compiled.test(action);
	});
}

/**
 * Does one Resource entry cover the request resource? Actions without a resource type are requested
 * on the literal `*`, so only entries that match the text `*` (in practice `"Resource": "*"`) cover them:
 * AWS: "you must specify all resources by using a wildcard (*) in the Resource element".
 * A policy variable with no value leaves the entry unresolvable: `undefined`.
 */
function resourceEntryMatches(pattern: string, resource: string, variables: RequestContextIndex | undefined): boolean | undefined {
	const effective = variables === undefined ? pattern : confineVariablesToResourcePart(pattern);
	const compiled = compileIamPattern(effective, {wildcards: true, ignoreCase: false, variables});
	return compiled === 'unresolvable' ? undefined : compiled.test(resource);
}

export interface ResourceElement {
	readonly kind: 'Resource' | 'NotResource';
	readonly patterns: readonly string[];
}

/**
 * An unresolvable entry is resolved towards "deny": it never lets an Allow apply (neither through
 * Resource nor by being skipped in NotResource) and never keeps a Deny from applying.
 */
export function resourceMatches(element: ResourceElement, resource: string, effect: Effect, variables: RequestContextIndex | undefined): boolean {
	const results = element.patterns.map((pattern) => resourceEntryMatches(pattern, resource, variables));
	const unresolvedCountsAsMatch = element.kind === 'Resource' ? effect === 'Deny' : effect === 'Allow';
	const anyMatch = results.some((result) => result ?? unresolvedCountsAsMatch);
	return element.kind === 'Resource' ? anyMatch : !anyMatch;
}
