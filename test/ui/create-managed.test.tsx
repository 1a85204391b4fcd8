/** The TUI with the models a Claude Code user wants: the key screen's policy type, a managed policy on Review, a proven key. */
import {ListAttachedUserPoliciesCommand, ListUserPoliciesCommand} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {keys, startWizard, type Wizard} from './harness.js';

const MODELS = ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-sonnet-5', 'us.anthropic.claude-opus-5', 'amazon.titan-embed-text-v2:0'];

let sandbox: RunningSandbox;
let wizard: Wizard | undefined;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterEach(() => {
	wizard?.close();
	wizard = undefined;
});
afterAll(async () => sandbox.close());

describe('Haiku 4.5, Sonnet 5, Opus 5 and Titan v2 on screen', () => {
	it('the key screen offers the policy type; managed is shown on Review with its size, made, attached and proven', async () => {
		wizard = startWizard({sandbox, userName: 'tui-claude-code', answers: {region: 'us-west-2', modelIds: MODELS}});
		const w = wizard;
		await w.waitFor('Signed in');
		await w.press(keys.enter);
		await w.waitFor('‹auto (inline if it fits)›');
		await w.press(keys.down, keys.right, keys.right);
		await w.waitFor('‹managed›');
		await w.press(keys.enter);
		const review = await w.waitFor('Review: what will be made for tui-claude-code');
		expect(review.replace(/\s+/g, ' ')).toMatch(/Customer managed policy bedrock-key-wizard-tui-claude-code under \/bedrock-key-wizard\/, attached/);
		await w.press(keys.enter);
		await w.waitFor('Subscribe the account with your credentials');
		await w.press(keys.enter);
		await w.waitFor('Done: the key works exactly as chosen', 30_000);
		await w.press('q');
		const {state} = await w.result;
		expect(state.answers.policyType).toBe('managed');
		expect(state.report).toMatchObject({pass: true, policy: {type: 'managed', names: ['bedrock-key-wizard-tui-claude-code']}});
		const iam = iamClient(sandbox);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: 'tui-claude-code'}))).PolicyNames).toEqual([]);
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'tui-claude-code'}))).AttachedPolicies?.map((policy) => policy.PolicyName)).toEqual([
			'bedrock-key-wizard-tui-claude-code',
		]);
	});
});
