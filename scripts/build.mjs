#!/usr/bin/env node
// The ESM bundle for `npx bedrock-key-wizard`, split into chunks so each command loads only what it uses
// (docs/contributing.md, 'The build').
import {build} from 'esbuild';
import {chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative, resolve} from 'node:path';
import {patchCommander, patchStringWidth, patchYogaWasm, pureSchemaKeys, YOGA_WASM} from './bundle-patches.mjs';
import {mergeChunks} from './merge-chunks.mjs';

// Ink, its helpers and the prompts bring three major versions of string-width; one copy (ours) serves
// all of them (same API), saving its emoji tables' start-up cost twice over (measured ~20 ms).
// Ours is ESM-only. An ESM importer gets it as is; a CommonJS caller (the prompts' wrap-ansi 6 does
// `require('string-width')` and calls the result) would get the module namespace, not the function
// ("rv is not a function" in --plain), so require() is answered by a one-line shim that hands over
// the default export of the same copy.
const oneStringWidth = {
	name: 'one-string-width',
	setup(build) {
		const ours = createRequire(import.meta.url).resolve('string-width');
		build.onResolve({filter: /^string-width$/}, (args) => {
			if (args.kind === 'import-statement' || args.kind === 'dynamic-import') return {path: ours};
			if (args.kind === 'require-call') return {path: 'string-width', namespace: 'one-string-width-cjs'};
			throw new Error(`one-string-width: no rule for a ${args.kind} of string-width in ${args.importer}`);
		});
		// Ours is also patched for start-up (scripts/bundle-patches.mjs).
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, (args) =>
			args.path === ours ? {contents: patchStringWidth(readFileSync(args.path, 'utf8'), args.path), loader: 'js'} : undefined,
		);
		build.onLoad({filter: /.*/, namespace: 'one-string-width-cjs'}, () => ({
			contents: `module.exports = require(${JSON.stringify(ours)}).default;`,
			loader: 'js',
			resolveDir: dirname(ours),
		}));
	},
};

/** A plugin that loads each file `filter` matches as JavaScript through `patch(text, path)`. */
const patching = (name, filter, patch) => ({
	name,
	setup(build) {
		build.onLoad({filter}, (args) => ({contents: patch(readFileSync(args.path, 'utf8'), args.path), loader: 'js'}));
	},
});

// Ink's layout engine reads its WebAssembly from a file beside its chunk, without fetch()
// (scripts/bundle-patches.mjs); the bytes are written there once the chunks are.
let yogaWasm;
const yogaWithoutFetch = patching('yoga-without-fetch', /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, (source, path) => {
	const {text, wasm} = patchYogaWasm(source, path);
	yogaWasm = wasm;
	return text;
});

