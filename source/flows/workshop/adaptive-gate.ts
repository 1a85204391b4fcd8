/**
 * The one pace for all IAM requests of a workshop run: a FIFO of waiting requests released at the
 * limiter's rate (core/workshop/rate-limiter), slowing down on throttling and speeding up again on
 * success, and never holding more than --max-rps requests in flight or ended within the last second,
 * so the server never counts more than --max-rps arrivals in any one-second window. Every start time is
 * kept, so a run can report (and tests can check) the real pace.
 */
import {
	afterSuccess,
	afterThrottle,
	initialRateState,
	maxStartsPerSecond,
	rateLimitConfig,
	requestEnded,
	takeStart,
	type RateLimitState,
} from '../../core/workshop/rate-limiter.js';
import type {Clock} from '../bounded.js';
import type {RequestGate} from '../ports.js';

export interface GateStats {
	readonly requests: number;
	readonly throttles: number;
	readonly currentRps: number;
	readonly maxRps: number;
	/** The most requests started in any one-second window so far. */
	readonly observedMaxPerSecond: number;
}

export interface AdaptiveGate extends RequestGate {
	stats(): GateStats;
	/** Start times (clock ms) of every request so far. */
	starts(): readonly number[];
}

export function createAdaptiveGate(options: {readonly maxRps: number; readonly clock: Clock; readonly onSlowDown?: (rps: number) => void}): AdaptiveGate {
	const {clock} = options;
	const config = rateLimitConfig(options.maxRps);
	let state: RateLimitState = initialRateState(config, clock.now());
	const waiting: Array<(startedAt: number) => void> = [];
	const startTimes: number[] = [];
	let pumping = false;
	/** Wakes the pump when a request ends, while every place is held by requests in flight. */
	let wake: (() => void) | undefined;

	const pump = async (): Promise<void> => {
		if (pumping) return;
		pumping = true;
		try {
			while (waiting.length > 0) {
				const now = clock.now();
				const taken = takeStart(state, config, now);
				state = taken.state;
				if (taken.waitMs === Number.POSITIVE_INFINITY) {
					await new Promise<void>((resolve) => (wake = resolve));
					continue;
				}
				if (taken.waitMs > 0) {
					await clock.sleep(taken.waitMs);
					continue;
				}
				startTimes.push(now);
				waiting.shift()!(now);
			}
		} finally {
			pumping = false;
		}
	};

	return {
		acquire() {
			return new Promise<number>((resolve) => {
				waiting.push(resolve);
				void pump();
			});
		},
		settle(startedAt, outcome) {
			state = requestEnded(state, config, clock.now());
			const woken = wake;
			wake = undefined;
			woken?.();
			if (outcome === 'throttled') {
				const before = state.rps;
				state = afterThrottle(state, config, startedAt, clock.now());
				if (state.rps < before) options.onSlowDown?.(state.rps);
			} else if (outcome === 'ok') {
				state = afterSuccess(state, config);
			}
		},
		stats() {
			return {
				requests: startTimes.length,
				throttles: state.throttles,
				currentRps: state.rps,
				maxRps: config.maxRps,
				observedMaxPerSecond: maxStartsPerSecond(startTimes),
			};
		},
		starts: () => startTimes,
	};
}
