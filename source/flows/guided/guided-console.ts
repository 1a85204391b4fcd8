/**
 * Guided console mode, for people who only have the AWS console: the exact policy to paste (compiled
 * offline from the bundled catalog and the account id they type), then the key they made there is
 * proven with the same live verification as the wizard's own keys.
 */
import type {Catalog} from '../../core/catalog/types.js';
import type {Messages} from '../../core/i18n/en.js';
import {planPolicy, type PolicyPlan} from '../../core/policy/index.js';
import {Secret} from '../../core/secret.js';
import {planProbes, type ProbeSpec} from '../../core/verify/probe-plan.js';
import type {Clock} from '../bounded.js';
import type {ProbePort} from '../ports.js';
import {verifyKey, type VerifyEvent, type VerifyOutcome} from '../verify/verify-key.js';

export const ACCOUNT_ID = /^\d{12}$/;

export interface GuidedPolicyInput {
	readonly catalog: Catalog;
	readonly region: string;
	readonly accountId: string;
	readonly modelIds: readonly string[];
}

/** The console's "Generate API key" makes a long-term key; streaming is allowed, the guardrail is on. */
export function guidedPolicy(input: GuidedPolicyInput, messages: Messages): PolicyPlan {
	return planPolicy(
		{
			catalog: input.catalog,
			region: input.region,
			accountId: input.accountId,
			modelIds: input.modelIds,
			apiKeyTypes: ['LONG_TERM'],
			streaming: true,
			guardrail: true,
		},
		messages,
	);
}

export const guidedProbes = (plan: PolicyPlan): readonly ProbeSpec[] =>
	planProbes({allowed: plan.request.targets, denied: plan.denyProbes, auth: ['api-key'], streaming: true});

export interface PastedKeyCheck {
	readonly token: string;
	readonly plan: PolicyPlan;
	readonly region: string;
	readonly port: ProbePort;
	readonly messages: Messages;
	readonly clock: Clock;
	readonly budgetMs: number;
	readonly onEvent?: (event: VerifyEvent) => void;
	readonly signal?: AbortSignal;
}

export function verifyPastedKey(check: PastedKeyCheck): Promise<VerifyOutcome> {
	// Short-term keys carry their kind in the prefix; the console's long-term keys start with ABSK.
	const tokenType = check.token.startsWith('bedrock-api-key-') ? 'SHORT_TERM' : 'LONG_TERM';
	return verifyKey({
		probes: guidedProbes(check.plan),
		credentials: {'api-key': {type: 'api-key', token: new Secret(check.token.trim()), tokenType}},
		region: check.region,
		port: check.port,
		messages: check.messages,
		clock: check.clock,
		budgetMs: check.budgetMs,
		...(check.onEvent ? {onEvent: check.onEvent} : {}),
		...(check.signal ? {signal: check.signal} : {}),
	});
}
