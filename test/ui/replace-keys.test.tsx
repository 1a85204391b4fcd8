/**
 * The TUI asks about the keys an existing user already holds, after the review: the keys named with
 * their creation and expiry, the cursor on the choice that deletes nothing. Real runner, real AWS
 * adapters, a sandbox (no SDK mocks).
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {apiKeyIds as apiKeyIdsOf, startTestSandbox, userWithApiKeys} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 50});
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

const userWithKeys = (userName: string, count: number): Promise<string[]> => userWithApiKeys(sandbox, userName, count, {credentialAgeDays: 5});
const apiKeyIds = (userName: string): Promise<string[]> => apiKeyIdsOf(sandbox, userName);

const answered = (userName: string) => ({
	region: 'us-west-2',
	modelIds: [TITAN_V2],
	keyKinds: ['api-key' as const],
	expiresInDays: 7,
	userName,
	policyType: 'auto' as const,
});

describe("a user at IAM's limit of 2 API keys", () => {
	it('enter on the review names them and asks, starting on "back"; choosing delete leaves only the new key', async () => {
		const old = await userWithKeys('tui-full', 2);
		wizard = startWizard({sandbox, answers: answered('tui-full')});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review: what will be made for tui-full');
		await w.press(keys.enter);
		const question = await w.waitFor('IAM allows 2 per user, so the new key needs room');
		expect(question).toContain('! IAM user tui-full already holds 2 keys:');
		for (const id of old) expect(question).toMatch(new RegExp(`- API key ${id}: created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, expires`));
		expect(question).toContain('❯ Back to the review');
		expect(question).not.toContain('Keep them');
		// The footer names the question's keys, not the review's.
		expect(await w.waitFor('↑↓/jk move · enter confirm · esc back')).not.toContain('enter apply');
		// "back" returns to the review with nothing changed.
		await w.press(keys.enter);
		await w.waitFor('Press enter to make these changes');
		expect(await apiKeyIds('tui-full')).toEqual(old);
		await w.press(keys.enter);
		await w.waitFor('❯ Back to the review');
		await w.press(keys.up);
		await w.waitFor('❯ Delete them (the new key needs room)');
		await w.press(keys.enter);
		const done = await w.waitFor('Done: the key works exactly as chosen', 20_000);
		expect(done).toContain(`✓ Delete old key ${old[0]} (to make room under IAM's limit of 2)`);
		await w.press('q');
		const {state} = await w.result;
		expect(state.answers.replaceKeys).toBe(true);
		expect(state.report?.existingKeys?.map((key) => [key.id, key.action])).toEqual(old.map((id) => [id, 'deleted']));
		const left = await apiKeyIds('tui-full');
		expect(left).toEqual([state.applied!.apiKey!.credentialId]);
	});
});

describe('a user holding one API key, in Japanese', () => {
	it('asks with "keep" first; keeping it, the final screen says it is still valid', async () => {
		const [old] = await userWithKeys('tui-one', 1);
		wizard = startWizard({sandbox, lang: 'ja', answers: answered('tui-one')});
		const w = wizard;
		await w.waitFor('AWS にサインインしています');
		await w.press(keys.enter);
		await w.waitFor('確認: us-west-2 で tui-one に作るもの');
		await w.press(keys.enter);
		const question = await w.waitFor('新しいキーが動作して保存された後に削除しますか');
		expect(question).toContain(`APIキー ${old}: 作成`);
		expect(question).toContain('❯ 残す (有効なまま)');
		await w.press(keys.enter);
		await w.waitFor('IAMユーザー tui-one には以前からのキーが 1 個残っており', 20_000);
		await w.press('q');
		const {state} = await w.result;
		expect(state.answers.replaceKeys).toBe(false);
		expect(state.report?.existingKeys).toEqual([expect.objectContaining({id: old, action: 'kept'})]);
		expect(await apiKeyIds('tui-one')).toContain(old);
	});
});
