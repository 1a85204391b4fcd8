#!/usr/bin/env node
// Documents stay inside the repository (docs/contributing.md, 'Lint and the layer rule'): no file git
// tracks, or would track, may refer to the design notes the project started from, which live outside it.
// Code comments cite docs/ instead. Run by `npm run lint`.
import {execFileSync} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = relative(root, fileURLToPath(import.meta.url));

// The outside documents by name, and the folder they live in. Case matters: docs/architecture.md is ours.
const outside = ['ARCHITECTURE.md', 'TOOLCHAIN.md', 'bedrock-iam.md', 'STYLE.md', 'seed-article.md', 'endpoints-clients-costs.md', '../shared'];

// Tracked files, and new ones git would pick up (not ignored), so a reference is caught before its commit.
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
	.split('\0')
	.filter((file) => file !== '' && file !== self);

const problems = [];
for (const file of new Set(files)) {
	const path = join(root, file);
	let text;
	try {
		if (!statSync(path).isFile()) continue;
		text = readFileSync(path, 'utf8');
	} catch {
		// Listed by git but deleted in the working tree.
		continue;
	}
	if (text.includes('\0')) continue;
	text.split('\n').forEach((line, index) => {
		for (const name of outside) {
			if (line.includes(name)) problems.push(`${file}:${index + 1}: refers to ${name}, a document outside the repository; cite docs/ instead`);
		}
	});
}
if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
console.error(`document references ok (${files.length} files)`);
