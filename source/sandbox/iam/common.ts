/** What every IAM action shares: its call shape, authorization, lookups and IAM's own error wording. */
import {AwsServiceError, type HandlerContext} from '../contracts.js';
import type {QueryInput, XmlFields} from '../protocols/query-xml.js';
import type {AccountState} from '../state/account.js';
import type {AccountData, UserRecord} from '../state/model.js';

export interface QueryCall {
	readonly input: QueryInput;
	readonly context: HandlerContext;
	readonly state: AccountState;
}

/** One Query action: returns the content of `<ActionResult>` (undefined for actions with no result). */
export type QueryAction = (call: QueryCall) => XmlFields | undefined;

/** IAM refuses with `AccessDenied` (Query protocol) and AWS's message. */
export function requireAllowed(call: QueryCall, action: string, resource: string): void {
	const decision = call.context.authorize(action, resource);
	if (!decision.allowed) throw new AwsServiceError('AccessDenied', decision.message ?? `User is not authorized to perform: ${action}`, 403);
}

export const userResource = (call: QueryCall, userName: string): string =>
	call.state.live().user(userName)?.arn ?? `arn:aws:iam::${call.state.accountId}:user/${userName}`;

export function noSuchUser(userName: string): AwsServiceError {
	return new AwsServiceError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
}

/** The user a call names, or (when the parameter is optional and absent) the caller, as IAM does. */
export function targetUserName(call: QueryCall, required = false): string {
	const named = required ? call.input.required('UserName') : call.input.optional('UserName');
	if (named !== undefined) {
		validateName(named, 'userName');
		return named;
	}
	if (!call.context.caller.userName) throw new AwsServiceError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
	return call.context.caller.userName;
}

export function existingUser(data: AccountData, userName: string): UserRecord {
	const user = data.users.find((candidate) => candidate.userName === userName);
	if (!user) throw noSuchUser(userName);
	return user;
}

/** IAM names: `[\w+=,.@-]+`, 1 to 64 (users) or 128 (policies) characters. */
export function validateName(value: string, member: string, max = 64): void {
	if (value.length > max) {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
			400,
		);
	}
	if (!/^[\w+=,.@-]+$/.test(value)) {
		throw new AwsServiceError(
			'ValidationError',
			`The specified value for ${member} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
			400,
		);
	}
}

/** Marker paging as IAM does it: MaxItems 1..1000 (default 100), an opaque Marker, IsTruncated. */
export function page<T>(call: QueryCall, items: readonly T[]): {items: T[]; fields: XmlFields} {
	const maxItems = call.input.integer('MaxItems', 1, 1000) ?? 100;
	const marker = call.input.optional('Marker');
	let start = 0;
	if (marker !== undefined) {
		const decoded = Number.parseInt(
			Buffer.from(marker, 'base64url')
				.toString('utf8')
				.replace(/^sandbox-marker-/, ''),
			10,
		);
		if (!Number.isInteger(decoded) || decoded < 0) throw new AwsServiceError('InvalidInput', 'Invalid Marker.', 400);
		start = decoded;
	}
	const slice = items.slice(start, start + maxItems);
	const next = start + maxItems;
	const truncated = next < items.length;
	return {
		items: slice,
		fields: {IsTruncated: truncated, Marker: truncated ? Buffer.from(`sandbox-marker-${next}`, 'utf8').toString('base64url') : undefined},
	};
}
