/**
 * --plain asks about the keys an existing user already holds: named before the question, deleted only
 * when the person says so, and at IAM's limit a "no" changes nothing. Real SDK against the sandbox.
 */
import {onSandbox} from '../helpers/cli.js';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, apiKeyIds as apiKeyIdsOf, startTestSandbox, userWithApiKeys} from '../helpers/sandbox.js';
import {createFlagsToReview, keys, runInTerminal} from './fake-terminal.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 50});
});
afterAll(async () => sandbox.close());

/** A user left with API keys nobody holds, as runs killed before they saved would leave it. */
const userWithKeys = (userName: string, count: number): Promise<string[]> => userWithApiKeys(sandbox, userName, count);
const apiKeyIds = (userName: string): Promise<string[]> => apiKeyIdsOf(sandbox, userName);

const plain = (userName: string, lang = 'en') =>
	runInTerminal(
		[
			'create',
			'--plain',
			...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-plain-held-'))),
			'--verify-timeout',
			'30',
			...createFlagsToReview(userName),
			'--lang',
			lang,
		],
		adminEnv(sandbox),
	);

describe('--plain, a user at the limit of 2 API keys', () => {
	it('names both keys, asks, and on yes leaves only the new key', async () => {
		const old = await userWithKeys('plain-full', 2);
		const terminal = plain('plain-full');
		// Short patterns: the prompt wraps at the terminal's width.
		await terminal.answer(/IAM allows 2 per user, so the new key needs room/, keys.type('y'));
		await terminal.answer(/Apply this to your AWS account \(IAM user plain-full already exists/, keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		const question = run.stderr.indexOf('IAM allows 2 per user, so the new key needs room');
		for (const id of old) {
			expect(run.stderr.indexOf(`- API key ${id}: created`)).toBeGreaterThan(-1);
			expect(run.stderr.indexOf(`- API key ${id}: created`)).toBeLessThan(question);
		}
		const left = await apiKeyIds('plain-full');
		expect(left).toHaveLength(1);
		expect(old).not.toContain(left[0]);
	});

	it('on no (the default), stops with nothing changed', async () => {
		const old = await userWithKeys('plain-full-no', 2);
		const terminal = plain('plain-full-no');
		await terminal.answer(/the new key needs room/, keys.enter);
		const run = await terminal.done;
		expect(run.code).toBe(130);
		expect(run.stderr).toContain('Nothing was changed: a new key cannot be made while the user holds as many as IAM allows.');
		expect(await apiKeyIds('plain-full-no')).toEqual(old);
	});
});

describe('--plain, a user holding one API key', () => {
	it('on no, keeps it and says at the end that it is still live', async () => {
		const [old] = await userWithKeys('plain-one', 1);
		const terminal = plain('plain-one');
		await terminal.answer(/Delete the 1 key plain-one already holds once the new key works and is saved\?/, keys.enter);
		await terminal.answer(/Apply this to your AWS account/, keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('! IAM user plain-one still holds 1 key from before, each valid until deleted or expired:');
		expect(run.stdout).toContain(`- API key ${old}: created`);
		expect(await apiKeyIds('plain-one')).toContain(old);
	});

	it('in Japanese, the question and the key list are Japanese', async () => {
		const [old] = await userWithKeys('plain-one-ja', 1);
		const terminal = plain('plain-one-ja', 'ja');
		await terminal.answer(/新しいキーが動作して保存された後に削除しますか/, keys.type('y'));
		await terminal.answer(/AWS アカウントに適用しますか/, keys.type('y'));
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain(`APIキー ${old}: 作成`);
		expect(run.stderr).toContain(`古いキー ${old} を削除 (新しいキーは動作し、保存済み)`);
		expect(await apiKeyIds('plain-one-ja')).not.toContain(old);
	});
});
