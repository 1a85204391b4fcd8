/**
 * AWS Signature Version 4, verified on the server side: we rebuild the canonical request exactly as
 * @smithy/signature-v4 builds it (path normalised then URI-escaped once more, query keys and values
 * strictly escaped and sorted, header values trimmed) and compare HMACs in constant time.
 */
import {createHash, createHmac, timingSafeEqual} from 'node:crypto';

export const algorithm = 'AWS4-HMAC-SHA256';
const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What a signature claims before we check it. */
export interface SignatureClaim {
	readonly accessKeyId: string;
	readonly date: string;
	readonly region: string;
	readonly service: string;
	/** `yyyymmddThhmmssZ` from X-Amz-Date (or the Date header), checked to be a real instant. */
	readonly amzDate: string;
	/** The instant `amzDate` names. */
	readonly signedAt: Date;
	readonly signedHeaders: readonly string[];
	readonly signature: string;
	/** Presigned URLs only: seconds the URL stays valid. */
	readonly expiresSeconds?: number;
	readonly presigned: boolean;
	/** X-Amz-Security-Token (header or query), when the request carries one. */
	readonly sessionToken?: string;
}

/** The parts of a request a signature covers. */
export interface SignedMaterial {
	readonly method: string;
	/** Path as sent (percent-encoded), without the query. */
	readonly rawPath: string;
	/** Query pairs, decoded. */
	readonly query: ReadonlyArray<readonly [string, string]>;
	readonly headers: Readonly<Record<string, string>>;
	readonly payloadHash: string;
}

export type ClaimResult = {readonly ok: true; readonly claim: SignatureClaim} | {readonly ok: false; readonly reason: string};

/** `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/iam/aws4_request, SignedHeaders=a;b, Signature=hex` */
export function parseAuthorizationHeader(header: string, headers: Readonly<Record<string, string>>): ClaimResult {
	if (!header.startsWith(`${algorithm} `)) return {ok: false, reason: 'Unsupported signing algorithm'};
	const fields = new Map<string, string>();
	for (const part of header.slice(algorithm.length + 1).split(',')) {
		const at = part.indexOf('=');
		if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
	}
	const credential = fields.get('Credential');
	const signedHeaders = fields.get('SignedHeaders');
	const signature = fields.get('Signature');
	if (!credential || !signedHeaders || !signature) {
		return {ok: false, reason: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`};
	}
	const amzDate = headers['x-amz-date'] ?? dateHeaderToAmz(headers['date']);
	if (!amzDate) return {ok: false, reason: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`};
	return claimFrom(credential, amzDate, signedHeaders, signature, undefined, false, headers['x-amz-security-token']);
}

/** The longest a presigned URL may live: seven days. */
export const maxPresignedSeconds = 604_800;

/** The `X-Amz-*` parameters of a presigned URL. */
export function parsePresignedQuery(query: URLSearchParams): ClaimResult {
	const credential = query.get('X-Amz-Credential');
	const amzDate = query.get('X-Amz-Date');
	const signedHeaders = query.get('X-Amz-SignedHeaders');
	const signature = query.get('X-Amz-Signature');
	const expires = query.get('X-Amz-Expires');
	if (query.get('X-Amz-Algorithm') !== algorithm || !credential || !amzDate || !signedHeaders || !signature) {
		return {ok: false, reason: 'The presigned request is missing X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders or X-Amz-Signature.'};
	}
	// AWS's bounds for a presigned URL: at least a second, at most seven days (604,800 s).
	const expiresSeconds = expires === null ? 900 : /^\d{1,7}$/.test(expires) ? Number(expires) : Number.NaN;
	if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > maxPresignedSeconds) {
		return {ok: false, reason: `X-Amz-Expires must be an integer between 1 and ${maxPresignedSeconds}.`};
	}
	return claimFrom(credential, amzDate, signedHeaders, signature, expiresSeconds, true, query.get('X-Amz-Security-Token') ?? undefined);
}

