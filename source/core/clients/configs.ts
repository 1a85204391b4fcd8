/**
 * The configuration files that point each client at the key, matching the policy exactly: every model id in
 * them is one the key may call, on the surface the client uses (docs/aws-facts.md, 'Clients'). Pure: the
 * caller writes them (never over a file without asking, mode 0600 where the key is inside).
 */
import {isClaudeModel, mantleModelId} from '../catalog/mantle.js';
import {
	assignSlots,
	CLAUDE_PROJECT_SETTINGS,
	CLAUDE_USER_SETTINGS,
	claudeCodeSlots,
	DEFAULT_CLAUDE_KEY_SOURCE,
	slotVariables,
	type ClaudeKeySource,
	type ClaudeSettingsFile,
	type SlotAssignment,
} from './claude-code.js';
import type {ClientKind} from './index.js';
import {mantleEndpoint, runtimeEndpoint} from '../endpoints.js';

export interface ClientConfigInput {
	readonly clients: readonly ClientKind[];
	readonly region: string;
	/** The ids the key may call on bedrock-runtime (model or profile ids), as chosen. */
	readonly modelIds: readonly string[];
	readonly mantle: boolean;
	/** bedrock-runtime's endpoint when it is not AWS's (a sandbox). */
	readonly runtimeEndpoint?: string;
	/** Mantle's endpoint when it is not AWS's. */
	readonly mantleEndpoint?: string;
	/** The API key itself, for the OpenAI SDK's `.env`; never in the others. */
	readonly apiKey?: string;
	/** Where Claude Code takes the key from (core/clients/claude-code.ts); default: the .env, loaded when it starts. */
	readonly claudeKeyFrom?: ClaudeKeySource;
	/** Which Claude Code settings file: the project's `.claude/settings.local.json` (default) or the user's `~/.claude/settings.json`. */
	readonly claudeSettings?: ClaudeSettingsFile;
	/** The key's variables (AWS_BEARER_TOKEN_BEDROCK, or an access key's pair), for Claude Code's settings when the key goes there. */
	readonly keyEnv?: Readonly<Record<string, string>>;
}

export interface ClientConfigFile {
	readonly client: ClientKind;
	/** A path relative to the output folder (Claude Code's is `.claude/settings.local.json`), or to the home folder with `base: 'home'`. */
	readonly path: string;
	/** The user's own file (`~/.claude/settings.json`): relative to the home folder. */
	readonly base?: 'home';
	/**
	 * Merged into the file there rather than written whole (the user's Claude Code settings): `env` set in its
	 * `env` object, `drop` taken out of it, every other setting kept (claude-code.ts, mergeClaudeSettings).
	 */
	readonly merge?: {readonly env: Readonly<Record<string, string>>; readonly drop: readonly string[]};
	readonly content: string;
	/** It holds the key: written with mode 0600. */
	readonly secret: boolean;
	/** The surface it calls and the model ids in it, for the run's summary. */
	readonly surface: string;
	readonly modelIds: readonly string[];
}

const runtimeBase = (input: ClientConfigInput): string => input.runtimeEndpoint ?? runtimeEndpoint(input.region);
const mantleBase = (input: ClientConfigInput): string => input.mantleEndpoint ?? mantleEndpoint(input.region);

/** The Claude Code settings' `env`: every slot pinned, the small/fast model too. */
function claudeCodeEnv(input: ClientConfigInput, slots: SlotAssignment): Record<string, string> {
	const env: Record<string, string> = {CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: input.region};
	if (input.runtimeEndpoint) env['ANTHROPIC_BEDROCK_BASE_URL'] = input.runtimeEndpoint;
	for (const slot of claudeCodeSlots) env[slotVariables[slot]] = slots[slot];
	// Deprecated, but older releases read only this for the background model.
	env['ANTHROPIC_SMALL_FAST_MODEL'] = slots.haiku;
	if (input.claudeKeyFrom === 'settings') Object.assign(env, input.keyEnv ?? {});
	return env;
}

