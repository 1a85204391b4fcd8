/**
 * `--help` and the commands other than create do not load create's questions table (cli/program.ts,
 * mayRunCreate): the cases that must still load it, and those that need not.
 */
import {describe, expect, it} from 'vitest';
import {mayRunCreate} from '../../source/cli/program.js';

describe("when the CLI loads create's flags", () => {
	it.each([
		[[]],
		[['create', '--help']],
		[['help', 'create']],
		[['--models', 'amazon.nova-lite-v1:0']],
		[['--region', 'us-west-2', '--models', 'x', 'policy']],
		[['--user-name', 'policy']],
		[['chek']],
		[['--sandbox']],
		[['--', 'policy']],
	])('loads them for %j (create may run, or show its help)', (argv) => {
		expect(mayRunCreate(argv)).toBe(true);
	});

	it.each([
		[['--help']],
		[['-h']],
		[['policy', '--models', 'x']],
		[['--region', 'us-west-2', 'check', '--help']],
		[['--region=us-west-2', '--json', 'cleanup']],
		[['--lang', 'ja', 'workshop', 'create']],
		[['sandbox', '--port', '0']],
	])('does not for %j', (argv) => {
		expect(mayRunCreate(argv)).toBe(false);
	});
});
