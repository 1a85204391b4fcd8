/**
 * The readers behind `check --client` (core/clients/readers.ts, doctor.ts): they read what the wizard writes
 * and the hand-edited files people keep (Codex's config.toml with its other tables, LiteLLM's config.yaml
 * written either way round), keep each value's line, and refuse with the line what they cannot read.
 */
import {describe, expect, it} from 'vitest';
import {clientConfigFiles} from '../../../source/core/clients/configs.js';
import {clientProbe, readClientConfig, type ClientConfigReading} from '../../../source/core/clients/doctor.js';
import {readEnvFile, readToml, readYaml, UnreadableLine} from '../../../source/core/clients/readers.js';

const reading = (client: Parameters<typeof readClientConfig>[0], content: string): ClientConfigReading => {
	const result = readClientConfig(client, content);
	if (!result.ok) throw new Error(JSON.stringify(result.problem));
	return result.reading;
};

describe('readToml', () => {
	it('reads the keys a Codex config.toml holds among its other tables, by full path, each with its line', () => {
		const toml = readToml(
			[
				'# ~/.codex/config.toml',
				'model = "openai.gpt-oss-120b" # the main model',
				"model_provider = 'amazon-bedrock'",
				'approval_policy = "on-request"',
				'notify = [',
				'  "notify-send",',
				'  "Codex", # a comment inside',
				']',
				'',
				'[model_providers."amazon-bedrock"]',
				'wire_api = "responses"',
				'http_headers = { "x-team" = "a]b" }',
				'',
				'[model_providers.amazon-bedrock.aws]',
				'region = "us-east-2"',
				'',
				'[[profiles.list]]',
				'name = "one"',
				'[mcp_servers.docs]',
				'command = "npx"',
				'args = ["-y", "docs-server"]',
				'env.TOKEN_FILE = """',
				'/run/token"""',
				'startup_timeout_ms = 20_000',
				'enabled = true',
			].join('\n'),
		);
		expect(toml.get('model')).toEqual({value: 'openai.gpt-oss-120b', line: 2, text: 'model = "openai.gpt-oss-120b" # the main model'});
		expect(toml.get('model_provider')?.value).toBe('amazon-bedrock');
		expect(toml.get('model_providers.amazon-bedrock.wire_api')?.line).toBe(11);
		expect(toml.get('model_providers.amazon-bedrock.aws.region')?.value).toBe('us-east-2');
		expect(toml.get('mcp_servers.docs.env.TOKEN_FILE')?.value).toBe('/run/token');
		expect(toml.get('mcp_servers.docs.startup_timeout_ms')?.value).toBe(20000);
		expect(toml.get('mcp_servers.docs.enabled')?.value).toBe(true);
		expect(toml.get('notify')?.line).toBe(8);
	});

	it('refuses a line it cannot read, naming it', () => {
		expect(() => readToml('model_provider = "amazon-bedrock"\nmodel = openai.gpt-oss-120b\n')).toThrow(UnreadableLine);
		expect(() => readToml('[unclosed\n')).toThrow(/line 1/);
		expect(() => readToml('x = "open\n')).toThrow(/line 1/);
	});
});

describe('readYaml', () => {
	it('reads a model_list written either way round, with comments and quotes, each value with its line', () => {
		for (const text of [
			'model_list:\n  - model_name: "a" # first\n    litellm_params:\n      model: bedrock/x\n  - model_name: b\n    litellm_params:\n      model: \'bedrock_mantle/y\'\n',
			'# LiteLLM\nmodel_list:\n- model_name: a\n  litellm_params:\n    model: "bedrock/x"\n-   model_name: b\n    litellm_params: \n        model: bedrock_mantle/y\ngeneral_settings:\n  master_key: sk-1\n',
		]) {
			const root = readYaml(text);
			expect(root.kind).toBe('map');
			const list = root.kind === 'map' ? root.entries.get('model_list') : undefined;
			expect(list?.kind).toBe('list');
			const models = list?.kind === 'list' ? list.items.map((item) => (item.kind === 'map' ? item.entries.get('litellm_params') : undefined)) : [];
			expect(
				models.map((params) =>
					params?.kind === 'map' && params.entries.get('model')?.kind === 'scalar' ? (params.entries.get('model') as {value: string}).value : undefined,
				),
			).toEqual(['bedrock/x', 'bedrock_mantle/y']);
		}
	});

	it('refuses anchors, aliases, tags, tabs and a second document, naming the line', () => {
		expect(() => readYaml('a: &x 1\nb: *x\n')).toThrow(/line 1/);
		expect(() => readYaml('a: !!str 1\n')).toThrow(UnreadableLine);
		expect(() => readYaml('a:\n\tb: 1\n')).toThrow(/line 2/);
		expect(() => readYaml('a: 1\n---\nb: 2\n')).toThrow(/line 2/);
		expect(() => readYaml('just text\n')).toThrow(/line 1/);
	});
});

