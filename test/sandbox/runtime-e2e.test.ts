/**
 * Bedrock and Bedrock Runtime end to end: the real AWS SDK v3 clients (bearer and SigV4) against a
 * sandbox on a loopback port. The unit tests cover each rule; these prove the wire: paths, encodings,
 * error rendering, HTTP/2 and event-stream framing as the SDK parses them.
 */
import {
	CreateFoundationModelAgreementCommand,
	GetFoundationModelAvailabilityCommand,
	GetFoundationModelCommand,
	GetInferenceProfileCommand,
	ListFoundationModelAgreementOffersCommand,
	ListFoundationModelsCommand,
	paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import {ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand} from '@aws-sdk/client-bedrock-runtime';
import {AttachUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {
	bearerRuntimeClient,
	bedrockClient,
	iamClient,
	provisionUser,
	rejection,
	runtimeClient,
	startTestSandbox,
	type ProvisionedUser,
} from '../helpers/sandbox.js';

const region = 'us-east-1';
const nova = 'amazon.nova-lite-v1:0';
const novaPro = 'amazon.nova-pro-v1:0';
const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const usHaiku = `us.${haiku}`;
const titan = 'amazon.titan-embed-text-v2:0';
const messages = [{role: 'user' as const, content: [{text: 'Say hi'}]}];

let sandbox: RunningSandbox;
let keyUser: ProvisionedUser;

const modelArn = (id: string, where = region) => `arn:aws:bedrock:${where}::foundation-model/${id}`;

beforeAll(async () => {
	sandbox = await startTestSandbox({region});
	const profileArn = `arn:aws:bedrock:${region}:${sandbox.accountId}:inference-profile/${usHaiku}`;
	// The article's shape: an API key that may call Nova Lite, Titan embeddings and Haiku through its US profile.
	keyUser = await provisionUser(
		sandbox,
		'probe-user',
		{
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
				{Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [modelArn(nova), modelArn(titan), profileArn]},
				{
					Effect: 'Allow',
					Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
					Resource: ['us-east-1', 'us-east-2', 'us-west-2'].map((where) => modelArn(haiku, where)),
					Condition: {StringEquals: {'bedrock:InferenceProfileArn': profileArn}},
				},
			],
		},
		{apiKey: true},
	);
});

afterAll(async () => {
	await sandbox?.close();
});

const keyClient = () => bearerRuntimeClient(sandbox, keyUser.apiKey ?? '');

describe('Bedrock control plane through the SDK', () => {
	it('lists foundation models with filters', async () => {
		const bedrock = bedrockClient(sandbox);
		const all = await bedrock.send(new ListFoundationModelsCommand({}));
		const ids = all.modelSummaries?.map((summary) => summary.modelId) ?? [];
		expect(ids).toContain(nova);
		expect(ids).not.toContain('anthropic.claude-3-opus-20240229-v1:0');
		const novaSummary = all.modelSummaries?.find((summary) => summary.modelId === nova);
		expect(novaSummary).toMatchObject({modelArn: modelArn(nova), providerName: 'Amazon', responseStreamingSupported: true, modelLifecycle: {status: 'ACTIVE'}});
		const legacy = all.modelSummaries?.find((summary) => summary.modelId === 'anthropic.claude-sonnet-4-5-20250929-v1:0');
		expect(legacy?.modelLifecycle?.endOfLifeTime).toEqual(new Date('2027-04-08T00:00:00Z'));

		const embeddings = await bedrock.send(new ListFoundationModelsCommand({byOutputModality: 'EMBEDDING', byProvider: 'Amazon'}));
		expect(embeddings.modelSummaries?.map((summary) => summary.modelId)).toContain(titan);
		expect(embeddings.modelSummaries?.every((summary) => summary.outputModalities?.includes('EMBEDDING') && summary.providerName === 'Amazon')).toBe(true);

		const onDemand = await bedrock.send(new ListFoundationModelsCommand({byInferenceType: 'ON_DEMAND'}));
		expect(onDemand.modelSummaries?.map((summary) => summary.modelId)).not.toContain(haiku);
	});

	it('gets a model by id, and says an end-of-life one is gone', async () => {
		const bedrock = bedrockClient(sandbox);
		const model = await bedrock.send(new GetFoundationModelCommand({modelIdentifier: nova}));
		expect(model.modelDetails?.modelId).toBe(nova);
		const error = await rejection(bedrock.send(new GetFoundationModelCommand({modelIdentifier: 'anthropic.claude-3-opus-20240229-v1:0'})));
		expect(error.name).toBe('ResourceNotFoundException');
		expect(error.$metadata?.httpStatusCode).toBe(404);
	});

	it('pages through inference profiles with the SDK paginator', async () => {
		const bedrock = bedrockClient(sandbox);
		const seen: string[] = [];
		let pages = 0;
		for await (const page of paginateListInferenceProfiles({client: bedrock, pageSize: 10}, {})) {
			pages++;
			expect(page.inferenceProfileSummaries?.length).toBeLessThanOrEqual(10);
			seen.push(...(page.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId ?? '') ?? []));
		}
		expect(pages).toBeGreaterThan(1);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toContain(usHaiku);
		const profile = await bedrock.send(new GetInferenceProfileCommand({inferenceProfileIdentifier: usHaiku}));
		expect(profile.models?.map((model) => model.modelArn)).toEqual(['us-east-1', 'us-east-2', 'us-west-2'].map((where) => modelArn(haiku, where)));
		expect(profile.type).toBe('SYSTEM_DEFINED');
		expect(profile.createdAt).toBeInstanceOf(Date);
	});

	it('denies a key user the control plane it was not given', async () => {
		const bedrock = bedrockClient(sandbox, {credentials: keyUser.accessKey});
		const error = await rejection(bedrock.send(new ListFoundationModelsCommand({})));
		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toContain('bedrock:ListFoundationModels');
	});
});

