/**
 * Indexes over one version of the account (live, or as the runtime sees it after the propagation
 * delay): who owns an access key or an API key, and which policies a user has in force.
 */
import {parsePolicyDocument} from '../../core/iam/index.js';
import type {NamedPolicy, PolicyDocument} from '../../core/iam/policy-document.js';
import type {Caller, CallerAuth} from '../contracts.js';
import {managedPolicy} from '../iam/managed-policies.js';
import type {AccessKeyRecord, AccountData, CustomerPolicyRecord, ServiceCredentialRecord, UserRecord} from './model.js';

/** Inline policy texts are stored verified, so parsing again only needs a cache, never an error path. */
const parsedDocuments = new Map<string, PolicyDocument | undefined>();

export function parseStoredPolicy(text: string): PolicyDocument | undefined {
	if (parsedDocuments.has(text)) return parsedDocuments.get(text);
	const parsed = parsePolicyDocument(text);
	const document = parsed.ok ? parsed.document : undefined;
	if (parsedDocuments.size > 5000) parsedDocuments.clear();
	parsedDocuments.set(text, document);
	return document;
}

/** How a policy a user has in force is known to IAM's simulator. */
export interface UserPolicy extends NamedPolicy {
	/** `managed`: an AWS managed policy; `customer-managed`: one of the account's own. */
	readonly kind: 'inline' | 'managed' | 'customer-managed';
	/** The inline policy name, or the managed policy's name. */
	readonly displayName: string;
}

export class IdentityView {
	private readonly users = new Map<string, UserRecord>();
	private readonly accessKeys = new Map<string, AccessKeyRecord>();
	private readonly credentialsBySecret = new Map<string, ServiceCredentialRecord>();
	private readonly policies = new Map<string, readonly UserPolicy[]>();
	private readonly customerPolicies = new Map<string, CustomerPolicyRecord>();

	constructor(readonly data: AccountData) {
		for (const user of data.users) this.users.set(user.userName, user);
		for (const key of data.accessKeys) this.accessKeys.set(key.accessKeyId, key);
		for (const credential of data.serviceCredentials) this.credentialsBySecret.set(credential.secret, credential);
		for (const policy of data.policies) this.customerPolicies.set(policy.arn, policy);
	}

	/** A customer managed policy of the account, by ARN. */
	customerPolicy(arn: string): CustomerPolicyRecord | undefined {
		return this.customerPolicies.get(arn);
	}

	/** Who a request made with one of `user`'s credentials acts as. */
	userCaller(user: UserRecord, auth: CallerAuth): Caller {
		return {accountId: this.data.accountId, arn: user.arn, kind: 'user', userName: user.userName, userId: user.userId, auth};
	}

	user(userName: string): UserRecord | undefined {
		return this.users.get(userName);
	}

	accessKey(accessKeyId: string): AccessKeyRecord | undefined {
		return this.accessKeys.get(accessKeyId);
	}

	credentialBySecret(secret: string): ServiceCredentialRecord | undefined {
		return this.credentialsBySecret.get(secret);
	}

	/** Inline then attached managed policies, each under a name unique within the user. */
	policiesOf(userName: string): readonly UserPolicy[] {
		const cached = this.policies.get(userName);
		if (cached) return cached;
		const user = this.users.get(userName);
		const list: UserPolicy[] = [];
		if (user) {
			for (const [name, text] of Object.entries(user.inlinePolicies)) {
				const document = parseStoredPolicy(text);
				if (document) list.push({name, displayName: name, kind: 'inline', document});
			}
			for (const arn of user.attachedPolicies) {
				const policy = managedPolicy(arn);
				if (policy) {
					list.push({name: arn, displayName: policy.name, kind: 'managed', document: policy.document});
					continue;
				}
				// A customer managed policy is in force through its default version only.
				const own = this.customerPolicies.get(arn);
				const text = own?.versions.find((version) => version.versionId === own.defaultVersionId)?.document;
				const document = text === undefined ? undefined : parseStoredPolicy(text);
				if (own && document) list.push({name: arn, displayName: own.policyName, kind: 'customer-managed', document});
			}
		}
		this.policies.set(userName, list);
		return list;
	}
}
