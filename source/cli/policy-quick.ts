/**
 * `policy`'s quick start (issue 19): a plain run of `policy` (flags of cli/flag-table.ts, each spelled
 * out, values that cannot be mistaken for flags) is read here and run without loading commander or the
 * program's other commands; everything else (`--help`, a flag it does not know, a value outside its
 * choices, a missing `--models`, a word that is not a flag...) is left to commander (cli/program.ts),
 * which says it as always. What is read is what commander would have given the command: the same keys,
 * defaults, choices and lists, from the same table; the run and its failure report are
 * cli/command-run.ts's, as under commander. `dist/policy.js` (source/policy-cli.ts) starts here.
 */
import {reportRunFailure, runCommand, startRun} from './command-run.js';
import {openCommandScope} from './command-scope.js';
import {policyCommand} from './commands/policy.js';
import {defaultOf, globalFlags, list, policyFlags, shapeOf, type FlagShape, type FlagSpec} from './flag-table.js';
import type {CliIo} from './io.js';

/** The options commander would hand `policy`: its own (`this.opts()`) and with the program's (`this.optsWithGlobals()`). */
export interface PolicyArgv {
	readonly options: Record<string, unknown>;
	readonly all: Record<string, unknown>;
}

const flags = new Map<string, {readonly spec: FlagSpec; readonly shape: FlagShape; readonly own: boolean}>([
	...globalFlags.map((spec) => [shapeOf(spec).name, {spec, shape: shapeOf(spec), own: false}] as const),
	...policyFlags.map((spec) => [shapeOf(spec).name, {spec, shape: shapeOf(spec), own: true}] as const),
]);

/** argv (`policy …`) read as commander reads it, when it is a plain run of policy; otherwise undefined. */
export function readPolicyArgv(argv: readonly string[]): PolicyArgv | undefined {
	if (argv[0] !== 'policy') return undefined;
	const initial = (own: boolean): Record<string, unknown> =>
		Object.fromEntries(
			[...flags.values()].flatMap(({spec, shape, own: its}) => {
				const value = defaultOf(spec);
				return its === own && value !== undefined ? [[shape.key, value]] : [];
			}),
		);
	const options = initial(true);
	const globals = initial(false);
	for (let index = 1; index < argv.length; index++) {
		const word = argv[index]!;
		const equals = word.indexOf('=');
		const found = flags.get(equals < 0 ? word : word.slice(0, equals));
		if (!found) return undefined;
		const {spec, shape, own} = found;
		const into = own ? options : globals;
		if (!shape.takesValue) {
			if (equals >= 0) return undefined;
			into[shape.key] = !shape.negated;
			continue;
		}
		const value = equals >= 0 ? word.slice(equals + 1) : argv[++index];
		// A missing value, an empty one, or one that starts like a flag: commander's reading, and its message.
		if (value === undefined || value === '' || value.startsWith('-')) return undefined;
		if (spec.choices && !spec.choices.includes(value)) return undefined;
		into[shape.key] = spec.list ? list(value, into[shape.key] as string[] | undefined) : value;
	}
	if (policyFlags.some((spec) => spec.mandatory && options[shapeOf(spec).key] === undefined)) return undefined;
	return {options, all: {...options, ...globals}};
}

/** Runs `policy` with what readPolicyArgv read: the run and the failure report of every command. */
export async function runPolicy(read: PolicyArgv, argv: readonly string[], io: CliIo): Promise<number> {
	const run = startRun(argv, io);
	try {
		// The scope loaded with the rest of policy's files: one wave of reads, not two.
		await runCommand(run, 'policy', read.all, read.options, policyCommand, openCommandScope);
		return run.exitCode;
	} catch (error) {
		return reportRunFailure(run, error, () => 'policy');
	}
}
