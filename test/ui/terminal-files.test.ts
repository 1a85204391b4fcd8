/**
 * Issue 16, item 1, in a real pseudo-terminal (tmux, 80x24): the wizard run in a project folder that already
 * holds a .env (`DATABASE_URL=postgres://x`) against a sandbox. The key screen offers a new folder named after
 * the user; saving in the project folder instead, the Review names the .env and, on enter, asks before anything
 * is made: a new name leaves the .env byte for byte (and, in a git work tree that does not ignore the new name,
 * .gitignore gets it when asked); overwrite replaces it with the old contents kept aside; cancel makes nothing
 * in IAM and writes nothing.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {describeInTmux, Terminal, type Session} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The sources through tsx: the files' code as it is, without a build other work may be writing. */
const CLI = `node --import ${join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ${join(ROOT, 'source', 'cli.tsx')}`;
const PROJECT_ENV = 'DATABASE_URL=postgres://x\n';

const terminal = new Terminal('bkw-files');
afterEach(() => terminal.closeSessions());

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

/** A project folder holding a .env of its own (and, with `git`, a git work tree that ignores nothing). */
function project(git = false): string {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-project-'));
	writeFileSync(join(dir, '.env'), PROJECT_ENV, {mode: 0o600});
	if (git) execFileSync('git', ['init', '-q', dir]);
	return dir;
}

function start(name: string, dir: string): Session {
	return terminal.start(name, {
		command: `${CLI} --endpoint-url ${sandbox.endpoint} --region us-west-2`,
		dir,
		// tsx reads the project's tsconfig (the JSX settings) though the command runs in the project folder.
		env: {...adminEnv(sandbox), LANG: 'en_US.UTF-8', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')},
		waitMs: 30_000,
	});
}

/** The command's exit code once it ended (its last frame may end without a line break, so EXIT= is looked for anywhere). */
async function exitOf(t: Session): Promise<{exitCode: number; history: string}> {
	const history = await t.waitFor(/^FINISHED$/m, 60_000);
	return {exitCode: Number(/EXIT=(\d+)/.exec(history)?.[1]), history};
}

/** From the first screen to the Review, one embedding model, the user named `user`, saved in the project folder itself. */
async function walkToReview(t: Session, user: string): Promise<void> {
	// --region answers the Region: from the sign-in straight to the models.
	await t.waitFor('Signed in');
	t.keys('Enter');
	await t.waitFor('What will use this key?');
	t.keys('Enter');
	await t.waitFor('★ Starter');
	await t.text('titan-embed-text-v2');
	await t.waitFor('Filter: titan-embed-text-v2');
	t.keys('Tab');
	await t.waitFor('tab or / to filter');
	t.keys('Space');
	await t.waitFor('1 model selected');
	t.keys('Enter');
	await t.waitFor('What kind of key');
	// The user name has the focus: a name of ours.
	t.keys('C-u');
	await t.text(user);
	await t.waitFor(`IAM user: ${user}`);
	// This folder holds a .env: the folder offered is a new one named after the user, and says why.
	t.keys('Down', 'Down');
	await t.waitFor(`Save to: ./${user}`);
	await t.waitFor('this folder already has a .env');
	// Saved here instead, to be asked about the .env.
	t.keys('C-u');
	await t.text('.');
	await t.waitFor('Save to: .▏');
	t.keys('Enter');
	await t.waitFor('Review: what will be made for');
}

describeInTmux('a .env already in the folder, in a real terminal (tmux, 80x24)', () => {
	it('named on the Review and asked about before anything is made; a new name leaves it byte for byte, and .gitignore gets the new name', async () => {
		const dir = project(true);
		const t = start('new-name', dir);
		await walkToReview(t, 'files-new');
		const review = await t.waitFor('Already there:');
		expect(review.replace(/\s+/g, '')).toContain(`Alreadythere:${join(dir, '.env')}.`);
		t.keys('Enter');
		await t.waitFor('Overwrite (a .env is kept aside');
		expect(t.screen()).toContain('Cancel: make nothing, write nothing');
		// Nothing made yet: the question comes before any change.
		expect((await iamClient(sandbox).send(new ListUsersCommand({}))).Users?.map((user) => user.UserName)).not.toContain('files-new');
		// The cursor starts on "new names".
		t.keys('Enter');
		// The new name is inside a git work tree that ignores nothing: add it to .gitignore?
		await t.waitFor('Add it to .gitignore');
		t.keys('Enter');
		await t.waitFor('Done: the key works exactly as chosen', 60_000);
		t.keys('q');
		const {exitCode, history} = await exitOf(t);
		expect(exitCode, history).toBe(0);
		expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(PROJECT_ENV);
		expect(readFileSync(join(dir, '.env.bedrock'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
		expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('/.env.bedrock\n');
		expect(execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all'], {encoding: 'utf8'})).not.toContain('.env.bedrock');
		expect(history.replace(/\s+/g, '')).toContain(join(dir, '.env.bedrock').replace(/\s+/g, ''));
	}, 180_000);

	it('overwrite replaces it, its old contents kept aside as .env.<time>.bak', async () => {
		const dir = project();
		const t = start('overwrite', dir);
		await walkToReview(t, 'files-over');
		await t.waitFor('Already there:');
		t.keys('Enter');
		await t.waitFor('Overwrite (a .env is kept aside');
		t.keys('Down');
		await t.waitFor(/❯ Overwrite/);
		t.keys('Enter');
		await t.waitFor('Done: the key works exactly as chosen', 60_000);
		t.keys('q');
		const {exitCode, history} = await exitOf(t);
		expect(exitCode, history).toBe(0);
		expect(readFileSync(join(dir, '.env'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
		const kept = readdirSync(dir).filter((name) => /^\.env\.\d{8}T\d{6}Z\.bak$/.test(name));
		expect(kept).toHaveLength(1);
		expect(readFileSync(join(dir, kept[0]!), 'utf8')).toBe(PROJECT_ENV);
	}, 180_000);

	it('cancel makes nothing and writes nothing: no IAM user in the sandbox, the .env as it was, exit 130', async () => {
		const dir = project();
		const t = start('cancel', dir);
		await walkToReview(t, 'files-cancel');
		await t.waitFor('Already there:');
		t.keys('Enter');
		await t.waitFor('Overwrite (a .env is kept aside');
		t.keys('Down', 'Down');
		await t.waitFor(/❯ Cancel: make nothing/);
		t.keys('Enter');
		const {exitCode, history} = await exitOf(t);
		expect(exitCode, history).toBe(130);
		expect((await iamClient(sandbox).send(new ListUsersCommand({}))).Users?.map((user) => user.UserName)).not.toContain('files-cancel');
		expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(PROJECT_ENV);
		expect(readdirSync(dir).filter((name) => !name.startsWith('.cancel.'))).toEqual(['.env']);
		expect(existsSync(join(dir, 'policy.json'))).toBe(false);
	}, 180_000);
});
