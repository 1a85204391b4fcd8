import {EventStreamCodec} from '@smithy/core/event-streams';
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import type {SandboxResponse} from '../../source/sandbox/contracts.js';
import {createRuntimeRouter, type RuntimeRouterOptions} from '../../source/sandbox/runtime/index.js';
import {accountId, dispatch, fakeContext, jsonBody, marketplaceGrants, type FakeOptions, type Grant} from './bedrock-handler-context.js';

const catalog = bundledCatalog();
const defaultRouter = createRuntimeRouter({catalog});

const nova = 'amazon.nova-lite-v1:0'; // Amazon, on demand in us-east-1
const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0'; // third party, profile-only in us-east-1
const usHaiku = `us.${haiku}`;
const globalHaiku = `global.${haiku}`;
const modelArn = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const profileArn = (region: string, id: string) => `arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`;
const converseBody = {messages: [{role: 'user', content: [{text: 'Say hi'}]}]};

type Operation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream';

interface Call extends Omit<FakeOptions, 'path'> {
	readonly router?: ReturnType<typeof createRuntimeRouter>;
}

async function run(modelId: string, operation: Operation, options: Call = {}) {
	const context = fakeContext({method: 'POST', body: converseBody, ...options, path: `/model/${encodeURIComponent(modelId)}/${operation}`});
	try {
		const response = await dispatch(options.router ?? defaultRouter, context);
		return {context, response, error: undefined};
	} catch (error) {
		return {context, response: undefined, error: error as {code: string; message: string; status: number}};
	}
}

async function ok(modelId: string, operation: Operation, options: Call = {}): Promise<SandboxResponse> {
	const {response, error} = await run(modelId, operation, options);
	if (!response) throw new Error(`expected success, got ${error?.code}: ${error?.message}`);
	return response;
}

async function fails(modelId: string, operation: Operation, options: Call = {}) {
	const {error, context} = await run(modelId, operation, options);
	if (!error) throw new Error('expected an error');
	return {error, context};
}

const codec = new EventStreamCodec(
	(bytes) => Buffer.from(bytes).toString('utf8'),
	(text) => Buffer.from(text, 'utf8'),
);

function events(response: SandboxResponse): Array<{type: string; payload: Record<string, unknown>}> {
	expect(response.headers?.['content-type']).toBe('application/vnd.amazon.eventstream');
	return [...(response.frames as Iterable<Buffer>)].map((frame) => {
		const message = codec.decode(frame);
		return {type: String(message.headers[':event-type']?.value), payload: JSON.parse(Buffer.from(message.body).toString('utf8')) as Record<string, unknown>};
	});
}

describe('routing', () => {
	it('knows the four operations and decodes the model id, ARNs included', () => {
		const route = (method: string, rawPath: string) =>
			defaultRouter({method, rawPath, query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0)})?.operation;
		expect(route('POST', '/model/amazon.nova-lite-v1%3A0/converse')).toBe('Converse');
		expect(route('POST', '/model/amazon.nova-lite-v1%3A0/converse-stream')).toBe('ConverseStream');
		expect(route('POST', '/model/amazon.nova-lite-v1%3A0/invoke')).toBe('InvokeModel');
		expect(route('POST', '/model/amazon.nova-lite-v1%3A0/invoke-with-response-stream')).toBe('InvokeModelWithResponseStream');
		expect(route('POST', '/model/arn:aws:bedrock:us-east-1:1:inference-profile/us.x/converse')).toBe('Converse');
		expect(route('GET', '/model/amazon.nova-lite-v1%3A0/converse')).toBeUndefined();
		expect(route('POST', '/model/amazon.nova-lite-v1%3A0/count-tokens')).toBeUndefined();
	});
});

