/** IAM users: create, read, list, tag, delete (DeleteConflict while anything still hangs off the user). */
import {iamUserArn} from '../../core/arn.js';
import {AwsServiceError} from '../contracts.js';
import {XmlMembers, type XmlFields} from '../protocols/query-xml.js';
import {newUserId} from '../state/ids.js';
import type {TagRecord, UserRecord} from '../state/model.js';
import {requireListLength, tagsPerCall} from './limits.js';
import {managedPolicy} from './managed-policies.js';
import {existingUser, noSuchUser, page, requireAllowed, targetUserName, userResource, validateName, type QueryAction, type QueryCall} from './common.js';

export function userXml(user: UserRecord): XmlFields {
	return {
		Path: user.path,
		UserName: user.userName,
		UserId: user.userId,
		Arn: user.arn,
		CreateDate: new Date(user.createDate),
		// GetUser reports the boundary as AWS does: {PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn} (docs/aws-facts.md, 'Organisation guardrails').
		PermissionsBoundary:
			user.permissionsBoundary === undefined ? undefined : {PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: user.permissionsBoundary},
		Tags: user.tags.length > 0 ? tagsXml(user.tags) : undefined,
	};
}

export const tagsXml = (tags: readonly TagRecord[]): XmlMembers => new XmlMembers(tags.map((tag) => ({Key: tag.Key, Value: tag.Value})));

/** IAM's Tag patterns: letters, spaces, digits and `_.:/=+-@` only, so no control or format character (NUL, U+202E) gets in. */
const tagPatterns = {key: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+', value: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*'} as const;
const tagRegexes = {key: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, value: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u} as const;

/** AWS's ValidationError for a tag outside the pattern; the value is quoted with control characters escaped, so the reply stays XML. */
function checkTagPattern(text: string, index: number, part: 'key' | 'value'): void {
	if (tagRegexes[part].test(text)) return;
	const shown = text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
	throw new AwsServiceError(
		'ValidationError',
		`1 validation error detected: Value '${shown}' at 'tags.${index + 1}.member.${part}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${tagPatterns[part]}`,
		400,
	);
}

/** The `Tags` of a call; `quota` names IAM's limit of 50 in the refusal (TagsPerUser, TagsPerPolicy). */
export function readTags(call: QueryCall, quota = 'TagsPerUser'): TagRecord[] {
	// Counted before any tag is read: 10,000 tags are refused as fast as 51 (docs/security.md, 'State, limits and memory').
	if (call.input.count('Tags') > tagsPerCall) throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for ${quota}: ${tagsPerCall}`, 409);
	const tags = call.input.structures('Tags').map((fields, index) => {
		const key = fields['Key'];
		if (!key)
			throw new AwsServiceError(
				'ValidationError',
				"1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null",
				400,
			);
		if (key.length > 128 || (fields['Value'] ?? '').length > 256)
			throw new AwsServiceError('ValidationError', 'Tag keys are at most 128 characters and values at most 256.', 400);
		checkTagPattern(key, index, 'key');
		checkTagPattern(fields['Value'] ?? '', index, 'value');
		return {Key: key, Value: fields['Value'] ?? ''};
	});
	if (tags.length > 50) throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for ${quota}: 50`, 409);
	return tags;
}

export function mergeTags(existing: readonly TagRecord[], added: readonly TagRecord[], quota = 'TagsPerUser'): TagRecord[] {
	const byKey = new Map(existing.map((tag) => [tag.Key, tag]));
	for (const tag of added) byKey.set(tag.Key, tag);
	if (byKey.size > 50) throw new AwsServiceError('LimitExceeded', `Cannot exceed quota for ${quota}: 50`, 409);
	return [...byKey.values()];
}

