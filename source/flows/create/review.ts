/**
 * Everything the person should see before anything changes: the checked policy, what happens to an
 * existing user, whether the operator may make every call (pre-flight), and Access Analyzer's view.
 */
import {customerPolicyArn, iamUserArn} from '../../core/arn.js';
import type {Messages} from '../../core/i18n/en.js';
import {planPolicy, type PolicyPlan} from '../../core/policy/index.js';
import {clientNeeds} from '../../core/clients/index.js';

/** What the key's clients add to the policy (core/clients/): Mantle, and Claude Code's profile reads. */
export function clientPolicyNeeds(answers: Pick<CreateAnswers, 'clients' | 'mantle'>): {mantle?: true; profileReads?: true} {
	const needs = clientNeeds(answers.clients ?? [], answers.mantle === true);
	return {...(needs.mantle ? {mantle: true} : {}), ...(needs.profileReads ? {profileReads: true} : {})};
}
import {INLINE_USER_POLICY_LIMIT} from '../../core/policy/compile.js';
import {MANAGED_POLICY_PATH, managedPolicyNames} from '../../core/policy/placement.js';
import {foundationModelArn} from '../../core/arn.js';
import {failureCode, isAwsFailure} from '../../core/aws-failure.js';
import {Problem} from '../../core/problem.js';
import type {
	AgreementStatus,
	AnalyzerFinding,
	AttachedPolicy,
	AwsPorts,
	CallerIdentity,
	CatalogLoad,
	ExistingUser,
	IamPort,
	PolicyVersionSummary,
	SimulatedResult,
} from '../ports.js';
import type {ReportTarget} from '../../core/verify/report.js';
import type {AppliedKeys, KeyKind} from './apply.js';
import {heldKeysOf, type HeldKeys} from './existing-keys.js';
import type {CreateAnswers} from './machine.js';

export const INLINE_POLICY_NAME = 'bedrock-key-wizard';
export const MANAGED_TAG = 'bedrock-key-wizard:managed';
export const CREATED_TAG = 'bedrock-key-wizard:created';

/** Managed policies that let a user call any model: what the console attaches, and what we remove. */
export const broadBedrockPolicy = /^arn:aws[a-z-]*:iam::aws:policy\/AmazonBedrock(Limited|Full)Access$/;

/** One customer managed policy the apply makes or updates (several when the policy is split). */
export interface ManagedPart {
	readonly name: string;
	readonly arn: string;
	readonly document: string;
	readonly size: number;
	/** Our policy of that name from an earlier run: its default version and its versions, newest first. */
	readonly existing?: {readonly defaultVersionId: string; readonly document: string; readonly versions: readonly PolicyVersionSummary[]};
	/** Already attached to the user. */
	readonly attached: boolean;
}

/** A third-party model the key is for, and whether the account holds its AWS Marketplace agreement. */
export interface Subscription {
	readonly modelId: string;
	readonly status: AgreementStatus;
	/** AWS's words when the agreement is in ERROR. */
	readonly errorMessage?: string;
}

/** Not subscribed (or a subscription that failed): the operator must subscribe before the key can call it. */
export const needsSubscription = (subscription: Subscription): boolean => subscription.status === 'NOT_AVAILABLE' || subscription.status === 'ERROR';

/** The chosen models the account must be subscribed to: what the question names and the apply subscribes. */
export const modelsToSubscribe = (review: Pick<Review, 'subscriptions'>): string[] =>
	review.subscriptions.filter(needsSubscription).map((subscription) => subscription.modelId);

