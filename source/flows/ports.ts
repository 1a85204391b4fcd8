/**
 * What the flows need from AWS, as interfaces. aws/ implements them with the real SDK clients;
 * nothing here knows about the SDK. A port that fails because of AWS throws an AwsFailure
 * (core/aws-failure.ts), never an SDK exception: flows decide on its kind (docs/architecture.md,
 * 'One error model').
 */
import type {Catalog} from '../core/catalog/types.js';
import type {KeyCredentials, Secret} from '../core/secret.js';
import type {ProbeAnswer} from '../core/verify/classify.js';
import type {ProbeRequest} from '../core/verify/probe-bodies.js';

export type PrincipalKind = 'user' | 'assumed-role' | 'root' | 'federated-user' | 'other';

export interface CallerIdentity {
	readonly accountId: string;
	readonly arn: string;
	readonly kind: PrincipalKind;
	/** User name, role name, or undefined for root. */
	readonly name?: string;
	/** The ARN SimulatePrincipalPolicy accepts (a role ARN for an assumed-role session), when there is one. */
	readonly simulatableArn?: string;
}

export interface IdentityPort {
	whoAmI(): Promise<CallerIdentity>;
}

export interface CatalogLoad {
	readonly catalog: Catalog;
	/** Set when the live catalog could not be read and the bundled snapshot is used instead. */
	readonly fallbackReason?: string;
}

export interface CatalogPort {
	load(region: string): Promise<CatalogLoad>;
}

export interface ExistingUser {
	readonly userName: string;
	readonly arn: string;
	readonly tags: Readonly<Record<string, string>>;
	readonly createdAt?: string;
}

export interface AttachedPolicy {
	readonly name: string;
	readonly arn: string;
}

/** A customer managed policy as the flows see it: its default version in force, and its tags. */
export interface ManagedPolicyInfo {
	readonly arn: string;
	readonly name: string;
	readonly defaultVersionId: string;
	/** The default version's document (decoded). */
	readonly document: string;
	readonly tags: Readonly<Record<string, string>>;
}

export interface ManagedPolicySummary {
	readonly name: string;
	readonly arn: string;
	/** ListPolicies' AttachmentCount: users, groups and roles together. */
	readonly attachmentCount: number;
}

export interface PolicyVersionSummary {
	readonly versionId: string;
	readonly isDefault: boolean;
	readonly createdAt?: string;
}

export interface CreatedApiKey {
	readonly credentialId: string;
	readonly secret: Secret;
	readonly expiresAt?: string;
}

export interface CreatedAccessKey {
	readonly accessKeyId: string;
	readonly secretAccessKey: Secret;
}

export interface ApiKeySummary {
	readonly userName: string;
	readonly credentialId: string;
	readonly status: 'Active' | 'Inactive' | 'Expired';
	readonly createdAt?: string;
	readonly expiresAt?: string;
}

export interface AccessKeySummary {
	readonly userName: string;
	readonly accessKeyId: string;
	readonly status: 'Active' | 'Inactive';
	readonly createdAt?: string;
}

export type SimulatedDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** What refused a simulated call besides the principal's own policies (when the simulator says so). */
export type SimulatedGuardrail = 'permissions-boundary' | 'service-control-policy';

export interface SimulatedResult {
	readonly action: string;
	readonly decision: SimulatedDecision;
	readonly missingContext?: readonly string[];
	/** Not allowed by these (AllowedByPermissionsBoundary / AllowedByOrganizations false). */
	readonly blockedBy?: readonly SimulatedGuardrail[];
}

/**
 * Creates are retried by the adapter alone (aws/reconciled-create.ts, the one strategy): throttled and
 * ambiguous failures are tried again, and a key that a lost reply made is removed before the next try
 * (when the operator may list keys), so no second key is made whose secret nobody holds. A create that
 * still fails `ambiguous` may have happened: the caller never repeats it blindly.
 */
