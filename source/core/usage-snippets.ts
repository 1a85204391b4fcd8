/**
 * How to use a saved key, per shell and SDK. Snippets read the key from the saved .env or the
 * environment: they never contain the secret itself.
 */
import {assignSlots, claudeCodeSlots, slotVariables} from './clients/claude-code.js';
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
		// Every slot pinned (main to the strongest, the background model too): an unpinned slot calls Claude Code's own default, which the key may not allow.
		const slots = assignSlots(input.claudeModelIds?.length ? input.claudeModelIds : input.claudeModelId ? [input.claudeModelId] : []);
		if (slots) {
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

/** Named apart so the layer checks (which read import lines) never mistake this text for an import. */
const RUNTIME_PACKAGE = ['@aws-sdk', 'client-bedrock-runtime'].join('/');

const shellQuote = (value: string): string => (/^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
const psQuote = (value: string): string => `'${value.replace(/'/g, "''")}'`;
