/**
 * Managed policies as IAM serves them: the account's own (customer managed: created, versioned, tagged,
 * deleted) and the bundled AWS managed ones (read-only). IAM's rules and wording:
 * - a version holds at most 6,144 characters without whitespace (LimitExceeded, quota PolicySize);
 * - a policy has at most 5 versions (LimitExceeded); version ids `vN` are never reused;
 * - the default version cannot be deleted, and a policy cannot be deleted while attached, while a user has
 *   it as permissions boundary, or while it has versions besides the default (DeleteConflict);
 * - ListPolicyVersions lists the newest first.
 * Only the default version is in force (sandbox/state/identity-view.ts), after the propagation delay at
 * runtime like every other change.
 */
import {AwsServiceError} from '../contracts.js';
import {XmlMembers, type XmlFields} from '../protocols/query-xml.js';
import {newPolicyId} from '../state/ids.js';
import type {AccountData, CustomerPolicyRecord, PolicyVersionRecord} from '../state/model.js';
import {page, requireAllowed, validateName, type QueryAction, type QueryCall} from './common.js';
import {requireListLength, requirePolicySize, tagsPerCall} from './limits.js';
import {managedPolicies, managedPolicy, managedPolicyDate, type ManagedPolicy} from './managed-policies.js';
import {decodePolicyText, requireValidPolicy} from './user-policies.js';
import {mergeTags, readTags, tagsXml} from './users.js';

/** IAM's quota for one version of a managed policy, counted without whitespace. */
export const managedPolicySizeLimit = 6144;
/** IAM keeps at most 5 versions of a managed policy. */
export const policyVersionLimit = 5;

export const customerPolicyArn = (accountId: string, path: string, name: string): string => `arn:aws:iam::${accountId}:policy${path}${name}`;

export function noSuchPolicy(arn: string): AwsServiceError {
	return new AwsServiceError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
}

const noSuchVersion = (arn: string, versionId: string): AwsServiceError =>
	new AwsServiceError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`, 404);

function existingPolicy(data: AccountData, arn: string): CustomerPolicyRecord {
	const policy = data.policies.find((candidate) => candidate.arn === arn);
	if (!policy) throw noSuchPolicy(arn);
	return policy;
}

function existingVersion(policy: CustomerPolicyRecord, versionId: string): PolicyVersionRecord {
	const version = policy.versions.find((candidate) => candidate.versionId === versionId);
	if (!version) throw noSuchVersion(policy.arn, versionId);
	return version;
}

/** Reads, checks (grammar, then size) and returns a policy document given to IAM. */
function readDocument(call: QueryCall): string {
	const text = decodePolicyText(call.input.required('PolicyDocument'));
	// Measured before it is parsed: an oversized document costs a count, not a parse.
	requirePolicySize(
		text,
		managedPolicySizeLimit,
		() => new AwsServiceError('LimitExceeded', `Cannot exceed quota for PolicySize: ${managedPolicySizeLimit}`, 409),
	);
	requireValidPolicy(text);
	return text;
}

function readPath(call: QueryCall, name: string): string | undefined {
	const path = call.input.optional(name);
	if (path !== undefined && (!/^\/([\x21-\x7e]+\/)?$/.test(path) || path.length > 512)) {
		throw new AwsServiceError(
			'ValidationError',
			`The specified value for ${name === 'Path' ? 'path' : 'pathPrefix'} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
			400,
		);
	}
	return path;
}

/** IAM's PolicyUsageFilter: PermissionsPolicy or PermissionsBoundary (absent: both). */
function readUsageFilter(call: QueryCall): 'PermissionsPolicy' | 'PermissionsBoundary' | undefined {
	const usage = call.input.optional('PolicyUsageFilter');
	if (usage === undefined || usage === 'PermissionsPolicy' || usage === 'PermissionsBoundary') return usage;
	throw new AwsServiceError(
		'ValidationError',
		`1 validation error detected: Value '${usage.slice(0, 64)}' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]`,
		400,
	);
}

