/**
 * Service Quotas for Amazon Bedrock (service code `bedrock`), as AWS shapes them (docs/aws-facts.md,
 * 'Quotas'): per chat model, "On-demand InvokeModel tokens per minute for <model>", "Cross-Region InvokeModel
 * tokens per minute for <model>", the two "requests per minute", "Model invocation max tokens per day for
 * <model>", and the Mantle endpoint's own "Bedrock Mantle input tokens per minute for <model>" and "Bedrock
 * Mantle output tokens per minute for <model>". The AWS JSON 1.1 protocol (`X-Amz-Target:
 * ServiceQuotasV20190624.<Operation>`), signed for `servicequotas`: ListServiceQuotas, GetServiceQuota,
 * RequestServiceQuotaIncrease (recorded PENDING: an increase is never automatic) and
 * ListRequestedServiceQuotaChangeHistory.
 *
 * Enforcement (`chargeRuntime`, `chargeMantle`): every bedrock-runtime inference (Converse, ConverseStream,
 * InvokeModel, InvokeModelWithResponseStream, and the OpenAI-compatible and Anthropic surfaces, which share
 * the model's quotas) is checked with its input tokens against the model's tokens-per-minute quota
 * (cross-Region through a profile, else on-demand) and its tokens-per-day quota, then charged its input and
 * its output (a streamed reply's too), output at the model's burndown rate. Past a quota the call is refused
 * with AWS's ThrottlingException: "Too many tokens, please wait before trying again." (per minute) or "Too
 * many tokens per day, please wait before trying again.". AWS no longer enforces requests-per-minute quotas
 * on bedrock-runtime; the sandbox lists them and enforces one only once it is set (to rehearse an account
 * that still has one): "Too many requests, please wait before trying again.". Mantle checks its input quota
 * with the input plus `max_tokens`, and refuses while the minute's output has used up its output quota.
 * Values are set with `POST /_sandbox/quotas` (admin-route.ts) or `RunningSandbox.quotas.set`.
 */
import {randomUUID} from 'node:crypto';
import type {Catalog} from '../core/catalog/index.js';
import {AwsServiceError, type HandlerContext, type ServiceRouter} from './contracts.js';
import type {QuotaStateRecord} from './state/model.js';
import {jsonResponse} from './bedrock/rest-json.js';
import {readJson11Object} from './protocols/rest-json.js';
import {burndownOf, quotaModelName} from '../core/workshop/quota-plan.js';

export {burndownOf};

export const SERVICE_QUOTAS_TARGET = 'ServiceQuotasV20190624';

export type QuotaKind =
	'on-demand-tpm' | 'cross-region-tpm' | 'on-demand-rpm' | 'cross-region-rpm' | 'tokens-per-day' | 'mantle-input-tpm' | 'mantle-output-tpm';

export interface SandboxQuota {
	readonly code: string;
	readonly name: string;
	readonly kind: QuotaKind;
	readonly modelId: string;
	value: number;
	/** Whether the runtime refuses past it: always, but a requests-per-minute quota only once set. */
	enforced: boolean;
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
	'mantle-input-tpm': 400_000,
	'mantle-output-tpm': 80_000,
};

const TITLES: Readonly<Record<QuotaKind, string>> = {
	'on-demand-tpm': 'On-demand InvokeModel tokens per minute',
	'cross-region-tpm': 'Cross-Region InvokeModel tokens per minute',
	'on-demand-rpm': 'On-demand InvokeModel requests per minute',
	'cross-region-rpm': 'Cross-Region InvokeModel requests per minute',
	'tokens-per-day': 'Model invocation max tokens per day',
	'mantle-input-tpm': 'Bedrock Mantle input tokens per minute',
	'mantle-output-tpm': 'Bedrock Mantle output tokens per minute',
};

const isRequestQuota = (kind: QuotaKind): boolean => kind === 'on-demand-rpm' || kind === 'cross-region-rpm';

/** AWS's words past each kind of quota (ThrottlingException, HTTP 429). */
export const THROTTLED = {
	tokens: 'Too many tokens, please wait before trying again.',
	tokensPerDay: 'Too many tokens per day, please wait before trying again.',
	requests: 'Too many requests, please wait before trying again.',
} as const;

