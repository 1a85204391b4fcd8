/** IAM through the SDK: the user, its inline policy, its keys, and the operator's own permissions. */
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	ContextKeyTypeEnum,
	CreatePolicyVersionCommand,
	DeletePolicyCommand,
	DeletePolicyVersionCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	ListPolicyVersionsCommand,
	SetDefaultPolicyVersionCommand,
	paginateListPolicies,
	CreateAccessKeyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	DeleteAccessKeyCommand,
	DeleteServiceSpecificCredentialCommand,
	UpdateServiceSpecificCredentialCommand,
	DeleteUserCommand,
	DeleteUserPolicyCommand,
	DetachUserPolicyCommand,
	GetUserCommand,
	GetUserPolicyCommand,
	IAMClient,
	ListUserTagsCommand,
	PutUserPolicyCommand,
	SimulatePrincipalPolicyCommand,
	ListAccessKeysCommand,
	ListServiceSpecificCredentialsCommand,
	paginateListAccessKeys,
	paginateListAttachedUserPolicies,
	paginateListUserPolicies,
	paginateListUsers,
} from '@aws-sdk/client-iam';
import {isAwsFailure} from '../core/aws-failure.js';
import {Secret} from '../core/secret.js';
import type {
	AccessKeySummary,
	ApiKeySummary,
	ExistingUser,
	IamPort,
	ManagedPolicySummary,
	PolicyVersionSummary,
	SimulatedDecision,
	SimulatedGuardrail,
	SimulatedResult,
} from '../flows/ports.js';
import {samePolicyDocument} from '../core/iam/index.js';
import {createReconciled, retryOneAttemptAtATime} from './reconciled-create.js';

/** The service a long-term Bedrock API key belongs to (docs/aws-facts.md, 'API keys'). */
export const BEDROCK_SERVICE_NAME = 'bedrock.amazonaws.com';

/** ListUserTags calls in flight while listing users. */
const LIST_TAGS_CONCURRENCY = 8;

/**
 * `iamOnce` makes one attempt per call (creates retry through createReconciled instead of the SDK);
 * `createAttempts` is how many times a create is tried in all.
 */
