/**
 * Verification on every surface a key's clients use (issue 18): bedrock-runtime's Converse, its
 * OpenAI-compatible and Anthropic surfaces, and Mantle, each probed allowed and forbidden in the same
 * table, by the real probe port against a sandbox, with a key whose policy the compiler made.
 */
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {AttachUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createProbePort} from '../../source/aws/probes.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {en} from '../../source/core/i18n/en.js';
import {planPolicy} from '../../source/core/policy/index.js';
import {Secret} from '../../source/core/secret.js';
import {planProbes} from '../../source/core/verify/probe-plan.js';
import type {Surface} from '../../source/core/verify/surfaces.js';
import {verifyKey} from '../../source/flows/verify/verify-key.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, provisionUser, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';

const region = 'us-west-2';
const chosen = ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'openai.gpt-oss-120b-1:0'];
const forbidden = ['us.anthropic.claude-sonnet-5', 'qwen.qwen3-32b-v1:0'];
const catalog = bundledCatalog();
let sandbox: RunningSandbox;

const clock = {now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))};

beforeAll(async () => {
	sandbox = await startTestSandbox({region});
	// The account's Marketplace subscriptions, made by the admin's first call to each model.
	for (const modelId of [...chosen, ...forbidden])
		await runtimeClient(sandbox).send(new ConverseCommand({modelId, messages: [{role: 'user', content: [{text: 'hi'}]}]}));
});

afterAll(async () => {
	await sandbox?.close();
});

/** The policy the compiler makes for the chosen models, the forbidden ones probed. */
const planFor = (mantle: boolean) =>
	planPolicy(
		{
			catalog,
			region,
			accountId: sandbox.accountId,
			modelIds: chosen,
			denyProbeIds: forbidden,
			apiKeyTypes: ['LONG_TERM'],
			streaming: false,
			guardrail: true,
			mantle,
			policyType: 'inline',
		},
		en,
	);

/** The plan's probes on `surfaces`, run by the real probe port with the user's API key. */
const verifyOn = (
	apiKey: string,
	plan: ReturnType<typeof planFor>,
	surfaces: {readonly surfaces: readonly Surface[]; readonly mantleRefused?: boolean},
	budgetMs: number,
) =>
	verifyKey({
		probes: planProbes({allowed: plan.request.targets, denied: plan.denyProbes, auth: ['api-key'], streaming: false, ...surfaces}),
		credentials: {'api-key': {type: 'api-key', token: new Secret(apiKey), tokenType: 'LONG_TERM'}},
		region,
		port: createProbePort(sandbox.regionalEndpoint),
		messages: en,
		clock,
		budgetMs,
	});

async function verifyWith(userName: string, options: {mantle: boolean; surfaces: readonly Surface[]; fullAccess?: boolean}) {
	const plan = planFor(options.mantle);
	const user = await provisionUser(sandbox, userName, plan.compiled.document, {apiKey: true});
	if (options.fullAccess)
		await iamClient(sandbox).send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
	const outcome = await verifyOn(user.apiKey!, plan, {surfaces: options.surfaces, mantleRefused: !options.mantle}, 5_000);
	return outcome.results.map((result) => [result.operation, result.model, result.expected, result.outcome, result.pass] as const);
}

describe('verification on every chosen surface', () => {
	it('Mantle chosen: each surface answers the chosen models and refuses the others, in one table', async () => {
		const rows = await verifyWith('all-surfaces', {mantle: true, surfaces: ['runtime', 'openai', 'anthropic', 'mantle']});
		expect(rows).toEqual([
			['Converse', 'openai.gpt-oss-120b-1:0', 'allow', 'allowed', true],
			['Converse', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'allow', 'allowed', true],
			['Converse', 'qwen.qwen3-32b-v1:0', 'deny', 'denied', true],
			['Converse', 'us.anthropic.claude-sonnet-5', 'deny', 'denied', true],
			['ChatCompletions', 'openai.gpt-oss-120b-1:0', 'allow', 'allowed', true],
			['ChatCompletions', 'qwen.qwen3-32b-v1:0', 'deny', 'denied', true],
			['AnthropicMessages', 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'allow', 'allowed', true],
			['AnthropicMessages', 'us.anthropic.claude-sonnet-5', 'deny', 'denied', true],
			['MantleChatCompletions', 'openai.gpt-oss-120b', 'allow', 'allowed', true],
			['MantleMessages', 'anthropic.claude-haiku-4-5', 'allow', 'allowed', true],
			['MantleChatCompletions', 'qwen.qwen3-32b', 'deny', 'denied', true],
			['MantleMessages', 'anthropic.claude-sonnet-5', 'deny', 'denied', true],
		]);
	});

	it('Mantle not chosen: the key is refused there, even with AmazonBedrockFullAccess attached', async () => {
		const rows = await verifyWith('no-mantle', {mantle: false, surfaces: ['runtime', 'openai'], fullAccess: true});
		expect(rows.filter(([operation]) => operation.startsWith('Mantle'))).toEqual([['MantleChatCompletions', 'openai.gpt-oss-120b', 'deny', 'denied', true]]);
		expect(rows.every(([, , , , pass]) => pass)).toBe(true);
	});

	it('a forbidden probe that answers fails the table (the port reads a real refusal, not any error)', async () => {
		// The same probes against a key whose policy allows everything: every forbidden row must fail.
		const user = await provisionUser(
			sandbox,
			'wide-open',
			{Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['bedrock:*', 'bedrock-mantle:*'], Resource: '*'}]},
			{apiKey: true},
		);
		const outcome = await verifyOn(user.apiKey!, planFor(true), {surfaces: ['openai', 'anthropic', 'mantle']}, 0);
		const deny = outcome.results.filter((result) => result.expected === 'deny');
		expect(deny.length).toBeGreaterThanOrEqual(6);
		expect(deny.every((result) => result.outcome === 'allowed' && !result.pass)).toBe(true);
	});
});
