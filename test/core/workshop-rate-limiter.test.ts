import {describe, expect, it} from 'vitest';
import {
	afterSuccess,
	afterThrottle,
	initialRateState,
	maxStartsPerSecond,
	rateLimitConfig,
	retryDelayMs,
	takeStart,
	type RateLimitState,
} from '../../source/core/workshop/rate-limiter.js';

/** Drives the limiter the way the gate does: take a start, or wait (with a timer `lateMs` late). */
function simulate(state: RateLimitState, config: ReturnType<typeof rateLimitConfig>, requests: number, lateMs = 0): {starts: number[]; state: RateLimitState} {
	const starts: number[] = [];
	let now = 0;
	while (starts.length < requests) {
		const taken = takeStart(state, config, now);
		state = taken.state;
		if (taken.waitMs > 0) now += taken.waitMs + lateMs;
		else starts.push(now);
	}
	return {starts, state};
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

	it('counts the busiest one-second window', () => {
		expect(maxStartsPerSecond([0, 100, 999, 1000, 1500, 1999])).toBe(3);
		expect(maxStartsPerSecond([])).toBe(0);
	});
});
