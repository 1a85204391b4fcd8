/**
 * "Tighten": the least-privilege policy for what the key is expected to call, proven not broader than
 * what the user holds now (Access Analyzer CheckNoNewAccess against the user's current policies merged
 * into one document), then applied: the inline policy put, the broad managed policies detached.
 */
import {awsManagedPolicies} from '../../core/iam/index.js';
import type {Catalog} from '../../core/catalog/types.js';
import type {Messages} from '../../core/i18n/en.js';
import {planPolicy, type PolicyPlan} from '../../core/policy/index.js';
import {INLINE_POLICY_NAME} from '../create/review.js';
import type {AttachedPolicy, AnalyzerPort, IamPort} from '../ports.js';
import type {UserInspection} from './inspect-user.js';

export interface TightenProposal {
	readonly plan: PolicyPlan;
	readonly modelIds: readonly string[];
	readonly detach: readonly AttachedPolicy[];
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

export async function proposeTightening(input: TightenInput, analyzer: AnalyzerPort, messages: Messages): Promise<TightenProposal> {
	const plan = planPolicy(
		{
			catalog: input.catalog,
			region: input.region,
			accountId: input.accountId,
			modelIds: input.modelIds,
			apiKeyTypes: input.tokenType ? [input.tokenType] : [],
			streaming: input.streaming,
			guardrail: true,
		},
		messages,
	);
	const {document, notCompared} = currentGrants(input.user);
	// The port answers undefined where Access Analyzer is expected to be missing (not permitted to these
	// credentials, not offered by the endpoint or in the Region): the front ends then say the offline
	// evaluator checked the policy instead. Anything else (AWS failing, throttling that outlasted the
	// retries, a malformed request) is a real failure and surfaces: never a proof silently skipped.
	const noNewAccess = await analyzer.checkNoNewAccess(plan.compiled.json, document);
	return {plan, modelIds: input.modelIds, detach: input.user.broad, ...(noNewAccess ? {noNewAccess} : {}), notCompared};
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
		const known = awsManagedPolicies.find((managed) => managed.arn === policy.arn);
		if (known) add(policy.name, known.document);
		else notCompared.push(policy.name);
	}
	return {document: JSON.stringify({Version: '2012-10-17', Statement: statements}), notCompared};
}

export async function applyTightening(iam: IamPort, userName: string, proposal: TightenProposal): Promise<void> {
	await iam.putUserPolicy(userName, INLINE_POLICY_NAME, proposal.plan.compiled.json);
	for (const policy of proposal.detach) await iam.detachPolicy(userName, policy.arn);
}
