/**
 * Each seat's use of its key, as far as AWS can tell without any set-up (docs/aws-facts.md, 'Activity per seat'):
 * CloudTrail's event history holds Bedrock Runtime's InvokeModel, InvokeModelWithResponseStream, Converse and
 * ConverseStream as management events, with the calling IAM user (an API key's calls are its user's), usually
 * about five minutes after the call and not guaranteed. Calls through the OpenAI-compatible surfaces and Mantle
 * are not counted, nor the tool's own checks (their User-Agent, core/verify/check-agent.ts), counted apart. What is unknown is said so, never "0 calls".
 */
import {describeFailure} from '../../core/aws-failure.js';
import {CHECK_USER_AGENT} from '../../core/verify/check-agent.js';
import type {ActivityPort} from '../ports.js';
import type {WorkshopStatus} from './status.js';

/** The runtime operations CloudTrail records as management events (the only ones LookupEvents can return). */
const COUNTED_OPERATIONS: ReadonlySet<string> = new Set(['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream']);

/** LookupEvents looks back 90 days at most. */
const LOOKBACK_MS = 90 * 24 * 3600 * 1000;
/** At two pages a second, 1,000 events take about ten seconds to read. */
const DEFAULT_MAX_EVENTS = 1000;

export interface SeatActivity {
	/** Calls seen in the window (`WorkshopStatus.activity.from` to `.until`). */
	readonly calls: number;
	/** Of them, refused or failed (AccessDenied, ThrottlingException…). */
	readonly refused: number;
	/** The tool's own checks with the seat's key (told apart by their User-Agent), not in `calls`. */
	readonly checks: number;
	readonly lastAt?: string;
}

export type ActivityReading =
	| {
			readonly source: 'cloudtrail';
			/** The window the counts cover: from the workshop's start (or the oldest event read, when `complete` is false). */
			readonly from: string;
			readonly until: string;
			/** false when more events than were read exist: the counts cover `from`..`until` only. */
			readonly complete: boolean;
	  }
	| {readonly source: 'unavailable'; readonly reason: string};

/** The status with each seat's activity and the reading's source and window. */
export async function readSeatActivity(
	status: WorkshopStatus,
	port: ActivityPort,
	options: {readonly now: Date; readonly since?: string; readonly maxEvents?: number},
): Promise<WorkshopStatus & {readonly activity: ActivityReading}> {
	const until = options.now;
	const earliest = new Date(until.getTime() - LOOKBACK_MS);
	const asked = options.since ? new Date(options.since) : earliest;
	const since = Number.isNaN(asked.getTime()) || asked < earliest ? earliest : asked;
	let read: Awaited<ReturnType<ActivityPort['bedrockEvents']>>;
	try {
		read = await port.bedrockEvents(since, until, options.maxEvents ?? DEFAULT_MAX_EVENTS);
	} catch (error) {
		return {...status, activity: {source: 'unavailable', reason: describeFailure(error)}};
	}
	const seats = new Map(
		status.seats
			.filter((seat) => seat.userName)
			.map((seat) => [seat.userName!, {calls: 0, refused: 0, checks: 0} as {calls: number; refused: number; checks: number; lastAt?: string}]),
	);
	for (const event of read.events) {
		if (!COUNTED_OPERATIONS.has(event.eventName) || !event.userName) continue;
		const seat = seats.get(event.userName);
		if (!seat) continue;
		if (event.userAgent?.includes(CHECK_USER_AGENT)) {
			seat.checks++;
			continue;
		}
		seat.calls++;
		if (event.errorCode) seat.refused++;
		if (!seat.lastAt || event.at > seat.lastAt) seat.lastAt = event.at;
	}
	const oldest = read.events.reduce<string | undefined>((min, event) => (min === undefined || event.at < min ? event.at : min), undefined);
	const from = read.complete || oldest === undefined ? since.toISOString() : oldest;
	return {
		...status,
		seats: status.seats.map((seat) => (seat.userName && seats.has(seat.userName) ? {...seat, activity: seats.get(seat.userName)!} : seat)),
		activity: {source: 'cloudtrail', from, until: until.toISOString(), complete: read.complete},
	};
}
