#!/usr/bin/env node
// Runs every benchmark in bench/ (TypeScript, through tsx) one after another; each prints its own figures.
import {readdirSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const dir = fileURLToPath(new URL('../bench/', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
	.filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
	.sort();
let failed = 0;
for (const file of files) {
	console.log(`\n# ${file}`);
	const result = spawnSync(process.execPath, ['--import', 'tsx', dir + file], {
		stdio: 'inherit',
		env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
	});
	if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
