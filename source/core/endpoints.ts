/**
 * AWS's public endpoints of the two surfaces a key calls (docs/aws-facts.md, 'OpenAI-compatible and
 * Anthropic surfaces'): bedrock-runtime and Mantle, in a Region. An endpoint override (a sandbox) replaces them.
 */
export const runtimeEndpoint = (region: string): string => `https://bedrock-runtime.${region}.amazonaws.com`;
export const mantleEndpoint = (region: string): string => `https://bedrock-mantle.${region}.api.aws`;
