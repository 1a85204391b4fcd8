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

/** The lookups an IdentityView answers from: built from the whole account (live), or kept by the propagation history. */
export interface IdentityIndex {
	readonly accountId: string;
	readonly users: ReadonlyMap<string, UserRecord>;
	readonly accessKeys: ReadonlyMap<string, AccessKeyRecord>;
	readonly credentialsBySecret: ReadonlyMap<string, ServiceCredentialRecord>;
	readonly customerPolicies: ReadonlyMap<string, CustomerPolicyRecord>;
}

export class IdentityView {
	private readonly users: ReadonlyMap<string, UserRecord>;
	private readonly accessKeys: ReadonlyMap<string, AccessKeyRecord>;
	private readonly credentialsBySecret: ReadonlyMap<string, ServiceCredentialRecord>;
	private readonly customerPolicies: ReadonlyMap<string, CustomerPolicyRecord>;
	private readonly policies = new Map<string, readonly UserPolicy[]>();
	private readonly boundaries = new Map<string, UserPolicy | undefined>();
	private readonly accountId: string;

	constructor(index: IdentityIndex) {
		this.accountId = index.accountId;
		this.users = index.users;
		this.accessKeys = index.accessKeys;
		this.credentialsBySecret = index.credentialsBySecret;
		this.customerPolicies = index.customerPolicies;
	}

	/** A customer managed policy of the account, by ARN. */
	customerPolicy(arn: string): CustomerPolicyRecord | undefined {
		return this.customerPolicies.get(arn);
	}

	/** Who a request made with one of `user`'s credentials acts as. */
	userCaller(user: UserRecord, auth: CallerAuth): Caller {
		return {accountId: this.accountId, arn: user.arn, kind: 'user', userName: user.userName, userId: user.userId, auth};
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

	/** A managed policy by ARN as IAM evaluates it: an AWS managed one, or the account's own through its default version. */
	private managed(arn: string): UserPolicy | undefined {
		const policy = managedPolicy(arn);
		if (policy) return {name: arn, displayName: policy.name, kind: 'managed', document: policy.document};
		const own = this.customerPolicies.get(arn);
		const text = own?.versions.find((version) => version.versionId === own.defaultVersionId)?.document;
		const document = text === undefined ? undefined : parseStoredPolicy(text);
		return own && document ? {name: arn, displayName: own.policyName, kind: 'customer-managed', document} : undefined;
	}

	/**
	 * The user's permissions boundary in force, if one is set: it allows nothing by itself, it caps what the
	 * identity policies allow (docs/aws-facts.md, 'Organisation guardrails').
	 */
	boundaryOf(userName: string): UserPolicy | undefined {
		if (this.boundaries.has(userName)) return this.boundaries.get(userName);
		const arn = this.users.get(userName)?.permissionsBoundary;
		const boundary = arn === undefined ? undefined : this.managed(arn);
		this.boundaries.set(userName, boundary);
		return boundary;
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
			// A customer managed policy is in force through its default version only.
			for (const arn of user.attachedPolicies) {
				const policy = this.managed(arn);
				if (policy) list.push(policy);
			}
		}
		this.policies.set(userName, list);
		return list;
	}
}

/** The account as IAM's own APIs read it, with its records (`data`) for the listings. */
export class LiveView extends IdentityView {
	constructor(
		readonly data: AccountData,
		index: IdentityIndex,
	) {
		super(index);
	}
}
