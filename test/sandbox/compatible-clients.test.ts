/**
 * The OpenAI-compatible, Anthropic Messages and Mantle surfaces, driven by clients we did not write: the
 * `openai` and `@anthropic-ai/sdk` npm packages, with a Bedrock API key, against a sandbox. Each surface
 * enforces IAM as AWS does: bedrock-runtime's by `bedrock:InvokeModel*` on the model or profile, Mantle's by
 * `bedrock-mantle:CreateInference` scoped by `bedrock-mantle:Model` and `bedrock-mantle:CallWithBearerToken`.
 */
import Anthropic from '@anthropic-ai/sdk';
import {AttachUserPolicyCommand} from '@aws-sdk/client-iam';
import OpenAI from 'openai';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {iamClient, provisionUser, rejection, runtimeClient, startTestSandbox, type ProvisionedUser} from '../helpers/sandbox.js';

const region = 'us-west-2';
const gptOss = 'openai.gpt-oss-120b-1:0';
const qwen = 'qwen.qwen3-32b-v1:0';
const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const usHaiku = `us.${haiku}`;
const usSonnet = 'us.anthropic.claude-sonnet-5';

let sandbox: RunningSandbox;
let runtimeUser: ProvisionedUser;
let mantleUser: ProvisionedUser;
let noMantleUser: ProvisionedUser;

const modelArn = (id: string, where = region): string => `arn:aws:bedrock:${where}::foundation-model/${id}`;
const base = (): string => sandbox.regionalEndpoint.replace('{region}', region);
const mantleBase = (): string => sandbox.mantleEndpoint.replace('{region}', region);
const openai = (apiKey: string, baseURL = `${base()}/openai/v1`): OpenAI => new OpenAI({apiKey, baseURL, maxRetries: 0});
const anthropic = (options: {apiKey?: string; authToken?: string}, baseURL = `${base()}/anthropic`): Anthropic =>
	new Anthropic({...options, baseURL, maxRetries: 0});
const messages = [{role: 'user' as const, content: 'Say hi'}];

