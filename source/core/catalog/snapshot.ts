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
	cached ??= {
		origin: 'snapshot',
		asOf: snapshotData.asOf,
		regions: snapshotData.regions,
		models: snapshotData.models as readonly CatalogModel[],
		profiles: (snapshotData.profiles as readonly StoredProfile[]).map(expandProfile),
	};
	return cached;
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