export interface IamPort {
	findUser(userName: string): Promise<ExistingUser | undefined>;
	/** After a lost reply, adopts the user that carries exactly these tags; anyone else's user is a `conflict`. */
	createUser(userName: string, tags: Readonly<Record<string, string>>): Promise<ExistingUser>;
	deleteUser(userName: string): Promise<void>;
	getUserPolicy(userName: string, policyName: string): Promise<string | undefined>;
	putUserPolicy(userName: string, policyName: string, document: string): Promise<void>;
	deleteUserPolicy(userName: string, policyName: string): Promise<void>;
	listAttachedPolicies(userName: string): Promise<readonly AttachedPolicy[]>;
	attachPolicy(userName: string, policyArn: string): Promise<void>;
	detachPolicy(userName: string, policyArn: string): Promise<void>;
	createApiKey(userName: string, ageDays?: number): Promise<CreatedApiKey>;
	deleteApiKey(userName: string, credentialId: string): Promise<void>;
	/** UpdateServiceSpecificCredential: an API key set Active or Inactive (an Inactive key is refused, and can be made Active again). */
	setApiKeyStatus(userName: string, credentialId: string, status: 'Active' | 'Inactive'): Promise<void>;
	createAccessKey(userName: string): Promise<CreatedAccessKey>;
	deleteAccessKey(userName: string, accessKeyId: string): Promise<void>;
	/**
	 * Every user of the account (ListUsers, all pages), tags included (one ListUserTags per user). With
	 * `namePrefix`, only users whose name starts with it are returned (and only their tags are read).
	 */
	listUsers(namePrefix?: string): Promise<readonly ExistingUser[]>;
	/** Bedrock API keys: of one user, or of the whole account (ListServiceSpecificCredentials AllUsers). */
	listApiKeys(userName?: string): Promise<readonly ApiKeySummary[]>;
	listAccessKeys(userName: string): Promise<readonly AccessKeySummary[]>;
	listInlinePolicies(userName: string): Promise<readonly string[]>;
	/** A customer managed policy and its default version; undefined when there is none at that ARN. */
	getManagedPolicy(policyArn: string): Promise<ManagedPolicyInfo | undefined>;
	/** CreatePolicy (its first version is the default), tagged; returns the policy's ARN. */
	createManagedPolicy(name: string, path: string, document: string, tags: Readonly<Record<string, string>>): Promise<string>;
	/** The policy's versions, newest first. */
	listPolicyVersions(policyArn: string): Promise<readonly PolicyVersionSummary[]>;
	/**
	 * CreatePolicyVersion made the default; returns the new version's id. Asked only for a document the
	 * default does not hold yet, so after a lost reply a default that holds it is the version that try made:
	 * adopted, rather than a second one made, which could meet IAM's limit of 5 versions.
	 */
	createPolicyVersion(policyArn: string, document: string): Promise<string>;
	setDefaultPolicyVersion(policyArn: string, versionId: string): Promise<void>;
	deletePolicyVersion(policyArn: string, versionId: string): Promise<void>;
	/** DeletePolicy: only once detached everywhere and with no version but the default. */
	deleteManagedPolicy(policyArn: string): Promise<void>;
	/** Customer managed policies under a path (ListPolicies Scope=Local, PathPrefix), with how many users, groups and roles each is attached to. */
	listManagedPolicies(pathPrefix: string): Promise<readonly ManagedPolicySummary[]>;
	/**
	 * SimulatePrincipalPolicy for the operator: may they make these calls on this resource, with the
	 * condition keys the real calls carry (`context`)? `missingContext`: the keys a refusal's conditions
	 * needed that were not given (AWS's MissingContextValues), which make the answer "cannot tell".
	 * `blockedBy`: a refusal that comes from the operator's permissions boundary or the organisation's service
	 * control policies (AWS's PermissionsBoundaryDecisionDetail, OrganizationsDecisionDetail), not their own policies.
	 */
	simulate(
		principalArn: string,
		actions: readonly string[],
		resourceArn: string,
		context?: Readonly<Record<string, string | readonly string[]>>,
	): Promise<readonly SimulatedResult[]>;
}

/** One quota of Service Quotas (docs/aws-facts.md, 'Quotas'). */
export interface ServiceQuotaInfo {
	readonly code: string;
	readonly name: string;
	readonly value: number;
	readonly adjustable: boolean;
}

/** A quota increase request: filed, never applied at once (AWS decides, and it takes time). */
export interface QuotaIncrease {
	readonly id: string;
	readonly quotaCode: string;
	readonly desiredValue: number;
	readonly status: string;
	readonly caseId?: string;
}

/** Service Quotas for one Region (aws/service-quotas.ts). */
export interface QuotasPort {
	/** Every quota of the service (all pages). */
	list(serviceCode: string): Promise<readonly ServiceQuotaInfo[]>;
	requestIncrease(serviceCode: string, quotaCode: string, desiredValue: number): Promise<QuotaIncrease>;
	/** Requests still open (PENDING, CASE_OPENED). */
	pendingRequests(serviceCode: string): Promise<readonly QuotaIncrease[]>;
}