export function clientConfigFiles(input: ClientConfigInput): readonly ClientConfigFile[] {
	const files: ClientConfigFile[] = [];
	const nonClaude = input.modelIds.filter((id) => !isClaudeModel(id));
	const key = input.apiKey ?? '';
	for (const client of input.clients) {
		switch (client) {
			case 'claude-code': {
				const slots = assignSlots(input.modelIds);
				if (!slots) break;
				const env = claudeCodeEnv(input, slots);
				// The key in the settings only when asked: the file is then a secret (0600, kept out of git).
				const secret = (input.claudeKeyFrom ?? DEFAULT_CLAUDE_KEY_SOURCE) === 'settings';
				const user = input.claudeSettings === 'user';
				files.push({
					client,
					path: user ? CLAUDE_USER_SETTINGS : CLAUDE_PROJECT_SETTINGS,
					content: `${JSON.stringify({env}, null, 2)}\n`,
					// Either file may hold the person's other settings (the user's for every project; the project's
					// local one the permissions Claude Code saves there): merged, never renamed (Claude Code reads no
					// other name), and a key of an earlier run there taken out unless this one goes there (settings'
					// env wins over the environment's).
					...(user ? {base: 'home' as const} : {}),
					merge: {env, drop: secret ? [] : ['AWS_BEARER_TOKEN_BEDROCK']},
					secret,
					surface: 'bedrock-runtime InvokeModel',
					modelIds: [...new Set(Object.values(slots))],
				});
				break;
			}
			case 'openai': {
				const mantle = input.mantle;
				const models = mantle ? nonClaude.map(mantleModelId) : nonClaude;
				if (models.length === 0) break;
				const base = mantle ? `${mantleBase(input)}/v1` : `${runtimeBase(input)}/openai/v1`;
				files.push({
					client,
					path: 'openai.env',
					content: [
						`# OpenAI SDK and compatible tools: Chat Completions on ${mantle ? 'Mantle' : 'bedrock-runtime'}.`,
						`# Models this key may call here: ${models.join(', ')}`,
						`OPENAI_BASE_URL=${base}`,
						`OPENAI_API_KEY=${key}`,
						'',
					].join('\n'),
					secret: true,
					surface: mantle ? 'bedrock-mantle /v1/chat/completions' : 'bedrock-runtime /openai/v1/chat/completions',
					modelIds: models,
				});
				break;
			}
			case 'codex': {
				const model = nonClaude.map(mantleModelId).find((id) => id.startsWith('openai.'));
				if (!model) break;
				files.push({
					client,
					path: 'codex-config.toml',
					content: [
						"# Codex CLI (~/.codex/config.toml): OpenAI's Responses API on Mantle, the only API of its amazon-bedrock provider; reads AWS_BEARER_TOKEN_BEDROCK.",
						`# Model this key may call: ${model}`,
						'model_provider = "amazon-bedrock"',
						`model = "${model}"`,
						'',
						'[model_providers.amazon-bedrock]',
						'wire_api = "responses"',
						...(input.mantleEndpoint ? [`base_url = "${mantleBase(input)}/openai/v1"`] : []),
						'',
						'[model_providers.amazon-bedrock.aws]',
						`region = "${input.region}"`,
						'',
					].join('\n'),
					secret: false,
					surface: 'bedrock-mantle /openai/v1/responses',
					modelIds: [model],
				});
				break;
			}
			case 'litellm': {
				const entries = [
					...input.modelIds.map((id) => ({name: id, model: `bedrock/${id}`})),
					...(input.mantle ? input.modelIds.map((id) => ({name: `mantle/${mantleModelId(id)}`, model: `bedrock_mantle/${mantleModelId(id)}`})) : []),
				];
				files.push({
					client,
					path: 'litellm-config.yaml',
					content: [
						`# LiteLLM proxy: Converse on bedrock-runtime${input.mantle ? ', and Mantle' : ''}; the key from AWS_BEARER_TOKEN_BEDROCK.`,
						'model_list:',
						...entries.flatMap(({name, model}) => [
							`  - model_name: "${name}"`,
							'    litellm_params:',
							`      model: "${model}"`,
							`      aws_region_name: "${input.region}"`,
							'      api_key: "os.environ/AWS_BEARER_TOKEN_BEDROCK"',
							...(input.runtimeEndpoint && !model.startsWith('bedrock_mantle/') ? [`      api_base: "${runtimeBase(input)}"`] : []),
						]),
						'',
					].join('\n'),
					secret: false,
					surface: input.mantle ? 'bedrock-runtime Converse, bedrock-mantle' : 'bedrock-runtime Converse',
					modelIds: entries.map((entry) => entry.name),
				});
				break;
			}
			case 'vercel-ai':
			case 'boto3':
			case 'curl':
				// Configured in code: usage snippets (core/usage-snippets.ts), not files.
				break;
		}
	}
	return files;
}
