/**
 * The live catalog of one Region: ListFoundationModels + ListInferenceProfiles, in our Catalog shape.
 * End-of-life models are absent from the live list; the snapshot's entries for them are kept so a
 * policy for a retired model still explains itself.
 */
import {BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles, type FoundationModelSummary} from '@aws-sdk/client-bedrock';
import {bundledCatalog} from '../core/catalog/snapshot.js';
import type {Catalog, CatalogModel, CatalogProfile, ModelKind, ProfileScope} from '../core/catalog/types.js';
import type {CatalogPort} from '../flows/ports.js';
import {describeFailure, isAwsFailure} from '../core/aws-failure.js';

export function createCatalogPort(clientFor: (region: string) => BedrockClient, today: () => Date = () => new Date()): CatalogPort {
	return {
		async load(region) {
			const client = clientFor(region);
			try {
				const [models, profiles] = await Promise.all([client.send(new ListFoundationModelsCommand({})), listProfiles(client)]);
				return {catalog: liveCatalog(region, models.modelSummaries ?? [], profiles, today())};
			} catch (error) {
				// Not permitted, or Bedrock's control plane failing after the SDK's retries: the bundled
				// snapshot still knows the models, and the notice says the list may be dated.
				if (!isAwsFailure(error, 'refused', 'throttled', 'ambiguous')) throw error;
				return {catalog: bundledCatalog(), fallbackReason: describeFailure(error)};
			}
		},
	};
}

interface ProfileSummary {
	readonly inferenceProfileId?: string;
	readonly models?: ReadonlyArray<{readonly modelArn?: string}>;
	readonly type?: string;
}

async function listProfiles(client: BedrockClient): Promise<ProfileSummary[]> {
	const all: ProfileSummary[] = [];
	for await (const page of paginateListInferenceProfiles({client}, {typeEquals: 'SYSTEM_DEFINED'})) all.push(...(page.inferenceProfileSummaries ?? []));
	return all;
}

export function liveCatalog(region: string, summaries: readonly FoundationModelSummary[], profileSummaries: readonly ProfileSummary[], now: Date): Catalog {
	const snapshot = bundledCatalog();
	const models: CatalogModel[] = summaries.map((summary) => {
		const known = snapshot.models.find((model) => model.modelId === summary.modelId);
		const types = summary.inferenceTypesSupported ?? [];
		return {
			modelId: summary.modelId ?? '',
			provider: summary.providerName ?? '',
			name: summary.modelName ?? summary.modelId ?? '',
			kind: kindOf(summary),
			inputModalities: summary.inputModalities ?? [],
			outputModalities: summary.outputModalities ?? [],
			streaming: summary.responseStreamingSupported ?? false,
			lifecycle: summary.modelLifecycle?.status === 'LEGACY' ? 'LEGACY' : 'ACTIVE',
			...(known?.eolDate ? {eolDate: known.eolDate} : {}),
			onDemandRegions: types.includes('ON_DEMAND') ? [region] : [],
			profileOnlyRegions: types.includes('ON_DEMAND') ? [] : [region],
			thirdParty: (summary.providerName ?? 'Amazon') !== 'Amazon',
		};
	});
	const liveIds = new Set(models.map((model) => model.modelId));
	const retired = snapshot.models.filter((model) => model.lifecycle === 'EOL' && !liveIds.has(model.modelId));
	const profiles: CatalogProfile[] = profileSummaries.flatMap((summary) => {
		const profileId = summary.inferenceProfileId ?? '';
		const arns = (summary.models ?? []).map((model) => model.modelArn ?? '');
		const modelId = arns[0]?.split('foundation-model/')[1];
		if (!profileId || !modelId) return [];
		const destinations = arns.map((arn) => arn.split(':')[3] ?? '').filter(Boolean);
		return [{profileId, modelId, scope: scopeOf(profileId), sourceRegions: [region], destinationsBySourceRegion: {[region]: destinations}}];
	});
	return {origin: 'live', asOf: now.toISOString().slice(0, 10), regions: snapshot.regions, models: [...models, ...retired], profiles};
}

function kindOf(summary: FoundationModelSummary): ModelKind {
	// Modalities newer than this SDK's enum (VIDEO, SPEECH) still arrive as strings.
	const outputs: readonly string[] = summary.outputModalities ?? [];
	const id = summary.modelId ?? '';
	if (outputs.includes('EMBEDDING')) return 'embedding';
	if (id.includes('rerank')) return 'rerank';
	if (outputs.includes('IMAGE')) return 'image';
	if (outputs.includes('VIDEO')) return 'video';
	if (outputs.includes('SPEECH') || outputs.includes('AUDIO')) return 'speech';
	return 'chat';
}

function scopeOf(profileId: string): ProfileScope {
	const prefix = profileId.split('.')[0] ?? '';
	return (['us', 'eu', 'apac', 'jp', 'au', 'ca', 'in', 'global', 'us-gov'].includes(prefix) ? prefix : 'us') as ProfileScope;
}
