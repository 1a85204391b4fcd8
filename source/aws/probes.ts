/**
 * Live calls with the NEW key only. A bearer client needs the token AND the httpBearerAuth preference:
 * with the token alone the SDK signs with SigV4 as whoever is in the environment, which proves nothing.
 * The credential provider of a bearer client throws, so a fall-back to SigV4 can never happen silently.
 */
import {BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import type {ProbePort, ProbeUsage} from '../flows/ports.js';
import type {KeyCredentials} from '../core/secret.js';
import {DEFAULT_REQUEST_TIMEOUT_MS, regionalEndpoint} from './client-config.js';
import {awsErrorInfo} from './errors.js';

export function createProbePort(
	endpointUrl: string | undefined,
	requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
	now: () => number = () => performance.now(),
): ProbePort {
	return {
		async run({target, request, credentials, region}) {
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
