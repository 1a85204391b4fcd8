/**
 * CloudTrail's event history (LookupEvents, docs/aws-facts.md 'Activity per seat'): the Region's last 90 days of
 * management events, which include Bedrock Runtime's InvokeModel, InvokeModelWithResponseStream, Converse and
 * ConverseStream with the calling IAM user. AWS JSON 1.1 signed for `cloudtrail` (aws/json11.ts): no SDK client.
 * LookupEvents allows two requests per second per account and Region, so pages are spaced half a second apart.
 */
import type {ActivityPort, BedrockCallEvent} from '../flows/ports.js';
import type {AwsTarget} from './client-config.js';
import {json11Caller} from './json11.js';

const PAGE = 50;
const PAGE_SPACING_MS = 520;

interface LookupEvent {
	readonly EventName?: string;
	readonly EventTime?: number;
	readonly Username?: string;
	readonly CloudTrailEvent?: string;
}

/** The event's user: LookupEvents' Username, else the userIdentity of the event's own record. */
function eventOf(event: LookupEvent): BedrockCallEvent {
	let record: {userIdentity?: {userName?: string; arn?: string}; errorCode?: string; userAgent?: string} = {};
	try {
		record = event.CloudTrailEvent ? (JSON.parse(event.CloudTrailEvent) as typeof record) : {};
	} catch {
		// A record that does not parse still counts as a call at its time.
	}
	const userName = event.Username ?? record.userIdentity?.userName ?? record.userIdentity?.arn?.split('/').pop();
	return {
		at: new Date((event.EventTime ?? 0) * 1000).toISOString(),
		eventName: event.EventName ?? '',
		...(userName ? {userName} : {}),
		...(record.errorCode ? {errorCode: record.errorCode} : {}),
		...(record.userAgent ? {userAgent: record.userAgent} : {}),
	};
}

export function createActivityPort(
	target: AwsTarget,
	region = target.region,
	sleep = (ms: number) => new Promise((done) => setTimeout(done, ms)),
): ActivityPort {
	const call = json11Caller(target, region, 'cloudtrail', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101');
	return {
		async bedrockEvents(since, until, maxEvents) {
			const events: BedrockCallEvent[] = [];
			let token: string | undefined;
			let pages = 0;
			do {
				if (pages++ > 0) await sleep(PAGE_SPACING_MS);
				const page = await call<{Events?: LookupEvent[]; NextToken?: string}>('LookupEvents', {
					LookupAttributes: [{AttributeKey: 'EventSource', AttributeValue: 'bedrock.amazonaws.com'}],
					StartTime: since.getTime() / 1000,
					EndTime: until.getTime() / 1000,
					MaxResults: PAGE,
					...(token ? {NextToken: token} : {}),
				});
				events.push(...(page.Events ?? []).map(eventOf));
				token = page.NextToken;
			} while (token && events.length < maxEvents);
			return {events: events.slice(0, maxEvents), complete: token === undefined && events.length <= maxEvents};
		},
	};
}
