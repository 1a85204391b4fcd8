/** Reading AWS SDK errors without leaking anything: the exception name, HTTP status and message only. */
import {Problem} from '../core/problem.js';

export interface AwsErrorInfo {
	readonly name: string;
	readonly message: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly networkCode?: string;
}

export function awsErrorInfo(error: unknown): AwsErrorInfo {
	const e = error as {name?: string; message?: string; code?: string; $metadata?: {httpStatusCode?: number; requestId?: string}};
	return {
		name: e?.name ?? 'Error',
		message: e?.message ?? String(error),
		...(e?.$metadata?.httpStatusCode !== undefined ? {httpStatus: e.$metadata.httpStatusCode} : {}),
		...(e?.$metadata?.requestId ? {requestId: e.$metadata.requestId} : {}),
		...(typeof e?.code === 'string' && /^E[A-Z]+/.test(e.code) ? {networkCode: e.code} : {}),
	};
}

export const isAccessDenied = (error: unknown): boolean => /AccessDenied|UnauthorizedOperation|NotAuthorized/.test(awsErrorInfo(error).name);
export const isNoSuchEntity = (error: unknown): boolean => /NoSuchEntity|ResourceNotFound/.test(awsErrorInfo(error).name);

/** Throttling and server or network failures are worth another try; a refusal (4xx) is final. */
export function isRetryable(error: unknown): boolean {
	const {name, httpStatus} = awsErrorInfo(error);
	if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(name) || httpStatus === 429) return true;
	return mayHaveHappened(error);
}

/** Failures after which IAM may still have done the call: no answer at all, or a server error. */
export function mayHaveHappened(error: unknown): boolean {
	const {name, message, httpStatus, networkCode} = awsErrorInfo(error);
	if (httpStatus !== undefined) return httpStatus >= 500;
	return networkCode !== undefined || /TimeoutError|AbortError|socket hang up|ECONNRESET|EPIPE|ERR_HTTP2|premature close/i.test(`${name} ${message}`);
}

/** An AWS refusal the tool cannot work around becomes exit 3 with AWS's own words. */
export function refusal(operation: string, error: unknown, fix?: string): Problem {
	const info = awsErrorInfo(error);
	if (/Could not load credentials|CredentialsProviderError/.test(`${info.name} ${info.message}`)) {
		return new Problem(
			'aws-refused',
			'No AWS credentials were found (no profile, environment variables, SSO session or instance role).',
			'Sign in first: `aws sso login --profile NAME` (or `aws login`) and pass --profile NAME, run it in AWS CloudShell, or practise without an account with --sandbox.',
			{cause: error},
		);
	}
	if (/Signature expired|RequestTimeTooSkewed|Signature not yet current/i.test(`${info.name} ${info.message}`)) {
		return new Problem(
			'aws-refused',
			`AWS refused ${operation} because this computer's clock is more than 15 minutes off: ${info.message}`,
			'Set the clock right (turn on automatic time: `sudo timedatectl set-ntp true` on Linux, Date & Time settings on macOS or Windows) and run again.',
			{cause: error},
		);
	}
	if (
		/ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|security token included in the request is (invalid|expired)/.test(
			`${info.name} ${info.message}`,
		)
	) {
		return new Problem(
			'aws-refused',
			`AWS did not accept your credentials for ${operation}: ${info.message}`,
			'Sign in again (aws sso login / aws login), pick a profile with --profile, or practise with --sandbox.',
			{cause: error},
		);
	}
	if (info.networkCode || info.httpStatus === undefined) {
		return new Problem('aws-refused', `Could not reach AWS for ${operation}: ${info.message}`, 'Check the network, proxy settings and --endpoint-url.', {
			cause: error,
		});
	}
	if (info.httpStatus >= 500) {
		// Not a refusal: no permission would help, and "ask an administrator" would send people the wrong way.
		return new Problem(
			'aws-refused',
			`AWS failed ${operation} with a server error: ${info.name}: ${info.message}`,
			"The failure is on AWS's side, not in your permissions: run the same command again in a few minutes.",
			{cause: error},
		);
	}
	return new Problem(
		'aws-refused',
		`AWS refused ${operation}: ${info.name}: ${info.message}`,
		fix ?? 'Ask an administrator for this permission, or use credentials that have it.',
		{cause: error},
	);
}
