/**
 * The wizard on screen, end to end: real runner, real AWS adapters, a sandbox with IAM propagation,
 * keys typed one at a time. Each test reads like what a person does and sees.
 */
import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {SOFT_WRAP} from '../../source/ui/cells.js';
import {keys, startWizard, type Wizard} from './harness.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 300});
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

/** Welcome → Region (filtered) → models (filtered, two picked) → key screen. */
async function toKeyScreen(w: Wizard, title = 'Signed in to AWS'): Promise<void> {
	await w.waitFor(title);
	await w.press(keys.enter);
	await w.waitFor('us-west-2');
	await w.type('us-west-2');
	await w.press(keys.enter);
	await w.waitFor('★');
	// The filter has the focus: tab goes to the list, space selects there, esc empties the filter and goes back to it.
	await w.type('haiku 4.5');
	await w.press(keys.tab, keys.space, keys.escape);
	await w.type('titan-embed-text-v2');
	await w.press(keys.tab, keys.space, keys.enter);
}

describe("the article's scenario on screen, in English", () => {
	it('walks from sign-in to a proven key: both chosen models answer, the forbidden ones are denied as expected', async () => {
		wizard = startWizard({sandbox, userName: 'tui-article'});
		const w = wizard;
		const welcome = await w.waitFor('Signed in to AWS');
		expect(welcome).toContain('123456789012');
		expect(welcome).toContain('arn:aws:iam::123456789012:user/sandbox-admin');
		expect(welcome).toContain('the built-in sandbox at');
		await toKeyScreen(w);
		const keyScreen = await w.waitFor('What kind of key');
		expect(keyScreen).toContain('◉ Long-term API key');
		expect(keyScreen).toContain('‹30 days›');
		expect(keyScreen).toContain('IAM user: tui-article');
		await w.waitFor('✓ new user');
		await w.press(keys.enter);
		const review = await w.waitFor('Review: what will be made for tui-article in us-west-2');
		expect(review).toContain('"Version": "2012-10-17"');
		// A fresh account holds no Marketplace agreement for Claude: the wizard asks before anything is made.
		expect(review.replace(/\s+/g, ' ')).toContain('AWS Marketplace: the account is not subscribed to anthropic.claude-haiku-4-5-20251001-v1:0');
		await w.press(keys.enter);
		const subscribe = await w.waitFor('Subscribe the account with your credentials');
		expect(subscribe).toContain('❯ Subscribe the account');
		await w.press(keys.enter);
		const done = await w.waitFor('Done: the key works exactly as chosen', 20_000);
		expect(done).toMatch(new RegExp(`${HAIKU_PROFILE}\\n✓ Converse +api-key allow +allowed`));
		expect(done).toMatch(/✓ ConverseStream +api-key allow +allowed/);
		expect(done).toMatch(new RegExp(`${TITAN_V2}\\n✓ InvokeModel +api-key allow +allowed`));
		expect(done.match(/✓ \w+ +api-key deny +denied as expected/g)?.length).toBeGreaterThanOrEqual(2);
		expect(done).toContain('✓ Create IAM user tui-article');
		expect(done.replace(/\s+/g, ' ')).toContain('✓ Subscribe the account to anthropic.claude-haiku-4-5-20251001-v1:0 in AWS Marketplace');
		expect(done).toMatch(/API key: ABSK…\(\d+ chars\)/);
		expect(done).toContain(join(w.outDir, '.env'));
		expect(statSync(join(w.outDir, '.env')).mode & 0o777).toBe(0o600);
		await w.press('q');
		const {state, after} = await w.result;
		expect(after).toBe('quit');
		expect(state.status).toBe('done');
		expect(state.report?.pass).toBe(true);
		expect(state.answers.modelIds).toEqual([TITAN_V2, HAIKU_PROFILE]);
	});
});

