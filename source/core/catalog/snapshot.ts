import type {Catalog, CatalogModel, CatalogProfile, ProfileScope} from './types.js';
import snapshotData from './snapshot.json' with {type: 'json'};

interface StoredProfile {
	readonly profileId: string;
	readonly modelId: string;
	readonly scope: string;
	readonly sourceRegions: readonly string[];
	readonly routes: ReadonlyArray<{readonly from: readonly string[]; readonly to: readonly string[]}>;
}

let cached: Catalog | undefined;

/** The catalog bundled with the tool (see scripts/compile-catalog.mjs for where it comes from). */
export function bundledCatalog(): Catalog {
	if (cached) return cached;
	const profiles = (snapshotData.profiles as readonly StoredProfile[]).map(expandProfile);
	const byModel = new Map<string, CatalogProfile[]>();
	for (const profile of profiles) byModel.set(profile.modelId, [...(byModel.get(profile.modelId) ?? []), profile]);
	cached = {
		origin: 'snapshot',
		asOf: snapshotData.asOf,
		regions: snapshotData.regions,
		models: (snapshotData.models as readonly CatalogModel[]).map((model) => withProfileRegions(model, byModel.get(model.modelId) ?? [])),
		profiles,
	};
	return cached;
}

/**
 * A model whose own Regions the sources did not confirm (the newest launches) still runs wherever its
 * profiles (`own`: those of this model) route: it is served there through a profile, so it is listed there
 * as ListFoundationModels lists a profile-only model. Otherwise the live catalog would know the profile but
 * not its model.
 */
function withProfileRegions(model: CatalogModel, own: readonly CatalogProfile[]): CatalogModel {
	if (model.onDemandRegions.length > 0 || model.profileOnlyRegions.length > 0) return model;
	const routed = new Set(own.flatMap((profile) => Object.values(profile.destinationsBySourceRegion).flat()));
	return routed.size === 0 ? model : {...model, profileOnlyRegions: [...routed].sort()};
}

function expandProfile(stored: StoredProfile): CatalogProfile {
	const destinationsBySourceRegion: Record<string, readonly string[]> = {};
	for (const route of stored.routes) {
		for (const source of route.from) destinationsBySourceRegion[source] = route.to;
	}
	return {
		profileId: stored.profileId,
		modelId: stored.modelId,
		scope: stored.scope as ProfileScope,
		sourceRegions: stored.sourceRegions,
		destinationsBySourceRegion,
	};
}
