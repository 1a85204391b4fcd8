import {compareText} from '../text-order.js';
import type {Catalog, CatalogModel, CatalogProfile} from './types.js';

export function findModel(catalog: Catalog, modelId: string): CatalogModel | undefined {
	return catalog.models.find((model) => model.modelId === modelId);
}

export function findProfile(catalog: Catalog, profileId: string): CatalogProfile | undefined {
	return catalog.profiles.find((profile) => profile.profileId === profileId);
}

/** Regions a call to the profile from `sourceRegion` may be routed to (GetInferenceProfile's models[]). */
export function profileDestinations(profile: CatalogProfile, sourceRegion: string): readonly string[] {
	return profile.destinationsBySourceRegion[sourceRegion] ?? [];
}

export type Reachability =
	{readonly kind: 'on-demand'} | {readonly kind: 'profile-only'; readonly profiles: readonly CatalogProfile[]} | {readonly kind: 'not-offered'};

/** How a model can be called from a region: by its bare id, only through a profile, or not at all. */
export function reachability(catalog: Catalog, model: CatalogModel, region: string): Reachability {
	if (model.onDemandRegions.includes(region)) return {kind: 'on-demand'};
	const profiles = profilesFrom(catalog, model.modelId, region);
	if (profiles.length > 0) return {kind: 'profile-only', profiles};
	return {kind: 'not-offered'};
}

/** System profiles for a model that can be called from a region, geographic ones first. */
export function profilesFrom(catalog: Catalog, modelId: string, region: string): readonly CatalogProfile[] {
	return catalog.profiles
		.filter((profile) => profile.modelId === modelId && profile.sourceRegions.includes(region))
		.sort((a, b) => Number(a.scope === 'global') - Number(b.scope === 'global') || compareText(a.profileId, b.profileId));
}

/** Regions where a model can be called at all (bare id or via a profile); for EOL models, where it used to be. */
export function regionsOffering(catalog: Catalog, model: CatalogModel): readonly string[] {
	const regions = new Set([...model.onDemandRegions, ...model.profileOnlyRegions, ...(model.formerRegions ?? [])]);
	return catalog.regions.filter((region) => regions.has(region));
}

/** Ids (models and profiles) closest to a mistyped id, best first. */
export function suggestIds(catalog: Catalog, wanted: string, limit = 3): readonly string[] {
	const needle = wanted.toLowerCase();
	const candidates = [...catalog.models.map((m) => m.modelId), ...catalog.profiles.map((p) => p.profileId)];
	return candidates
		.map((id) => ({id, score: similarity(needle, id.toLowerCase())}))
		.filter((entry) => entry.score > 0)
		.sort((a, b) => b.score - a.score || a.id.length - b.id.length || compareText(a.id, b.id))
		.slice(0, limit)
		.map((entry) => entry.id);
}

/** Dice coefficient over character bigrams, boosted when one id contains the other. */
function similarity(a: string, b: string): number {
	if (a === b) return 2;
	const containment = b.includes(a) || a.includes(b) ? 0.5 : 0;
	const bigrams = (text: string): Map<string, number> => {
		const counts = new Map<string, number>();
		for (let i = 0; i < text.length - 1; i++) {
			const gram = text.slice(i, i + 2);
			counts.set(gram, (counts.get(gram) ?? 0) + 1);
		}
		return counts;
	};
	const left = bigrams(a);
	const right = bigrams(b);
	let overlap = 0;
	for (const [gram, count] of left) overlap += Math.min(count, right.get(gram) ?? 0);
	const total = Math.max(1, a.length - 1 + (b.length - 1));
	const dice = (2 * overlap) / total;
	return dice < 0.3 && containment === 0 ? 0 : dice + containment;
}
