/**
 * Issue 16, item 1, line by line (--plain, driven as a terminal): in a folder that already holds a .env, the
 * folder offered is a new one named after the user; saving in the folder itself, the .env is named and asked
 * about before anything is made (new names, overwrite, or cancel, typed as a number). English and Japanese.
 */
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {createFlagsToReview, keys, runInTerminal} from './fake-terminal.js';

const PROJECT_ENV = 'DATABASE_URL=postgres://x\n';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

const escaped = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const users = async (): Promise<string[]> => ((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!);

/** Runs create --plain in a project folder holding a .env, saves in the folder itself, and answers the question about it with `choice` (1, 2 or 3). */
async function createInProject(lang: 'en' | 'ja', user: string, choice: '1' | '2' | '3') {
	const words = messagesFor(lang).questions;
	const dir = mkdtempSync(join(tmpdir(), 'bkw-plain-project-'));
	writeFileSync(join(dir, '.env'), PROJECT_ENV, {mode: 0o600});
	const terminal = runInTerminal(
		['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', ...createFlagsToReview(user), '--plain', '--lang', lang],
		adminEnv(sandbox),
		dir,
	);
	// The folder offered: a new one named after the user, since this one holds a .env. This folder instead.
	await terminal.answer(escaped(`${words.outDir.prompt} (./${user})`), keys.type('.'));
	// The question's start (the rest wraps at the terminal's width), then its choices one a line.
	await terminal.answer(escaped(words.existingFiles.prompt([join(dir, '.env')]).slice(0, 14)), keys.type(choice));
	if (choice !== '3') await terminal.answer(escaped(words.confirmed.prompt(undefined)), keys.type('y'));
	return {dir, ...(await terminal.done)};
}

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	describe(`a .env already in the folder, --plain (${lang})`, () => {
		it('1, new names: the key goes to .env.bedrock, said at the end, and the .env stays byte for byte', async () => {
			const run = await createInProject(lang, `plain-new-${lang}`, '1');
			expect(run.code, run.stderr).toBe(0);
			expect(run.stderr).toContain(m.questions.existingFiles.choices['new-name']([join(run.dir, '.env.bedrock')]));
			expect(readFileSync(join(run.dir, '.env'), 'utf8')).toBe(PROJECT_ENV);
			expect(readFileSync(join(run.dir, '.env.bedrock'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
			expect(run.stdout).toContain(m.create.savedUnderNewNames([join(run.dir, '.env.bedrock')]));
		});

		it('3, cancel: nothing made in IAM, nothing written, exit 130', async () => {
			const user = `plain-cancel-${lang}`;
			const run = await createInProject(lang, user, '3');
			expect(run.code, run.stderr).toBe(130);
			expect(await users()).not.toContain(user);
			expect(readdirSync(run.dir)).toEqual(['.env']);
			expect(readFileSync(join(run.dir, '.env'), 'utf8')).toBe(PROJECT_ENV);
		});
	});
}

describe('a .env already in the folder, --plain: overwrite', () => {
	it('2, overwrite: the key replaces it, the old contents kept as .env.<time>.bak and named', async () => {
		const run = await createInProject('en', 'plain-over', '2');
		expect(run.code, run.stderr).toBe(0);
		expect(readFileSync(join(run.dir, '.env'), 'utf8')).toMatch(/^AWS_BEARER_TOKEN_BEDROCK=/m);
		const kept = readdirSync(run.dir).filter((name) => /^\.env\.\d{8}T\d{6}Z\.bak$/.test(name));
		expect(kept).toHaveLength(1);
		expect(readFileSync(join(run.dir, kept[0]!), 'utf8')).toBe(PROJECT_ENV);
		expect(run.stdout).toContain(join(run.dir, kept[0]!));
		expect(existsSync(join(run.dir, '.env.bedrock'))).toBe(false);
	});
});