export interface Review {
	readonly plan: PolicyPlan;
	/** The chosen third-party models and their Marketplace agreements (empty when they could not be checked: see the notice). */
	readonly subscriptions: readonly Subscription[];
	readonly subscriptionsNotice?: string;
	/** Anthropic's use-case form, when an Anthropic model is chosen: submitted or missing (undefined: not needed, or not checked). */
	readonly useCaseForm?: 'submitted' | 'missing';
	/** The files the run will write, with full paths; those already there, and what the question about them offers. */
	readonly files?: PlannedFiles;
	readonly userName: string;
	readonly userArn: string;
	readonly existingUser?: ExistingUser;
	readonly previousPolicy?: string;
	/** What the user's other inline policies leave of the 2,048 characters they share with ours. */
	readonly inlineBudget: number;
	/** The managed policies to make or update, when the policy is managed (in `plan.placement.parts` order). */
	readonly managed?: readonly ManagedPart[];
	/** The API keys and access keys an existing user already holds (none for a new user). */
	readonly heldKeys: HeldKeys;
	readonly detach: readonly AttachedPolicy[];
	/** Our own managed policies from an earlier run that the new policy replaces (detached). */
	readonly staleManaged: readonly AttachedPolicy[];
	/** Attached policies left in place (not Bedrock-wide, or --keep-managed-policies). */
	readonly kept: readonly AttachedPolicy[];
	readonly preflight: {readonly checked: boolean; readonly notice?: string};
	readonly analyzer: {readonly findings?: readonly AnalyzerFinding[]; readonly accessNotGranted?: 'PASS' | 'FAIL'; readonly notice?: string};
}

export function apiKeyTypesFor(keys: readonly KeyKind[]): ReadonlyArray<'LONG_TERM' | 'SHORT_TERM'> {
	return [...(keys.includes('api-key') ? (['LONG_TERM'] as const) : []), ...(keys.includes('short-term') ? (['SHORT_TERM'] as const) : [])];
}

export async function buildReview(
	answers: CreateAnswers,
	identity: CallerIdentity,
	catalog: CatalogLoad,
	ports: Pick<AwsPorts, 'iam' | 'analyzer' | 'agreements'>,
	messages: Messages,
): Promise<Review> {
	const userName = answers.userName!;
	const keys = answers.keyKinds ?? ['api-key'];
	const userArn = iamUserArn(identity.accountId, userName);
	const existingUser = await ports.iam.findUser(userName);
	const previousPolicy = existingUser ? await ports.iam.getUserPolicy(userName, INLINE_POLICY_NAME) : undefined;
	const inlineBudget = existingUser ? INLINE_USER_POLICY_LIMIT - (await otherInlineSize(userName, ports)) : INLINE_USER_POLICY_LIMIT;
	const plan = planPolicy(
		{
			catalog: catalog.catalog,
			region: answers.region!,
			accountId: identity.accountId,
			modelIds: answers.modelIds ?? [],
			apiKeyTypes: apiKeyTypesFor(keys),
			streaming: answers.streaming,
			guardrail: answers.guardrail,
			...clientPolicyNeeds(answers),
			policyType: answers.policyType ?? 'auto',
			...(answers.destinations ? {destinations: answers.destinations} : {}),
			inlineBudget: Math.max(0, inlineBudget),
			...(answers.denyProbeIds?.length ? {denyProbeIds: answers.denyProbeIds} : {}),
		},
		messages,
	);
	const attached = existingUser ? await ports.iam.listAttachedPolicies(userName) : [];
	const managed = plan.placement.kind === 'managed' ? await managedParts(plan, userName, identity.accountId, attached, ports) : undefined;
	const ours = new Set((managed ?? []).map((part) => part.arn));
	const staleManaged = staleManagedPolicies(identity.accountId, userName, attached, managed);
	const detach = answers.keepManagedPolicies ? [] : attached.filter((policy) => broadBedrockPolicy.test(policy.arn));
	const kept = attached.filter((policy) => !detach.includes(policy) && !staleManaged.includes(policy) && !ours.has(policy.arn));
	const heldKeys = existingUser ? await listHeldKeys(userName, answers.replaceKeys === true, ports, messages) : {keys: []};
	const subscriptions = await checkSubscriptions(plan, ports, messages);
	const preflight = await preflightCheck(
		identity,
		existingUser ? existingUser.arn : userArn,
		neededActions(
			Boolean(existingUser),
			keys,
			detach.length > 0 || staleManaged.length > 0,
			answers.replaceKeys === true ? heldKeys.keys.map((key) => key.type) : [],
			managed !== undefined,
		),
		// The calls on our managed policies: those made or updated, and those deleted once the inline policy replaces them.
		[...(managed?.map((part) => part.arn) ?? []), ...staleManaged.map((policy) => policy.arn)],
		requestContext(keys, answers.expiresInDays),
		accountActions(subscriptions, answers.region!),
		ports,
		messages,
	);
	const analyzer = await analyze(plan, ports, messages);
	return {
		plan,
		...subscriptions,
		userName,
		userArn: existingUser?.arn ?? userArn,
		...(existingUser ? {existingUser} : {}),
		...(previousPolicy !== undefined ? {previousPolicy} : {}),
		inlineBudget,
		...(managed ? {managed} : {}),
		heldKeys,
		detach,
		staleManaged,
		kept,
		preflight,
		analyzer,
	};
}

