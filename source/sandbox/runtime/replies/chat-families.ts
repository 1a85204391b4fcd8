/**
 * InvokeModel and InvokeModelWithResponseStream for chat models speak each provider's native body
 * format. The sandbox implements the families a probe or a workshop meets: Anthropic Messages, Amazon
 * Nova, Meta Llama, Mistral, and the OpenAI-style chat completions most newer providers use on Bedrock.
 */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {chatReply, latencyMs, noteUsage, type ChatReply, type ReplyUsage} from './chat-reply.js';
import {readModelBody, requireKeys, tokenLimit} from './model-body.js';
import {stableId} from '../embeddings.js';

export type ChatFamily = 'anthropic' | 'nova' | 'meta' | 'mistral' | 'chat-completions';

export function chatFamily(model: CatalogModel): ChatFamily {
	if (model.modelId.startsWith('anthropic.')) return 'anthropic';
	if (model.modelId.startsWith('amazon.nova')) return 'nova';
	if (model.modelId.startsWith('meta.')) return 'meta';
	if (model.modelId.startsWith('mistral.')) return 'mistral';
	return 'chat-completions';
}

interface FamilyReply {
	readonly body: Record<string, unknown>;
	readonly reply: ChatReply;
}

/** Reads the body, checks the family's required keys and computes the deterministic reply. */
function replyFor(
	model: CatalogModel,
	body: Buffer,
	used: ReplyUsage | undefined,
): FamilyReply & {readonly family: ChatFamily; readonly usesMessages: boolean} {
	const family = chatFamily(model);
	const request = readModelBody(body);
	let maxTokens: number | undefined;
	let usesMessages = true;
	switch (family) {
		case 'anthropic':
			requireKeys(request, ['anthropic_version', 'max_tokens', 'messages']);
			maxTokens = tokenLimit(request, ['max_tokens']);
			break;
		case 'nova':
			requireKeys(request, ['messages']);
			maxTokens = tokenLimit(request['inferenceConfig'], ['max_new_tokens', 'maxTokens']);
			break;
		case 'meta':
			requireKeys(request, ['prompt']);
			usesMessages = false;
			maxTokens = tokenLimit(request, ['max_gen_len']);
			break;
		case 'mistral':
		case 'chat-completions':
			usesMessages = request['messages'] !== undefined || request['prompt'] === undefined;
			requireKeys(request, [usesMessages ? 'messages' : 'prompt']);
			maxTokens = tokenLimit(request, ['max_tokens', 'max_completion_tokens']);
			break;
	}
	return {family, usesMessages, body: request, reply: noteUsage(used, chatReply(model, usesMessages ? request['messages'] : request['prompt'], maxTokens))};
}

const shortModelName = (model: CatalogModel): string => model.modelId.replace(/^[a-z0-9-]+\./, '');

function invocationMetrics(reply: ChatReply): Record<string, number> {
	const latency = latencyMs(reply);
	return {inputTokenCount: reply.inputTokens, outputTokenCount: reply.outputTokens, invocationLatency: latency, firstByteLatency: Math.min(latency, 20)};
}

const stopWord = (reply: ChatReply, whenCut: string, whenDone: string): string => (reply.stopReason === 'max_tokens' ? whenCut : whenDone);

/** Streams carry the stop reason on the last chunk only. */
const finalStop = (reply: ChatReply, index: number): string | null => (index === reply.pieces.length - 1 ? stopWord(reply, 'length', 'stop') : null);

export function invokeChatResponse(model: CatalogModel, body: Buffer, now: Date, used?: ReplyUsage): Record<string, unknown> {
	const {family, usesMessages, reply} = replyFor(model, body, used);
	const id = stableId(`${model.modelId}\u0000${body.toString('utf8')}`);
	switch (family) {
		case 'anthropic':
			return {
				id: `msg_bdrk_${id.replace(/-/g, '').slice(0, 24)}`,
				type: 'message',
				role: 'assistant',
				model: shortModelName(model),
				content: [{type: 'text', text: reply.text}],
				stop_reason: reply.stopReason,
				stop_sequence: null,
				usage: {input_tokens: reply.inputTokens, output_tokens: reply.outputTokens},
			};
		case 'nova':
			return {
				output: {message: {role: 'assistant', content: [{text: reply.text}]}},
				stopReason: reply.stopReason,
				usage: {inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.inputTokens + reply.outputTokens},
			};
		case 'meta':
			return {
				generation: reply.text,
				prompt_token_count: reply.inputTokens,
				generation_token_count: reply.outputTokens,
				stop_reason: stopWord(reply, 'length', 'stop'),
			};
		case 'mistral':
			if (!usesMessages) return {outputs: [{text: reply.text, stop_reason: stopWord(reply, 'length', 'stop')}]};
			return {choices: [{index: 0, message: {role: 'assistant', content: reply.text}, stop_reason: stopWord(reply, 'length', 'stop')}]};
		case 'chat-completions':
			if (!usesMessages) return {choices: [{text: reply.text, stop_reason: stopWord(reply, 'length', 'stop')}]};
			return {
				id: `chatcmpl-${id}`,
				object: 'chat.completion',
				created: Math.floor(now.getTime() / 1000),
				model: model.modelId,
				choices: [{index: 0, message: {role: 'assistant', content: reply.text}, finish_reason: stopWord(reply, 'length', 'stop')}],
				usage: {prompt_tokens: reply.inputTokens, completion_tokens: reply.outputTokens, total_tokens: reply.inputTokens + reply.outputTokens},
			};
	}
}