const createUser: QueryAction = (call) => {
	const userName = call.input.required('UserName');
	validateName(userName, 'userName');
	const path = call.input.optional('Path') ?? '/';
	if (!/^\/([\x21-\x7e]+\/)?$/.test(path) || path.length > 512) {
		throw new AwsServiceError(
			'ValidationError',
			`The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
			400,
		);
	}
	const arn = iamUserArn(call.state.accountId, userName, path);
	requireAllowed(call, 'iam:CreateUser', arn);
	const tags = readTags(call);
	const user = call.state.mutate((data) => {
		// IAM user names are unique case-insensitively.
		if (data.users.some((candidate) => candidate.userName.toLowerCase() === userName.toLowerCase())) {
			throw new AwsServiceError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409);
		}
		const created: UserRecord = {
			userName,
			userId: newUserId(),
			path,
			arn,
			createDate: call.context.now.toISOString(),
			tags,
			inlinePolicies: {},
			attachedPolicies: [],
		};
		data.users.push(created);
		return created;
	});
	return {User: userXml(user)};
};

const getUser: QueryAction = (call) => {
	const userName = targetUserName(call);
	requireAllowed(call, 'iam:GetUser', userResource(call, userName));
	const user = call.state.live().user(userName);
	if (!user) throw noSuchUser(userName);
	return {User: userXml(user)};
};

const listUsers: QueryAction = (call) => {
	requireAllowed(call, 'iam:ListUsers', `arn:aws:iam::${call.state.accountId}:user/`);
	const prefix = call.input.optional('PathPrefix') ?? '/';
	const users = call.state
		.live()
		.data.users.filter((user) => user.path.startsWith(prefix))
		.sort((a, b) => a.userName.localeCompare(b.userName));
	const {items, fields} = page(call, users);
	// ListUsers leaves Tags and the permissions boundary out (use ListUserTags, GetUser), as AWS does.
	return {Users: new XmlMembers(items.map((user) => ({...userXml(user), Tags: undefined, PermissionsBoundary: undefined}))), ...fields};
};

const tagUser: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:TagUser', userResource(call, userName));
	const tags = readTags(call);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		user.tags = mergeTags(user.tags, tags);
	});
	return undefined;
};

const untagUser: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:UntagUser', userResource(call, userName));
	requireListLength(call.input, 'TagKeys', tagsPerCall);
	const keys = new Set(call.input.list('TagKeys'));
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		user.tags = user.tags.filter((tag) => !keys.has(tag.Key));
	});
	return undefined;
};

const listUserTags: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:ListUserTags', userResource(call, userName));
	const user = call.state.live().user(userName);
	if (!user) throw noSuchUser(userName);
	const {items, fields} = page(call, user.tags);
	return {Tags: tagsXml(items), ...fields};
};

const deleteUser: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireAllowed(call, 'iam:DeleteUser', userResource(call, userName));
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		// AWS refuses while dependents remain, naming the first kind it finds.
		const conflict = (what: string): AwsServiceError => new AwsServiceError('DeleteConflict', `Cannot delete entity, must ${what} first.`, 409);
		if (data.serviceCredentials.some((credential) => credential.userName === userName)) throw conflict('delete service specific credentials');
		if (Object.keys(user.inlinePolicies).length > 0) throw conflict('delete policies');
		if (user.attachedPolicies.length > 0) throw conflict('detach all policies');
		if (data.accessKeys.some((key) => key.userName === userName)) throw conflict('delete access keys');
		// A permissions boundary does not hold the user back: AWS deletes the user with it (docs/aws-facts.md, 'Organisation guardrails').
		data.users = data.users.filter((candidate) => candidate !== user);
	});
	return undefined;
};

/** IAM's refusal of a boundary that names no managed policy (as AWS words it: docs/aws-facts.md, 'Organisation guardrails'). */
const noSuchBoundary = (arn: string): AwsServiceError => new AwsServiceError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`, 404);

/** Authorized on the user with `iam:PermissionsBoundary` (the boundary set, or being removed) in the request context, as IAM does. */
function requireBoundaryAllowed(call: QueryCall, action: string, userName: string, boundaryArn: string | undefined): void {
	const decision = call.context.authorize(
		action,
		userResource(call, userName),
		boundaryArn === undefined ? undefined : {'iam:PermissionsBoundary': boundaryArn},
	);
	if (!decision.allowed) throw new AwsServiceError('AccessDenied', decision.message ?? `User is not authorized to perform: ${action}`, 403);
}

const putUserPermissionsBoundary: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	const boundaryArn = call.input.required('PermissionsBoundary');
	if (boundaryArn.length < 20 || boundaryArn.length > 2048) {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value '${boundaryArn.slice(0, 128)}' at 'permissionsBoundary' failed to satisfy constraint: Member must have length ${boundaryArn.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048'}`,
			400,
		);
	}
	requireBoundaryAllowed(call, 'iam:PutUserPermissionsBoundary', userName, boundaryArn);
	if (!call.state.live().user(userName)) throw noSuchUser(userName);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		// One commit sees the account as it is: the policy may have been deleted since the call began.
		if (!managedPolicy(boundaryArn) && !data.policies.some((policy) => policy.arn === boundaryArn)) throw noSuchBoundary(boundaryArn);
		user.permissionsBoundary = boundaryArn;
	});
	return undefined;
};

const deleteUserPermissionsBoundary: QueryAction = (call) => {
	const userName = targetUserName(call, true);
	requireBoundaryAllowed(call, 'iam:DeleteUserPermissionsBoundary', userName, call.state.live().user(userName)?.permissionsBoundary);
	call.state.mutate((data) => {
		const user = existingUser(data, userName);
		// A user without a boundary is left as it is: AWS documents no error for it.
		if (user.permissionsBoundary !== undefined) delete user.permissionsBoundary;
	});
	return undefined;
};

export const userActions: Readonly<Record<string, QueryAction>> = {
	CreateUser: createUser,
	GetUser: getUser,
	ListUsers: listUsers,
	TagUser: tagUser,
	UntagUser: untagUser,
	ListUserTags: listUserTags,
	DeleteUser: deleteUser,
	PutUserPermissionsBoundary: putUserPermissionsBoundary,
	DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
};