/** Every IAM call the apply (and its rollback) may make; `replacing`: the kinds of old key it deletes. */
export function neededActions(
	existingUser: boolean,
	keys: readonly KeyKind[],
	detaches: boolean,
	replacing: readonly ('api-key' | 'access-key')[] = [],
	managed = false,
): readonly string[] {
	const actions = ['iam:GetUser', 'iam:ListUserTags', 'iam:GetUserPolicy', 'iam:PutUserPolicy', 'iam:DeleteUserPolicy', 'iam:ListAttachedUserPolicies'];
	if (existingUser) actions.push('iam:ListUserPolicies');
	if (!existingUser) actions.push('iam:CreateUser', 'iam:TagUser', 'iam:DeleteUser');
	if (detaches || managed) actions.push('iam:DetachUserPolicy', 'iam:AttachUserPolicy');
	if (keys.includes('api-key')) actions.push('iam:CreateServiceSpecificCredential', 'iam:DeleteServiceSpecificCredential');
	if (keys.includes('access-key') || keys.includes('short-term')) actions.push('iam:CreateAccessKey', 'iam:DeleteAccessKey');
	if (replacing.includes('api-key') && !actions.includes('iam:DeleteServiceSpecificCredential')) actions.push('iam:DeleteServiceSpecificCredential');
	if (replacing.includes('access-key') && !actions.includes('iam:DeleteAccessKey')) actions.push('iam:DeleteAccessKey');
	return actions;
}

/** Our policies for this user from an earlier run that the new one does not use (it went inline, or split differently). */
export function staleManagedPolicies(
	accountId: string,
	userName: string,
	attached: readonly AttachedPolicy[],
	managed: readonly ManagedPart[] | undefined,
): readonly AttachedPolicy[] {
	const ours = new Set((managed ?? []).map((part) => part.arn));
	const prefix = customerPolicyArn(accountId, MANAGED_POLICY_PATH, managedPolicyNames(userName, 1)[0]!);
	return attached.filter((policy) => policy.arn.startsWith(prefix) && !ours.has(policy.arn));
}

/** The calls on the managed policy itself (its ARN is the resource): make it or a version, and undo either. */
export const managedPolicyActions = [
	'iam:GetPolicy',
	'iam:GetPolicyVersion',
	'iam:ListPolicyVersions',
	'iam:CreatePolicy',
	'iam:TagPolicy',
	'iam:CreatePolicyVersion',
	'iam:SetDefaultPolicyVersion',
	'iam:DeletePolicyVersion',
	'iam:DeletePolicy',
] as const;

/** IAM counts an inline policy's characters without whitespace; the user's inline policies share 2,048. */
export const policySize = (document: string): number => document.replace(/\s+/g, '').length;

