/**
 * Everything IAM holds for the users of a sandbox account, read with the real SDK client, in one plain
 * object a test compares whole: what a run left behind is exactly this, nothing more.
 */
import {
	GetUserPolicyCommand,
	ListAccessKeysCommand,
	ListAttachedUserPoliciesCommand,
	ListServiceSpecificCredentialsCommand,
	ListUserPoliciesCommand,
	ListUsersCommand,
	ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import {sandboxAdminUserName, type RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient} from './sandbox.js';

export interface UserState {
	readonly tags: Record<string, string>;
	/** Inline policies by name, each document parsed. */
	readonly inline: Record<string, unknown>;
	/** Attached managed policy ARNs, sorted. */
	readonly attached: string[];
	/** API key (service-specific credential) ids, sorted. */
	readonly apiKeys: string[];
	/** Access key ids, sorted. */
	readonly accessKeys: string[];
}

/** Every user but the sandbox's admin, by name. */
export async function iamState(sandbox: RunningSandbox): Promise<Record<string, UserState>> {
	const iam = iamClient(sandbox);
	const names = ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName ?? '').filter((name) => name !== sandboxAdminUserName);
	const apiKeys = (await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials ?? [];
	const state: Record<string, UserState> = {};
	for (const userName of names.sort()) {
		const tags = (await iam.send(new ListUserTagsCommand({UserName: userName}))).Tags ?? [];
		const inline: Record<string, unknown> = {};
		for (const policyName of (await iam.send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames ?? []) {
			const {PolicyDocument} = await iam.send(new GetUserPolicyCommand({UserName: userName, PolicyName: policyName}));
			inline[policyName] = JSON.parse(decodeURIComponent(PolicyDocument ?? ''));
		}
		state[userName] = {
			tags: Object.fromEntries(tags.map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
			inline,
			attached: ((await iam.send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies ?? [])
				.map((policy) => policy.PolicyArn ?? '')
				.sort(),
			apiKeys: apiKeys
				.filter((key) => key.UserName === userName)
				.map((key) => key.ServiceSpecificCredentialId ?? '')
				.sort(),
			accessKeys: ((await iam.send(new ListAccessKeysCommand({UserName: userName}))).AccessKeyMetadata ?? []).map((key) => key.AccessKeyId ?? '').sort(),
		};
	}
	// A key whose user is gone would be a sandbox bug; say so rather than hide it.
	const orphans = apiKeys.filter((key) => key.UserName !== sandboxAdminUserName && !names.includes(key.UserName ?? ''));
	if (orphans.length > 0) throw new Error(`API keys without a user: ${orphans.map((key) => key.ServiceSpecificCredentialId).join(', ')}`);
	return state;
}
