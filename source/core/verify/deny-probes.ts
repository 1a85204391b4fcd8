/**
 * Which models to try that must be denied. A denial only proves something when the model is ACTIVE
 * and offered in the region: a retired model fails for its own reasons (the article's mistake).
 */
import {foundationModelArn} from '../arn.js';
import {profilesFrom} from '../catalog/lookup.js';
import type {Catalog, CatalogModel, ModelKind} from '../catalog/types.js';
import {systemProfileTarget, type InvocationTarget} from '../policy/targets.js';
import {compareText} from '../text-order.js';

export interface DenyProbeOptions {
	readonly catalog: Catalog;
	readonly region: string;
	readonly chosen: readonly InvocationTarget[];
	/** Needed to name profile ARNs; without it only models callable by id are picked. */
	readonly accountId?: string;
}

const probeKinds: readonly ModelKind[] = ['chat', 'embedding'];

/**
 * At most one model per kind among chat and embedding: from the provider of a chosen model of that kind
 * when there is one (the likeliest mistake is a sibling model), else any provider. Deterministic.
 */
export function chooseDenyProbes(options: DenyProbeOptions): readonly InvocationTarget[] {
	const {catalog, chosen} = options;
	const chosenModelIds = new Set(chosen.flatMap((target) => (target.model ? [target.model.modelId] : [])));
	const probes: InvocationTarget[] = [];
	for (const kind of probeKinds) {
		const providers = new Set(chosen.filter((t) => t.model?.kind === kind).map((t) => t.model!.provider));
		const candidates = catalog.models
			.filter((model) => model.kind === kind && model.lifecycle === 'ACTIVE' && !chosenModelIds.has(model.modelId))
			.map((model) => asTarget(model, options))
			.filter((target): target is InvocationTarget => target !== undefined)
			.sort((a, b) => rank(a, providers) - rank(b, providers) || compareText(a.model!.modelId, b.model!.modelId));
		const pick = candidates[0];
		if (pick) probes.push(pick);
	}
	return probes;
}

/** Same provider first, then models callable by id (no profile ARN, so no account needed to name them). */
const rank = (target: InvocationTarget, providers: ReadonlySet<string>): number =>
	(providers.has(target.model!.provider) ? 0 : 2) + (target.kind === 'foundation-model' ? 0 : 1);

/** How a client would call a model in the region, or undefined when it cannot. */
export function asTarget(model: CatalogModel, options: Omit<DenyProbeOptions, 'chosen'>): InvocationTarget | undefined {
	const {catalog, region, accountId} = options;
	if (model.onDemandRegions.includes(region)) {
		return {kind: 'foundation-model', requestedId: model.modelId, model, modelArn: foundationModelArn(region, model.modelId)};
	}
	const profile = profilesFrom(catalog, model.modelId, region)[0];
	if (!profile || accountId === undefined) return undefined;
	return systemProfileTarget(profile.profileId, profile, model, region, accountId);
}
