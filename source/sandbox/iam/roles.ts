/**
 * IAM roles, as far as the wizard needs them (an AWS Budgets action runs as a role that Budgets assumes):
 * CreateRole with its trust policy, GetRole, DeleteRole (DeleteConflict while inline policies remain), and
 * inline role policies (PutRolePolicy, GetRolePolicy, ListRolePolicies, DeleteRolePolicy). IAM's rules and
 * wording: a trust policy names a Principal and no Resource, at most 2,048 characters without whitespace
 * (quota ACLSizePerRole); a role's inline policies together at most 10,240 (RolePolicySize). No caller of
 * the sandbox acts as a role: the sandbox's Budgets (budgets.ts) reads the trust policy and the role's
 * policies when it runs an action as it.
 */
import {iamRoleArn} from '../../core/arn.js';
import {policySizeWithoutWhitespace} from '../../core/iam/index.js';
import {AwsServiceError} from '../contracts.js';
import {XmlMembers, type XmlFields} from '../protocols/query-xml.js';
import {newRoleId} from '../state/ids.js';
import type {AccountData, RoleRecord} from '../state/model.js';
import {page, requireAllowed, validateName, type QueryAction, type QueryCall} from './common.js';
import {requirePolicySize} from './limits.js';
import {decodePolicyText, requireValidPolicy} from './user-policies.js';
import {readTags, tagsXml} from './users.js';

/** IAM's default quota for a role's trust policy (ACLSizePerRole), counted without whitespace. */
export const trustPolicySizeLimit = 2048;
/** IAM's quota for all of a role's inline policies together (RolePolicySize), counted without whitespace. */
export const rolePolicySizeLimit = 10240;

export const noSuchRole = (roleName: string): AwsServiceError => new AwsServiceError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);

export function existingRole(data: AccountData, roleName: string): RoleRecord {
	const role = (data.roles ?? []).find((candidate) => candidate.roleName.toLowerCase() === roleName.toLowerCase());
	if (!role) throw noSuchRole(roleName);
	return role;
}

const roleResource = (call: QueryCall, roleName: string): string =>
	(call.state.live().data.roles ?? []).find((role) => role.roleName === roleName)?.arn ?? iamRoleArn(call.state.accountId, roleName);

function roleXml(role: RoleRecord): XmlFields {
	return {
		Path: role.path,
		RoleName: role.roleName,
		RoleId: role.roleId,
		Arn: role.arn,
		CreateDate: new Date(role.createDate),
		// IAM returns policy documents URL-encoded (RFC 3986), as GetUserPolicy does.
		AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
		Description: role.description,
		MaxSessionDuration: role.maxSessionDuration,
		Tags: role.tags.length > 0 ? tagsXml(role.tags) : undefined,
	};
}

/**
 * A trust policy: JSON with statements that each name a Principal (or NotPrincipal), an Effect and an Action,
 * and no Resource. IAM's MalformedPolicyDocument otherwise.
 */
function requireTrustPolicy(text: string): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new AwsServiceError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
	}
	const statements = (parsed as {Statement?: unknown} | null)?.Statement;
	const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
	if (!list || list.length === 0) throw new AwsServiceError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
	for (const statement of list as Array<Record<string, unknown> | null>) {
		if (!statement || typeof statement !== 'object') throw new AwsServiceError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
		if ('Resource' in statement || 'NotResource' in statement) throw new AwsServiceError('MalformedPolicyDocument', 'Has prohibited field Resource', 400);
		if (!('Principal' in statement) && !('NotPrincipal' in statement))
			throw new AwsServiceError('MalformedPolicyDocument', 'Missing required field Principal', 400);
		if (statement['Effect'] !== 'Allow' && statement['Effect'] !== 'Deny')
			throw new AwsServiceError('MalformedPolicyDocument', 'Missing required field Effect', 400);
		if (!('Action' in statement) && !('NotAction' in statement)) throw new AwsServiceError('MalformedPolicyDocument', 'Missing required field Action', 400);
	}
}

function readPath(call: QueryCall): string {
	const path = call.input.optional('Path') ?? '/';
	if (!/^\/([\x21-\x7e]+\/)?$/.test(path) || path.length > 512)
		throw new AwsServiceError(
			'ValidationError',
			'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
			400,
		);
	return path;
}

