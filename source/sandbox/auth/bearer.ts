/**
 * Bedrock API keys in `Authorization: Bearer <key>`:
 * - long-term: the opaque `ABSK...` secret of a service-specific credential (inactive, expired or
 *   deleted credentials are refused);
 * - short-term: `bedrock-api-key-` + base64 of a SigV4-presigned URL for `CallWithBearerToken`, as
 *   @aws/bedrock-token-generator makes it (host bedrock.amazonaws.com, POST /, `&Version=1` appended
 *   after signing). We verify that presigned signature against the access key's secret, its expiry
 *   (at most the generator's 12 hours, docs/aws-facts.md, 'API keys') and its date. Its Region is
 *   returned for the platform to hold against the endpoint's.
 */
import {SHORT_TERM_KEY_MAX_SECONDS} from '../../core/aws-limits.js';
import type {Caller} from '../contracts.js';
import type {IdentityView} from '../state/identity-view.js';
import {expiredApiKey, invalidToken, notAnApiKey, signatureMismatch} from './errors.js';
import {parsePresignedQuery, sha256Hex, signatureMatches} from './sigv4.js';

const shortTermPrefix = 'bedrock-api-key-';
const longTermPrefix = 'ABSK';

export interface BearerIdentity {
	readonly caller: Caller;
	/** The short-term key's signing region; long-term keys are not bound to one. */
	readonly region?: string;
}

export function authenticateBearer(token: string, view: IdentityView, now: Date): BearerIdentity {
	if (token.startsWith(shortTermPrefix)) return shortTerm(token.slice(shortTermPrefix.length), view, now);
	if (token.startsWith(longTermPrefix)) return longTerm(token, view, now);
	throw notAnApiKey();
}

function longTerm(token: string, view: IdentityView, now: Date): BearerIdentity {
	const credential = view.credentialBySecret(token);
	const user = credential ? view.user(credential.userName) : undefined;
	if (!credential || !user || credential.status !== 'Active' || credential.serviceName !== 'bedrock.amazonaws.com') throw invalidToken('json');
	if (credential.expirationDate && Date.parse(credential.expirationDate) <= now.getTime()) throw expiredApiKey();
	return {caller: view.userCaller(user, {type: 'bearer', tokenType: 'LONG_TERM', credentialId: credential.id})};
}

function shortTerm(encoded: string, view: IdentityView, now: Date): BearerIdentity {
	let url: URL;
	try {
		url = new URL(`https://${Buffer.from(encoded, 'base64').toString('utf8')}`);
	} catch {
		throw invalidToken('json');
	}
	const parsed = parsePresignedQuery(url.searchParams);
	if (!parsed.ok || url.searchParams.get('Action') !== 'CallWithBearerToken' || parsed.claim.service !== 'bedrock') throw invalidToken('json');
	const claim = parsed.claim;
	if ((claim.expiresSeconds ?? 900) > SHORT_TERM_KEY_MAX_SECONDS) throw invalidToken('json');
	const key = view.accessKey(claim.accessKeyId);
	const user = key ? view.user(key.userName) : undefined;
	// The sandbox issues no session tokens, so a token carrying one was not signed by a sandbox key.
	if (!key || key.status !== 'Active' || !user || claim.sessionToken !== undefined) throw invalidToken('json');

	// `Version=1` is appended after signing, so it is not part of what was signed.
	const signedQuery = [...url.searchParams].filter(([name]) => name !== 'Version');
	// Both generators (@smithy's and botocore's presigning) sign the empty body's hash.
	const material = {method: 'POST', rawPath: url.pathname, query: signedQuery, headers: {host: url.host}, payloadHash: sha256Hex('')};
	if (!signatureMatches(key.secretAccessKey, material, claim)) throw signatureMismatch('json');

	const signedAt = claim.signedAt.getTime();
	if (now.getTime() > signedAt + (claim.expiresSeconds ?? 900) * 1000) throw expiredApiKey();
	if (signedAt - now.getTime() > 15 * 60 * 1000) throw invalidToken('json');
	return {caller: view.userCaller(user, {type: 'bearer', tokenType: 'SHORT_TERM'}), region: claim.region};
}
