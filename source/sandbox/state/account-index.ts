/**
 * The lookups of one view of the account (by user name, access key id, API key secret, policy ARN), kept
 * up to date commit by commit: a commit changes a few records, so the index changes a few entries rather
 * than being rebuilt from the whole account (docs/security.md, 'State, limits and memory').
 */
import type {IdentityIndex} from './identity-view.js';
import type {AccessKeyRecord, AccountData, CustomerPolicyRecord, RoleRecord, ServiceCredentialRecord, UserRecord} from './model.js';

/** One record a commit added, changed (`record` is the new one) or removed (`record` undefined). */
export type RecordChange =
	| {readonly kind: 'user'; readonly key: string; readonly record: UserRecord | undefined}
	| {readonly kind: 'accessKey'; readonly key: string; readonly record: AccessKeyRecord | undefined}
	| {readonly kind: 'credential'; readonly key: string; readonly record: ServiceCredentialRecord | undefined}
	| {readonly kind: 'policy'; readonly key: string; readonly record: CustomerPolicyRecord | undefined}
	/** Roles are read from the account's records (IAM's role actions); no caller acts as one, so no index holds them. */
	| {readonly kind: 'role'; readonly key: string; readonly record: RoleRecord | undefined};

export class AccountIndex implements IdentityIndex {
	readonly accountId: string;
	readonly users = new Map<string, UserRecord>();
	readonly accessKeys = new Map<string, AccessKeyRecord>();
	readonly credentialsBySecret = new Map<string, ServiceCredentialRecord>();
	readonly customerPolicies = new Map<string, CustomerPolicyRecord>();
	private readonly credentials = new Map<string, ServiceCredentialRecord>();

	/** `keepPolicy` is what of a customer managed policy the index holds (the propagated view: its default version). */
	constructor(
		data: AccountData,
		private readonly keepPolicy: (policy: CustomerPolicyRecord) => CustomerPolicyRecord = (policy) => policy,
	) {
		this.accountId = data.accountId;
		for (const user of data.users) this.apply({kind: 'user', key: user.userName, record: user});
		for (const key of data.accessKeys) this.apply({kind: 'accessKey', key: key.accessKeyId, record: key});
		for (const credential of data.serviceCredentials) this.apply({kind: 'credential', key: credential.id, record: credential});
		for (const policy of data.policies) this.apply({kind: 'policy', key: policy.arn, record: policy});
	}

	apply(change: RecordChange): void {
		switch (change.kind) {
			case 'user':
				setOrDelete(this.users, change.key, change.record);
				break;
			case 'accessKey':
				setOrDelete(this.accessKeys, change.key, change.record);
				break;
			case 'credential': {
				const previous = this.credentials.get(change.key);
				if (previous) this.credentialsBySecret.delete(previous.secret);
				setOrDelete(this.credentials, change.key, change.record);
				if (change.record) this.credentialsBySecret.set(change.record.secret, change.record);
				break;
			}
			case 'policy':
				setOrDelete(this.customerPolicies, change.key, change.record && this.keepPolicy(change.record));
				break;
			case 'role':
				break;
		}
	}
}

function setOrDelete<T>(map: Map<string, T>, key: string, value: T | undefined): void {
	if (value === undefined) map.delete(key);
	else map.set(key, value);
}
