/**
 * CloudTrail's event history (docs/aws-facts.md, 'Activity per seat'): LookupEvents over the runtime calls the
 * sandbox recorded (state/account.ts keeps the most recent 2,000, for this run only). AWS records Bedrock
 * Runtime's InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream as management events of
 * `bedrock.amazonaws.com`, with the calling IAM user; those are the events served here (the compatible surfaces
 * and Mantle are not), each in the history of the Region it was made in. AWS JSON 1.1 (`X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.
 * LookupEvents`), signed for `cloudtrail`: one lookup attribute at most, MaxResults 1 to 50, newest first,
 * a NextToken valid only with the same parameters. Events appear at once (AWS: usually about five minutes late).
 */
import {createHash} from 'node:crypto';
import {AwsServiceError, type RuntimeCallRecord, type SandboxHttpRequest, type ServiceRouter} from './contracts.js';
import {jsonResponse} from './bedrock/rest-json.js';
import {readJsonObject} from './protocols/rest-json.js';

export const CLOUDTRAIL_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';

/** The runtime operations CloudTrail logs as management events (the rest are data events, not in the history). */
const MANAGEMENT_OPERATIONS = new Set(['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream']);
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

interface HistoryEvent {
	readonly EventId: string;
	readonly EventName: string;
	readonly ReadOnly: string;
	readonly EventTime: number;
	readonly EventSource: string;
	readonly Username?: string;
	readonly Resources: readonly unknown[];
	readonly CloudTrailEvent: string;
	/** For ordering and paging only. */
	readonly at: string;
	readonly ordinal: number;
}

function eventsOf(records: readonly RuntimeCallRecord[], accountId: string, region: string): HistoryEvent[] {
	const events: HistoryEvent[] = [];
	for (const [ordinal, record] of records.entries()) {
		// Each Region's history holds the calls made there.
		if (!MANAGEMENT_OPERATIONS.has(record.operation) || (record.region !== undefined && record.region !== region)) continue;
		const id = createHash('sha256').update(`${record.at}|${record.principalArn}|${record.operation}|${record.modelId}|${ordinal}`).digest('hex');
		const eventId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
		const user = /:user\/(?:.*\/)?([^/]+)$/.exec(record.principalArn)?.[1];
		const refused = record.outcome !== 'ok';
		const cloudTrailEvent = {
			eventVersion: '1.08',
			userIdentity: user ? {type: 'IAMUser', arn: record.principalArn, accountId, userName: user} : {type: 'Root', arn: record.principalArn, accountId},
			eventTime: record.at.replace(/\.\d+Z$/, 'Z'),
			eventSource: 'bedrock.amazonaws.com',
			eventName: record.operation,
			awsRegion: region,
			sourceIPAddress: '127.0.0.1',
			userAgent: record.userAgent ?? '',
			...(refused ? {errorCode: record.outcome, errorMessage: record.outcome} : {}),
			requestParameters: {modelId: record.modelId},
			responseElements: null,
			requestID: eventId,
			eventID: eventId,
			readOnly: false,
			eventType: 'AwsApiCall',
			managementEvent: true,
			recipientAccountId: accountId,
			eventCategory: 'Management',
		};
		events.push({
			EventId: eventId,
			EventName: record.operation,
			ReadOnly: 'false',
			EventTime: Math.floor(Date.parse(record.at) / 1000),
			EventSource: 'bedrock.amazonaws.com',
			...(user ? {Username: user} : {}),
			Resources: [],
			CloudTrailEvent: JSON.stringify(cloudTrailEvent),
			at: record.at,
			ordinal,
		});
	}
	// Newest first, as AWS lists them.
	return events.sort((a, b) => (a.at === b.at ? b.ordinal - a.ordinal : a.at < b.at ? 1 : -1));
}

const timeOf = (value: unknown, name: string): number | undefined => {
	if (value === undefined) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
	if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
	throw new AwsServiceError('SerializationException', `${name} is not a timestamp.`, 400);
};

