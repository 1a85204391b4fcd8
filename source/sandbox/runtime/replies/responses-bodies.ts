/**
 * OpenAI's Responses API, on bedrock-runtime (`POST /openai/v1/responses`) and on the Mantle endpoint
 * (`POST /v1/responses`, and `/openai/v1/responses` for the models served under that prefix;
 * docs/aws-facts.md, 'OpenAI-compatible and Anthropic surfaces'): what Codex's `amazon-bedrock` provider
 * speaks on Mantle (`wire_api = "responses"`). The request names the model and holds
 * the conversation in `input` (a string, or a list of items); the answer is a `response` object with one
 * assistant message, or, with `"stream": true`, server-sent events named by their `type` as OpenAI sends them
 * (`response.created` … `response.output_text.delta` … `response.completed`, each with a `sequence_number`).
 * Only the fields a client reads are filled; the exact bodies AWS sends are not confirmed.
 */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {validationError} from '../../bedrock/rest-json.js';
import {chatReply, noteUsage, type ChatReply, type ReplyUsage} from './chat-reply.js';
import {frame, idFor, readSurfaceBody, type CompatibleRequest} from './compatible-bodies.js';
import {tokenLimit} from './model-body.js';

/** The JSON body, its `model` and `stream`; a body without a model or an `input` is refused before anything else. */
export function readResponsesRequest(raw: Buffer): CompatibleRequest {
	const request = readSurfaceBody(raw);
	const input = request.body['input'];
	if (typeof input !== 'string' && !Array.isArray(input))
		throw validationError('The request body must hold the input in "input" (a string or a list of items).');
	return request;
}

function replyOf(model: CatalogModel, request: CompatibleRequest, used?: ReplyUsage): ChatReply {
	return noteUsage(
		used,
		chatReply(model, {prompt: request.body['input'], system: request.body['instructions']}, tokenLimit(request.body, ['max_output_tokens'])),
	);
}

interface ReplyIds {
	readonly response: string;
	readonly message: string;
}

const idsOf = (model: CatalogModel, reply: ChatReply): ReplyIds => {
	const id = idFor(model, reply);
	return {response: `resp_${id}`, message: `msg_${id}`};
};

const outputText = (text: string) => ({type: 'output_text', text, annotations: []});

const message = (id: string, text: string, status: 'in_progress' | 'completed') => ({
	type: 'message',
	id,
	status,
	role: 'assistant',
	content: status === 'completed' ? [outputText(text)] : [],
});

/** The response object: complete, or `incomplete` when the answer was cut at `max_output_tokens`. */
function responseObject(ids: ReplyIds, request: CompatibleRequest, reply: ChatReply, now: Date, stage: 'in_progress' | 'done'): Record<string, unknown> {
	const cut = reply.stopReason === 'max_tokens';
	const maxOutput = request.body['max_output_tokens'];
	return {
		id: ids.response,
		object: 'response',
		created_at: Math.floor(now.getTime() / 1000),
		status: stage === 'in_progress' ? 'in_progress' : cut ? 'incomplete' : 'completed',
		error: null,
		incomplete_details: stage === 'done' && cut ? {reason: 'max_output_tokens'} : null,
		instructions: typeof request.body['instructions'] === 'string' ? request.body['instructions'] : null,
		max_output_tokens: typeof maxOutput === 'number' ? maxOutput : null,
		model: request.model,
		output: stage === 'done' ? [message(ids.message, reply.text, 'completed')] : [],
		parallel_tool_calls: true,
		previous_response_id: null,
		store: false,
		temperature: 1,
		text: {format: {type: 'text'}},
		tool_choice: 'auto',
		tools: [],
		top_p: 1,
		usage:
			stage === 'done'
				? {
						input_tokens: reply.inputTokens,
						input_tokens_details: {cached_tokens: 0},
						output_tokens: reply.outputTokens,
						output_tokens_details: {reasoning_tokens: 0},
						total_tokens: reply.inputTokens + reply.outputTokens,
					}
				: null,
	};
}

/** The answer as one JSON object. */
export function createdResponse(model: CatalogModel, request: CompatibleRequest, now: Date, used?: ReplyUsage): Record<string, unknown> {
	const reply = replyOf(model, request, used);
	return responseObject(idsOf(model, reply), request, reply, now, 'done');
}

/** The answer as OpenAI's Responses stream: the events, in order, each an SSE frame named by its type. */
export function responseFrames(model: CatalogModel, request: CompatibleRequest, now: Date, used?: ReplyUsage): Buffer[] {
	const reply = replyOf(model, request, used);
	const ids = idsOf(model, reply);
	const done = responseObject(ids, request, reply, now, 'done');
	const started = responseObject(ids, request, reply, now, 'in_progress');
	const place = {item_id: ids.message, output_index: 0, content_index: 0};
	const events: Array<Record<string, unknown>> = [
		{type: 'response.created', response: started},
		{type: 'response.in_progress', response: started},
		{type: 'response.output_item.added', output_index: 0, item: message(ids.message, '', 'in_progress')},
		{type: 'response.content_part.added', ...place, part: outputText('')},
		...reply.pieces.map((delta) => ({type: 'response.output_text.delta', ...place, delta, logprobs: []})),
		{type: 'response.output_text.done', ...place, text: reply.text, logprobs: []},
		{type: 'response.content_part.done', ...place, part: outputText(reply.text)},
		{type: 'response.output_item.done', output_index: 0, item: message(ids.message, reply.text, 'completed')},
		{type: done['status'] === 'incomplete' ? 'response.incomplete' : 'response.completed', response: done},
	];
	return events.map((event, index) => frame({...event, sequence_number: index}, String(event['type'])));
}
