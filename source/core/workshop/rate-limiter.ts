/**
 * The request-rate math for a run's IAM calls: requests start at most `rps` per second, evenly spaced
 * (no bursts, so no one-second window ever holds more than `maxRps` starts), and the rate adapts like
 * TCP congestion control (AIMD): cut on throttling, regain steadily on success, never above `maxRps`.
 * IAM publishes no fixed rate (it throttles per account and action); adapting is the only honest answer.
 */
export interface RateLimitConfig {
	/** The ceiling the instructor configured (--max-rps); never exceeded. */
	readonly maxRps: number;
	/** The floor after repeated throttling, so a run always moves. */
	readonly minRps: number;
	/** Requests per second regained for each second of successful calls. */
	readonly recoveryRpsPerSecond: number;
	/** The factor the rate is multiplied by on throttling (0.7, as the AWS SDK's adaptive retry mode uses). */
	readonly decrease: number;
	/** The window `maxRps` is counted over, with a little room for network jitter between us and the server. */
	readonly windowMs: number;
}

export interface RateLimitState {
	readonly rps: number;
	/** The next start's slot (ms); slots follow each other at 1000/rps. */
	readonly nextStartAt: number;
	/** Starts within the last window, oldest first (at most maxRps of them). */
	readonly recent: readonly number[];
	/** When the rate was last cut: a throttle of a request started earlier was already answered by it. */
	readonly lastDecreaseAt: number;
	readonly throttles: number;
	readonly decreases: number;
}

export function rateLimitConfig(maxRps: number): RateLimitConfig {
	// Back to full speed within a few seconds of the throttling stopping; the AWS SDK's adaptive mode recovers on a similar scale.
	return {maxRps, minRps: Math.min(maxRps, Math.max(0.5, maxRps / 16)), recoveryRpsPerSecond: Math.max(0.5, maxRps / 4), decrease: 0.7, windowMs: 1010};
}

export function initialRateState(config: RateLimitConfig, now: number): RateLimitState {
	return {rps: config.maxRps, nextStartAt: now, recent: [], lastDecreaseAt: Number.NEGATIVE_INFINITY, throttles: 0, decreases: 0};
}

/** Either the request may start now (and the next slot moves on), or how long to wait first. */
export function takeStart(state: RateLimitState, config: RateLimitConfig, now: number): {readonly state: RateLimitState; readonly waitMs: number} {
	const cap = Math.max(1, Math.floor(config.maxRps));
	const recent = state.recent.filter((start) => start > now - config.windowMs);
	const windowWait = recent.length >= cap ? recent[0]! + config.windowMs - now : 0;
	const wait = Math.max(state.nextStartAt - now, windowWait);
	if (wait > 0) return {state: {...state, recent}, waitMs: wait};
	const interval = 1000 / state.rps;
	// Slots follow the schedule, so a timer that fired late is made up by the next start; after an idle spell
	// at most one slot is owed, so there is never a burst.
	const nextStartAt = Math.max(state.nextStartAt, now - interval) + interval;
	return {state: {...state, nextStartAt, recent: [...recent, now].slice(-cap)}, waitMs: 0};
}

export function afterThrottle(state: RateLimitState, config: RateLimitConfig, startedAt: number, now: number): RateLimitState {
	const counted = {...state, throttles: state.throttles + 1};
	// Requests in flight when we slowed down were sent at the old rate: one cut answers all of them.
	if (startedAt < state.lastDecreaseAt) return counted;
	const rps = Math.max(config.minRps, state.rps * config.decrease);
	return {...counted, rps, lastDecreaseAt: now, decreases: state.decreases + 1, nextStartAt: Math.max(state.nextStartAt, now + 1000 / rps)};
}

export function afterSuccess(state: RateLimitState, config: RateLimitConfig): RateLimitState {
	if (state.rps >= config.maxRps) return state;
	// At `rps` successes per second this adds recoveryRpsPerSecond each second (additive increase).
	return {...state, rps: Math.min(config.maxRps, state.rps + config.recoveryRpsPerSecond / state.rps)};
}

/**
 * The wait before retrying a call that failed retryably: exponential, capped, with "equal jitter"
 * (half fixed, half random) so a room full of seats does not retry in lockstep.
 */
export function retryDelayMs(attempt: number, random: number, options: {readonly baseMs?: number; readonly capMs?: number} = {}): number {
	const ceiling = Math.min(options.capMs ?? 5000, (options.baseMs ?? 100) * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** The most starts seen in any one-second window (a check on the limiter, used by tests and the benchmark). */
export function maxStartsPerSecond(startTimes: readonly number[], windowMs = 1000): number {
	const sorted = [...startTimes].sort((a, b) => a - b);
	let best = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last]! - sorted[first]! >= windowMs) first++;
		best = Math.max(best, last - first + 1);
	}
	return best;
}
