/** The one place client settings are decided: Region, endpoint override and credentials. */
import type {AwsCredentialIdentity, AwsCredentialIdentityProvider} from '@aws-sdk/types';
import {fromNodeProviderChain} from '@aws-sdk/credential-providers';

export interface AwsTarget {
	readonly region: string;
	/**
	 * `--endpoint-url`: every AWS call goes there (the sandbox, LocalStack-style endpoints). `{region}` in it
	 * is replaced by each client's Region, for endpoints that tell Regions apart by path (the sandbox's
	 * `/region/{region}`), as AWS does by host name.
	 */
	readonly endpointUrl?: string;
	readonly profile?: string;
	/** Explicit credentials (the sandbox's admin); otherwise the SDK's default chain with `profile`. */
	readonly credentials?: AwsCredentialIdentity;
	/** Give up on one HTTP request after this long (default 30 s): the SDK waits forever otherwise. */
	readonly requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The SDK's handler options for a timeout; the same shape suits the HTTP/1.1 and HTTP/2 handlers. */
export const requestHandlerOptions = (target: AwsTarget): {requestTimeout: number; connectionTimeout: number} => {
	const requestTimeout = target.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
	return {requestTimeout, connectionTimeout: Math.min(requestTimeout, 5000)};
};

export interface ClientConfig {
	readonly region: string;
	readonly endpoint?: string;
	readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
	readonly maxAttempts: number;
	readonly requestHandler: {requestTimeout: number; connectionTimeout: number};
}

export function operatorClientConfig(target: AwsTarget, region = target.region): ClientConfig {
	return {
		region,
		...(target.endpointUrl ? {endpoint: regionalEndpoint(target.endpointUrl, region)} : {}),
		// SSO, assume-role, environment and container credentials all come through the default chain.
		credentials: target.credentials ?? fromNodeProviderChain(target.profile ? {profile: target.profile} : {}),
		maxAttempts: 4,
		requestHandler: requestHandlerOptions(target),
	};
}

export const regionalEndpoint = (endpointUrl: string, region: string): string => endpointUrl.replaceAll('{region}', region);