function lookupEvents(body: Record<string, unknown>, records: readonly RuntimeCallRecord[], accountId: string, region: string): unknown {
	const attributes = body['LookupAttributes'];
	if (attributes !== undefined && !Array.isArray(attributes)) throw new AwsServiceError('SerializationException', 'LookupAttributes must be a list.', 400);
	const list = (attributes ?? []) as Array<Record<string, unknown>>;
	if (list.length > 1) throw new AwsServiceError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.', 400);
	const attribute = list[0];
	if (attribute && (!ATTRIBUTE_KEYS.includes(String(attribute['AttributeKey'])) || typeof attribute['AttributeValue'] !== 'string'))
		throw new AwsServiceError('InvalidLookupAttributesException', `The lookup attribute ${String(attribute['AttributeKey'])} is not valid.`, 400);
	const maxResults = body['MaxResults'] ?? 50;
	if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
		throw new AwsServiceError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.', 400);
	const start = timeOf(body['StartTime'], 'StartTime');
	const end = timeOf(body['EndTime'], 'EndTime');
	if (start !== undefined && end !== undefined && start > end)
		throw new AwsServiceError('InvalidTimeRangeException', 'Start time must be before end time.', 400);
	if (body['EventCategory'] !== undefined && body['EventCategory'] !== 'insight')
		throw new AwsServiceError('InvalidEventCategoryException', 'The event category is not valid.', 400);
	// The token names the parameters it was given with and the last event returned.
	const fingerprint = createHash('sha256')
		.update(JSON.stringify([attribute ?? null, start ?? null, end ?? null, body['EventCategory'] ?? null]))
		.digest('hex')
		.slice(0, 16);
	let after: {at: string; ordinal: number} | undefined;
	if (body['NextToken'] !== undefined) {
		try {
			const token = JSON.parse(Buffer.from(String(body['NextToken']), 'base64url').toString('utf8')) as {f: string; at: string; o: number};
			if (token.f !== fingerprint || typeof token.at !== 'string' || typeof token.o !== 'number') throw new Error('other parameters');
			after = {at: token.at, ordinal: token.o};
		} catch {
			throw new AwsServiceError('InvalidNextTokenException', 'Invalid next token.', 400);
		}
	}
	// Insights events: the sandbox has none.
	const all = body['EventCategory'] === 'insight' ? [] : eventsOf(records, accountId, region);
	const key = attribute ? String(attribute['AttributeKey']) : undefined;
	const value = attribute ? String(attribute['AttributeValue']) : undefined;
	const matches = all.filter((event) => {
		const at = Date.parse(event.at);
		if (start !== undefined && at < start) return false;
		if (end !== undefined && at > end) return false;
		if (after && (event.at > after.at || (event.at === after.at && event.ordinal >= after.ordinal))) return false;
		switch (key) {
			case undefined:
				return true;
			case 'EventName':
			case 'EventSource':
			case 'EventId':
			case 'Username':
			case 'ReadOnly':
				return String(event[key] ?? '') === value;
			default:
				// Resources and access keys: the sandbox's runtime events name none.
				return false;
		}
	});
	const page = matches.slice(0, maxResults);
	const last = page.at(-1);
	const more = matches.length > page.length && last;
	return {
		Events: page.map(({at: _at, ordinal: _ordinal, ...event}) => event),
		...(more ? {NextToken: Buffer.from(JSON.stringify({f: fingerprint, at: last.at, o: last.ordinal})).toString('base64url')} : {}),
	};
}

export function createCloudTrailRouter(options: {readonly records: () => readonly RuntimeCallRecord[]; readonly accountId: string}): ServiceRouter {
	return (request: SandboxHttpRequest) => {
		const [prefix, name] = (request.headers['x-amz-target'] ?? '')
			.split('.')
			.reduce<[string, string]>(
				(parts, piece, index, all) => (index === all.length - 1 ? [parts[0], piece] : [parts[0] ? `${parts[0]}.${piece}` : piece, '']),
				['', ''],
			);
		if (request.method !== 'POST' || prefix !== CLOUDTRAIL_TARGET || name !== 'LookupEvents') return undefined;
		return {
			operation: name,
			handle: async (context) => {
				const decision = context.authorize('cloudtrail:LookupEvents', '*');
				if (!decision.allowed) throw new AwsServiceError('AccessDeniedException', decision.message ?? 'Access denied', 400);
				const response = jsonResponse(context, lookupEvents(readJsonObject(request), options.records(), options.accountId, context.region));
				return {...response, headers: {...response.headers, 'content-type': 'application/x-amz-json-1.1'}};
			},
		};
	};
}
