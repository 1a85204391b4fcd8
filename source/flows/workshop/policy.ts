/**
 * The one policy every seat of a workshop gets: planned like create's (checked offline before use), and
 * placed like create's (core/policy/placement.ts): `auto` (the default) is inline when it fits in a seat's
 * 2,048 characters, else customer managed policies shared by every seat.
 */
import type {Messages} from '../../core/i18n/en.js';
import {planPolicy, type PolicyPlan, type PolicyType} from '../../core/policy/index.js';
import type {AwsPorts} from '../ports.js';

export interface WorkshopPolicy {
	readonly plan: PolicyPlan;
	readonly accountId: string;
	readonly catalogFallback?: string;
}

export async function planWorkshopPolicy(
	ports: Pick<AwsPorts, 'identity' | 'catalog'>,
	request: {
		readonly region: string;
		readonly modelIds: readonly string[];
		readonly expiresAt: string;
		readonly denyProbeIds?: readonly string[];
		readonly policyType?: PolicyType;
	},
	messages: Messages,
): Promise<WorkshopPolicy> {
	const [identity, load] = await Promise.all([ports.identity.whoAmI(), ports.catalog.load(request.region)]);
	const plan = planPolicy(
		{
			catalog: load.catalog,
			region: request.region,
			accountId: identity.accountId,
			modelIds: request.modelIds,
			apiKeyTypes: ['LONG_TERM'],
			streaming: true,
			guardrail: true,
			expiresAt: request.expiresAt,
			policyType: request.policyType ?? 'auto',
			...(request.denyProbeIds?.length ? {denyProbeIds: request.denyProbeIds} : {}),
		},
		messages,
	);
	return {plan, accountId: identity.accountId, ...(load.fallbackReason ? {catalogFallback: load.fallbackReason} : {})};
}
