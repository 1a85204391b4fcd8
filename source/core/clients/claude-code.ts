/**
 * Claude Code's model slots (docs/aws-facts.md, 'Clients'): the main model (`ANTHROPIC_MODEL`) and the
 * defaults behind its Opus, Sonnet and Haiku aliases (`ANTHROPIC_DEFAULT_*_MODEL`; the Haiku one is its
 * background, "small and fast" model, also `ANTHROPIC_SMALL_FAST_MODEL` for older releases). Its built-in
 * defaults change between versions, so a key that may call only some models must pin every slot to one it
 * may call, or Claude Code calls a model the key cannot.
 */
import {isClaudeModel, mantleModelId} from '../catalog/mantle.js';
import {profilesFrom} from '../catalog/lookup.js';
import type {Catalog} from '../catalog/types.js';
import {compareText} from '../text-order.js';

export type ClaudeCodeSlot = 'main' | 'opus' | 'sonnet' | 'haiku';
export const claudeCodeSlots: readonly ClaudeCodeSlot[] = ['main', 'opus', 'sonnet', 'haiku'];

/** The settings variable each slot is pinned by. */
export const slotVariables: Readonly<Record<ClaudeCodeSlot, string>> = {
	main: 'ANTHROPIC_MODEL',
	opus: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
	sonnet: 'ANTHROPIC_DEFAULT_SONNET_MODEL',
	haiku: 'ANTHROPIC_DEFAULT_HAIKU_MODEL',
};

type Family = 'opus' | 'sonnet' | 'haiku' | 'other';
const familyRank: Readonly<Record<Family, number>> = {opus: 3, sonnet: 2, haiku: 1, other: 0};

/** `us.anthropic.claude-opus-4-6-v1` -> opus, [4, 6]. */
export function claudeFamily(id: string): {readonly family: Family; readonly version: readonly number[]} | undefined {
	if (!isClaudeModel(id)) return undefined;
	const match = /claude-(opus|sonnet|haiku|[a-z]+)-(\d+(?:-\d+)?)(?:-\d{8})?(?:-v\d+)?(?::\d+)?$/.exec(mantleModelId(id));
	if (!match) return undefined;
	const family = (['opus', 'sonnet', 'haiku'].includes(match[1]!) ? match[1] : 'other') as Family;
	return {family, version: match[2]!.split('-').map(Number)};
}

const isClaudeId = (id: string): boolean => claudeFamily(id) !== undefined;

/** Stronger first: Opus before Sonnet before Haiku, then the higher version. */
export function compareStrength(a: string, b: string): number {
	const fa = claudeFamily(a);
	const fb = claudeFamily(b);
	if (!fa || !fb) return fa ? -1 : fb ? 1 : compareText(a, b);
	if (fa.family !== fb.family) return familyRank[fb.family] - familyRank[fa.family];
	for (let index = 0; index < Math.max(fa.version.length, fb.version.length); index++) {
		const difference = (fb.version[index] ?? 0) - (fa.version[index] ?? 0);
		if (difference !== 0) return difference;
	}
	// The same model: a geographic profile before the global one (data stays in the geography).
	return Number(a.startsWith('global.')) - Number(b.startsWith('global.')) || compareText(a, b);
}

export type SlotAssignment = Readonly<Record<ClaudeCodeSlot, string>>;

/**
 * Each slot pinned to one of the chosen Claude ids: main to the strongest; Opus, Sonnet and Haiku to the
 * strongest of their family, or else the nearest chosen (Opus: the strongest; Sonnet: the strongest below
 * Opus, else the strongest; Haiku: the weakest, since it is the fast background model). Undefined without a
 * Claude id.
 */
export function assignSlots(chosenIds: readonly string[]): SlotAssignment | undefined {
	const claude = [...new Set(chosenIds.filter(isClaudeId))].sort(compareStrength);
	const strongest = claude[0];
	if (!strongest) return undefined;
	const ofFamily = (family: Family): string | undefined => claude.find((id) => claudeFamily(id)?.family === family);
	return {
		main: strongest,
		opus: ofFamily('opus') ?? strongest,
		sonnet: ofFamily('sonnet') ?? claude.find((id) => claudeFamily(id)?.family !== 'opus') ?? strongest,
		haiku: ofFamily('haiku') ?? claude.at(-1)!,
	};
}

/**
 * Sensible defaults for the model picker when Claude Code is chosen: for each family, the newest ACTIVE
 * model callable from the Region, by its geographic profile where there is one (else global, else the bare
 * id). Ids, never more than one per family.
 */
export function defaultClaudeCodeModels(catalog: Catalog, region: string): readonly string[] {
	const picks: string[] = [];
	for (const family of ['opus', 'sonnet', 'haiku'] as const) {
		const candidates = catalog.models
			.filter((model) => model.kind === 'chat' && model.lifecycle === 'ACTIVE' && claudeFamily(model.modelId)?.family === family)
			.flatMap((model) => {
				const profiles = profilesFrom(catalog, model.modelId, region);
				if (profiles.length > 0) return [profiles[0]!.profileId];
				return model.onDemandRegions.includes(region) ? [model.modelId] : [];
			})
			.sort(compareStrength);
		if (candidates[0]) picks.push(candidates[0]);
	}
	return picks;
}

