/**
 * The clients a key is for (issue 18; docs/aws-facts.md, 'Clients'): what each one needs from the policy
 * and which surfaces verification probes for it, and the configuration that points it at the key.
 */
import type {Surface} from '../verify/surfaces.js';

export type ClientKind = 'claude-code' | 'openai' | 'codex' | 'litellm' | 'vercel-ai' | 'boto3' | 'curl';

/** In the order the question lists them. */
export const clientKinds: readonly ClientKind[] = ['claude-code', 'openai', 'codex', 'litellm', 'vercel-ai', 'boto3', 'curl'];

export const isClientKind = (value: string): value is ClientKind => (clientKinds as readonly string[]).includes(value);

export interface ClientNeeds {
	/** The surfaces their calls go through (verification probes each). */
	readonly surfaces: readonly Surface[];
	/** Claude Code reads inference profiles (GetInferenceProfile, ListInferenceProfiles). */
	readonly profileReads: boolean;
	/** Mantle is used: chosen explicitly, or by a client that only speaks Mantle (Codex). */
	readonly mantle: boolean;
}

/**
 * What the chosen clients need, and nothing more:
 * - Claude Code calls the Invoke API on bedrock-runtime and reads inference profiles (Mantle too when chosen,
 *   with `CLAUDE_CODE_USE_MANTLE`);
 * - the OpenAI SDK and compatible tools call `/openai/v1` on bedrock-runtime (or Mantle's `/v1`);
 * - Codex speaks Mantle's Responses API only (`wire_api = "responses"`), so it brings Mantle, and is probed there;
 * - LiteLLM, the Vercel AI SDK and boto3 call Converse on bedrock-runtime (LiteLLM Mantle as `bedrock_mantle/`);
 * - curl and other tools: bedrock-runtime and its two compatible surfaces.
 */
export function clientNeeds(clients: readonly ClientKind[], mantleChosen: boolean): ClientNeeds {
	const mantle = mantleChosen || clients.includes('codex');
	const surfaces = new Set<Surface>(['runtime']);
	if (clients.includes('openai') || clients.includes('curl')) surfaces.add('openai');
	if (clients.includes('curl')) surfaces.add('anthropic');
	if (mantleChosen) surfaces.add('mantle');
	if (clients.includes('codex')) surfaces.add('responses');
	return {surfaces: [...surfaces], profileReads: clients.includes('claude-code'), mantle};
}
