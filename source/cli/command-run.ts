/**
 * One run of the command line, around whichever command it runs: `--json`'s one document on stdout, the
 * global options, the locale check, the command scope, and the failure report with its exit code. Shared
 * by cli/program.ts (commander) and `policy`'s quick start (cli/policy-quick.ts), so a command behaves
 * the same whichever of them read its flags. No commander here (docs/contributing.md, 'The build').
 */
import {cliMessagesFor} from '../core/i18n/cli.js';
import {detectLanguage, type Language} from '../core/i18n/language.js';
import type {CommandScope, openCommandScope} from './command-scope.js';
import {writeErrorDocument} from './error-document.js';
import {ExitCode} from './exit-codes.js';
import type {GlobalOptions} from './global-options.js';
import type {CliIo} from './io.js';

/**
 * A command's work: returns the exit code. Heavy modules are imported inside, so `--help` stays fast.
 * The scope owns signals, the AbortSignal and what to close (cli/command-scope.ts).
 */
export type CommandAction = (options: Record<string, unknown>, global: GlobalOptions, io: CliIo, scope: CommandScope) => Promise<number>;

/** What a run knows of itself, for its failure report. */
export interface CommandRun {
	readonly argv: readonly string[];
	/** The io commands write to (with `--json`, its stdout remembers whether anything was written). */
	readonly io: CliIo;
	/** Whether stdout has had anything (undefined without `--json`). */
	readonly wrote?: () => boolean;
	debug: boolean;
	/** With --json, stdout carries exactly one document: a failure writes the error document unless one was written. */
	json: boolean;
	/** `workshop status`: the command's names below the program, once one runs. */
	commandPath?: string;
	/** The language a failure is reported in: the command's (after the locale check). */
	language?: Language;
	exitCode: number;
}

export function startRun(argv: readonly string[], originalIo: CliIo): CommandRun {
	const json = argv.includes('--json');
	const stdout = json ? trackWrites(originalIo.stdout) : undefined;
	return {
		argv,
		io: stdout ? {...originalIo, stdout: stdout.stream} : originalIo,
		...(stdout ? {wrote: stdout.wrote} : {}),
		debug: argv.includes('--debug'),
		json,
		exitCode: ExitCode.ok,
	};
}

/**
 * Runs a command with its options as parsed (`all`: its own and the program's), in its scope; sets
 * `run.exitCode`. The scope's module is imported here unless given (policy's quick start loads it with
 * its other files; commander's run imports it only once a command runs, not for --help).
 */
export async function runCommand(
	run: CommandRun,
	commandPath: string,
	all: Record<string, unknown>,
	options: Record<string, unknown>,
	action: CommandAction,
	openScope?: typeof openCommandScope,
): Promise<void> {
	const {io} = run;
	run.commandPath = commandPath;
	// A command runs for seconds or minutes: V8's young generation keeps its first size (1 MB
	// semi-spaces) instead of growing to 16 MB, which held ~20 MB of the wizard's peak RSS (measured
	// 119 -> 99 MB, with no more time in GC up to the first frame). The sandbox, a server, keeps V8's
	// default; `policy` is over in milliseconds, and loading node:v8 would only slow its start.
	if (commandPath !== 'sandbox' && commandPath !== 'policy') (await import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
	let global = toGlobalOptions(all, io);
	run.debug = global.debug;
	// As parsed: `--region --json` is a Region named "--json", not JSON output.
	run.json = global.json;
	const charset = localeCharset(io.env);
	if (charset !== undefined) {
		// Japanese cannot be shown in a non-UTF-8 terminal at all; English only loses its ✓ and ✗.
		if (global.lang === 'ja') global = {...global, lang: 'en'};
		io.stderr.write(`! ${cliMessagesFor('en').localeNotUtf8(charset)}\n`);
	}
	run.language = global.lang;
	const scope = (openScope ?? (await import('./command-scope.js')).openCommandScope)(io, {
		text: cliMessagesFor(global.lang).stop,
		// Quitting at once still leaves exactly one document on stdout under --json.
		beforeForcedExit: (problem) => {
			if (run.json && run.wrote && !run.wrote()) writeErrorDocument(io, run.commandPath ?? '', problem.kind, problem.message, problem.fix);
		},
	});
	try {
		run.exitCode = await action(options, global, io, scope);
	} finally {
		await scope.close();
	}
}

/**
 * Says what went wrong, in the command's language (or, before any command ran, the one argv and the
 * locale give), with --json's error document when nothing was written; returns the exit code.
 */
export async function reportRunFailure(run: CommandRun, failure: unknown, guessCommandPath: () => string): Promise<number> {
	// Loaded only when something failed: `--help` and a run that succeeds never compile the catalogs.
	const {reportFailure} = await import('./report-failure.js');
	const jsonCommand = run.json && run.wrote && !run.wrote() ? (run.commandPath ?? guessCommandPath()) : undefined;
	return reportFailure(failure, run.io, run.language ?? detectLanguage(argvValue(run.argv, '--lang'), run.io.env), run.debug, jsonCommand);
}

/** The value of `--flag value` or `--flag=value` in argv, read before commander has parsed it. */
export function argvValue(argv: readonly string[], flag: string): string | undefined {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === flag) return argv[index + 1];
		if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
	}
	return undefined;
}

/** A stream that remembers whether anything was written to it; everything else is the stream's own. */
function trackWrites(stream: CliIo['stdout']): {stream: CliIo['stdout']; wrote(): boolean} {
	let wrote = false;
	const proxy = new Proxy(stream, {
		get(target, key) {
			if (key === 'write') {
				return (...args: Parameters<CliIo['stdout']['write']>) => {
					wrote = true;
					return (target.write as (...args: unknown[]) => boolean)(...args);
				};
			}
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return {stream: proxy, wrote: () => wrote};
}

/** The character set of an explicitly non-UTF-8 locale (LANG=C, ja_JP.eucJP...), or undefined. */
export function localeCharset(env: Readonly<Record<string, string | undefined>>): string | undefined {
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'];
	if (!locale || /utf-?8/i.test(locale)) return undefined;
	if (locale === 'C' || locale === 'POSIX') return 'ASCII';
	return locale.split('.')[1]?.split('@')[0] ?? 'ISO-8859-1';
}

function toGlobalOptions(all: Record<string, unknown>, io: CliIo): GlobalOptions {
	const ci = Boolean(io.env['CI']) && io.env['CI'] !== 'false';
	return {
		region: all['region'] as string | undefined,
		profile: all['profile'] as string | undefined,
		endpointUrl: all['endpointUrl'] as string | undefined,
		sandbox: Boolean(all['sandbox']),
		lang: detectLanguage(all['lang'] as string | undefined, io.env),
		json: Boolean(all['json']),
		// No prompt can be answered without a terminal, or in CI. Read when asked: a command that asks nothing
		// (policy) never makes process.stdin (cli/io.ts).
		get input() {
			return all['input'] !== false && Boolean(io.stdin.isTTY) && !ci;
		},
		plain: Boolean(all['plain']),
		yes: Boolean(all['yes']),
		debug: Boolean(all['debug']),
		explain: Boolean(all['explain']),
	};
}
