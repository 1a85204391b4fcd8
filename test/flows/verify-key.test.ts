/** The verification loop with a scripted probe port and a fake clock: propagation, ordering, budget. */
import {describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import {Secret} from '../../source/core/secret.js';
import type {ProbeAnswer} from '../../source/core/verify/classify.js';
import type {ProbeSpec} from '../../source/core/verify/probe-plan.js';
import type {Clock} from '../../source/flows/bounded.js';
import type {ProbePort} from '../../source/flows/ports.js';
import {verifyKey} from '../../source/flows/verify/verify-key.js';

/** IAM's own refusal of InvokeModel on one model, in AWS's words. */
const deniedOn = (target: string): ProbeAnswer => ({
	ok: false,
	errorName: 'AccessDeniedException',
	httpStatus: 403,
	message: `User: arn:aws:iam::123456789012:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/${target} because no identity-based policy allows the bedrock:InvokeModel action`,
});
const denied = deniedOn('allowed');
/** What a key IAM does not know yet gets (the first seconds after it was made). */
const unknownKey: ProbeAnswer = {
	ok: false,
	errorName: 'UnrecognizedClientException',
	httpStatus: 403,
	message: 'The security token included in the request is invalid.',
};
const bearerDenied: ProbeAnswer = {
	ok: false,
	errorName: 'AccessDeniedException',
	httpStatus: 403,
	message: 'User: u is not authorized to perform: bedrock:CallWithBearerToken',
};

const probe = (target: string, expected: 'allow' | 'deny'): ProbeSpec => ({
	target,
	request: {operation: 'Converse', prompt: 'Hi', maxTokens: 1},
	auth: 'api-key',
	expected,
});

function fakeClock(): Clock & {slept: number[]} {
	let now = 0;
	const slept: number[] = [];
	return {now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept};
}

/** Answers per target, in order; the last answer repeats. Records the order of calls. */
function scriptedPort(script: Record<string, readonly ProbeAnswer[]>, calls: string[], clock: Clock): ProbePort {
	const seen: Record<string, number> = {};
	return {
		async run({target}) {
			calls.push(`${target}@${clock.now()}`);
			const answers = script[target]!;
			const index = Math.min(seen[target] ?? 0, answers.length - 1);
			seen[target] = (seen[target] ?? 0) + 1;
			return {...answers[index]!, latencyMs: 5};
		},
	};
}

const credentials = {'api-key': {type: 'api-key' as const, token: new Secret('ABSKfake'), tokenType: 'LONG_TERM' as const}};

describe('verifyKey', () => {
	it('retries allowed probes while IAM propagates, then judges the forbidden ones only after an allowed one passed', async () => {
		const clock = fakeClock();
		const calls: string[] = [];
		const port = scriptedPort({allowed: [bearerDenied, denied, {ok: true}], forbidden: [deniedOn('forbidden')]}, calls, clock);
		const outcome = await verifyKey({
			probes: [probe('allowed', 'allow'), probe('forbidden', 'deny')],
			credentials,
			region: 'us-west-2',
			port,
			messages: en,
			clock,
			budgetMs: 120_000,
		});
		expect(outcome.results.map((r) => [r.model, r.outcome, r.pass, r.attempts])).toEqual([
			['allowed', 'allowed', true, 3],
			['forbidden', 'denied', true, 2],
		]);
		expect(clock.slept).toEqual([250, 500]);
		// The forbidden probe rode along in the first round, but was judged only in the round where the allowed one passed.
		expect(calls.filter((c) => c.startsWith('forbidden'))).toEqual(['forbidden@0', 'forbidden@750']);
	});

	it('gives up at the budget with a diagnosis, and does not judge forbidden probes', async () => {
		const clock = fakeClock();
		const outcome = await verifyKey({
			probes: [probe('allowed', 'allow'), probe('forbidden', 'deny')],
			credentials,
			region: 'us-west-2',
			port: scriptedPort({allowed: [denied], forbidden: [deniedOn('forbidden')]}, [], clock),
			messages: en,
			clock,
			budgetMs: 20_000,
		});
		expect(clock.now()).toBeGreaterThanOrEqual(20_000);
		expect(clock.now()).toBeLessThan(21_000);
		// Never more than a second between tries, so the wait ends at most ~1 s after IAM has caught up.
		expect(Math.max(...clock.slept)).toBe(1000);
		const [allowed, forbidden] = outcome.results;
		expect(allowed).toMatchObject({outcome: 'denied', pass: false, finding: 'iam-denied'});
		expect(allowed!.diagnosis).toContain('IAM refused the call');
		expect(forbidden).toMatchObject({outcome: 'error', pass: false, attempts: 1});
		expect(forbidden!.diagnosis).toContain('Not tried');
	});

	it('a forbidden probe that met the key before it propagated is retried, not judged, in the round the first allowed probe passes', async () => {
		// The race on real AWS: both probes run at once; the allowed one already sees the key, the forbidden
		// one still reaches an IAM endpoint that does not know it. Only IAM's denial of that model passes it.
		const clock = fakeClock();
		const calls: string[] = [];
		const port = scriptedPort({allowed: [{ok: true}], forbidden: [unknownKey, bearerDenied, deniedOn('forbidden')]}, calls, clock);
		const outcome = await verifyKey({
			probes: [probe('allowed', 'allow'), probe('forbidden', 'deny')],
			credentials,
			region: 'us-west-2',
			port,
			messages: en,
			clock,
			budgetMs: 120_000,
		});
		expect(outcome.results.map((r) => [r.model, r.outcome, r.pass, r.attempts, r.finding])).toEqual([
			['allowed', 'allowed', true, 1, 'allowed'],
			['forbidden', 'denied', true, 3, 'iam-denied'],
		]);
		expect(calls).toEqual(['allowed@0', 'forbidden@0', 'forbidden@250', 'forbidden@750']);
	});

	it('a refusal of another model or action does not pass a forbidden probe; at the budget it fails with a diagnosis', async () => {
		const clock = fakeClock();
		const otherAction: ProbeAnswer = {
			...deniedOn('forbidden'),
			message: deniedOn('forbidden').message!.replaceAll('bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'),
		};
		const outcome = await verifyKey({
			probes: [probe('allowed', 'allow'), probe('forbidden', 'deny'), probe('forbidden2', 'deny')],
			credentials,
			region: 'us-west-2',
			port: scriptedPort({allowed: [{ok: true}], forbidden: [deniedOn('something-else')], forbidden2: [otherAction]}, [], clock),
			messages: en,
			clock,
			budgetMs: 10_000,
		});
		expect(clock.now()).toBeGreaterThanOrEqual(10_000);
		expect(outcome.results.map((r) => [r.model, r.outcome, r.pass, r.finding])).toEqual([
			['allowed', 'allowed', true, 'allowed'],
			['forbidden', 'denied', false, 'iam-denied'],
			['forbidden2', 'denied', false, 'iam-denied'],
		]);
		for (const result of outcome.results.slice(1)) {
			expect(result.attempts).toBeGreaterThan(5);
			expect(result.diagnosis).toContain('does not prove the model is forbidden');
		}
	});

	it('a forbidden model that answers fails, with what to look for', async () => {
		const clock = fakeClock();
		const outcome = await verifyKey({
			probes: [probe('allowed', 'allow'), probe('leaky', 'deny')],
			credentials,
			region: 'us-west-2',
			port: scriptedPort({allowed: [{ok: true}], leaky: [{ok: true}]}, [], clock),
			messages: en,
			clock,
			budgetMs: 5_000,
		});
		expect(outcome.results[1]).toMatchObject({outcome: 'allowed', pass: false});
		expect(outcome.results[1]!.diagnosis).toContain('AmazonBedrockLimitedAccess');
	});

	it('when IAM has already propagated, every probe runs in one concurrent round', async () => {
		const clock = fakeClock();
		const calls: string[] = [];
		const probes = [...Array.from({length: 5}, (_, i) => probe(`ok${i}`, 'allow')), ...Array.from({length: 5}, (_, i) => probe(`no${i}`, 'deny'))];
		const script = Object.fromEntries(probes.map((p) => [p.target, p.expected === 'allow' ? [{ok: true} as ProbeAnswer] : [deniedOn(p.target)]]));
		const outcome = await verifyKey({
			probes,
			credentials,
			region: 'us-west-2',
			port: scriptedPort(script, calls, clock),
			messages: en,
			clock,
			budgetMs: 120_000,
		});
		expect(outcome.results.map((r) => [r.model, r.pass, r.attempts])).toEqual(probes.map((p) => [p.target, true, 1]));
		expect(calls).toEqual(probes.map((p) => `${p.target}@0`));
		expect(clock.slept).toEqual([]);
	});

	it('does not wait on refusals that cannot change (end of life)', async () => {
		const clock = fakeClock();
		const eol: ProbeAnswer = {
			ok: false,
			errorName: 'ResourceNotFoundException',
			httpStatus: 404,
			message: 'This model version has reached the end of its life.',
		};
		const outcome = await verifyKey({
			probes: [probe('old', 'allow')],
			credentials,
			region: 'us-west-2',
			port: scriptedPort({old: [eol]}, [], clock),
			messages: en,
			clock,
			budgetMs: 120_000,
		});
		expect(outcome.results[0]).toMatchObject({finding: 'end-of-life', attempts: 1, pass: false});
		expect(clock.slept).toEqual([]);
	});
});
