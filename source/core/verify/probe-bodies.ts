/**
 * The cheapest request that proves a model answers. Chat models: Converse with one token. Embedding
 * models do not support Converse: InvokeModel with the family's body (docs/aws-facts.md, 'Model request bodies').
 */
import type {CatalogModel} from '../catalog/types.js';

export type ProbeRequest =
	| {readonly operation: 'Converse' | 'ConverseStream'; readonly prompt: string; readonly maxTokens: number}
	| {readonly operation: 'InvokeModel'; readonly body: string}
	/** The vendor-compatible surfaces (core/verify/surfaces.ts): one user message, `max_tokens` 1. */
	| {readonly operation: CompatibleOperation; readonly prompt: string; readonly maxTokens: number};

/**
 * bedrock-runtime's `/openai/v1/chat/completions` and `/anthropic/v1/messages`, and the Mantle endpoint's
 * `/v1/chat/completions`, `/anthropic/v1/messages` and OpenAI's Responses API (`MantleResponses`, what Codex
 * calls) (docs/aws-facts.md, 'OpenAI-compatible and Anthropic surfaces').
 */
export type CompatibleOperation = 'ChatCompletions' | 'AnthropicMessages' | 'MantleChatCompletions' | 'MantleMessages' | 'MantleResponses';

const compatibleOperations: readonly string[] = ['ChatCompletions', 'AnthropicMessages', 'MantleChatCompletions', 'MantleMessages', 'MantleResponses'];

export const isCompatibleOperation = (operation: string): operation is CompatibleOperation => compatibleOperations.includes(operation);

export const isMantleOperation = (operation: string): boolean => isCompatibleOperation(operation) && operation.startsWith('Mantle');

/**
 * The cheapest call on a compatible surface: one token; on the Responses API 16, the least OpenAI's API takes
 * for `max_output_tokens` (whether Mantle holds to it is not confirmed).
 */
export const compatibleProbeRequest = (operation: CompatibleOperation): ProbeRequest => ({
	operation,
	prompt: PROMPT,
	maxTokens: operation === 'MantleResponses' ? RESPONSES_MIN_OUTPUT_TOKENS : 1,
});

const RESPONSES_MIN_OUTPUT_TOKENS = 16;

const PROMPT = 'Hi';

export function probeRequest(model: CatalogModel | undefined, streaming: boolean): ProbeRequest {
	if (!model || model.kind === 'chat') return {operation: streaming ? 'ConverseStream' : 'Converse', prompt: PROMPT, maxTokens: 1};
	return {operation: 'InvokeModel', body: JSON.stringify(invokeBody(model))};
}

function invokeBody(model: CatalogModel): Record<string, unknown> {
	const id = model.modelId;
	if (model.kind === 'embedding') {
		if (id.startsWith('amazon.titan-embed-text-v2')) return {inputText: PROMPT, dimensions: 256, normalize: true};
		if (id.startsWith('amazon.titan-embed')) return {inputText: PROMPT};
		if (id.startsWith('cohere.embed')) return {texts: [PROMPT], input_type: 'search_document'};
		if (id.startsWith('amazon.nova') && id.includes('embed')) {
			return {
				taskType: 'SINGLE_EMBEDDING',
				singleEmbeddingParams: {embeddingPurpose: 'GENERIC_INDEX', embeddingDimension: 256, text: {truncationMode: 'END', value: PROMPT}},
			};
		}
		return {inputText: PROMPT};
	}
	if (model.kind === 'rerank') return {query: PROMPT, documents: [PROMPT], top_n: 1};
	if (model.kind === 'image') {
		if (id.startsWith('stability.')) return {prompt: 'a small grey dot', output_format: 'png'};
		return {taskType: 'TEXT_IMAGE', textToImageParams: {text: 'a small grey dot'}, imageGenerationConfig: {numberOfImages: 1, width: 320, height: 320}};
	}
	return {inputText: PROMPT};
}
