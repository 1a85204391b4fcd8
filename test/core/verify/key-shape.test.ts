import {getToken} from '@aws/bedrock-token-generator';
import {describe, expect, it} from 'vitest';
import {decodeShortTermKey, inspectKeyShape} from '../../../source/core/verify/key-shape.js';

const LONG = `ABSK${Buffer.from('BedrockAPIKey-sandbox-u-at-123456789012:abcdefghijklmnopqrstuvwxyz0123456789ABCD').toString('base64')}`;
const now = new Date();
const shortTerm = (region: string, expiresInSeconds = 3600) =>
	getToken({credentials: {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}, region, expiresInSeconds});

describe('what a pasted key looks like', () => {
	it('a long-term key is accepted as it is', () => {
		expect(inspectKeyShape(LONG, 'us-west-2', now)).toEqual({ok: true, key: LONG, tokenType: 'LONG_TERM', cleaned: []});
	});

	it('quotes, an .env line and a Bearer header are removed, and the removal is said', () => {
		for (const [pasted, removed] of [
			[`"${LONG}"`, 'quotes'],
			[`export AWS_BEARER_TOKEN_BEDROCK=${LONG}\n`, 'env-prefix'],
			[`Authorization: Bearer ${LONG}`, 'bearer-prefix'],
		] as const) {
			const shape = inspectKeyShape(pasted, 'us-west-2', now);
			expect(shape.ok && shape.key).toBe(LONG);
			expect(shape.ok && shape.cleaned).toContain(removed);
		}
	});

	it('refuses what is not an API key, each with its own reason', () => {
		const code = (pasted: string) => {
			const shape = inspectKeyShape(pasted, 'us-west-2', now);
			return shape.ok ? 'ok' : shape.problem.code;
		};
		expect(code('   ')).toBe('empty');
		expect(code(`${LONG.slice(0, 20)} ${LONG.slice(20)}`)).toBe('inner-whitespace');
		expect(code('AKIAIOSFODNN7EXAMPLE')).toBe('access-key-id');
		expect(code('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('secret-access-key');
		expect(code('bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256')).toBe('presigned-url');
		expect(code('sk-ant-api03-something')).toBe('unknown-prefix');
		expect(code('bedrock-api-key-!!!not-base64')).toBe('short-term-unreadable');
	});

	it('a short-term key is decoded: its Region and expiry are checked before any call', async () => {
		const key = await shortTerm('us-west-2');
		const details = decodeShortTermKey(key)!;
		expect(details.region).toBe('us-west-2');
		expect(details.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
		expect(Date.parse(details.expiresAt) - Date.parse(details.signedAt)).toBe(3600_000);
		expect(inspectKeyShape(key, 'us-west-2', now)).toMatchObject({ok: true, tokenType: 'SHORT_TERM'});
		expect(inspectKeyShape(key, 'eu-west-1', now)).toEqual({
			ok: false,
			problem: {code: 'short-term-other-region', keyRegion: 'us-west-2', region: 'eu-west-1'},
		});
		expect(inspectKeyShape(key, 'us-west-2', new Date(now.getTime() + 2 * 3600_000))).toMatchObject({ok: false, problem: {code: 'short-term-expired'}});
	});
});
