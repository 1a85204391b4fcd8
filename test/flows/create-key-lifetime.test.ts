/**
 * The end of a run says how long its keys live (issue 16, item 7): a short-term key's expiry in the
 * person's zone and in UTC, and that the access key saved beside it is permanent until deleted, with the
 * command that deletes it. In English and Japanese.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured} from '../helpers/cli.js';

describe('a short-term key and the access key that signs it', () => {
	for (const lang of ['en', 'ja'] as const) {
		it(`${lang}: the expiry in the person's zone and in UTC, and the access key named as permanent with its delete command`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-lifetime-'));
			const run = await runCliCaptured([
				'create',
				'--sandbox',
				'--out-dir',
				dir,
				'--lang',
				lang,
				'--user-name',
				`short-${lang}`,
				'--models',
				'amazon.titan-embed-text-v2:0',
				'--key',
				'short-term',
				'--json',
			]);
			expect(run.code, run.stderr).toBe(0);
			const report = JSON.parse(run.stdout) as VerificationReport;
			const expiresAt = report.keys?.find((key) => key.type === 'short-term')?.expiresAt ?? '';
			const accessKeyId = /^AWS_ACCESS_KEY_ID=(\S+)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))?.[1] ?? '';
			expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(accessKeyId).toMatch(/^AKIA/);
			const utc = expiresAt.replace(/\.\d{3}Z$/, 'Z');
			// In the zone the tests pin (test/setup.ts), then in UTC to the second.
			const when = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d \S+`;
			expect(run.stderr).toMatch(
				new RegExp(lang === 'en' ? `The short-term key stops working at ${when} \\(${utc} UTC\\)` : `短期キーは ${when} \\(UTC では ${utc}\\)`),
			);
			expect(run.stderr).toContain(`aws iam delete-access-key --user-name short-${lang} --access-key-id ${accessKeyId}`);
			expect(run.stderr).toContain(lang === 'en' ? 'is permanent until deleted' : '削除するまで有効です');
		});
	}
});
