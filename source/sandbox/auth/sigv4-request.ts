/**
 * SigV4 on an incoming request (Authorization header, or a presigned URL), checked against the
 * secrets the sandbox issued: unknown or inactive key, a session token on a long-term key, clock skew
 * beyond 15 minutes (AWS's window), expired presigned URL, and signature mismatch each get AWS's error.
 *
 * The signature covers the body the sandbox received: its SHA-256 is computed here, never read from
 * `x-amz-content-sha256`, and a request whose header names another hash is refused. `UNSIGNED-PAYLOAD`
 * is S3's, and the sandbox serves no S3: a presigned URL too signs the hash of its (empty) body, as
 * botocore and @smithy/signature-v4 presign every other service (docs/aws-facts.md, 'Signatures').
 */
import type {Caller, SandboxHttpRequest} from '../contracts.js';
import type {IdentityView} from '../state/identity-view.js';
import {incompleteSignature, invalidToken, signatureMismatch, signatureTimeError, type Protocol} from './errors.js';
import {parseAuthorizationHeader, parsePresignedQuery, sha256Hex, signatureMatches, toAmzDate, type SignatureClaim} from './sigv4.js';

const skewMs = 15 * 60 * 1000;

/** The scope a request claims, read before we know which service (and protocol) it is for. */
export function readClaim(request: SandboxHttpRequest): SignatureClaim | {error: string} | undefined {
	const header = request.headers['authorization'];
	if (header?.startsWith('AWS4-HMAC-SHA256')) {
		const parsed = parseAuthorizationHeader(header, request.headers);
		return parsed.ok ? parsed.claim : {error: parsed.reason};
	}
	if (request.query.has('X-Amz-Signature') || request.query.has('X-Amz-Credential')) {
		const parsed = parsePresignedQuery(request.query);
		return parsed.ok ? parsed.claim : {error: parsed.reason};
	}
	return undefined;
}

/**
 * The service a request's credential scope names, read even when the rest of the signature is malformed,
 * so that the refusal is in that service's protocol.
 */
export function scopeService(request: SandboxHttpRequest): string | undefined {
	const credential = request.query.get('X-Amz-Credential') ?? /Credential=([^,\s]+)/.exec(request.headers['authorization'] ?? '')?.[1];
	return credential?.split('/')[3];
}

export function authenticateSigV4(request: SandboxHttpRequest, claim: SignatureClaim, view: IdentityView, now: Date, protocol: Protocol): Caller {
	const key = view.accessKey(claim.accessKeyId);
	const user = key ? view.user(key.userName) : undefined;
	// AWS does not tell an inactive key from an unknown one: both are "invalid". A session token goes with
	// temporary credentials only; the sandbox issues none, so with its long-term keys a token is invalid too.
	if (!key || key.status !== 'Active' || !user || claim.sessionToken !== undefined) throw invalidToken(protocol);

	if (claim.amzDate.slice(0, 8) !== claim.date) {
		throw signatureTimeError(
			protocol,
			`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.date}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`,
		);
	}
	checkTime(claim, now, protocol);

	const payloadHash = sha256Hex(request.body);
	// Outside S3, AWS hashes the body itself; a header claiming another hash cannot have been signed over this body.
	const claimedHash = request.headers['x-amz-content-sha256'];
	if (claimedHash !== undefined && claimedHash !== payloadHash) throw signatureMismatch(protocol);
	const material = {method: request.method, rawPath: request.rawPath, query: [...request.query], headers: request.headers, payloadHash};
	if (!signatureMatches(key.secretAccessKey, material, claim)) throw signatureMismatch(protocol);
	if (!claim.signedHeaders.includes('host') && !claim.signedHeaders.includes(':authority'))
		throw incompleteSignature(protocol, `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`);
	return view.userCaller(user, {type: 'sigv4', accessKeyId: key.accessKeyId});
}

function checkTime(claim: SignatureClaim, now: Date, protocol: Protocol): void {
	const signedAt = claim.signedAt.getTime();
	const nowMs = now.getTime();
	if (claim.presigned) {
		if (signedAt - nowMs > skewMs) {
			throw signatureTimeError(
				protocol,
				`Signature not yet current: ${claim.amzDate} is still later than ${toAmzDate(new Date(nowMs + skewMs))} (${toAmzDate(now)} + 15 min.)`,
			);
		}
		const expiresAt = signedAt + (claim.expiresSeconds ?? 900) * 1000;
		if (nowMs > expiresAt) throw signatureTimeError(protocol, `Signature expired: ${toAmzDate(new Date(expiresAt))} is now earlier than ${toAmzDate(now)}.`);
		return;
	}
	if (nowMs - signedAt > skewMs) {
		throw signatureTimeError(
			protocol,
			`Signature expired: ${claim.amzDate} is now earlier than ${toAmzDate(new Date(nowMs - skewMs))} (${toAmzDate(now)} - 15 min.)`,
		);
	}
	if (signedAt - nowMs > skewMs) {
		throw signatureTimeError(
			protocol,
			`Signature not yet current: ${claim.amzDate} is still later than ${toAmzDate(new Date(nowMs + skewMs))} (${toAmzDate(now)} + 15 min.)`,
		);
	}
}