describe('readEnvFile', () => {
	it('reads KEY=value lines (export, quotes, a comment after an unquoted value) and keeps the comments apart', () => {
		const {values, comments} = readEnvFile('# models: a, b\nexport OPENAI_BASE_URL="https://x/openai/v1"\nOPENAI_MODEL=m # pinned\n');
		expect(values.get('OPENAI_BASE_URL')?.value).toBe('https://x/openai/v1');
		expect(values.get('OPENAI_MODEL')).toMatchObject({value: 'm', line: 3});
		expect(comments).toEqual([{line: 1, text: '# models: a, b'}]);
		expect(() => readEnvFile('not an assignment\n')).toThrow(UnreadableLine);
	});
});

describe('readClientConfig', () => {
	const files = clientConfigFiles({
		clients: ['openai', 'codex', 'litellm'],
		region: 'us-west-2',
		modelIds: ['openai.gpt-oss-120b-1:0', 'us.anthropic.claude-haiku-4-5-20251001-v1:0'],
		mantle: false,
		apiKey: 'ABSKexample',
	});
	const content = (client: string): string => files.find((file) => file.client === client)!.content;

	it('reads back every model the files the wizard writes name, each on the surface that client calls', () => {
		const openai = reading('openai', content('openai'));
		expect(openai).toMatchObject({region: 'us-west-2', apiKey: 'ABSKexample', faults: []});
		expect(openai.calls.map((call) => [call.modelId, call.operation])).toEqual([['openai.gpt-oss-120b-1:0', 'ChatCompletions']]);
		const codex = reading('codex', content('codex'));
		expect(codex).toMatchObject({region: 'us-west-2', faults: []});
		expect(codex.calls).toEqual([
			{entry: 'model', line: 'model = "openai.gpt-oss-120b"', lineNumber: 4, modelId: 'openai.gpt-oss-120b', operation: 'MantleResponses'},
		]);
		expect(clientProbe({...codex.calls[0]!, modelId: 'openai.gpt-oss-120b'})).toMatchObject({
			target: 'openai.gpt-oss-120b',
			request: {operation: 'MantleResponses', maxTokens: 16},
			expected: 'allow',
		});
		const litellm = reading('litellm', content('litellm'));
		expect(litellm.calls.map((call) => [call.entry, call.operation])).toEqual([
			['openai.gpt-oss-120b-1:0', 'Converse'],
			['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'Converse'],
		]);
	});

	it('names the lines that fail whatever the key, and a Codex model left to its own default', () => {
		const codex = reading('codex', 'model_provider = "amazon-bedrock"\n[model_providers.amazon-bedrock]\nwire_api = "chat"\n');
		expect(codex.faults).toEqual([{kind: 'wire-api', line: 'wire_api = "chat"', lineNumber: 3, expected: 'wire_api = "responses"'}]);
		expect(codex.calls[0]?.modelId).toBeUndefined();
		expect(reading('codex', 'model_provider = "openai"\nmodel = "gpt-5"\n').faults[0]?.kind).toBe('provider');
		expect(reading('openai', 'OPENAI_BASE_URL=https://api.openai.com/v1\nOPENAI_MODEL=gpt-5\n').faults[0]?.kind).toBe('base-url');
		expect(reading('openai', 'OPENAI_BASE_URL=https://bedrock-mantle.eu-west-1.api.aws/v1\nOPENAI_MODEL=anthropic.claude-haiku-4-5\n')).toMatchObject({
			region: 'eu-west-1',
			calls: [{operation: 'MantleMessages'}],
		});
	});

	it('says what a file of another shape is not, and where a line cannot be read', () => {
		expect(readClientConfig('codex', 'OPENAI_BASE_URL=x\n')).toEqual({ok: false, problem: {kind: 'line', lineNumber: 1, text: 'OPENAI_BASE_URL=x'}});
		expect(readClientConfig('litellm', 'general_settings:\n  a: 1\n')).toEqual({ok: false, problem: {kind: 'not-config', expected: 'model_list:'}});
		expect(readClientConfig('openai', '# nothing\n')).toEqual({ok: false, problem: {kind: 'not-config', expected: 'OPENAI_BASE_URL=…'}});
	});
});
