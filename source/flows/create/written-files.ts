/**
 * What a create run writes to the disk, recorded so that a run that is rolled back takes it back too
 * (docs/architecture.md, 'The create flow'): a file it made is deleted, a file it replaced is put back from a
 * copy kept aside before the write, a folder it made for them is deleted (when empty), and a line it added
 * to a .gitignore is taken out. Nothing here knows which files the save step writes: every write through
 * the port is recorded.
 */
import type {FilesPort} from '../ports.js';

type Written =
	/** `aside`: the file that was there before, copied aside (put back on undo); `ours`: the copy was ours, not one the save step named, and goes once the run is done. */
	| {readonly kind: 'file'; readonly path: string; readonly aside?: string; readonly ours: boolean}
	| {readonly kind: 'folder'; readonly path: string}
	| {readonly kind: 'ignored'; readonly gitignore: string; readonly line: string};

/** What undoing the files did: each file or folder deleted or put back, and each that could not be. */
export interface FilesUndone {
	readonly removed: readonly string[];
	readonly restored: readonly string[];
	readonly failed: ReadonlyArray<{readonly path: string; readonly message: string}>;
}

export interface WrittenFiles {
	/** The port to write through. */
	readonly files: FilesPort;
	/** Whether anything was written yet. */
	readonly any: () => boolean;
	/** Undoes every write, newest first; never throws. */
	undo(): Promise<FilesUndone>;
	/** The run is done and the files stay: the copies taken for undo go (never throws). */
	commit(): Promise<void>;
}

/** The folder of a path, by its last separator (`join` gave it the platform's). */
const folderOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));

export function recordWrites(files: FilesPort, now: () => Date): WrittenFiles {
	const written: Written[] = [];
	const recorded = (path: string): boolean => written.some((entry) => entry.kind !== 'ignored' && entry.path === path);
	/** Before the first file in a folder: a folder that is not there yet is made by the write, and recorded. */
	const noteFolder = async (path: string): Promise<void> => {
		const folder = folderOf(path);
		if (folder !== '' && !recorded(folder) && !(await files.exists(folder))) written.push({kind: 'folder', path: folder});
	};
	const port: FilesPort = {
		...files,
		async keepAside(path, at) {
			const aside = await files.keepAside(path, at);
			if (aside && !recorded(path)) written.push({kind: 'file', path, aside, ours: false});
			return aside;
		},
		async write(path, content, mode) {
			if (!recorded(path)) {
				await noteFolder(path);
				// A file replaced without a copy (an earlier run's policy.json) is copied first, so an undo can put it back.
				const aside = (await files.exists(path)) ? await files.keepAside(path, now()) : undefined;
				written.push({kind: 'file', path, ...(aside ? {aside} : {}), ours: aside !== undefined});
			}
			await files.write(path, content, mode);
		},
		async ignoreInGit(path) {
			const added = await files.ignoreInGit(path);
			written.push({kind: 'ignored', gitignore: added.gitignore, line: added.line});
			return added;
		},
	};
	return {
		files: port,
		any: () => written.length > 0,
		async undo() {
			const removed: string[] = [];
			const restored: string[] = [];
			const failed: Array<{path: string; message: string}> = [];
			for (const entry of [...written].reverse()) {
				const path = entry.kind === 'ignored' ? entry.gitignore : entry.path;
				try {
					if (entry.kind === 'ignored') {
						await files.forgetInGit(entry.gitignore, entry.line);
						restored.push(path);
					} else if (entry.kind === 'file' && entry.aside) {
						await files.rename(entry.aside, entry.path);
						restored.push(path);
					} else {
						await files.remove(path);
						removed.push(path);
					}
				} catch (error) {
					// A folder someone has put something in since stays, and is no failure of the undo.
					if (entry.kind !== 'folder') failed.push({path, message: (error as Error).message});
				}
			}
			written.length = 0;
			return {removed, restored, failed};
		},
		async commit() {
			for (const entry of written) if (entry.kind === 'file' && entry.ours && entry.aside) await files.remove(entry.aside).catch(() => undefined);
			written.length = 0;
		},
	};
}
