/**
 * The sandbox's quota enforcement on every inference surface, through clients we did not write: the AWS SDK's
 * Bedrock Runtime client (Converse, ConverseStream, InvokeModelWithResponseStream: tokens per minute with a
 * streamed reply's output charged, requests per minute once set, tokens per day), the `openai` and
 * `@anthropic-ai/sdk` packages on bedrock-runtime's compatible surfaces (the model's bedrock-runtime quotas)
 * and on Mantle (its own input and output quotas), and boto3 (clients/quota_throttling_boto3.py), each refused
 * with AWS's ThrottlingException words in its own error shape.
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import {ConverseCommand, ConverseStreamCommand, InvokeModelWithResponseStreamCommand} from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {QuotaKind} from '../../source/sandbox/service-quotas.js';
import {boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {provisionUser, rejection, runtimeClient, startTestSandbox, type ProvisionedUser} from '../helpers/sandbox.js';

const run = promisify(execFile);
const region = 'us-west-2';
const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const usHaiku = `us.${haiku}`;
const gptOss = 'openai.gpt-oss-120b-1:0';
const novaLite = 'amazon.nova-lite-v1:0';
const novaPro = 'amazon.nova-pro-v1:0';
const novaMicro = 'amazon.nova-micro-v1:0';
const nova2Lite = 'amazon.nova-2-lite-v1:0';
const TOKENS = 'Too many tokens, please wait before trying again.';

let sandbox: RunningSandbox;
let user: ProvisionedUser;

const base = (): string => sandbox.regionalEndpoint.replace('{region}', region);
const mantleBase = (): string => sandbox.mantleEndpoint.replace('{region}', region);
const runtime = () => runtimeClient(sandbox, {maxAttempts: 1});
const quota = (modelId: string, kind: QuotaKind) => sandbox.quotas.of(modelId, kind)!;
const used = (modelId: string, kind: QuotaKind): number => sandbox.quotas.used(quota(modelId, kind), new Date());
/** Leaves room for `room` more tokens in the quota's window. */
const leave = (modelId: string, kind: QuotaKind, room: number): void => void sandbox.quotas.set({modelId, kind}, used(modelId, kind) + room);
const text = [{role: 'user' as const, content: [{text: 'Hello there, this is seat one of the class.'}]}];

beforeAll(async () => {
	sandbox = await startTestSandbox({region});
	// The account's AWS Marketplace subscriptions, made by the admin's first call to each model.
	for (const modelId of [gptOss, usHaiku]) await runtime().send(new ConverseCommand({modelId, messages: text, inferenceConfig: {maxTokens: 1}}));
	const project = `arn:aws:bedrock-mantle:${region}:${sandbox.accountId}:project/default`;
	user = await provisionUser(
		sandbox,
		'seat-001',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: ['bedrock:CallWithBearerToken', 'bedrock-mantle:CallWithBearerToken'], Resource: '*'},
				{Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: '*'},
				{Effect: 'Allow', Action: 'bedrock-mantle:CreateInference', Resource: project},
			],
		},
		{apiKey: true},
	);
});
afterAll(async () => sandbox?.close());

