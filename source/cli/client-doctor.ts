/**
 * `check --client NAME [--settings FILE]` (issue 18, the doctor), the part every client shares: read the
 * client's configuration (core/clients/doctor.ts), list every model it would call, turn them into the
 * check's expectations (each probed through the surface that client uses), and after the run name each
 * entry that would fail with the exact line to change. Exit codes are check's: 1 when an entry would fail,
 * 2 for a file it cannot read or a client it cannot check.
 */
import {
	claudeCodeSettingsLayers,
	clientProbe,
	doctorDefaults,
	layeredClaudeCode,
	readClientConfig,
	type ClientCall,
	type ClientConfigReading,
} from '../core/clients/doctor.js';
import {isClientKind, type ClientKind} from '../core/clients/index.js';
import type {Messages} from '../core/i18n/index.js';
import {Problem} from '../core/problem.js';
import type {VerificationReport} from '../core/verify/report.js';
import type {ExpectationSource} from '../flows/check/expectations.js';
import type {CliIo} from './io.js';

export interface ClientConfigCheck {
	readonly client: ClientKind;
	readonly path: string;
	readonly reading: ClientConfigReading;
}

const checkable = Object.keys(doctorDefaults) as ClientKind[];

/** A file named on the command line (relative to the working folder); one it cannot read is a usage error, `unreadable`'s words. */
export async function readNamedFile(path: string, io: CliIo, unreadable: (path: string, reason: string) => readonly [string, string?]): Promise<string> {
	const {readFile} = await import('node:fs/promises');
	const {resolve} = await import('node:path');
	try {
		return await readFile(resolve(io.cwd, path), 'utf8');
	} catch (error) {
		throw new Problem('usage', ...unreadable(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
	}
}

/** The client's configuration from `--settings` (default: the file the wizard writes for it), or a usage Problem. */
export async function readClientConfigFile(client: string, path: string | undefined, io: CliIo, messages: Messages): Promise<ClientConfigCheck> {
	const text = messages.clients.check;
	if (!isClientKind(client) || !checkable.includes(client)) throw new Problem('usage', ...text.unsupported(client, checkable));
	if (client === 'claude-code' && path === undefined) return readClaudeCodeLayers(io, messages);
	const file = path ?? doctorDefaults[client]!;
	const unreadable = (where: string, reason: string): readonly [string, string] =>
		client === 'claude-code' ? text.settingsUnreadable(where, reason) : text.configUnreadable(client as 'openai' | 'codex' | 'litellm', where, reason);
	const content = await readNamedFile(file, io, unreadable);
	const result = readClientConfig(client, content);
	if (!result.ok)
		throw new Problem(
			'usage',
			...unreadable(file, result.problem.kind === 'line' ? text.lineUnreadable(result.problem.lineNumber, result.problem.text) : result.problem.expected),
		);
	return {client, path: file, reading: result.reading};
}

/**
 * Claude Code without `--settings`: every one of its settings files that exists, layered as Claude Code
 * layers them (core/clients/doctor.ts), so the slots are the ones it would use whichever file the wizard
 * wrote (`--claude-settings project|user`). A file without an `env` object adds nothing; one that is not
 * JSON is a usage Problem naming it; none at all, a usage Problem naming the three.
 */
async function readClaudeCodeLayers(io: CliIo, messages: Messages): Promise<ClientConfigCheck> {
	const text = messages.clients.check;
	const {readFile} = await import('node:fs/promises');
	const {homedir} = await import('node:os');
	const {join, resolve} = await import('node:path');
	const home = io.env['HOME'] || homedir();
	const layers: Array<{file: string; reading: ClientConfigReading}> = [];
	// CLAUDE_CONFIG_DIR moves the user's file, as it does for Claude Code.
	const configDir = io.env['CLAUDE_CONFIG_DIR'];
	const files = claudeCodeSettingsLayers.map((file) => (configDir && file.startsWith('~/') ? join(configDir, 'settings.json') : file));
	for (const shown of files) {
		let content: string;
		try {
			content = await readFile(shown.startsWith('~/') ? join(home, shown.slice(2)) : resolve(io.cwd, shown), 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') continue;
			throw new Problem('usage', ...text.settingsUnreadable(shown, code ?? (error as Error).message));
		}
		const result = readClientConfig('claude-code', content);
		if (result.ok) layers.push({file: shown, reading: result.reading});
		else if (!isJsonObject(content))
			throw new Problem('usage', ...text.settingsUnreadable(shown, result.problem.kind === 'not-config' ? result.problem.expected : ''));
	}
	if (layers.length === 0) throw new Problem('usage', ...text.noSettings(files));
	return {client: 'claude-code', path: layers.map((layer) => layer.file).join(', '), reading: layeredClaudeCode(layers)};
}

const isJsonObject = (content: string): boolean => {
	try {
		const parsed: unknown = JSON.parse(content);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
	} catch {
		return false;
	}
};

/** What is listed before the probes: every model the client would call (or its own default), and what is not checked. */
export function clientConfigLines(check: ClientConfigCheck, messages: Messages): string[] {
	const text = messages.clients.check;
	const {reading} = check;
	if (check.client === 'claude-code')
		return [
			text.slots(check.path),
			...reading.calls.map((call) => (call.modelId ? text.slot(call.entry, variableOf(call), call.modelId) : text.unpinned(call.entry, variableOf(call)))),
		];
	return [
		text.models(check.client, check.path),
		...reading.calls.map((call) => (call.modelId ? text.call(call.entry, call.modelId, call.operation) : text.unpinnedEntry(call.entry, call.line))),
		...reading.skipped.map((entry) => text.skipped(entry.entry, entry.line)),
		...(reading.apiKey !== undefined ? [text.keyFromFile(check.path, 'OPENAI_API_KEY')] : []),
		...(pinned(reading).length === 0 ? [text.noModels(check.path)] : []),
	];
}

/** Claude Code's slot variable, from the line that names it (`"ANTHROPIC_MODEL": "…"`). */
const variableOf = (call: ClientCall): string => /^"([^"]+)"/.exec(call.line)?.[1] ?? call.line;

const pinned = (reading: ClientConfigReading): Array<ClientCall & {modelId: string}> =>
	reading.calls.filter((call): call is ClientCall & {modelId: string} => call.modelId !== undefined);

/** The check's expectations: each pinned model through the client's surface; none pinned, discovery. */
export function clientExpectations(check: ClientConfigCheck): ExpectationSource | undefined {
	const calls = pinned(check.reading);
	if (calls.length === 0) return undefined;
	const probes = calls.map(clientProbe);
	// The same call twice (one model in two slots) is made once.
	const unique = probes.filter(
		(probe, index) => probes.findIndex((other) => other.target === probe.target && other.request.operation === probe.request.operation) === index,
	);
	const runtimeIds = [...new Set(calls.filter((call) => !call.operation.includes('Mantle')).map((call) => call.modelId))];
	return {kind: 'client', probes: unique, runtimeIds};
}

/** After the run: each entry whose call did not pass, and each line that fails whatever the key, with the line to change. */
export function clientFailures(check: ClientConfigCheck, report: VerificationReport | undefined, messages: Messages): string[] {
	const text = messages.clients.check;
	const lines = check.reading.faults.map((fault) => text.fault(fault.line, fault.lineNumber, fault.expected, check.path));
	if (!report) return lines;
	for (const call of pinned(check.reading)) {
		const probe = clientProbe(call);
		const failed = report.probes.some(
			(result) => result.model === probe.target && result.operation === probe.request.operation && result.expected === 'allow' && !result.pass,
		);
		if (!failed) continue;
		lines.push(
			check.client === 'claude-code'
				? text.slotFails(call.entry, variableOf(call), call.modelId, call.file ?? check.path)
				: text.entryFails(call.entry, call.modelId, call.line, call.lineNumber, check.path),
		);
	}
	return lines;
}