describe('Converse', () => {
	it('answers with text naming the model, usage and metrics', async () => {
		const body = jsonBody(await ok(nova, 'converse'));
		const text = (body['output'] as {message: {role: string; content: Array<{text: string}>}}).message;
		expect(text.role).toBe('assistant');
		expect(text.content[0]?.text).toContain(nova);
		expect(body['stopReason']).toBe('end_turn');
		const usage = body['usage'] as {inputTokens: number; outputTokens: number; totalTokens: number};
		expect(usage.inputTokens).toBe(2);
		expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);
		expect(body['metrics']).toEqual({latencyMs: expect.any(Number)});
	});

	it('stops after one short token with maxTokens 1', async () => {
		const body = jsonBody(await ok(nova, 'converse', {body: {...converseBody, inferenceConfig: {maxTokens: 1}}}));
		expect(body['stopReason']).toBe('max_tokens');
		expect((body['usage'] as {outputTokens: number}).outputTokens).toBe(1);
		expect((body['output'] as {message: {content: Array<{text: string}>}}).message.content[0]?.text).toBe('Hello');
	});

	it('rejects a malformed body and a missing conversation', async () => {
		expect((await fails(nova, 'converse', {body: '{not json'})).error).toMatchObject({code: 'ValidationException', status: 400});
		expect((await fails(nova, 'converse', {body: {}})).error).toMatchObject({
			code: 'ValidationException',
			message: expect.stringContaining('must start with a user message'),
		});
		expect((await fails(nova, 'converse', {body: {...converseBody, inferenceConfig: {maxTokens: 0}}})).error.code).toBe('ValidationException');
	});
});

