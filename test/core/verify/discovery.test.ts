/** Discovery's groups and a rejected key, from probe results alone (core/verify/discovery.ts), and the text table (cli/discovery-text.ts). */
import {describe, expect, it} from 'vitest';
import {discoveryLines} from '../../../source/cli/discovery-text.js';
import {messagesFor} from '../../../source/core/i18n/index.js';
import type {ProbeFinding} from '../../../source/core/verify/classify.js';
import {keyRejection, summarizeDiscovery} from '../../../source/core/verify/discovery.js';
import type {ProbeResult} from '../../../source/core/verify/report.js';

const result = (model: string, finding: ProbeFinding, extra: Partial<ProbeResult> = {}): ProbeResult => ({
	model,
	operation: 'Converse',
	auth: 'api-key',
	expected: 'allow',
	outcome: finding === 'allowed' ? 'allowed' : finding === 'iam-denied' ? 'denied' : 'error',
	pass: finding === 'allowed',
	latencyMs: 1,
	attempts: 1,
	finding,
	...extra,
});

describe('discovery', () => {
	const results = [
		result('a.allowed', 'allowed'),
		result('b.refused', 'iam-denied'),
		result('c.refused', 'iam-denied'),
		result('d.profile', 'needs-profile'),
		result('e.odd', 'other', {errorCode: 'ValidationException', errorMessage: 'Malformed input request'}),
		result('f.profile', 'needs-profile'),
		undefined,
	];

	it('groups the answered models: allowed, refused by IAM, and one group per other reason in the order first seen', () => {
		expect(summarizeDiscovery(results)).toEqual({
			tried: 6,
			allowed: ['a.allowed'],
			iamRefused: ['b.refused', 'c.refused'],
			other: [
				{finding: 'needs-profile', models: ['d.profile', 'f.profile']},
				{finding: 'other', models: ['e.odd'], errorCode: 'ValidationException', errorMessage: 'Malformed input request'},
			],
		});
	});

	for (const lang of ['en', 'ja'] as const) {
		it(`prints each group once with its count, each reason once, AWS's words for an unclassified one (${lang})`, () => {
			const m = messagesFor(lang);
			const text = discoveryLines(summarizeDiscovery(results), 'us-west-2', m, 80).join('\n');
			expect(text).toContain(m.check.discovery.title(1, 6, 'us-west-2'));
			expect(text).toContain(m.check.discovery.allowed(1));
			expect(text).toContain(m.check.discovery.iamRefused(2));
			expect(text).toContain(m.check.discovery.other(3));
			expect(text.split(m.verify.finding['needs-profile'][0]).length - 1).toBe(1);
			expect(text).toContain(m.check.discovery.reason(m.verify.finding.other[0], 1, 'Malformed input request'));
			expect(text).not.toContain(m.verify.finding['iam-denied'][0]);
		});
	}

	it('a key rejected outright: every call that should answer got the same finding about the key', () => {
		expect(keyRejection([result('a', 'invalid-key', {errorMessage: 'Invalid API Key format'}), result('b', 'invalid-key')])).toEqual({
			finding: 'invalid-key',
			calls: 2,
			errorMessage: 'Invalid API Key format',
		});
		expect(keyRejection([result('a', 'bearer-denied')])).toMatchObject({finding: 'bearer-denied', calls: 1});
		// A forbidden model's probe, not tried because nothing answered, does not hide the rejection.
		expect(keyRejection([result('a', 'invalid-key'), result('z', 'other', {expected: 'deny'})])).toMatchObject({finding: 'invalid-key', calls: 1});
		// One model refused for its own reason is about the model, not the key.
		expect(keyRejection([result('a', 'invalid-key'), result('b', 'iam-denied')])).toBeUndefined();
		expect(keyRejection([result('a', 'iam-denied')])).toBeUndefined();
		expect(keyRejection([result('a', 'invalid-key'), result('b', 'bearer-denied')])).toBeUndefined();
		expect(keyRejection([undefined])).toBeUndefined();
	});
});
