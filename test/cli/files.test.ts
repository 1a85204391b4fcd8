/**
 * The wizard's own files (cli/files.ts): a secret is written through an unguessable temporary file created
 * exclusively with its mode, and a .env that already exists is kept aside, never lost (issue 16). Then the
 * whole command: create over a folder whose .env holds something else.
 */
import {lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {nodeFiles} from '../../source/cli/files.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import {nameBeside, planFiles} from '../../source/flows/create/save.js';
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

describe('files already there, and git (issue 16, item 1)', () => {
	it('a name beside a file already there: .env.bedrock, then .env.1…; policy.1.json…; planFiles names the free one and what git says', async () => {
		expect([0, 1, 2].map((attempt) => nameBeside('/p/.env', attempt))).toEqual(['/p/.env.bedrock', '/p/.env.1', '/p/.env.2']);
		expect([0, 1].map((attempt) => nameBeside('/p/policy.json', attempt))).toEqual(['/p/policy.1.json', '/p/policy.2.json']);
		const dir = mkdtempSync(join(tmpdir(), 'bkw-plan-'));
		for (const name of ['.env', '.env.bedrock', 'policy.json']) writeFileSync(join(dir, name), 'x\n');
		execFileSync('git', ['init', '-q', dir]);
		writeFileSync(join(dir, '.gitignore'), '.env');
		const planned = await planFiles(dir, nodeFiles(dir));
		expect(planned.existing).toEqual(['policy', 'env']);
		expect(planned.newNames).toEqual({policy: join(dir, 'policy.1.json'), env: join(dir, '.env.1')});
		expect(planned.git).toEqual({env: 'ignored', newEnv: 'tracked-or-unignored'});
		// A folder not made yet is judged from its nearest parent: inside the work tree, where `.env` ignores it at any depth.
		expect((await planFiles(join(dir, 'alice', 'keys'), nodeFiles(dir))).git.env).toBe('ignored');
		expect((await planFiles(join(dir, 'alice', 'keys'), nodeFiles(dir))).git.env).not.toBe('not-in-repository');
	});

	it('ignoreInGit adds exactly the file, anchored at the top of the work tree, after a last line without its line break', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-ignore-'));
		execFileSync('git', ['init', '-q', dir]);
		writeFileSync(join(dir, '.gitignore'), 'node_modules');
		const files = nodeFiles(dir);
		await files.write(join(dir, 'alice', '.env'), 'A=1\n', 0o600);
		expect(await files.gitStatus(join(dir, 'alice', '.env'))).toBe('tracked-or-unignored');
		expect(await files.ignoreInGit(join(dir, 'alice', '.env'))).toEqual({line: '/alice/.env', gitignore: join(dir, '.gitignore')});
		expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\n/alice/.env\n');
		expect(await files.gitStatus(join(dir, 'alice', '.env'))).toBe('ignored');
	});

	for (const lang of ['en', 'ja'] as const) {
		it(`headless: any of the three files already there stops the run before anything is made, naming them and --yes (${lang})`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bkw-there-'));
			writeFileSync(join(dir, 'policy.json'), '{}\n');
			const run = await runCliCaptured([
				'create',
				'--sandbox',
				'--out-dir',
				dir,
				'--user-name',
				'there',
				'--models',
				'amazon.titan-embed-text-v2:0',
				'--lang',
				lang,
			]);
			expect(run.code).toBe(2);
			const [message, fix] = messagesFor(lang).create.existingNeedYes([join(dir, 'policy.json')]);
			expect(run.stderr).toContain(message);
			expect(run.stderr).toContain(fix);
			expect(readdirSync(dir)).toEqual(['policy.json']);
		});
	}

	it("headless: a client's file already there stops the run before anything is made, naming it and --yes; Claude Code's settings are merged instead", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-there-client-'));
		const openai = join(dir, 'openai.env');
		writeFileSync(openai, 'MINE=1\n');
		const run = await runCliCaptured([
			'create',
			'--sandbox',
			'--out-dir',
			dir,
			'--user-name',
			'there-client',
			'--client',
			'openai',
			'--models',
			'amazon.nova-lite-v1:0',
		]);
		expect(run.code, run.stderr).toBe(2);
		const [message, fix] = messagesFor('en').create.existingNeedYes([openai]);
		expect(run.stderr).toContain(message);
		expect(run.stderr).toContain(fix);
		expect(readdirSync(dir)).toEqual(['openai.env']);
		expect(readFileSync(openai, 'utf8')).toBe('MINE=1\n');
		// Claude Code reads no other name: its settings already there are merged (other settings kept), not asked about.
		const other = mkdtempSync(join(tmpdir(), 'bkw-there-claude-'));
		mkdirSync(join(other, '.claude'));
		const settings = join(other, '.claude', 'settings.local.json');
		writeFileSync(settings, '{"permissions": {"allow": ["Bash(ls)"]}}\n');
		const merged = await runCliCaptured(['create', '--sandbox', '--out-dir', other, '--user-name', 'there-claude', '--client', 'claude-code']);
		expect(merged.code, merged.stderr).toBe(0);
		const after = JSON.parse(readFileSync(settings, 'utf8')) as {permissions: unknown; env: Record<string, string>};
		expect(after.permissions).toEqual({allow: ['Bash(ls)']});
		expect(after.env['ANTHROPIC_MODEL']).toMatch(/anthropic\.claude-/);
		// The file as it was is kept aside, beside it.
		expect(readdirSync(join(other, '.claude')).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
	});

	it('an empty --out-dir is a usage error naming the flag, before anything runs', async () => {
		const run = await runCliCaptured(['create', '--sandbox', '--out-dir', '', '--models', 'amazon.titan-embed-text-v2:0']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(messagesFor('en').questions.outDir.invalidFlag()[0]);
	});

	it('headless --gitignore: a .env that git would pick up is added to .gitignore, and the end says so', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-gitignore-'));
		execFileSync('git', ['init', '-q', dir]);
		const run = await runCliCaptured([
			'create',
			'--sandbox',
			'--out-dir',
			dir,
			'--user-name',
			'ignored',
			'--models',
			'amazon.titan-embed-text-v2:0',
			'--gitignore',
		]);
		expect(run.code, run.stderr).toBe(0);
		expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('/.env\n');
		expect(run.stdout).toContain(messagesFor('en').create.gitignoreAdded('/.env', join(dir, '.gitignore')));
		expect(execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all'], {encoding: 'utf8'})).not.toMatch(/\.env$/m);
	});
});