const attachmentCount = (data: AccountData, arn: string): number => data.users.filter((user) => user.attachedPolicies.includes(arn)).length;
/** How many users have the policy as their permissions boundary (PermissionsBoundaryUsageCount). */
const boundaryUsageCount = (data: AccountData, arn: string): number => data.users.filter((user) => user.permissionsBoundary === arn).length;

/** The `Policy` structure; `detail` adds what only GetPolicy and CreatePolicy return (Description, Tags). */
function customerPolicyXml(data: AccountData, policy: CustomerPolicyRecord, detail: boolean): XmlFields {
	return {
		PolicyName: policy.policyName,
		PolicyId: policy.policyId,
		Arn: policy.arn,
		Path: policy.path,
		DefaultVersionId: policy.defaultVersionId,
		AttachmentCount: attachmentCount(data, policy.arn),
		PermissionsBoundaryUsageCount: boundaryUsageCount(data, policy.arn),
		IsAttachable: true,
		Description: detail ? policy.description : undefined,
		CreateDate: new Date(policy.createDate),
		UpdateDate: new Date(policy.updateDate),
		Tags: detail && policy.tags.length > 0 ? tagsXml(policy.tags) : undefined,
	};
}

function awsPolicyXml(data: AccountData, policy: ManagedPolicy, detail: boolean): XmlFields {
	return {
		PolicyName: policy.name,
		PolicyId: policy.policyId,
		Arn: policy.arn,
		Path: '/',
		DefaultVersionId: policy.version,
		AttachmentCount: attachmentCount(data, policy.arn),
		PermissionsBoundaryUsageCount: boundaryUsageCount(data, policy.arn),
		IsAttachable: true,
		Description: detail ? policy.description : undefined,
		CreateDate: managedPolicyDate,
		UpdateDate: managedPolicyDate,
	};
}

const versionXml = (policy: CustomerPolicyRecord, version: PolicyVersionRecord, withDocument: boolean): XmlFields => ({
	// IAM returns policy documents URL-encoded (RFC 3986), as GetUserPolicy does.
	Document: withDocument ? encodeURIComponent(version.document) : undefined,
	VersionId: version.versionId,
	IsDefaultVersion: version.versionId === policy.defaultVersionId,
	CreateDate: new Date(version.createDate),
});

const createPolicy: QueryAction = (call) => {
	const name = call.input.required('PolicyName');
	validateName(name, 'policyName', 128);
	const path = readPath(call, 'Path') ?? '/';
	const description = call.input.optional('Description');
	if (description !== undefined && description.length > 1000) {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`,
			400,
		);
	}
	const arn = customerPolicyArn(call.state.accountId, path, name);
	requireAllowed(call, 'iam:CreatePolicy', arn);
	const document = readDocument(call);
	const tags = readTags(call, 'TagsPerPolicy');
	const now = call.context.now.toISOString();
	const created = call.state.mutate((data) => {
		// Policy names are unique in the account without regard to case, whatever the path.
		if (data.policies.some((policy) => policy.policyName.toLowerCase() === name.toLowerCase())) {
			throw new AwsServiceError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`, 409);
		}
		const policy: CustomerPolicyRecord = {
			policyName: name,
			policyId: newPolicyId(),
			path,
			arn,
			createDate: now,
			updateDate: now,
			...(description === undefined ? {} : {description}),
			defaultVersionId: 'v1',
			nextVersion: 2,
			versions: [{versionId: 'v1', document, createDate: now}],
			tags,
		};
		data.policies.push(policy);
		return policy;
	});
	return {Policy: customerPolicyXml(call.state.live().data, created, true)};
};

const getPolicy: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:GetPolicy', arn);
	const data = call.state.live().data;
	const bundled = managedPolicy(arn);
	if (bundled) return {Policy: awsPolicyXml(data, bundled, true)};
	return {Policy: customerPolicyXml(data, existingPolicy(data, arn), true)};
};

