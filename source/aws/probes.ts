/**
 * Live calls with the NEW key only. A bearer client needs the token AND the httpBearerAuth preference:
 * with the token alone the SDK signs with SigV4 as whoever is in the environment, which proves nothing.
 * The credential provider of a bearer client throws, so a fall-back to SigV4 can never happen silently.
 */
import {CHECK_USER_AGENT} from '../core/verify/check-agent.js';
import {BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import type {ProbePort, ProbeUsage} from '../flows/ports.js';
import type {KeyCredentials} from '../core/secret.js';
import {mantleEndpoint, runtimeEndpoint} from '../core/endpoints.js';
import {isCompatibleOperation, type CompatibleOperation} from '../core/verify/probe-bodies.js';
import {DEFAULT_REQUEST_TIMEOUT_MS, regionalEndpoint} from './client-config.js';
import {awsErrorInfo} from './errors.js';

export function createProbePort(
	endpointUrl: string | undefined,
	requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
	now: () => number = () => performance.now(),
): ProbePort {
	return {
		async run({target, request, credentials, region}) {
			if ('prompt' in request && isCompatibleOperation(request.operation))
				return compatibleCall(
					{operation: request.operation, target, prompt: request.prompt, maxTokens: request.maxTokens},
					credentials,
					region,
					endpointUrl,
					requestTimeoutMs,
					now,
				);
			const client = runtimeClient(credentials, region, endpointUrl, requestTimeoutMs);
			const started = now();
			try {
				if (request.operation === 'InvokeModel') {
					const answer = await client.send(
						new InvokeModelCommand({
							modelId: target,
							body: new TextEncoder().encode(request.body),
							contentType: 'application/json',
							accept: 'application/json',
						}),
					);
					const usage = invokeUsage(answer.body);
					return {
						ok: true,
						latencyMs: Math.round(now() - started),
						...(usage ? {usage} : {}),
						...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {}),
					};
				}
				const input = {
					modelId: target,
					messages: [{role: 'user' as const, content: [{text: request.prompt}]}],
					inferenceConfig: {maxTokens: request.maxTokens},
				};
				if (request.operation === 'ConverseStream') {
					const answer = await client.send(new ConverseStreamCommand(input));
					// Read the stream to its end: an error can arrive as an event after the 200.
					let usage: ProbeUsage | undefined;
					for await (const event of answer.stream ?? []) {
						if (event.metadata?.usage) usage = {inputTokens: event.metadata.usage.inputTokens ?? 0, outputTokens: event.metadata.usage.outputTokens ?? 0};
					}
					return {
						ok: true,
						latencyMs: Math.round(now() - started),
						...(usage ? {usage} : {}),
						...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {}),
					};
				}
				const answer = await client.send(new ConverseCommand(input));
				const usage = answer.usage ? {inputTokens: answer.usage.inputTokens ?? 0, outputTokens: answer.usage.outputTokens ?? 0} : undefined;
				return {
					ok: true,
					latencyMs: Math.round(now() - started),
					...(usage ? {usage} : {}),
					...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {}),
				};
			} catch (error) {
				const info = awsErrorInfo(error);
				return {
					ok: false,
					latencyMs: Math.round(now() - started),
					errorName: info.name,
					message: info.message,
					...(info.httpStatus !== undefined ? {httpStatus: info.httpStatus} : {}),
					...(info.networkCode ? {networkCode: info.networkCode} : {}),
					...(info.requestId ? {requestId: info.requestId} : {}),
				};
			} finally {
				client.destroy();
			}
		},
	};
}

function runtimeClient(credentials: KeyCredentials, region: string, endpointUrl: string | undefined, requestTimeoutMs: number): BedrockRuntimeClient {
	const common = {
		region,
		maxAttempts: 1,
		// CloudTrail records it: a seat's activity leaves the tool's own checks out (flows/workshop/activity.ts).
		customUserAgent: CHECK_USER_AGENT,
		requestHandler: {requestTimeout: requestTimeoutMs},
		...(endpointUrl ? {endpoint: regionalEndpoint(endpointUrl, region)} : {}),
	};
	if (credentials.type === 'api-key') {
		return new BedrockRuntimeClient({
			...common,
			token: {token: credentials.token.reveal()},
			authSchemePreference: ['httpBearerAuth'],
			credentials: async () => {
				throw new Error('A probe with an API key must never sign with SigV4.');
			},
		});
	}
	return new BedrockRuntimeClient({...common, credentials: {accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey.reveal()}});
}

/** Model families report usage in their own fields: Titan `inputTextTokenCount`, Anthropic `usage`, Nova `usage`. */
function invokeUsage(body: Uint8Array | undefined): ProbeUsage | undefined {
	if (!body) return undefined;
	try {
		const parsed = JSON.parse(new TextDecoder().decode(body)) as {
			inputTextTokenCount?: number;
			usage?: {input_tokens?: number; output_tokens?: number; inputTokens?: number; outputTokens?: number};
		};
		if (typeof parsed.inputTextTokenCount === 'number') return {inputTokens: parsed.inputTextTokenCount, outputTokens: 0};
		if (parsed.usage)
			return {
				inputTokens: parsed.usage.input_tokens ?? parsed.usage.inputTokens ?? 0,
				outputTokens: parsed.usage.output_tokens ?? parsed.usage.outputTokens ?? 0,
			};
	} catch {
		// A body we cannot read says nothing about usage.
	}
	return undefined;
}

