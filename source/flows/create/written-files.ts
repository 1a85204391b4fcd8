/**
 * The files a create run writes, recorded so that a run that is rolled back takes them back too
 * (docs/architecture.md, 'The create flow'): a file it made is deleted, and a file it replaced is put back
 * from a copy kept aside before the write. Nothing here knows which files the save step writes: every
 * write through the port is recorded.
 */
import type {FilesPort} from '../ports.js';

interface WrittenFile {
	readonly path: string;
	/** The file that was there before, copied aside: put back on undo. */
	readonly aside?: string;
	/** The copy was ours (not one the save step kept aside and named): deleted once the run is done. */
	readonly ours: boolean;
}

/** What undoing the files did: each file deleted or put back, and each that could not be. */
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

export function recordWrites(files: FilesPort, now: () => Date): WrittenFiles {
	const written: WrittenFile[] = [];
	const recorded = (path: string): boolean => written.some((file) => file.path === path);
	const port: FilesPort = {
		...files,
		async keepAside(path, at) {
			const aside = await files.keepAside(path, at);
			if (aside && !recorded(path)) written.push({path, aside, ours: false});
			return aside;
		},
		async write(path, content, mode) {
			if (!recorded(path)) {
				// A file replaced without a copy (an earlier run's policy.json) is copied first, so an undo can put it back.
				const aside = (await files.exists(path)) ? await files.keepAside(path, now()) : undefined;
				written.push({path, ...(aside ? {aside} : {}), ours: aside !== undefined});
			}
			await files.write(path, content, mode);
		},
	};
	return {
		files: port,
		any: () => written.length > 0,
		async undo() {
			const removed: string[] = [];
			const restored: string[] = [];
			const failed: Array<{path: string; message: string}> = [];
			for (const file of [...written].reverse()) {
				try {
					if (file.aside) {
						await files.rename(file.aside, file.path);
						restored.push(file.path);
					} else {
						await files.remove(file.path);
						removed.push(file.path);
					}
				} catch (error) {
					failed.push({path: file.path, message: (error as Error).message});
				}
			}
			written.length = 0;
			return {removed, restored, failed};
		},
		async commit() {
			for (const file of written) if (file.ours && file.aside) await files.remove(file.aside).catch(() => undefined);
			written.length = 0;
		},
	};
}
