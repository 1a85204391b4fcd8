/**
 * The sandbox account's IAM state as plain JSON-able records: what persists to `--state FILE`,
 * what the propagation history snapshots, and what IAM's read APIs report.
 */

export interface TagRecord {
	readonly Key: string;
	readonly Value: string;
}

export interface UserRecord {
	readonly userName: string;
	readonly userId: string;
	readonly path: string;
	readonly arn: string;
	readonly createDate: string;
	tags: TagRecord[];
	/** Inline policies: name -> document text as stored (already URL-decoded). */
	inlinePolicies: Record<string, string>;
	/** Attached managed policy ARNs, in attach order. */
	attachedPolicies: string[];
	/**
	 * The managed policy (AWS managed or the account's own) set as the user's permissions boundary
	 * (PutUserPermissionsBoundary); absent when there is none, and in state files written before boundaries.
	 */
	permissionsBoundary?: string;
}

export type KeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	readonly userName: string;
	status: KeyStatus;
	readonly createDate: string;
}

export interface ServiceCredentialRecord {
	readonly id: string;
	readonly userName: string;
	readonly serviceName: string;
	readonly serviceUserName: string;
	secret: string;
	/** A short, non-secret reminder of the secret (AWS shows a prefix of it). */
	alias: string;
	status: KeyStatus;
	readonly createDate: string;
	/** ISO time; absent when the credential never expires. */
	expirationDate?: string;
}

/** One version of a customer managed policy: its document as stored (already URL-decoded). */
export interface PolicyVersionRecord {
	readonly versionId: string;
	readonly document: string;
	readonly createDate: string;
}

/** A customer managed policy of the account (the AWS managed ones are bundled, not stored). */
export interface CustomerPolicyRecord {
	readonly policyName: string;
	readonly policyId: string;
	readonly path: string;
	readonly arn: string;
	readonly createDate: string;
	updateDate: string;
	readonly description?: string;
	defaultVersionId: string;
	/** The number of the next version: IAM never reuses a version id. */
	nextVersion: number;
	/** Oldest first. */
	versions: PolicyVersionRecord[];
	tags: TagRecord[];
}

/** An IAM role (CreateRole): who may assume it, and its inline policies. The sandbox assumes none itself; AWS Budgets' actions run as one. */
export interface RoleRecord {
	readonly roleName: string;
	readonly roleId: string;
	readonly path: string;
	readonly arn: string;
	readonly createDate: string;
	/** The trust policy as stored (already URL-decoded). */
	assumeRolePolicyDocument: string;
	readonly description?: string;
	readonly maxSessionDuration: number;
	tags: TagRecord[];
	/** Inline policies: name -> document text as stored (already URL-decoded). */
	inlinePolicies: Record<string, string>;
}

export interface AccountData {
	readonly version: 1;
	readonly accountId: string;
	users: UserRecord[];
	/** Customer managed policies (absent in state files written before they existed). */
	policies: CustomerPolicyRecord[];
	accessKeys: AccessKeyRecord[];
	serviceCredentials: ServiceCredentialRecord[];
	/** IAM roles (absent in state files written before roles existed). */
	roles?: RoleRecord[];
	/** Model ids with an AWS Marketplace agreement in the account. */
	modelAgreements: string[];
	/**
	 * The real-account obstacles the sandbox plays (`--subscription-delay-ms`, `--subscription-outcome`,
	 * `--use-case-form`, `--org-policy`, `--legacy-in-use`, `/_sandbox/account`), kept so a restart plays them
	 * again; a flag given at start wins.
	 */
	settings?: AccountSettingsRecord;
	/** Service Quotas (service-quotas.ts): the values set and the increase requests, so a restart keeps them. */
	quotas?: QuotaStateRecord;
}

/** What `--state` keeps of the account's quotas: each value set (by code), and every increase request. */
export interface QuotaStateRecord {
	readonly values: Readonly<Record<string, number>>;
	readonly requests: ReadonlyArray<{
		readonly id: string;
		readonly caseId: string;
		readonly code: string;
		readonly desiredValue: number;
		/** ISO 8601. */
		readonly created: string;
		readonly requester: string;
		readonly status: 'PENDING' | 'CASE_OPENED' | 'APPROVED' | 'DENIED';
	}>;
}

/** How a new Marketplace subscription ends once its delay is over (`sandbox --subscription-outcome`). */
export const subscriptionOutcomes = ['available', 'error'] as const;
export type SubscriptionOutcome = (typeof subscriptionOutcomes)[number];
export const isSubscriptionOutcome = (value: unknown): value is SubscriptionOutcome => subscriptionOutcomes.includes(value as SubscriptionOutcome);
/** `'all'`, or the foundation model ids of the LEGACY models the account has used recently (`sandbox --legacy-in-use`). */
export type LegacyModelsInUse = 'all' | readonly string[];

export interface AccountSettingsRecord {
	readonly subscriptionDelayMs?: number;
	readonly subscriptionOutcome?: SubscriptionOutcome;
	readonly useCaseForm?: 'missing' | 'submitted';
	/** Every one is evaluated (`--org-policy`, repeatable): a Deny in any refuses. */
	readonly serviceControlPolicies?: ReadonlyArray<{readonly name: string; readonly document: string}>;
	readonly legacyModelsInUse?: LegacyModelsInUse;
}

export const emptyAccount = (accountId: string): AccountData => ({
	version: 1,
	accountId,
	users: [],
	policies: [],
	accessKeys: [],
	serviceCredentials: [],
	roles: [],
	modelAgreements: [],
});
