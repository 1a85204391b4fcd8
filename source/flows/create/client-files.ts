/**
 * The configuration of the clients the key is for (core/clients/configs.ts), written beside the key's files
 * after the save: never over a file already there (it is named instead, with what it would have held left
 * unwritten), mode 0600 where the key is inside, and a warning when git would pick such a file up.
 */
import {clientConfigFiles, clientSnippets, type ClientConfigInput} from '../../core/clients/configs.js';
import {clientNeeds, type ClientKind} from '../../core/clients/index.js';
import type {Messages} from '../../core/i18n/en.js';
import type {FilesPort} from '../ports.js';

export interface ClientFilesInput extends Omit<ClientConfigInput, 'mantle'> {
	readonly directory: string;
	readonly mantleChosen: boolean;
	readonly clients: readonly ClientKind[];
}

export interface WrittenClientFiles {
	readonly written: readonly string[];
	/** One line each: what was written (surface, models), what was not and why, the snippets. */
	readonly lines: readonly string[];
}

export async function writeClientFiles(input: ClientFilesInput, files: FilesPort, messages: Messages): Promise<WrittenClientFiles> {
	const text = messages.clients.files;
	const config: ClientConfigInput = {...input, mantle: clientNeeds(input.clients, input.mantleChosen).mantle};
	const written: string[] = [];
	const lines: string[] = [];
	for (const file of clientConfigFiles(config)) {
		const path = files.join(input.directory, file.path);
		if (await files.exists(path)) {
			lines.push(text.notOverwritten(path));
			continue;
		}
		await files.write(path, file.content, file.secret ? 0o600 : 0o644);
		written.push(path);
		lines.push(text.written(path, file.surface, file.modelIds, file.secret));
		if (file.secret && (await files.gitStatus(path)) === 'tracked-or-unignored') lines.push(text.gitUnignored(path));
	}
	for (const snippet of clientSnippets(config)) lines.push(`${snippet.title}:\n${snippet.text}`);
	return {written, lines};
}