function claimFrom(
	credential: string,
	amzDate: string,
	signedHeaders: string,
	signature: string,
	expiresSeconds: number | undefined,
	presigned: boolean,
	sessionToken: string | undefined,
): ClaimResult {
	const scope = credential.split('/');
	if (scope.length !== 5 || scope[4] !== 'aws4_request') {
		return {ok: false, reason: `Credential should be scoped to a valid region and service, and end with "aws4_request": '${scope.slice(1).join('/')}'.`};
	}
	const [accessKeyId, date, region, service] = scope as [string, string, string, string, string];
	const signedAt = parseAmzDate(amzDate);
	// A date that names no real instant (month 13, second 99, year 0) would make every time check compare NaN.
	if (!signedAt) return {ok: false, reason: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`};
	return {
		ok: true,
		claim: {
			accessKeyId,
			date,
			region,
			service,
			amzDate,
			signedAt,
			signedHeaders: signedHeaders.split(';'),
			signature: signature.toLowerCase(),
			expiresSeconds,
			presigned,
			...(sessionToken === undefined ? {} : {sessionToken}),
		},
	};
}

const dateHeaderToAmz = (value: string | undefined): string | undefined => {
	if (!value) return undefined;
	const parsed = new Date(value);
	return Number.isNaN(parsed.getTime()) ? undefined : toAmzDate(parsed);
};

export const toAmzDate = (date: Date): string =>
	date
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
/**
 * `yyyymmddThhmmssZ` as an instant, or undefined when it names none: the shape must match and the
 * instant must print back as the same text (so `20261399T999999Z` and `00000000T000000Z` are refused
 * rather than read as NaN or rolled over into another day).
 */
export function parseAmzDate(amz: string): Date | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amz);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
	if (year < 1970) return undefined;
	const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	return Number.isNaN(date.getTime()) || toAmzDate(date) !== amz ? undefined : date;
}

/** RFC 3986 escaping as @smithy/core's escapeUri does it. */
export const escapeUri = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalPath(rawPath: string): string {
	const segments: string[] = [];
	for (const segment of rawPath.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	const normalized = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
	return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(query: SignedMaterial['query'], presigned: boolean): string {
	const byKey = new Map<string, string[]>();
	for (const [key, value] of query) {
		if (presigned && key.toLowerCase() === 'x-amz-signature') continue;
		const encodedKey = escapeUri(key);
		const values = byKey.get(encodedKey) ?? [];
		values.push(`${encodedKey}=${escapeUri(value)}`);
		byKey.set(encodedKey, values);
	}
	return [...byKey.keys()]
		.sort()
		.map((key) => (byKey.get(key) ?? []).sort().join('&'))
		.join('&');
}

export function canonicalRequest(material: SignedMaterial, claim: SignatureClaim): string {
	const headerLines = [...claim.signedHeaders].sort().map((name) => `${name}:${(material.headers[name] ?? '').trim().replace(/\s+/g, ' ')}`);
	return [
		material.method,
		canonicalPath(material.rawPath),
		canonicalQuery(material.query, claim.presigned),
		headerLines.join('\n'),
		'',
		[...claim.signedHeaders].sort().join(';'),
		material.payloadHash,
	].join('\n');
}

const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, claim: SignatureClaim): Buffer {
	// Deriving the key is four HMACs; caching per (secret, day, region, service) keeps the hot path to two hashes.
	const cacheKey = `${secret}\u0000${claim.date}\u0000${claim.region}\u0000${claim.service}`;
	const cached = signingKeys.get(cacheKey);
	if (cached) return cached;
	const kDate = createHmac('sha256', `AWS4${secret}`).update(claim.date).digest();
	const kRegion = createHmac('sha256', kDate).update(claim.region).digest();
	const kService = createHmac('sha256', kRegion).update(claim.service).digest();
	const key = createHmac('sha256', kService).update('aws4_request').digest();
	if (signingKeys.size > 1000) signingKeys.clear();
	signingKeys.set(cacheKey, key);
	return key;
}

export function expectedSignature(secret: string, material: SignedMaterial, claim: SignatureClaim): string {
	const scope = `${claim.date}/${claim.region}/${claim.service}/aws4_request`;
	const stringToSign = [algorithm, claim.amzDate, scope, sha256Hex(canonicalRequest(material, claim))].join('\n');
	return createHmac('sha256', signingKey(secret, claim)).update(stringToSign).digest('hex');
}

export function signatureMatches(secret: string, material: SignedMaterial, claim: SignatureClaim): boolean {
	const expected = Buffer.from(expectedSignature(secret, material, claim), 'utf8');
	const given = Buffer.from(claim.signature, 'utf8');
	return expected.length === given.length && timingSafeEqual(expected, given);
}

export const sha256Hex = (data: string | Buffer): string => (data.length === 0 ? emptyHash : createHash('sha256').update(data).digest('hex'));

/** Splits a raw query string into decoded pairs, keeping order and duplicates. */
export function queryPairs(rawQuery: string): Array<[string, string]> {
	return [...new URLSearchParams(rawQuery)];
}
