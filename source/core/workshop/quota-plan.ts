/**
 * Quotas planned before class (docs/aws-facts.md, 'Quotas'): for each model of the workshop, the Service
 * Quotas that govern it on bedrock-runtime (tokens and requests per minute, on-demand or cross-Region as the
 * id is called, and tokens per day), what the class needs at the expected per-seat rate, and the headroom.
 * Pure: the quotas come in as read from Service Quotas.
 */
import type {CatalogModel} from '../catalog/index.js';
import {parseModelIdentifier} from '../catalog/model-identifier.js';

export type QuotaMeasure = 'tokens-per-minute' | 'requests-per-minute' | 'tokens-per-day';

export interface SeatRate {
	/** Requests a participant sends per minute at the busiest moment. */
	readonly requestsPerMinute: number;
	readonly inputTokens: number;
	readonly outputTokens: number;
	/** Hours of class in a day (the tokens-per-day need). */
	readonly hours: number;
}

export const DEFAULT_SEAT_RATE: SeatRate = {requestsPerMinute: 2, inputTokens: 1000, outputTokens: 500, hours: 8};

/** How AWS names a model in a quota: provider and name ("Anthropic Claude Haiku 4.5"). */
export const quotaModelName = (model: Pick<CatalogModel, 'provider' | 'name'>): string =>
	model.name.toLowerCase().startsWith(model.provider.toLowerCase()) ? model.name : `${model.provider} ${model.name}`;

/** Output tokens count this many times against the tokens quotas: 5 for Claude 3.7 and the Claude 4 family (the burndown rate), else 1. */
export function burndownOf(model: Pick<CatalogModel, 'provider' | 'modelId'>): number {
	if (model.provider !== 'Anthropic') return 1;
	return /claude-(3-7|(opus|sonnet|haiku)-4|4)/.test(model.modelId) ? 5 : 1;
}

/** The quota's name as Service Quotas lists it. */
export function quotaName(measure: QuotaMeasure, crossRegion: boolean, model: Pick<CatalogModel, 'provider' | 'name'>): string {
	const how = crossRegion ? 'Cross-Region' : 'On-demand';
	const title =
		measure === 'tokens-per-minute'
			? `${how} InvokeModel tokens per minute`
			: measure === 'requests-per-minute'
				? `${how} InvokeModel requests per minute`
				: 'Model invocation max tokens per day';
	return `${title} for ${quotaModelName(model)}`;
}

export interface QuotaRow {
	readonly requestedId: string;
	readonly modelName: string;
	readonly measure: QuotaMeasure;
	readonly crossRegion: boolean;
	readonly quotaName: string;
	/** Undefined when Service Quotas has no quota of that name (AWS may name it otherwise: said so). */
	readonly quotaCode?: string;
	readonly value?: number;
	readonly adjustable?: boolean;
	readonly need: number;
	readonly headroom?: number;
	readonly verdict: 'ok' | 'short' | 'unknown';
	readonly burndown: number;
}

export interface QuotaPlan {
	readonly seats: number;
	readonly rate: SeatRate;
	readonly rows: readonly QuotaRow[];
	/** Models not planned (not text models: their quotas have other names). */
	readonly skipped: readonly string[];
	readonly verdict: 'ok' | 'short' | 'unknown';
}

export function planQuotas(
	input: {
		readonly seats: number;
		readonly rate: SeatRate;
		readonly models: ReadonlyArray<{readonly requestedId: string; readonly model?: CatalogModel}>;
	},
	quotas: ReadonlyArray<{readonly code: string; readonly name: string; readonly value: number; readonly adjustable: boolean}>,
): QuotaPlan {
	const rows: QuotaRow[] = [];
	const skipped: string[] = [];
	const byName = new Map(quotas.map((quota) => [quota.name.toLowerCase(), quota]));
	for (const {requestedId, model} of input.models) {
		if (!model || model.kind !== 'chat') {
			skipped.push(requestedId);
			continue;
		}
		const crossRegion = parseModelIdentifier(requestedId).kind === 'inference-profile';
		const burndown = burndownOf(model);
		const requests = input.seats * input.rate.requestsPerMinute;
		const tokensPerMinute = requests * (input.rate.inputTokens + input.rate.outputTokens * burndown);
		const needs: ReadonlyArray<[QuotaMeasure, number]> = [
			['tokens-per-minute', tokensPerMinute],
			['requests-per-minute', requests],
			['tokens-per-day', tokensPerMinute * 60 * input.rate.hours],
		];
		for (const [measure, need] of needs) {
			const name = quotaName(measure, crossRegion, model);
			const quota = byName.get(name.toLowerCase());
			// AWS no longer enforces requests-per-minute quotas on bedrock-runtime (docs/aws-facts.md, 'Quotas'):
			// one Service Quotas does not list is not a gap in the plan.
			if (!quota && measure === 'requests-per-minute') continue;
			rows.push({
				requestedId,
				modelName: quotaModelName(model),
				measure,
				crossRegion,
				quotaName: name,
				need: Math.ceil(need),
				burndown,
				...(quota
					? {
							quotaCode: quota.code,
							value: quota.value,
							adjustable: quota.adjustable,
							headroom: quota.value - Math.ceil(need),
							verdict: quota.value >= need ? ('ok' as const) : ('short' as const),
						}
					: {verdict: 'unknown' as const}),
			});
		}
	}
	const verdict = rows.some((row) => row.verdict === 'short') ? 'short' : rows.some((row) => row.verdict === 'unknown') ? 'unknown' : 'ok';
	return {seats: input.seats, rate: input.rate, rows, skipped, verdict};
}

/** The verdict at a glance: each quota that falls short and by how much, the largest shortfall first. */
export function shortfalls(plan: QuotaPlan): ReadonlyArray<{readonly row: QuotaRow; readonly by: number}> {
	return plan.rows
		.filter((row) => row.verdict === 'short')
		.map((row) => ({row, by: row.need - (row.value ?? 0)}))
		.sort((a, b) => b.by - a.by);
}

/**
 * What to ask AWS for: the tokens-per-minute quotas that fall short (AWS's guide: its support then offers the
 * model's other quotas in the same case), with room for a fifth more than the need.
 */
export function increasesToFile(plan: QuotaPlan): ReadonlyArray<{readonly row: QuotaRow; readonly desiredValue: number}> {
	return plan.rows
		.filter((row) => row.verdict === 'short' && row.measure === 'tokens-per-minute' && row.quotaCode && row.adjustable)
		.map((row) => ({row, desiredValue: Math.ceil((row.need * 1.2) / 1000) * 1000}));
}