/**
 * Where a compatible surface lives: bedrock-runtime's host, or Mantle's (`bedrock-mantle.{region}.api.aws`;
 * behind an endpoint override, the path `/mantle` of it, as the sandbox serves it), and the path of the call
 * (docs/aws-facts.md, 'OpenAI-compatible and Anthropic surfaces').
 */
export function compatibleUrl(operation: CompatibleOperation, region: string, endpointUrl: string | undefined): string {
	const runtime = endpointUrl ? regionalEndpoint(endpointUrl, region) : runtimeEndpoint(region);
	const mantle = endpointUrl ? `${regionalEndpoint(endpointUrl, region)}/mantle` : mantleEndpoint(region);
	switch (operation) {
		case 'ChatCompletions':
			return `${runtime}/openai/v1/chat/completions`;
		case 'AnthropicMessages':
			return `${runtime}/anthropic/v1/messages`;
		case 'MantleChatCompletions':
			return `${mantle}/v1/chat/completions`;
		case 'MantleMessages':
			return `${mantle}/anthropic/v1/messages`;
		case 'MantleResponses':
			// Where Codex's amazon-bedrock provider sends it (its base URL ends in /openai/v1).
			return `${mantle}/openai/v1/responses`;
	}
}

interface CompatibleCall {
	readonly operation: CompatibleOperation;
	readonly target: string;
	readonly prompt: string;
	readonly maxTokens: number;
}

type ProbeOutcome = Awaited<ReturnType<ProbePort['run']>>;

/**
 * One call on a compatible surface, as its clients make it: the API key as a bearer token, the model in the
 * body, one user message and `max_tokens`. These surfaces take API keys only here (their clients sign
 * nothing), so an access key gets a refusal of our own rather than a silent SigV4 call.
 */
async function compatibleCall(
	call: CompatibleCall,
	credentials: KeyCredentials,
	region: string,
	endpointUrl: string | undefined,
	requestTimeoutMs: number,
	now: () => number,
): Promise<ProbeOutcome> {
	const started = now();
	// The plan never asks this (core/verify/probe-plan.ts); an access key gets no silent SigV4 call either.
	if (credentials.type !== 'api-key') return {ok: false, latencyMs: 0, errorName: 'UnsupportedAuthentication'};
	const messages = call.operation === 'AnthropicMessages' || call.operation === 'MantleMessages';
	const responses = call.operation === 'MantleResponses';
	try {
		const response = await fetch(compatibleUrl(call.operation, region, endpointUrl), {
			method: 'POST',
			headers: {
				authorization: `Bearer ${credentials.token.reveal()}`,
				'content-type': 'application/json',
				...(messages ? {'anthropic-version': '2023-06-01'} : {}),
			},
			body: JSON.stringify(
				responses
					? {model: call.target, max_output_tokens: call.maxTokens, input: call.prompt}
					: {model: call.target, max_tokens: call.maxTokens, messages: [{role: 'user', content: call.prompt}]},
			),
			signal: AbortSignal.timeout(requestTimeoutMs),
		});
		const text = await response.text();
		const latencyMs = Math.round(now() - started);
		const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
		const body = parseJson(text);
		if (response.ok) {
			const usage = body?.['usage'] as {prompt_tokens?: number; completion_tokens?: number; input_tokens?: number; output_tokens?: number} | undefined;
			return {
				ok: true,
				latencyMs,
				...(usage
					? {usage: {inputTokens: usage.prompt_tokens ?? usage.input_tokens ?? 0, outputTokens: usage.completion_tokens ?? usage.output_tokens ?? 0}}
					: {}),
				...(requestId ? {requestId} : {}),
			};
		}
		// AWS's REST-JSON `{"message"}`, OpenAI's `{"error": {message, code}}` or Anthropic's `{"error": {type, message}}`.
		const error = (body?.['error'] ?? undefined) as {message?: unknown; code?: unknown; type?: unknown} | undefined;
		const message = typeof error?.message === 'string' ? error.message : typeof body?.['message'] === 'string' ? body['message'] : text.slice(0, 500);
		const errorName =
			response.headers.get('x-amzn-errortype')?.split(':')[0] ??
			(typeof error?.code === 'string' ? error.code : typeof error?.type === 'string' ? error.type : `HTTP${response.status}`);
		return {ok: false, latencyMs, errorName, message, httpStatus: response.status, ...(requestId ? {requestId} : {})};
	} catch (error) {
		const cause = (error as {cause?: {code?: unknown}}).cause;
		const name = error instanceof Error ? error.name : 'Error';
		return {
			ok: false,
			latencyMs: Math.round(now() - started),
			errorName: name,
			message: error instanceof Error ? error.message : String(error),
			...(typeof cause?.code === 'string' ? {networkCode: cause.code} : name === 'TimeoutError' ? {networkCode: 'ETIMEDOUT'} : {}),
		};
	}
}

function parseJson(text: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
