/**
 * What `check --client NAME [--settings FILE]` reads from a client's configuration (issue 18, the doctor):
 * every model the configuration would call, each with the entry that names it, the exact line to change,
 * and the call the client makes for it (docs/aws-facts.md, 'Clients'):
 * - Claude Code (`settings.json`'s `env`): every slot, InvokeModel on bedrock-runtime;
 * - the OpenAI SDK (`openai.env`): `OPENAI_BASE_URL` says the surface (bedrock-runtime's `/openai/v1`, or
 *   Mantle's `/v1` or `/openai/v1`), the models are those the file names (`OPENAI_MODEL`, or the wizard's
 *   `# Models this key may call here:` line), Chat Completions (Messages for a Claude id);
 * - Codex (`config.toml`): `model` through its `amazon-bedrock` provider, OpenAI's Responses API on Mantle;
 *   any `wire_api` but `"responses"` fails there whatever the key;
 * - LiteLLM (`config.yaml`): each `model_list` entry, `bedrock/<id>` by Converse on bedrock-runtime,
 *   `bedrock_mantle/<id>` on Mantle; entries of other providers do not use the key and are listed as such.
 * Pure: the command reads the file and probes.
 */
import {isClaudeModel, mantleModelId} from '../catalog/mantle.js';
import type {ProbeRequest} from '../verify/probe-bodies.js';
import {compatibleProbeRequest, type CompatibleOperation} from '../verify/probe-bodies.js';
import type {ProbeSpec} from '../verify/probe-plan.js';
import {settingsSlots} from './claude-code.js';
import type {ClientKind} from './index.js';
import {readEnvFile, readToml, readYaml, UnreadableLine, type YamlNode} from './readers.js';

/** The call a client makes for a model: an operation of bedrock-runtime, or one of the compatible surfaces. */
export type ClientOperation = 'InvokeModel' | 'Converse' | CompatibleOperation;

/** One model a configuration would call. */
export interface ClientCall {
	/** The entry's name in the file: a Claude Code slot, a LiteLLM `model_name`, Codex's `model`. */
	readonly entry: string;
	/** The line that names the model (what to change when it fails), as written, with its number. */
	readonly line: string;
	readonly lineNumber?: number;
	/** Undefined: the file pins none, and the client falls back to its own default. */
	readonly modelId?: string;
	readonly operation: ClientOperation;
	/** The file that sets it, when several were read in layers (Claude Code's settings files). */
	readonly file?: string;
}

/** A line that makes the client fail whatever the key (a wire API Codex refuses, a base URL that is not Bedrock's). */
export interface ConfigFault {
	readonly kind: 'wire-api' | 'base-url' | 'provider';
	readonly line: string;
	readonly lineNumber: number;
	/** What the line should say instead. */
	readonly expected: string;
}

/** An entry that does not use the key (a LiteLLM entry of another provider): listed, not probed. */
export interface SkippedEntry {
	readonly entry: string;
	readonly line: string;
}

export interface ClientConfigReading {
	readonly client: ClientKind;
	readonly region?: string;
	readonly calls: readonly ClientCall[];
	readonly faults: readonly ConfigFault[];
	readonly skipped: readonly SkippedEntry[];
	/** The key the file itself holds (the OpenAI SDK's `.env`): what the client sends. */
	readonly apiKey?: string;
}

/** Why a file could not be read: not the client's configuration, or a line the reader does not know. */
export type ClientConfigProblem =
	{readonly kind: 'not-config'; readonly expected: string} | {readonly kind: 'line'; readonly lineNumber: number; readonly text: string};

export type ClientConfigResult = {readonly ok: true; readonly reading: ClientConfigReading} | {readonly ok: false; readonly problem: ClientConfigProblem};

/** The clients `check --client` reads, and the file each reads by default (what the wizard writes). */
export const doctorDefaults: Readonly<Partial<Record<ClientKind, string>>> = {
	'claude-code': '.claude/settings.local.json',
	openai: 'openai.env',
	codex: 'codex-config.toml',
	litellm: 'litellm-config.yaml',
};

/** What each file must hold, for the refusal of one that does not. */
const expectedShapes: Readonly<Partial<Record<ClientKind, string>>> = {
	'claude-code': '{"env": …}',
	openai: 'OPENAI_BASE_URL=…',
	codex: 'model_provider = "amazon-bedrock"',
	litellm: 'model_list:',
};

export function readClientConfig(client: ClientKind, content: string): ClientConfigResult {
	try {
		const reading = readers[client]?.(content);
		if (reading) return {ok: true, reading};
		return {ok: false, problem: {kind: 'not-config', expected: expectedShapes[client] ?? ''}};
	} catch (error) {
		if (error instanceof UnreadableLine) return {ok: false, problem: {kind: 'line', lineNumber: error.line, text: error.text}};
		throw error;
	}
}

