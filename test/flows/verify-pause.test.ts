/**
 * Verification held at the front end's gate (create's quit dialog, flows/pause-gate.ts) with a fake clock:
 * the time held is not taken from the budget for IAM propagation, so a key still propagating is waited for
 * as long after the dialog closes as before it opened. (That no call starts while held: create-pause.test.ts.)
 */
import {expect, it} from 'vitest';
import {Secret} from '../../source/core/secret.js';
import {en} from '../../source/core/i18n/en.js';
import type {ProbeAnswer} from '../../source/core/verify/classify.js';
import type {Clock} from '../../source/flows/bounded.js';
import type {ProbePort} from '../../source/flows/ports.js';
import {verifyKey} from '../../source/flows/verify/verify-key.js';

/** What a key IAM does not know yet gets (the first seconds after it was made). */
const unknownKey: ProbeAnswer = {
	ok: false,
	errorName: 'UnrecognizedClientException',
	httpStatus: 403,
	message: 'The security token included in the request is invalid.',
};

it('leaves the time held out of the propagation budget', async () => {
	let now = 0;
	const clock: Clock = {now: () => now, sleep: async (ms) => void (now += ms)};
	const calls: number[] = [];
	const answers: ProbeAnswer[] = [unknownKey, unknownKey, {ok: true}];
	const port: ProbePort = {
		run: async () => {
			calls.push(now);
			return {...answers[Math.min(calls.length - 1, answers.length - 1)]!, latencyMs: 5};
		},
	};
	let gateCalls = 0;
	const outcome = await verifyKey({
		probes: [{target: 'allowed', request: {operation: 'Converse', prompt: 'Hi', maxTokens: 1}, auth: 'api-key', expected: 'allow'}],
		credentials: {'api-key': {type: 'api-key', token: new Secret('ABSKfake'), tokenType: 'LONG_TERM'}},
		region: 'us-west-2',
		port,
		messages: en,
		clock,
		budgetMs: 2000,
		// Before the second call the dialog stays open for 10 s, far past the budget.
		gate: async () => {
			gateCalls++;
			if (gateCalls === 2) now += 10_000;
		},
	});
	expect(gateCalls).toBe(3);
	expect(calls).toHaveLength(3);
	// The second call came after the hold; the third was still within the budget, the hold left out.
	expect(calls[1]).toBeGreaterThanOrEqual(10_000);
	expect(outcome.results[0]).toMatchObject({pass: true, attempts: 3});
	expect(outcome.elapsedMs).toBeLessThan(2000);
});