/** The size of the user's inline policies other than ours: what they take of the budget ours shares. */
async function otherInlineSize(userName: string, ports: Pick<AwsPorts, 'iam'>): Promise<number> {
	let total = 0;
	for (const name of await ports.iam.listInlinePolicies(userName)) {
		if (name === INLINE_POLICY_NAME) continue;
		const document = await ports.iam.getUserPolicy(userName, name);
		if (document !== undefined) total += policySize(document);
	}
	return total;
}

/** Each managed policy of the plan: named after the user, under our path; ours from an earlier run is updated, anyone else's refused. */
export async function managedParts(
	plan: PolicyPlan,
	userName: string,
	accountId: string,
	attached: readonly AttachedPolicy[],
	ports: {readonly iam: Pick<IamPort, 'getManagedPolicy' | 'listPolicyVersions'>},
): Promise<ManagedPart[]> {
	const names = managedPolicyNames(userName, plan.placement.parts.length);
	const parts: ManagedPart[] = [];
	for (const [index, part] of plan.placement.parts.entries()) {
		const name = names[index]!;
		const arn = customerPolicyArn(accountId, MANAGED_POLICY_PATH, name);
		const found = await ports.iam.getManagedPolicy(arn);
		if (found && found.tags[MANAGED_TAG] !== 'true') throw new Problem('usage', (m) => m.problems.aws.managedPolicyNotOurs(arn));
		const existing = found
			? {defaultVersionId: found.defaultVersionId, document: found.document, versions: await ports.iam.listPolicyVersions(arn)}
			: undefined;
		parts.push({name, arn, document: part.json, size: part.size, ...(existing ? {existing} : {}), attached: attached.some((policy) => policy.arn === arn)});
	}
	return parts;
}

/**
 * The keys an existing user holds. An operator who may not list them still gets a key (creates do not
 * need the listing), with a word that old keys may remain; replacing them needs the listing.
 */
async function listHeldKeys(userName: string, replacing: boolean, ports: Pick<AwsPorts, 'iam'>, messages: Messages): Promise<HeldKeys> {
	try {
		const [apiKeys, accessKeys] = await Promise.all([ports.iam.listApiKeys(userName), ports.iam.listAccessKeys(userName)]);
		return {keys: heldKeysOf(apiKeys, accessKeys)};
	} catch (error) {
		if (!isAwsFailure(error, 'refused')) throw error;
		if (replacing) throw new Problem('aws-refused', ...messages.create.heldKeys.listRefusedReplacing(userName, failureCode(error)), {cause: error});
		return {keys: [], refused: failureCode(error)};
	}
}

/**
 * The condition keys the real calls carry, so an operator whose rights depend on them (only Bedrock's
 * service-specific credentials, say, or only tagged users) is judged as the calls will be: the credential's
 * service and age, the tags create puts on the user and the managed policy, and the Region IAM's calls are
 * made in, us-east-1 (IAM has one endpoint there: docs/aws-facts.md, 'Organisation guardrails'). Without it a
 * Region-deny service control policy (`StringNotEquals aws:RequestedRegion`) would match in the simulator,
 * since a negated operator matches a missing key, and refuse what the real call may do.
 */
function requestContext(keys: readonly KeyKind[], expiresInDays: number | null | undefined): Record<string, string | readonly string[]> {
	return {
		...(keys.includes('api-key')
			? {
					'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com',
					...(typeof expiresInDays === 'number' ? {'iam:ServiceSpecificCredentialAgeDays': String(expiresInDays)} : {}),
				}
			: {}),
		'aws:TagKeys': [MANAGED_TAG, CREATED_TAG],
		[`aws:RequestTag/${MANAGED_TAG}`]: 'true',
		'aws:RequestedRegion': IAM_REGION,
	};
}

/** Where IAM's calls are made, as aws:RequestedRegion says (its one endpoint is in US East (N. Virginia)). */
const IAM_REGION = 'us-east-1';

