/** Converse and ConverseStream answers: one model-agnostic shape, whatever the model family. */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {readJsonObject, validationError} from '../../bedrock/rest-json.js';
import {encodeEvent} from '../event-stream.js';
import {chatReply, latencyMs, noteUsage, type ChatReply, type ReplyUsage} from './chat-reply.js';

export const malformedRequestMessage = 'Malformed input request, please reformat your input and try again.';

/** Checks the parts of a Converse request the sandbox relies on, with the service's messages. */
export function readConverseRequest(body: Buffer): {readonly request: Record<string, unknown>; readonly maxTokens: number | undefined} {
	const request = readJsonObject(body, malformedRequestMessage);
	const messages = request['messages'];
	const first: unknown = Array.isArray(messages) ? messages[0] : undefined;
	if (typeof first !== 'object' || first === null || (first as Record<string, unknown>)['role'] !== 'user') {
		throw validationError('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
	}
	const inferenceConfig = request['inferenceConfig'];
	const maxTokens = typeof inferenceConfig === 'object' && inferenceConfig !== null ? (inferenceConfig as Record<string, unknown>)['maxTokens'] : undefined;
	if (maxTokens !== undefined && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
		throw validationError(
			`1 validation error detected: Value '${String(maxTokens)}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1`,
		);
	}
	return {request, maxTokens};
}

function usage(reply: ChatReply): Record<string, number> {
	return {inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.inputTokens + reply.outputTokens};
}

export function converseResponse(model: CatalogModel, body: Buffer, used?: ReplyUsage): Record<string, unknown> {
	const {request, maxTokens} = readConverseRequest(body);
	const reply = noteUsage(used, chatReply(model, request['messages'], maxTokens));
	return {
		output: {message: {role: 'assistant', content: [{text: reply.text}]}},
		stopReason: reply.stopReason,
		usage: usage(reply),
		metrics: {latencyMs: latencyMs(reply)},
	};
}

/** ConverseStream's event sequence (ConverseStreamOutput union members, in the order Bedrock sends them). */
export function converseStreamFrames(model: CatalogModel, body: Buffer, used?: ReplyUsage): Buffer[] {
	const {request, maxTokens} = readConverseRequest(body);
	const reply = noteUsage(used, chatReply(model, request['messages'], maxTokens));
	return [
		encodeEvent('messageStart', {role: 'assistant'}),
		...reply.pieces.map((text) => encodeEvent('contentBlockDelta', {delta: {text}, contentBlockIndex: 0})),
		encodeEvent('contentBlockStop', {contentBlockIndex: 0}),
		encodeEvent('messageStop', {stopReason: reply.stopReason}),
		encodeEvent('metadata', {usage: usage(reply), metrics: {latencyMs: latencyMs(reply)}}),
	];
}
