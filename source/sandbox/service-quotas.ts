/**
 * Service Quotas for Amazon Bedrock (service code `bedrock`), as AWS shapes them (docs/aws-facts.md,
 * 'Quotas'): per chat model, "On-demand InvokeModel tokens per minute for <model>", "Cross-Region InvokeModel
 * tokens per minute for <model>", the two "requests per minute" and "Model invocation max tokens per day for
 * <model>". The AWS JSON 1.1 protocol (`X-Amz-Target: ServiceQuotasV20190624.<Operation>`), signed for
 * `servicequotas`: ListServiceQuotas, GetServiceQuota, RequestServiceQuotaIncrease (recorded PENDING: an
 * increase is never automatic) and ListRequestedServiceQuotaChangeHistory.
 *
 * The runtime's Converse, ConverseStream and InvokeModel(WithResponseStream) charge their input tokens to the
 * model's tokens-per-minute quota (cross-Region through a profile, else on-demand), and Converse its output
 * tokens too (Claude 3.7 and later count them 5 times, the burndown rate); a call past the quota is refused
 * with AWS's ThrottlingException, "Too many tokens, please wait before trying again.". The compatible
 * surfaces and Mantle are not charged (docs/architecture.md, 'The sandbox').
 * Values are set with `POST /_sandbox/quotas` (admin-route.ts) or `RunningSandbox.quotas.set`.
 */
import {randomUUID} from 'node:crypto';
import type {Catalog, CatalogModel} from '../core/catalog/index.js';
import {AwsServiceError, type HandlerContext, type SandboxHttpRequest, type ServiceRouter} from './contracts.js';
import {jsonResponse} from './bedrock/rest-json.js';
import {burndownOf, quotaModelName} from '../core/workshop/quota-plan.js';

export {burndownOf};

export const SERVICE_QUOTAS_TARGET = 'ServiceQuotasV20190624';

export type QuotaKind = 'on-demand-tpm' | 'cross-region-tpm' | 'on-demand-rpm' | 'cross-region-rpm' | 'tokens-per-day';

export interface SandboxQuota {
	readonly code: string;
	readonly name: string;
	readonly kind: QuotaKind;
	readonly modelId: string;
	value: number;
}

export interface QuotaRequest {
	readonly id: string;
	readonly caseId: string;
	readonly quota: SandboxQuota;
	readonly desiredValue: number;
	readonly created: Date;
	readonly requester: string;
	status: 'PENDING' | 'CASE_OPENED' | 'APPROVED' | 'DENIED';
}

/** The sandbox account's defaults (AWS's vary by account, model and Region; new accounts may have less, even 0). */
const DEFAULTS: Readonly<Record<QuotaKind, number>> = {
	'on-demand-tpm': 200_000,
	'cross-region-tpm': 400_000,
	'on-demand-rpm': 200,
	'cross-region-rpm': 400,
	'tokens-per-day': 400_000 * 1440,
};

const TITLES: Readonly<Record<QuotaKind, string>> = {
	'on-demand-tpm': 'On-demand InvokeModel tokens per minute',
	'cross-region-tpm': 'Cross-Region InvokeModel tokens per minute',
	'on-demand-rpm': 'On-demand InvokeModel requests per minute',
	'cross-region-rpm': 'Cross-Region InvokeModel requests per minute',
	'tokens-per-day': 'Model invocation max tokens per day',
};

/** A quota code of AWS's shape (`L-` and 8 hex digits), the same for the same name every time. */
function quotaCode(name: string): string {
	let hash = 0x811c9dc5;
	for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
	return `L-${hash.toString(16).toUpperCase().padStart(8, '0')}`;
}

export class QuotaBook {
	readonly #quotas = new Map<string, SandboxQuota>();
	readonly #byModel = new Map<string, Map<QuotaKind, SandboxQuota>>();
	readonly #requests: QuotaRequest[] = [];
	/** Tokens charged per tokens-per-minute quota, in one-second buckets (constant work per call at any rate). */
	readonly #used = new Map<string, MinuteWindow>();

	constructor(catalog: Catalog) {
		for (const model of catalog.models) {
			if (model.kind !== 'chat') continue;
			const kinds = new Map<QuotaKind, SandboxQuota>();
			for (const kind of Object.keys(TITLES) as QuotaKind[]) {
				const name = `${TITLES[kind]} for ${quotaModelName(model)}`;
				// Two catalog entries of one name (versions) share the quota, as AWS's names do.
				const quota = this.#quotas.get(quotaCode(name)) ?? {code: quotaCode(name), name, kind, modelId: model.modelId, value: DEFAULTS[kind]};
				this.#quotas.set(quota.code, quota);
				kinds.set(kind, quota);
			}
			this.#byModel.set(model.modelId, kinds);
		}
	}

