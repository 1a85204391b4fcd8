import {confineVariablesToResourcePart} from './arn.js';
import {compileIamPattern} from './iam-pattern.js';
import type {WildcardPattern} from './wildcard.js';
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
 * A statement's Resource or NotResource, compiled once for the many requests an evaluator answers: an entry
 * without a policy variable (most of them; every entry under Version 2008-10-17, where `${…}` is literal)
 * is a compiled pattern; an entry with one stays text, compiled per request from that request's values.
 */
export interface PreparedResources {
	readonly kind: 'Resource' | 'NotResource';
	readonly entries: ReadonlyArray<WildcardPattern | string>;
}

export function prepareResources(element: ResourceElement, variablesEnabled: boolean): PreparedResources {
	return {
		kind: element.kind,
		entries: element.patterns.map((pattern) =>
			variablesEnabled && pattern.includes('${') ? pattern : (compileIamPattern(pattern, {wildcards: true, ignoreCase: false}) as WildcardPattern),
		),
	};
}

/**
 * Does the element cover the request's resource? An unresolvable entry is resolved towards "deny": it never
 * lets an Allow apply (neither through Resource nor by being skipped in NotResource) and never keeps a Deny
 * from applying.
 */
export function resourceMatches(element: PreparedResources, resource: string, effect: Effect, variables: RequestContextIndex | undefined): boolean {
	const unresolvedCountsAsMatch = element.kind === 'Resource' ? effect === 'Deny' : effect === 'Allow';
	const anyMatch = element.entries.some((entry) =>
		typeof entry === 'string' ? (resourceEntryMatches(entry, resource, variables) ?? unresolvedCountsAsMatch) : entry.test(resource),
	);
	return element.kind === 'Resource' ? anyMatch : !anyMatch;
}

/** A statement's Action or NotAction, compiled once (actions take no policy variables). */
export interface PreparedActions {
	readonly kind: 'Action' | 'NotAction';
	readonly patterns: readonly WildcardPattern[];
}

export function prepareActions(kind: PreparedActions['kind'], patterns: readonly string[]): PreparedActions {
	return {kind, patterns: patterns.map((pattern) => compileIamPattern(pattern, {wildcards: true, ignoreCase: true}) as WildcardPattern)};
}

/** Whether the request's action is one the statement is about (in Action, or not in NotAction). */
export function actionApplies(actions: PreparedActions, action: string): boolean {
	const hit = actions.patterns.some((pattern) => pattern.test(action));
	return actions.kind === 'Action' ? hit : !hit;
}
