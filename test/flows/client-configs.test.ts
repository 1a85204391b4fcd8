/**
 * The client configurations match the policy (issue 18): each file the wizard writes for a client names only
 * models the key may call, on the surface that client uses, and works there. Checked against a sandbox with
 * a key whose policy the compiler made for those clients, by the real client libraries where npm has them
 * (`openai`, `@anthropic-ai/sdk`) and by the calls Claude Code makes (InvokeModel, GetInferenceProfile).
 */
import Anthropic from '@anthropic-ai/sdk';
import {GetInferenceProfileCommand} from '@aws-sdk/client-bedrock';
import {ConverseCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import OpenAI from 'openai';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {clientNeeds, type ClientKind} from '../../source/core/clients/index.js';
import {clientConfigFiles} from '../../source/core/clients/configs.js';
import {usageSnippets} from '../../source/core/usage-snippets.js';
import {slotVariables} from '../../source/core/clients/claude-code.js';
import {readToml} from '../../source/core/clients/readers.js';
import {en} from '../../source/core/i18n/en.js';
import {planPolicy} from '../../source/core/policy/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bearerBedrockClient, bearerRuntimeClient, iamClient, rejection, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';

const region = 'us-west-2';
const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet = 'us.anthropic.claude-sonnet-5';
const opus = 'us.anthropic.claude-opus-5';
const gptOss = 'openai.gpt-oss-120b-1:0';
const catalog = bundledCatalog();
let sandbox: RunningSandbox;
let runtime: string;
let mantle: string;

beforeAll(async () => {
	sandbox = await startTestSandbox({region});
	runtime = sandbox.regionalEndpoint.replace('{region}', region);
	mantle = sandbox.mantleEndpoint.replace('{region}', region);
	for (const modelId of [haiku, sonnet, opus, gptOss, 'qwen.qwen3-32b-v1:0', 'us.anthropic.claude-opus-4-8'])
		await runtimeClient(sandbox).send(new ConverseCommand({modelId, messages: [{role: 'user', content: [{text: 'hi'}]}]}));
});

afterAll(async () => {
	await sandbox?.close();
});

/** A user with the policy the compiler made for these clients (inline or managed, as it placed it) and a long-term API key. */
async function keyFor(userName: string, clients: readonly ClientKind[], modelIds: readonly string[], mantleChosen = false) {
	const needs = clientNeeds(clients, mantleChosen);
	const plan = planPolicy(
		{
			catalog,
			region,
			accountId: sandbox.accountId,
			modelIds,
			apiKeyTypes: ['LONG_TERM'],
			streaming: true,
			guardrail: true,
			mantle: needs.mantle,
			profileReads: needs.profileReads,
			policyType: 'auto',
		},
		en,
	);
	const iam = iamClient(sandbox);
	await iam.send(new CreateUserCommand({UserName: userName}));
	if (plan.placement.kind === 'inline')
		await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: 'bedrock-key-wizard', PolicyDocument: plan.compiled.json}));
	else
		for (const [index, part] of plan.placement.parts.entries()) {
			const made = await iam.send(new CreatePolicyCommand({PolicyName: `${userName}-${index}`, PolicyDocument: JSON.stringify(part.document)}));
			await iam.send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: made.Policy!.Arn!}));
		}
	const credential = await iam.send(new CreateServiceSpecificCredentialCommand({UserName: userName, ServiceName: 'bedrock.amazonaws.com'}));
	const apiKey = credential.ServiceSpecificCredential!.ServiceCredentialSecret!;
	const files = clientConfigFiles({clients, region, modelIds, mantle: needs.mantle, runtimeEndpoint: runtime, mantleEndpoint: mantle, apiKey});
	return {apiKey, files, plan};
}

const envOf = (content: string): Record<string, string> =>
	Object.fromEntries(
		content
			.split('\n')
			.filter((line) => /^[A-Z_]+=/.test(line))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);