const createRole: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	const path = readPath(call);
	const arn = iamRoleArn(call.state.accountId, roleName, path);
	requireAllowed(call, 'iam:CreateRole', arn);
	const trust = decodePolicyText(call.input.required('AssumeRolePolicyDocument'));
	requirePolicySize(
		trust,
		trustPolicySizeLimit,
		() => new AwsServiceError('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${trustPolicySizeLimit}`, 409),
	);
	requireTrustPolicy(trust);
	const description = call.input.optional('Description');
	if (description !== undefined && description.length > 1000)
		throw new AwsServiceError(
			'ValidationError',
			"1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000",
			400,
		);
	const maxSessionDuration = call.input.integer('MaxSessionDuration', 3600, 43200) ?? 3600;
	const tags = readTags(call, 'TagsPerRole');
	const role = call.state.mutate((data) => {
		// Role names are unique in the account without regard to case.
		if ((data.roles ?? []).some((existing) => existing.roleName.toLowerCase() === roleName.toLowerCase()))
			throw new AwsServiceError('EntityAlreadyExists', `Role with name ${roleName} already exists.`, 409);
		const record: RoleRecord = {
			roleName,
			roleId: newRoleId(),
			path,
			arn,
			createDate: call.context.now.toISOString(),
			assumeRolePolicyDocument: trust,
			...(description === undefined ? {} : {description}),
			maxSessionDuration,
			tags,
			inlinePolicies: {},
		};
		data.roles = [...(data.roles ?? []), record];
		return record;
	});
	return {Role: roleXml(role)};
};

const getRole: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	requireAllowed(call, 'iam:GetRole', roleResource(call, roleName));
	return {Role: roleXml(existingRole(call.state.live().data, roleName))};
};

const deleteRole: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	requireAllowed(call, 'iam:DeleteRole', roleResource(call, roleName));
	call.state.mutate((data) => {
		const role = existingRole(data, roleName);
		if (Object.keys(role.inlinePolicies).length > 0) throw new AwsServiceError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
		data.roles = (data.roles ?? []).filter((candidate) => candidate !== role);
	});
	return undefined;
};

const putRolePolicy: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	const policyName = call.input.required('PolicyName');
	validateName(policyName, 'policyName', 128);
	const text = decodePolicyText(call.input.required('PolicyDocument'));
	requireAllowed(call, 'iam:PutRolePolicy', roleResource(call, roleName));
	existingRole(call.state.live().data, roleName);
	const tooLarge = (): AwsServiceError =>
		new AwsServiceError('LimitExceeded', `Maximum policy size of ${rolePolicySizeLimit} bytes exceeded for role ${roleName}`, 409);
	requirePolicySize(text, rolePolicySizeLimit, tooLarge);
	requireValidPolicy(text);
	call.state.mutate((data) => {
		const role = existingRole(data, roleName);
		const others = Object.entries(role.inlinePolicies)
			.filter(([name]) => name !== policyName)
			.reduce((sum, [, document]) => sum + policySizeWithoutWhitespace(document), 0);
		if (others + policySizeWithoutWhitespace(text) > rolePolicySizeLimit) throw tooLarge();
		role.inlinePolicies = {...role.inlinePolicies, [policyName]: text};
	});
	return undefined;
};

const noSuchRolePolicy = (policyName: string): AwsServiceError =>
	new AwsServiceError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404);

const getRolePolicy: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	const policyName = call.input.required('PolicyName');
	requireAllowed(call, 'iam:GetRolePolicy', roleResource(call, roleName));
	const role = existingRole(call.state.live().data, roleName);
	const text = role.inlinePolicies[policyName];
	if (text === undefined) throw noSuchRolePolicy(policyName);
	return {RoleName: role.roleName, PolicyName: policyName, PolicyDocument: encodeURIComponent(text)};
};

const listRolePolicies: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	requireAllowed(call, 'iam:ListRolePolicies', roleResource(call, roleName));
	const role = existingRole(call.state.live().data, roleName);
	const {items, fields} = page(call, Object.keys(role.inlinePolicies).sort());
	return {PolicyNames: new XmlMembers(items), ...fields};
};

const deleteRolePolicy: QueryAction = (call) => {
	const roleName = call.input.required('RoleName');
	validateName(roleName, 'roleName');
	const policyName = call.input.required('PolicyName');
	requireAllowed(call, 'iam:DeleteRolePolicy', roleResource(call, roleName));
	call.state.mutate((data) => {
		const role = existingRole(data, roleName);
		if (role.inlinePolicies[policyName] === undefined) throw noSuchRolePolicy(policyName);
		const rest = {...role.inlinePolicies};
		delete rest[policyName];
		role.inlinePolicies = rest;
	});
	return undefined;
};

export const roleActions: Readonly<Record<string, QueryAction>> = {
	CreateRole: createRole,
	GetRole: getRole,
	DeleteRole: deleteRole,
	PutRolePolicy: putRolePolicy,
	GetRolePolicy: getRolePolicy,
	ListRolePolicies: listRolePolicies,
	DeleteRolePolicy: deleteRolePolicy,
};