// The bundled model catalog (source/core/catalog/snapshot.json, ~115 KB) as a JSON.parse of one string
// instead of an object literal: V8's JSON parser reads it faster than its JavaScript parser would, and
// `policy` reads the catalog before anything else.
/** A JavaScript string literal in single quotes: JSON's many double quotes need no escaping (a smaller tarball). */
const singleQuoted = (text) => `'${text.replace(/[\\'\n\r\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
const jsonAsParse = patching(
	'json-as-parse',
	/[\\/]source[\\/].*\.json$/,
	(text) => `export default JSON.parse(${singleQuoted(JSON.stringify(JSON.parse(text)))});`,
);

// The AWS SDK's shape tables without computed keys, so the shapes no command uses are dropped (scripts/bundle-patches.mjs).
const sdkSchemasTreeShaken = patching('sdk-schemas-tree-shaken', /[\\/]@aws-sdk[\\/].+[\\/]dist-es[\\/](.+[\\/])?schemas[\\/]schemas_\d+\.js$/, pureSchemaKeys);

// commander requires node:child_process only to spawn a subcommand (scripts/bundle-patches.mjs).
const commanderWithoutChildProcess = patching('commander-without-child-process', /[\\/]commander[\\/]lib[\\/]command\.js$/, patchCommander);

// Tests build and pack at the same time (test/ui/terminal.test.ts, test/package/installed-tarball.test.ts):
// each file is written beside its place and renamed into it, so a reader never sees half a bundle.
const writeWhole = (file, contents, mode) => {
	const partial = `${file}.${process.pid}.partial`;
	writeFileSync(partial, contents);
	if (mode !== undefined) chmodSync(partial, mode);
	renameSync(partial, file);
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// `require` for the CommonJS code in a chunk; a chunk that never names it is written without (a smaller tarball).
// Made on the first call: esbuild's own helpers name `require` in a chunk every command loads, and making it
// costs ~0.6 ms that a command calling no CommonJS code never needs. Nothing in the bundle reads a property
// of `require` (require.resolve...), only calls it.
const banner =
	"import {createRequire as __bkwCreateRequire} from 'node:module';\nlet __bkwRequire;\nconst require = (id) => (__bkwRequire ??= __bkwCreateRequire(import.meta.url))(id);";
const withoutUnusedBanner = (text) => {
	const body = text.startsWith(banner) ? text.slice(banner.length) : undefined;
	return body !== undefined && !/\brequire\b/.test(body) ? body.replace(/^\n/, '') : text;
};
const outdir = 'dist';
const chunks = join(outdir, 'chunks');
const launcher = join(outdir, 'cli.js');
const bundle = await build({
	// dist/policy.js: `policy` read and run without commander (source/cli/policy-quick.ts); the launcher
	// below starts it for `policy …`, and it imports dist/main.js for anything it leaves to commander.
	entryPoints: {main: 'source/cli.tsx', policy: 'source/policy-cli.ts'},
	outdir,
	// ESM code splitting: every `await import()` in the sources (each command, the TUI, the AWS SDK, the
	// sandbox) becomes a chunk loaded when it runs; code two of them share goes to a chunk of its own.
	// `--help` and `policy` load neither Ink/React nor the SDK (test/package/import-graph.test.ts).
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// The AWS SDK's CJS builds lose their named exports in an ESM bundle.
	mainFields: ['module', 'main'],
	// signal-exit and @inquirer use dynamic require(): a module-scope const in each chunk that names it.
	banner: {js: banner},
	// Ink imports react-devtools-core from its devtools file, which only runs with DEV=true; ws and bowser
	// (~85 KB) only ever run there or in a browser (scripts/stub-unused.mjs).
	alias: {'react-devtools-core': './scripts/stub-react-devtools-core.mjs', ws: './scripts/stub-unused.mjs', bowser: './scripts/stub-unused.mjs'},
	define: {'process.env.NODE_ENV': '"production"', __BKW_VERSION__: JSON.stringify(pkg.version)},
	jsx: 'automatic',
	legalComments: 'none',
	plugins: [oneStringWidth, yogaWithoutFetch, jsonAsParse, commanderWithoutChildProcess, sdkSchemasTreeShaken],
	minify: true,
	logLevel: 'warning',
	metafile: true,
	write: false,
});
// The shared chunks each start loads, joined into fewer files (scripts/merge-chunks.mjs); the catalog stays apart.
const files = new Map(bundle.outputFiles.map((file) => [relative(process.cwd(), file.path).split('\\').join('/'), withoutUnusedBanner(file.text)]));
await mergeChunks(bundle.metafile, files, [join(outdir, 'main.js'), join(outdir, 'policy.js')], (inputs) =>
	inputs.some((input) => input.endsWith('source/core/catalog/snapshot.json')),
);
mkdirSync(chunks, {recursive: true});
const written = new Set();
for (const [path, text] of files) {
	writeWhole(resolve(path), text);
	written.add(resolve(path));
}
if (!yogaWasm) throw new Error("build: Ink's layout engine (yoga-layout) was not bundled, so its WebAssembly was not found");
writeWhole(join(chunks, YOGA_WASM), yogaWasm);
// Chunks are named by their content's hash: a chunk of an earlier build that this one does not use would
// only grow the tarball ("files" ships dist/chunks whole), so it is deleted once it is two minutes old. A
// concurrent build of the same sources writes the same names; one of other sources (a test that builds
// while the sources change) leaves a process started from it two minutes to load its chunks.
for (const name of readdirSync(chunks)) {
	const path = resolve(chunks, name);
	if (name.endsWith('.js') && !written.has(path) && statSync(path, {throwIfNoEntry: false})?.mtimeMs < Date.now() - 120_000) rmSync(path, {force: true});
}
// The import graph, for test/package/import-graph.test.ts (not shipped).
writeWhole(join(outdir, 'meta.json'), JSON.stringify(bundle.metafile));
// The bin is a few hundred bytes: `--version` answers without loading the bundle or node:http/http2;
// `policy …` imports dist/policy.js, everything else the entry, each importing the chunks it needs. From Node 22.1 on, V8's compile
// cache (module.enableCompileCache, kept in the system's temporary directory) spares later runs the
// compiling of the chunks; Node 20 has none, and the call is skipped there.
writeWhole(
	launcher,
	`#!/usr/bin/env node
import module from 'node:module';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(${JSON.stringify(pkg.version + '\n')});
else {
	module.enableCompileCache?.();
	await import(args[0] === 'policy' ? './policy.js' : './main.js');
}
`,
	0o755,
);
