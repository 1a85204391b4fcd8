/**
 * The surfaces a key is used through, and which of them serves which model (docs/aws-facts.md,
 * 'OpenAI-compatible and Anthropic surfaces'): bedrock-runtime's Converse/InvokeModel for every model;
 * its OpenAI-compatible Chat Completions for chat models but Claude; its Anthropic Messages for Claude;
 * the Mantle endpoint (Chat Completions or Messages by the same rule), which names models by their Mantle ids;
 * and Mantle's Responses API (`responses`, what Codex calls), for chat models but Claude.
 */
import {isClaudeModel, mantleModelId} from '../catalog/mantle.js';
import type {CatalogModel} from '../catalog/types.js';
import {invocationId, type InvocationTarget} from '../policy/targets.js';
import {compatibleProbeRequest, type CompatibleOperation, type ProbeRequest} from './probe-bodies.js';

export type Surface = 'runtime' | 'openai' | 'anthropic' | 'mantle' | 'responses';

export const surfaces: readonly Surface[] = ['runtime', 'openai', 'anthropic', 'mantle', 'responses'];

/** The operation that proves a model on a compatible surface, or undefined when the surface does not serve it. */
export function compatibleOperation(surface: Exclude<Surface, 'runtime'>, model: CatalogModel | undefined): CompatibleOperation | undefined {
	if (!model || model.kind !== 'chat') return undefined;
	const claude = isClaudeModel(model.modelId);
	if (surface === 'openai') return claude ? undefined : 'ChatCompletions';
	if (surface === 'anthropic') return claude ? 'AnthropicMessages' : undefined;
	if (surface === 'responses') return claude ? undefined : 'MantleResponses';
	return claude ? 'MantleMessages' : 'MantleChatCompletions';
}

/** What a probe on the surface names as its model: Mantle ids on Mantle, the id a client uses elsewhere. */
export const surfaceTarget = (surface: Surface, target: InvocationTarget): string =>
	surface === 'mantle' || surface === 'responses' ? mantleModelId(target.model?.modelId ?? invocationId(target)) : invocationId(target);

export function surfaceProbe(surface: Exclude<Surface, 'runtime'>, target: InvocationTarget): {target: string; request: ProbeRequest} | undefined {
	const operation = compatibleOperation(surface, target.model);
	return operation ? {target: surfaceTarget(surface, target), request: compatibleProbeRequest(operation)} : undefined;
}
