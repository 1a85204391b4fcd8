/**
 * Whose key is it? A Bedrock API key cannot call STS, and a long-term key's credential id cannot be
 * derived from its secret, so the key is never matched by value. What is reliable: IAM names the
 * caller in every refusal ("User: arn:aws:iam::123456789012:user/alice is not authorized to perform:
 * bedrock:InvokeModel ..."), so a probe the key is denied tells us the user. A key that is refused
 * nothing names nobody; then the admin must say --user-name. A short-term key carries the access key
 * id that signed it, which the admin can look up.
 */
import {refusedPrincipalArn} from '../../core/verify/classify.js';
import type {ProbeResult} from '../../core/verify/report.js';

export interface KeyPrincipal {
	readonly arn: string;
	readonly accountId: string;
	/** The IAM user name, when the principal is a user. */
	readonly userName?: string;
}

export function principalFromArn(arn: string): KeyPrincipal {
	const accountId = arn.split(':')[4] ?? '';
	const resource = arn.split(':').slice(5).join(':');
	const userName = resource.startsWith('user/') ? resource.split('/').at(-1) : undefined;
	return {arn, accountId, ...(userName ? {userName} : {})};
}

export function principalFromRefusals(results: readonly (ProbeResult | undefined)[]): KeyPrincipal | undefined {
	for (const result of results) {
		const arn = refusedPrincipalArn(result?.errorMessage);
		if (arn) return principalFromArn(arn);
	}
	return undefined;
}
