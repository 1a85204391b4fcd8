/**
 * "One chat model + one embedding model": the pair most people want first, picked from what the Region
 * actually offers. Chat: Claude Haiku (through the Region's geographic profile) when offered, else Amazon
 * Nova Lite; embedding: Titan Text Embeddings v2, else any current embedding model.
 */
import {profilesFrom} from './lookup.js';
import type {Catalog} from './types.js';

const chatPreferences = ['anthropic.claude-haiku-4-5-20251001-v1:0', 'amazon.nova-2-lite-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-micro-v1:0'];
const embeddingPreferences = ['amazon.titan-embed-text-v2:0', 'cohere.embed-multilingual-v3', 'cohere.embed-english-v3'];

export function starterModels(catalog: Catalog, region: string): readonly string[] {
	const pick = (preferences: readonly string[], kind: 'chat' | 'embedding'): string | undefined => {
		const ordered = [...preferences, ...catalog.models.filter((m) => m.kind === kind && m.lifecycle === 'ACTIVE').map((m) => m.modelId)];
		for (const modelId of ordered) {
			const model = catalog.models.find((m) => m.modelId === modelId && m.lifecycle === 'ACTIVE');
			if (!model) continue;
			if (model.onDemandRegions.includes(region)) return model.modelId;
			// Prefer the geographic profile: its data stays in the geography.
			const profile = profilesFrom(catalog, model.modelId, region)[0];
			if (profile) return profile.profileId;
		}
		return undefined;
	};
	return [pick(chatPreferences, 'chat'), pick(embeddingPreferences, 'embedding')].filter((id): id is string => id !== undefined);
}