beforeAll(async () => {
	sandbox = await startTestSandbox({region});
	// The account's AWS Marketplace subscriptions, made by the admin's first call to each model.
	for (const modelId of [gptOss, qwen, usHaiku, usSonnet])
		await runtimeClient(sandbox).send(new ConverseCommand({modelId, messages: [{role: 'user', content: [{text: 'hi'}]}]}));
	const profileArn = `arn:aws:bedrock:${region}:${sandbox.accountId}:inference-profile/${usHaiku}`;
	runtimeUser = await provisionUser(
		sandbox,
		'runtime-user',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
				{Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [modelArn(gptOss), profileArn]},
				{
					Effect: 'Allow',
					Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
					Resource: `arn:aws:bedrock:*::foundation-model/${haiku}`,
					Condition: {StringEquals: {'bedrock:InferenceProfileArn': profileArn}},
				},
			],
		},
		{apiKey: true},
	);
	const project = `arn:aws:bedrock-mantle:${region}:${sandbox.accountId}:project/default`;
	mantleUser = await provisionUser(
		sandbox,
		'mantle-user',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock-mantle:CallWithBearerToken', Resource: '*'},
				{
					Effect: 'Allow',
					Action: 'bedrock-mantle:CreateInference',
					Resource: project,
					Condition: {StringEquals: {'bedrock-mantle:Model': ['openai.gpt-oss-120b', 'anthropic.claude-haiku-4-5']}},
				},
				{Effect: 'Allow', Action: 'bedrock-mantle:ListModels', Resource: project},
			],
		},
		{apiKey: true},
	);
	// What a key made without Mantle carries: its runtime grant and the Deny of every Mantle action; with
	// AmazonBedrockFullAccess attached later (which grants bedrock-mantle:*), Mantle must stay shut.
	noMantleUser = await provisionUser(
		sandbox,
		'no-mantle-user',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
				{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn(gptOss)},
				{Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*'},
			],
		},
		{apiKey: true},
	);
	await iamClient(sandbox).send(new AttachUserPolicyCommand({UserName: 'no-mantle-user', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
});

afterAll(async () => {
	await sandbox?.close();
});

describe('bedrock-runtime /openai/v1 with the openai package', () => {
	it('answers a chat completion for a chosen non-Claude model', async () => {
		const completion = await openai(runtimeUser.apiKey!).chat.completions.create({model: gptOss, messages, max_tokens: 1});
		expect(completion.object).toBe('chat.completion');
		expect(completion.model).toBe(gptOss);
		expect(completion.choices[0]?.message.content).toBe('Hello');
		expect(completion.choices[0]?.finish_reason).toBe('length');
		expect(completion.usage?.completion_tokens).toBe(1);
	});

	it('streams a chat completion as server-sent events', async () => {
		const stream = await openai(runtimeUser.apiKey!).chat.completions.create({model: gptOss, messages, stream: true, stream_options: {include_usage: true}});
		let text = '';
		let finish: string | null | undefined;
		let usage: number | undefined;
		for await (const chunk of stream) {
			text += chunk.choices[0]?.delta.content ?? '';
			finish = chunk.choices[0]?.finish_reason ?? finish;
			usage = chunk.usage?.completion_tokens ?? usage;
		}
		expect(text).toContain(gptOss);
		expect(finish).toBe('stop');
		expect(usage).toBeGreaterThan(1);
	});

	it('refuses an unchosen model with AccessDeniedException naming bedrock:InvokeModel', async () => {
		const error = await rejection(openai(runtimeUser.apiKey!).chat.completions.create({model: qwen, messages, max_tokens: 1}));
		expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
		const denied = error as InstanceType<typeof OpenAI.PermissionDeniedError>;
		expect(denied.status).toBe(403);
		expect(denied.headers?.get('x-amzn-errortype')).toBe('AccessDeniedException');
		expect(denied.message).toContain(`not authorized to perform: bedrock:InvokeModel on resource: ${modelArn(qwen)}`);
	});

	it('refuses streaming when only bedrock:InvokeModel is allowed', async () => {
		const invokeOnly = await provisionUser(
			sandbox,
			'invoke-only-user',
			{
				Version: '2012-10-17',
				Statement: [
					{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
					{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn(gptOss)},
				],
			},
			{apiKey: true},
		);
		expect((await openai(invokeOnly.apiKey!).chat.completions.create({model: gptOss, messages, max_tokens: 1})).choices).toHaveLength(1);
		const error = await rejection(openai(invokeOnly.apiKey!).chat.completions.create({model: gptOss, messages, stream: true}));
		expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
		expect(error.message).toContain('bedrock:InvokeModelWithResponseStream');
	});

	it("answers OpenAI's Responses API on /openai/v1/responses, authorised as InvokeModel (streaming as InvokeModelWithResponseStream)", async () => {
		const created = await openai(runtimeUser.apiKey!).responses.create({model: gptOss, input: 'Say hi', max_output_tokens: 16});
		expect(created.object).toBe('response');
		expect(created.output_text).toContain('Hello from');
		const final = await openai(runtimeUser.apiKey!).responses.stream({model: gptOss, input: 'Say hi'}).finalResponse();
		expect(final.output_text).toBe(created.output_text);
		const refused = await rejection(openai(runtimeUser.apiKey!).responses.create({model: qwen, input: 'Say hi'}));
		expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(refused.message).toContain(`not authorized to perform: bedrock:InvokeModel on resource: ${modelArn(qwen)}`);
		const streamRefused = await rejection(openai(runtimeUser.apiKey!).responses.create({model: qwen, input: 'Say hi', stream: true}));
		expect(streamRefused.message).toContain('bedrock:InvokeModelWithResponseStream');
		const claude = await rejection(openai(runtimeUser.apiKey!).responses.create({model: usHaiku, input: 'Say hi'}));
		expect((claude as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
		expect(sandbox.store.runtimeCalls()).toContainEqual(
			expect.objectContaining({principalArn: runtimeUser.arn, operation: 'Responses', modelId: gptOss, outcome: 'ok'}),
		);
	});

	it('does not serve Claude on Chat Completions', async () => {
		const error = await rejection(openai(runtimeUser.apiKey!).chat.completions.create({model: usHaiku, messages, max_tokens: 1}));
		expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
		expect(error.message).toContain("isn't supported on this route");
	});

	it('refuses a key that is not one', async () => {
		const error = await rejection(openai('not-a-key').chat.completions.create({model: gptOss, messages}));
		expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
	});
});

describe('bedrock-runtime /anthropic with @anthropic-ai/sdk', () => {
	it('answers for a chosen Claude profile, the key as a bearer token or in x-api-key', async () => {
		for (const client of [anthropic({authToken: runtimeUser.apiKey!}), anthropic({apiKey: runtimeUser.apiKey!})]) {
			const message = await client.messages.create({model: usHaiku, max_tokens: 1, messages});
			expect(message.type).toBe('message');
			expect(message.model).toBe(usHaiku);
			expect(message.content[0]).toEqual({type: 'text', text: 'Hello'});
			expect(message.stop_reason).toBe('max_tokens');
		}
	});

	it('streams the Messages events', async () => {
		const stream = anthropic({authToken: runtimeUser.apiKey!}).messages.stream({model: usHaiku, max_tokens: 100, messages});
		const final = await stream.finalMessage();
		const block = final.content[0];
		expect(block?.type === 'text' ? block.text : '').toContain('Claude Haiku 4.5');
		expect(final.stop_reason).toBe('end_turn');
	});

	it('refuses an unchosen Claude profile, naming it', async () => {
		const error = await rejection(anthropic({authToken: runtimeUser.apiKey!}).messages.create({model: usSonnet, max_tokens: 1, messages}));
		expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
		expect(error.message).toContain(`inference-profile/${usSonnet}`);
	});

	it('does not serve other models on Messages', async () => {
		const error = await rejection(anthropic({authToken: runtimeUser.apiKey!}).messages.create({model: gptOss, max_tokens: 1, messages}));
		expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(400);
		expect(error.message).toContain(`The model \`${gptOss}\` isn't supported on this route.`);
	});
});

describe('Mantle', () => {
	const mantleOpenai = (key: string): OpenAI => openai(key, `${mantleBase()}/v1`);

	it('lists its models by Mantle id', async () => {
		const ids: string[] = [];
		for await (const model of mantleOpenai(mantleUser.apiKey!).models.list()) ids.push(model.id);
		expect(ids).toContain('openai.gpt-oss-120b');
		expect(ids).toContain('anthropic.claude-haiku-4-5');
		expect(ids.some((id) => id.startsWith('us.') || id.endsWith(':0'))).toBe(false);
	});

	it('answers a chosen model on /v1 and /openai/v1, streaming too', async () => {
		const completion = await mantleOpenai(mantleUser.apiKey!).chat.completions.create({model: 'openai.gpt-oss-120b', messages, max_tokens: 1});
		expect(completion.choices[0]?.message.content).toBe('Hello');
		const stream = await openai(mantleUser.apiKey!, `${mantleBase()}/openai/v1`).chat.completions.create({
			model: 'openai.gpt-oss-120b',
			messages,
			stream: true,
		});
		let text = '';
		for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
		expect(text).toContain('Hello from');
	});

	it('answers a chosen Claude model on /anthropic/v1/messages', async () => {
		const message = await anthropic({apiKey: mantleUser.apiKey!}, `${mantleBase()}/anthropic`).messages.create({
			model: 'anthropic.claude-haiku-4-5',
			max_tokens: 1,
			messages,
		});
		expect(message.content[0]).toEqual({type: 'text', text: 'Hello'});
		const final = await anthropic({authToken: mantleUser.apiKey!}, `${mantleBase()}/anthropic`)
			.messages.stream({model: 'anthropic.claude-haiku-4-5', max_tokens: 50, messages})
			.finalMessage();
		expect(final.stop_reason).toBe('end_turn');
	});

	it('refuses a model outside bedrock-mantle:Model, in the OpenAI error shape', async () => {
		const error = await rejection(mantleOpenai(mantleUser.apiKey!).chat.completions.create({model: 'qwen.qwen3-32b', messages, max_tokens: 1}));
		expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
		const denied = error as InstanceType<typeof OpenAI.PermissionDeniedError>;
		expect(denied.code).toBe('AccessDeniedException');
		expect(denied.message).toContain('bedrock-mantle:CreateInference');
		expect(denied.message).toContain(`project/default`);
	});

	it('refuses an unchosen Claude model in the Anthropic error shape', async () => {
		const error = await rejection(
			anthropic({apiKey: mantleUser.apiKey!}, `${mantleBase()}/anthropic`).messages.create({model: 'anthropic.claude-opus-5', max_tokens: 1, messages}),
		);
		expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
		expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({type: 'error', error: {type: 'permission_error'}});
	});

	it('refuses a key whose policy allows only bedrock-runtime (no bedrock-mantle:CallWithBearerToken)', async () => {
		const error = await rejection(mantleOpenai(runtimeUser.apiKey!).chat.completions.create({model: 'openai.gpt-oss-120b', messages}));
		expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
		expect(error.message).toContain('bedrock-mantle:CallWithBearerToken');
	});

	it('stays shut for a key with the Mantle Deny even with AmazonBedrockFullAccess attached', async () => {
		const error = await rejection(mantleOpenai(noMantleUser.apiKey!).chat.completions.create({model: 'openai.gpt-oss-120b', messages}));
		expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(403);
		expect(error.message).toContain('explicit deny in an identity-based policy');
		// The same key still works on bedrock-runtime, where FullAccess now also allows the rest.
		const completion = await openai(noMantleUser.apiKey!).chat.completions.create({model: qwen, messages, max_tokens: 1});
		expect(completion.choices[0]?.message.content).toBe('Hello');
	});

	it("answers OpenAI's Responses API (what Codex calls) on /v1 and /openai/v1, and streams its events", async () => {
		const created = await mantleOpenai(mantleUser.apiKey!).responses.create({model: 'openai.gpt-oss-120b', input: 'Say hi', max_output_tokens: 16});
		expect(created.object).toBe('response');
		expect(created.model).toBe('openai.gpt-oss-120b');
		expect(created.status).toBe('completed');
		expect(created.output_text).toContain('Hello from');
		expect(created.usage?.output_tokens).toBeGreaterThan(1);
		const cut = await mantleOpenai(mantleUser.apiKey!).responses.create({
			model: 'openai.gpt-oss-120b',
			input: [{role: 'user', content: 'Say hi'}],
			max_output_tokens: 1,
		});
		expect(cut.status).toBe('incomplete');
		expect(cut.incomplete_details?.reason).toBe('max_output_tokens');
		expect(cut.output_text).toBe('Hello');
		// The stream as Codex reads it: created, text deltas, completed; and the SDK's own stream helper.
		const types: string[] = [];
		let text = '';
		for await (const event of await openai(mantleUser.apiKey!, `${mantleBase()}/openai/v1`).responses.create({
			model: 'openai.gpt-oss-120b',
			input: 'Say hi',
			stream: true,
		})) {
			types.push(event.type);
			if (event.type === 'response.output_text.delta') text += event.delta;
		}
		expect(types[0]).toBe('response.created');
		expect(types.at(-1)).toBe('response.completed');
		expect(text).toContain('Hello from');
		const final = await mantleOpenai(mantleUser.apiKey!).responses.stream({model: 'openai.gpt-oss-120b', input: 'Say hi'}).finalResponse();
		expect(final.output_text).toBe(text);
	});

	it('refuses a model outside bedrock-mantle:Model on the Responses API, and does not serve Claude there', async () => {
		const refused = await rejection(mantleOpenai(mantleUser.apiKey!).responses.create({model: 'qwen.qwen3-32b', input: 'Say hi'}));
		expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(refused.message).toContain('bedrock-mantle:CreateInference');
		const streamed = await rejection(mantleOpenai(mantleUser.apiKey!).responses.create({model: 'qwen.qwen3-32b', input: 'Say hi', stream: true}));
		expect(streamed).toBeInstanceOf(OpenAI.PermissionDeniedError);
		const claude = await rejection(mantleOpenai(mantleUser.apiKey!).responses.create({model: 'anthropic.claude-haiku-4-5', input: 'Say hi'}));
		expect((claude as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
		expect(claude.message).toContain("isn't supported on this route");
		const noMantle = await rejection(mantleOpenai(noMantleUser.apiKey!).responses.create({model: 'openai.gpt-oss-120b', input: 'Say hi'}));
		expect(noMantle.message).toContain('explicit deny in an identity-based policy');
	});

	it('records each call with its principal, surface and outcome', () => {
		const calls = sandbox.store.runtimeCalls();
		expect(calls).toContainEqual(
			expect.objectContaining({
				principalArn: mantleUser.arn,
				operation: 'Mantle:CreateChatCompletion',
				modelId: 'qwen.qwen3-32b',
				outcome: 'AccessDeniedException',
			}),
		);
		expect(calls).toContainEqual(expect.objectContaining({principalArn: runtimeUser.arn, operation: 'AnthropicMessages', modelId: usHaiku, outcome: 'ok'}));
		expect(calls).toContainEqual(
			expect.objectContaining({principalArn: mantleUser.arn, operation: 'Mantle:CreateResponse', modelId: 'openai.gpt-oss-120b', outcome: 'ok'}),
		);
		expect(calls).toContainEqual(
			expect.objectContaining({principalArn: runtimeUser.arn, operation: 'ChatCompletions', modelId: qwen, outcome: 'AccessDeniedException'}),
		);
	});
});
