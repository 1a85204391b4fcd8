/**
 * The four Bedrock Runtime operations: resolve the target, authorize it as IAM does, apply the catalog's
 * rules, then answer deterministically. Errors are thrown as AwsServiceError for the platform to render.
 */
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {jsonResponse} from '../bedrock/rest-json.js';
import {authorizeInvocation, type RuntimeOperation} from './authorize-invocation.js';
import {encodeEvent, eventStreamContentType} from './event-stream.js';
import {admitInvocation, type ModelAccessOptions} from './model-access.js';
import {resolveInvocation} from './resolve-target.js';
import {invokeChatResponse, invokeChatStreamChunks} from './replies/chat-families.js';
import {converseResponse, converseStreamFrames} from './replies/converse.js';
import {invokeEmbeddingResponse} from './replies/embedding-bodies.js';
import {invokeImageResponse} from './replies/image-bodies.js';
import {invokeRerankResponse} from './replies/rerank-bodies.js';
import {burndownOf, type QuotaBook} from '../service-quotas.js';
import {collectText, countTokens} from './tokens.js';

export interface RuntimeSettings extends ModelAccessOptions {
	readonly catalog: Catalog;
	/** The account's tokens-per-minute quotas (service-quotas.ts): a call past its model's is throttled. */
	readonly quotas?: QuotaBook;
}

/** The model that answers, and whether a profile routes the call (its tokens count against the cross-Region quota). */
interface Admitted {
	readonly model: CatalogModel;
	readonly crossRegion: boolean;
}

/** Authorizes and admits the call, and charges its input tokens to the model's quota. */
function admit(settings: RuntimeSettings, context: HandlerContext, operation: RuntimeOperation, requestedId: string): Admitted {
	const route = resolveInvocation(settings.catalog, {region: context.region, accountId: context.account.accountId}, requestedId);
	authorizeInvocation(context, operation, route);
	const model = admitInvocation(settings.catalog, context, operation, requestedId, route, settings);
	const crossRegion = route.target.kind === 'profile';
	settings.quotas?.charge(model, crossRegion, inputTokens(context), context.now);
	return {model, crossRegion};
}

function inputTokens(context: HandlerContext): number {
	try {
		return Math.max(1, countTokens(collectText(JSON.parse(context.request.body.toString('utf8')))));
	} catch {
		return 1;
	}
}

/** A Converse answer's output tokens, at the model's burndown rate, after the answer (never refused then). */
function chargeOutput(settings: RuntimeSettings, context: HandlerContext, {model, crossRegion}: Admitted, answer: Record<string, unknown>): void {
	const output = (answer['usage'] as {outputTokens?: number} | undefined)?.outputTokens ?? 0;
	if (output > 0) settings.quotas?.record(model, crossRegion, output * burndownOf(model), context.now);
}

function eventStreamResponse(context: HandlerContext, frames: readonly Buffer[], extraHeaders: Readonly<Record<string, string>> = {}): SandboxResponse {
	return {
		status: 200,
		headers: {'content-type': eventStreamContentType, 'x-amzn-requestid': context.requestId, ...extraHeaders},
		frames,
	};
}

function nativeResponse(model: CatalogModel, body: Buffer, now: Date): Record<string, unknown> {
	switch (model.kind) {
		case 'embedding':
			return invokeEmbeddingResponse(model, body);
		case 'image':
			return invokeImageResponse(model, body);
		case 'rerank':
			return invokeRerankResponse(model, body);
		default:
			return invokeChatResponse(model, body, now);
	}
}

export type RuntimeHandler = (settings: RuntimeSettings, context: HandlerContext, requestedId: string) => Promise<SandboxResponse>;

export const runtimeHandlers: Readonly<Record<RuntimeOperation, RuntimeHandler>> = {
	async Converse(settings, context, requestedId) {
		const admitted = admit(settings, context, 'Converse', requestedId);
		const answer = converseResponse(admitted.model, context.request.body);
		chargeOutput(settings, context, admitted, answer);
		return jsonResponse(context, answer);
	},
	async ConverseStream(settings, context, requestedId) {
		const {model} = admit(settings, context, 'ConverseStream', requestedId);
		return eventStreamResponse(context, converseStreamFrames(model, context.request.body));
	},
	async InvokeModel(settings, context, requestedId) {
		const {model} = admit(settings, context, 'InvokeModel', requestedId);
		return jsonResponse(context, nativeResponse(model, context.request.body, context.now));
	},
	async InvokeModelWithResponseStream(settings, context, requestedId) {
		const {model} = admit(settings, context, 'InvokeModelWithResponseStream', requestedId);
		const chunks = invokeChatStreamChunks(model, context.request.body, context.now);
		const frames = chunks.map((chunk) => encodeEvent('chunk', {bytes: Buffer.from(JSON.stringify(chunk)).toString('base64')}));
		// The SDK reads the output's `contentType` from this header.
		return eventStreamResponse(context, frames, {'x-amzn-bedrock-content-type': 'application/json'});
	},
};