describe('authorization, as AWS does it', () => {
	it('checks bedrock:InvokeModel on the regional model ARN for a bare id, and bedrock:InvokeModelWithResponseStream for streams', async () => {
		const {context} = await run(nova, 'converse');
		expect(context.authorizations).toEqual([{action: 'bedrock:InvokeModel', resource: modelArn('us-east-1', nova), context: undefined}]);
		const stream = await run(nova, 'converse-stream');
		expect(stream.context.authorizations[0]?.action).toBe('bedrock:InvokeModelWithResponseStream');
		const invokeStream = await run(nova, 'invoke-with-response-stream', {body: {messages: converseBody.messages}});
		expect(invokeStream.context.authorizations[0]?.action).toBe('bedrock:InvokeModelWithResponseStream');
	});

	it('denies with AccessDeniedException naming the resource, and Converse is not a separate action', async () => {
		const allow: Grant[] = [{action: 'bedrock:InvokeModelWithResponseStream', resource: modelArn('us-east-1', nova)}];
		const {error} = await fails(nova, 'converse', {allow});
		expect(error).toMatchObject({code: 'AccessDeniedException', status: 403});
		expect(error.message).toBe(
			`User: arn:aws:iam::${accountId}:user/alice is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn('us-east-1', nova)} because no identity-based policy allows the bedrock:InvokeModel action`,
		);
		await ok(nova, 'converse-stream', {allow});
	});

	it('through a profile checks the profile ARN, then the model in the routed region with bedrock:InferenceProfileArn', async () => {
		const {context} = await run(usHaiku, 'converse', {agreements: [haiku]});
		const viaProfile = {'bedrock:InferenceProfileArn': profileArn('us-east-1', usHaiku)};
		// The model is invoked in the routed (destination) Region, which is the Region requested there.
		expect(context.authorizations.slice(0, 2)).toEqual([
			{action: 'bedrock:InvokeModel', resource: profileArn('us-east-1', usHaiku), context: undefined},
			{action: 'bedrock:InvokeModel', resource: modelArn('us-east-1', haiku), context: {...viaProfile, 'aws:RequestedRegion': 'us-east-1'}},
		]);
		// Then each other destination AWS may route to, only to find a service control policy's refusal there.
		expect(context.authorizations.slice(2).map((check) => check.context?.['aws:RequestedRegion'])).toEqual(['us-east-2', 'us-west-2']);
	});

	it('names the model ARN when only the profile is allowed, and passes when both are', async () => {
		const profileOnly: Grant[] = [{action: 'bedrock:InvokeModel', resource: profileArn('us-east-1', usHaiku)}];
		const {error} = await fails(usHaiku, 'converse', {allow: profileOnly, agreements: [haiku]});
		expect(error.message).toContain(`on resource: ${modelArn('us-east-1', haiku)}`);
		const scoped: Grant[] = [
			...profileOnly,
			{
				action: 'bedrock:InvokeModel',
				resource: 'arn:aws:bedrock:*::foundation-model/' + haiku,
				context: {'bedrock:InferenceProfileArn': profileArn('us-east-1', usHaiku)},
			},
		];
		await ok(usHaiku, 'converse', {allow: scoped, agreements: [haiku]});
	});

	it('routes to the first destination when the source region is not one (deterministic)', async () => {
		const id = 'global.amazon.nova-2-lite-v1:0';
		const {context} = await run(id, 'converse', {region: 'me-central-1'});
		expect(context.authorizations[1]?.resource).toBe(modelArn('us-east-1', 'amazon.nova-2-lite-v1:0'));
	});

	it('also needs the region-less model ARN for a global profile', async () => {
		const grants: Grant[] = [
			{action: 'bedrock:InvokeModel', resource: profileArn('us-east-1', globalHaiku)},
			{action: 'bedrock:InvokeModel', resource: modelArn('us-east-1', haiku)},
		];
		const {error, context} = await fails(globalHaiku, 'converse', {allow: grants, agreements: [haiku]});
		expect(error.message).toContain(`on resource: arn:aws:bedrock:::foundation-model/${haiku}`);
		// The region-less ARN is requested in the Region "unspecified" (what a Region-deny SCP must allow for a global profile).
		expect(context.authorizations[2]?.context).toEqual({
			'bedrock:InferenceProfileArn': profileArn('us-east-1', globalHaiku),
			'aws:RequestedRegion': 'unspecified',
		});
		await ok(globalHaiku, 'converse', {
			allow: [...grants, {action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:::foundation-model/${haiku}`}],
			agreements: [haiku],
		});
	});

	it('accepts the profile and model as ARNs', async () => {
		await ok(profileArn('us-east-1', usHaiku), 'converse', {agreements: [haiku]});
		await ok(modelArn('us-east-1', nova), 'converse');
	});

	it('authorizes before it looks the id up: an unknown model is AccessDenied for a narrow caller', async () => {
		const {error} = await fails('acme.nothing-v1', 'converse', {allow: [{action: 'bedrock:InvokeModel', resource: modelArn('us-east-1', nova)}]});
		expect(error.code).toBe('AccessDeniedException');
	});
});

describe('catalog rules', () => {
	it('calls an unknown id, an unknown application profile and a foreign ARN invalid', async () => {
		for (const id of [
			'acme.nothing-v1',
			'us.acme.nothing-v1',
			`arn:aws:bedrock:us-east-1:${accountId}:application-inference-profile/abc123`,
			modelArn('us-west-2', nova),
		]) {
			expect((await fails(id, 'converse')).error).toMatchObject({
				code: 'ValidationException',
				status: 400,
				message: 'The provided model identifier is invalid.',
			});
		}
	});

	it('says an end-of-life model has reached the end of its life', async () => {
		const {error} = await fails('anthropic.claude-3-opus-20240229-v1:0', 'converse');
		expect(error).toMatchObject({
			code: 'ResourceNotFoundException',
			status: 404,
			message: expect.stringMatching(/^This model version has reached the end of its life\./),
		});
	});

	it('refuses a profile-only model called by its bare id, naming it', async () => {
		const {error} = await fails(haiku, 'converse', {agreements: [haiku]});
		expect(error).toMatchObject({
			code: 'ValidationException',
			message: `Invocation of model ID ${haiku} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
		});
	});

	it('calls a model the region does not offer invalid, and a profile the region may not source', async () => {
		expect((await fails('anthropic.claude-3-haiku-20240307-v1:0', 'converse', {agreements: ['anthropic.claude-3-haiku-20240307-v1:0']})).error.message).toBe(
			'The provided model identifier is invalid.',
		);
		expect((await fails('eu.amazon.nova-2-lite-v1:0', 'converse')).error.message).toBe('The provided model identifier is invalid.');
	});

	it('answers a LEGACY model only for an account that has been using it', async () => {
		const sonnet = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
		const agreements = ['anthropic.claude-sonnet-4-5-20250929-v1:0'];
		expect((await fails(sonnet, 'converse', {agreements})).error).toMatchObject({
			code: 'ResourceNotFoundException',
			message: expect.stringContaining('marked by provider as Legacy'),
		});
		const options: RuntimeRouterOptions = {catalog, legacyModelsInUse: 'all'};
		await ok(sonnet, 'converse', {agreements, router: createRuntimeRouter(options)});
	});

	it('denies a third-party model without an agreement to a caller who may not subscribe', async () => {
		const allow: Grant[] = [{action: 'bedrock:*', resource: '*'}];
		const {error, context} = await fails(usHaiku, 'converse', {allow});
		expect(error).toMatchObject({code: 'AccessDeniedException', status: 403});
		expect(error.message).toMatch(
			/^Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions \(aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe\)/,
		);
		expect(context.agreements.size).toBe(0);
	});

	it('subscribes the account on the first call by a caller with marketplace permissions (via Bedrock)', async () => {
		const allow: Grant[] = [
			{action: 'bedrock:*', resource: '*'},
			...marketplaceGrants.map((grant) => ({...grant, context: {'aws:CalledViaLast': 'bedrock.amazonaws.com'}})),
		];
		const {context, response} = await run(usHaiku, 'converse', {allow});
		expect(response?.status).toBe(200);
		expect([...context.agreements]).toEqual([haiku]);
	});

	it('refuses Converse and ConverseStream on an embedding model', async () => {
		for (const operation of ['converse', 'converse-stream'] as const) {
			expect((await fails('amazon.titan-embed-text-v2:0', operation)).error).toMatchObject({
				code: 'ValidationException',
				message: "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
			});
		}
	});

	it('refuses a response stream from a model without streaming', async () => {
		expect((await fails('amazon.titan-embed-text-v2:0', 'invoke-with-response-stream', {body: {inputText: 'x'}})).error).toMatchObject({
			code: 'ValidationException',
			message: 'The model is unsupported for streaming.',
		});
	});
});

describe('identifiers the sandbox does not host', () => {
	it('authorizes an application profile ARN as itself before calling it invalid', async () => {
		const arn = `arn:aws:bedrock:us-east-1:${accountId}:application-inference-profile/abc123`;
		const {error, context} = await fails(arn, 'converse', {allow: []});
		expect(error.code).toBe('AccessDeniedException');
		expect(context.authorizations).toEqual([{action: 'bedrock:InvokeModel', resource: arn, context: undefined}]);
	});

	it('treats an unknown scoped id as an inference profile for IAM', async () => {
		const {context} = await fails('us.acme.nothing-v1', 'converse');
		expect(context.authorizations[0]?.resource).toBe(profileArn('us-east-1', 'us.acme.nothing-v1'));
	});
});

describe('legacy models in use', () => {
	it('answers only the listed LEGACY models', async () => {
		const router = createRuntimeRouter({catalog, legacyModelsInUse: ['anthropic.claude-opus-4-1-20250805-v1:0']});
		await ok('us.anthropic.claude-opus-4-1-20250805-v1:0', 'converse', {router, agreements: ['anthropic.claude-opus-4-1-20250805-v1:0']});
		const {error} = await fails('us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'converse', {
			router,
			agreements: ['anthropic.claude-sonnet-4-5-20250929-v1:0'],
		});
		expect(error.code).toBe('ResourceNotFoundException');
	});
});

describe('rerank', () => {
	it('ranks documents deterministically in Cohere shape', async () => {
		const body = {query: 'iam', documents: ['policy', 'banana', 'role'], top_n: 2, api_version: 2};
		const first = jsonBody(await ok('cohere.rerank-v3-5:0', 'invoke', {body, agreements: ['cohere.rerank-v3-5:0']}));
		const results = first['results'] as Array<{index: number; relevance_score: number}>;
		expect(results).toHaveLength(2);
		expect(results[0]?.relevance_score).toBeGreaterThanOrEqual(results[1]?.relevance_score ?? 1);
		expect(jsonBody(await ok('cohere.rerank-v3-5:0', 'invoke', {body, agreements: ['cohere.rerank-v3-5:0']}))).toEqual(first);
	});
});

describe('recording', () => {
	it('records every call, allowed or not, with principal, auth, operation, model and outcome', async () => {
		const allowed = await run(nova, 'converse');
		expect(allowed.context.calls).toEqual([
			{
				at: '2026-11-29T10:00:00.000Z',
				principalArn: `arn:aws:iam::${accountId}:user/alice`,
				auth: 'bearer',
				operation: 'Converse',
				modelId: nova,
				outcome: 'ok',
				// The Region the call was made in: CloudTrail's history is kept per Region.
				region: 'us-east-1',
			},
		]);
		const denied = await run(nova, 'invoke', {allow: [], caller: {auth: {type: 'sigv4', accessKeyId: 'AKIA'}}});
		expect(denied.context.calls).toMatchObject([{auth: 'sigv4', operation: 'InvokeModel', outcome: 'AccessDeniedException'}]);
		const invalid = await run('acme.nothing-v1', 'converse-stream');
		expect(invalid.context.calls).toMatchObject([{operation: 'ConverseStream', modelId: 'acme.nothing-v1', outcome: 'ValidationException'}]);
	});
});

describe('ConverseStream', () => {
	it('sends messageStart, deltas, contentBlockStop, messageStop and metadata that add up to the Converse reply', async () => {
		const stream = events(await ok(nova, 'converse-stream'));
		const types = stream.map((event) => event.type);
		expect(types[0]).toBe('messageStart');
		expect(types.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
		const deltas = stream.filter((event) => event.type === 'contentBlockDelta');
		expect(deltas.length).toBeGreaterThan(1);
		const text = deltas.map((event) => (event.payload['delta'] as {text: string}).text).join('');
		const converse = jsonBody(await ok(nova, 'converse'));
		expect(text).toBe((converse['output'] as {message: {content: Array<{text: string}>}}).message.content[0]?.text);
		expect(stream.at(-1)?.payload).toEqual({usage: converse['usage'], metrics: converse['metrics']});
		expect(stream.find((event) => event.type === 'messageStop')?.payload).toEqual({stopReason: 'end_turn'});
	});
});

describe('InvokeModel', () => {
	it('speaks Anthropic Messages and checks its required keys', async () => {
		const body = {anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: converseBody.messages};
		const reply = jsonBody(await ok(usHaiku, 'invoke', {body, agreements: [haiku]}));
		expect(reply).toMatchObject({type: 'message', role: 'assistant', stop_reason: 'end_turn', content: [{type: 'text', text: expect.stringContaining(haiku)}]});
		expect(reply['usage']).toEqual({input_tokens: expect.any(Number), output_tokens: expect.any(Number)});
		const {error} = await fails(usHaiku, 'invoke', {body: {messages: converseBody.messages}, agreements: [haiku]});
		expect(error.message).toBe(
			'Malformed input request: #: required key [anthropic_version] not found#: required key [max_tokens] not found, please reformat your input and try again.',
		);
	});

	it('speaks Nova, Llama and chat completions', async () => {
		const novaReply = jsonBody(await ok(nova, 'invoke', {body: {messages: converseBody.messages, inferenceConfig: {max_new_tokens: 1}}}));
		expect(novaReply).toMatchObject({output: {message: {role: 'assistant', content: [{text: 'Hello'}]}}, stopReason: 'max_tokens'});
		const llama = 'meta.llama3-70b-instruct-v1:0';
		const llamaReply = jsonBody(await ok(llama, 'invoke', {body: {prompt: 'hi', max_gen_len: 20}, agreements: [llama]}));
		expect(llamaReply).toMatchObject({generation: expect.stringContaining(llama), stop_reason: 'stop', prompt_token_count: 1});
		const gpt = 'openai.gpt-oss-120b-1:0';
		const gptReply = jsonBody(await ok(gpt, 'invoke', {body: {messages: [{role: 'user', content: 'hi'}], max_completion_tokens: 5}, agreements: [gpt]}));
		expect(gptReply).toMatchObject({
			object: 'chat.completion',
			choices: [{message: {role: 'assistant'}, finish_reason: 'length'}],
			usage: {completion_tokens: 5},
		});
	});

	it('answers an image model with a PNG', async () => {
		const sketch = 'us.stability.stable-image-control-sketch-v1:0';
		const reply = jsonBody(await ok(sketch, 'invoke', {body: {prompt: 'a cat'}, agreements: ['stability.stable-image-control-sketch-v1:0']}));
		const [image] = reply['images'] as string[];
		expect(
			Buffer.from(image ?? '', 'base64')
				.subarray(1, 4)
				.toString(),
		).toBe('PNG');
	});

	it('rejects a body that is not JSON', async () => {
		expect((await fails(nova, 'invoke', {body: 'nope'})).error).toMatchObject({code: 'ValidationException'});
	});
});

describe('InvokeModelWithResponseStream', () => {
	const chunks = (response: SandboxResponse) =>
		events(response).map((event) => {
			expect(event.type).toBe('chunk');
			return JSON.parse(Buffer.from(event.payload['bytes'] as string, 'base64').toString('utf8')) as Record<string, unknown>;
		});

	it('streams Anthropic events whose deltas spell the reply, metrics on the last', async () => {
		const body = {anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: converseBody.messages};
		const response = await ok(usHaiku, 'invoke-with-response-stream', {body, agreements: [haiku]});
		expect(response.headers?.['x-amzn-bedrock-content-type']).toBe('application/json');
		const parsed = chunks(response);
		expect(parsed.map((chunk) => chunk['type'])).toEqual([
			'message_start',
			'content_block_start',
			...parsed.filter((chunk) => chunk['type'] === 'content_block_delta').map(() => 'content_block_delta'),
			'content_block_stop',
			'message_delta',
			'message_stop',
		]);
		const text = parsed
			.filter((chunk) => chunk['type'] === 'content_block_delta')
			.map((chunk) => (chunk['delta'] as {text: string}).text)
			.join('');
		expect(text).toContain(haiku);
		expect(parsed.at(-1)?.['amazon-bedrock-invocationMetrics']).toMatchObject({inputTokenCount: expect.any(Number), outputTokenCount: expect.any(Number)});
	});

	const at = (value: unknown, path: string): unknown =>
		path
			.split('.')
			.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined), value);

	it.each([
		['meta.llama3-70b-instruct-v1:0', {prompt: 'hi'}, 'generation', 'stop_reason'],
		['mistral.mistral-large-2402-v1:0', {prompt: 'hi'}, 'outputs.0.text', 'outputs.0.stop_reason'],
		['openai.gpt-oss-120b-1:0', {messages: [{role: 'user', content: 'hi'}]}, 'choices.0.delta.content', 'choices.0.finish_reason'],
	])('streams %s chunks that spell the reply, stop reason and metrics on the last', async (model, body, textPath, stopPath) => {
		const parsed = chunks(await ok(model, 'invoke-with-response-stream', {body, agreements: [model]}));
		expect(parsed.map((chunk) => at(chunk, textPath)).join('')).toContain(model);
		expect(parsed.slice(0, -1).every((chunk) => at(chunk, stopPath) === null)).toBe(true);
		expect(at(parsed.at(-1), stopPath)).toBe('stop');
		expect(parsed.at(-1)).toHaveProperty('amazon-bedrock-invocationMetrics');
	});

	it('streams Nova chunks', async () => {
		const parsed = chunks(await ok(nova, 'invoke-with-response-stream', {body: {messages: converseBody.messages}}));
		expect(Object.keys(parsed[0] ?? {})).toEqual(['messageStart']);
		expect(parsed.some((chunk) => 'contentBlockDelta' in chunk)).toBe(true);
		expect(parsed.at(-1)).toHaveProperty('metadata');
	});
});
