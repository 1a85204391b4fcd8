import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {constants as fsConstants} from 'node:fs';
import {chmod, copyFile, mkdir, rename, stat, unlink, writeFile} from 'node:fs/promises';
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
			// Unguessable and created exclusively: no one can plant a file or link there first to read the secret.
			const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
			// The mode is set at creation, so a secret is never readable by others, even for a moment.
			await writeFile(temporary, content, {mode, flag: 'wx'});
			try {
				await chmod(temporary, mode);
				await rename(temporary, path);
			} catch (error) {
				await unlink(temporary).catch(() => undefined);
				throw error;
			}
		},
		async keepAside(path, now) {
			const info = await stat(path).catch(() => undefined);
			if (!info) return undefined;
			const stamp = now
				.toISOString()
				.replace(/[-:]/g, '')
				.replace(/\.\d{3}Z$/, 'Z');
			for (let attempt = 0; ; attempt++) {
				const aside = `${path}.${stamp}${attempt > 0 ? `-${attempt}` : ''}.bak`;
				try {
					await copyFile(path, aside, fsConstants.COPYFILE_EXCL);
					await chmod(aside, info.mode & 0o777);
					return aside;
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 20) throw error;
				}
			}
		},
		async remove(path) {
			await unlink(path).catch((error: NodeJS.ErrnoException) => {
				if (error.code !== 'ENOENT') throw error;
			});
		},
		rename: (from, to) => rename(from, to),
		async gitStatus(path) {
			const git = (args: string[]): Promise<number> =>
				new Promise((done) => execFile('git', ['-C', dirname(path), ...args], (error) => done(error ? Number((error as {code?: number}).code ?? 1) : 0)));
			const inside = await git(['rev-parse', '--is-inside-work-tree']);
			if (inside !== 0) return 'not-in-repository';
			return (await git(['check-ignore', '-q', path])) === 0 ? 'ignored' : 'tracked-or-unignored';
		},
	};
}
