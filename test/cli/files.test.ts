/**
 * The wizard's own files (cli/files.ts): a secret is written through an unguessable temporary file created
 * exclusively with its mode, and a .env that already exists is kept aside, never lost (issue 16). Then the
 * whole command: create over a folder whose .env holds something else.
 */
import {lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {nodeFiles} from '../../source/cli/files.js';
import {runCliCaptured} from '../helpers/cli.js';

describe('nodeFiles', () => {
	it("a link planted at the old temporary name (<path>.<pid>.tmp) is not followed: the secret goes to the file, 0600, and the link's target is untouched", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-files-'));
		const target = join(dir, '.env');
		const stolen = join(dir, 'stolen.txt');
		writeFileSync(stolen, 'nothing here\n');
		symlinkSync(stolen, `${target}.${process.pid}.tmp`);
		await nodeFiles(dir).write(target, 'AWS_BEARER_TOKEN_BEDROCK=secret\n', 0o600);
		expect(readFileSync(stolen, 'utf8')).toBe('nothing here\n');
		expect(readFileSync(target, 'utf8')).toBe('AWS_BEARER_TOKEN_BEDROCK=secret\n');
		expect(statSync(target).mode & 0o777).toBe(0o600);
		expect(lstatSync(target).isSymbolicLink()).toBe(false);
		// No temporary file of ours is left.
		expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') && name !== `.env.${process.pid}.tmp`)).toEqual([]);
	});

	it('keepAside copies an existing file beside it with its mode, never over another copy, and says where', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-files-'));
		const path = join(dir, '.env');
		const files = nodeFiles(dir);
		expect(await files.keepAside(path, new Date('2026-12-02T10:00:00Z'))).toBeUndefined();
		writeFileSync(path, 'DATABASE_URL=postgres://db\n', {mode: 0o640});
		const first = await files.keepAside(path, new Date('2026-12-02T10:00:00Z'));
		const second = await files.keepAside(path, new Date('2026-12-02T10:00:00Z'));
		expect(first).toBe(`${path}.20261202T100000Z.bak`);
		expect(second).toBe(`${path}.20261202T100000Z-1.bak`);
		expect(readFileSync(first!, 'utf8')).toBe('DATABASE_URL=postgres://db\n');
		expect(statSync(first!).mode & 0o777).toBe(0o640);
	});
});

describe('create over a folder that already has a .env', () => {
	it('the key file replaces it only with --yes, and its old contents are kept beside it and named', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-env-'));
		writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://db\n', {mode: 0o600});
		const refused = await runCliCaptured(['create', '--sandbox', '--out-dir', dir, '--user-name', 'env-there', '--models', 'amazon.titan-embed-text-v2:0']);
		expect(refused.code).toBe(2);
		expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('DATABASE_URL=postgres://db\n');
		const run = await runCliCaptured([
			'create',
			'--sandbox',
			'--out-dir',
			dir,
			'--user-name',
			'env-there',
			'--models',
			'amazon.titan-embed-text-v2:0',
			'--yes',
		]);
		expect(run.code, run.stderr).toBe(0);
		// Named on the review, before anything is written.
		const review = run.stderr.slice(0, run.stderr.indexOf('Create IAM user'));
		expect(review).toContain('• Files it will write:');
		for (const name of ['policy.json', '.env (mode 0600: the key)', 'bedrock-key-report.json']) expect(review).toContain(`  ${join(dir, name)}`);
		expect(review).toContain(`  ${join(dir, '.env')} (mode 0600: the key) (replaces the file there; a .env is kept aside as .env.<time>.bak first)`);
		const kept = readdirSync(dir).find((name) => /^\.env\.\d{8}T\d{6}Z\.bak$/.test(name));
		expect(kept, readdirSync(dir).join(', ')).toBeDefined();
		expect(readFileSync(join(dir, kept!), 'utf8')).toBe('DATABASE_URL=postgres://db\n');
		expect(run.stdout).toContain(`${join(dir, '.env')} already existed: its contents are kept in ${join(dir, kept!)}`);
		expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
	});
});