describe('Claude Code: Haiku 4.5, Sonnet 5 and Opus 5', () => {
	it('the settings pin every slot to an allowed profile, and each answers the calls Claude Code makes', async () => {
		const {apiKey, files} = await keyFor('claude-coder', ['claude-code'], [haiku, sonnet, opus]);
		const settings = files.find((file) => file.client === 'claude-code')!;
		expect(settings.path).toBe('.claude/settings.local.json');
		expect(settings.secret).toBe(false);
		expect(settings.content).not.toContain(apiKey);
		const env = (JSON.parse(settings.content) as {env: Record<string, string>}).env;
		expect(env).toMatchObject({
			CLAUDE_CODE_USE_BEDROCK: '1',
			AWS_REGION: region,
			ANTHROPIC_BEDROCK_BASE_URL: runtime,
			[slotVariables.main]: opus,
			[slotVariables.opus]: opus,
			[slotVariables.sonnet]: sonnet,
			[slotVariables.haiku]: haiku,
			ANTHROPIC_SMALL_FAST_MODEL: haiku,
		});
		const client = bearerRuntimeClient(sandbox, apiKey, {region});
		const bedrock = bearerBedrockClient(sandbox, apiKey);
		for (const variable of [...Object.values(slotVariables), 'ANTHROPIC_SMALL_FAST_MODEL']) {
			const modelId = env[variable]!;
			const answer = await client.send(
				new InvokeModelCommand({
					modelId,
					contentType: 'application/json',
					body: JSON.stringify({anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{role: 'user', content: 'hi'}]}),
				}),
			);
			expect(answer.$metadata.httpStatusCode, variable).toBe(200);
			const profile = await bedrock.send(new GetInferenceProfileCommand({inferenceProfileIdentifier: modelId}));
			expect(profile.inferenceProfileId).toBe(modelId);
		}
		// A slot left to Claude Code's own default (Opus 4.8 in some releases) would fail: the pin is what saves it.
		const unpinned = await rejection(
			client.send(
				new InvokeModelCommand({
					modelId: 'us.anthropic.claude-opus-4-8',
					contentType: 'application/json',
					body: JSON.stringify({anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{role: 'user', content: 'hi'}]}),
				}),
			),
		);
		expect(unpinned.name).toBe('AccessDeniedException');
		expect((await rejection(bedrock.send(new GetInferenceProfileCommand({inferenceProfileIdentifier: 'us.anthropic.claude-opus-4-8'})))).name).toBe(
			'AccessDeniedException',
		);
	});

	it('the key can sit in the settings file instead, which is then a secret file', () => {
		const files = clientConfigFiles({
			clients: ['claude-code'],
			region,
			modelIds: [haiku],
			mantle: false,
			keyEnv: {AWS_BEARER_TOKEN_BEDROCK: 'ABSK-example'},
			claudeKeyFrom: 'settings',
		});
		expect(files[0]).toMatchObject({secret: true});
		expect(JSON.parse(files[0]!.content).env.AWS_BEARER_TOKEN_BEDROCK).toBe('ABSK-example');
	});
});

