/** Our view of Bedrock's model catalog: the bundled snapshot and the live catalog share this shape. */

export type ModelKind = 'chat' | 'embedding' | 'image' | 'video' | 'speech' | 'rerank';
/** EOL models have left ListFoundationModels; we keep them to explain why a call fails. */
export type Lifecycle = 'ACTIVE' | 'LEGACY' | 'EOL';
export type ProfileScope = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca' | 'in' | 'global' | 'us-gov';

export interface CatalogModel {
	readonly modelId: string;
	readonly provider: string;
	readonly name: string;
	readonly kind: ModelKind;
	readonly inputModalities: readonly string[];
	readonly outputModalities: readonly string[];
	readonly streaming: boolean;
	readonly lifecycle: Lifecycle;
	/** ISO date the model reaches (or reached) end of life, where known. */
	readonly eolDate?: string;
	/** Regions where the bare model id can be invoked on demand. */
	readonly onDemandRegions: readonly string[];
	/** Regions where the model can only be reached through a system inference profile. */
	readonly profileOnlyRegions: readonly string[];
	/** For EOL models: where they used to be offered. */
	readonly formerRegions?: readonly string[];
	/** True for non-Amazon providers: the first call may start an AWS Marketplace subscription. */
	readonly thirdParty: boolean;
}

export interface CatalogProfile {
	/** e.g. `us.anthropic.claude-haiku-4-5-20251001-v1:0` */
	readonly profileId: string;
	readonly modelId: string;
	readonly scope: ProfileScope;
	readonly sourceRegions: readonly string[];
	/** GetInferenceProfile's answer per source region: the regions a call from there may be routed to. */
	readonly destinationsBySourceRegion: Readonly<Record<string, readonly string[]>>;
}

export interface Catalog {
	/** `snapshot` = bundled with the tool; `live` = asked from AWS. */
	readonly origin: 'snapshot' | 'live';
	/** When the data was compiled (snapshot) or fetched (live), ISO date. */
	readonly asOf: string;
	readonly regions: readonly string[];
	readonly models: readonly CatalogModel[];
	readonly profiles: readonly CatalogProfile[];
}
