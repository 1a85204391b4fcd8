/**
 * Where an invocation goes: from the `modelId` path label (model id or ARN, system profile id or ARN,
 * application profile ARN) to the IAM checks Bedrock makes and the model that would answer.
 *
 * Nothing here throws for an unknown id: AWS authorizes before it looks the id up, so a caller who may
 * not invoke `foo` learns AccessDenied, not that `foo` does not exist.
 */
import {foundationModelArn, inferenceProfileArn, regionlessFoundationModelArn} from '../../core/arn.js';
import type {Catalog, CatalogModel, CatalogProfile} from '../../core/catalog/index.js';
import {findModel, findProfile, profileDestinations} from '../../core/catalog/index.js';
import {parseModelIdentifier} from '../../core/catalog/model-identifier.js';

export interface AuthorizationCheck {
	readonly resource: string;
	readonly context?: Readonly<Record<string, string>>;
}

export type InvocationTarget =
	/** Nothing callable by that name from this region (unknown id, foreign ARN, unknown application profile...). */
	| {readonly kind: 'invalid'}
	| {readonly kind: 'model'; readonly model: CatalogModel}
	| {readonly kind: 'profile'; readonly model: CatalogModel; readonly profile: CatalogProfile; readonly destinationRegion: string};

export interface InvocationRoute {
	/** The IAM checks, in the order Bedrock makes them; the first denied one is the one AWS reports. */
	readonly checks: readonly AuthorizationCheck[];
	readonly target: InvocationTarget;
	/** Through a cross-Region profile: the model check in each other destination AWS may route the call to. */
	readonly otherDestinations?: readonly AuthorizationCheck[];
}

export interface RouteScope {
	readonly region: string;
	readonly accountId: string;
}

export function resolveInvocation(catalog: Catalog, scope: RouteScope, requestedId: string): InvocationRoute {
	const identifier = parseModelIdentifier(requestedId);
	switch (identifier.kind) {
		case 'application-inference-profile':
		case 'other-arn':
			// The sandbox hosts no application profiles, provisioned or custom models.
			return {checks: [{resource: identifier.arn}], target: {kind: 'invalid'}};
		case 'foundation-model': {
			const resource = identifier.arn?.value ?? foundationModelArn(scope.region, identifier.modelId);
			const model = findModel(catalog, identifier.modelId);
			// A model ARN of another region (or the region-less one) is not invocable from here.
			const foreign = identifier.arn !== undefined && identifier.arn.region !== scope.region;
			return {checks: [{resource}], target: model && !foreign ? {kind: 'model', model} : {kind: 'invalid'}};
		}
		case 'inference-profile':
			return resolveProfile(catalog, scope, identifier.profileId, identifier.arn);
	}
}

function resolveProfile(
	catalog: Catalog,
	scope: RouteScope,
	profileId: string,
	arn: {value: string; region: string; accountId: string} | undefined,
): InvocationRoute {
	const profileArn = arn?.value ?? inferenceProfileArn(scope.region, scope.accountId, profileId);
	const invalid: InvocationRoute = {checks: [{resource: profileArn}], target: {kind: 'invalid'}};
	if (arn && (arn.region !== scope.region || arn.accountId !== scope.accountId)) return invalid;
	const profile = findProfile(catalog, profileId);
	const model = profile ? findModel(catalog, profile.modelId) : undefined;
	if (!profile || !model) return invalid;
	const destinations = profileDestinations(profile, scope.region);
	// A profile is only callable from its source regions (GetInferenceProfile answers nothing elsewhere).
	const destinationRegion = destinations.includes(scope.region) ? scope.region : destinations[0];
	if (destinationRegion === undefined) return invalid;
	const viaProfile = {'bedrock:InferenceProfileArn': profileArn};
	// The model is invoked in the destination Region, so that is the Region requested there (a Region-deny
	// service control policy must allow every destination); for the region-less ARN it is "unspecified".
	const checks: AuthorizationCheck[] = [
		{resource: profileArn},
		{resource: foundationModelArn(destinationRegion, model.modelId), context: {...viaProfile, 'aws:RequestedRegion': destinationRegion}},
	];
	// A global profile may route outside every geography, so AWS also checks the region-less model ARN.
	if (profile.scope === 'global')
		checks.push({resource: regionlessFoundationModelArn(model.modelId), context: {...viaProfile, 'aws:RequestedRegion': 'unspecified'}});
	const otherDestinations = destinations
		.filter((region) => region !== destinationRegion)
		.map((region) => ({resource: foundationModelArn(region, model.modelId), context: {...viaProfile, 'aws:RequestedRegion': region}}));
	return {checks, target: {kind: 'profile', model, profile, destinationRegion}, otherDestinations};
}