describe('OpenAI SDK', () => {
	it('the .env works from the openai package on /openai/v1 (completion and stream) for a chosen model, and is refused for another', async () => {
		const {apiKey, files} = await keyFor('openai-user', ['openai'], [gptOss, haiku]);
		const file = files.find((candidate) => candidate.client === 'openai')!;
		expect(file).toMatchObject({secret: true, surface: 'bedrock-runtime /openai/v1/chat/completions', modelIds: [gptOss]});
		const env = envOf(file.content);
		expect(env['OPENAI_API_KEY']).toBe(apiKey);
		const openai = new OpenAI({baseURL: env['OPENAI_BASE_URL'], apiKey: env['OPENAI_API_KEY'], maxRetries: 0});
		const completion = await openai.chat.completions.create({model: file.modelIds[0]!, messages: [{role: 'user', content: 'hi'}], max_tokens: 1});
		expect(completion.choices[0]?.message.content).toBe('Hello');
		let streamed = '';
		for await (const chunk of await openai.chat.completions.create({model: file.modelIds[0]!, messages: [{role: 'user', content: 'hi'}], stream: true}))
			streamed += chunk.choices[0]?.delta.content ?? '';
		expect(streamed).toContain('Hello from');
		const refused = await rejection(openai.chat.completions.create({model: 'qwen.qwen3-32b-v1:0', messages: [{role: 'user', content: 'hi'}], max_tokens: 1}));
		expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
		// The Anthropic SDK on the Messages surface, as the snippet says, with the same key.
		const snippet = usageSnippets({
			envFile: '.env',
			region,
			modelId: gptOss,
			hasApiKey: true,
			clients: ['curl'],
			chatModelIds: [gptOss, haiku],
			endpoint: runtime,
		}).find((candidate) => candidate.title.startsWith('Anthropic'));
		expect(snippet?.text).toContain(`${runtime}/anthropic`);
		const message = await new Anthropic({baseURL: `${runtime}/anthropic`, authToken: apiKey, maxRetries: 0}).messages.create({
			model: haiku,
			max_tokens: 1,
			messages: [{role: 'user', content: 'hi'}],
		});
		expect(message.content[0]).toEqual({type: 'text', text: 'Hello'});
	});

	it('with Mantle chosen, the .env points at Mantle and names Mantle ids: allowed for them, refused for others', async () => {
		const {files} = await keyFor('openai-mantle-user', ['openai'], [gptOss, haiku], true);
		const file = files.find((candidate) => candidate.client === 'openai')!;
		expect(file.modelIds).toEqual(['openai.gpt-oss-120b']);
		const env = envOf(file.content);
		expect(env['OPENAI_BASE_URL']).toBe(`${mantle}/v1`);
		const openai = new OpenAI({baseURL: env['OPENAI_BASE_URL'], apiKey: env['OPENAI_API_KEY'], maxRetries: 0});
		expect(
			(await openai.chat.completions.create({model: 'openai.gpt-oss-120b', messages: [{role: 'user', content: 'hi'}], max_tokens: 1})).choices,
		).toHaveLength(1);
		expect(await rejection(openai.chat.completions.create({model: 'qwen.qwen3-32b', messages: [{role: 'user', content: 'hi'}], max_tokens: 1}))).toBeInstanceOf(
			OpenAI.PermissionDeniedError,
		);
	});
});

describe('Codex and LiteLLM', () => {
	it("Codex's config.toml: the Responses API on Mantle, which the openai package answers there with the key for its model and refuses for another", async () => {
		expect(clientNeeds(['codex'], false)).toMatchObject({mantle: true, surfaces: ['runtime', 'responses']});
		const {apiKey, files} = await keyFor('codex-user', ['codex'], [gptOss, 'qwen.qwen3-32b-v1:0']);
		const file = files.find((candidate) => candidate.client === 'codex')!;
		expect(file.surface).toBe('bedrock-mantle /openai/v1/responses');
		const toml = readToml(file.content);
		expect(toml.get('model_provider')?.value).toBe('amazon-bedrock');
		expect(toml.get('model_providers.amazon-bedrock.wire_api')?.value).toBe('responses');
		expect(toml.get('model_providers.amazon-bedrock.aws.region')?.value).toBe(region);
		// Codex appends /responses to its provider's base URL and sends AWS_BEARER_TOKEN_BEDROCK as the bearer token.
		const codex = new OpenAI({baseURL: String(toml.get('model_providers.amazon-bedrock.base_url')?.value), apiKey, maxRetries: 0});
		const model = String(toml.get('model')?.value);
		const answer = await codex.responses.create({model, input: 'hi', max_output_tokens: 16});
		expect(answer.output_text).toContain('Hello from');
		let streamed = '';
		for await (const event of await codex.responses.create({model, input: 'hi', stream: true}))
			if (event.type === 'response.output_text.delta') streamed += event.delta;
		expect(streamed).toBe(answer.output_text);
		expect(await rejection(codex.responses.create({model: 'openai.gpt-oss-20b', input: 'hi'}))).toBeInstanceOf(OpenAI.PermissionDeniedError);
	});

	it('Codex names an OpenAI model by its Mantle id; LiteLLM lists every chosen id', () => {
		const files = clientConfigFiles({clients: ['codex', 'litellm'], region, modelIds: [gptOss, haiku], mantle: true});
		const codex = files.find((file) => file.client === 'codex')!;
		expect(codex.content).toContain('model = "openai.gpt-oss-120b"');
		expect(codex.content).toContain(`region = "${region}"`);
		const litellm = files.find((file) => file.client === 'litellm')!;
		expect(litellm.content).toContain(`model: "bedrock/${gptOss}"`);
		expect(litellm.content).toContain(`model: "bedrock_mantle/anthropic.claude-haiku-4-5"`);
		expect(files.every((file) => !file.secret)).toBe(true);
	});
});
