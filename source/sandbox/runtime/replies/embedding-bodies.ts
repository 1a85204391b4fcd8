/**
 * InvokeModel on embedding models, in each model's native request and response format. Vectors come
 * from ../embeddings.ts: deterministic from the input, L2-normalized unless the request asks otherwise.
 */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {binaryEmbedding, int8Embedding, scaledEmbedding, stableId, unitEmbedding} from '../embeddings.js';
import {countTokens} from '../tokens.js';
import {readModelBody, rejectExtraneousKeys, requireKeys, schemaError} from './model-body.js';

function oneOf(body: Record<string, unknown>, key: string, allowed: readonly number[], fallback: number): number {
	const value = body[key];
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !allowed.includes(value)) throw schemaError([`#/${key}: ${String(value)} is not a valid enum value`]);
	return value;
}

function requireString(body: Record<string, unknown>, key: string): string {
	const value = body[key];
	if (typeof value !== 'string') throw schemaError([`#/${key}: expected type: String, found: ${value === null ? 'Null' : typeof value}`]);
	return value;
}

/** Titan Text Embeddings V2: `{inputText, dimensions: 256|512|1024, normalize, embeddingTypes}`. */
function titanTextV2(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	requireKeys(body, ['inputText']);
	rejectExtraneousKeys(body, ['inputText', 'dimensions', 'normalize', 'embeddingTypes']);
	const inputText = requireString(body, 'inputText');
	const dimensions = oneOf(body, 'dimensions', [256, 512, 1024], 1024);
	const normalize = body['normalize'] !== false;
	const embedding = normalize ? unitEmbedding(model.modelId, inputText, dimensions) : scaledEmbedding(model.modelId, inputText, dimensions);
	const response: Record<string, unknown> = {embedding, inputTextTokenCount: countTokens(inputText)};
	const types = body['embeddingTypes'];
	if (Array.isArray(types)) {
		const byType: Record<string, number[]> = {};
		for (const type of types) {
			if (type === 'float') byType['float'] = embedding;
			else if (type === 'binary') byType['binary'] = binaryEmbedding(embedding);
			else throw schemaError([`#/embeddingTypes: ${String(type)} is not a valid enum value`]);
		}
		response['embeddingsByType'] = byType;
	}
	return response;
}

/** Titan Embeddings G1 - Text (v1): only `inputText`; 1536 dimensions. A v2-style body fails here as on AWS. */
function titanTextV1(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	requireKeys(body, ['inputText']);
	rejectExtraneousKeys(body, ['inputText']);
	const inputText = requireString(body, 'inputText');
	return {embedding: unitEmbedding(model.modelId, inputText, 1536), inputTextTokenCount: countTokens(inputText)};
}

/** Titan Multimodal Embeddings G1: text and/or image, `embeddingConfig.outputEmbeddingLength`. */
function titanMultimodal(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	if (body['inputText'] === undefined && body['inputImage'] === undefined) throw schemaError(['#: required key [inputText] not found']);
	const config = typeof body['embeddingConfig'] === 'object' && body['embeddingConfig'] !== null ? (body['embeddingConfig'] as Record<string, unknown>) : {};
	const dimensions = oneOf(config, 'outputEmbeddingLength', [256, 384, 1024], 1024);
	const input = `${String(body['inputText'] ?? '')}\u0000${String(body['inputImage'] ?? '')}`;
	return {embedding: unitEmbedding(model.modelId, input, dimensions), inputTextTokenCount: countTokens(String(body['inputText'] ?? ''))};
}

/** Nova Multimodal Embeddings: `{taskType, singleEmbeddingParams: {embeddingDimension, text: {value}}}`. */
function novaMultimodal(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	requireKeys(body, ['taskType']);
	const params = body['singleEmbeddingParams'];
	if (typeof params !== 'object' || params === null) throw schemaError(['#: required key [singleEmbeddingParams] not found']);
	const record = params as Record<string, unknown>;
	const dimensions = oneOf(record, 'embeddingDimension', [256, 384, 1024, 3072], 3072);
	const text = typeof record['text'] === 'object' && record['text'] !== null ? String((record['text'] as Record<string, unknown>)['value'] ?? '') : '';
	return {embeddings: [{embeddingType: 'TEXT', embedding: unitEmbedding(model.modelId, text, dimensions)}]};
}

const cohereInputTypes = ['search_document', 'search_query', 'classification', 'clustering', 'image'];

/** Cohere Embed v3 (1024 dimensions) and v4 (`output_dimension`, 1536 by default). */
function cohere(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	requireKeys(body, ['input_type']);
	const texts = body['texts'];
	if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) throw schemaError(['#: required key [texts] not found']);
	if (texts.length > 96) throw schemaError([`#/texts: expected maximum item count: 96, found: ${texts.length}`]);
	if (typeof body['input_type'] !== 'string' || !cohereInputTypes.includes(body['input_type'])) {
		throw schemaError([`#/input_type: ${String(body['input_type'])} is not a valid enum value`]);
	}
	const isV4 = model.modelId.startsWith('cohere.embed-v4');
	const dimensions = isV4 ? oneOf(body, 'output_dimension', [256, 512, 1024, 1536], 1536) : 1024;
	const vectors = (texts as string[]).map((text) => unitEmbedding(model.modelId, text, dimensions));
	const id = stableId(`${model.modelId}\u0000${texts.join('\u0000')}`);
	const types = body['embedding_types'];
	if (!Array.isArray(types)) return {embeddings: vectors, id, response_type: 'embeddings_floats', texts};
	const embeddings: Record<string, number[][]> = {};
	for (const type of types) {
		if (type === 'float') embeddings['float'] = vectors;
		else if (type === 'int8') embeddings['int8'] = vectors.map(int8Embedding);
		else if (type === 'binary' || type === 'ubinary') embeddings[type] = vectors.map(binaryEmbedding);
		else throw schemaError([`#/embedding_types: ${String(type)} is not a valid enum value`]);
	}
	return {embeddings, id, response_type: 'embeddings_by_type', texts};
}

/** TwelveLabs Marengo (text input synchronously; media goes through StartAsyncInvoke). */
function marengo(model: CatalogModel, body: Record<string, unknown>): Record<string, unknown> {
	requireKeys(body, ['inputType']);
	const text = String(
		body['inputText'] ?? (typeof body['text'] === 'object' && body['text'] !== null ? (body['text'] as Record<string, unknown>)['inputText'] : '') ?? '',
	);
	return {data: [{embedding: unitEmbedding(model.modelId, text, model.modelId.includes('3-0') ? 512 : 1024)}]};
}

export function invokeEmbeddingResponse(model: CatalogModel, rawBody: Buffer): Record<string, unknown> {
	const body = readModelBody(rawBody);
	const id = model.modelId;
	if (id.startsWith('amazon.titan-embed-text-v2')) return titanTextV2(model, body);
	if (id.startsWith('amazon.titan-embed-text-v1') || id.startsWith('amazon.titan-embed-g1-text')) return titanTextV1(model, body);
	if (id.startsWith('amazon.titan-embed-image')) return titanMultimodal(model, body);
	if (id.startsWith('amazon.nova')) return novaMultimodal(model, body);
	if (id.startsWith('cohere.')) return cohere(model, body);
	return marengo(model, body);
}