describe('bedrock-runtime with the AWS SDK', () => {
	it("ConverseStream's output is charged (once the reply is known), so the next call is refused", async () => {
		const modelId = `us.${novaPro}`;
		const before = used(novaPro, 'cross-region-tpm');
		const stream = await runtime().send(new ConverseStreamCommand({modelId, messages: text, inferenceConfig: {maxTokens: 5}}));
		let usage: {inputTokens?: number; outputTokens?: number} | undefined;
		for await (const event of stream.stream!) usage = event.metadata?.usage ?? usage;
		expect(usage?.outputTokens).toBe(5);
		// Input and output both counted (Nova burns output 1:1).
		expect(used(novaPro, 'cross-region-tpm') - before).toBe(usage!.inputTokens! + 5);
		leave(novaPro, 'cross-region-tpm', usage!.inputTokens! - 1);
		const refused = await rejection(runtime().send(new ConverseStreamCommand({modelId, messages: text, inferenceConfig: {maxTokens: 5}})));
		expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual(['ThrottlingException', TOKENS, 429]);
	});

	it("InvokeModelWithResponseStream's output is charged too", async () => {
		const modelId = `us.${novaMicro}`;
		const body = JSON.stringify({messages: [{role: 'user', content: [{text: 'Hello there'}]}], inferenceConfig: {max_new_tokens: 4}});
		const before = used(novaMicro, 'cross-region-tpm');
		const answer = await runtime().send(new InvokeModelWithResponseStreamCommand({modelId, body, contentType: 'application/json'}));
		let metrics: {inputTokenCount: number; outputTokenCount: number} | undefined;
		for await (const event of answer.body!) {
			const chunk = JSON.parse(Buffer.from(event.chunk!.bytes!).toString('utf8')) as Record<string, unknown>;
			metrics = (chunk['amazon-bedrock-invocationMetrics'] as typeof metrics) ?? metrics;
		}
		expect(metrics?.outputTokenCount).toBe(4);
		expect(used(novaMicro, 'cross-region-tpm') - before).toBe(metrics!.inputTokenCount + 4);
		leave(novaMicro, 'cross-region-tpm', metrics!.inputTokenCount - 1);
		const refused = await rejection(runtime().send(new InvokeModelWithResponseStreamCommand({modelId, body, contentType: 'application/json'})));
		expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual(['ThrottlingException', TOKENS, 429]);
	});

	it('a requests-per-minute quota is not enforced until set (AWS no longer enforces them); once set, the next request past it is refused', async () => {
		expect(quota(novaLite, 'on-demand-rpm').enforced).toBe(false);
		expect(quota(novaLite, 'on-demand-tpm').enforced).toBe(true);
		const converse = () => runtime().send(new ConverseCommand({modelId: novaLite, messages: text, inferenceConfig: {maxTokens: 1}}));
		await converse();
		// The minute's requests so far are counted whether enforced or not.
		leave(novaLite, 'on-demand-rpm', 2);
		expect(quota(novaLite, 'on-demand-rpm').enforced).toBe(true);
		await converse();
		await converse();
		const refused = await rejection(converse());
		expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual([
			'ThrottlingException',
			'Too many requests, please wait before trying again.',
			429,
		]);
	});

	it("a tokens-per-day quota refuses with AWS's per-day words, the per-minute one still clear", async () => {
		const modelId = `us.${nova2Lite}`;
		await runtime().send(new ConverseCommand({modelId, messages: text, inferenceConfig: {maxTokens: 1}}));
		leave(nova2Lite, 'tokens-per-day', 1);
		expect(used(nova2Lite, 'cross-region-tpm')).toBeLessThan(quota(nova2Lite, 'cross-region-tpm').value);
		const refused = await rejection(runtime().send(new ConverseCommand({modelId, messages: text, inferenceConfig: {maxTokens: 1}})));
		expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual([
			'ThrottlingException',
			'Too many tokens per day, please wait before trying again.',
			429,
		]);
	});
});

describe("bedrock-runtime's compatible surfaces share the model's quotas", () => {
	it("/openai/v1 with the openai package: charged input and output, then a 429 RateLimitError in OpenAI's shape", async () => {
		const client = new OpenAI({apiKey: user.apiKey!, baseURL: `${base()}/openai/v1`, maxRetries: 0});
		const before = used(gptOss, 'on-demand-tpm');
		const completion = await client.chat.completions.create({model: gptOss, messages: [{role: 'user', content: 'Hello there'}], max_tokens: 3});
		expect(used(gptOss, 'on-demand-tpm') - before).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
		leave(gptOss, 'on-demand-tpm', completion.usage!.prompt_tokens - 1);
		const refused = await rejection(client.chat.completions.create({model: gptOss, messages: [{role: 'user', content: 'Hello there'}], max_tokens: 3}));
		expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
		const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
		expect([error.status, error.message, error.code, error.type]).toEqual([429, `429 ${TOKENS}`, 'ThrottlingException', 'rate_limit_exceeded']);
		// A streamed call is refused before its first event.
		await expect(client.chat.completions.create({model: gptOss, messages: [{role: 'user', content: 'Hello there'}], stream: true})).rejects.toBeInstanceOf(
			OpenAI.RateLimitError,
		);
	});

	it("/anthropic/v1/messages with @anthropic-ai/sdk: the output counted 5 times (Claude's burndown), then a 429 rate_limit_error", async () => {
		const client = new Anthropic({apiKey: user.apiKey!, baseURL: `${base()}/anthropic`, maxRetries: 0});
		const before = used(haiku, 'cross-region-tpm');
		const message = await client.messages.create({model: usHaiku, max_tokens: 3, messages: [{role: 'user', content: 'Hello there'}]});
		expect(used(haiku, 'cross-region-tpm') - before).toBe(message.usage.input_tokens + 5 * message.usage.output_tokens);
		leave(haiku, 'cross-region-tpm', message.usage.input_tokens - 1);
		const refused = await rejection(client.messages.create({model: usHaiku, max_tokens: 3, messages: [{role: 'user', content: 'Hello there'}]}));
		expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
		const error = refused as InstanceType<typeof Anthropic.RateLimitError>;
		expect(error.status).toBe(429);
		expect(error.error).toEqual({type: 'error', error: {type: 'rate_limit_error', message: TOKENS}});
	});
});

