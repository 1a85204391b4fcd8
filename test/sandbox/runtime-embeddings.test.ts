import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {createRuntimeRouter} from '../../source/sandbox/runtime/index.js';
import {unitEmbedding} from '../../source/sandbox/runtime/embeddings.js';
import {dispatch, fakeContext, jsonBody} from './bedrock-handler-context.js';

const router = createRuntimeRouter({catalog: bundledCatalog()});
const norm = (vector: readonly number[]): number => Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));

async function invoke(modelId: string, body: unknown): Promise<Record<string, unknown>> {
	const context = fakeContext({
		method: 'POST',
		path: `/model/${encodeURIComponent(modelId)}/invoke`,
		body,
		agreements: ['cohere.embed-english-v3', 'cohere.embed-v4:0'],
	});
	return jsonBody(await dispatch(router, context));
}

describe('unitEmbedding', () => {
	it('has the asked dimension, norm 1, and depends only on model and input', () => {
		const a = unitEmbedding('m', 'hello', 300);
		expect(a).toHaveLength(300);
		expect(norm(a)).toBeCloseTo(1, 10);
		expect(unitEmbedding('m', 'hello', 300)).toEqual(a);
		expect(unitEmbedding('m', 'hellp', 300)).not.toEqual(a);
		expect(unitEmbedding('n', 'hello', 300)).not.toEqual(a);
	});
});

describe('Titan Text Embeddings V2', () => {
	const model = 'amazon.titan-embed-text-v2:0';

	it('answers 1024 normalized dimensions by default, deterministically', async () => {
		const first = await invoke(model, {inputText: 'least privilege'});
		const embedding = first['embedding'] as number[];
		expect(embedding).toHaveLength(1024);
		expect(norm(embedding)).toBeCloseTo(1, 6);
		expect(first['inputTextTokenCount']).toBe(2);
		expect(await invoke(model, {inputText: 'least privilege'})).toEqual(first);
		expect((await invoke(model, {inputText: 'most privilege'}))['embedding']).not.toEqual(embedding);
	});

	it.each([256, 512, 1024])('honours dimensions %i', async (dimensions) => {
		const embedding = (await invoke(model, {inputText: 'probe', dimensions}))['embedding'] as number[];
		expect(embedding).toHaveLength(dimensions);
		expect(norm(embedding)).toBeCloseTo(1, 6);
	});

	it('rejects other dimensions and missing text as a malformed request', async () => {
		await expect(invoke(model, {inputText: 'x', dimensions: 100})).rejects.toMatchObject({
			code: 'ValidationException',
			message: expect.stringContaining('#/dimensions: 100 is not a valid enum value'),
		});
		await expect(invoke(model, {dimensions: 256})).rejects.toMatchObject({message: expect.stringContaining('required key [inputText] not found')});
	});

	it('returns a raw (non-unit) vector with normalize false, and embeddingsByType when asked', async () => {
		const raw = (await invoke(model, {inputText: 'x', normalize: false}))['embedding'] as number[];
		expect(norm(raw)).toBeGreaterThan(1.001);
		const typed = await invoke(model, {inputText: 'x', dimensions: 256, embeddingTypes: ['float', 'binary']});
		const byType = typed['embeddingsByType'] as {float: number[]; binary: number[]};
		expect(byType.float).toEqual(typed['embedding']);
		expect(byType.binary).toHaveLength(256);
		expect(new Set(byType.binary)).toEqual(new Set([0, 1]));
	});
});

describe('Titan Embeddings G1 / v1', () => {
	it.each(['amazon.titan-embed-text-v1', 'amazon.titan-embed-g1-text-02'])('%s answers 1536 dimensions and refuses a v2 body', async (model) => {
		const embedding = (await invoke(model, {inputText: 'hello'}))['embedding'] as number[];
		expect(embedding).toHaveLength(1536);
		expect(norm(embedding)).toBeCloseTo(1, 6);
		await expect(invoke(model, {inputText: 'hello', dimensions: 256})).rejects.toMatchObject({
			message: expect.stringContaining('extraneous key [dimensions] is not permitted'),
		});
	});
});

describe('Cohere Embed', () => {
	it('v3 answers embeddings_floats, one 1024-dimension vector per text', async () => {
		const body = await invoke('cohere.embed-english-v3', {texts: ['a', 'b'], input_type: 'search_document'});
		expect(body['response_type']).toBe('embeddings_floats');
		expect(body['texts']).toEqual(['a', 'b']);
		expect(body['id']).toMatch(/^[0-9a-f-]{36}$/);
		const embeddings = body['embeddings'] as number[][];
		expect(embeddings.map((vector) => vector.length)).toEqual([1024, 1024]);
		expect(embeddings[0]).not.toEqual(embeddings[1]);
		expect(norm(embeddings[0] ?? [])).toBeCloseTo(1, 6);
	});

	it('v4 honours output_dimension and embedding_types', async () => {
		const body = await invoke('cohere.embed-v4:0', {texts: ['a'], input_type: 'search_query', output_dimension: 256, embedding_types: ['float', 'int8']});
		expect(body['response_type']).toBe('embeddings_by_type');
		const embeddings = body['embeddings'] as {float: number[][]; int8: number[][]};
		expect(embeddings.float[0]).toHaveLength(256);
		expect(embeddings.int8[0]?.every((x) => Number.isInteger(x) && x >= -128 && x <= 127)).toBe(true);
	});

	it('needs input_type', async () => {
		await expect(invoke('cohere.embed-english-v3', {texts: ['a']})).rejects.toMatchObject({
			message: expect.stringContaining('required key [input_type] not found'),
		});
	});
});
