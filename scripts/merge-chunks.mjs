// Fewer files to load for every command (issue 19; docs/contributing.md, 'The build').
//
// esbuild's code splitting makes one shared chunk per set of entry points that use a module, so a command
// that starts from dist/main.js or dist/policy.js loads its code from ~20 small files; Node's ESM loader
// spends ~0.4 ms on each file (resolve, read, compile, link) before any of our code runs. Every run of
// the command line loads all of dist/main.js's static imports, and every quick `policy` run all of
// dist/policy.js's: so the shared chunks each of them loads can be joined into one file per "who loads it"
// (main only, both, policy only) at no cost to anyone, and the chunks loaded by policy alone (its engine
// and English words) cost a command that needs part of them only the compiling of the rest. The bundled
// catalog stays apart (115 KB that only the commands using it should read).
//
// A group is bundled by esbuild from a wrapper that re-exports each member's exports under a new name;
// every file that imported a member imports the same names from the joined file instead. The joined file
// keeps each member's imports of chunks outside the group. A join that would make two files import each
// other (a cycle between groups) stops the build, as does an import form this step does not know.
import {Buffer} from 'node:buffer';
import {createHash} from 'node:crypto';
import {posix} from 'node:path';
import {build} from 'esbuild';
import {init, parse} from 'es-module-lexer';

const shared = /(^|\/)chunk-[A-Z0-9]+\.js$/;

/** Output files a root loads before any `await import()`: esbuild's static import edges, itself excluded. */
function staticChunks(meta, root) {
	const seen = new Set();
	const todo = [root];
	while (todo.length > 0) {
		const next = todo.pop();
		for (const entry of meta.outputs[next]?.imports ?? []) {
			if (entry.kind !== 'import-statement' || !meta.outputs[entry.path] || seen.has(entry.path)) continue;
			seen.add(entry.path);
			todo.push(entry.path);
		}
	}
	return [...seen].filter((path) => shared.test(path));
}

/** The groups to join: shared chunks keyed by which roots load them, the catalog apart; only groups of two or more. */
export function planGroups(meta, roots, keepApart) {
	const loadedBy = new Map();
	for (const [index, root] of roots.entries()) for (const chunk of staticChunks(meta, root)) loadedBy.set(chunk, (loadedBy.get(chunk) ?? 0) | (1 << index));
	const groups = new Map();
	for (const [chunk, mask] of loadedBy) {
		if (keepApart(Object.keys(meta.outputs[chunk].inputs))) continue;
		groups.set(mask, [...(groups.get(mask) ?? []), chunk]);
	}
	return [...groups.values()].filter((members) => members.length > 1).map((members) => members.sort());
}

/** Refuses groups that would import each other: a cycle between files changes when their code runs. */
function assertAcyclic(meta, groups) {
	const groupOf = new Map(groups.flatMap((members, index) => members.map((member) => [member, `group ${index}`])));
	const node = (path) => groupOf.get(path) ?? path;
	const edges = new Map();
	for (const [path, output] of Object.entries(meta.outputs)) {
		for (const entry of output.imports ?? []) {
			if (entry.kind !== 'import-statement' || !meta.outputs[entry.path] || node(path) === node(entry.path)) continue;
			edges.set(node(path), [...(edges.get(node(path)) ?? []), node(entry.path)]);
		}
	}
	const state = new Map();
	const visit = (at, trail) => {
		if (state.get(at) === 'done') return;
		if (state.get(at) === 'open') throw new Error(`merge-chunks: joining would make a cycle: ${[...trail, at].join(' -> ')}`);
		state.set(at, 'open');
		for (const next of edges.get(at) ?? []) visit(next, [...trail, at]);
		state.set(at, 'done');
	};
	for (const at of edges.keys()) visit(at, []);
}

const rename = (name, index) => `${name}$${index}`;
const chunkName = (text) =>
	`chunk-${createHash('sha256')
		.update(text)
		.digest('base64url')
		.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 8)
		.toUpperCase()}.js`;

