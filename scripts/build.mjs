#!/usr/bin/env node
// One-file ESM bundle for `npx bedrock-key-wizard` (docs/contributing.md, 'The build').
import {build} from 'esbuild';
import {chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';

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
		build.onLoad({filter: /.*/, namespace: 'one-string-width-cjs'}, () => ({
			contents: `module.exports = require(${JSON.stringify(ours)}).default;`,
			loader: 'js',
			resolveDir: dirname(ours),
		}));
	},
};

// Tests build and pack at the same time (test/ui/terminal.test.ts, test/package/installed-tarball.test.ts):
// each file is written beside its place and renamed into it, so a reader never sees half a bundle.
const writeWhole = (file, contents, mode) => {
	const partial = `${file}.${process.pid}.partial`;
	writeFileSync(partial, contents);
	if (mode !== undefined) chmodSync(partial, mode);
	renameSync(partial, file);
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = 'dist/main.js';
const launcher = 'dist/cli.js';
const bundle = await build({
	entryPoints: ['source/cli.tsx'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// The AWS SDK's CJS builds lose their named exports in an ESM bundle.
	mainFields: ['module', 'main'],
	// signal-exit and @inquirer use dynamic require().
	banner: {js: "import {createRequire as __bkwCreateRequire} from 'node:module';\nconst require = __bkwCreateRequire(import.meta.url);"},
	// Ink imports react-devtools-core from its devtools file, which only runs with DEV=true.
	alias: {'react-devtools-core': './scripts/stub-react-devtools-core.mjs'},
	define: {'process.env.NODE_ENV': '"production"', __BKW_VERSION__: JSON.stringify(pkg.version)},
	jsx: 'automatic',
	legalComments: 'none',
	plugins: [oneStringWidth],
	minify: true,
	logLevel: 'warning',
	write: false,
});
mkdirSync(dirname(outfile), {recursive: true});
for (const file of bundle.outputFiles) writeWhole(file.path, file.contents);
// The bin is a few hundred bytes: `--version` answers without compiling the 1 MB bundle (~40 ms of
// V8 compile time measured) or loading node:http/http2; everything else imports the bundle.
writeWhole(
	launcher,
	`#!/usr/bin/env node
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(${JSON.stringify(pkg.version + '\n')});
else await import('./main.js');
`,
	0o755,
);
