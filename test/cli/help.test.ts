/**
 * A subcommand's --help lists the global flags that command reads (`--sandbox`, `--yes`, `--json`,
 * `--region`...), under "Global Options", and not those it ignores.
 */
import {describe, expect, it} from 'vitest';
import {runCliCaptured} from '../helpers/cli.js';

const ALL = ['--region', '--profile', '--endpoint-url', '--sandbox', '--lang', '--json', '--no-input', '--plain', '--yes', '--debug', '--explain'];

/** The long flags listed under "Global Options:" in a help text. */
function globalOptions(help: string): string[] {
	const section = help.split(/^Global Options:$/m)[1] ?? '';
	return [...section.split(/^\S.*:$/m)[0]!.matchAll(/^ {2}(--[\w-]+)/gm)].map((match) => match[1]!);
}

async function help(...command: string[]): Promise<string> {
	const run = await runCliCaptured([...command, '--help']);
	expect(run.code).toBe(0);
	return run.stdout;
}

describe('subcommand --help shows the global flags that apply', () => {
	it('create (the default command): every global flag', async () => {
		const text = await help('create');
		expect(globalOptions(text)).toEqual(ALL);
		// Its own flags are still there, above.
		expect(text).toMatch(/^Options:\n(.|\n)*--models <ids>/m);
	});

	const expected: Record<string, string[]> = {
		policy: ['--region', '--lang', '--json', '--debug'],
		check: ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--plain', '--yes', '--debug'],
		cleanup: ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
		sandbox: ['--region', '--lang', '--debug'],
		'workshop create': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
		'workshop status': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--plain', '--debug'],
		'workshop teardown': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--yes', '--debug'],
	};
	for (const [command, flags] of Object.entries(expected)) {
		it(`${command}: ${flags.join(' ')}`, async () => {
			expect(globalOptions(await help(...command.split(' ')))).toEqual(flags);
		});
	}

	it("the brief's three: --sandbox, --yes and --json where they do something", async () => {
		expect(globalOptions(await help('create'))).toEqual(expect.arrayContaining(['--sandbox', '--yes', '--json']));
		expect(globalOptions(await help('workshop', 'teardown'))).toEqual(expect.arrayContaining(['--yes', '--json']));
		expect(globalOptions(await help('cleanup'))).toEqual(expect.arrayContaining(['--yes', '--json']));
	});

	it('`help <command>` shows the same', async () => {
		const run = await runCliCaptured(['help', 'check']);
		expect(run.code).toBe(0);
		expect(globalOptions(run.stdout)).toEqual(expected['check']);
	});

	it("the program's own help lists every flag once, under Options", async () => {
		const text = await help();
		expect(text).not.toContain('Global Options:');
		for (const flag of ALL) expect(text).toContain(`  ${flag}`);
	});
});
