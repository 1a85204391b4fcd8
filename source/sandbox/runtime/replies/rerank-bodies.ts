/** InvokeModel on rerank models: `{query, documents}` -> documents ranked by a deterministic score. */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {fnv1a, stableId} from '../embeddings.js';
import {readModelBody, requireKeys, schemaError} from './model-body.js';

export function invokeRerankResponse(model: CatalogModel, rawBody: Buffer): Record<string, unknown> {
	const body = readModelBody(rawBody);
	requireKeys(body, ['query', 'documents']);
	const documents = body['documents'];
	if (!Array.isArray(documents) || documents.length === 0) throw schemaError(['#/documents: expected minimum item count: 1, found: 0']);
	const query = String(body['query']);
	const scored = documents
		.map((document, index) => ({index, score: (fnv1a(`${query}\u0000${JSON.stringify(document)}`) % 10_000) / 10_000}))
		.sort((a, b) => b.score - a.score || a.index - b.index);
	const topN = typeof body['top_n'] === 'number' ? body['top_n'] : scored.length;
	const top = scored.slice(0, topN);
	if (model.modelId.startsWith('cohere.')) {
		return {id: stableId(`${model.modelId}\u0000${query}`), results: top.map(({index, score}) => ({index, relevance_score: score}))};
	}
	return {results: top.map(({index, score}) => ({index, relevanceScore: score}))};
}
