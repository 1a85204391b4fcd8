/**
 * Routes Bedrock Runtime requests: `POST /model/{modelId}/{converse|converse-stream|invoke|invoke-with-response-stream}`,
 * and the OpenAI-compatible and Anthropic Messages surfaces (compatible.ts).
 * The model id arrives percent-encoded (`:` as `%3A`, the `/` of an ARN as `%2F`). Every call, allowed or
 * not, is recorded in the account so tests can prove which principal made which probe. Errors are thrown
 * as AwsServiceError and rendered by the platform.
 */
import type {Catalog} from '../../core/catalog/index.js';
import {AwsServiceError, type HandlerContext, type SandboxHttpRequest, type ServiceRouter} from '../contracts.js';
import {decodePathLabel} from '../bedrock/rest-json.js';
import type {RuntimeOperation} from './authorize-invocation.js';
import type {ModelAccessOptions} from './model-access.js';
import {runtimeHandlers} from './operations.js';
import {compatibleOperations, compatiblePaths, handleCompatible} from './compatible.js';
import type {QuotaBook} from '../service-quotas.js';

export interface RuntimeRouterOptions extends ModelAccessOptions {
	readonly catalog: Catalog;
	/** The account's quotas (service-quotas.ts), for every inference: the native operations and the compatible surfaces. */
	readonly quotas?: QuotaBook;
}

const operationsBySuffix: Readonly<Record<string, RuntimeOperation>> = {
	converse: 'Converse',
	'converse-stream': 'ConverseStream',
	invoke: 'InvokeModel',
	'invoke-with-response-stream': 'InvokeModelWithResponseStream',
};

// Greedy: an unencoded ARN label still contains `/`, and only the last segment names the operation.
const modelPath = /^\/model\/(.+)\/([a-z-]+)$/;

export function createRuntimeRouter(options: RuntimeRouterOptions): ServiceRouter {
	return (request: SandboxHttpRequest) => {
		if (request.method !== 'POST') return undefined;
		const surface = Object.hasOwn(compatiblePaths, request.rawPath) ? compatiblePaths[request.rawPath] : undefined;
		if (surface) {
			const operation = compatibleOperations[surface];
			return {
				operation,
				handle: async (context: HandlerContext) => {
					try {
						const {response, modelId} = await handleCompatible(options, context, surface);
						record(context, operation, modelId, 'ok');
						return response;
					} catch (error) {
						record(context, operation, modelOf(context), error instanceof AwsServiceError ? error.code : 'InternalServerException');
						throw error;
					}
				},
			};
		}
		const match = modelPath.exec(request.rawPath.split('?')[0] ?? '');
		const operation = match ? operationsBySuffix[match[2] ?? ''] : undefined;
		if (!match || !operation) return undefined;
		const rawId = match[1] ?? '';
		return {
			operation,
			handle: async (context: HandlerContext) => {
				let requestedId = rawId;
				try {
					requestedId = decodePathLabel(rawId);
					const response = await runtimeHandlers[operation](options, context, requestedId);
					record(context, operation, requestedId, 'ok');
					return response;
				} catch (error) {
					record(context, operation, requestedId, error instanceof AwsServiceError ? error.code : 'InternalServerException');
					throw error;
				}
			},
		};
	};
}

/** The model a compatible call named, for the record of a refused one ('' when the body names none). */
function modelOf(context: HandlerContext): string {
	try {
		const model = (JSON.parse(context.request.body.toString('utf8')) as {model?: unknown}).model;
		return typeof model === 'string' ? model : '';
	} catch {
		return '';
	}
}

function record(context: HandlerContext, operation: string, modelId: string, outcome: string): void {
	context.account.recordRuntimeCall({
		at: context.now.toISOString(),
		principalArn: context.caller.arn,
		auth: context.caller.auth.type,
		operation,
		modelId,
		outcome,
		...(context.request.headers['user-agent'] ? {userAgent: context.request.headers['user-agent']} : {}),
		region: context.region,
	});
}