const getPolicyVersion: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	const versionId = call.input.required('VersionId');
	requireAllowed(call, 'iam:GetPolicyVersion', arn);
	const bundled = managedPolicy(arn);
	if (bundled) {
		// The sandbox bundles the default version of each AWS managed policy only.
		if (versionId !== bundled.version) throw noSuchVersion(arn, versionId);
		return {
			PolicyVersion: {
				Document: encodeURIComponent(JSON.stringify(bundled.document, null, 4)),
				VersionId: bundled.version,
				IsDefaultVersion: true,
				CreateDate: managedPolicyDate,
			},
		};
	}
	const policy = existingPolicy(call.state.live().data, arn);
	return {PolicyVersion: versionXml(policy, existingVersion(policy, versionId), true)};
};

const listPolicies: QueryAction = (call) => {
	requireAllowed(call, 'iam:ListPolicies', '*');
	const scope = call.input.optional('Scope') ?? 'All';
	if (!['All', 'AWS', 'Local'].includes(scope)) {
		throw new AwsServiceError(
			'ValidationError',
			`1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`,
			400,
		);
	}
	const prefix = readPath(call, 'PathPrefix') ?? '/';
	const onlyAttached = call.input.boolean('OnlyAttached') ?? false;
	// PermissionsBoundary lists the policies some user has as boundary; PermissionsPolicy (every policy can be one) filters nothing.
	const usage = readUsageFilter(call);
	const data = call.state.live().data;
	// Each entry's XML (which counts attachments over every user) is built only for the page returned.
	const entries: Array<{name: string; path: string; arn: string; xml: () => XmlFields}> = [];
	if (scope !== 'Local')
		for (const policy of managedPolicies()) entries.push({name: policy.name, path: '/', arn: policy.arn, xml: () => awsPolicyXml(data, policy, false)});
	if (scope !== 'AWS')
		for (const policy of data.policies)
			entries.push({name: policy.policyName, path: policy.path, arn: policy.arn, xml: () => customerPolicyXml(data, policy, false)});
	const listed = entries
		.filter((entry) => entry.path.startsWith(prefix))
		.filter((entry) => !onlyAttached || attachmentCount(data, entry.arn) > 0)
		.filter((entry) => usage !== 'PermissionsBoundary' || boundaryUsageCount(data, entry.arn) > 0)
		.sort((a, b) => a.name.localeCompare(b.name));
	const {items, fields} = page(call, listed);
	return {Policies: new XmlMembers(items.map((entry) => entry.xml())), ...fields};
};

const listPolicyVersions: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:ListPolicyVersions', arn);
	const bundled = managedPolicy(arn);
	if (bundled) {
		return {Versions: new XmlMembers([{VersionId: bundled.version, IsDefaultVersion: true, CreateDate: managedPolicyDate}]), IsTruncated: false};
	}
	const policy = existingPolicy(call.state.live().data, arn);
	const {items, fields} = page(call, [...policy.versions].reverse());
	return {Versions: new XmlMembers(items.map((version) => versionXml(policy, version, false))), ...fields};
};

const createPolicyVersion: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:CreatePolicyVersion', arn);
	const setAsDefault = call.input.boolean('SetAsDefault') ?? false;
	if (!call.state.live().customerPolicy(arn)) throw noSuchPolicy(arn);
	const document = readDocument(call);
	const now = call.context.now.toISOString();
	const result = call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		if (policy.versions.length >= policyVersionLimit) {
			throw new AwsServiceError(
				'LimitExceeded',
				`A managed policy can have up to ${policyVersionLimit} versions. Before you create a new version, you must delete an existing version.`,
				409,
			);
		}
		const version: PolicyVersionRecord = {versionId: `v${policy.nextVersion}`, document, createDate: now};
		policy.versions = [...policy.versions, version];
		policy.nextVersion += 1;
		policy.updateDate = now;
		if (setAsDefault) policy.defaultVersionId = version.versionId;
		return {policy, version};
	});
	return {PolicyVersion: versionXml(result.policy, result.version, false)};
};