/** One group bundled into one file: its text and the new name of each member's exports. */
async function joinGroup(meta, files, members) {
	const lines = members.map((member, index) => {
		const names = meta.outputs[member].exports ?? [];
		const from = JSON.stringify(`./${posix.basename(member)}`);
		return names.length > 0 ? `export {${names.map((name) => `${name} as ${rename(name, index)}`).join(', ')}} from ${from};` : `import ${from};`;
	});
	const dir = posix.dirname(members[0]);
	const inGroup = new Set(members);
	const result = await build({
		stdin: {contents: lines.join('\n'), resolveDir: dir, sourcefile: 'merge-chunks.js', loader: 'js'},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		write: false,
		logLevel: 'warning',
		plugins: [
			{
				name: 'chunks-in-memory',
				setup(bundler) {
					bundler.onResolve({filter: /^\.\//}, (args) => {
						const path = posix.join(dir, args.path);
						return inGroup.has(path) ? {path, namespace: 'chunk'} : {path: args.path, external: true};
					});
					bundler.onLoad({filter: /.*/, namespace: 'chunk'}, (args) => ({contents: files.get(args.path), loader: 'js'}));
				},
			},
		],
	});
	return result.outputFiles[0].text;
}

/** Rewrites `import {a as b} from "./chunk-X.js"` (and `export … from`, and bare imports) for each joined member. */
function rewriteImports(path, text, joinedAs) {
	const [imports] = parse(text);
	let out = '';
	let at = 0;
	const loaded = new Set();
	for (const entry of imports) {
		const target = entry.n === undefined ? undefined : posix.join(posix.dirname(path), entry.n);
		const joined = target === undefined ? undefined : joinedAs.get(target);
		if (!joined) continue;
		if (entry.d !== -1) throw new Error(`merge-chunks: ${path} imports ${entry.n} dynamically; only shared chunks loaded statically are joined`);
		const statement = text.slice(entry.ss, entry.s - 1);
		const clause = /^(import|export)\s*(?:\{([^}]*)\}\s*from\s*)?$/.exec(statement);
		if (!clause) throw new Error(`merge-chunks: an import form this step does not know in ${path}: ${statement}`);
		// A bare import of a file this one already imports adds nothing: the first one loads it.
		if (clause[1] === 'import' && clause[2] === undefined && loaded.has(joined.path)) {
			out += text.slice(at, entry.ss);
			at = text[entry.se] === ';' ? entry.se + 1 : entry.se;
			continue;
		}
		loaded.add(joined.path);
		const names = clause[2]
			?.split(',')
			.filter((part) => part.trim() !== '')
			.map((part) => {
				const [imported, local] = part.trim().split(/\s+as\s+/);
				return `${rename(imported, joined.index)} as ${local ?? imported}`;
			});
		const specifier = `${entry.n.slice(0, entry.n.lastIndexOf('/') + 1)}${posix.basename(joined.path)}`;
		out += `${text.slice(at, entry.ss)}${clause[1]}${names ? `{${names.join(',')}}from` : ''}${text[entry.s - 1]}${specifier}`;
		at = entry.e;
	}
	return out + text.slice(at);
}

/**
 * Joins the shared chunks each root loads (see the file's comment). `files`: output path (as in the
 * metafile) to text; both it and the metafile are updated in place, so dist/meta.json stays the graph
 * of what ships.
 */
export async function mergeChunks(meta, files, roots, keepApart) {
	await init;
	const groups = planGroups(meta, roots, keepApart);
	assertAcyclic(meta, groups);
	const joinedAs = new Map();
	for (const members of groups) {
		const text = await joinGroup(meta, files, members);
		const path = posix.join(posix.dirname(members[0]), chunkName(text));
		const inGroup = new Set(members);
		const imports = new Map();
		for (const member of members) {
			for (const entry of meta.outputs[member].imports ?? []) if (!inGroup.has(entry.path)) imports.set(`${entry.kind} ${entry.path}`, entry);
		}
		meta.outputs[path] = {
			bytes: Buffer.byteLength(text),
			inputs: Object.assign({}, ...members.map((member) => meta.outputs[member].inputs)),
			imports: [...imports.values()],
			exports: members.flatMap((member, index) => (meta.outputs[member].exports ?? []).map((name) => rename(name, index))),
		};
		files.set(path, text);
		members.forEach((member, index) => joinedAs.set(member, {path, index}));
		for (const member of members) {
			delete meta.outputs[member];
			files.delete(member);
		}
	}
	for (const [path, text] of files) {
		if (!path.endsWith('.js')) continue;
		const rewritten = rewriteImports(path, text, joinedAs);
		if (rewritten === text) continue;
		files.set(path, rewritten);
		const output = meta.outputs[path];
		output.bytes = Buffer.byteLength(rewritten);
		const seen = new Set();
		output.imports = output.imports
			.map((entry) => (joinedAs.has(entry.path) ? {...entry, path: joinedAs.get(entry.path).path} : entry))
			.filter((entry) => !seen.has(`${entry.kind} ${entry.path}`) && seen.add(`${entry.kind} ${entry.path}`));
	}
	return groups.length;
}