describe('Bedrock Runtime with an API key (bearer)', () => {
	it('Converse on an allowed model answers; another ACTIVE model is denied', async () => {
		const reply = await keyClient().send(new ConverseCommand({modelId: nova, messages, inferenceConfig: {maxTokens: 1}}));
		expect(reply.stopReason).toBe('max_tokens');
		expect(reply.output?.message?.content?.[0]?.text).toBe('Hello');
		expect(reply.usage?.outputTokens).toBe(1);

		const error = await rejection(keyClient().send(new ConverseCommand({modelId: novaPro, messages})));
		expect(error.name).toBe('AccessDeniedException');
		expect(error.$metadata?.httpStatusCode).toBe(403);
		expect(error.message).toContain(`bedrock:InvokeModel on resource: ${modelArn(novaPro)}`);
	});

	it('ConverseStream delivers the events through the SDK', async () => {
		const response = await keyClient().send(new ConverseStreamCommand({modelId: nova, messages}));
		const kinds: string[] = [];
		let text = '';
		for await (const event of response.stream ?? []) {
			kinds.push(Object.keys(event).find((key) => event[key as keyof typeof event] !== undefined) ?? '?');
			text += event.contentBlockDelta?.delta?.text ?? '';
			if (event.metadata) expect(event.metadata.usage?.totalTokens).toBeGreaterThan(0);
		}
		expect(kinds[0]).toBe('messageStart');
		expect(kinds.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
		expect(text).toContain(nova);
	});

	it('a stream from a model the key was not given is denied before any event', async () => {
		const converse = await rejection(keyClient().send(new ConverseStreamCommand({modelId: novaPro, messages})));
		expect(converse.name).toBe('AccessDeniedException');
		expect(converse.message).toContain(`bedrock:InvokeModelWithResponseStream on resource: ${modelArn(novaPro)}`);
		const invoke = await rejection(keyClient().send(new InvokeModelWithResponseStreamCommand({modelId: novaPro, body: JSON.stringify({messages})})));
		expect(invoke.name).toBe('AccessDeniedException');
	});

	it('InvokeModel on Titan embeddings returns a normalized vector of the asked size', async () => {
		const response = await keyClient().send(
			new InvokeModelCommand({modelId: titan, contentType: 'application/json', body: JSON.stringify({inputText: 'hello', dimensions: 256})}),
		);
		const body = JSON.parse(Buffer.from(response.body).toString('utf8')) as {embedding: number[]; inputTextTokenCount: number};
		expect(body.embedding).toHaveLength(256);
		expect(Math.hypot(...body.embedding)).toBeCloseTo(1, 6);
		expect(response.contentType).toBe('application/json');
	});

	it('a profile-only model by its bare id is a ValidationException', async () => {
		sandbox.store.addModelAgreement(haiku);
		const error = await rejection(bearerRuntimeClient(sandbox, keyUser.apiKey ?? '').send(new ConverseCommand({modelId: haiku, messages})));
		// The key may not invoke the bare regional ARN unconditionally: IAM answers first.
		expect(error.name).toBe('AccessDeniedException');
		const admin = runtimeClient(sandbox);
		const adminError = await rejection(admin.send(new ConverseCommand({modelId: haiku, messages})));
		expect(adminError.name).toBe('ValidationException');
		expect(adminError.message).toMatch(/^Invocation of model ID anthropic\.claude-haiku-4-5-20251001-v1:0 with on-demand throughput isn’t supported/);
	});

	it('InvokeModelWithResponseStream through the profile streams Anthropic chunks', async () => {
		sandbox.store.addModelAgreement(haiku);
		const response = await keyClient().send(
			new InvokeModelWithResponseStreamCommand({
				modelId: usHaiku,
				contentType: 'application/json',
				body: JSON.stringify({anthropic_version: 'bedrock-2023-05-31', max_tokens: 20, messages: [{role: 'user', content: 'hi'}]}),
			}),
		);
		const types: string[] = [];
		for await (const event of response.body ?? []) {
			const chunk = JSON.parse(Buffer.from(event.chunk?.bytes ?? new Uint8Array()).toString('utf8')) as {type: string};
			types.push(chunk.type);
		}
		expect(types[0]).toBe('message_start');
		expect(types.at(-1)).toBe('message_stop');
	});

	it('records each call with the principal and bearer auth', () => {
		const calls = sandbox.store.runtimeCalls().filter((call) => call.principalArn === keyUser.arn);
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((call) => call.auth === 'bearer')).toBe(true);
		expect(calls.some((call) => call.outcome === 'AccessDeniedException')).toBe(true);
		expect(calls.some((call) => call.outcome === 'ok' && call.operation === 'ConverseStream')).toBe(true);
	});
});

