import {describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import {Secret} from '../../source/core/secret.js';
import {usageSnippets} from '../../source/core/usage-snippets.js';
import {checkCommand, handoutFileName, readHandoutFacts, readHandoutKey, renderHandout, type HandoutInput} from '../../source/core/workshop/handout.js';
import {rosterCsv} from '../../source/core/workshop/roster.js';

const KEY = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLXNlY3JldC12YWx1ZQ==';
const input: HandoutInput = {
	event: 'summit-2026',
	seat: 12,
	userName: 'bkw-summit-2026-012',
	credentialId: 'ACCAEXAMPLE12',
	secret: new Secret(KEY),
	region: 'us-west-2',
	expiresAt: '2026-11-20T09:00:00Z',
	models: [
		{id: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', name: 'Claude Haiku 4.5', kind: 'chat'},
		{id: 'amazon.titan-embed-text-v2:0', name: 'Titan Text Embeddings V2', kind: 'embedding'},
	],
	snippets: usageSnippets({envFile: './.env', region: 'us-west-2', modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', hasApiKey: true}),
	checkCommand: checkCommand({
		region: 'us-west-2',
		allowed: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'amazon.titan-embed-text-v2:0'],
		denied: ['amazon.nova-pro-v1:0'],
	}),
};

describe('a seat handout', () => {
	it('gives the participant the key as .env lines, the Region, the models, snippets and the check command', () => {
		const text = renderHandout(input, en.workshop.handout);
		expect(text).toMatch(/^# summit-2026: seat 12\n/);
		expect(text).toContain(`\`\`\`dotenv\nAWS_BEARER_TOKEN_BEDROCK=${KEY}\nAWS_REGION=us-west-2\n\`\`\``);
		expect(text).toContain('- `us.anthropic.claude-haiku-4-5-20251001-v1:0` — Claude Haiku 4.5 (chat)');
		expect(text).toContain('set -a; . ./.env; set +a');
		expect(text).toContain(
			'```sh\nnpx bedrock-key-wizard check --region us-west-2 --expect-allowed us.anthropic.claude-haiku-4-5-20251001-v1:0,amazon.titan-embed-text-v2:0 --expect-denied amazon.nova-pro-v1:0\n```',
		);
		expect(text).toContain('2026-11-20T09:00:00Z');
	});

	it('holds the key exactly once (the snippets read it from .env)', () => {
		const text = renderHandout(input, en.workshop.handout);
		expect(text.split(KEY)).toHaveLength(2);
	});

	it('is written in the chosen language', () => {
		const text = renderHandout(input, ja.workshop.handout);
		expect(text).toMatch(/^# summit-2026: 座席 12\n/);
		expect(text).toContain('## 呼び出せるモデル');
		expect(text).toContain(`AWS_BEARER_TOKEN_BEDROCK=${KEY}`);
	});

	it('says which key it holds, without the secret, so a later run can match it to IAM', () => {
		const text = renderHandout(input, en.workshop.handout);
		const facts = readHandoutFacts(text);
		expect(facts).toEqual({
			event: 'summit-2026',
			seat: 12,
			userName: 'bkw-summit-2026-012',
			credentialId: 'ACCAEXAMPLE12',
			region: 'us-west-2',
			expiresAt: '2026-11-20T09:00:00Z',
		});
		expect(JSON.stringify(facts)).not.toContain(KEY.slice(4, 20));
		expect(readHandoutKey(text)).toBe(KEY);
		expect(readHandoutFacts('# some other notes')).toBeUndefined();
		expect(readHandoutFacts('<!-- bedrock-key-wizard:seat {broken -->')).toBeUndefined();
		expect(handoutFileName('bkw-summit-2026-012')).toBe('bkw-summit-2026-012.md');
	});

	it('quotes what a shell would misread in the check command', () => {
		expect(checkCommand({region: 'us-west-2', allowed: ['a b'], denied: [], endpointUrl: 'http://127.0.0.1:4566'})).toBe(
			"npx bedrock-key-wizard check --region us-west-2 --endpoint-url http://127.0.0.1:4566 --expect-allowed 'a b'",
		);
	});
});

describe('the roster', () => {
	it('has one row per seat in seat order, and the key id but never the key', () => {
		const csv = rosterCsv([
			{seat: 2, userName: 'bkw-s-002', credentialId: 'ACCA2', keyStatus: 'ready', expiresAt: '2026-11-20T09:00:00Z', handout: 'bkw-s-002.md'},
			{seat: 1, userName: 'bkw-s-001', keyStatus: 'failed'},
		]);
		expect(csv).toBe(
			'seat,user_name,key_id,key_status,expires_at,handout\r\n1,bkw-s-001,,failed,,\r\n2,bkw-s-002,ACCA2,ready,2026-11-20T09:00:00Z,bkw-s-002.md\r\n',
		);
	});

	it('escapes commas and quotes, and defuses spreadsheet formulas', () => {
		expect(rosterCsv([{seat: 1, userName: 'a,"b"', keyStatus: '=HYPERLINK("x")'}])).toContain('1,"a,""b""",,"\'=HYPERLINK(""x"")",,\r\n');
	});
});

describe('the end of the key, in a handout read in another zone', () => {
	const inZone = <T>(zone: string, work: () => T): T => {
		const before = process.env['TZ'];
		process.env['TZ'] = zone;
		try {
			return work();
		} finally {
			process.env['TZ'] = before;
		}
	};

	it('is in local time with its zone, and in UTC beside it (en and ja)', () => {
		const english = inZone('Asia/Tokyo', () => renderHandout(input, en.workshop.handout));
		expect(english).toContain('stops working at 2026-11-20 18:00 JST (2026-11-20 09:00 UTC).');
		const japanese = inZone('Asia/Tokyo', () => renderHandout(input, ja.workshop.handout));
		expect(japanese).toContain('2026-11-20 18:00 JST (2026-11-20 09:00 UTC) に使えなくなります。');
	});

	it('says UTC once when the local zone is UTC', () => {
		const text = inZone('UTC', () => renderHandout(input, en.workshop.handout));
		expect(text).toContain('stops working at 2026-11-20 09:00 UTC.');
	});
});