/**
 * Claude Code's settings files in the order it layers them (docs/aws-facts.md, 'Clients'): the user's own
 * file, the project's shared file, the project's local file; a later file's `env` value overrides an
 * earlier one. `~` is the user's home folder.
 */
export const claudeCodeSettingsLayers = ['~/.claude/settings.json', '.claude/settings.json', '.claude/settings.local.json'] as const;

/**
 * What Claude Code would call with these settings files read in its order (lowest first): each slot as the
 * last file that pins it sets it, named with that file; a file that leaves a slot unpinned does not unpin it.
 */
export function layeredClaudeCode(layers: readonly {readonly file: string; readonly reading: ClientConfigReading}[]): ClientConfigReading {
	const calls = new Map<string, ClientCall>();
	let region: string | undefined;
	for (const {file, reading} of layers) {
		region = reading.region ?? region;
		for (const call of reading.calls) if (call.modelId !== undefined || !calls.has(call.entry)) calls.set(call.entry, {...call, file});
	}
	return {client: 'claude-code', ...(region ? {region} : {}), calls: [...calls.values()], faults: [], skipped: []};
}

const readers: Readonly<Partial<Record<ClientKind, (content: string) => ClientConfigReading | undefined>>> = {
	'claude-code': readClaudeCode,
	openai: readOpenAi,
	codex: readCodex,
	litellm: readLiteLlm,
};

function readClaudeCode(content: string): ClientConfigReading | undefined {
	const slots = settingsSlots(content);
	if (!slots) return undefined;
	const region = (JSON.parse(content) as {env: Record<string, unknown>}).env['AWS_REGION'];
	return {
		client: 'claude-code',
		...(typeof region === 'string' && region !== '' ? {region} : {}),
		calls: slots.map((slot) => ({
			entry: slot.slot,
			line: slot.modelId ? `"${slot.variable}": "${slot.modelId}"` : `"${slot.variable}"`,
			...(slot.modelId ? {modelId: slot.modelId} : {}),
			operation: 'InvokeModel' as const,
		})),
		faults: [],
		skipped: [],
	};
}

/** Which endpoint a base URL is: AWS's hosts by name, an endpoint override's Mantle by its `/mantle` path (as the sandbox serves it). */
function surfaceOfBaseUrl(url: string): {mantle: boolean; region?: string} | undefined {
	const trimmed = url.trim().replace(/\/+$/, '');
	const runtime = /^https:\/\/bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/openai\/v1$/.exec(trimmed);
	if (runtime) return {mantle: false, region: runtime[1]!};
	const mantle = /^https:\/\/bedrock-mantle\.([a-z0-9-]+)\.api\.aws(?:\/openai)?\/v1$/.exec(trimmed);
	if (mantle) return {mantle: true, region: mantle[1]!};
	if (/^https?:\/\/[^/]+(\/.*)?\/mantle(\/openai)?\/v1$/.test(trimmed)) return {mantle: true};
	if (/^https?:\/\/[^/]+(\/.*)?\/openai\/v1$/.test(trimmed)) return {mantle: false};
	return undefined;
}

const WIZARD_MODELS_LINE = '# Models this key may call here:';

function readOpenAi(content: string): ClientConfigReading | undefined {
	const {values, comments} = readEnvFile(content);
	const base = values.get('OPENAI_BASE_URL');
	if (!base) return undefined;
	const surface = surfaceOfBaseUrl(base.value);
	const faults: ConfigFault[] = surface
		? []
		: [{kind: 'base-url', line: base.text, lineNumber: base.line, expected: 'OPENAI_BASE_URL=https://bedrock-runtime.<region>.amazonaws.com/openai/v1'}];
	const mantle = surface?.mantle ?? false;
	const operationFor = (id: string): ClientOperation =>
		mantle ? (isClaudeModel(id) ? 'MantleMessages' : 'MantleChatCompletions') : isClaudeModel(id) ? 'AnthropicMessages' : 'ChatCompletions';
	const calls: ClientCall[] = [];
	const pinned = values.get('OPENAI_MODEL');
	if (pinned && pinned.value !== '')
		calls.push({entry: 'OPENAI_MODEL', line: pinned.text, lineNumber: pinned.line, modelId: pinned.value, operation: operationFor(pinned.value)});
	const listed = comments.find((comment) => comment.text.startsWith(WIZARD_MODELS_LINE));
	for (const id of listed ? listed.text.slice(WIZARD_MODELS_LINE.length).split(',') : []) {
		const modelId = id.trim();
		if (modelId !== '' && !calls.some((call) => call.modelId === modelId))
			calls.push({entry: modelId, line: listed!.text, lineNumber: listed!.line, modelId, operation: operationFor(modelId)});
	}
	const key = values.get('OPENAI_API_KEY')?.value;
	return {
		client: 'openai',
		...(surface?.region ? {region: surface.region} : {}),
		calls,
		faults,
		skipped: [],
		...(key ? {apiKey: key} : {}),
	};
}

