/**
 * IAM's wildcards without backtracking: `*` (any run of characters, `:` and `/` included) and `?` (one
 * character). Policies reach the evaluator from whoever writes them (the sandbox's SimulateCustomPolicy
 * takes them from any caller), so matching must not depend on the pattern's shape: a regular expression
 * built from `a*a*a*…b` backtracks for seconds on `aaaa…` (docs/security.md, 'State, limits and memory').
 *
 * The pattern is split at its stars into segments. The first segment must start the value, the last must
 * end it, and each one between is placed at its leftmost possible position, once: a glob matches exactly
 * when that greedy placement succeeds, so nothing is ever retried. The work is at most the value's length
 * times the longest segment's length (and for segments without `?`, `indexOf`'s), never exponential.
 *
 * Case-insensitive matching folds each UTF-16 code unit as a JavaScript regular expression with the `i`
 * flag (and no `u`) does, one unit for one unit, so `?` still stands for exactly one code unit.
 */

/** One character of a pattern: a literal character, or a wildcard. */
export type PatternPiece = {readonly kind: 'text'; readonly text: string} | {readonly kind: 'star'} | {readonly kind: 'any'};

/** A run of the pattern between stars: its folded text, and which of its positions are `?`. */
interface Segment {
	readonly text: string;
	/** Positions that match any one code unit; undefined when there are none (then `indexOf` finds it). */
	readonly any: readonly boolean[] | undefined;
}

/** A compiled wildcard pattern. `test` answers in time bounded by the value's length times the longest segment. */
export class WildcardPattern {
	private constructor(
		/** Without stars: the single segment the whole value must be. With stars: first, middles…, last. */
		private readonly segments: readonly Segment[],
		private readonly hasStar: boolean,
		private readonly ignoreCase: boolean,
	) {}

	/** From pieces: literal text (a substituted policy variable is literal too), stars and `?`s. */
	static fromPieces(pieces: readonly PatternPiece[], ignoreCase: boolean): WildcardPattern {
		const segments: Segment[] = [];
		let text = '';
		let any: boolean[] = [];
		let hasAny = false;
		let hasStar = false;
		const close = (): void => {
			segments.push({text, any: hasAny ? any : undefined});
			text = '';
			any = [];
			hasAny = false;
		};
		for (const piece of pieces) {
			if (piece.kind === 'star') {
				hasStar = true;
				close();
			} else if (piece.kind === 'any') {
				text += '?';
				any.push(true);
				hasAny = true;
			} else {
				const folded = ignoreCase ? foldCase(piece.text) : piece.text;
				text += folded;
				for (let index = 0; index < folded.length; index++) any.push(false);
			}
		}
		close();
		return new WildcardPattern(segments, hasStar, ignoreCase);
	}

	/** A pattern where every `*` and `?` of `pattern` is a wildcard and every other character literal. */
	static of(pattern: string, ignoreCase: boolean): WildcardPattern {
		return WildcardPattern.fromPieces(wildcardPieces(pattern), ignoreCase);
	}

	test(input: string): boolean {
		const value = this.ignoreCase ? foldCase(input) : input;
		const segments = this.segments;
		const first = segments[0] as Segment;
		if (!this.hasStar) return value.length === first.text.length && segmentAt(first, value, 0);
		const last = segments[segments.length - 1] as Segment;
		if (first.text.length + last.text.length > value.length) return false;
		if (!segmentAt(first, value, 0)) return false;
		const end = value.length - last.text.length;
		if (!segmentAt(last, value, end)) return false;
		let position = first.text.length;
		for (let index = 1; index < segments.length - 1; index++) {
			const segment = segments[index] as Segment;
			if (segment.text.length === 0) continue;
			const found = findSegment(segment, value, position, end);
			if (found < 0) return false;
			position = found + segment.text.length;
		}
		return true;
	}
}

/** `*` and `?` as wildcards, everything else literal. */
export function wildcardPieces(pattern: string): PatternPiece[] {
	const pieces: PatternPiece[] = [];
	let start = 0;
	for (let index = 0; index < pattern.length; index++) {
		const character = pattern[index];
		if (character !== '*' && character !== '?') continue;
		if (index > start) pieces.push({kind: 'text', text: pattern.slice(start, index)});
		pieces.push(character === '*' ? {kind: 'star'} : {kind: 'any'});
		start = index + 1;
	}
	if (start < pattern.length) pieces.push({kind: 'text', text: pattern.slice(start)});
	return pieces;
}

