/** The adaptive gate on a virtual clock: pace, fairness, slowing down on throttling. */
import {describe, expect, it} from 'vitest';
import type {Clock} from '../../source/flows/bounded.js';
import {createAdaptiveGate} from '../../source/flows/workshop/adaptive-gate.js';

/** A clock whose sleeps resolve when virtual time is advanced past them. */
function virtualClock(): Clock & {advance(ms: number): Promise<void>} {
	let now = 0;
	let timers: Array<{at: number; resolve: () => void}> = [];
	return {
		now: () => now,
		sleep: (ms) => new Promise<void>((resolve) => timers.push({at: now + ms, resolve})),
		async advance(ms) {
			const end = now + ms;
			for (;;) {
				await new Promise((resolve) => setImmediate(resolve));
				const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
				if (!due) break;
				now = due.at;
				timers = timers.filter((timer) => timer !== due);
				due.resolve();
			}
			now = end;
		},
	};
}

describe('the adaptive gate shared by all IAM calls of a run', () => {
	it('lets requests start in arrival order at the configured pace', async () => {
		const clock = virtualClock();
		const gate = createAdaptiveGate({maxRps: 10, clock});
		const order: Array<[number, number]> = [];
		for (let index = 0; index < 5; index++) void gate.acquire().then((at) => order.push([index, at]));
		await clock.advance(1000);
		expect(order).toEqual([
			[0, 0],
			[1, 100],
			[2, 200],
			[3, 300],
			[4, 400],
		]);
		expect(gate.stats()).toMatchObject({requests: 5, maxRps: 10, observedMaxPerSecond: 5});
	});

	it('slows down when AWS throttles, says so once per cut, and never exceeds the ceiling', async () => {
		const clock = virtualClock();
		const cuts: number[] = [];
		const gate = createAdaptiveGate({maxRps: 20, clock, onSlowDown: (rps) => cuts.push(rps)});
		const started: number[] = [];
		for (let index = 0; index < 60; index++) {
			void gate.acquire().then((at) => {
				started.push(at);
				// The first ten requests are throttled, as a busy IAM would.
				gate.settle(at, started.length <= 10 ? 'throttled' : 'ok');
			});
		}
		await clock.advance(10_000);
		expect(started).toHaveLength(60);
		expect(cuts.length).toBeGreaterThanOrEqual(2);
		expect(cuts[0]).toBeCloseTo(14);
		expect(gate.stats().throttles).toBe(10);
		expect(gate.stats().observedMaxPerSecond).toBeLessThanOrEqual(20);
		// Slower than the ceiling would allow (60 starts at 20/s take under 3 s).
		expect(started.at(-1)!).toBeGreaterThan(3000);
	});

	it('holds no more than --max-rps requests in flight or ended within the last second, and wakes when one ends', async () => {
		const clock = virtualClock();
		const gate = createAdaptiveGate({maxRps: 3, clock});
		const started: number[] = [];
		for (let index = 0; index < 4; index++) void gate.acquire().then((at) => started.push(at));
		// Three start on the pace (one every 333 ms); the fourth place is not free while they are in flight.
		await clock.advance(5000);
		expect(started).toHaveLength(3);
		gate.settle(started[0]!, 'ok');
		// The first one's place frees one window after it ended, not when it ended.
		await clock.advance(900);
		expect(started).toHaveLength(3);
		await clock.advance(200);
		expect(started).toHaveLength(4);
		expect(started[3]).toBeGreaterThanOrEqual(5000 + 1000);
	});
});
