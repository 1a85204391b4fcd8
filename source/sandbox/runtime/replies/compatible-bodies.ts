/**
 * The bodies of the two vendor-compatible surfaces, as their own SDKs read them: OpenAI Chat Completions
 * (`/openai/v1/chat/completions` on bedrock-runtime, `/v1/chat/completions` on Mantle) and Anthropic
 * Messages (`/anthropic/v1/messages` on both). Streams are server-sent events, as those APIs send them:
 * Chat Completions as `data:` lines ending with `data: [DONE]`, Messages as named events
 * (docs/aws-facts.md, 'OpenAI-compatible and Anthropic surfaces').
 */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {validationError} from '../../bedrock/rest-json.js';
import {stableId} from '../embeddings.js';
import {anthropicStreamEvents} from './chat-families.js';
import {chatReply, noteUsage, type ChatReply, type ReplyUsage} from './chat-reply.js';
import {readModelBody, tokenLimit} from './model-body.js';

export interface CompatibleRequest {
	readonly body: Record<string, unknown>;
	readonly model: string;
	readonly stream: boolean;
}

/** The JSON body and its `model` and `stream` (every surface's); a body without a model is refused before anything else. */
export function readSurfaceBody(raw: Buffer): CompatibleRequest {
	const body = readModelBody(raw);
	const model = body['model'];
	if (typeof model !== 'string' || model.length === 0) throw validationError('The request body must name a model in "model".');
	return {body, model, stream: body['stream'] === true};
}

/** A Chat Completions or Messages request: a named model and the conversation in `messages`. */
export function readCompatibleRequest(raw: Buffer): CompatibleRequest {
	const request = readSurfaceBody(raw);
	if (!Array.isArray(request.body['messages'])) throw validationError('The request body must hold the conversation in "messages" (a list).');
	return request;
}

export const sseContentType = 'text/event-stream';

/** One server-sent event: `data:` with the JSON, after an `event:` line when the event is named. */
export const frame = (data: unknown, event?: string): Buffer => Buffer.from(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`, 'utf8');

/** A reply's id, stable for the model and text (the surfaces prefix it: `chatcmpl-`, `msg_bdrk_`, `resp_`). */
export const idFor = (model: CatalogModel, reply: ChatReply): string => stableId(`${model.modelId}\u0000${reply.text}`).replace(/-/g, '');

function finishReason(reply: ChatReply): string {
	return reply.stopReason === 'max_tokens' ? 'length' : 'stop';
}

function chatCompletionsReply(model: CatalogModel, request: CompatibleRequest, used: ReplyUsage | undefined): ChatReply {
	return noteUsage(used, chatReply(model, request.body['messages'], tokenLimit(request.body, ['max_completion_tokens', 'max_tokens'])));
}

/** A Chat Completions answer; `model` echoes the id the caller sent, as OpenAI-compatible servers do. */
export function chatCompletion(model: CatalogModel, request: CompatibleRequest, now: Date, used?: ReplyUsage): Record<string, unknown> {
	const reply = chatCompletionsReply(model, request, used);
	return {
		id: `chatcmpl-${idFor(model, reply)}`,
		object: 'chat.completion',
		created: Math.floor(now.getTime() / 1000),
		model: request.model,
		choices: [{index: 0, message: {role: 'assistant', content: reply.text}, finish_reason: finishReason(reply)}],
		usage: {prompt_tokens: reply.inputTokens, completion_tokens: reply.outputTokens, total_tokens: reply.inputTokens + reply.outputTokens},
	};
}

/** The stream: one chunk per piece, the finish reason on the last, usage when `stream_options.include_usage`, then `[DONE]`. */
export function chatCompletionFrames(model: CatalogModel, request: CompatibleRequest, now: Date, used?: ReplyUsage): Buffer[] {
	const reply = chatCompletionsReply(model, request, used);
	const base = {id: `chatcmpl-${idFor(model, reply)}`, object: 'chat.completion.chunk', created: Math.floor(now.getTime() / 1000), model: request.model};
	const frames = reply.pieces.map((content, index) =>
		frame({
			...base,
			choices: [
				{
					index: 0,
					delta: index === 0 ? {role: 'assistant', content} : {content},
					finish_reason: index === reply.pieces.length - 1 ? finishReason(reply) : null,
				},
			],
		}),
	);
	const options = request.body['stream_options'];
	if (typeof options === 'object' && options !== null && (options as Record<string, unknown>)['include_usage'] === true)
		frames.push(
			frame({
				...base,
				choices: [],
				usage: {prompt_tokens: reply.inputTokens, completion_tokens: reply.outputTokens, total_tokens: reply.inputTokens + reply.outputTokens},
			}),
		);
	frames.push(Buffer.from('data: [DONE]\n\n', 'utf8'));
	return frames;
}

function messagesReply(model: CatalogModel, request: CompatibleRequest, used: ReplyUsage | undefined): ChatReply {
	const maxTokens = tokenLimit(request.body, ['max_tokens']);
	if (maxTokens === undefined) throw validationError('max_tokens: Field required');
	return noteUsage(used, chatReply(model, request.body['messages'], maxTokens));
}

/** A Messages answer. */
export function anthropicMessage(model: CatalogModel, request: CompatibleRequest, used?: ReplyUsage): Record<string, unknown> {
	const reply = messagesReply(model, request, used);
	return {
		id: `msg_bdrk_${idFor(model, reply).slice(0, 24)}`,
		type: 'message',
		role: 'assistant',
		model: request.model,
		content: [{type: 'text', text: reply.text}],
		stop_reason: reply.stopReason,
		stop_sequence: null,
		usage: {input_tokens: reply.inputTokens, output_tokens: reply.outputTokens},
	};
}

/** The Messages stream: message_start, one text block in deltas, message_delta with the stop reason, message_stop. */
export function anthropicMessageFrames(model: CatalogModel, request: CompatibleRequest, used?: ReplyUsage): Buffer[] {
	const reply = messagesReply(model, request, used);
	const events = anthropicStreamEvents(`msg_bdrk_${idFor(model, reply).slice(0, 24)}`, request.model, reply);
	return events.map((event) => frame(event, event.type));
}