describe('reveal and copy on the final screen', () => {
	it('shows the key masked; r reveals it, c copies it with OSC 52, and leaving hides it again', async () => {
		wizard = startWizard({
			sandbox,
			userName: 'tui-reveal',
			answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 7, userName: 'tui-reveal', policyType: 'auto'},
		});
		const w = wizard;
		await w.waitFor('Signed in to AWS');
		await w.press(keys.enter);
		await w.waitFor('Review:');
		await w.press(keys.enter);
		await w.waitFor('Done: the key works exactly as chosen', 20_000);
		const secret = readFileSync(join(w.outDir, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
		expect(w.frame()).not.toContain(secret.slice(0, 40));
		const osc52 = `\u001B]52;c;${Buffer.from(secret).toString('base64')}\u0007`;
		// Masked, c copies what is in view that is not secret; never the key.
		await w.press('c');
		expect(w.frames.some((frame) => frame.includes(osc52))).toBe(false);
		expect(w.frame()).toContain('r reveal');
		await w.press('r');
		await w.waitFor('Shown in clear');
		// The footer names what r does now.
		await w.waitFor('r hide');
		expect(w.frame()).not.toContain('r reveal');
		// The key whole on rows of its own, cut only where the terminal wraps (joined again, it is the key).
		expect(w.frame().replaceAll(`${SOFT_WRAP}\n`, '').split('\n')).toContain(secret);
		await w.waitFor('c copy API key');
		await w.press('c');
		await w.waitFor('Sent the API key to the clipboard (OSC 52)');
		expect(w.frames.some((frame) => frame.includes(osc52))).toBe(true);
		// No copy of the key is written: the line names the .env that holds it.
		expect(w.frame().replace(/\n/g, ' ')).toContain(`the key is in ${join(w.outDir, '.env')}`);
		await w.press('r');
		await w.waitFor(/API key: ABSK…\(\d+ chars\)/);
		await w.waitFor('r reveal');
		await w.press('r', keys.enter);
		await w.result;
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(w.frame()).not.toContain(secret.slice(0, 40));
	});
});

describe('going back, filtering and multi-select', () => {
	it('esc goes back a step with the answers still in place', async () => {
		wizard = startWizard({sandbox, userName: 'tui-back'});
		const w = wizard;
		await toKeyScreen(w);
		await w.waitFor('What kind of key');
		await w.press(keys.escape);
		const models = await w.waitFor('Which models may the key call in us-west-2?');
		expect(models).toContain(`2 models selected: amazon.titan-embed-text-v2:0,\n${HAIKU_PROFILE}\n`);
		// The rows keep their marks too, not only the line under the list (filtered to bring the row into view;
		// esc empties the filter, then goes back).
		await w.type('embed-text-v2');
		expect(await w.waitFor('Filter: embed-text-v2')).toContain('◉ Titan Text Embeddings V2');
		await w.press(keys.escape);
		await w.waitFor('(type to filter)');
		await w.press(keys.escape);
		const region = await w.waitFor('Which Region');
		expect(region).toContain('❯ us-west-2');
		await w.press(keys.escape);
		await w.waitFor('Signed in to AWS');
		await w.press(keys.enter);
		await w.waitFor('Which Region');
		await w.press(keys.enter);
		await w.waitFor('2 models selected');
		await w.press(keys.enter);
		await w.waitFor('What kind of key');
		w.store.quit(false);
		expect((await w.result).state.status).toBe('cancelled');
	});

	it('typing filters, backspace widens again, space toggles, the preset picks one chat + one embedding model', async () => {
		wizard = startWizard({sandbox});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.type('eu-w');
		const filtered = await w.waitFor('Filter: eu-w');
		expect(filtered).toContain('eu-west-1');
		expect(filtered).not.toContain('us-east-1');
		await w.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace);
		await w.type('zz-nowhere');
		await w.waitFor('No Region matches the filter.');
		await w.press(keys.escape);
		await w.waitFor('Filter: ▏');
		await w.type('us-west-2');
		await w.press(keys.enter);
		await w.waitFor('★');
		await w.press(keys.tab, keys.space);
		// The whole selection, wrapped between ids rather than cut.
		await w.waitFor(`2 models selected: amazon.titan-embed-text-v2:0,\n${HAIKU_PROFILE}\n`);
		await w.press(keys.down, keys.down, keys.space);
		await w.waitFor('3 models selected');
		await w.press(keys.space);
		await w.waitFor('2 models selected');
		// In the list space toggles; / goes back to the filter, which takes one word.
		await w.press('/');
		await w.type('micro');
		const micro = await w.waitFor('Filter: micro▏');
		expect(micro).toContain('❯ ◯ Nova Micro');
		expect(micro).not.toContain('Nova Lite');
		await w.press(keys.tab, keys.space);
		await w.waitFor('3 models selected');
		await w.press(keys.enter);
		await w.waitFor('What kind of key');
		w.store.quit(false);
		const {state} = await w.result;
		// Listed in the picker's order (provider, kind), whatever order they were picked in.
		expect(state.answers.modelIds).toEqual(['us.amazon.nova-micro-v1:0', TITAN_V2, HAIKU_PROFILE]);
	});

	it('the key screen validates the user name and says when the user exists already', async () => {
		await iamClient(sandbox).send(new (await import('@aws-sdk/client-iam')).CreateUserCommand({UserName: 'already-there'}));
		wizard = startWizard({sandbox, userName: 'already-there', answers: {region: 'us-west-2', modelIds: [TITAN_V2]}});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('! exists: the review shows what changes');
		await w.type('!');
		await w.waitFor('✗ Use 1 to 64 letters');
		await w.press(keys.enter);
		await w.waitFor('What kind of key');
		await w.press(keys.backspace);
		await w.type('-2');
		await w.waitFor('✓ new user');
		await w.press(keys.up, keys.left);
		await w.waitFor('‹7 days›');
		await w.press(keys.up, keys.space, keys.up, keys.up, keys.space);
		await w.waitFor('◯ Long-term API key');
		await w.press(keys.enter);
		await w.waitFor('Review: what will be made for already-there-2');
		w.store.quit(false);
		const {state} = await w.result;
		expect(w.store.getSnapshot().remembered).toMatchObject({keyKinds: ['access-key'], expiresInDays: null, userName: 'already-there-2'});
		expect(state.status).toBe('cancelled');
	});
});

