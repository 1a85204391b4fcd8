import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {evaluatePolicies} from '../../../source/core/iam/index.js';
import {foldCase, wildcardMatch, wildcardPatternsOverlap} from '../../../source/core/iam/wildcard.js';

/** The matcher core/iam used before: a regular expression (it backtracks; fine on short inputs). */
function reference(pattern: string, value: string, ignoreCase: boolean): boolean {
	const source = [...pattern]
		.map((character) => (character === '*' ? '[\\s\\S]*' : character === '?' ? '[\\s\\S]' : character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/** Two patterns overlap when some string matches both; on a small alphabet, try every short string. */
function overlapReference(a: string, b: string): boolean {
	const alphabet = ['a', 'b', ':'];
	const strings = [''];
	for (let length = 1; length <= a.length + b.length; length++) {
		for (const prefix of strings.filter((text) => text.length === length - 1)) for (const letter of alphabet) strings.push(prefix + letter);
	}
	return strings.some((text) => reference(a, text, false) && reference(b, text, false));
}

const RUNS = Number(process.env['FC_RUNS'] ?? 300);
const letters = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?', '.', 'ß', 'ſ', 'K', 'İ', 'ı', 'é');

describe('wildcardMatch', () => {
	it('matches stars across colons and slashes, and ? as exactly one character', () => {
		expect(wildcardMatch('arn:aws:bedrock:*::foundation-model/*', 'arn:aws:bedrock:us-east-1::foundation-model/a.b:0')).toBe(true);
		expect(wildcardMatch('bedrock:Invoke*', 'bedrock:InvokeModelWithResponseStream')).toBe(true);
		expect(wildcardMatch('bedrock:Invoke*', 'bedrock:invokemodel')).toBe(false);
		expect(wildcardMatch('bedrock:Invoke*', 'bedrock:invokemodel', true)).toBe(true);
		expect(wildcardMatch('a?c', 'abc')).toBe(true);
		expect(wildcardMatch('a?c', 'ac')).toBe(false);
		expect(wildcardMatch('a?c', 'abbc')).toBe(false);
		expect(wildcardMatch('*', '')).toBe(true);
		expect(wildcardMatch('', '')).toBe(true);
		expect(wildcardMatch('', 'a')).toBe(false);
		expect(wildcardMatch('a*b*c', 'abc')).toBe(true);
		expect(wildcardMatch('a*b*c', 'acb')).toBe(false);
		expect(wildcardMatch('*ab*ab*', 'abab')).toBe(true);
		expect(wildcardMatch('*ab*ab*', 'aba')).toBe(false);
		// The first and last segments must not overlap in the middle of a short value.
		expect(wildcardMatch('ab*ba', 'aba')).toBe(false);
		expect(wildcardMatch('ab*ba', 'abba')).toBe(true);
		// Regular-expression characters are literal.
		expect(wildcardMatch('a.c', 'abc')).toBe(false);
		expect(wildcardMatch('(a)+[b]$', '(a)+[b]$')).toBe(true);
	});

	it('gives the same answer as the regular expression it replaced, on small patterns and values', () => {
		fc.assert(
			fc.property(fc.array(letters, {maxLength: 8}), fc.array(letters, {maxLength: 10}), fc.boolean(), (pattern, value, ignoreCase) => {
				const text = pattern.join('');
				const input = value.join('');
				expect(wildcardMatch(text, input, ignoreCase)).toBe(reference(text, input, ignoreCase));
			}),
			{numRuns: RUNS},
		);
	});

	it('folds case one code unit for one, as a regular expression with the i flag does', () => {
		for (const text of ['ß', 'ſ', 'K', 'İ', 'ı', 'ﬀ', 'é', 'Σσς', 'a\u0000b']) {
			expect(foldCase(text)).toHaveLength(text.length);
			for (const other of ['S', 's', 'K', 'k', 'I', 'i', 'É', 'ΣΣΣ', 'A\u0000B', text.toUpperCase(), text.toLowerCase()]) {
				expect(wildcardMatch(text, other, true), `${text} against ${other}`).toBe(reference(text, other, true));
			}
		}
	});

	it('answers a pattern that makes a backtracking matcher run for seconds in a few milliseconds', () => {
		const pattern = `${'a*'.repeat(40)}b`;
		const value = 'a'.repeat(4096);
		const started = performance.now();
		expect(wildcardMatch(pattern, value)).toBe(false);
		expect(wildcardMatch(`${'*a'.repeat(30)}?`.repeat(2), value)).toBe(true);
		expect(wildcardMatch(`*${'a?'.repeat(100)}b*`, value)).toBe(false);
		const elapsed = performance.now() - started;
		// The regular expression took over 10 s on 20 stars and 30 characters (issue 20); linear work takes a few ms.
		// The bound tells "answered" from "ran for seconds" on a loaded machine; it is no performance target.
		expect(elapsed).toBeLessThan(2000);
	});
});

describe('wildcardPatternsOverlap', () => {
	it('finds a common string when there is one', () => {
		expect(wildcardPatternsOverlap('arn:a:*', 'arn:*:b')).toBe(true);
		expect(wildcardPatternsOverlap('abc', 'abd')).toBe(false);
		expect(wildcardPatternsOverlap('a?c', 'a*')).toBe(true);
		expect(wildcardPatternsOverlap('x/meta.*', 'x/amazon.*')).toBe(false);
		expect(wildcardPatternsOverlap('', '*')).toBe(true);
		expect(wildcardPatternsOverlap('', '?')).toBe(false);
	});

	it('agrees with trying every short string on a small alphabet', () => {
		const small = fc.constantFrom('a', 'b', ':', '*', '?');
		fc.assert(
			fc.property(fc.array(small, {maxLength: 4}), fc.array(small, {maxLength: 4}), (a, b) => {
				expect(wildcardPatternsOverlap(a.join(''), b.join(''))).toBe(overlapReference(a.join(''), b.join('')));
			}),
			{numRuns: Math.min(RUNS, 200)},
		);
	});

	it('compares two patterns of thousands of characters without overflowing the stack', () => {
		const long = `${'a*'.repeat(2000)}c`;
		expect(wildcardPatternsOverlap(long, `${'a'.repeat(3000)}b`)).toBe(false);
		expect(wildcardPatternsOverlap(long, `${'?'.repeat(3000)}c`)).toBe(true);
	});
});

describe('the evaluator with the new matcher', () => {
	it('decides on a pathological Resource pattern at once', () => {
		const started = performance.now();
		const result = evaluatePolicies(
			[{name: 'p', document: {Version: '2012-10-17', Statement: {Effect: 'Allow', Action: 'iam:*', Resource: `${'a*'.repeat(60)}b`}}}],
			{action: 'iam:GetUser', resource: 'a'.repeat(2000)},
		);
		expect(result.decision).toBe('implicitDeny');
		expect(performance.now() - started).toBeLessThan(100);
	});
});
