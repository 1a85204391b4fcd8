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
import type {QuotaBook} from '../service-quotas.js';
import {emptyUsage, type ReplyUsage} from './replies/chat-reply.js';

export interface RuntimeSettings extends ModelAccessOptions {
	readonly catalog: Catalog;
	/** The account's quotas (service-quotas.ts): a call past its model's is throttled. */
	readonly quotas?: QuotaBook;
}

/** The model that answers, and whether a profile routes the call (its tokens count against the cross-Region quota). */
interface Admitted {
	readonly model: CatalogModel;
	readonly crossRegion: boolean;
}

/** Authorizes and admits the call. */
function admit(settings: RuntimeSettings, context: HandlerContext, operation: RuntimeOperation, requestedId: string): Admitted {
	const route = resolveInvocation(settings.catalog, {region: context.region, accountId: context.account.accountId}, requestedId);
	authorizeInvocation(context, operation, route);
	const model = admitInvocation(settings.catalog, context, operation, requestedId, route, settings);
	return {model, crossRegion: route.target.kind === 'profile'};
}

/**
 * The reply's tokens against the model's quotas, once the (deterministic) reply is known and before it is
 * sent: a throttled call sends nothing. A stream's output is charged like a whole answer's. Only chat models
 * fill `used`; the others have no quotas.
 */
function charge(settings: RuntimeSettings, context: HandlerContext, {model, crossRegion}: Admitted, used: ReplyUsage): void {
	if (used.inputTokens > 0) settings.quotas?.chargeRuntime(model.modelId, crossRegion, used.inputTokens, used.outputTokens, context.now);
}

function eventStreamResponse(context: HandlerContext, frames: readonly Buffer[], extraHeaders: Readonly<Record<string, string>> = {}): SandboxResponse {
	return {
		status: 200,
		headers: {'content-type': eventStreamContentType, 'x-amzn-requestid': context.requestId, ...extraHeaders},
		frames,
	};
}

function nativeResponse(model: CatalogModel, body: Buffer, now: Date, used: ReplyUsage): Record<string, unknown> {
	switch (model.kind) {
		case 'embedding':
			return invokeEmbeddingResponse(model, body);
		case 'image':
			return invokeImageResponse(model, body);
		case 'rerank':
			return invokeRerankResponse(model, body);
		default:
			return invokeChatResponse(model, body, now, used);
	}
}

export type RuntimeHandler = (settings: RuntimeSettings, context: HandlerContext, requestedId: string) => Promise<SandboxResponse>;

export const runtimeHandlers: Readonly<Record<RuntimeOperation, RuntimeHandler>> = {
	async Converse(settings, context, requestedId) {
		const admitted = admit(settings, context, 'Converse', requestedId);
		const used = emptyUsage();
		const answer = converseResponse(admitted.model, context.request.body, used);
		charge(settings, context, admitted, used);
		return jsonResponse(context, answer);
	},
	async ConverseStream(settings, context, requestedId) {
		const admitted = admit(settings, context, 'ConverseStream', requestedId);
		const used = emptyUsage();
		const frames = converseStreamFrames(admitted.model, context.request.body, used);
		charge(settings, context, admitted, used);
		return eventStreamResponse(context, frames);
	},
	async InvokeModel(settings, context, requestedId) {
		const admitted = admit(settings, context, 'InvokeModel', requestedId);
		const used = emptyUsage();
		const answer = nativeResponse(admitted.model, context.request.body, context.now, used);
		charge(settings, context, admitted, used);
		return jsonResponse(context, answer);
	},
	async InvokeModelWithResponseStream(settings, context, requestedId) {
		const admitted = admit(settings, context, 'InvokeModelWithResponseStream', requestedId);
		const used = emptyUsage();
		const chunks = invokeChatStreamChunks(admitted.model, context.request.body, context.now, used);
		charge(settings, context, admitted, used);
		const frames = chunks.map((chunk) => encodeEvent('chunk', {bytes: Buffer.from(JSON.stringify(chunk)).toString('base64')}));
		// The SDK reads the output's `contentType` from this header.
		return eventStreamResponse(context, frames, {'x-amzn-bedrock-content-type': 'application/json'});
	},
};
