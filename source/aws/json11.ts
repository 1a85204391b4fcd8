/**
 * AWS JSON 1.1 calls (`X-Amz-Target: <prefix>.<Operation>`) signed with SigV4 and sent with fetch: the SDK's
 * signer and hash, which the other clients bundle already, rather than one more SDK client for a few calls
 * (Service Quotas, CloudTrail's LookupEvents).
 */
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import {operatorClientConfig, requestHandlerOptions, type AwsTarget} from './client-config.js';
import {toAwsFailure} from './errors.js';

class Json11Error extends Error {
	readonly $metadata: {httpStatusCode: number; requestId?: string};
	constructor(name: string, message: string, status: number, requestId?: string) {
		super(message);
		this.name = name;
		this.$metadata = {httpStatusCode: status, ...(requestId ? {requestId} : {})};
	}
}

export type Json11Call = <T>(operation: string, input: Record<string, unknown>) => Promise<T>;

/**
 * A caller of one service in one Region: `service` is the signing name and the host's first label
 * (`servicequotas`, `cloudtrail`), `targetPrefix` the X-Amz-Target before the operation. A failure is an
 * AwsFailure naming `<service>:<Operation>`.
 */
export function json11Caller(target: AwsTarget, region: string, service: string, targetPrefix: string): Json11Call {
	const config = operatorClientConfig(target, region);
	const endpoint = new URL(config.endpoint ?? `https://${service}.${region}.amazonaws.com`);
	const signer = new SignatureV4({credentials: config.credentials, region, service, sha256: Hash.bind(null, 'sha256')});
	const timeoutMs = requestHandlerOptions(target).requestTimeout;
	return async <T>(operation: string, input: Record<string, unknown>): Promise<T> => {
		try {
			const body = JSON.stringify(input);
			const path = endpoint.pathname.replace(/\/$/, '') || '/';
			const signed = await signer.sign({
				method: 'POST',
				protocol: endpoint.protocol,
				hostname: endpoint.hostname,
				...(endpoint.port ? {port: Number(endpoint.port)} : {}),
				path,
				query: {},
				headers: {host: endpoint.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${targetPrefix}.${operation}`},
				body,
			});
			const response = await fetch(`${endpoint.protocol}//${endpoint.host}${path}`, {
				method: 'POST',
				headers: signed.headers,
				body,
				signal: AbortSignal.timeout(timeoutMs),
			});
			const text = await response.text();
			const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
			if (!response.ok) {
				const type = String(parsed['__type'] ?? response.headers.get('x-amzn-errortype') ?? 'UnknownError')
					.split('#')
					.pop()!
					.split(':')[0]!;
				const message = String(parsed['message'] ?? parsed['Message'] ?? response.statusText);
				throw new Json11Error(type, message, response.status, response.headers.get('x-amzn-requestid') ?? undefined);
			}
			return parsed as T;
		} catch (error) {
			throw toAwsFailure(error, `${service}:${operation}`);
		}
	};
}
