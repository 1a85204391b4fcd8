/** InvokeModel on image models: a tiny but valid PNG, in the shape Stability and Amazon image models answer. */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {fnv1a} from '../embeddings.js';
import {readModelBody} from './model-body.js';

/** A 1x1 PNG: decodes in any image library, costs nothing to send. */
export const tinyPngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function invokeImageResponse(model: CatalogModel, rawBody: Buffer): Record<string, unknown> {
	const body = readModelBody(rawBody);
	if (model.modelId.startsWith('stability.')) {
		const seed = typeof body['seed'] === 'number' ? body['seed'] : fnv1a(JSON.stringify(body)) % 4294967295;
		return {seeds: [seed], finish_reasons: [null], images: [tinyPngBase64]};
	}
	return {images: [tinyPngBase64]};
}