const throttled = (message: string): AwsServiceError => new AwsServiceError('ThrottlingException', message, 429);

/** A quota code of AWS's shape (`L-` and 8 hex digits), the same for the same name every time. */
function quotaCode(name: string): string {
	let hash = 0x811c9dc5;
	for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
	return `L-${hash.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** A quota and what has been used of it in its window (shared by the catalog entries that share its name). */
interface Meter {
	readonly quota: SandboxQuota;
	readonly window: SlidingWindow;
}

/** The meters one model's calls go through, looked up once per call. */
interface ModelMeters {
	readonly burndown: number;
	/** [on-demand, cross-Region] */
	readonly tokensPerMinute: readonly [Meter, Meter];
	readonly requestsPerMinute: readonly [Meter, Meter];
	readonly tokensPerDay: Meter;
	readonly mantleInput: Meter;
	readonly mantleOutput: Meter;
}

const MINUTE_MS = 60_000;

export class QuotaBook {
	readonly #quotas = new Map<string, SandboxQuota>();
	readonly #byModel = new Map<string, Map<QuotaKind, SandboxQuota>>();
	readonly #meters = new Map<string, ModelMeters>();
	/** Every quota's meter, by code. */
	readonly #windows = new Map<string, Meter>();
	readonly #requests: QuotaRequest[] = [];
	/** The codes whose value was set (what `--state` keeps). */
	readonly #set = new Set<string>();
	/** Told after a value is set or an increase is requested (index.ts saves the quotas with `--state`). */
	onChange: (() => void) | undefined;

	constructor(catalog: Catalog) {
		const windows = this.#windows;
		for (const model of catalog.models) {
			if (model.kind !== 'chat') continue;
			const kinds = new Map<QuotaKind, SandboxQuota>();
			const meter = (kind: QuotaKind): Meter => {
				const name = `${TITLES[kind]} for ${quotaModelName(model)}`;
				const code = quotaCode(name);
				// Two catalog entries of one name (versions) share the quota and its use, as AWS's names do.
				let found = windows.get(code);
				if (!found) {
					const quota: SandboxQuota = {code, name, kind, modelId: model.modelId, value: DEFAULTS[kind], enforced: !isRequestQuota(kind)};
					// A day in one-minute slots; a minute in one-second slots.
					found = {quota, window: kind === 'tokens-per-day' ? new SlidingWindow(1440, MINUTE_MS) : new SlidingWindow(60, 1000)};
					windows.set(code, found);
					this.#quotas.set(code, quota);
				}
				kinds.set(kind, found.quota);
				return found;
			};
			this.#meters.set(model.modelId, {
				burndown: burndownOf(model),
				tokensPerMinute: [meter('on-demand-tpm'), meter('cross-region-tpm')],
				requestsPerMinute: [meter('on-demand-rpm'), meter('cross-region-rpm')],
				tokensPerDay: meter('tokens-per-day'),
				mantleInput: meter('mantle-input-tpm'),
				mantleOutput: meter('mantle-output-tpm'),
			});
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

	/** Sets a quota's value (and enforces it), found by code, name, or model id and kind. Returns it, or undefined. */
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
		if (quota) {
			quota.value = value;
			quota.enforced = true;
			this.#set.add(quota.code);
			this.onChange?.();
		}
		return quota;
	}

	/** The values set and the requests, as `--state` keeps them (state/model.ts). */
	snapshot(): QuotaStateRecord {
		return {
			values: Object.fromEntries([...this.#set].map((code) => [code, this.#quotas.get(code)!.value])),
			requests: this.#requests.map((request) => ({
				id: request.id,
				caseId: request.caseId,
				code: request.quota.code,
				desiredValue: request.desiredValue,
				created: request.created.toISOString(),
				requester: request.requester,
				status: request.status,
			})),
		};
	}

	/** Puts back what a state file kept (a quota the catalog no longer has is left out). */
	restore(record: QuotaStateRecord): void {
		const onChange = this.onChange;
		this.onChange = undefined;
		for (const [code, value] of Object.entries(record.values)) this.set({code}, value);
		for (const request of record.requests) {
			const quota = this.#quotas.get(request.code);
			if (quota) this.#requests.push({...request, quota, created: new Date(request.created)});
		}
		this.onChange = onChange;
	}

	/** What a quota's window holds at `now`: the tokens (or requests) of the last minute, or day. */
	used(quota: SandboxQuota, now: Date): number {
		return this.#windows.get(quota.code)?.window.total(now.getTime()) ?? 0;
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
		this.onChange?.();
		return request;
	}

	requests(): readonly QuotaRequest[] {
		return this.#requests;
	}

	/**
	 * One bedrock-runtime inference: refused with AWS's ThrottlingException when the minute's requests (an
	 * enforced requests-per-minute quota), the minute's tokens or the day's tokens with this call's input would
	 * pass the model's quota; else charged its input and its output at the burndown rate. A model without
	 * quotas (not a chat model) is not metered.
	 */
	chargeRuntime(modelId: string, crossRegion: boolean, inputTokens: number, outputTokens: number, now: Date): void {
		const meters = this.#meters.get(modelId);
		if (!meters) return;
		const at = now.getTime();
		const lane = crossRegion ? 1 : 0;
		const requests = meters.requestsPerMinute[lane];
		if (requests.quota.enforced && requests.window.total(at) + 1 > requests.quota.value) throw throttled(THROTTLED.requests);
		const minute = meters.tokensPerMinute[lane];
		if (minute.window.total(at) + inputTokens > minute.quota.value) throw throttled(THROTTLED.tokens);
		const day = meters.tokensPerDay;
		if (day.window.total(at) + inputTokens > day.quota.value) throw throttled(THROTTLED.tokensPerDay);
		const tokens = inputTokens + outputTokens * meters.burndown;
		requests.window.add(at, 1);
		minute.window.add(at, tokens);
		day.window.add(at, tokens);
	}

	/**
	 * One Mantle inference (its own quotas, no requests-per-minute one): refused when the input and
	 * `max_tokens` (the reply's output when the request sets none) would pass the input quota, or the minute's
	 * output has used up the output quota; else charged its input and output.
	 */
	chargeMantle(modelId: string, inputTokens: number, maxTokens: number | undefined, outputTokens: number, now: Date): void {
		const meters = this.#meters.get(modelId);
		if (!meters) return;
		const at = now.getTime();
		const input = meters.mantleInput;
		if (input.window.total(at) + inputTokens + (maxTokens ?? outputTokens) > input.quota.value) throw throttled(THROTTLED.tokens);
		const output = meters.mantleOutput;
		if (output.window.total(at) >= output.quota.value) throw throttled(THROTTLED.tokens);
		input.window.add(at, inputTokens);
		output.window.add(at, outputTokens);
	}
}

/**
 * What was used in the last `slots` x `slotMs` milliseconds, in slots with a running total: constant work per
 * call at any rate (a list of every call's tokens, filtered on each call, took the sandbox from 2,000 calls/s
 * to 230). Slots that fall out of the window are subtracted as time moves on.
 */
class SlidingWindow {
	readonly #counts: Float64Array;
	#total = 0;
	/** The slot number (since the epoch) of the newest slot. */
	#head = -1;

	constructor(
		readonly slots: number,
		readonly slotMs: number,
	) {
		this.#counts = new Float64Array(slots);
	}

	#advance(atMs: number): number {
		const slot = Math.floor(atMs / this.slotMs);
		if (slot <= this.#head) return this.#head;
		const stale = Math.min(slot - this.#head, this.slots);
		for (let step = 1; step <= stale; step++) {
			const index = (slot - stale + step) % this.slots;
			this.#total -= this.#counts[index]!;
			this.#counts[index] = 0;
		}
		this.#head = slot;
		return slot;
	}

	add(atMs: number, amount: number): void {
		const slot = this.#advance(atMs);
		this.#counts[slot % this.slots]! += amount;
		this.#total += amount;
	}

	total(atMs: number): number {
		this.#advance(atMs);
		return this.#total;
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
				return jsonResponse(context, operation.run(book, readJson11Object(request), context));
			},
		};
	};
}
