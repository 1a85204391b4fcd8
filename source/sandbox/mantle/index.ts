/**
 * The Mantle endpoint (`bedrock-mantle.{region}.api.aws`; in the sandbox, the path prefix `/mantle` of its
 * one port, announced as `mantleEndpoint`), docs/aws-facts.md, 'The Mantle endpoint':
 * - `GET /v1/models` (and `/openai/v1/models`): `bedrock-mantle:ListModels` on the default project;
 * - `POST /v1/chat/completions` (and `/openai/v1/chat/completions`) for every chat model but Claude;
 * - `POST /anthropic/v1/messages` for Claude;
 * - `POST /v1/responses` (and `/openai/v1/responses`), OpenAI's Responses API, for every chat model but Claude
 *   (what Codex calls; responses.ts);
 * each inference authorised as `bedrock-mantle:CreateInference` on `project/default` with the model in the
 * condition key `bedrock-mantle:Model`, before the model is looked up. API keys need
 * `bedrock-mantle:CallWithBearerToken` (the platform checks it). Models are named by their Mantle ids
 * (core/catalog/mantle.ts). Inference is metered against Mantle's own per-model quotas, input and output
 * tokens per minute (service-quotas.ts, `chargeMantle`). Errors are the vendor's JSON shapes
 * (protocols/compatible-errors.ts).
 */
import type {Catalog} from '../../core/catalog/index.js';
import {findMantleModel, mantleModelId, mantleModels} from '../../core/catalog/index.js';
import {AwsServiceError, type HandlerContext, type SandboxResponse, type ServiceRouter} from '../contracts.js';
import {jsonResponse, requireAllowed} from '../bedrock/rest-json.js';
import {compatibleResponse, surfaceServes, unsupportedOnRouteMessage, type CompatibleSurface} from '../runtime/compatible.js';
import {readCompatibleRequest, sseContentType, type CompatibleRequest} from '../runtime/replies/compatible-bodies.js';
import {createdResponse, readResponsesRequest, responseFrames, type ResponsesRequest} from './responses.js';
import type {QuotaBook} from '../service-quotas.js';
import {emptyUsage, type ReplyUsage} from '../runtime/replies/chat-reply.js';

/** The path prefix that names the Mantle endpoint on the sandbox's port. */
export const mantlePrefix = '/mantle';

export const mantleProjectArn = (region: string, accountId: string): string => `arn:aws:bedrock-mantle:${region}:${accountId}:project/default`;

export interface MantleRouterOptions {
	readonly catalog: Catalog;
	/** The account's quotas, Mantle's own (service-quotas.ts): a call past its model's is throttled. */
	readonly quotas?: QuotaBook;
}

/** The APIs Mantle serves: the two vendor surfaces bedrock-runtime has too, and OpenAI's Responses API. */
type MantleSurface = CompatibleSurface | 'responses';

const inferencePaths: Readonly<Record<string, MantleSurface>> = {
	'/v1/chat/completions': 'chat-completions',
	'/openai/v1/chat/completions': 'chat-completions',
	'/anthropic/v1/messages': 'messages',
	'/v1/responses': 'responses',
	'/openai/v1/responses': 'responses',
};

const operations: Readonly<Record<MantleSurface, string>> = {
	'chat-completions': 'CreateChatCompletion',
	messages: 'CreateMessage',
	responses: 'CreateResponse',
};

const modelListPaths = new Set(['/v1/models', '/openai/v1/models']);

/** Routes a request whose path is already stripped of `/mantle`. */
export function createMantleRouter(options: MantleRouterOptions): ServiceRouter {
	return (request) => {
		if (request.method === 'GET' && modelListPaths.has(request.rawPath))
			return {operation: 'ListModels', handle: async (context) => listModels(options, context)};
		const surface = request.method === 'POST' && Object.hasOwn(inferencePaths, request.rawPath) ? inferencePaths[request.rawPath] : undefined;
		if (!surface) return undefined;
		const operation = operations[surface];
		return {
			operation,
			handle: async (context) => {
				let model = '';
				try {
					const parsed = surface === 'responses' ? readResponsesRequest(context.request.body) : readCompatibleRequest(context.request.body);
					model = parsed.model;
					const response = await infer(options, context, surface, parsed);
					record(context, operation, model, 'ok');
					return response;
				} catch (error) {
					record(context, operation, model, error instanceof AwsServiceError ? error.code : 'InternalServerException');
					throw error;
				}
			},
		};
	};
}

function listModels(options: MantleRouterOptions, context: HandlerContext): SandboxResponse {
	requireAllowed(context, 'bedrock-mantle:ListModels', mantleProjectArn(context.region, context.account.accountId));
	const ids = [...new Set(mantleModels(options.catalog, context.region).map((model) => mantleModelId(model.modelId)))].sort();
	return jsonResponse(context, {object: 'list', data: ids.map((id) => ({id, object: 'model', created: 0, owned_by: id.split('.')[0] ?? 'system'}))});
}

async function infer(
	options: MantleRouterOptions,
	context: HandlerContext,
	surface: MantleSurface,
	request: CompatibleRequest | ResponsesRequest,
): Promise<SandboxResponse> {
	// IAM first, with the model as sent: a caller who may not use a model learns nothing about it.
	requireAllowed(context, 'bedrock-mantle:CreateInference', mantleProjectArn(context.region, context.account.accountId), {
		'bedrock-mantle:Model': request.model,
	});
	const model = findMantleModel(options.catalog, context.region, request.model);
	if (!model) throw new AwsServiceError('NotFound', `The model \`${request.model}\` does not exist or you do not have access to it.`, 404);
	// The Responses API serves the models Chat Completions serves (Claude is Messages'); not confirmed beyond that.
	if (!surfaceServes(surface === 'responses' ? 'chat-completions' : surface, model))
		throw new AwsServiceError('InvalidRequest', unsupportedOnRouteMessage(request.model), 400);
	// Input and max_tokens against the input quota, then the output (service-quotas.ts, `chargeMantle`).
	const limit = request.body['max_tokens'] ?? request.body['max_completion_tokens'] ?? request.body['max_output_tokens'];
	const charge = (used: ReplyUsage): void =>
		options.quotas?.chargeMantle(model.modelId, used.inputTokens, typeof limit === 'number' ? limit : undefined, used.outputTokens, context.now);
	if (surface !== 'responses') return compatibleResponse(context, surface, model, request as CompatibleRequest, charge);
	const used = emptyUsage();
	if (!request.stream) {
		const answer = createdResponse(model, request, context.now, used);
		charge(used);
		return jsonResponse(context, answer);
	}
	const frames = responseFrames(model, request, context.now, used);
	charge(used);
	return {status: 200, headers: {'content-type': sseContentType, 'cache-control': 'no-cache', 'x-amzn-requestid': context.requestId}, frames};
}

function record(context: HandlerContext, operation: string, modelId: string, outcome: string): void {
	context.account.recordRuntimeCall({
		at: context.now.toISOString(),
		principalArn: context.caller.arn,
		auth: context.caller.auth.type,
		operation: `Mantle:${operation}`,
		modelId,
		outcome,
	});
}
