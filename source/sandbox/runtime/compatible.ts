/**
 * The vendor-compatible surfaces of bedrock-runtime (docs/aws-facts.md, 'OpenAI-compatible and Anthropic
 * surfaces'): `POST /openai/v1/chat/completions` for every chat model but Claude, and
 * `POST /anthropic/v1/messages` for Claude. The model is named in the body (model id or inference
 * profile id, as for InvokeModel), and the call is authorised exactly as InvokeModel is:
 * `bedrock:InvokeModel`, or `bedrock:InvokeModelWithResponseStream` with `"stream": true`, on the profile
 * and its destination models. The calls share the model's bedrock-runtime quotas with InvokeModel and
 * Converse (service-quotas.ts). Refusals are in the vendor's JSON shape (protocols/compatible-errors.ts): a
 * throttled call is a 429 that the OpenAI and Anthropic SDKs raise as their rate-limit error.
 */
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import {isClaudeModel} from '../../core/catalog/index.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {jsonResponse, validationError} from '../bedrock/rest-json.js';
import {authorizeInvocation, type RuntimeOperation} from './authorize-invocation.js';
import {admitInvocation, type ModelAccessOptions} from './model-access.js';
import {resolveInvocation} from './resolve-target.js';
import type {QuotaBook} from '../service-quotas.js';
import {emptyUsage, type ReplyUsage} from './replies/chat-reply.js';
import {
	anthropicMessage,
	anthropicMessageFrames,
	chatCompletion,
	chatCompletionFrames,
	readCompatibleRequest,
	sseContentType,
	type CompatibleRequest,
} from './replies/compatible-bodies.js';
import {createdResponse, readResponsesRequest, responseFrames} from './replies/responses-bodies.js';

/** OpenAI's Chat Completions and Responses APIs (every chat model but Claude), and Anthropic's Messages (Claude). */
export type CompatibleSurface = 'chat-completions' | 'messages' | 'responses';

/** The operation names faults and logs key on. */
export const compatibleOperations: Readonly<Record<CompatibleSurface, string>> = {
	'chat-completions': 'ChatCompletions',
	messages: 'AnthropicMessages',
	responses: 'Responses',
};

export const compatiblePaths: Readonly<Record<string, CompatibleSurface>> = {
	'/openai/v1/chat/completions': 'chat-completions',
	'/openai/v1/responses': 'responses',
	'/anthropic/v1/messages': 'messages',
};

/** The request of a surface: Chat Completions and Messages hold `messages`, the Responses API `input`. */
export const readSurfaceRequest = (surface: CompatibleSurface, body: Buffer): CompatibleRequest =>
	surface === 'responses' ? readResponsesRequest(body) : readCompatibleRequest(body);

/** The wording for a model the surface does not serve (the Mantle form; bedrock-runtime's is not confirmed). */
export const unsupportedOnRouteMessage = (model: string): string => `The model \`${model}\` isn't supported on this route.`;

/** Whether the surface serves the model: Messages is Claude's, Chat Completions and Responses everyone else's. */
export const surfaceServes = (surface: CompatibleSurface, model: CatalogModel): boolean =>
	model.kind === 'chat' && (surface === 'messages') === isClaudeModel(model.modelId);

export interface CompatibleSettings extends ModelAccessOptions {
	readonly catalog: Catalog;
	/** The account's quotas (service-quotas.ts): a call past its model's is throttled. */
	readonly quotas?: QuotaBook;
}

function sseResponse(context: HandlerContext, frames: readonly Buffer[]): SandboxResponse {
	return {status: 200, headers: {'content-type': sseContentType, 'cache-control': 'no-cache', 'x-amzn-requestid': context.requestId}, frames};
}

/**
 * The surface's answer from the admitted model: JSON, or server-sent events with `"stream": true` (both
 * endpoints). `charge` sees the reply's tokens before anything is sent, and may refuse it (a quota).
 */
export function compatibleResponse(
	context: HandlerContext,
	surface: CompatibleSurface,
	model: CatalogModel,
	request: CompatibleRequest,
	charge: (used: ReplyUsage) => void = () => undefined,
): SandboxResponse {
	const used = emptyUsage();
	// Each surface's reply, as server-sent event frames when streamed or one JSON body: made, charged, then sent.
	const answer: readonly Buffer[] | object =
		surface === 'responses'
			? request.stream
				? responseFrames(model, request, context.now, used)
				: createdResponse(model, request, context.now, used)
			: surface === 'chat-completions'
				? request.stream
					? chatCompletionFrames(model, request, context.now, used)
					: chatCompletion(model, request, context.now, used)
				: request.stream
					? anthropicMessageFrames(model, request, used)
					: anthropicMessage(model, request, used);
	charge(used);
	return Array.isArray(answer) ? sseResponse(context, answer as readonly Buffer[]) : jsonResponse(context, answer);
}

/** Serves one call; returns the response and the model id it was for (for the runtime's call record). */
export async function handleCompatible(
	settings: CompatibleSettings,
	context: HandlerContext,
	surface: CompatibleSurface,
): Promise<{response: SandboxResponse; modelId: string}> {
	const request = readSurfaceRequest(surface, context.request.body);
	const operation: RuntimeOperation = request.stream ? 'InvokeModelWithResponseStream' : 'InvokeModel';
	const route = resolveInvocation(settings.catalog, {region: context.region, accountId: context.account.accountId}, request.model);
	authorizeInvocation(context, operation, route);
	// The route is the API's own: a model it does not serve is refused before the account's model access is looked at.
	if (route.target.kind !== 'invalid' && !surfaceServes(surface, route.target.model)) throw validationError(unsupportedOnRouteMessage(request.model));
	const model = admitInvocation(settings.catalog, context, operation, request.model, route, settings);
	const crossRegion = route.target.kind === 'profile';
	const response = compatibleResponse(context, surface, model, request, (used) =>
		settings.quotas?.chargeRuntime(model.modelId, crossRegion, used.inputTokens, used.outputTokens, context.now),
	);
	return {response, modelId: request.model};
}