describe("Mantle's own quotas, input and output tokens per minute", () => {
	it('counts apart from bedrock-runtime, refuses when the input and max_tokens would pass the input quota', async () => {
		const client = new OpenAI({apiKey: user.apiKey!, baseURL: `${mantleBase()}/v1`, maxRetries: 0});
		const runtimeBefore = used(gptOss, 'on-demand-tpm');
		const before = used(gptOss, 'mantle-input-tpm');
		const completion = await client.chat.completions.create({model: 'openai.gpt-oss-120b', messages: [{role: 'user', content: 'Hello'}], max_tokens: 2});
		expect(used(gptOss, 'mantle-input-tpm') - before).toBe(completion.usage!.prompt_tokens);
		expect(used(gptOss, 'on-demand-tpm')).toBe(runtimeBefore);
		// Room for the input, but not for the input and max_tokens.
		leave(gptOss, 'mantle-input-tpm', completion.usage!.prompt_tokens + 1);
		const refused = await rejection(
			client.chat.completions.create({model: 'openai.gpt-oss-120b', messages: [{role: 'user', content: 'Hello'}], max_tokens: 2}),
		);
		expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
		expect((refused as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429);
	});

	it('refuses once the minute has used up the output quota (Messages, Claude)', async () => {
		const client = new Anthropic({apiKey: user.apiKey!, baseURL: `${mantleBase()}/anthropic`, maxRetries: 0});
		const ask = () => client.messages.create({model: 'anthropic.claude-haiku-4-5', max_tokens: 3, messages: [{role: 'user', content: 'Hello'}]});
		const message = await ask();
		expect(message.usage.output_tokens).toBe(3);
		// Exactly used up: Mantle counts output as it is made and refuses once nothing is left.
		leave(haiku, 'mantle-output-tpm', 0);
		const refused = await rejection(ask());
		expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
		expect((refused as InstanceType<typeof Anthropic.RateLimitError>).error).toEqual({type: 'error', error: {type: 'rate_limit_error', message: TOKENS}});
	});
});

describeWithTool(boto3, 'boto3', () => {
	it("sees ThrottlingException with AWS's messages, HTTP 429, for tokens per minute, requests per minute and tokens per day", async () => {
		const qwen = 'qwen.qwen3-32b-v1:0';
		const gptOss20 = 'openai.gpt-oss-20b-1:0';
		await runtime().send(new ConverseCommand({modelId: qwen, messages: text, inferenceConfig: {maxTokens: 1}}));
		await runtime().send(new ConverseCommand({modelId: gptOss20, messages: text, inferenceConfig: {maxTokens: 1}}));
		sandbox.quotas.set({modelId: novaLite, kind: 'on-demand-rpm'}, 1_000_000);
		leave(novaLite, 'on-demand-tpm', 0);
		leave(qwen, 'on-demand-rpm', 1);
		leave(gptOss20, 'tokens-per-day', 0);
		const {stdout} = await run('python3', [fileURLToPath(new URL('clients/quota_throttling_boto3.py', import.meta.url))], {
			env: clientEnv(sandbox, {
				TOKENS_MODEL: novaLite,
				REQUESTS_MODEL: qwen,
				DAY_MODEL: gptOss20,
				PYTHONPATH: fileURLToPath(new URL('clients', import.meta.url)),
			}),
			timeout: 60_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result).toEqual({ok: true, checks: 9});
	}, 90_000);
});
