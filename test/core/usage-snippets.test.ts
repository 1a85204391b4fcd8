import {describe, expect, it} from 'vitest';
import {usageSnippets} from '../../source/core/usage-snippets.js';

describe('usage snippets', () => {
	const snippets = usageSnippets({
		envFile: '/home/me/keys/.env',
		region: 'us-west-2',
		modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
		hasApiKey: true,
		claudeModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
	});
	const byTitle = (title: string): string => snippets.find((snippet) => snippet.title.startsWith(title))!.text;

	it('one for each shell, the JS SDK, curl and Claude Code; none holds a secret, only where to find it', () => {
		expect(snippets.map((snippet) => snippet.title)).toEqual([
			'bash / zsh',
			'fish',
			'PowerShell',
			'JavaScript (AWS SDK v3)',
			'curl',
			'Claude Code (~/.claude/settings.json, "env")',
		]);
		expect(byTitle('bash')).toBe('set -a; . /home/me/keys/.env; set +a');
		expect(byTitle('Claude Code')).toContain('<the value from .env>');
	});

	it('the JS SDK snippet passes the token and prefers bearer auth (with the token alone it would sign with SigV4)', () => {
		const js = byTitle('JavaScript');
		expect(js).toContain("import {BedrockRuntimeClient, ConverseCommand} from '@aws-sdk/client-bedrock-runtime';");
		expect(js).toContain("authSchemePreference: ['httpBearerAuth']");
		expect(js).toContain('token: {token: process.env.AWS_BEARER_TOKEN_BEDROCK}');
	});

	it('curl URL-encodes the model id (":" as %3A)', () => {
		expect(byTitle('curl')).toContain('/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse');
	});

	it('an access key alone gets the shell snippets only', () => {
		const only = usageSnippets({envFile: '.env', region: 'us-west-2', modelId: 'amazon.nova-lite-v1:0', hasApiKey: false});
		expect(only.map((snippet) => snippet.title)).toEqual(['bash / zsh', 'fish', 'PowerShell']);
	});
});

describe("Claude Code's snippet", () => {
	it('pins every slot: ANTHROPIC_MODEL to the strongest chosen, the small/fast model to the background one', () => {
		const [snippet] = usageSnippets({
			envFile: '.env',
			region: 'us-west-2',
			modelId: 'openai.gpt-oss-120b-1:0',
			hasApiKey: true,
			claudeModelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-opus-5', 'us.anthropic.claude-sonnet-5'],
		}).filter((s) => s.title.startsWith('Claude Code'));
		expect(JSON.parse(snippet!.text).env).toMatchObject({
			ANTHROPIC_MODEL: 'us.anthropic.claude-opus-5',
			ANTHROPIC_DEFAULT_OPUS_MODEL: 'us.anthropic.claude-opus-5',
			ANTHROPIC_DEFAULT_SONNET_MODEL: 'us.anthropic.claude-sonnet-5',
			ANTHROPIC_DEFAULT_HAIKU_MODEL: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
			ANTHROPIC_SMALL_FAST_MODEL: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
		});
	});

	it('not when the key is for Claude Code: its settings file was written, the key where the person chose (the snippet would put it in the settings)', () => {
		const titles = usageSnippets({
			envFile: '.env',
			region: 'us-west-2',
			modelId: 'us.anthropic.claude-opus-5',
			hasApiKey: true,
			claudeModelIds: ['us.anthropic.claude-opus-5'],
			clients: ['claude-code'],
			chatModelIds: ['us.anthropic.claude-opus-5'],
		}).map((snippet) => snippet.title);
		expect(titles.some((title) => title.startsWith('Claude Code'))).toBe(false);
		expect(titles.some((title) => title.startsWith('Anthropic SDK'))).toBe(true);
	});
});

describe('the snippets of the clients configured in code', () => {
	const input = {envFile: '.env', region: 'us-west-2', modelId: 'openai.gpt-oss-120b-1:0', hasApiKey: true};
	const chatModelIds = ['openai.gpt-oss-120b-1:0', 'us.anthropic.claude-haiku-4-5-20251001-v1:0'];
	const titles = (clients: Parameters<typeof usageSnippets>[0]['clients']): string[] =>
		usageSnippets({...input, clients, chatModelIds}).map((snippet) => snippet.title.split(' (')[0]!);

	it('one each for the Vercel AI SDK, boto3 and (for Claude, with Claude Code or other tools) the Anthropic SDK, only when the key is for them', () => {
		expect(titles([])).not.toEqual(expect.arrayContaining(['Vercel AI SDK']));
		expect(titles(['vercel-ai', 'boto3'])).toEqual(expect.arrayContaining(['Vercel AI SDK', 'boto3 >= 1.39']));
		expect(titles(['vercel-ai', 'boto3'])).not.toContain('Anthropic SDK');
		expect(titles(['curl'])).toContain('Anthropic SDK');
		expect(usageSnippets({...input, hasApiKey: false, clients: ['vercel-ai', 'boto3', 'curl'], chatModelIds})).toHaveLength(3);
	});
});
