/**
 * The configuration of the clients the key is for (core/clients/configs.ts), written beside the key's files
 * after the save: a file already there was named on the Review and asked about with the key's files (new name
 * beside it, or overwrite with its contents kept aside); one that appeared after the Review is never written
 * over. Claude Code's settings (the project's local file or the user's) are merged instead: their other
 * settings kept, a copy kept aside, the same name (Claude Code reads no other).
 * Mode 0600 where the key is inside; a private file (the key inside, or Claude Code's settings.local.json) that
 * git would pick up is added to .gitignore when the Review's question said so (the .env's question), else named.
 */
import {CLAUDE_PROJECT_SETTINGS, claudeKeyCommand, DEFAULT_CLAUDE_KEY_SOURCE, mergeClaudeSettings} from '../../core/clients/claude-code.js';
import {clientConfigFiles, type ClientConfigFile, type ClientConfigInput} from '../../core/clients/configs.js';
import {clientNeeds, type ClientKind} from '../../core/clients/index.js';
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import type {FilesPort} from '../ports.js';
import {clientFileTarget, type ExistingFilesChoice, type PlannedClientFile} from './review.js';

export interface ClientFilesInput extends Omit<ClientConfigInput, 'mantle'> {
	readonly directory: string;
	readonly mantleChosen: boolean;
	readonly clients: readonly ClientKind[];
	/** The Review's plan of these files (save.ts, planFiles) and the answer about those already there. */
	readonly planned?: readonly PlannedClientFile[];
	readonly existingFiles?: ExistingFilesChoice;
	/** The Review's answer about .gitignore (the .env's question, which names these files too). */
	readonly gitignore?: boolean;
	/** The .env the key was saved in: Claude Code's commands load it. */
	readonly envFile?: string;
}

/** The clients' configuration, Mantle in it when chosen or when a client needs it (core/clients/, clientNeeds). */
const configOf = (input: Omit<ClientConfigInput, 'mantle'> & {readonly mantleChosen: boolean}): ClientConfigInput => ({
	...input,
	mantle: clientNeeds(input.clients, input.mantleChosen).mantle,
});

/** What the Review plans of a client's file before anything is made (save.ts, planFiles). */
export interface ClientFilePlan {
	/** Relative to the output folder, or to the home folder with `base: 'home'`. */
	readonly path: string;
	readonly base?: 'home';
	readonly secret: boolean;
	/** Kept out of git: the key inside, or Claude Code's `.claude/settings.local.json` (its convention). */
	readonly private: boolean;
	readonly merge: boolean;
}

const planOf = (file: ClientConfigFile): ClientFilePlan => ({
	path: file.path,
	...(file.base ? {base: file.base} : {}),
	secret: file.secret,
	private: file.secret || (file.base === undefined && file.path === CLAUDE_PROJECT_SETTINGS),
	merge: file.merge !== undefined,
});

/** The clients' files, relative to the output folder (or home): the Review lists them before anything is made. */
export function clientFilePlans(input: Omit<ClientConfigInput, 'mantle'> & {readonly mantleChosen: boolean}): ClientFilePlan[] {
	if (input.clients.length === 0) return [];
	return clientConfigFiles(configOf(input)).map(planOf);
}

/** A client file's full path: in the output folder, or under the home folder. */
export const clientFilePath = (directory: string, file: Pick<ClientFilePlan, 'path' | 'base'>, files: FilesPort): string =>
	file.base === 'home' ? files.inHome(file.path) : files.join(directory, file.path);

/** Settings the wizard cannot merge into: a usage Problem naming the file and the fix, before anything is made or written. */
export const unmergeable = (path: string, reason: 'not-json' | 'not-an-object' | 'env-not-an-object'): Problem =>
	new Problem('usage', (m) => m.clients.files.settingsInvalid(path, reason));

export interface WrittenClientFiles {
	readonly written: readonly string[];
	/** One line each: what was written (surface, models), what was not and why (the snippets of the clients configured in code are create's usage snippets). */
	readonly lines: readonly string[];
}

