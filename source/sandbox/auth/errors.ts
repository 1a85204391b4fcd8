/**
 * Authentication failures as AWS words them. The code differs by protocol: Query services (IAM, STS)
 * say InvalidClientTokenId / SignatureDoesNotMatch, REST-JSON services (Bedrock, Access Analyzer)
 * say UnrecognizedClientException / InvalidSignatureException, both with HTTP 403.
 */
import {AwsServiceError} from '../contracts.js';

export type Protocol = 'query' | 'json';

export const invalidToken = (protocol: Protocol): AwsServiceError =>
	new AwsServiceError(
		protocol === 'query' ? 'InvalidClientTokenId' : 'UnrecognizedClientException',
		'The security token included in the request is invalid.',
		403,
	);

export const signatureMismatch = (protocol: Protocol): AwsServiceError =>
	new AwsServiceError(
		protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
		'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		403,
	);

/** A credential scope (or short-term key) for another Region than the endpoint's. */
export const regionMismatch = (protocol: Protocol, region: string): AwsServiceError =>
	new AwsServiceError(
		protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
		`Credential should be scoped to a valid region, not '${region}'. `,
		403,
	);

/** The SDK recognises these codes as clock skew and retries with its clock corrected from our Date header. */
export const signatureTimeError = (protocol: Protocol, message: string): AwsServiceError =>
	new AwsServiceError(protocol === 'query' ? 'SignatureDoesNotMatch' : 'InvalidSignatureException', message, 403);

export const incompleteSignature = (protocol: Protocol, reason: string): AwsServiceError =>
	new AwsServiceError(protocol === 'query' ? 'IncompleteSignature' : 'IncompleteSignatureException', reason, 400);

export const missingAuthentication = (protocol: Protocol): AwsServiceError =>
	protocol === 'query'
		? new AwsServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
		: new AwsServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);

/** Bedrock's answer to a bearer value that is not an API key at all. */
export const notAnApiKey = (): AwsServiceError =>
	new AwsServiceError('AccessDeniedException', 'Invalid API Key format: Must start with pre-defined prefix', 403);

/** An API key past its expiry (short-term: X-Amz-Expires; long-term: CredentialAgeDays). Wording unverified against AWS. */
export const expiredApiKey = (): AwsServiceError => new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired', 403);
