import {describe, expect, it} from 'vitest';
import {
	afterSuccess,
	afterThrottle,
	initialRateState,
	maxStartsPerSecond,
	rateLimitConfig,
	requestEnded,
	retryDelayMs,
	takeStart,
	type RateLimitState,
} from '../../source/core/workshop/rate-limiter.js';

/** A request as the server sees it: when it started at the client, reached the server, and ended at the client. */
interface Trip {
	readonly start: number;
	readonly arrival: number;
	readonly end: number;
}

/**
 * Drives the limiter the way the gate does: take a start, or wait (with a timer `lateMs` late) for the
 * slot or for a request to end. `trip` says how long request i takes and when in it the server saw it.
 */
function simulate(
	state: RateLimitState,
	config: ReturnType<typeof rateLimitConfig>,
	requests: number,
	lateMs = 0,
	trip: (index: number) => {readonly durationMs: number; readonly arrivalAt: number} = () => ({durationMs: 10, arrivalAt: 0}),
): {starts: number[]; trips: Trip[]; state: RateLimitState} {
	const trips: Trip[] = [];
	let pending: number[] = [];
	let now = 0;
	while (trips.length < requests) {
		const taken = takeStart(state, config, now);
		state = taken.state;
		if (taken.waitMs === 0) {
			const {durationMs, arrivalAt} = trip(trips.length);
			trips.push({start: now, arrival: now + durationMs * arrivalAt, end: now + durationMs});
			pending = [...pending, now + durationMs].sort((a, b) => a - b);
			continue;
		}
		const wakeAt = Math.min(now + taken.waitMs + lateMs, pending[0] ?? Number.POSITIVE_INFINITY);
		expect(wakeAt, 'the limiter waits for a request to end while none is in flight').toBeLessThan(Number.POSITIVE_INFINITY);
		for (; pending.length > 0 && pending[0]! <= wakeAt; pending = pending.slice(1)) state = requestEnded(state, config, pending[0]!);
		now = wakeAt;
	}
	return {starts: trips.map((entry) => entry.start), trips, state};
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator), so a failure replays. */
function seeded(seed: number): () => number {
	let value = seed;
	return () => {
		value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
		return value / 2_147_483_648;
	};
}

describe('the request-rate limiter', () => {
	it('spaces starts evenly at the configured rate', () => {
		const config = rateLimitConfig(10);
		const {starts} = simulate(initialRateState(config, 0), config, 5);
		expect(starts).toEqual([0, 100, 200, 300, 400]);
	});

	it('never lets a one-second window hold more than the configured rate, even when timers fire late', () => {
		for (const lateMs of [0, 1, 3, 7]) {
			const config = rateLimitConfig(50);
			const {starts} = simulate(initialRateState(config, 0), config, 500, lateMs);
			expect(maxStartsPerSecond(starts), `late ${lateMs} ms`).toBeLessThanOrEqual(50);
		}
	});

	it('keeps up the configured rate when timers are a little late (missed slots are made up)', () => {
		const config = rateLimitConfig(100);
		const {starts} = simulate(initialRateState(config, 0), config, 1000, 1);
		expect(starts.at(-1)! / 1000).toBeLessThan(10.6);
	});

	it('cuts the rate once for a burst of throttles from requests already in flight, and again for later ones', () => {
		const config = rateLimitConfig(100);
		let state = initialRateState(config, 0);
		state = afterThrottle(state, config, 0, 10);
		expect(state.rps).toBeCloseTo(70);
		state = afterThrottle(state, config, 5, 12);
		expect(state.rps).toBeCloseTo(70);
		state = afterThrottle(state, config, 20, 30);
		expect(state.rps).toBeCloseTo(49);
		expect(state.throttles).toBe(3);
		expect(state.nextStartAt).toBeGreaterThanOrEqual(30 + 1000 / 49);
	});

	it('never drops below its floor, and climbs back to (never above) the ceiling on success', () => {
		const config = rateLimitConfig(100);
		let state = initialRateState(config, 0);
		for (let index = 0; index < 50; index++) state = afterThrottle(state, config, index * 100, index * 100 + 1);
		expect(state.rps).toBe(config.minRps);
		let successes = 0;
		while (state.rps < config.maxRps) {
			state = afterSuccess(state, config);
			successes++;
		}
		expect(state.rps).toBe(100);
		// About (100² - 6.25²) / (2 x 25) successes: a few seconds at the recovering rate.
		expect(successes).toBeLessThan(250);
	});

	it('backs off retries exponentially, capped, with jitter', () => {
		expect(retryDelayMs(1, 0)).toBe(50);
		expect(retryDelayMs(1, 1)).toBe(100);
		expect(retryDelayMs(4, 0.5)).toBe(600);
		expect(retryDelayMs(20, 1)).toBe(5000);
	});

	it('holds --max-rps at the server in every one-second window, however the network bunches arrivals', () => {
		// Each request reaches the server somewhere between its start and its end: at either edge, or
		// anywhere in between; some replies are lost and the client gives up only after 2 s.
		for (const [seed, maxRps] of [
			[1, 10],
			[2, 50],
			[3, 250],
			[4, 250],
		] as const) {
			const random = seeded(seed);
			const config = rateLimitConfig(maxRps);
			const {trips} = simulate(initialRateState(config, 0), config, maxRps * 12, 1, () => {
				const lost = random() < 0.05;
				const where = random();
				return {durationMs: lost ? 2000 : 5 + random() * 300, arrivalAt: where < 0.3 ? 0 : where < 0.6 ? 1 : random()};
			});
			expect(maxStartsPerSecond(trips.map((entry) => entry.arrival)), `seed ${seed}, --max-rps ${maxRps}`).toBeLessThanOrEqual(maxRps);
		}
	});

	it('where spacing starts alone would let the server count more: starts bunched by a slow first reply', () => {
		// Every request of the first second takes 900 ms and reaches the server at its end; those of the
		// next second are quick and reach it at once. Evenly spaced starts alone would put both seconds'
		// requests into one server window.
		const config = rateLimitConfig(20);
		const {trips} = simulate(initialRateState(config, 0), config, 60, 0, (index) =>
			index < 20 ? {durationMs: 900, arrivalAt: 1} : {durationMs: 5, arrivalAt: 0},
		);
		expect(maxStartsPerSecond(trips.map((entry) => entry.arrival))).toBeLessThanOrEqual(20);
		// The 21st request waited for the first one's place: one window after the first ended.
		expect(trips[20]!.start).toBeGreaterThanOrEqual(900 + 1000);
	});

	it('with every place held by requests in flight, waits for one to end (Infinity), then a window more', () => {
		const config = rateLimitConfig(2);
		let state = initialRateState(config, 0);
		for (const now of [0, 500]) {
			const taken = takeStart(state, config, now);
			expect(taken.waitMs).toBe(0);
			state = taken.state;
		}
		expect(takeStart(state, config, 1000).waitMs).toBe(Number.POSITIVE_INFINITY);
		state = requestEnded(state, config, 1200);
		expect(takeStart(state, config, 1200).waitMs).toBe(config.windowMs);
		expect(takeStart(state, config, 1200 + config.windowMs).waitMs).toBe(0);
	});

	it('counts the busiest one-second window', () => {
		expect(maxStartsPerSecond([0, 100, 999, 1000, 1500, 1999])).toBe(3);
		expect(maxStartsPerSecond([])).toBe(0);
	});
});
