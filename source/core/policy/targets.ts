/**
 * What the person chose, resolved against the catalog: for each id, how a client will call it
 * and which ARNs IAM will check on the way.
 */
import {foundationModelArn, inferenceProfileArn, isAccountId, isApplicationInferenceProfileArn, regionlessFoundationModelArn} from '../arn.js';
import {findModel, findProfile, profileDestinations, profilesFrom, regionsOffering, suggestIds} from '../catalog/lookup.js';
import type {Catalog, CatalogModel, CatalogProfile} from '../catalog/types.js';

export type InvocationTarget =
	/** A foundation model called by its bare id in the region (on-demand throughput). */
	| {readonly kind: 'foundation-model'; readonly requestedId: string; readonly model: CatalogModel; readonly modelArn: string}
	/** A system inference profile: the profile ARN, then the model ARN in the destination region IAM sees. */
	| {
			readonly kind: 'system-profile';
			readonly requestedId: string;
			readonly model: CatalogModel;
			readonly profile: CatalogProfile;
			readonly profileArn: string;
			/** Model ARNs in every destination region a call from this region may be routed to. */
			readonly destinationModelArns: readonly string[];
			/** `global.` profiles also need the region-less model ARN. */
			readonly regionlessModelArn?: string;
	  }
	/** An application inference profile (account-owned copy of a model or a system profile). */
	| {
			readonly kind: 'application-profile';
			readonly requestedId: string;
			readonly profileArn: string;
			readonly model?: CatalogModel;
			readonly destinationModelArns: readonly string[];
			readonly regionlessModelArn?: string;
	  };

export interface TargetWarning {
	readonly code: 'legacy' | 'end-of-life';
	readonly id: string;
	readonly modelName: string;
	/** ISO date, where the catalog knows it. */
	readonly date?: string;
}

export type TargetProblem =
	| {readonly code: 'unknown-id'; readonly id: string; readonly suggestions: readonly string[]}
	| {readonly code: 'needs-account'; readonly id: string}
	| {readonly code: 'not-in-region'; readonly id: string; readonly region: string; readonly regionsOffering: readonly string[]}
	| {readonly code: 'needs-profile'; readonly id: string; readonly region: string; readonly profileIds: readonly string[]}
	| {readonly code: 'profile-not-in-region'; readonly id: string; readonly region: string; readonly sourceRegions: readonly string[]}
	| {readonly code: 'application-profile-needs-model'; readonly id: string};

export interface TargetResolution {
	readonly targets: readonly InvocationTarget[];
	readonly warnings: readonly TargetWarning[];
	readonly problems: readonly TargetProblem[];
}

export interface ResolveOptions {
	readonly catalog: Catalog;
	readonly region: string;
	readonly accountId?: string;
}

/**
 * Resolves each requested id. An application profile is given as `<profile ARN>=<model or profile id>`,
 * because what it copies can only be learned from AWS (GetInferenceProfile).
 */
export function resolveTargets(ids: readonly string[], options: ResolveOptions): TargetResolution {
	const targets: InvocationTarget[] = [];
	const warnings: TargetWarning[] = [];
	const problems: TargetProblem[] = [];
	for (const id of [...new Set(ids)]) {
		const result = resolveOne(id, options);
		if ('code' in result) problems.push(result);
		else {
			targets.push(result);
			const warning = lifecycleWarning(id, result.model);
			if (warning) warnings.push(warning);
		}
	}
	return {targets, warnings, problems};
}

function resolveOne(id: string, options: ResolveOptions): InvocationTarget | TargetProblem {
	const {catalog, region, accountId} = options;
	if (id.includes('application-inference-profile/')) return resolveApplicationProfile(id, options);

	const profile = findProfile(catalog, id);
	if (profile) {
		if (accountId === undefined || !isAccountId(accountId)) return {code: 'needs-account', id};
		if (!profile.sourceRegions.includes(region)) return {code: 'profile-not-in-region', id, region, sourceRegions: profile.sourceRegions};
		const model = findModel(catalog, profile.modelId);
		if (!model) return {code: 'unknown-id', id, suggestions: suggestIds(catalog, id)};
		return systemProfileTarget(id, profile, model, region, accountId);
	}

	const model = findModel(catalog, id);
	if (!model) return {code: 'unknown-id', id, suggestions: suggestIds(catalog, id)};
	if (model.lifecycle === 'EOL') {
		// People still write policies for models they run (and `policy` must reproduce the article's example):
		// an end-of-life model compiles with a warning, if it used to be offered in the region.
		const former = regionsOffering(catalog, model);
		if (former.length > 0 && !former.includes(region)) return {code: 'not-in-region', id, region, regionsOffering: former};
		return {kind: 'foundation-model', requestedId: id, model, modelArn: foundationModelArn(region, model.modelId)};
	}
	if (model.onDemandRegions.includes(region)) {
		return {kind: 'foundation-model', requestedId: id, model, modelArn: foundationModelArn(region, model.modelId)};
	}
	const profiles = profilesFrom(catalog, model.modelId, region);
	if (profiles.length > 0) return {code: 'needs-profile', id, region, profileIds: profiles.map((p) => p.profileId)};
	return {code: 'not-in-region', id, region, regionsOffering: regionsOffering(catalog, model)};
}

export function systemProfileTarget(id: string, profile: CatalogProfile, model: CatalogModel, region: string, accountId: string): InvocationTarget {
	const destinations = [...profileDestinations(profile, region)].sort();
	return {
		kind: 'system-profile',
		requestedId: id,
		model,
		profile,
		profileArn: inferenceProfileArn(region, accountId, profile.profileId),
		destinationModelArns: destinations.map((destination) => foundationModelArn(destination, model.modelId)),
		...(profile.scope === 'global' ? {regionlessModelArn: regionlessFoundationModelArn(model.modelId)} : {}),
	};
}

function resolveApplicationProfile(id: string, options: ResolveOptions): InvocationTarget | TargetProblem {
	const [arn = '', copied] = id.split('=', 2);
	if (!isApplicationInferenceProfileArn(arn)) return {code: 'unknown-id', id, suggestions: []};
	if (!copied) return {code: 'application-profile-needs-model', id};
	const inner = resolveOne(copied, {...options, accountId: options.accountId ?? arn.split(':')[4]});
	if ('code' in inner) return inner.code === 'needs-profile' ? inner : {...inner, id};
	if (inner.kind === 'foundation-model') {
		return {kind: 'application-profile', requestedId: id, profileArn: arn, model: inner.model, destinationModelArns: [inner.modelArn]};
	}
	if (inner.kind === 'system-profile') {
		return {
			kind: 'application-profile',
			requestedId: id,
			profileArn: arn,
			model: inner.model,
			destinationModelArns: inner.destinationModelArns,
			...(inner.regionlessModelArn ? {regionlessModelArn: inner.regionlessModelArn} : {}),
		};
	}
	return {code: 'unknown-id', id, suggestions: []};
}

function lifecycleWarning(id: string, model: CatalogModel | undefined): TargetWarning | undefined {
	if (!model || model.lifecycle === 'ACTIVE') return undefined;
	return {
		code: model.lifecycle === 'EOL' ? 'end-of-life' : 'legacy',
		id,
		modelName: model.name,
		...(model.eolDate ? {date: model.eolDate} : {}),
	};
}

/** The model id or ARN a client passes as `modelId` to reach this target. */
export function invocationId(target: InvocationTarget): string {
	switch (target.kind) {
		case 'foundation-model':
			return target.model.modelId;
		case 'system-profile':
			return target.profile.profileId;
		case 'application-profile':
			return target.profileArn;
	}
}
