/**
 * ListInferenceProfiles and GetInferenceProfile: the system-defined profiles a region can call, each with
 * the foundation-model ARNs of the regions a call from there may be routed to (what a least-privilege
 * policy must allow, docs/aws-facts.md, 'Inference profiles').
 */
import {foundationModelArn, inferenceProfileArn} from '../../core/arn.js';
import type {Catalog, CatalogModel, CatalogProfile, ProfileScope} from '../../core/catalog/index.js';
import {findModel, findProfile, profileDestinations} from '../../core/catalog/index.js';
import {rfc3339} from './foundation-models.js';
import {parseModelIdentifier} from '../../core/catalog/model-identifier.js';
import type {HandlerContext, SandboxResponse} from '../contracts.js';
import {decodePathLabel, jsonResponse, requireAllowed, resourceNotFound, validationError} from './rest-json.js';

const scopeLabels: Readonly<Record<ProfileScope, string>> = {
	us: 'US',
	eu: 'EU',
	apac: 'APAC',
	jp: 'JP',
	au: 'AU',
	ca: 'CA',
	in: 'IN',
	global: 'Global',
	'us-gov': 'US-GOV',
};

const defaultMaxResults = 1000;

/** Profiles a region can call: sourced from it, and not pointing at a retired model (those profiles go with it). */
export function profilesCallableFrom(catalog: Catalog, region: string): Array<{profile: CatalogProfile; model: CatalogModel}> {
	const callable: Array<{profile: CatalogProfile; model: CatalogModel}> = [];
	for (const profile of catalog.profiles) {
		const model = findModel(catalog, profile.modelId);
		if (!model || model.lifecycle === 'EOL' || !profile.sourceRegions.includes(region)) continue;
		callable.push({profile, model});
	}
	return callable;
}

function profileSummary(catalog: Catalog, context: HandlerContext, profile: CatalogProfile, model: CatalogModel): Record<string, unknown> {
	const destinations = profileDestinations(profile, context.region);
	// The catalog has no creation dates; its compilation date is a stable stand-in.
	const stamp = rfc3339(catalog.asOf);
	return {
		inferenceProfileName: `${scopeLabels[profile.scope]} ${model.provider} ${model.name}`,
		description: `Routes requests to ${model.provider} ${model.name} in ${destinations.join(', ')}.`,
		createdAt: stamp,
		updatedAt: stamp,
		inferenceProfileArn: inferenceProfileArn(context.region, context.account.accountId, profile.profileId),
		models: destinations.map((region) => ({modelArn: foundationModelArn(region, profile.modelId)})),
		inferenceProfileId: profile.profileId,
		status: 'ACTIVE',
		type: 'SYSTEM_DEFINED',
	};
}

/** Our page token is the offset, opaque to clients as AWS's is. */
function decodePageToken(token: string | null): number {
	if (token === null) return 0;
	const offset = Number(
		Buffer.from(token, 'base64url')
			.toString('utf8')
			.replace(/^offset:/, ''),
	);
	if (!Number.isInteger(offset) || offset < 0) throw validationError('The provided pagination token is invalid.');
	return offset;
}

export async function listInferenceProfiles(catalog: Catalog, context: HandlerContext): Promise<SandboxResponse> {
	requireAllowed(context, 'bedrock:ListInferenceProfiles', '*');
	const {query} = context.request;
	const typeEquals = query.get('type') ?? undefined;
	if (typeEquals !== undefined && typeEquals !== 'SYSTEM_DEFINED' && typeEquals !== 'APPLICATION') {
		throw validationError(
			`1 validation error detected: Value '${typeEquals}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`,
		);
	}
	const maxResultsText = query.get('maxResults');
	const maxResults = maxResultsText === null ? defaultMaxResults : Number(maxResultsText);
	if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
		throw validationError(
			`1 validation error detected: Value '${maxResultsText}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`,
		);
	}
	const offset = decodePageToken(query.get('nextToken'));
	// The sandbox hosts no application profiles, so that filter lists nothing.
	const all = typeEquals === 'APPLICATION' ? [] : profilesCallableFrom(catalog, context.region);
	const page = all.slice(offset, offset + maxResults);
	const next = offset + maxResults < all.length ? Buffer.from(`offset:${offset + maxResults}`).toString('base64url') : undefined;
	return jsonResponse(context, {
		inferenceProfileSummaries: page.map(({profile, model}) => profileSummary(catalog, context, profile, model)),
		...(next === undefined ? {} : {nextToken: next}),
	});
}

export async function getInferenceProfile(catalog: Catalog, context: HandlerContext, rawIdentifier: string): Promise<SandboxResponse> {
	const identifier = decodePathLabel(rawIdentifier);
	const parsed = parseModelIdentifier(identifier);
	const profileId = parsed.kind === 'inference-profile' ? parsed.profileId : identifier;
	const resource = identifier.startsWith('arn:') ? identifier : inferenceProfileArn(context.region, context.account.accountId, identifier);
	requireAllowed(context, 'bedrock:GetInferenceProfile', resource);
	const notFound = resourceNotFound(`Inference profile ${identifier} does not exist.`);
	if (parsed.kind !== 'inference-profile') throw notFound;
	if (parsed.arn && (parsed.arn.region !== context.region || parsed.arn.accountId !== context.account.accountId)) throw notFound;
	const profile = findProfile(catalog, profileId);
	const model = profile ? findModel(catalog, profile.modelId) : undefined;
	if (!profile || !model || model.lifecycle === 'EOL' || !profile.sourceRegions.includes(context.region)) throw notFound;
	return jsonResponse(context, profileSummary(catalog, context, profile, model));
}
