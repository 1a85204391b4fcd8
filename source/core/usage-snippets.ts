/**
 * How to use a saved key, per shell and SDK. Snippets read the key from the saved .env or the
 * environment: they never contain the secret itself. The clients configured in code rather than a file
 * (the Vercel AI SDK, boto3, and the Anthropic SDK for Claude) get theirs when the key is for them, each
 * title naming the surface it calls and the model ids the key may call there (docs/aws-facts.md, 'Clients').
 */
import {isClaudeModel} from './catalog/mantle.js';
import {assignSlots, claudeCodeSlots, slotVariables} from './clients/claude-code.js';
import type {ClientKind} from './clients/index.js';
import {runtimeEndpoint} from './endpoints.js';

export interface UsageSnippet {
	readonly title: string;
	readonly text: string;
}

export interface SnippetInput {
	readonly envFile: string;
	readonly region: string;
	/** The id to call first (a chat model or profile id). */
	readonly modelId: string;
	readonly hasApiKey: boolean;
	/** A Claude profile or model id, for Claude Code's settings. */
	readonly claudeModelId?: string;
	/** Every Claude id chosen: Claude Code's settings pin each of its slots to one of them (core/clients/claude-code.ts). */
	readonly claudeModelIds?: readonly string[];
	/** Bedrock Runtime's endpoint when it is not AWS's (a sandbox): every snippet that calls it points there. */
	readonly endpoint?: string;
	/** What will use the key (create's `--client`): the clients configured in code get a snippet each. */
	readonly clients?: readonly ClientKind[];
	/** Every chat model or profile id chosen, for the snippets' titles (the ids the key may call). */
	readonly chatModelIds?: readonly string[];
}

export function usageSnippets(input: SnippetInput): readonly UsageSnippet[] {
	const {envFile, region, modelId, endpoint} = input;
	const runtime = endpoint ?? runtimeEndpoint(region);
	const snippets: UsageSnippet[] = [
		{title: 'bash / zsh', text: `set -a; . ${shellQuote(envFile)}; set +a`},
		{title: 'fish', text: `for line in (string match -rv '^#' < ${shellQuote(envFile)}); set -gx (string split -m1 = $line); end`},
		{
			title: 'PowerShell',
			text: `Get-Content ${psQuote(envFile)} | Where-Object { $_ -match '^([A-Z_]+)=(.*)$' } | ForEach-Object { Set-Item "env:$($Matches[1])" $Matches[2] }`,
		},
	];
	if (input.hasApiKey) {
		snippets.push(
			{
				title: 'JavaScript (AWS SDK v3)',
				text: [
					`import {BedrockRuntimeClient, ConverseCommand} from '${RUNTIME_PACKAGE}';`,
					'// With AWS_BEARER_TOKEN_BEDROCK set, the token must be passed AND preferred, or the SDK signs with SigV4.',
					`const client = new BedrockRuntimeClient({region: '${region}',${endpoint ? ` endpoint: '${endpoint}',` : ''} token: {token: process.env.AWS_BEARER_TOKEN_BEDROCK}, authSchemePreference: ['httpBearerAuth']});`,
					`const reply = await client.send(new ConverseCommand({modelId: '${modelId}', messages: [{role: 'user', content: [{text: 'Hello'}]}]}));`,
				].join('\n'),
			},
			{
				title: 'curl',
				text: `curl -sS "${runtime}/model/${encodeURIComponent(modelId)}/converse" \\\n  -H "Authorization: Bearer $AWS_BEARER_TOKEN_BEDROCK" -H 'Content-Type: application/json' \\\n  -d '{"messages":[{"role":"user","content":[{"text":"Hello"}]}]}'`,
			},
		);
		snippets.push(...clientSnippets(input, runtime));
		// Every slot pinned (main to the strongest, the background model too): an unpinned slot calls Claude Code's own default, which the key may not allow.
		const slots = assignSlots(input.claudeModelIds?.length ? input.claudeModelIds : input.claudeModelId ? [input.claudeModelId] : []);
		// With Claude Code among the clients its settings file was written, the key where the person chose
		// (flows/create/client-files.ts): this snippet, which puts the key in the settings, would contradict it.
		if (slots && !input.clients?.includes('claude-code')) {
			snippets.push({
				title: 'Claude Code (~/.claude/settings.json, "env")',
				text: JSON.stringify(
					{
						env: {
							CLAUDE_CODE_USE_BEDROCK: '1',
							AWS_REGION: region,
							...(endpoint ? {ANTHROPIC_BEDROCK_BASE_URL: endpoint} : {}),
							...Object.fromEntries(claudeCodeSlots.map((slot) => [slotVariables[slot], slots[slot]])),
							ANTHROPIC_SMALL_FAST_MODEL: slots.haiku,
							AWS_BEARER_TOKEN_BEDROCK: '<the value from .env>',
						},
					},
					null,
					2,
				),
			});
		}
	}
	return snippets;
}