/** An AWS Budgets cost budget (docs/aws-facts.md, 'Budgets'). */
export interface BudgetInfo {
	readonly name: string;
	readonly amount: number;
	readonly unit: string;
	readonly timeUnit: string;
	/** The spend AWS knows of so far this period (billing data, hours late). */
	readonly actualSpend?: number;
}

/** One budget action (APPLY_IAM_POLICY for the workshop's guard). */
export interface BudgetActionInfo {
	readonly id: string;
	/** AWS's status: STANDBY, PENDING, EXECUTION_SUCCESS, EXECUTION_FAILURE, REVERSE_SUCCESS… */
	readonly status: string;
	readonly thresholdValue: number;
	readonly thresholdType: string;
	readonly notificationType: string;
	readonly approvalModel: string;
	readonly executionRoleArn: string;
	readonly policyArn?: string;
	readonly users: readonly string[];
}

export interface BudgetActionSpec {
	readonly budgetName: string;
	readonly policyArn: string;
	readonly users: readonly string[];
	readonly executionRoleArn: string;
	readonly thresholdPercent: number;
	readonly email: string;
}

/** An IAM role, as the spend guard reads it back. */
export interface RoleInfo {
	readonly arn: string;
	readonly tags: Readonly<Record<string, string>>;
}

/**
 * What the workshop's spend guard needs (aws/spend-guard.ts): AWS Budgets (global, the payer's or a member
 * account's budgets) and an IAM role for Budgets to act as. Reads answer undefined for what is not there.
 */
export interface SpendGuardPort {
	getBudget(accountId: string, budgetName: string): Promise<BudgetInfo | undefined>;
	/** COST, MONTHLY, in USD. */
	createBudget(accountId: string, budgetName: string, amountUsd: number): Promise<void>;
	deleteBudget(accountId: string, budgetName: string): Promise<void>;
	listBudgetActions(accountId: string, budgetName: string): Promise<readonly BudgetActionInfo[]>;
	/** APPLY_IAM_POLICY on ACTUAL spend, AUTOMATIC, at a percentage of the budget; returns the action's id. */
	createBudgetAction(accountId: string, spec: BudgetActionSpec): Promise<string>;
	/** UpdateBudgetAction: the users (and the policy, role, threshold and subscriber) of an existing action. */
	updateBudgetAction(accountId: string, actionId: string, spec: BudgetActionSpec): Promise<void>;
	deleteBudgetAction(accountId: string, budgetName: string, actionId: string): Promise<void>;
	getRole(roleName: string): Promise<RoleInfo | undefined>;
	createRole(roleName: string, path: string, trustPolicy: string, tags: Readonly<Record<string, string>>): Promise<string>;
	putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
	listRolePolicies(roleName: string): Promise<readonly string[]>;
	deleteRolePolicy(roleName: string, policyName: string): Promise<void>;
	deleteRole(roleName: string): Promise<void>;
}

/** One call to Amazon Bedrock as CloudTrail's event history holds it (aws/cloudtrail.ts). */
export interface BedrockCallEvent {
	/** ISO 8601, UTC. */
	readonly at: string;
	readonly eventName: string;
	/** The IAM user who called (an API key's calls are its user's). */
	readonly userName?: string;
	/** AWS's error code when the call was refused or failed (AccessDenied, ThrottlingException…). */
	readonly errorCode?: string;
	/** The caller's User-Agent, as CloudTrail recorded it. */
	readonly userAgent?: string;
}

/** CloudTrail's event history for one Region (docs/aws-facts.md, 'Activity per seat'). */
export interface ActivityPort {
	/**
	 * Amazon Bedrock's management events from `since` to `until`, newest first, at most `maxEvents` of them;
	 * `complete` is false when more were left unread.
	 */
	bedrockEvents(since: Date, until: Date, maxEvents: number): Promise<{readonly events: readonly BedrockCallEvent[]; readonly complete: boolean}>;
}

export interface AnalyzerFinding {
	readonly type: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
	readonly code: string;
	readonly message: string;
}

export interface AnalyzerPort {
	/** undefined when Access Analyzer is not permitted or not available. */
	validate(document: string): Promise<readonly AnalyzerFinding[] | undefined>;
	checkAccessNotGranted(document: string, actions: readonly string[], resources: readonly string[]): Promise<'PASS' | 'FAIL' | undefined>;
	/** CheckNoNewAccess: PASS when `newDocument` grants nothing `existingDocument` does not. */
	checkNoNewAccess(newDocument: string, existingDocument: string): Promise<'PASS' | 'FAIL' | undefined>;
}

