/**
 * Routes Bedrock control-plane requests (REST-JSON) to their operations, by the method and path each
 * operation has in the service model (@aws-sdk/client-bedrock). Errors are thrown as AwsServiceError and
 * rendered by the platform.
 */
import type {Catalog} from '../../core/catalog/index.js';
import type {HandlerContext, SandboxHttpRequest, SandboxResponse, ServiceRouter} from '../contracts.js';
import {createFoundationModelAgreement, getFoundationModelAvailability, listFoundationModelAgreementOffers} from './agreements.js';
import {getUseCaseForModelAccess, putUseCaseForModelAccess} from './use-case-form.js';
import {getFoundationModel, listFoundationModels} from './foundation-models.js';
import {getInferenceProfile, listInferenceProfiles} from './inference-profiles.js';

export interface BedrockRouterOptions {
	readonly catalog: Catalog;
}

interface RouteDefinition {
	readonly method: string;
	/** Matched against the raw (still percent-encoded) path; a group captures the one path label. */
	readonly path: RegExp;
	readonly operation: string;
	readonly handle: (catalog: Catalog, context: HandlerContext, label: string) => Promise<SandboxResponse>;
}

const routes: readonly RouteDefinition[] = [
	{method: 'GET', path: /^\/foundation-models$/, operation: 'ListFoundationModels', handle: listFoundationModels},
	{method: 'GET', path: /^\/foundation-models\/([^/]+)$/, operation: 'GetFoundationModel', handle: getFoundationModel},
	{method: 'GET', path: /^\/inference-profiles$/, operation: 'ListInferenceProfiles', handle: listInferenceProfiles},
	{method: 'GET', path: /^\/inference-profiles\/([^/]+)$/, operation: 'GetInferenceProfile', handle: getInferenceProfile},
	{
		method: 'GET',
		path: /^\/foundation-model-availability\/([^/]+)$/,
		operation: 'GetFoundationModelAvailability',
		handle: getFoundationModelAvailability,
	},
	{
		method: 'GET',
		path: /^\/list-foundation-model-agreement-offers\/([^/]+)$/,
		operation: 'ListFoundationModelAgreementOffers',
		handle: listFoundationModelAgreementOffers,
	},
	{method: 'POST', path: /^\/create-foundation-model-agreement$/, operation: 'CreateFoundationModelAgreement', handle: createFoundationModelAgreement},
	{method: 'GET', path: /^\/use-case-for-model-access$/, operation: 'GetUseCaseForModelAccess', handle: getUseCaseForModelAccess},
	{method: 'POST', path: /^\/use-case-for-model-access$/, operation: 'PutUseCaseForModelAccess', handle: putUseCaseForModelAccess},
];

export function createBedrockRouter(options: BedrockRouterOptions): ServiceRouter {
	const {catalog} = options;
	return (request: SandboxHttpRequest) => {
		const path = request.rawPath.split('?')[0] ?? '';
		for (const route of routes) {
			if (route.method !== request.method) continue;
			const match = route.path.exec(path);
			if (!match) continue;
			const label = match[1] ?? '';
			return {operation: route.operation, handle: async (context) => route.handle(catalog, context, label)};
		}
		return undefined;
	};
}