/**
 * Anthropic's Messages stream (message_start, one text block in deltas, message_delta with the stop reason,
 * message_stop): what InvokeModelWithResponseStream carries for Claude, and the Messages surfaces send as events.
 */
export function anthropicStreamEvents(messageId: string, modelName: string, reply: ChatReply): Array<Record<string, unknown> & {type: string}> {
	return [
		{
			type: 'message_start',
			message: {
				id: messageId,
				type: 'message',
				role: 'assistant',
				model: modelName,
				content: [],
				stop_reason: null,
				stop_sequence: null,
				usage: {input_tokens: reply.inputTokens, output_tokens: 1},
			},
		},
		{type: 'content_block_start', index: 0, content_block: {type: 'text', text: ''}},
		...reply.pieces.map((text) => ({type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text}})),
		{type: 'content_block_stop', index: 0},
		{type: 'message_delta', delta: {stop_reason: reply.stopReason, stop_sequence: null}, usage: {output_tokens: reply.outputTokens}},
		{type: 'message_stop'},
	];
}

/** The JSON chunks of the family's streaming format; Bedrock appends its invocation metrics to the last one. */
export function invokeChatStreamChunks(model: CatalogModel, body: Buffer, now: Date, used?: ReplyUsage): Array<Record<string, unknown>> {
	const {family, usesMessages, reply} = replyFor(model, body, used);
	const chunks = familyChunks(model, family, usesMessages, reply, now);
	const last = chunks.at(-1);
	if (last) last['amazon-bedrock-invocationMetrics'] = invocationMetrics(reply);
	return chunks;
}

function familyChunks(model: CatalogModel, family: ChatFamily, usesMessages: boolean, reply: ChatReply, now: Date): Array<Record<string, unknown>> {
	const id = stableId(`${model.modelId}\u0000${reply.text}`);
	switch (family) {
		case 'anthropic':
			return anthropicStreamEvents(`msg_bdrk_${id.replace(/-/g, '').slice(0, 24)}`, shortModelName(model), reply);
		case 'nova':
			return [
				{messageStart: {role: 'assistant'}},
				...reply.pieces.map((text) => ({contentBlockDelta: {delta: {text}, contentBlockIndex: 0}})),
				{contentBlockStop: {contentBlockIndex: 0}},
				{messageStop: {stopReason: reply.stopReason}},
				{metadata: {usage: {inputTokens: reply.inputTokens, outputTokens: reply.outputTokens}, metrics: {}, trace: {}}},
			];
		case 'meta':
			return reply.pieces.map((generation, index) => ({
				generation,
				prompt_token_count: index === 0 ? reply.inputTokens : null,
				generation_token_count: index + 1,
				stop_reason: finalStop(reply, index),
			}));
		case 'mistral':
			if (!usesMessages) return reply.pieces.map((text, index) => ({outputs: [{text, stop_reason: finalStop(reply, index)}]}));
			return reply.pieces.map((content, index) => ({choices: [{index: 0, message: {role: 'assistant', content}, stop_reason: finalStop(reply, index)}]}));
		case 'chat-completions':
			if (!usesMessages) return reply.pieces.map((text, index) => ({choices: [{text, stop_reason: finalStop(reply, index)}]}));
			return reply.pieces.map((content, index) => ({
				id: `chatcmpl-${id}`,
				object: 'chat.completion.chunk',
				created: Math.floor(now.getTime() / 1000),
				model: model.modelId,
				choices: [{index: 0, delta: index === 0 ? {role: 'assistant', content} : {content}, finish_reason: finalStop(reply, index)}],
			}));
	}
}