/** One model Claude Code would call, as its settings say it (or leave it to Claude Code's own default). */
export interface SettingsSlot {
	readonly slot: ClaudeCodeSlot | 'small-fast';
	readonly variable: string;
	/** Undefined: not pinned, so Claude Code picks its own default, which changes between versions. */
	readonly modelId?: string;
}

/** The slot variables Claude Code reads, `ANTHROPIC_SMALL_FAST_MODEL` (the deprecated name) among them. */
const settingsVariables: ReadonlyArray<{slot: SettingsSlot['slot']; variable: string}> = [
	...claudeCodeSlots.map((slot) => ({slot, variable: slotVariables[slot]})),
	{slot: 'small-fast', variable: 'ANTHROPIC_SMALL_FAST_MODEL'},
];

/**
 * Every slot of a Claude Code settings file (`{"env": {...}}`): the model pinned, or none. Undefined when
 * the text is not such a file (not JSON, or no `env` object).
 */
export function settingsSlots(text: string): readonly SettingsSlot[] | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	const env = (parsed as {env?: unknown})?.env;
	if (typeof env !== 'object' || env === null || Array.isArray(env)) return undefined;
	const values = env as Record<string, unknown>;
	return settingsVariables.map(({slot, variable}) => {
		const value = values[variable];
		return typeof value === 'string' && value.trim() !== '' ? {slot, variable, modelId: value.trim()} : {slot, variable};
	});
}

/**
 * Where Claude Code takes the key from (docs/aws-facts.md, 'Clients'). Claude Code reads its settings' `env`
 * object and the environment it starts in; it does not read a project's .env itself, so `dotenv` means the
 * wizard's .env loaded by the command that starts Claude Code:
 * - `dotenv` (the default): the key stays in the one file that already holds it (.env, 0600); the settings
 *   hold none, and Claude Code is started with that file loaded into its environment only;
 * - `env`: the settings hold none; the person puts AWS_BEARER_TOKEN_BEDROCK into the environment themselves
 *   (a shell profile, a secret manager);
 * - `settings`: the key in the settings' `env` object, the file then 0600 and kept out of git.
 */
export const claudeKeySources = ['dotenv', 'env', 'settings'] as const;
export type ClaudeKeySource = (typeof claudeKeySources)[number];
export const DEFAULT_CLAUDE_KEY_SOURCE: ClaudeKeySource = 'dotenv';

/** Which settings file: the project's own, git-ignored by Claude Code's convention, or the user's, for every project. */
export const claudeSettingsFiles = ['project', 'user'] as const;
export type ClaudeSettingsFile = (typeof claudeSettingsFiles)[number];
export const DEFAULT_CLAUDE_SETTINGS_FILE: ClaudeSettingsFile = 'project';
/** Relative to the output folder. */
export const CLAUDE_PROJECT_SETTINGS = '.claude/settings.local.json';
/** Relative to the user's home folder. */
export const CLAUDE_USER_SETTINGS = '.claude/settings.json';

export type MergedSettings =
	| {readonly ok: true; readonly text: string; readonly removed: readonly string[]}
	| {readonly ok: false; readonly fault: 'not-json' | 'not-an-object' | 'env-not-an-object'};

/**
 * The settings file `existing` (undefined: none yet) with `env` merged into its `env` object: every other
 * setting and every other variable kept, in their order; ours set. `drop`: variables taken out when there
 * (a key from an earlier run, which would win over the one in the environment). Never a half-merged file: a
 * text that is not a JSON object, or whose `env` is not one, is refused whole (the parser's own message is
 * not given: it quotes the file, which may hold a key).
 */
export function mergeClaudeSettings(existing: string | undefined, env: Readonly<Record<string, string>>, drop: readonly string[] = []): MergedSettings {
	let parsed: unknown = {};
	if (existing !== undefined && existing.trim() !== '') {
		try {
			parsed = JSON.parse(existing);
		} catch {
			return {ok: false, fault: 'not-json'};
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {ok: false, fault: 'not-an-object'};
	const settings = parsed as Record<string, unknown>;
	const before = settings['env'] ?? {};
	if (typeof before !== 'object' || before === null || Array.isArray(before)) return {ok: false, fault: 'env-not-an-object'};
	const merged: Record<string, unknown> = {...(before as Record<string, unknown>)};
	const removed = drop.filter((name) => name in merged && !(name in env));
	for (const name of removed) delete merged[name];
	Object.assign(merged, env);
	return {ok: true, text: `${JSON.stringify({...settings, env: merged}, null, 2)}\n`, removed};
}

/** A path for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
const shellPath = (path: string): string => (/^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);

/**
 * The command that gives Claude Code the key, for a POSIX shell (bash, zsh), never the key itself:
 * `dotenv`: Claude Code started with the .env loaded, in a subshell (the key stays out of the shell it is typed in);
 * `env`: each of the key's variables exported from the .env, for a shell profile or the current shell;
 * `settings`: none (the settings hold the key).
 */
export function claudeKeyCommand(source: ClaudeKeySource, envFile: string, variables: readonly string[]): string | undefined {
	const file = shellPath(envFile);
	if (source === 'dotenv') return `(set -a; . ${file}; set +a; exec claude)`;
	if (source === 'env') return variables.map((name) => `export ${name}="$(sed -n 's/^${name}=//p' ${file})"`).join('\n');
	return undefined;
}
