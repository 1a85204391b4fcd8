#!/usr/bin/env node
// One-file ESM bundle for `npx bedrock-key-wizard` (notes in shared TOOLCHAIN.md).
import {build} from 'esbuild';
import {chmodSync, readFileSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = 'dist/cli.js';
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
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __bkwCreateRequire} from 'node:module';\nconst require = __bkwCreateRequire(import.meta.url);"},
	// Ink imports react-devtools-core from its devtools file, which only runs with DEV=true.
	alias: {'react-devtools-core': './scripts/stub-react-devtools-core.mjs'},
	define: {'process.env.NODE_ENV': '"production"', __BKW_VERSION__: JSON.stringify(pkg.version)},
	jsx: 'automatic',
	legalComments: 'none',
	minifySyntax: true,
	logLevel: 'warning',
});
chmodSync(outfile, 0o755);