export function createIamPort(iam: IAMClient, iamOnce: IAMClient = iam, createAttempts = 4): IamPort {
	const apiKeyIds = async (userName: string): Promise<string[]> =>
		(await iam.send(new ListServiceSpecificCredentialsCommand({UserName: userName, ServiceName: BEDROCK_SERVICE_NAME}))).ServiceSpecificCredentials?.map(
			(key) => key.ServiceSpecificCredentialId ?? '',
		) ?? [];
	const accessKeyIds = async (userName: string): Promise<string[]> =>
		(await iam.send(new ListAccessKeysCommand({UserName: userName}))).AccessKeyMetadata?.map((key) => key.AccessKeyId ?? '') ?? [];
	const port: IamPort = {
		async findUser(userName) {
			try {
				const {User} = await iam.send(new GetUserCommand({UserName: userName}));
				const {Tags} = await iam.send(new ListUserTagsCommand({UserName: userName}));
				return {
					userName,
					arn: User?.Arn ?? '',
					tags: Object.fromEntries((Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
					...(User?.CreateDate ? {createdAt: User.CreateDate.toISOString()} : {}),
				};
			} catch (error) {
				if (isAwsFailure(error, 'not-found')) return undefined;
				throw error;
			}
		},
		async createUser(userName, tags) {
			const tagList = Object.entries(tags).map(([Key, Value]) => ({Key, Value}));
			return retryOneAttemptAtATime({
				attempts: createAttempts,
				run: async () => {
					const {User} = await iamOnce.send(new CreateUserCommand({UserName: userName, Tags: tagList}));
					return {userName, arn: User?.Arn ?? '', tags, ...(User?.CreateDate ? {createdAt: User.CreateDate.toISOString()} : {})};
				},
				// A retry after a lost reply meets the user it made: ours if it carries exactly our tags.
				recover: async (error, attempt) => {
					if (attempt === 1 || !isAwsFailure(error, 'conflict')) return undefined;
					const existing = await port.findUser(userName);
					return existing && Object.entries(tags).every(([key, value]) => existing.tags[key] === value) ? {value: existing} : undefined;
				},
			});
		},
		async deleteUser(userName) {
			await iam.send(new DeleteUserCommand({UserName: userName}));
		},
		async getUserPolicy(userName, policyName) {
			try {
				const {PolicyDocument} = await iam.send(new GetUserPolicyCommand({UserName: userName, PolicyName: policyName}));
				// IAM returns the document URL-encoded (RFC 3986).
				return PolicyDocument === undefined ? undefined : decodeURIComponent(PolicyDocument);
			} catch (error) {
				if (isAwsFailure(error, 'not-found')) return undefined;
				throw error;
			}
		},
		async putUserPolicy(userName, policyName, document) {
			await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: policyName, PolicyDocument: document}));
		},
		async deleteUserPolicy(userName, policyName) {
			await iam.send(new DeleteUserPolicyCommand({UserName: userName, PolicyName: policyName}));
		},
		async listAttachedPolicies(userName) {
			const policies: Array<{name: string; arn: string}> = [];
			for await (const page of paginateListAttachedUserPolicies({client: iam}, {UserName: userName})) {
				for (const policy of page.AttachedPolicies ?? []) policies.push({name: policy.PolicyName ?? '', arn: policy.PolicyArn ?? ''});
			}
			return policies;
		},
		async attachPolicy(userName, policyArn) {
			await iam.send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: policyArn}));
		},
		async detachPolicy(userName, policyArn) {
			await iam.send(new DetachUserPolicyCommand({UserName: userName, PolicyArn: policyArn}));
		},
		async createApiKey(userName, ageDays) {
			const {ServiceSpecificCredential: credential} = await createReconciled({
				attempts: createAttempts,
				list: () => apiKeyIds(userName),
				create: () =>
					iamOnce.send(
						new CreateServiceSpecificCredentialCommand({
							UserName: userName,
							ServiceName: BEDROCK_SERVICE_NAME,
							...(ageDays !== undefined ? {CredentialAgeDays: ageDays} : {}),
						}),
					),
				remove: (id) => port.deleteApiKey(userName, id),
			});
			// The key is ServiceCredentialSecret, shown once (AWS's guide calls it ServiceApiKeyValue; no such field).
			const secret = credential?.ServiceCredentialSecret;
			if (!credential?.ServiceSpecificCredentialId || !secret)
				throw new Error('CreateServiceSpecificCredential returned no key (is @aws-sdk/client-iam >= 3.840?)');
			return {
				credentialId: credential.ServiceSpecificCredentialId,
				secret: new Secret(secret),
				...(credential.ExpirationDate ? {expiresAt: credential.ExpirationDate.toISOString()} : {}),
			};
		},
		async deleteApiKey(userName, credentialId) {
			await iam.send(new DeleteServiceSpecificCredentialCommand({UserName: userName, ServiceSpecificCredentialId: credentialId}));
		},
		async setApiKeyStatus(userName, credentialId, status) {
			await iam.send(new UpdateServiceSpecificCredentialCommand({UserName: userName, ServiceSpecificCredentialId: credentialId, Status: status}));
		},
		async createAccessKey(userName) {
			const {AccessKey} = await createReconciled({
				attempts: createAttempts,
				list: () => accessKeyIds(userName),
				create: () => iamOnce.send(new CreateAccessKeyCommand({UserName: userName})),
				remove: (id) => port.deleteAccessKey(userName, id),
			});
			if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey) throw new Error('CreateAccessKey returned no key');
			return {accessKeyId: AccessKey.AccessKeyId, secretAccessKey: new Secret(AccessKey.SecretAccessKey)};
		},
		async deleteAccessKey(userName, accessKeyId) {
			await iam.send(new DeleteAccessKeyCommand({UserName: userName, AccessKeyId: accessKeyId}));
		},
		async listUsers(namePrefix) {
			const users: ExistingUser[] = [];
			for await (const page of paginateListUsers({client: iam}, {})) {
				// ListUsers has no name filter, but skipping the others saves a ListUserTags call each.
				const wanted = (page.Users ?? []).filter((user) => namePrefix === undefined || (user.UserName ?? '').startsWith(namePrefix));
				// Tags one user at a time would make a 200-seat workshop wait 200 round trips; a few at once.
				const tagged = new Array<ExistingUser>(wanted.length);
				let next = 0;
				const worker = async (): Promise<void> => {
					for (let index = next++; index < wanted.length; index = next++) {
						const user = wanted[index]!;
						const userName = user.UserName ?? '';
						const {Tags} = await iam.send(new ListUserTagsCommand({UserName: userName}));
						tagged[index] = {
							userName,
							arn: user.Arn ?? '',
							tags: Object.fromEntries((Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
							...(user.CreateDate ? {createdAt: user.CreateDate.toISOString()} : {}),
						};
					}
				};
				await Promise.all(Array.from({length: Math.min(LIST_TAGS_CONCURRENCY, wanted.length)}, worker));
				users.push(...tagged);
			}
			return users;
		},
		async listApiKeys(userName) {
			const keys: ApiKeySummary[] = [];
			let marker: string | undefined;
			// No SDK paginator for this operation: loop on Marker.
			do {
				const page = await iam.send(
					new ListServiceSpecificCredentialsCommand({
						ServiceName: BEDROCK_SERVICE_NAME,
						...(userName ? {UserName: userName} : {AllUsers: true}),
						...(marker ? {Marker: marker} : {}),
					}),
				);
				for (const key of page.ServiceSpecificCredentials ?? []) {
					keys.push({
						userName: key.UserName ?? '',
						credentialId: key.ServiceSpecificCredentialId ?? '',
						status: (key.Status as ApiKeySummary['status'] | undefined) ?? 'Active',
						...(key.CreateDate ? {createdAt: key.CreateDate.toISOString()} : {}),
						...(key.ExpirationDate ? {expiresAt: key.ExpirationDate.toISOString()} : {}),
					});
				}
				marker = page.IsTruncated ? page.Marker : undefined;
			} while (marker);
			return keys;
		},
		async listAccessKeys(userName) {
			const keys: AccessKeySummary[] = [];
			for await (const page of paginateListAccessKeys({client: iam}, {UserName: userName})) {
				for (const key of page.AccessKeyMetadata ?? []) {
					keys.push({
						userName,
						accessKeyId: key.AccessKeyId ?? '',
						status: (key.Status as AccessKeySummary['status'] | undefined) ?? 'Active',
						...(key.CreateDate ? {createdAt: key.CreateDate.toISOString()} : {}),
					});
				}
			}
			return keys;
		},
		async listInlinePolicies(userName) {
			const names: string[] = [];
			for await (const page of paginateListUserPolicies({client: iam}, {UserName: userName})) names.push(...(page.PolicyNames ?? []));
			return names;
		},
		async getManagedPolicy(policyArn) {
			try {
				const {Policy} = await iam.send(new GetPolicyCommand({PolicyArn: policyArn}));
				const versionId = Policy?.DefaultVersionId ?? 'v1';
				const {PolicyVersion} = await iam.send(new GetPolicyVersionCommand({PolicyArn: policyArn, VersionId: versionId}));
				return {
					arn: policyArn,
					name: Policy?.PolicyName ?? '',
					defaultVersionId: versionId,
					// IAM returns the document URL-encoded (RFC 3986), as for GetUserPolicy.
					document: PolicyVersion?.Document === undefined ? '' : decodeURIComponent(PolicyVersion.Document),
					tags: Object.fromEntries((Policy?.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
				};
			} catch (error) {
				if (isAwsFailure(error, 'not-found')) return undefined;
				throw error;
			}
		},
		async createManagedPolicy(name, path, document, tags) {
			const tagList = Object.entries(tags).map(([Key, Value]) => ({Key, Value}));
			return retryOneAttemptAtATime({
				attempts: createAttempts,
				run: async () => {
					const {Policy} = await iamOnce.send(new CreatePolicyCommand({PolicyName: name, Path: path, PolicyDocument: document, Tags: tagList}));
					if (!Policy?.Arn) throw new Error('CreatePolicy returned no ARN');
					return Policy.Arn;
				},
				// A retry after a lost reply meets the policy it made: ours if it carries exactly our tags (as createUser adopts its user).
				recover: async (error, attempt) => {
					if (attempt === 1 || !isAwsFailure(error, 'conflict')) return undefined;
					const listed = await port.listManagedPolicies(path);
					const arn = listed.find((policy) => policy.name === name)?.arn;
					const existing = arn ? await port.getManagedPolicy(arn) : undefined;
					return existing && Object.entries(tags).every(([key, value]) => existing.tags[key] === value) ? {value: existing.arn} : undefined;
				},
			});
		},
		async listPolicyVersions(policyArn) {
			const versions: PolicyVersionSummary[] = [];
			let marker: string | undefined;
			do {
				const page = await iam.send(new ListPolicyVersionsCommand({PolicyArn: policyArn, ...(marker ? {Marker: marker} : {})}));
				for (const version of page.Versions ?? []) {
					versions.push({
						versionId: version.VersionId ?? '',
						isDefault: version.IsDefaultVersion === true,
						...(version.CreateDate ? {createdAt: version.CreateDate.toISOString()} : {}),
					});
				}
				marker = page.IsTruncated ? page.Marker : undefined;
			} while (marker);
			return versions;
		},
		async createPolicyVersion(policyArn, document) {
			return retryOneAttemptAtATime({
				attempts: createAttempts,
				run: async () => {
					const {PolicyVersion} = await iamOnce.send(new CreatePolicyVersionCommand({PolicyArn: policyArn, PolicyDocument: document, SetAsDefault: true}));
					if (!PolicyVersion?.VersionId) throw new Error('CreatePolicyVersion returned no version id');
					return PolicyVersion.VersionId;
				},
				// A lost reply may hide a version that was made (and made the default): adopt it instead of making
				// another. The caller asks only for a document the default does not hold yet, so a default that
				// holds it now is the one this call made.
				recover: async (error) => {
					if (!isAwsFailure(error, 'ambiguous')) return undefined;
					const current = await port.getManagedPolicy(policyArn);
					return current && samePolicyDocument(current.document, document) ? {value: current.defaultVersionId} : undefined;
				},
			});
		},
		async setDefaultPolicyVersion(policyArn, versionId) {
			await iam.send(new SetDefaultPolicyVersionCommand({PolicyArn: policyArn, VersionId: versionId}));
		},
		async deletePolicyVersion(policyArn, versionId) {
			await iam.send(new DeletePolicyVersionCommand({PolicyArn: policyArn, VersionId: versionId}));
		},
		async deleteManagedPolicy(policyArn) {
			await iam.send(new DeletePolicyCommand({PolicyArn: policyArn}));
		},
		async listManagedPolicies(pathPrefix) {
			const policies: ManagedPolicySummary[] = [];
			for await (const page of paginateListPolicies({client: iam}, {Scope: 'Local', PathPrefix: pathPrefix})) {
				for (const policy of page.Policies ?? [])
					policies.push({name: policy.PolicyName ?? '', arn: policy.Arn ?? '', attachmentCount: policy.AttachmentCount ?? 0});
			}
			return policies;
		},
		async simulate(principalArn, actions, resourceArn, context = {}) {
			const results: SimulatedResult[] = [];
			const contextEntries = Object.entries(context).map(([ContextKeyName, value]) =>
				typeof value === 'string'
					? {ContextKeyName, ContextKeyValues: [value], ContextKeyType: ContextKeyTypeEnum.STRING}
					: {ContextKeyName, ContextKeyValues: [...value], ContextKeyType: ContextKeyTypeEnum.STRING_LIST},
			);
			let marker: string | undefined;
			do {
				const page = await iam.send(
					new SimulatePrincipalPolicyCommand({
						PolicySourceArn: principalArn,
						ActionNames: [...actions],
						ResourceArns: [resourceArn],
						...(contextEntries.length > 0 ? {ContextEntries: contextEntries} : {}),
						...(marker ? {Marker: marker} : {}),
					}),
				);
				for (const result of page.EvaluationResults ?? []) {
					const missing = result.MissingContextValues ?? [];
					// AWS reports these only when a boundary is set or the account is in an organisation; false means it refused.
					const blockedBy: SimulatedGuardrail[] = [
						...(result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false ? (['permissions-boundary'] as const) : []),
						...(result.OrganizationsDecisionDetail?.AllowedByOrganizations === false ? (['service-control-policy'] as const) : []),
					];
					results.push({
						action: result.EvalActionName ?? '',
						decision: (result.EvalDecision as SimulatedDecision | undefined) ?? 'implicitDeny',
						...(missing.length > 0 ? {missingContext: missing} : {}),
						...(blockedBy.length > 0 ? {blockedBy} : {}),
					});
				}
				marker = page.IsTruncated ? page.Marker : undefined;
			} while (marker);
			return results;
		},
	};
	return port;
}
