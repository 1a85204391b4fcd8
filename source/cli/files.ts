import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {constants as fsConstants} from 'node:fs';
import {appendFile, chmod, copyFile, mkdir, readFile, realpath, rename, rmdir, stat, unlink, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {basename, dirname, join, relative, resolve, sep} from 'node:path';
import type {FilesPort} from '../flows/ports.js';

/** `home`: the user's home folder (the CLI passes its HOME; undefined: the system's). */
export function nodeFiles(cwd: string, home?: string): FilesPort {
	return {
		join: (directory, name) => join(resolve(cwd, directory), name),
		inHome: (name) => join(resolve(cwd, home || homedir()), name),
		read: (path) =>
			readFile(path, 'utf8').then(
				(text) => text,
				(error: NodeJS.ErrnoException) => {
					if (error.code === 'ENOENT') return undefined;
					throw error;
				},
			),
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
			await unlink(path).catch(async (error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT') return;
				// A folder (unlink says EISDIR on Linux, EPERM on macOS): deleted only when empty.
				if (error.code === 'EISDIR' || error.code === 'EPERM') return rmdir(path);
				throw error;
			});
		},
		async forgetInGit(gitignore, line) {
			const text = await readFile(gitignore, 'utf8').catch(() => undefined);
			if (text === undefined) return;
			const lines = text.split('\n');
			const at = lines.lastIndexOf(line);
			if (at < 0) return;
			lines.splice(at, 1);
			const rest = lines.join('\n');
			if (rest.trim() === '') await unlink(gitignore);
			else await writeFile(gitignore, rest);
		},
		rename: (from, to) => rename(from, to),
		async ignoreInGit(path) {
			const root = await new Promise<string>((done, fail) =>
				execFile('git', ['-C', dirname(path), 'rev-parse', '--show-toplevel'], (error, stdout) => (error ? fail(error) : done(stdout.trim()))),
			);
			// Anchored at the work tree's top, with git's forward slashes: exactly this file, nothing else.
			const line = `/${relative(await realpath(root), join(await realpath(dirname(path)), basename(path)))
				.split(sep)
				.join('/')}`;
			const gitignore = join(root, '.gitignore');
			const before = await readFile(gitignore, 'utf8').catch(() => '');
			await appendFile(gitignore, `${before === '' || before.endsWith('\n') ? '' : '\n'}${line}\n`);
			return {line, gitignore};
		},
		async gitStatus(path) {
			// The folder may not exist yet (a new folder for the key): git is asked from its nearest existing parent.
			const from = await nearestFolder(dirname(path));
			const git = (args: string[]): Promise<number> =>
				new Promise((done) => execFile('git', ['-C', from, ...args], (error) => done(error ? Number((error as {code?: number}).code ?? 1) : 0)));
			const inside = await git(['rev-parse', '--is-inside-work-tree']);
			if (inside !== 0) return 'not-in-repository';
			return (await git(['check-ignore', '-q', path])) === 0 ? 'ignored' : 'tracked-or-unignored';
		},
	};
}

/** The folder itself, or its nearest parent that exists. */
async function nearestFolder(folder: string): Promise<string> {
	for (let current = folder; ; current = dirname(current)) {
		if (
			await stat(current).then(
				(info) => info.isDirectory(),
				() => false,
			)
		)
			return current;
		if (dirname(current) === current) return current;
	}
}