describe('Bedrock Runtime with SigV4', () => {
	it('the admin gets EOL and invalid-id errors as AWS words them', async () => {
		const admin = runtimeClient(sandbox);
		const eol = await rejection(admin.send(new ConverseCommand({modelId: 'anthropic.claude-3-opus-20240229-v1:0', messages})));
		expect(eol.name).toBe('ResourceNotFoundException');
		expect(eol.$metadata?.httpStatusCode).toBe(404);
		const invalid = await rejection(admin.send(new ConverseCommand({modelId: 'acme.nothing-v1', messages})));
		expect(invalid.name).toBe('ValidationException');
		expect(invalid.message).toBe('The provided model identifier is invalid.');
	});

	it('the key user with SigV4 is authorized by the same policy (no CallWithBearerToken needed)', async () => {
		const client = runtimeClient(sandbox, {credentials: keyUser.accessKey});
		const reply = await client.send(new ConverseCommand({modelId: nova, messages}));
		expect(reply.output?.message?.content?.[0]?.text).toContain(nova);
		const denied = await rejection(client.send(new InvokeModelCommand({modelId: novaPro, body: JSON.stringify({messages})})));
		expect(denied.name).toBe('AccessDeniedException');
	});

	it('a third-party model fails with the marketplace message until an admin creates the agreement', async () => {
		const model = 'meta.llama3-70b-instruct-v1:0';
		const user = await provisionUser(sandbox, 'llama-user', {
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn(model)}],
		});
		const client = runtimeClient(sandbox, {credentials: user.accessKey});
		const body = JSON.stringify({prompt: 'hi', max_gen_len: 64});
		const first = await rejection(client.send(new InvokeModelCommand({modelId: model, body})));
		expect(first.name).toBe('AccessDeniedException');
		expect(first.message).toMatch(/^Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions/);

		const bedrock = bedrockClient(sandbox);
		const before = await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: model}));
		expect(before.agreementAvailability?.status).toBe('NOT_AVAILABLE');
		const offers = await bedrock.send(new ListFoundationModelAgreementOffersCommand({modelId: model}));
		const offerToken = offers.offers?.[0]?.offerToken ?? '';
		await bedrock.send(new CreateFoundationModelAgreementCommand({modelId: model, offerToken}));
		const after = await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: model}));
		expect(after.agreementAvailability?.status).toBe('AVAILABLE');

		const reply = await client.send(new InvokeModelCommand({modelId: model, body}));
		expect(JSON.parse(Buffer.from(reply.body).toString('utf8'))).toMatchObject({generation: expect.stringContaining(model), stop_reason: 'stop'});
	});

	it('the admin (who may subscribe) subscribes the account on its first call', async () => {
		const model = 'mistral.mistral-large-2402-v1:0';
		expect(sandbox.store.hasModelAgreement(model)).toBe(false);
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: model, messages}));
		expect(sandbox.store.hasModelAgreement(model)).toBe(true);
	});

	it('AmazonBedrockLimitedAccess subscribes on first use: its marketplace grant holds when called via Bedrock', async () => {
		const model = 'deepseek.v3.2';
		const user = await provisionUser(sandbox, 'console-key-user', undefined);
		await iamClient(sandbox).send(new AttachUserPolicyCommand({UserName: user.userName, PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		expect(sandbox.store.hasModelAgreement(model)).toBe(false);
		const reply = await runtimeClient(sandbox, {credentials: user.accessKey}).send(new ConverseCommand({modelId: model, messages}));
		expect(reply.output?.message?.content?.[0]?.text).toContain(model);
		expect(sandbox.store.hasModelAgreement(model)).toBe(true);
	});

	it('an embedding model refuses Converse, and a non-streaming model refuses a response stream', async () => {
		const admin = runtimeClient(sandbox);
		const converse = await rejection(admin.send(new ConverseCommand({modelId: titan, messages})));
		expect(converse.name).toBe('ValidationException');
		expect(converse.message).toContain("This action doesn't support the model that you provided");
		const stream = await rejection(admin.send(new InvokeModelWithResponseStreamCommand({modelId: titan, body: JSON.stringify({inputText: 'x'})})));
		expect(stream.name).toBe('ValidationException');
		expect(stream.message).toBe('The model is unsupported for streaming.');
	});

	it('calls through a profile ARN from another region of its geography', async () => {
		const west = runtimeClient(sandbox, {region: 'us-west-2'});
		const arn = `arn:aws:bedrock:us-west-2:${sandbox.accountId}:inference-profile/${usHaiku}`;
		const reply = await west.send(new ConverseCommand({modelId: arn, messages}));
		expect(reply.output?.message?.content?.[0]?.text).toContain(haiku);
	});
});
