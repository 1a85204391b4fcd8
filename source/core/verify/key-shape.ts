/**
 * What a pasted API key looks like before any call is made. People paste whole `.env` lines, quotes,
 * `Bearer ` headers, the presigned URL inside a short-term key, or an access key ID; each gets its own
 * message instead of AWS's "Invalid API Key format". Short-term keys are decoded (a base64 presigned
 * URL, docs/aws-facts.md, 'API keys') to read their Region and expiry, so a key made for another Region is caught here.
 */
export const LONG_TERM_PREFIX = 'ABSK';
export const SHORT_TERM_PREFIX = 'bedrock-api-key-';

export interface ShortTermDetails {
	readonly region: string;
	readonly accessKeyId: string;
	readonly signedAt: string;
	readonly expiresAt: string;
}

/** What was removed from around a pasted key (the catalogs say it in words: check.cleaned). */
export type CleanedPart = 'env-prefix' | 'bearer-prefix' | 'quotes';

export type KeyShape =
	| {readonly ok: true; readonly key: string; readonly tokenType: 'LONG_TERM'; readonly cleaned: readonly CleanedPart[]}
	| {readonly ok: true; readonly key: string; readonly tokenType: 'SHORT_TERM'; readonly shortTerm: ShortTermDetails; readonly cleaned: readonly CleanedPart[]}
	| {readonly ok: false; readonly problem: KeyShapeProblem};

export type KeyShapeProblem =
	| {readonly code: 'empty'}
	| {readonly code: 'inner-whitespace'}
	| {readonly code: 'presigned-url'}
	| {readonly code: 'access-key-id'}
	| {readonly code: 'secret-access-key'}
	| {readonly code: 'unknown-prefix'}
	| {readonly code: 'short-term-unreadable'}
	| {readonly code: 'short-term-expired'; readonly expiresAt: string}
	| {readonly code: 'short-term-other-region'; readonly keyRegion: string; readonly region: string};

/** Removes what commonly surrounds a pasted key, and says what it removed (never the key). */
function clean(raw: string): {value: string; cleaned: CleanedPart[]} {
	const cleaned: CleanedPart[] = [];
	let value = raw;
	const step = (next: string, what: CleanedPart): void => {
		if (next !== value) {
			cleaned.push(what);
			value = next;
		}
	};
	// A trailing newline (from a pipe or a file) is too common to mention.
	value = value.trim();
	step(value.replace(/^(export\s+)?AWS_BEARER_TOKEN_BEDROCK\s*=\s*/, ''), 'env-prefix');
	step(value.replace(/^Authorization:\s*/i, '').replace(/^Bearer\s+/i, ''), 'bearer-prefix');
	step(value.replace(/^(["'`])(.*)\1$/s, '$2').trim(), 'quotes');
	return {value, cleaned};
}

export function inspectKeyShape(raw: string, region: string, now: Date): KeyShape {
	const {value, cleaned} = clean(raw);
	if (value.length === 0) return {ok: false, problem: {code: 'empty'}};
	if (/\s/.test(value)) return {ok: false, problem: {code: 'inner-whitespace'}};
	if (/^(https?:\/\/)?bedrock\.amazonaws\.com\/?\?/i.test(value) || /[?&]Action=CallWithBearerToken/.test(value))
		return {ok: false, problem: {code: 'presigned-url'}};
	if (/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(value)) return {ok: false, problem: {code: 'access-key-id'}};
	if (value.startsWith(LONG_TERM_PREFIX)) return {ok: true, key: value, tokenType: 'LONG_TERM', cleaned};
	if (value.startsWith(SHORT_TERM_PREFIX)) {
		const details = decodeShortTermKey(value);
		if (!details) return {ok: false, problem: {code: 'short-term-unreadable'}};
		if (Date.parse(details.expiresAt) <= now.getTime()) return {ok: false, problem: {code: 'short-term-expired', expiresAt: details.expiresAt}};
		if (details.region !== region) return {ok: false, problem: {code: 'short-term-other-region', keyRegion: details.region, region}};
		return {ok: true, key: value, tokenType: 'SHORT_TERM', shortTerm: details, cleaned};
	}
	// A secret access key is 40 base64-ish characters; it is never an API key.
	if (/^[A-Za-z0-9/+]{40}$/.test(value)) return {ok: false, problem: {code: 'secret-access-key'}};
	return {ok: false, problem: {code: 'unknown-prefix'}};
}

/** `bedrock-api-key-` + base64(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-...&Version=1`). */
export function decodeShortTermKey(key: string): ShortTermDetails | undefined {
	let url: URL;
	try {
		url = new URL(`https://${atob(key.slice(SHORT_TERM_PREFIX.length))}`);
	} catch {
		return undefined;
	}
	const credential = url.searchParams.get('X-Amz-Credential')?.split('/');
	const amzDate = url.searchParams.get('X-Amz-Date');
	const expires = Number(url.searchParams.get('X-Amz-Expires') ?? '900');
	if (!credential || credential.length < 5 || !amzDate || !Number.isFinite(expires)) return undefined;
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
	if (!match) return undefined;
	const signed = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
	return {
		accessKeyId: credential[0]!,
		region: credential[2]!,
		signedAt: new Date(signed).toISOString(),
		expiresAt: new Date(signed + expires * 1000).toISOString(),
	};
}