/**
 * The account-wide calls the run will make before anything else (on `*`): subscribing the account in
 * AWS Marketplace (Bedrock acts in Marketplace for the caller, so those actions carry aws:CalledVia), and
 * submitting Anthropic's use-case form.
 */
function accountActions(subscriptions: Pick<Review, 'subscriptions' | 'useCaseForm'>, region: string): ReadonlyArray<AccountCheck> {
	const checks: AccountCheck[] = [];
	// Bedrock's own calls are made in the run's Region.
	const inRegion = {'aws:RequestedRegion': region};
	if (subscriptions.subscriptions.some(needsSubscription)) {
		checks.push({
			actions: ['bedrock:ListFoundationModelAgreementOffers', 'bedrock:CreateFoundationModelAgreement', 'bedrock:GetFoundationModelAvailability'],
			context: inRegion,
		});
		checks.push({
			actions: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'],
			context: {'aws:CalledVia': ['bedrock.amazonaws.com'], 'aws:CalledViaFirst': 'bedrock.amazonaws.com', 'aws:CalledViaLast': 'bedrock.amazonaws.com'},
		});
	}
	if (subscriptions.useCaseForm === 'missing') checks.push({actions: ['bedrock:PutUseCaseForModelAccess'], context: inRegion});
	return checks;
}

