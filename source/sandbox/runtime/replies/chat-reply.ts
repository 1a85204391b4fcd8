/**
 * The deterministic answer every chat model gives in the sandbox: a sentence naming the model, cut at
 * the request's token limit the way a real model stops (`max_tokens`), so a probe with maxTokens 1 is cheap
 * and recognisable.
 */
import type {CatalogModel} from '../../../core/catalog/index.js';
import {collectText, countTokens} from '../tokens.js';

export interface ChatReply {
	/** The reply split into the pieces a stream sends one delta each. */
	readonly pieces: readonly string[];
	readonly text: string;
	readonly inputTokens: number;
	readonly outputTokens: number;
	/** Converse's vocabulary; family replies translate it (`end_turn` -> `stop`, ...). */
	readonly stopReason: 'end_turn' | 'max_tokens';
}

export function chatReply(model: CatalogModel, request: unknown, maxTokens: number | undefined): ChatReply {
	const words = `Hello from ${model.name} (${model.modelId}) in the Bedrock sandbox.`.split(' ');
	const truncated = maxTokens !== undefined && maxTokens < words.length;
	const kept = truncated ? words.slice(0, Math.max(1, maxTokens)) : words;
	const pieces = kept.map((word, index) => (index === 0 ? word : ` ${word}`));
	return {
		pieces,
		text: pieces.join(''),
		// At least one: even an empty prompt costs the model's template tokens.
		inputTokens: Math.max(1, countTokens(collectText(request))),
		outputTokens: kept.length,
		stopReason: truncated ? 'max_tokens' : 'end_turn',
	};
}

/** Where a handler learns a reply's token counts (for the quotas) without reading the request again. */
export interface ReplyUsage {
	inputTokens: number;
	outputTokens: number;
}

export const emptyUsage = (): ReplyUsage => ({inputTokens: 0, outputTokens: 0});

/** Copies the reply's counts into `usage`, if the caller asked for them. */
export function noteUsage(usage: ReplyUsage | undefined, reply: ChatReply): ChatReply {
	if (usage) {
		usage.inputTokens = reply.inputTokens;
		usage.outputTokens = reply.outputTokens;
	}
	return reply;
}

/** Stable latency figures for usage metrics: tests compare them, and real models are never this fast anyway. */
export const latencyMs = (reply: ChatReply): number => 20 + 5 * reply.outputTokens;
