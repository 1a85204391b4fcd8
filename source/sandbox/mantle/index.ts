/**
 * The Mantle endpoint (`bedrock-mantle.{region}.api.aws`; in the sandbox, the path prefix `/mantle` of its
 * one port, announced as `mantleEndpoint`), docs/aws-facts.md, 'The Mantle endpoint':
 * - `GET /v1/models` (and `/openai/v1/models`): `bedrock-mantle:ListModels` on the default project;
 * - `POST /v1/chat/completions` (and `/openai/v1/chat/completions`) for every chat model but Claude;
 * - `POST /anthropic/v1/messages` for Claude;
 * - `POST /v1/responses` (and `/openai/v1/responses`), OpenAI's Responses API, for every chat model but Claude
 *   (what Codex calls; runtime/replies/responses-bodies.ts);
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
import {compatibleResponse, readSurfaceRequest, surfaceServes, unsupportedOnRouteMessage, type CompatibleSurface} from '../runtime/compatible.js';
import type {CompatibleRequest} from '../runtime/replies/compatible-bodies.js';
import type {QuotaBook} from '../service-quotas.js';
import type {ReplyUsage} from '../runtime/replies/chat-reply.js';

/** The path prefix that names the Mantle endpoint on the sandbox's port. */
export const mantlePrefix = '/mantle';

export const mantleProjectArn = (region: string, accountId: string): string => `arn:aws:bedrock-mantle:${region}:${accountId}:project/default`;

export interface MantleRouterOptions {
	readonly catalog: Catalog;
	/** The account's quotas, Mantle's own (service-quotas.ts): a call past its model's is throttled. */
	readonly quotas?: QuotaBook;
}

/** The APIs Mantle serves, as bedrock-runtime's compatible surfaces: OpenAI's Chat Completions and Responses, Anthropic's Messages. */
const inferencePaths: Readonly<Record<string, CompatibleSurface>> = {
	'/v1/chat/completions': 'chat-completions',
	'/openai/v1/chat/completions': 'chat-completions',
	'/anthropic/v1/messages': 'messages',
	'/v1/responses': 'responses',
	'/openai/v1/responses': 'responses',
};

const operations: Readonly<Record<CompatibleSurface, string>> = {
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
					const parsed = readSurfaceRequest(surface, context.request.body);
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

async function infer(options: MantleRouterOptions, context: HandlerContext, surface: CompatibleSurface, request: CompatibleRequest): Promise<SandboxResponse> {
	// IAM first, with the model as sent: a caller who may not use a model learns nothing about it.
	requireAllowed(context, 'bedrock-mantle:CreateInference', mantleProjectArn(context.region, context.account.accountId), {
		'bedrock-mantle:Model': request.model,
	});
	const model = findMantleModel(options.catalog, context.region, request.model);
	if (!model) throw new AwsServiceError('NotFound', `The model \`${request.model}\` does not exist or you do not have access to it.`, 404);
	// The Responses API serves the models Chat Completions serves (Claude is Messages'); not confirmed beyond that.
	if (!surfaceServes(surface, model)) throw new AwsServiceError('InvalidRequest', unsupportedOnRouteMessage(request.model), 400);
	// Input and max_tokens against the input quota, then the output (service-quotas.ts, `chargeMantle`).
	const limit = request.body['max_tokens'] ?? request.body['max_completion_tokens'] ?? request.body['max_output_tokens'];
	const charge = (used: ReplyUsage): void =>
		options.quotas?.chargeMantle(model.modelId, used.inputTokens, typeof limit === 'number' ? limit : undefined, used.outputTokens, context.now);
	return compatibleResponse(context, surface, model, request, charge);
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