export async function writeClientFiles(input: ClientFilesInput, files: FilesPort, messages: Messages): Promise<WrittenClientFiles> {
	const text = messages.clients.files;
	const config = configOf(input);
	const written: string[] = [];
	const lines: string[] = [];
	for (const file of clientConfigFiles(config)) {
		const plan = planOf(file);
		const planned = clientFilePath(input.directory, file, files);
		const review = input.planned?.find((entry) => entry.path === planned);
		if (file.merge) {
			// Claude Code's settings: merged whole or not at all (a file made invalid since the Review stops the run, which undoes the rest).
			const before = await files.read(planned);
			const merged = mergeClaudeSettings(before, file.merge.env, file.merge.drop);
			if (!merged.ok) throw unmergeable(planned, merged.fault);
			const kept = before === undefined ? undefined : await files.keepAside(planned, new Date());
			// 0600 for the user's own file (it may hold the key), for a key inside, and for a file that was there
			// (its mode is not read: never looser than it was); a new project file without the key, 0644.
			await files.write(planned, merged.text, file.base === 'home' || file.secret || before !== undefined ? 0o600 : 0o644);
			written.push(planned);
			lines.push(text.written(planned, file.surface, file.modelIds, file.secret));
			if (before !== undefined) lines.push(text.merged(planned, kept, merged.removed));
			if (plan.private) lines.push(...(await keepOutOfGit(planned, plan, input.gitignore === true, files, messages)));
		} else {
			// Asked about on the Review: a new name beside it, or over it (its contents kept aside first).
			const path = review ? clientFileTarget(review, input.existingFiles) : planned;
			if (path !== planned) lines.push(messages.create.savedUnderNewNames([path]));
			if (await files.exists(path)) {
				if (!review?.exists || input.existingFiles !== 'overwrite') {
					// Not asked about (it appeared after the Review): never written over.
					lines.push(text.notOverwritten(path));
					continue;
				}
				const kept = await files.keepAside(path, new Date());
				if (kept) lines.push(messages.create.envKeptAside(path, kept));
			}
			await files.write(path, file.content, file.secret ? 0o600 : 0o644);
			written.push(path);
			lines.push(text.written(path, file.surface, file.modelIds, file.secret));
			if (plan.private) lines.push(...(await keepOutOfGit(path, plan, input.gitignore === true, files, messages)));
		}
		if (file.client === 'claude-code') lines.push(...claudeKeyLines(input, planned, file.base === 'home', messages));
	}
	return {written, lines};
}

/**
 * A private file and git: ignored already (said, Claude Code's settings.local.json included), added to
 * .gitignore when the Review's question said yes (FilesPort.ignoreInGit, the .env's way), else named.
 */
async function keepOutOfGit(path: string, plan: ClientFilePlan, add: boolean, files: FilesPort, messages: Messages): Promise<string[]> {
	const status = await files.gitStatus(path);
	if (status === 'ignored') return [messages.clients.files.gitIgnored(path)];
	if (status !== 'tracked-or-unignored') return [];
	if (add) {
		const added = await files.ignoreInGit(path);
		return [messages.create.gitignoreAdded(added.line, added.gitignore)];
	}
	return [plan.secret ? messages.clients.files.gitUnignored(path) : messages.create.files.localUnignored(path)];
}

/** How Claude Code gets the key: from its settings, or the command that loads the .env (never the key itself). */
function claudeKeyLines(input: ClientFilesInput, settings: string, user: boolean, messages: Messages): string[] {
	const text = messages.clients.files;
	const source = input.claudeKeyFrom ?? DEFAULT_CLAUDE_KEY_SOURCE;
	if (source === 'settings') return [user ? text.claudeSettingsUser(settings) : text.claudeSettings(settings)];
	if (!input.envFile) return [];
	const variables = Object.keys(input.keyEnv ?? {});
	const command = claudeKeyCommand(source, input.envFile, variables);
	if (!command) return [];
	return [`${source === 'dotenv' ? text.claudeDotenv(input.envFile) : text.claudeEnv(variables)}\n${command}`];
}