describe('quitting', () => {
	it('Ctrl+C mid-apply asks, and "roll back" leaves nothing in IAM', async () => {
		wizard = startWizard({
			sandbox,
			answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 1, userName: 'tui-rollback', policyType: 'auto'},
		});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review:');
		await w.press(keys.enter);
		await w.waitFor('✓ Create IAM user tui-rollback');
		await w.press(keys.ctrlC);
		const dialog = await w.waitFor('Quit the wizard?');
		expect(dialog).toMatch(/This run has already made \d+ changes? in AWS/);
		await w.press('r');
		const {state} = await w.result;
		expect(state.status === 'cancelled' || state.status === 'failed').toBe(true);
		expect(state.rollback?.failed).toEqual([]);
		await w.waitFor(/Rolled back \d+ changes?/);
		const users = await iamClient(sandbox).send(new ListUsersCommand({}));
		expect(users.Users?.map((user) => user.UserName)).not.toContain('tui-rollback');
	});

	it('"keep" leaves what was made, and says how to remove it', async () => {
		wizard = startWizard({
			sandbox,
			answers: {region: 'us-west-2', modelIds: [TITAN_V2], keyKinds: ['api-key'], expiresInDays: 1, userName: 'tui-keep', policyType: 'auto'},
		});
		const w = wizard;
		// The policy takes 2 s: the dialog opens before the key is made (a key made but not saved cannot be kept).
		sandbox.faults.add({operation: 'PutUserPolicy', kind: 'latency', times: 1, latencyMs: 2000});
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('Review:');
		await w.press(keys.enter);
		await w.waitFor('✓ Create IAM user tui-keep');
		await w.press('q');
		await w.waitFor('Quit the wizard?');
		expect(w.frame()).toContain('k  keep it as it is');
		await w.press('k');
		const {state} = await w.result;
		expect(state.rollback).toBeUndefined();
		// Named as kept, each thing the run made (never said to be rolled back).
		expect(state.kept?.kept.map((entry) => entry.kind)).toContain('user-created');
		await w.waitFor('Kept the');
		await w.waitFor('user-created (tui-keep)');
		await w.waitFor('cleanup');
		const users = await iamClient(sandbox).send(new ListUsersCommand({}));
		expect(users.Users?.map((user) => user.UserName)).toContain('tui-keep');
	});

	it('q before anything was made quits at once', async () => {
		wizard = startWizard({sandbox});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press('q');
		const {state, after} = await w.result;
		expect(after).toBe('quit');
		expect(state.status).toBe('cancelled');
		expect(w.frame()).toContain('Cancelled.');
	});
});