	list(): readonly SandboxQuota[] {
		return [...this.#quotas.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	get(code: string): SandboxQuota | undefined {
		return this.#quotas.get(code);
	}

	/** The quota of one kind for a model (by its id). */
	of(modelId: string, kind: QuotaKind): SandboxQuota | undefined {
		return this.#byModel.get(modelId)?.get(kind);
	}

	/** Sets a quota's value, found by code, name, or model id and kind. Returns it, or undefined. */
	set(
		selector: {readonly code?: string; readonly name?: string; readonly modelId?: string; readonly kind?: QuotaKind},
		value: number,
	): SandboxQuota | undefined {
		const quota = selector.code
			? this.#quotas.get(selector.code)
			: selector.name
				? [...this.#quotas.values()].find((entry) => entry.name === selector.name)
				: selector.modelId && selector.kind
					? this.of(selector.modelId, selector.kind)
					: undefined;
		if (quota) quota.value = value;
		return quota;
	}

	request(quota: SandboxQuota, desiredValue: number, requester: string, now: Date): QuotaRequest {
		const request: QuotaRequest = {
			id: randomUUID().replace(/-/g, ''),
			caseId: String(10_000_000_000 + this.#requests.length),
			quota,
			desiredValue,
			created: now,
			requester,
			status: 'PENDING',
		};
		this.#requests.push(request);
		return request;
	}

	requests(): readonly QuotaRequest[] {
		return this.#requests;
	}

	/**
	 * A runtime call's tokens against its model's tokens-per-minute quota: throws AWS's ThrottlingException when
	 * the last minute's tokens have reached it, else charges `tokens`.
	 */
	charge(model: CatalogModel, crossRegion: boolean, tokens: number, now: Date): void {
		const quota = this.of(model.modelId, crossRegion ? 'cross-region-tpm' : 'on-demand-tpm');
		if (!quota) return;
		const window = this.#windowOf(quota.code);
		if (window.total(now.getTime()) + tokens > quota.value)
			throw new AwsServiceError('ThrottlingException', 'Too many tokens, please wait before trying again.', 429);
		window.add(now.getTime(), tokens);
	}

	/** Tokens already served (a reply's output), charged without a check. */
	record(model: CatalogModel, crossRegion: boolean, tokens: number, now: Date): void {
		const quota = this.of(model.modelId, crossRegion ? 'cross-region-tpm' : 'on-demand-tpm');
		if (quota) this.#windowOf(quota.code).add(now.getTime(), tokens);
	}

	#windowOf(code: string): MinuteWindow {
		let window = this.#used.get(code);
		if (!window) this.#used.set(code, (window = new MinuteWindow()));
		return window;
	}
}

/**
 * The tokens of the last minute, counted in 60 one-second buckets: a call costs the same whatever the rate
 * (a list of every call's tokens, filtered on each call, took the sandbox from 2,000 calls/s to 230).
 */
class MinuteWindow {
	readonly #tokens = new Float64Array(60);
	/** The second (since the epoch) each bucket counts. */
	readonly #seconds = new Float64Array(60).fill(-1);

	add(atMs: number, tokens: number): void {
		const second = Math.floor(atMs / 1000);
		const slot = second % 60;
		if (this.#seconds[slot] !== second) {
			this.#seconds[slot] = second;
			this.#tokens[slot] = 0;
		}
		this.#tokens[slot]! += tokens;
	}

	total(atMs: number): number {
		const second = Math.floor(atMs / 1000);
		let sum = 0;
		for (let slot = 0; slot < 60; slot++) if (second - this.#seconds[slot]! < 60) sum += this.#tokens[slot]!;
		return sum;
	}
}

const serviceQuotaJson = (quota: SandboxQuota, context: HandlerContext) => ({
	ServiceCode: 'bedrock',
	ServiceName: 'Amazon Bedrock',
	QuotaArn: `arn:aws:servicequotas:${context.region}:${context.account.accountId}:bedrock/${quota.code}`,
	QuotaCode: quota.code,
	QuotaName: quota.name,
	Value: quota.value,
	Unit: 'None',
	Adjustable: true,
	GlobalQuota: false,
	QuotaAppliedAtLevel: 'ACCOUNT',
});

const requestJson = (request: QuotaRequest, context: HandlerContext) => ({
	Id: request.id,
	CaseId: request.caseId,
	ServiceCode: 'bedrock',
	ServiceName: 'Amazon Bedrock',
	QuotaCode: request.quota.code,
	QuotaName: request.quota.name,
	QuotaArn: serviceQuotaJson(request.quota, context).QuotaArn,
	DesiredValue: request.desiredValue,
	Status: request.status,
	Created: request.created.getTime() / 1000,
	LastUpdated: request.created.getTime() / 1000,
	Requester: request.requester,
	GlobalQuota: false,
	Unit: 'None',
	QuotaRequestedAtLevel: 'ACCOUNT',
});

function input(request: SandboxHttpRequest): Record<string, unknown> {
	try {
		const parsed: unknown = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
	} catch {
		// Falls through to the error below.
	}
	throw new AwsServiceError('SerializationException', 'The request body is not a JSON object.', 400);
}

function requireBedrock(body: Record<string, unknown>): void {
	if (typeof body['ServiceCode'] !== 'string')
		throw new AwsServiceError(
			'ValidationException',
			"1 validation error detected: Value null at 'serviceCode' failed to satisfy constraint: Member must not be null",
			400,
		);
	if (body['ServiceCode'] !== 'bedrock')
		throw new AwsServiceError('NoSuchResourceException', `The request failed because the specified service ${body['ServiceCode']} does not exist.`, 400);
}

function quotaFrom(book: QuotaBook, body: Record<string, unknown>): SandboxQuota {
	requireBedrock(body);
	const code = body['QuotaCode'];
	const quota = typeof code === 'string' ? book.get(code) : undefined;
	if (!quota) throw new AwsServiceError('NoSuchResourceException', `The request failed because the specified quota ${String(code)} does not exist.`, 400);
	return quota;
}

type Operation = (book: QuotaBook, body: Record<string, unknown>, context: HandlerContext) => unknown;

const PAGE = 100;

const operations: Readonly<Record<string, {action: string; run: Operation}>> = {
	ListServiceQuotas: {
		action: 'servicequotas:ListServiceQuotas',
		run(book, body, context) {
			requireBedrock(body);
			const all = book.list().filter((quota) => typeof body['QuotaCode'] !== 'string' || quota.code === body['QuotaCode']);
			const start = typeof body['NextToken'] === 'string' ? Number(body['NextToken']) || 0 : 0;
			const size = typeof body['MaxResults'] === 'number' ? Math.max(1, Math.min(PAGE, body['MaxResults'])) : PAGE;
			const page = all.slice(start, start + size);
			return {Quotas: page.map((quota) => serviceQuotaJson(quota, context)), ...(start + size < all.length ? {NextToken: String(start + size)} : {})};
		},
	},
	GetServiceQuota: {
		action: 'servicequotas:GetServiceQuota',
		run: (book, body, context) => ({Quota: serviceQuotaJson(quotaFrom(book, body), context)}),
	},
	RequestServiceQuotaIncrease: {
		action: 'servicequotas:RequestServiceQuotaIncrease',
		run(book, body, context) {
			const quota = quotaFrom(book, body);
			const desired = body['DesiredValue'];
			if (typeof desired !== 'number' || !Number.isFinite(desired) || desired < 0)
				throw new AwsServiceError('IllegalArgumentException', 'DesiredValue must be a number of at least 0.', 400);
			if (desired <= quota.value)
				throw new AwsServiceError('IllegalArgumentException', `The desired value ${desired} is not greater than the current value ${quota.value}.`, 400);
			if (book.requests().some((request) => request.quota === quota && request.status === 'PENDING'))
				throw new AwsServiceError('ResourceAlreadyExistsException', `A request for quota ${quota.code} is already pending.`, 400);
			return {RequestedQuota: requestJson(book.request(quota, desired, context.caller.arn, context.now), context)};
		},
	},
	ListRequestedServiceQuotaChangeHistory: {
		action: 'servicequotas:ListRequestedServiceQuotaChangeHistory',
		run(book, body, context) {
			if (body['ServiceCode'] !== undefined) requireBedrock(body);
			const status = body['Status'];
			return {
				RequestedQuotas: book
					.requests()
					.filter((request) => typeof status !== 'string' || request.status === status)
					.map((request) => requestJson(request, context)),
			};
		},
	},
};

export function createServiceQuotasRouter(book: QuotaBook): ServiceRouter {
	return (request) => {
		const target = request.headers['x-amz-target'] ?? '';
		const [prefix, name] = target.split('.');
		if (request.method !== 'POST' || prefix !== SERVICE_QUOTAS_TARGET || !name) return undefined;
		const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
		if (!operation) return undefined;
		return {
			operation: name,
			handle: async (context) => {
				const decision = context.authorize(operation.action, '*');
				if (!decision.allowed) throw new AwsServiceError('AccessDeniedException', decision.message ?? 'Access denied', 400);
				return jsonResponse(context, operation.run(book, input(request), context));
			},
		};
	};
}
