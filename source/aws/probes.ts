/**
 * Live calls with the NEW key only. A bearer client needs the token AND the httpBearerAuth preference:
 * with the token alone the SDK signs with SigV4 as whoever is in the environment, which proves nothing.
 * The credential provider of a bearer client throws, so a fall-back to SigV4 can never happen silently.
 */
import {BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import type {ProbePort} from '../flows/ports.js';
import type {KeyCredentials} from '../core/secret.js';
import {awsErrorInfo} from './errors.js';

export function createProbePort(endpointUrl: string | undefined, now: () => number = () => performance.now()): ProbePort {
	return {
		async run({target, request, credentials, region}) {
			const client = runtimeClient(credentials, region, endpointUrl);
			const started = now();
			try {
				if (request.operation === 'InvokeModel') {
					const answer = await client.send(new InvokeModelCommand({modelId: target, body: new TextEncoder().encode(request.body), contentType: 'application/json', accept: 'application/json'}));
					return {ok: true, latencyMs: Math.round(now() - started), ...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {})};
				}
				const input = {modelId: target, messages: [{role: 'user' as const, content: [{text: request.prompt}]}], inferenceConfig: {maxTokens: request.maxTokens}};
				if (request.operation === 'ConverseStream') {
					const answer = await client.send(new ConverseStreamCommand(input));
					// Read the stream to its end: an error can arrive as an event after the 200.
					for await (const _event of answer.stream ?? []) void _event;
					return {ok: true, latencyMs: Math.round(now() - started), ...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {})};
				}
				const answer = await client.send(new ConverseCommand(input));
				return {ok: true, latencyMs: Math.round(now() - started), ...(answer.$metadata.requestId ? {requestId: answer.$metadata.requestId} : {})};
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

function runtimeClient(credentials: KeyCredentials, region: string, endpointUrl: string | undefined): BedrockRuntimeClient {
	const common = {region, maxAttempts: 1, ...(endpointUrl ? {endpoint: endpointUrl} : {})};
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