/** Does `pattern` (its `*` and `?` wildcards) match all of `value`? Pure; see the file's comment for the cost. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
	return WildcardPattern.of(pattern, ignoreCase).test(value);
}

function segmentAt(segment: Segment, value: string, at: number): boolean {
	const {text, any} = segment;
	if (at < 0 || at + text.length > value.length) return false;
	if (!any) return value.startsWith(text, at);
	for (let index = 0; index < text.length; index++) {
		if (!any[index] && text.charCodeAt(index) !== value.charCodeAt(at + index)) return false;
	}
	return true;
}

/** The leftmost position ≥ `from` where `segment` matches and ends by `limit`, or -1. */
function findSegment(segment: Segment, value: string, from: number, limit: number): number {
	const length = segment.text.length;
	if (!segment.any) {
		const found = value.indexOf(segment.text, from);
		return found >= 0 && found + length <= limit ? found : -1;
	}
	for (let at = from; at + length <= limit; at++) if (segmentAt(segment, value, at)) return at;
	return -1;
}

/**
 * Do two wildcard patterns match at least one common string? Dynamic programming over the two patterns,
 * row by row: time is the product of their lengths (`wildcardOverlapCost`, for callers that bound it),
 * memory two rows, and no recursion (a deep one overflows the stack on long patterns).
 */
export function wildcardPatternsOverlap(a: string, b: string): boolean {
	const width = b.length;
	// next[j]: can a[i+1..] and b[j..] match a common string; row[j] the same for a[i..]. Computed from the end.
	let next = new Uint8Array(width + 1);
	let row = new Uint8Array(width + 1);
	// The empty rest of a matches only a rest of b made of stars.
	next[width] = 1;
	for (let j = width - 1; j >= 0; j--) next[j] = b.charCodeAt(j) === star && next[j + 1] === 1 ? 1 : 0;
	for (let i = a.length - 1; i >= 0; i--) {
		const ai = a.charCodeAt(i);
		if (ai === star) {
			// A star takes any rest of b that the rest of a can follow: row[j] = some next[k], k ≥ j.
			let any = 0;
			for (let j = width; j >= 0; j--) row[j] = any |= next[j] as number;
		} else {
			row[width] = 0;
			for (let j = width - 1; j >= 0; j--) {
				const bj = b.charCodeAt(j);
				if (bj === star) row[j] = (row[j + 1] as number) | (next[j] as number);
				else row[j] = (ai === bj || ai === question || bj === question) && next[j + 1] === 1 ? 1 : 0;
			}
		}
		[next, row] = [row, next];
	}
	return next[0] === 1;
}

/** The work `wildcardPatternsOverlap(a, b)` does, in cells of its table. */
export const wildcardOverlapCost = (a: string, b: string): number => (a.length + 1) * (b.length + 1);

const star = 42;
const question = 63;

const foldedUnits = new Map<number, number>();

/** ECMAScript's Canonicalize for a non-Unicode, case-insensitive regular expression, one code unit. */
function canonicalUnit(code: number): number {
	if (code < 128) return code >= 97 && code <= 122 ? code - 32 : code;
	const cached = foldedUnits.get(code);
	if (cached !== undefined) return cached;
	const upper = String.fromCharCode(code).toUpperCase();
	const unit = upper.length !== 1 || upper.charCodeAt(0) < 128 ? code : upper.charCodeAt(0);
	foldedUnits.set(code, unit);
	return unit;
}

// eslint-disable-next-line no-control-regex
const asciiOnly = /^[\x00-\x7f]*$/;

/** The text with each code unit folded as a case-insensitive regular expression compares it; same length. */
export function foldCase(text: string): string {
	if (asciiOnly.test(text)) return text.toUpperCase();
	let out = '';
	for (let index = 0; index < text.length; index++) out += String.fromCharCode(canonicalUnit(text.charCodeAt(index)));
	return out;
}