/** The Vercel AI SDK, boto3 and the Anthropic SDK: the first chosen id each serves, the others named in the title. */
function clientSnippets(input: SnippetInput, runtime: string): UsageSnippet[] {
	const clients = input.clients ?? [];
	const chat = input.chatModelIds?.length ? input.chatModelIds : [input.modelId];
	const claude = chat.filter(isClaudeModel);
	const snippets: UsageSnippet[] = [];
	const {region, endpoint, modelId} = input;
	if (clients.includes('vercel-ai'))
		snippets.push({
			title: `Vercel AI SDK (Converse on bedrock-runtime; models this key may call: ${chat.join(', ')})`,
			text: [
				`import {createAmazonBedrock} from '${AI_SDK_BEDROCK}';`,
				`import {generateText} from '${AI_SDK}';`,
				`const bedrock = createAmazonBedrock({region: '${region}', apiKey: process.env.AWS_BEARER_TOKEN_BEDROCK${endpoint ? `, baseURL: '${endpoint}'` : ''}});`,
				`const {text} = await generateText({model: bedrock('${modelId}'), prompt: 'Hello'});`,
			].join('\n'),
		});
	if (clients.includes('boto3'))
		snippets.push({
			title: `boto3 >= 1.39 (Converse on bedrock-runtime, the key from AWS_BEARER_TOKEN_BEDROCK; models this key may call: ${chat.join(', ')})`,
			text: [
				'import boto3',
				`client = boto3.client('bedrock-runtime', region_name='${region}'${endpoint ? `, endpoint_url='${endpoint}'` : ''})`,
				`reply = client.converse(modelId='${modelId}', messages=[{'role': 'user', 'content': [{'text': 'Hello'}]}])`,
				"print(reply['output']['message']['content'][0]['text'])",
			].join('\n'),
		});
	if (claude[0] && (clients.includes('curl') || clients.includes('claude-code')))
		snippets.push({
			title: `Anthropic SDK (Messages on bedrock-runtime; models this key may call: ${claude.join(', ')})`,
			text: [
				`import Anthropic from '${ANTHROPIC_SDK}';`,
				`const client = new Anthropic({baseURL: '${runtime}/anthropic', authToken: process.env.AWS_BEARER_TOKEN_BEDROCK});`,
				`const message = await client.messages.create({model: '${claude[0]}', max_tokens: 100, messages: [{role: 'user', content: 'Hello'}]});`,
			].join('\n'),
		});
	return snippets;
}

const AI_SDK = 'ai';
const AI_SDK_BEDROCK = ['@ai-sdk', 'amazon-bedrock'].join('/');
const ANTHROPIC_SDK = ['@anthropic-ai', 'sdk'].join('/');

/** Named apart so the layer checks (which read import lines) never mistake this text for an import. */
const RUNTIME_PACKAGE = ['@aws-sdk', 'client-bedrock-runtime'].join('/');

const shellQuote = (value: string): string => (/^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
const psQuote = (value: string): string => `'${value.replace(/'/g, "''")}'`;
