/**
 * The request-rate math for a run's IAM calls: requests start at most `rps` per second, evenly spaced,
 * and the rate adapts like TCP congestion control (AIMD): cut on throttling, regain steadily on success,
 * never above `maxRps`. IAM publishes no fixed rate (it throttles per account and action); adapting is
 * the only honest answer.
 *
 * `maxRps` holds where AWS counts, not only where we send: a request reaches the server at some moment
 * between its start and its answer (or its failure: a reply lost on the way back still reached the
 * server before the client gave up), and the network and event loop can bunch starts spread evenly at
 * the client into a tighter group at the server. So a request occupies one of `maxRps` places from its
 * start until one window after it ended, and starts only when a place is free. Any window of the
 * server's then holds at most `maxRps` arrivals: of the requests arriving in [s, s + window), every one
 * but the last to start ended at or after s, so each still held its place when the last one started,
 * before s + window. Retries and every page of a listing are requests like any other (the gate sits
 * after the SDK's retries), so they take places too.
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
	/** Requests started and not yet ended (answered, failed or timed out). */
	readonly inFlight: number;
	/** When requests that ended within the last window ended, oldest first; each still holds its place. */
	readonly ended: readonly number[];
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
	return {rps: config.maxRps, nextStartAt: now, inFlight: 0, ended: [], lastDecreaseAt: Number.NEGATIVE_INFINITY, throttles: 0, decreases: 0};
}

/**
 * Either the request may start now (and the next slot moves on), or how long to wait first: Infinity
 * when every place is held by a request in flight, so only a request's end (requestEnded) can change it.
 */
export function takeStart(state: RateLimitState, config: RateLimitConfig, now: number): {readonly state: RateLimitState; readonly waitMs: number} {
	const cap = Math.max(1, Math.floor(config.maxRps));
	const ended = state.ended.filter((end) => end > now - config.windowMs);
	// A request that ends later frees its place later: the earliest place to free is the oldest ended one's.
	const placeWait = state.inFlight + ended.length < cap ? 0 : ended.length > 0 ? ended[0]! + config.windowMs - now : Number.POSITIVE_INFINITY;
	const wait = Math.max(state.nextStartAt - now, placeWait);
	if (wait > 0) return {state: {...state, ended}, waitMs: wait};
	const interval = 1000 / state.rps;
	// Slots follow the schedule, so a timer that fired late is made up by the next start; after an idle spell
	// at most one slot is owed, so there is never a burst.
	const nextStartAt = Math.max(state.nextStartAt, now - interval) + interval;
	return {state: {...state, nextStartAt, inFlight: state.inFlight + 1, ended}, waitMs: 0};
}

/** A request started with takeStart has ended (answered, failed, or given up on): its place frees one window later. */
export function requestEnded(state: RateLimitState, config: RateLimitConfig, now: number): RateLimitState {
	return {...state, inFlight: Math.max(0, state.inFlight - 1), ended: [...state.ended.filter((end) => end > now - config.windowMs), now]};
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