interface AccountCheck {
	readonly actions: readonly string[];
	readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

async function preflightCheck(
	identity: CallerIdentity,
	userArn: string,
	actions: readonly string[],
	policyArns: readonly string[],
	context: Readonly<Record<string, string | readonly string[]>>,
	account: ReadonlyArray<AccountCheck>,
	ports: Pick<AwsPorts, 'iam'>,
	messages: Messages,
): Promise<Review['preflight']> {
	const notice = messages.run.notice;
	if (identity.kind === 'root') return {checked: false, notice: notice.rootUserPreflight};
	if (!identity.simulatableArn) return {checked: false, notice: notice.preflightNotSimulatable};
	const results: SimulatedResult[] = [];
	try {
		results.push(...(await ports.iam.simulate(identity.simulatableArn, actions, userArn, context)));
		// The same actions on each managed policy: a refusal on any one of them (a second part, a stale policy) counts.
		for (const policyArn of policyArns) results.push(...(await ports.iam.simulate(identity.simulatableArn, managedPolicyActions, policyArn, context)));
		// The account-wide calls (Marketplace, the use-case form), on `*`.
		for (const check of account) results.push(...(await ports.iam.simulate(identity.simulatableArn, check.actions, '*', check.context)));
	} catch (error) {
		return {checked: false, notice: notice.preflightFailed(failureCode(error))};
	}
	// An implicit deny whose conditions needed keys no one can give in advance is "cannot tell", not a refusal.
	const cannotTell = results.filter((result) => result.decision === 'implicitDeny' && (result.missingContext?.length ?? 0) > 0);
	const missing = [...new Set(results.filter((result) => result.decision !== 'allowed' && !cannotTell.includes(result)).map((result) => result.action))];
	if (missing.length > 0) {
		// A guardrail the simulator names (the operator's permissions boundary, the organisation's SCPs) is said as such:
		// the operator's own policy cannot fix it.
		const refusedBy = (guardrail: NonNullable<SimulatedResult['blockedBy']>[number]): string[] => [
			...new Set(results.filter((result) => result.decision !== 'allowed' && result.blockedBy?.includes(guardrail)).map((result) => result.action)),
		];
		const boundary = refusedBy('permissions-boundary');
		const organisation = refusedBy('service-control-policy');
		if (boundary.length + organisation.length > 0) {
			const own = missing.filter((action) => !boundary.includes(action) && !organisation.includes(action));
			throw new Problem('aws-refused', ...messages.problems.aws.preflightGuardrail(identity.arn, {boundary, organisation, own}, userArn));
		}
		throw new Problem('aws-refused', ...messages.problems.aws.preflightMissing(identity.arn, missing, userArn));
	}
	if (cannotTell.length > 0)
		return {
			checked: true,
			notice: notice.preflightCannotTell(
				[...new Set(cannotTell.map((result) => result.action))],
				[...new Set(cannotTell.flatMap((result) => result.missingContext ?? []))],
			),
		};
	return {checked: true};
}

/**
 * Asks AWS (GetFoundationModelAvailability) about each chosen third-party model before anything is made, so
 * a missing subscription is a question at the review, not a failed call after the key exists. Operators
 * who may not ask are told; the probes then name a missing subscription if there is one.
 */
async function checkSubscriptions(
	plan: PolicyPlan,
	ports: Pick<AwsPorts, 'agreements'>,
	messages: Messages,
): Promise<Pick<Review, 'subscriptions' | 'subscriptionsNotice' | 'useCaseForm'>> {
	const modelIds = [...new Set(plan.request.targets.flatMap((target) => (target.model?.thirdParty ? [target.model.modelId] : [])))];
	const anthropic = plan.request.targets.some((target) => target.model?.provider === 'Anthropic');
	try {
		const subscriptions = await Promise.all(modelIds.map(async (modelId) => ({modelId, ...(await ports.agreements.availability(modelId))})));
		return {subscriptions, ...(anthropic ? {useCaseForm: await ports.agreements.useCaseForm()} : {})};
	} catch (error) {
		if (!isAwsFailure(error, 'refused')) throw error;
		return {subscriptions: [], subscriptionsNotice: messages.run.notice.subscriptionsUnchecked(failureCode(error))};
	}
}

async function analyze(plan: PolicyPlan, ports: Pick<AwsPorts, 'analyzer'>, messages: Messages): Promise<Review['analyzer']> {
	const unavailable = messages.run.notice.analyzerUnavailable();
	try {
		const findings = await ports.analyzer.validate(plan.compiled.json);
		if (findings === undefined) return {notice: unavailable};
		const denied = plan.denyProbes.flatMap((target) =>
			target.model ? [foundationModelArn(plan.request.targets[0] ? regionOf(plan) : '', target.model.modelId)] : [],
		);
		const accessNotGranted = denied.length > 0 ? await ports.analyzer.checkAccessNotGranted(plan.compiled.json, ['bedrock:InvokeModel'], denied) : undefined;
		return {findings, ...(accessNotGranted ? {accessNotGranted} : {})};
	} catch (error) {
		return {notice: messages.run.notice.analyzerUnavailable(failureCode(error))};
	}
}

const regionOf = (plan: PolicyPlan): string => {
	const target = plan.request.targets[0]!;
	const arn = target.kind === 'foundation-model' ? target.modelArn : target.profileArn;
	return arn.split(':')[3] ?? '';
};

/** The Review's word on the chosen models' AWS Marketplace agreements (the same lines in every front end). */
export function subscriptionLines(review: Pick<Review, 'subscriptions' | 'subscriptionsNotice' | 'useCaseForm'>, messages: Messages): string[] {
	const t = messages.create.subscription;
	const lines: string[] = [];
	const needed = review.subscriptions.filter(needsSubscription);
	const pending = review.subscriptions.filter((subscription) => subscription.status === 'PENDING');
	if (needed.length > 0) lines.push(`! ${t.needed(needed.map((subscription) => subscription.modelId))}`);
	for (const failed of needed) if (failed.errorMessage) lines.push(`  ${t.failedBefore(failed.modelId, failed.errorMessage)}`);
	if (pending.length > 0) lines.push(`• ${t.pending(pending.map((subscription) => subscription.modelId))}`);
	if (review.subscriptionsNotice) lines.push(`! ${review.subscriptionsNotice}`);
	if (review.useCaseForm === 'missing') lines.push(`! ${messages.create.useCaseForm.missingLine}`);
	return lines;
}

/** One of the three files a run writes. */
export type KeyFile = 'policy' | 'env' | 'report';
export const keyFiles: readonly KeyFile[] = ['policy', 'env', 'report'];
export type FilePaths = {readonly [K in KeyFile]: string};
/** Whether git would pick a file up (FilesPort.gitStatus). */
export type GitStatus = 'ignored' | 'tracked-or-unignored' | 'not-in-repository';

/**
 * The files of the Review, found before anything is made: the paths in the folder chosen, those of them
 * already there (never overwritten without a question: new name, overwrite, or cancel), a free name for each
 * of those, and whether git would pick up the .env under either name.
 */
export interface PlannedFiles extends FilePaths {
	/** The files of the three already there. */
	readonly existing: readonly KeyFile[];
	/** A free name beside each existing file (`.env.bedrock`, `.env.1`, `policy.1.json`…), for "new name". */
	readonly newNames: {readonly [K in KeyFile]?: string};
	/** What git says of the .env at its path, and at its new name. */
	readonly git: {readonly env: GitStatus; readonly newEnv?: GitStatus};
	/** The clients' configuration files (issue 18), written after the save: asked about with the key's files when there. */
	readonly clients?: readonly PlannedClientFile[];
}

/** A client's configuration file (core/clients/configs.ts) at its full path; when already there, the free name beside it. */
export interface PlannedClientFile {
	readonly path: string;
	readonly exists: boolean;
	readonly newName?: string;
	/** It holds the key (mode 0600). */
	readonly secret?: boolean;
	/** Kept out of git: it holds the key, or it is Claude Code's `.claude/settings.local.json`, git-ignored by its convention. */
	readonly private?: boolean;
	/** What git says of it at its path, and at its new name (for a private file only). */
	readonly git?: GitStatus;
	readonly newGit?: GitStatus;
	/** Merged into the file there (the user's Claude Code settings, a copy kept aside first): never renamed, never asked about as overwritten. */
	readonly merge?: boolean;
}

/** Every planned file already there, full paths: the key's three, then the clients' (the question about them names these); a file merged into is not among them. */
export const existingPaths = (files: PlannedFiles): string[] => [
	...files.existing.map((file) => files[file]),
	...(files.clients ?? []).filter((file) => file.exists && !file.merge).map((file) => file.path),
];

/** The free names beside the key's files already there (what "new name" saves under). */
export const keyFileNewNames = (files: PlannedFiles): string[] => files.existing.flatMap((file) => (files.newNames[file] ? [files.newNames[file]] : []));

/** The free names beside the files already there, in the order of existingPaths. */
export const newNamesOf = (files: PlannedFiles): string[] => [
	...keyFileNewNames(files),
	...(files.clients ?? []).flatMap((file) => (file.exists && !file.merge && file.newName ? [file.newName] : [])),
];

/** Where a client's file is written, given the answer about existing files (overwrite keeps the old one aside first). */
export const clientFileTarget = (file: PlannedClientFile, choice: ExistingFilesChoice | undefined): string =>
	file.exists && !file.merge && choice === 'new-name' && file.newName ? file.newName : file.path;

/**
 * The files the run writes that git would pick up and that should stay out of it, at the paths they are
 * written to: the .env, and the clients' private files (the key inside, or Claude Code's settings.local.json).
 * The question about .gitignore names these, and its yes adds each (FilesPort.ignoreInGit).
 */
export function filesGitWouldPickUp(files: PlannedFiles, choice: ExistingFilesChoice | undefined): string[] {
	const env = envGitStatus(files, choice) === 'tracked-or-unignored' ? [filesToWrite(files, choice).env] : [];
	const clients = (files.clients ?? []).filter((file) => {
		if (!file.private) return false;
		const renamed = clientFileTarget(file, choice) !== file.path;
		return (renamed ? (file.newGit ?? file.git) : file.git) === 'tracked-or-unignored';
	});
	return [...env, ...clients.map((file) => clientFileTarget(file, choice))];
}

/** What to do with files already there: `new-name` writes beside them, `overwrite` replaces them (a .env kept aside first). */
export type ExistingFilesChoice = 'new-name' | 'overwrite';

/** The paths the save step writes, given the answer about existing files (unanswered: the planned paths, as headless with --yes). */
export function filesToWrite(files: PlannedFiles, choice: ExistingFilesChoice | undefined): FilePaths {
	const pick = (file: KeyFile): string => (choice === 'new-name' ? (files.newNames[file] ?? files[file]) : files[file]);
	return {policy: pick('policy'), env: pick('env'), report: pick('report')};
}

/** Whether git would pick up the .env the save step writes. */
export const envGitStatus = (files: PlannedFiles, choice: ExistingFilesChoice | undefined): GitStatus =>
	choice === 'new-name' && files.newNames.env ? (files.git.newEnv ?? files.git.env) : files.git.env;

/**
 * The Review's list of the files the run will write (the same lines in every front end): once the question
 * about existing files is answered, the paths it chose; before, each existing one flagged, with a warning line.
 */
export function fileLines(review: Pick<Review, 'files'>, messages: Messages, choice?: ExistingFilesChoice): string[] {
	const files = review.files;
	if (!files) return [];
	const t = messages.create.files;
	const paths = filesToWrite(files, choice);
	// A file written at `shown`; when `planned` is already there, what becomes of it.
	const entry = (shown: string, planned: string, exists: boolean): string => {
		if (!exists) return `  ${shown}`;
		if (choice === 'new-name') return `  ${shown} ${t.besides(planned)}`;
		return `  ${shown} ${choice === 'overwrite' ? t.replaces : t.exists}`;
	};
	const line = (file: KeyFile): string => entry(file === 'env' ? t.env(paths.env) : paths[file], files[file], files.existing.includes(file));
	const clientLine = (file: PlannedClientFile): string => {
		const shown = clientFileTarget(file, choice);
		const notes = [
			...(file.merge ? [file.exists ? t.merged : t.created] : []),
			...(file.secret ? [t.secret] : []),
			...(file.private && file.git === 'ignored' && shown === file.path ? [t.gitIgnored] : []),
		];
		return file.merge
			? `  ${shown}${notes.map((note) => ` ${note}`).join('')}`
			: `${entry(shown, file.path, file.exists)}${notes.map((note) => ` ${note}`).join('')}`;
	};
	const existing = existingPaths(files);
	const warnings = [
		...(existing.length > 0 && choice === undefined ? [`! ${t.existing(existing)}`] : []),
		...filesGitWouldPickUp(files, choice).map((path) => {
			const local = files.clients?.find((file) => clientFileTarget(file, choice) === path && !file.secret);
			return `! ${local ? t.localUnignored(path) : t.gitUnignored(path)}`;
		}),
	];
	return [t.heading, ...keyFiles.map(line), ...(files.clients ?? []).map(clientLine), ...warnings];
}

/**
 * What the end of a run says of the keys' lifetimes: when a short-term key stops working (in the person's
 * zone and in UTC), and that an access key made beside it is permanent until deleted, with the command.
 */
export function keyLifetimeLines(applied: AppliedKeys, userName: string, messages: Messages): string[] {
	const t = messages.create.lifetime;
	const lines: string[] = [];
	if (applied.shortTermKey) lines.push(t.shortTermExpires(applied.shortTermKey.expiresAt));
	if (applied.accessKey) lines.push(t.accessKeyPermanent(applied.accessKey.accessKeyId, userName, Boolean(applied.shortTermKey)));
	return lines;
}

/** Said at the end of a run whose key is not in AWS (the built-in sandbox, another endpoint): where it lives. */
export function targetNotice(target: ReportTarget | undefined, messages: Messages): string | undefined {
	if (!target || target.kind === 'aws') return undefined;
	return target.kind === 'sandbox' ? messages.create.target.sandbox(target.endpoint) : messages.create.target.endpoint(target.endpoint);
}
