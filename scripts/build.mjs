#!/usr/bin/env node
// One-file ESM bundle for `npx bedrock-key-wizard` (notes in shared TOOLCHAIN.md).
import {build} from 'esbuild';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';

// Ink, its helpers and the prompts bring three major versions of string-width; one copy (ours) serves
// all of them (same API), saving its emoji tables' start-up cost twice over (measured ~20 ms).
const oneStringWidth = {
	name: 'one-string-width',
	setup(build) {
		const ours = createRequire(import.meta.url).resolve('string-width');
		build.onResolve({filter: /^string-width$/}, () => ({path: ours}));
	},
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = 'dist/main.js';
const launcher = 'dist/cli.js';
await build({
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
});
// The bin is a few hundred bytes: `--version` answers without compiling the 1 MB bundle (~40 ms of
// V8 compile time measured) or loading node:http/http2; everything else imports the bundle.
writeFileSync(
	launcher,
	`#!/usr/bin/env node
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(${JSON.stringify(pkg.version + '\n')});
else await import('./main.js');
`,
);
chmodSync(launcher, 0o755);
