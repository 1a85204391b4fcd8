#!/usr/bin/env node
// Runs every benchmark in bench/ (TypeScript, through tsx) one after another; each prints its own figures
// with their targets (bench/figures.ts) and exits 1 on a miss. Then the whole run's time, target 3 minutes.
import {readdirSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';

const dir = fileURLToPath(new URL('../bench/', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
	.filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
	.sort();
const started = performance.now();
const failed = [];
for (const file of files) {
	console.log(`\n# ${file}`);
	const result = spawnSync(process.execPath, ['--import', 'tsx', dir + file], {
		stdio: 'inherit',
		env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
	});
	if (result.status !== 0) failed.push(file);
}
const seconds = (performance.now() - started) / 1000;
const limit = 180;
console.log(`\n${'whole bench run'.padEnd(62)} ${seconds.toFixed(0).padStart(9)} s  (target <= ${limit} s) ${seconds <= limit ? 'PASS' : 'FAIL'}`);
if (seconds > limit && !only) failed.push('the time limit');
console.log(failed.length === 0 ? 'bench: every target met' : `bench: targets missed in ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