function readCodex(content: string): ClientConfigReading | undefined {
	const toml = readToml(content);
	const provider = toml.get('model_provider');
	if (!provider) return undefined;
	const faults: ConfigFault[] = [];
	if (provider.value !== 'amazon-bedrock')
		faults.push({kind: 'provider', line: provider.text, lineNumber: provider.line, expected: 'model_provider = "amazon-bedrock"'});
	const id = provider.value === 'amazon-bedrock' ? 'amazon-bedrock' : String(provider.value);
	const wire = toml.get(`model_providers.${id}.wire_api`);
	// Codex's amazon-bedrock provider speaks the Responses API only, and refuses another wire_api at start.
	if (wire && wire.value !== 'responses') faults.push({kind: 'wire-api', line: wire.text, lineNumber: wire.line, expected: 'wire_api = "responses"'});
	const model = toml.get('model');
	const region = toml.get(`model_providers.${id}.aws.region`);
	const modelId = typeof model?.value === 'string' && model.value !== '' ? model.value : undefined;
	return {
		client: 'codex',
		...(typeof region?.value === 'string' && region.value !== '' ? {region: region.value} : {}),
		calls: [
			{
				entry: 'model',
				line: model?.text ?? 'model = "…"',
				...(model ? {lineNumber: model.line} : {}),
				...(modelId ? {modelId} : {}),
				operation: 'MantleResponses',
			},
		],
		faults,
		skipped: [],
	};
}

const scalarOf = (node: YamlNode | undefined): {value: string; text: string; line: number} | undefined =>
	node?.kind === 'scalar' ? {value: node.value, text: node.at.text, line: node.at.line} : undefined;

function readLiteLlm(content: string): ClientConfigReading | undefined {
	const root = readYaml(content);
	const list = root.kind === 'map' ? root.entries.get('model_list') : undefined;
	if (!list || list.kind !== 'list') return undefined;
	const calls: ClientCall[] = [];
	const skipped: SkippedEntry[] = [];
	let region: string | undefined;
	for (const item of list.items) {
		if (item.kind !== 'map') throw new UnreadableLine(item.at.line, item.at.text);
		const name = scalarOf(item.entries.get('model_name'))?.value ?? '';
		const params = item.entries.get('litellm_params');
		const model = scalarOf(params?.kind === 'map' ? params.entries.get('model') : undefined);
		if (!model) throw new UnreadableLine(item.at.line, item.at.text);
		region ??= scalarOf(params?.kind === 'map' ? params.entries.get('aws_region_name') : undefined)?.value;
		const route = /^(bedrock|bedrock_mantle)\/(?:(?:converse|invoke)\/)?(.+)$/.exec(model.value);
		if (!route) {
			skipped.push({entry: name || model.value, line: model.text});
			continue;
		}
		const id = route[2]!;
		const operation: ClientOperation =
			route[1] === 'bedrock_mantle'
				? isClaudeModel(id)
					? 'MantleMessages'
					: 'MantleChatCompletions'
				: model.value.startsWith('bedrock/invoke/') && isClaudeModel(id)
					? 'InvokeModel'
					: 'Converse';
		calls.push({entry: name || model.value, line: model.text, lineNumber: model.line, modelId: id, operation});
	}
	return {client: 'litellm', ...(region ? {region} : {}), calls, faults: [], skipped};
}

/** The probe that makes the client's call for a model, with the API key (the clients send no other credential). */
export function clientProbe(call: ClientCall & {readonly modelId: string}): ProbeSpec {
	return {
		target: call.operation.startsWith('Mantle') ? mantleModelId(call.modelId) : call.modelId,
		request: probeRequestFor(call),
		auth: 'api-key',
		expected: 'allow',
	};
}

function probeRequestFor(call: ClientCall & {readonly modelId: string}): ProbeRequest {
	switch (call.operation) {
		case 'Converse':
			return {operation: 'Converse', prompt: PROMPT, maxTokens: 1};
		case 'InvokeModel':
			// Claude's Messages body, as Claude Code and LiteLLM's invoke route send it.
			return {
				operation: 'InvokeModel',
				body: JSON.stringify({anthropic_version: 'bedrock-2023-05-31', max_tokens: 1, messages: [{role: 'user', content: PROMPT}]}),
			};
		default:
			return compatibleProbeRequest(call.operation);
	}
}

const PROMPT = 'Hi';
