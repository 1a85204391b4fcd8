/**
 * What the Region and model pickers offer, from the catalog: usable models per Region, and one row per
 * model with the id a client should call (its bare id, or its inference profile where only that works).
 */
import {reachability, type Catalog, type CatalogModel, type ModelKind} from '../core/catalog/index.js';

export interface RegionChoice {
	readonly region: string;
	readonly models: number;
}

export function regionChoices(catalog: Catalog): readonly RegionChoice[] {
	return catalog.regions.map((region) => ({
		region,
		models: catalog.models.filter((model) => model.lifecycle !== 'EOL' && reachability(catalog, model, region).kind !== 'not-offered').length,
	}));
}

export interface ModelChoice {
	/** The id that goes into --models: the model id, or the profile id when the model is profile-only here. */
	readonly id: string;
	readonly model: CatalogModel;
	readonly viaProfile: boolean;
	readonly group: string;
}

const kindOrder: readonly ModelKind[] = ['chat', 'embedding', 'image', 'video', 'speech', 'rerank'];

export function modelChoices(catalog: Catalog, region: string): readonly ModelChoice[] {
	const choices: ModelChoice[] = [];
	for (const model of catalog.models) {
		// End-of-life models cannot be called any more: the picker hides them (docs/aws-facts.md, 'Model lifecycle').
		if (model.lifecycle === 'EOL') continue;
		const reach = reachability(catalog, model, region);
		if (reach.kind === 'not-offered') continue;
		const id = reach.kind === 'on-demand' ? model.modelId : reach.profiles[0]!.profileId;
		choices.push({id, model, viaProfile: reach.kind === 'profile-only', group: `${model.provider}/${model.kind}`});
	}
	return choices.sort(
		(a, b) =>
			a.model.provider.localeCompare(b.model.provider) ||
			kindOrder.indexOf(a.model.kind) - kindOrder.indexOf(b.model.kind) ||
			Number(a.model.lifecycle === 'LEGACY') - Number(b.model.lifecycle === 'LEGACY') ||
			a.model.name.localeCompare(b.model.name),
	);
}
