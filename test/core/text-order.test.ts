import {describe, expect, it} from 'vitest';
import {compareText} from '../../source/core/text-order.js';

/** Deterministic pseudo-random numbers in [0, 1), so a failure replays. */
function seeded(seed: number): () => number {
	let value = seed;
	return () => {
		value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
		return value / 2_147_483_648;
	};
}

const sign = (value: number): number => Math.sign(value);

describe('compareText: the order of localeCompare without ICU', () => {
	it('agrees with localeCompare on every pair of printable ASCII characters, capitals included', () => {
		const characters = Array.from({length: 0x7f - 0x20}, (_, index) => String.fromCharCode(0x20 + index));
		for (const a of characters) for (const b of characters) expect(sign(compareText(a, b)), `${a} ${b}`).toBe(sign(a.localeCompare(b)));
	});

	it('agrees with localeCompare on random ids, ARNs and mixed text, prefixes and capitals included', () => {
		const random = seeded(19);
		const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789.:-/_*AZ é';
		const stems = ['arn:aws:bedrock:us-west-2::foundation-model/', 'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.', 'amazon.nova-', 'v1:0', ''];
		const text = (): string => {
			let value = stems[Math.floor(random() * stems.length)]!;
			for (let length = Math.floor(random() * 8); length > 0; length--) value += alphabet[Math.floor(random() * alphabet.length)];
			return value;
		};
		for (let index = 0; index < 50_000; index++) {
			const a = text();
			const b = random() < 0.2 ? a + text() : text();
			expect(sign(compareText(a, b)), `${a} | ${b}`).toBe(sign(a.localeCompare(b)));
		}
	});

	it('sorts model ids as localeCompare does', () => {
		const ids = [
			'us.amazon.nova-pro-v1:0',
			'amazon.nova-lite-v1:0',
			'amazon.nova-lite-v1',
			'amazon.titan-embed-text-v2:0',
			'meta.llama3-1-8b-instruct-v1:0',
			'deepseek.v3-v1:0',
		];
		expect([...ids].sort(compareText)).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
	});
});