const deletePolicyVersion: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	const versionId = call.input.required('VersionId');
	requireAllowed(call, 'iam:DeletePolicyVersion', arn);
	call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		existingVersion(policy, versionId);
		if (versionId === policy.defaultVersionId) throw new AwsServiceError('DeleteConflict', 'Cannot delete the default version of a policy.', 409);
		policy.versions = policy.versions.filter((version) => version.versionId !== versionId);
	});
	return undefined;
};

const setDefaultPolicyVersion: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	const versionId = call.input.required('VersionId');
	requireAllowed(call, 'iam:SetDefaultPolicyVersion', arn);
	call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		existingVersion(policy, versionId);
		policy.defaultVersionId = versionId;
		policy.updateDate = call.context.now.toISOString();
	});
	return undefined;
};

const deletePolicy: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:DeletePolicy', arn);
	call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		// A policy in use as a permissions boundary is "attached" too, as AWS words it (docs/aws-facts.md, 'Organisation guardrails').
		if (attachmentCount(data, arn) > 0 || boundaryUsageCount(data, arn) > 0)
			throw new AwsServiceError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
		if (policy.versions.length > 1) {
			throw new AwsServiceError(
				'DeleteConflict',
				"This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
				409,
			);
		}
		data.policies = data.policies.filter((candidate) => candidate !== policy);
	});
	return undefined;
};

const listEntitiesForPolicy: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:ListEntitiesForPolicy', arn);
	const data = call.state.live().data;
	if (!managedPolicy(arn)) existingPolicy(data, arn);
	const filter = call.input.optional('EntityFilter');
	const prefix = readPath(call, 'PathPrefix') ?? '/';
	const usage = readUsageFilter(call);
	const uses = (user: AccountData['users'][number]): boolean =>
		(usage !== 'PermissionsBoundary' && user.attachedPolicies.includes(arn)) || (usage !== 'PermissionsPolicy' && user.permissionsBoundary === arn);
	// The sandbox has users only: no groups or roles.
	const users =
		filter === undefined || filter === 'User'
			? data.users.filter((user) => uses(user) && user.path.startsWith(prefix)).sort((a, b) => a.userName.localeCompare(b.userName))
			: [];
	const {items, fields} = page(call, users);
	return {
		PolicyGroups: new XmlMembers([]),
		PolicyUsers: new XmlMembers(items.map((user) => ({UserName: user.userName, UserId: user.userId}))),
		PolicyRoles: new XmlMembers([]),
		...fields,
	};
};

const tagPolicy: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:TagPolicy', arn);
	const tags = readTags(call, 'TagsPerPolicy');
	call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		policy.tags = mergeTags(policy.tags, tags, 'TagsPerPolicy');
	});
	return undefined;
};

const untagPolicy: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:UntagPolicy', arn);
	requireListLength(call.input, 'TagKeys', tagsPerCall);
	const keys = new Set(call.input.list('TagKeys'));
	call.state.mutate((data) => {
		const policy = existingPolicy(data, arn);
		policy.tags = policy.tags.filter((tag) => !keys.has(tag.Key));
	});
	return undefined;
};

const listPolicyTags: QueryAction = (call) => {
	const arn = call.input.required('PolicyArn');
	requireAllowed(call, 'iam:ListPolicyTags', arn);
	const policy = existingPolicy(call.state.live().data, arn);
	const {items, fields} = page(call, policy.tags);
	return {Tags: tagsXml(items), ...fields};
};

export const managedPolicyActions: Readonly<Record<string, QueryAction>> = {
	CreatePolicy: createPolicy,
	GetPolicy: getPolicy,
	GetPolicyVersion: getPolicyVersion,
	ListPolicies: listPolicies,
	ListPolicyVersions: listPolicyVersions,
	CreatePolicyVersion: createPolicyVersion,
	DeletePolicyVersion: deletePolicyVersion,
	SetDefaultPolicyVersion: setDefaultPolicyVersion,
	DeletePolicy: deletePolicy,
	ListEntitiesForPolicy: listEntitiesForPolicy,
	TagPolicy: tagPolicy,
	UntagPolicy: untagPolicy,
	ListPolicyTags: listPolicyTags,
};
