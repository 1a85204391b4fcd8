/**
 * ListFoundationModels and GetFoundationModel from the bundled catalog, as Bedrock answers them in the
 * request's region: end-of-life models have left the list (AWS drops them), LEGACY ones stay.
 */
import {foundationModelArn} from '../../core/arn.js';
import type {Catalog, CatalogModel} from '../../core/catalog/index.js';
import {findModel, profilesFrom} from '../../core/catalog/index.js';
import {parseModelIdentifier} from '../../core/catalog/model-identifier.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {decodePathLabel, jsonResponse, requireAllowed, resourceNotFound, validationError} from './rest-json.js';

/** AWS's words for a retired model, in GetFoundationModel and at runtime alike. */
export const endOfLifeMessage = 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';
export const invalidModelIdentifierMessage = 'The provided model identifier is invalid.';

/** The enum sets the service validates the filters against (ListFoundationModels request shape). */
const outputModalities = ['TEXT', 'IMAGE', 'EMBEDDING'];
const inferenceTypes = ['ON_DEMAND', 'PROVISIONED'];
const customizationTypes = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'];

export function isOfferedIn(model: CatalogModel, region: string): boolean {
	return model.lifecycle !== 'EOL' && (model.onDemandRegions.includes(region) || model.profileOnlyRegions.includes(region));
}

/**
 * `ON_DEMAND` where the bare id can be invoked in the region, `INFERENCE_PROFILE` where a system profile
 * sourced from the region carries the model (AWS lists both for models such as Nova that have both).
 */
export function inferenceTypesIn(catalog: Catalog, model: CatalogModel, region: string): string[] {
	const types: string[] = [];
	if (model.onDemandRegions.includes(region)) types.push('ON_DEMAND');
	if (profilesFrom(catalog, model.modelId, region).length > 0) types.push('INFERENCE_PROFILE');
	return types;
}

/** Bedrock's model declares its timestamps `date-time`: RFC 3339 strings, not REST-JSON's default epoch seconds. */
export const rfc3339 = (isoDate: string): string => new Date(`${isoDate}T00:00:00Z`).toISOString();

export function foundationModelSummary(catalog: Catalog, model: CatalogModel, region: string): Record<string, unknown> {
	const lifecycle: Record<string, unknown> = {status: model.lifecycle};
	if (model.eolDate) lifecycle['endOfLifeTime'] = rfc3339(model.eolDate);
	return {
		modelArn: foundationModelArn(region, model.modelId),
		modelId: model.modelId,
		modelName: model.name,
		providerName: model.provider,
		inputModalities: [...model.inputModalities],
		outputModalities: [...model.outputModalities],
		responseStreamingSupported: model.streaming,
		// The catalog does not track customization; an empty list is what AWS shows for most serverless models.
		customizationsSupported: [],
		inferenceTypesSupported: inferenceTypesIn(catalog, model, region),
		modelLifecycle: lifecycle,
	};
}

function enumFilter(context: HandlerContext, name: string, allowed: readonly string[]): string | undefined {
	const value = context.request.query.get(name) ?? undefined;
	if (value !== undefined && !allowed.includes(value)) {
		throw validationError(
			`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
		);
	}
	return value;
}

export async function listFoundationModels(catalog: Catalog, context: HandlerContext): Promise<SandboxResponse> {
	requireAllowed(context, 'bedrock:ListFoundationModels', '*');
	const byProvider = context.request.query.get('byProvider')?.toLowerCase();
	const byOutputModality = enumFilter(context, 'byOutputModality', outputModalities);
	const byInferenceType = enumFilter(context, 'byInferenceType', inferenceTypes);
	const byCustomizationType = enumFilter(context, 'byCustomizationType', customizationTypes);
	const modelSummaries = catalog.models
		.filter((model) => isOfferedIn(model, context.region))
		.filter((model) => byProvider === undefined || model.provider.toLowerCase() === byProvider)
		.filter((model) => byOutputModality === undefined || model.outputModalities.includes(byOutputModality))
		.filter((model) => byInferenceType === undefined || inferenceTypesIn(catalog, model, context.region).includes(byInferenceType))
		// No catalog model is customizable, so a customization filter matches nothing.
		.filter(() => byCustomizationType === undefined)
		.map((model) => foundationModelSummary(catalog, model, context.region));
	return jsonResponse(context, {modelSummaries});
}

/**
 * The model a control-plane call names by id or ARN in the request's region. Unknown ids and models the
 * region does not offer are invalid identifiers; retired ones are gone (ResourceNotFoundException).
 */
export function requireFoundationModel(catalog: Catalog, region: string, identifier: string): CatalogModel {
	const model = requireKnownModel(catalog, region, identifier);
	if (!isOfferedIn(model, region)) throw validationError(invalidModelIdentifierMessage);
	return model;
}

/** Like requireFoundationModel, but also answers for a model the region does not offer. */
export function requireKnownModel(catalog: Catalog, region: string, identifier: string): CatalogModel {
	const parsed = parseModelIdentifier(identifier);
	if (parsed.kind !== 'foundation-model' || (parsed.arn && parsed.arn.region !== region)) {
		throw validationError(invalidModelIdentifierMessage);
	}
	const model = findModel(catalog, parsed.modelId);
	if (!model) throw validationError(invalidModelIdentifierMessage);
	if (model.lifecycle === 'EOL') throw resourceNotFound(endOfLifeMessage);
	return model;
}

/** The resource a Get call on a model is authorized against: the ARN as given, else the regional model ARN. */
export function modelResource(region: string, identifier: string): string {
	return identifier.startsWith('arn:') ? identifier : foundationModelArn(region, identifier);
}

export async function getFoundationModel(catalog: Catalog, context: HandlerContext, rawIdentifier: string): Promise<SandboxResponse> {
	const identifier = decodePathLabel(rawIdentifier);
	requireAllowed(context, 'bedrock:GetFoundationModel', modelResource(context.region, identifier));
	const model = requireFoundationModel(catalog, context.region, identifier);
	return jsonResponse(context, {modelDetails: foundationModelSummary(catalog, model, context.region)});
}
