/**
 * The vendor-compatible surfaces of bedrock-runtime (docs/aws-facts.md, 'OpenAI-compatible and Anthropic
 * surfaces'): `POST /openai/v1/chat/completions` for every chat model but Claude, and
 * `POST /anthropic/v1/messages` for Claude. The model is named in the body (model id or inference
 * profile id, as for InvokeModel), and the call is authorised exactly as InvokeModel is:
 * `bedrock:InvokeModel`, or `bedrock:InvokeModelWithResponseStream` with `"stream": true`, on the profile
 * and its destination models. Refusals are AWS's REST-JSON errors, as on the rest of the endpoint.
 */
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import {isClaudeModel} from '../../core/catalog/index.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {jsonResponse, validationError} from '../bedrock/rest-json.js';
import {authorizeInvocation, type RuntimeOperation} from './authorize-invocation.js';
import {admitInvocation, type ModelAccessOptions} from './model-access.js';
import {resolveInvocation} from './resolve-target.js';
import {
	anthropicMessage,
	anthropicMessageFrames,
	chatCompletion,
	chatCompletionFrames,
	readCompatibleRequest,
	sseContentType,
	type CompatibleRequest,
} from './replies/compatible-bodies.js';

export type CompatibleSurface = 'chat-completions' | 'messages';

/** The operation names faults and logs key on. */
export const compatibleOperations: Readonly<Record<CompatibleSurface, string>> = {'chat-completions': 'ChatCompletions', messages: 'AnthropicMessages'};

export const compatiblePaths: Readonly<Record<string, CompatibleSurface>> = {
	'/openai/v1/chat/completions': 'chat-completions',
	'/anthropic/v1/messages': 'messages',
};

/** The wording for a model the surface does not serve (the Mantle form; bedrock-runtime's is not confirmed). */
export const unsupportedOnRouteMessage = (model: string): string => `The model \`${model}\` isn't supported on this route.`;

/** Whether the surface serves the model: Messages is Claude's, Chat Completions everyone else's. */
export const surfaceServes = (surface: CompatibleSurface, model: CatalogModel): boolean =>
	model.kind === 'chat' && (surface === 'messages') === isClaudeModel(model.modelId);

export interface CompatibleSettings extends ModelAccessOptions {
	readonly catalog: Catalog;
}

function sseResponse(context: HandlerContext, frames: readonly Buffer[]): SandboxResponse {
	return {status: 200, headers: {'content-type': sseContentType, 'cache-control': 'no-cache', 'x-amzn-requestid': context.requestId}, frames};
}

/** The surface's answer from the admitted model: JSON, or server-sent events with `"stream": true` (both endpoints). */
export function compatibleResponse(context: HandlerContext, surface: CompatibleSurface, model: CatalogModel, request: CompatibleRequest): SandboxResponse {
	if (surface === 'chat-completions')
		return request.stream
			? sseResponse(context, chatCompletionFrames(model, request, context.now))
			: jsonResponse(context, chatCompletion(model, request, context.now));
	return request.stream ? sseResponse(context, anthropicMessageFrames(model, request)) : jsonResponse(context, anthropicMessage(model, request));
}

/** Serves one call; returns the response and the model id it was for (for the runtime's call record). */
export async function handleCompatible(
	settings: CompatibleSettings,
	context: HandlerContext,
	surface: CompatibleSurface,
): Promise<{response: SandboxResponse; modelId: string}> {
	const request: CompatibleRequest = readCompatibleRequest(context.request.body);
	const operation: RuntimeOperation = request.stream ? 'InvokeModelWithResponseStream' : 'InvokeModel';
	const route = resolveInvocation(settings.catalog, {region: context.region, accountId: context.account.accountId}, request.model);
	authorizeInvocation(context, operation, route);
	// The route is the API's own: a model it does not serve is refused before the account's model access is looked at.
	if (route.target.kind !== 'invalid' && !surfaceServes(surface, route.target.model)) throw validationError(unsupportedOnRouteMessage(request.model));
	const model = admitInvocation(settings.catalog, context, operation, request.model, route, settings);
	const response = compatibleResponse(context, surface, model, request);
	return {response, modelId: request.model};
}
