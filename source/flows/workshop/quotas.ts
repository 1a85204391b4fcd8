/**
 * `workshop plan` (and the quota check `workshop create` shows first): the account's Bedrock quotas for the
 * workshop's models against the class's need (core/workshop/quota-plan.ts), and the increase requests filed
 * on confirmation. Increases are never automatic: a filed request stays pending until AWS decides.
 */
import {findModel, findProfile} from '../../core/catalog/index.js';
import {parseModelIdentifier} from '../../core/catalog/model-identifier.js';
import {increasesToFile, planQuotas, type QuotaPlan, type QuotaRow, type SeatRate} from '../../core/workshop/quota-plan.js';
import type {CatalogPort, QuotaIncrease, QuotasPort} from '../ports.js';

export const BEDROCK_SERVICE_CODE = 'bedrock';

export interface QuotaReading {
	readonly region: string;
	readonly plan: QuotaPlan;
	/** Open requests for the short quotas (filed before): not filed again. */
	readonly pending: readonly QuotaIncrease[];
}

export async function readQuotaPlan(
	request: {readonly region: string; readonly seats: number; readonly modelIds: readonly string[]; readonly rate: SeatRate},
	ports: {readonly catalog: CatalogPort; readonly quotas: QuotasPort},
): Promise<QuotaReading> {
	const [{catalog}, quotas, pending] = await Promise.all([
		ports.catalog.load(request.region),
		ports.quotas.list(BEDROCK_SERVICE_CODE),
		ports.quotas.pendingRequests(BEDROCK_SERVICE_CODE),
	]);
	const models = request.modelIds.map((requestedId) => {
		const identifier = parseModelIdentifier(requestedId);
		const modelId =
			identifier.kind === 'foundation-model'
				? identifier.modelId
				: identifier.kind === 'inference-profile'
					? findProfile(catalog, identifier.profileId)?.modelId
					: undefined;
		const model = modelId ? findModel(catalog, modelId) : undefined;
		return {requestedId, ...(model ? {model} : {})};
	});
	return {region: request.region, plan: planQuotas({seats: request.seats, rate: request.rate, models}, quotas), pending};
}

export type IncreaseOutcome =
	| {readonly row: QuotaRow; readonly desiredValue: number; readonly outcome: 'filed'; readonly request: QuotaIncrease}
	| {readonly row: QuotaRow; readonly desiredValue: number; readonly outcome: 'pending'; readonly request: QuotaIncrease}
	| {readonly row: QuotaRow; readonly desiredValue: number; readonly outcome: 'failed'; readonly reason: unknown};

/** The increases the plan calls for, each filed unless one is open already. */
export async function fileQuotaIncreases(reading: QuotaReading, quotas: QuotasPort): Promise<readonly IncreaseOutcome[]> {
	const outcomes: IncreaseOutcome[] = [];
	for (const {row, desiredValue} of increasesToFile(reading.plan)) {
		const open = reading.pending.find((request) => request.quotaCode === row.quotaCode);
		if (open) {
			outcomes.push({row, desiredValue, outcome: 'pending', request: open});
			continue;
		}
		try {
			outcomes.push({row, desiredValue, outcome: 'filed', request: await quotas.requestIncrease(BEDROCK_SERVICE_CODE, row.quotaCode!, desiredValue)});
		} catch (reason) {
			outcomes.push({row, desiredValue, outcome: 'failed', reason});
		}
	}
	return outcomes;
}
