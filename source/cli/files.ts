import {execFile} from 'node:child_process';
import {chmod, mkdir, rename, stat, writeFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import type {FilesPort} from '../flows/ports.js';

export function nodeFiles(cwd: string): FilesPort {
	return {
		join: (directory, name) => join(resolve(cwd, directory), name),
		async exists(path) {
			return stat(path).then(
				() => true,
				() => false,
			);
		},
		async write(path, content, mode) {
			await mkdir(dirname(path), {recursive: true});
			const temporary = `${path}.${process.pid}.tmp`;
			// The mode is set at creation, so a secret is never readable by others, even for a moment.
			await writeFile(temporary, content, {mode, flag: 'w'});
			await chmod(temporary, mode);
			await rename(temporary, path);
		},
		async gitStatus(path) {
			const git = (args: string[]): Promise<number> =>
				new Promise((done) => execFile('git', ['-C', dirname(path), ...args], (error) => done(error ? Number((error as {code?: number}).code ?? 1) : 0)));
			const inside = await git(['rev-parse', '--is-inside-work-tree']);
			if (inside !== 0) return 'not-in-repository';
			return (await git(['check-ignore', '-q', path])) === 0 ? 'ignored' : 'tracked-or-unignored';
		},
	};
}