export interface ProbeCall {
	readonly target: string;
	readonly request: ProbeRequest;
	readonly credentials: KeyCredentials;
	readonly region: string;
}

/** Tokens a probe consumed, from the response's usage (verification is billed like any call). */
export interface ProbeUsage {
	readonly inputTokens: number;
	readonly outputTokens: number;
}

export interface ProbePort {
	run(call: ProbeCall): Promise<ProbeAnswer & {readonly latencyMs: number; readonly requestId?: string; readonly usage?: ProbeUsage}>;
}

export interface ShortTermKeyPort {
	/** A short-term API key signed with the given access key (it carries that user's permissions). */
	mint(accessKeyId: string, secretAccessKey: Secret, region: string, expiresInSeconds: number): Promise<Secret>;
}

/** GetFoundationModelAvailability's agreementAvailability.status. */
export type AgreementStatus = 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR';

export interface AgreementPort {
	/** Whether the account holds the model's AWS Marketplace agreement (GetFoundationModelAvailability). */
	availability(modelId: string): Promise<{readonly status: AgreementStatus; readonly errorMessage?: string}>;
	/** Creates the AWS Marketplace agreement for a model with the operator's credentials. */
	subscribe(modelId: string): Promise<void>;
	/** Whether the account has submitted Anthropic's one-time use-case form (GetUseCaseForModelAccess). */
	useCaseForm(): Promise<'submitted' | 'missing'>;
	/** Submits it (PutUseCaseForModelAccess) with the operator's answers. */
	submitUseCaseForm(form: UseCaseForm): Promise<void>;
}

/** Anthropic's use-case form, as AWS's API reference shows its formData (docs/aws-facts.md). */
export interface UseCaseForm {
	readonly companyName: string;
	readonly companyWebsite: string;
	readonly intendedUsers: string;
	readonly industryOption: string;
	readonly otherIndustryOption: string;
	readonly useCases: string;
}

export interface AwsPorts {
	readonly identity: IdentityPort;
	readonly catalog: CatalogPort;
	readonly iam: IamPort;
	readonly analyzer: AnalyzerPort;
	readonly probes: ProbePort;
	readonly shortTermKeys: ShortTermKeyPort;
	readonly agreements: AgreementPort;
}

/**
 * A gate every IAM request of a run passes through (each attempt, pages included): it decides when a
 * request may start, and hears whether AWS throttled it, so one limiter can pace a whole run.
 */
export interface RequestGate {
	/** Resolves when the request may start; the value is its start time, handed back to `settle`. */
	acquire(): Promise<number>;
	settle(startedAt: number, outcome: 'ok' | 'throttled' | 'error'): void;
}

/** The files a flow writes, through a port so flows stay free of node:fs and tests can look inside. */
export interface FilesPort {
	join(directory: string, name: string): string;
	/** A path under the user's home folder (Claude Code's `~/.claude/settings.json`); the CLI's HOME, a temporary one in tests. */
	inHome(name: string): string;
	exists(path: string): Promise<boolean>;
	/** A text file's contents; undefined when it is not there. */
	read(path: string): Promise<string | undefined>;
	/**
	 * Atomic (an unguessable temporary file, created exclusively with the mode, then renamed) with the given
	 * mode; creates the directory.
	 */
	write(path: string, content: string, mode: number): Promise<void>;
	/** An existing file is copied aside (`<path>.<time>.bak`, same mode, never over another file) before it is replaced; its new path, or undefined when there was none. */
	keepAside(path: string, now: Date): Promise<string | undefined>;
	/** Whether git would pick the file up: `tracked-or-unignored` deserves a warning for a secret. */
	gitStatus(path: string): Promise<'ignored' | 'tracked-or-unignored' | 'not-in-repository'>;
	/** Adds the file to the .gitignore at the top of its git work tree (made if missing): the line, and that .gitignore's path. */
	ignoreInGit(path: string): Promise<{readonly line: string; readonly gitignore: string}>;
	/** Deletes a file, or a folder when it is empty; one that is not there is deleted already. Used to undo a run's files (flows/create/written-files.ts). */
	remove(path: string): Promise<void>;
	/** Takes back a line `ignoreInGit` added (its last copy); a .gitignore left empty is deleted. */
	forgetInGit(gitignore: string, line: string): Promise<void>;
	/** Puts a file back where it was (a copy kept aside, over the file that replaced it). */
	rename(from: string, to: string): Promise<void>;
}
