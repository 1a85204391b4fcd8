import {lookupContextValue, type RequestContextIndex} from './request-context.js';
import {WildcardPattern, type PatternPiece} from './wildcard.js';

/**
 * IAM string patterns: `*` (any run of characters, including `:` and `/`) and `?` (one character),
 * with policy variables `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

export interface PatternOptions {
	/** Whether `*` and `?` are wildcards (StringLike, ArnLike, Resource, Action) or literal characters (StringEquals). */
	readonly wildcards: boolean;
	readonly ignoreCase: boolean;
	/** The request context used to replace `${...}`; undefined when variables are not substituted (policy Version 2008-10-17). */
	readonly variables?: RequestContextIndex;
}

/** A compiled pattern, or `unresolvable` when a policy variable has no single value in the request. */
export type CompiledPattern = WildcardPattern | 'unresolvable';

const compiledCache = new Map<string, WildcardPattern>();

/**
 * Replaces `${...}` with the request value. AWS: "If there is no value for the variable ... the policy
 * variable is not replaced" and the element cannot match, unless a default is given with `${key, 'default'}`.
 * Multivalued keys cannot be used as policy variables, so they are unresolvable too.
 */
function resolveVariable(body: string, variables: RequestContextIndex): string | undefined {
	if (body === '*' || body === '?' || body === '$') {
		return body;
	}
	const defaultMatch = /^\s*([^,]+?)\s*,\s*'(.*)'\s*$/.exec(body);
	const key = defaultMatch ? defaultMatch[1]! : body.trim();
	const value = lookupContextValue(variables, key);
	if (typeof value === 'string') {
		return value;
	}
	return defaultMatch ? defaultMatch[2]! : undefined;
}

/** The pattern as literal text and wildcards, variables replaced; undefined when one has no value. */
function toPieces(pattern: string, options: PatternOptions): PatternPiece[] | undefined {
	const pieces: PatternPiece[] = [];
	let text = '';
	const flush = (): void => {
		if (text.length > 0) pieces.push({kind: 'text', text});
		text = '';
	};
	let index = 0;
	while (index < pattern.length) {
		const character = pattern[index]!;
		if (character === '$' && pattern[index + 1] === '{' && options.variables !== undefined) {
			const end = pattern.indexOf('}', index + 2);
			if (end !== -1) {
				const value = resolveVariable(pattern.slice(index + 2, end), options.variables);
				if (value === undefined) {
					return undefined;
				}
				// A substituted value is literal text: `${*}` yields a literal `*`, and so does a user name containing `*`.
				text += value;
				index = end + 1;
				continue;
			}
		}
		if (options.wildcards && (character === '*' || character === '?')) {
			flush();
			pieces.push(character === '*' ? {kind: 'star'} : {kind: 'any'});
		} else {
			text += character;
		}
		index += 1;
	}
	flush();
	return pieces;
}

/** Compiles a pattern to a matcher without backtracking (`wildcard.ts`); cached when it has no variables. */
export function compileIamPattern(pattern: string, options: PatternOptions): CompiledPattern {
	const usesVariables = options.variables !== undefined && pattern.includes('${');
	const cacheKey = `${options.wildcards ? 'w' : 'l'}${options.ignoreCase ? 'i' : 's'}${pattern}`;
	if (!usesVariables) {
		const cached = compiledCache.get(cacheKey);
		if (cached) {
			return cached;
		}
	}
	const pieces = toPieces(pattern, options);
	if (pieces === undefined) {
		return 'unresolvable';
	}
	const compiled = WildcardPattern.fromPieces(pieces, options.ignoreCase);
	if (!usesVariables) {
		if (compiledCache.size > 5000) {
			compiledCache.clear();
		}
		compiledCache.set(cacheKey, compiled);
	}
	return compiled;
}

export function matchesIamPattern(pattern: string, value: string, options: PatternOptions): boolean {
	const compiled = compileIamPattern(pattern, options);
	return compiled !== 'unresolvable' && compiled.test(value);
}
