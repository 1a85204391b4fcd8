/**
 * The configuration of the clients the key is for (core/clients/configs.ts), written beside the key's files
 * after the save: a file already there was named on the Review and asked about with the key's files (new name
 * beside it, or overwrite with its contents kept aside); one that appeared after the Review is never written over, mode 0600 where the key is inside, and a warning when git would pick such a file up.
 */
import {clientConfigFiles, clientSnippets, type ClientConfigInput} from '../../core/clients/configs.js';
import {clientNeeds, type ClientKind} from '../../core/clients/index.js';
import type {Messages} from '../../core/i18n/en.js';
import type {FilesPort} from '../ports.js';
import {clientFileTarget, type ExistingFilesChoice, type PlannedClientFile} from './review.js';

export interface ClientFilesInput extends Omit<ClientConfigInput, 'mantle'> {
	readonly directory: string;
	readonly mantleChosen: boolean;
	readonly clients: readonly ClientKind[];
	/** The Review's plan of these files (save.ts, planFiles) and the answer about those already there. */
	readonly planned?: readonly PlannedClientFile[];
	readonly existingFiles?: ExistingFilesChoice;
}

/** The clients' configuration, Mantle in it when chosen or when a client needs it (core/clients/, clientNeeds). */
const configOf = (input: Omit<ClientConfigInput, 'mantle'> & {readonly mantleChosen: boolean}): ClientConfigInput => ({
	...input,
	mantle: clientNeeds(input.clients, input.mantleChosen).mantle,
});

/** The paths of the clients' files, relative to the output folder: the Review lists them before anything is made. */
export function clientFilePaths(input: Omit<ClientConfigInput, 'mantle'> & {readonly mantleChosen: boolean}): string[] {
	if (input.clients.length === 0) return [];
	return clientConfigFiles(configOf(input)).map((file) => file.path);
}

export interface WrittenClientFiles {
	readonly written: readonly string[];
	/** One line each: what was written (surface, models), what was not and why, the snippets. */
	readonly lines: readonly string[];
}

export async function writeClientFiles(input: ClientFilesInput, files: FilesPort, messages: Messages): Promise<WrittenClientFiles> {
	const text = messages.clients.files;
	const config = configOf(input);
	const written: string[] = [];
	const lines: string[] = [];
	for (const file of clientConfigFiles(config)) {
		const planned = files.join(input.directory, file.path);
		const plan = input.planned?.find((entry) => entry.path === planned);
		// Asked about on the Review: a new name beside it, or over it (its contents kept aside first).
		const path = plan ? clientFileTarget(plan, input.existingFiles) : planned;
		if (path !== planned) lines.push(messages.create.savedUnderNewNames([path]));
		if (await files.exists(path)) {
			if (!plan?.exists || input.existingFiles !== 'overwrite') {
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
		if (file.secret && (await files.gitStatus(path)) === 'tracked-or-unignored') lines.push(text.gitUnignored(path));
	}
	for (const snippet of clientSnippets(config)) lines.push(`${snippet.title}:\n${snippet.text}`);
	return {written, lines};
}
