/**
 * "Tighten": the least-privilege policy for what the key is expected to call, proven not broader than
 * what the user holds now (Access Analyzer CheckNoNewAccess against the user's current policies merged
 * into one document), then applied as create applies it: inline when it fits beside the user's other
 * inline policies, else our customer managed policy (a new default version when it exists), the broad
 * managed policies detached; every change journaled, and undone if a later one fails.
 */
import {awsManagedPolicies} from '../../core/iam/index.js';
import type {Catalog} from '../../core/catalog/types.js';
import type {Messages} from '../../core/i18n/en.js';
import {INLINE_USER_POLICY_LIMIT} from '../../core/policy/compile.js';
import {planPolicy, type PolicyPlan} from '../../core/policy/index.js';
import {applyPlan, deleteStaleManagedPolicies, rollback, type JournalEntry, type RollbackOutcome} from '../create/apply.js';
import {CREATED_TAG, INLINE_POLICY_NAME, MANAGED_TAG, managedParts, policySize, staleManagedPolicies, type ManagedPart} from '../create/review.js';
import type {AttachedPolicy, AnalyzerPort, IamPort} from '../ports.js';
import type {UserInspection} from './inspect-user.js';

export interface TightenProposal {
	readonly plan: PolicyPlan;
	readonly modelIds: readonly string[];
	readonly detach: readonly AttachedPolicy[];
	/** The customer managed policies made or updated, when the policy does not fit inline. */
	readonly managed?: readonly ManagedPart[];
	/** Our managed policies for this user that the new placement no longer uses (detached, then deleted). */
	readonly staleManaged: readonly AttachedPolicy[];
	/** Our inline policy as it is now (restored if the apply is undone). */
	readonly previousPolicy?: string;
	/** undefined when Access Analyzer was not available. */
	readonly noNewAccess?: 'PASS' | 'FAIL';
	/** Attached policies whose documents this tool does not know, so they were left out of the comparison. */
	readonly notCompared: readonly string[];
}

export interface TightenInput {
	readonly catalog: Catalog;
	readonly region: string;
	readonly accountId: string;
	readonly modelIds: readonly string[];
	readonly tokenType: 'LONG_TERM' | 'SHORT_TERM' | undefined;
	readonly streaming: boolean;
	readonly user: UserInspection;
}

export async function proposeTightening(
	input: TightenInput,
	ports: {readonly analyzer: AnalyzerPort; readonly iam: Pick<IamPort, 'getManagedPolicy' | 'listPolicyVersions'>},
	messages: Messages,
): Promise<TightenProposal> {
	const {user} = input;
	const ownInline = user.inline.find((policy) => policy.name === INLINE_POLICY_NAME);
	// The user's other inline policies share IAM's 2,048 characters with ours.
	const othersSize = user.inline.filter((policy) => policy !== ownInline).reduce((total, policy) => total + policySize(policy.document), 0);
	const plan = planPolicy(
		{
			catalog: input.catalog,
			region: input.region,
			accountId: input.accountId,
			modelIds: input.modelIds,
			apiKeyTypes: input.tokenType ? [input.tokenType] : [],
			streaming: input.streaming,
			guardrail: true,
			policyType: 'auto',
			inlineBudget: Math.max(0, INLINE_USER_POLICY_LIMIT - othersSize),
		},
		messages,
	);
	const managed = plan.placement.kind === 'managed' ? await managedParts(plan, user.userName, input.accountId, user.attached, ports) : undefined;
	const staleManaged = staleManagedPolicies(input.accountId, user.userName, user.attached, managed);
	const {document, notCompared} = currentGrants(user);
	// The port answers undefined where Access Analyzer is expected to be missing (not permitted to these
	// credentials, not offered by the endpoint or in the Region): the front ends then say the offline
	// evaluator checked the policy instead. Anything else (AWS failing, throttling that outlasted the
	// retries, a malformed request) is a real failure and surfaces: never a proof silently skipped.
	const noNewAccess = await ports.analyzer.checkNoNewAccess(plan.compiled.json, document);
	return {
		plan,
		modelIds: input.modelIds,
		detach: user.broad,
		...(managed ? {managed} : {}),
		staleManaged,
		...(ownInline ? {previousPolicy: ownInline.document} : {}),
		...(noNewAccess ? {noNewAccess} : {}),
		notCompared,
	};
}

/** The user's inline and known managed policies as one document: IAM evaluates all their statements together. */
export function currentGrants(user: UserInspection): {document: string; notCompared: readonly string[]} {
	const statements: unknown[] = [];
	const notCompared: string[] = [];
	const add = (source: string, document: unknown): void => {
		const list = (document as {Statement?: unknown})?.Statement;
		([] as unknown[]).concat(list ?? []).forEach((statement, index) => {
			const copy = {...(statement as Record<string, unknown>)};
			// Sids must be unique in one document; keep them traceable to their policy.
			copy['Sid'] = `${source.replace(/[^A-Za-z0-9]/g, '')}${index}`;
			statements.push(copy);
		});
	};
	for (const policy of user.inline) {
		try {
			add(`Inline${policy.name}`, JSON.parse(policy.document));
		} catch {
			notCompared.push(policy.name);
		}
	}
	for (const policy of user.attached) {
		const known = awsManagedPolicies.find((managed) => managed.arn === policy.arn)?.document;
		const customer = user.customerManaged.find((managed) => managed.arn === policy.arn)?.document;
		let document: unknown = known;
		try {
			document ??= customer === undefined ? undefined : JSON.parse(customer);
		} catch {
			document = undefined;
		}
		if (document !== undefined) add(policy.name, document);
		else notCompared.push(policy.name);
	}
	return {document: JSON.stringify({Version: '2012-10-17', Statement: statements}), notCompared};
}

export interface TightenOutcome {
	/** Set when a step failed: what was undone, and what could not be. */
	readonly rollback?: RollbackOutcome;
}

/**
 * Applies the proposal with create's journal (flows/create/apply.ts): on a failure every change made so
 * far is undone, newest first, and the failure is thrown with `rollback` attached to the outcome given.
 */
export async function applyTightening(
	iam: IamPort,
	user: UserInspection,
	proposal: TightenProposal,
	context: {readonly now: () => Date; readonly region: string; readonly onRollback?: (outcome: RollbackOutcome) => void},
): Promise<void> {
	const journal: JournalEntry[] = [];
	try {
		await applyPlan(
			{
				userName: user.userName,
				existingUser: true,
				tags: {[MANAGED_TAG]: 'true', [CREATED_TAG]: context.now().toISOString()},
				policyName: INLINE_POLICY_NAME,
				policyJson: proposal.plan.compiled.json,
				...(proposal.previousPolicy !== undefined ? {previousPolicy: proposal.previousPolicy} : {}),
				...(proposal.managed ? {managed: proposal.managed} : {}),
				detach: [...proposal.detach, ...proposal.staleManaged],
				keys: [],
				shortTermSeconds: 0,
				region: context.region,
			},
			{iam, journal, now: context.now},
		);
	} catch (error) {
		context.onRollback?.(await rollback(journal, iam));
		throw error;
	}
	await deleteStaleManagedPolicies(proposal.staleManaged, iam);
}
