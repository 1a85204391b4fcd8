import {Command, CommanderError, Help, Option} from 'commander';
import {cliMessagesFor, type CliMessages} from '../core/i18n/cli.js';
import {detectLanguage, type Language} from '../core/i18n/language.js';
import {closest} from './closest.js';
import type {CommandScope} from './command-scope.js';
import {writeErrorDocument} from './error-document.js';
import {ExitCode} from './exit-codes.js';
import type {GlobalOptions} from './global-options.js';
import type {CliIo} from './io.js';
import {toolVersion as version} from './version.js';

/**
 * A command's work: returns the exit code. Heavy modules are imported inside, so `--help` stays fast.
 * The scope owns signals, the AbortSignal and what to close (cli/command-scope.ts).
 */
type CommandAction = (options: Record<string, unknown>, global: GlobalOptions, io: CliIo, scope: CommandScope) => Promise<number>;

const list = (value: string, previous: string[] | undefined): string[] => [
	...(previous ?? []),
	...value
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean),
];

/**
 * The global flags each command reads, shown in its `--help` (the others are accepted, and change
 * nothing there). `--help` itself is every command's own.
 */
const globalsFor: Readonly<Record<string, readonly string[]>> = {
	create: ['--region', '--profile', '--endpoint-url', '--sandbox', '--lang', '--json', '--no-input', '--plain', '--yes', '--debug', '--explain'],
	policy: ['--region', '--lang', '--json', '--debug'],
	check: ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--plain', '--yes', '--debug'],
	cleanup: ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
	sandbox: ['--region', '--lang', '--debug'],
	workshop: ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--plain', '--yes', '--debug'],
	'workshop create': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
	'workshop plan': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
	'workshop rotate': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--yes', '--debug'],
	'workshop status': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--no-input', '--plain', '--debug'],
	'workshop teardown': ['--region', '--profile', '--endpoint-url', '--lang', '--json', '--yes', '--debug'],
};

/** `workshop status`: the command's names below the program. */
const pathOf = (command: Command): string => {
	const names: string[] = [];
	for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
	return names.join(' ');
};

export async function runCli(argv: readonly string[], originalIo: CliIo): Promise<number> {
	let exitCode: number = ExitCode.ok;
	let debug = argv.includes('--debug');
	// With --json, stdout carries exactly one document: a failure writes the error document unless one was written.
	let json = argv.includes('--json');
	const stdout = json ? trackWrites(originalIo.stdout) : undefined;
	const io: CliIo = stdout ? {...originalIo, stdout: stdout.stream} : originalIo;
	let commandPath: string | undefined;
	// The language a failure is reported in: the command's (after the locale check), or what argv and the locale say.
	let language: Language | undefined;
	const program = new Command('bedrock-key-wizard');
	const text = (): CliMessages => cliMessagesFor(detectLanguage(argvValue(argv, '--lang'), io.env));
	const run = (action: CommandAction) =>
		async function (this: Command): Promise<void> {
			commandPath = pathOf(this);
			// A command runs for seconds or minutes: V8's young generation keeps its first size (1 MB
			// semi-spaces) instead of growing to 16 MB, which held ~20 MB of the wizard's peak RSS (measured
			// 119 -> 99 MB, with no more time in GC up to the first frame). The sandbox, a server, keeps V8's default.
			if (commandPath !== 'sandbox') (await import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
			const all = this.optsWithGlobals();
			let global = toGlobalOptions(all, io);
			debug = global.debug;
			// As parsed: `--region --json` is a Region named "--json", not JSON output.
			json = global.json;
			const charset = localeCharset(io.env);
			if (charset !== undefined) {
				// Japanese cannot be shown in a non-UTF-8 terminal at all; English only loses its ✓ and ✗.
				if (global.lang === 'ja') global = {...global, lang: 'en'};
				io.stderr.write(`! ${cliMessagesFor('en').localeNotUtf8(charset)}\n`);
			}
			language = global.lang;
			const {openCommandScope} = await import('./command-scope.js');
			const scope = openCommandScope(io, {
				text: cliMessagesFor(global.lang).stop,
				// Quitting at once still leaves exactly one document on stdout under --json.
				beforeForcedExit: (problem) => {
					if (json && stdout && !stdout.wrote()) writeErrorDocument(io, commandPath ?? '', problem.kind, problem.message, problem.fix);
				},
			});
			try {
				exitCode = await action(this.opts(), global, io, scope);
			} finally {
				await scope.close();
			}
		};

	program
		.description('Give someone an Amazon Bedrock API key that can call exactly the models they chose, and nothing else, with proof.')
		.version(version, '-V, --version')
		.option('--region <region>', 'AWS Region (default: from the profile or AWS_REGION)')
		.option('--profile <name>', 'AWS profile for your (admin) credentials')
		.option('--endpoint-url <url>', 'send every AWS call to this endpoint, like the AWS CLI')
		.option('--sandbox', 'start the built-in local AWS and use it', false)
		.addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'ja']))
		.option('--json', 'machine-readable output on stdout, logs on stderr', false)
		.option('--no-input', 'never prompt; a missing answer is an error naming the flag')
		.option('--plain', 'line-by-line prompts instead of the full-screen interface', false)
		.option('--yes', 'answer yes to confirmations', false)
		.option('--debug', 'show stack traces and AWS request ids', false)
		.option('--explain', 'walkthrough mode: each screen opens with what it does in AWS and why (? toggles it)', false)
		.configureOutput({
			writeOut: (text) => void io.stdout.write(text),
			writeErr: (text) => void io.stderr.write(text),
			// Commander's own usage errors (an unknown option, a missing value), as the person's language says them.
			outputError: (message, write) => write(text().commanderError(message)),
		})
		.exitOverride()
		.showHelpAfterError(text().helpAfterError)
		// Inherited by every subcommand made below: its help lists the global flags it reads.
		.configureHelp({
			showGlobalOptions: true,
			visibleGlobalOptions(command: Command): Option[] {
				const wanted = globalsFor[pathOf(command)] ?? [];
				return Help.prototype.visibleGlobalOptions.call(this, command).filter((option) => wanted.includes(option.long ?? ''));
			},
		});

	const create = program
		.command('create', {isDefault: true})
		.description('make an IAM user and a Bedrock key that can call exactly the chosen models, and prove it live (the default command)')
		// As the default command, create receives a mistyped command name (`chek`) as an argument: named as such below.
		.allowExcessArguments()
		.action(run(async (options, global, io, scope) => (await import('./commands/create.js')).createCommand(options, global, io, scope)));
	// Its own flags are the questions table's (flows/create/questions.ts), read back by createCommand through the same table.
	// Only a run that may reach create loads that table (`--help` and the other commands do not).
	if (mayRunCreate(argv)) for (const option of await createOptions()) create.addOption(option);

	program
		.command('policy')
		.description('print the least-privilege IAM policy for the chosen models (changes nothing)')
		.requiredOption('--models <ids>', 'foundation model ids or inference profile ids, comma-separated', list)
		.option('--account <id>', 'AWS account id (needed for inference profile ARNs)')
		.addOption(new Option('--auth <mode>', 'how the key will authenticate').choices(['api-key', 'access-key', 'both']).default('api-key'))
		.option('--no-guardrail', 'leave out the explicit Deny of every other model')
		.option('--no-streaming', 'do not allow the streaming APIs')
		.option('--expires <time>', 'deny every call after this ISO 8601 time (aws:CurrentTime)')
		.addOption(
			new Option(
				'--policy-type <type>',
				'inline user policy (2,048 characters), customer managed policy (6,144; several when one is not enough), or auto: inline when it fits',
			)
				.choices(['auto', 'inline', 'managed'])
				.default('auto'),
		)
		.addOption(
			new Option(
				'--destinations <form>',
				"a profile's destination models: one Region wildcard scoped to the profile (keeps working when AWS adds a Region), or each Region's ARN as listed today",
			)
				.choices(['any-region', 'exact'])
				.default('any-region'),
		)
		.addOption(new Option('--format <format>', 'output format').choices(['json', 'text', 'terraform', 'cloudformation']).default('json'))
		.option('--user-name <name>', 'IAM user named in the terraform/cloudformation output (default: a variable/parameter)')
		.action(run(async (options, global, io, scope) => (await import('./commands/policy.js')).policyCommand(options, global, io, scope)));

	program
		.command('check')
		.description('re-check an existing key live: what it can call and must not; with admin credentials, what its user holds')
		.addOption(new Option('--api-key <key>', 'refused: a key in argv leaks through shell history and ps').hideHelp())
		.option('--api-key-stdin', 'read the API key from standard input (else AWS_BEARER_TOKEN_BEDROCK, a masked prompt, or --profile for SigV4)', false)
		.option('--expect-allowed <ids>', 'models the key must be able to call, comma-separated', list)
		.option('--expect-denied <ids>', 'models the key must NOT be able to call, comma-separated', list)
		.option('--report <file>', 'take the expectations from a saved bedrock-key-report.json')
		.option('--admin-profile <name>', "admin profile: also inspect the key's IAM user and offer a tighter policy")
		.option('--admin', 'use your default AWS credentials (environment or default profile) as the admin', false)
		.option('--user-name <name>', "the key's IAM user, when no refusal names it")
		.option('--tighten', 'apply the least-privilege policy that check proposes', false)
		.option('--no-streaming', 'with --expect-allowed: do not expect the streaming APIs to work')
		.option(
			'--client <name>',
			"check a client's configuration (claude-code, openai, codex, litellm): every model it would call, probed through that client's surface",
		)
		.option(
			'--settings <file>',
			'with --client: its file (default: what create writes: .claude/settings.local.json, openai.env, codex-config.toml, litellm-config.yaml)',
		)
		.option('--verify-timeout <seconds>', 'how long to wait for IAM propagation before believing a failure', '20')
		.action(run(async (options, global, io, scope) => (await import('./commands/check.js')).checkCommand(options, global, io, scope)));

	program
		.command('cleanup')
		.description('list (dry run) and delete the IAM users and keys this tool created, found by tag')
		.option('--older-than <duration>', 'only what is older than this, e.g. 12h, 7d, 2w')
		.option('--user-name <name>', "only this user (it must carry the tool's tag)")
		.option('--include-workshops', 'seats of workshops too (otherwise left out, and named; workshop teardown deletes a whole class)', false)
		.action(run(async (options, global, io, scope) => (await import('./commands/cleanup.js')).cleanupCommand(options, global, io, scope)));

	program
		.command('sandbox')
		.description('run the local AWS (IAM, STS, Bedrock, Bedrock Runtime) on 127.0.0.1 until Ctrl+C')
		.option('--port <port>', 'port to listen on (default: a free one)')
		.option('--host <address>', 'listen on this address instead of 127.0.0.1, to share the sandbox over a LAN (a class); prints a warning')
		.option(
			'--state <file>',
			'keep users, keys and policies in this file across restarts; it holds every secret in clear text (mode 0600): keep it in a private directory',
		)
		.option('--propagation-delay-ms <ms>', 'how long IAM changes take to reach Bedrock', '3000')
		.addOption(
			new Option(
				'--use-case-form <state>',
				"Anthropic's one-time use-case form for the account: missing makes Anthropic models refuse calls until it is submitted",
			).choices(['missing', 'submitted']),
		)
		.option(
			'--subscription-delay-ms <ms>',
			'how long a new AWS Marketplace subscription stays PENDING before the model answers (AWS: 2 to 15 minutes; default 0)',
		)
		.option(
			'--org-policy <file>',
			'a service control policy (JSON) of the organisation the account is in, evaluated over every principal (repeatable)',
			(value: string, previous: string[] = []) => [...previous, value],
		)
		.action(run(async (options, global, io, scope) => (await import('./commands/sandbox.js')).sandboxCommand(options, global, io, scope)));

	const workshop = program.command('workshop').description('keys for a class: one per seat, with handouts, live status and teardown');
	workshop
		.command('create')
		.description('make one IAM user and API key per seat under one policy, and a handout per seat (re-run to finish what is missing)')
		.option('--name <event>', 'the event; every seat is tagged with it (default: the one workshop.json found here)')
		.option('--seats <n>', "how many participants (default: the saved workshop's)")
		.option('--models <ids>', "foundation model ids or inference profile ids, comma-separated (default: the saved workshop's)", list)
		.option('--expires-in-days <days>', 'days until the keys stop working')
		.option('--until <time>', "when the keys stop working (ISO 8601 with offset, e.g. 2026-11-20T18:00:00+09:00; default: the saved workshop's)")
		.option('--out-dir <dir>', 'where handouts, roster.csv and workshop.json go (default: the folder whose workshop.json names the event, else bkw-<event>)')
		.addOption(
			new Option(
				'--policy-type <type>',
				"the seats' policy: inline on each seat (2,048 characters), one customer managed policy attached to every seat (6,144; several when one is not enough), or auto: inline when it fits (default: the saved workshop's, else auto)",
			).choices(['auto', 'inline', 'managed']),
		)
		.option('--concurrency <n>', 'seats worked on at once', '8')
		.option('--rpm <n>', 'for the quota check: requests a participant sends per minute (see workshop plan)', '2')
		.option('--input-tokens <n>', 'for the quota check: input tokens per request', '1000')
		.option('--output-tokens <n>', 'for the quota check: output tokens per request', '500')
		.option('--hours <n>', 'for the quota check: hours of class in a day', '8')
		.option('--max-rps <n>', 'most IAM requests per second (slows down further when IAM throttles)', '10')
		.action(run(async (options, global, io, scope) => (await import('./commands/workshop.js')).workshopCreateCommand(options, global, io, scope)));
	workshop
		.command('plan')
		.description("the account's Bedrock quotas for the workshop's models against what the class needs; offers to ask AWS for more")
		.option('--name <event>', 'the event (its saved seats, models and Region are the defaults)')
		.option('--out-dir <dir>', 'the folder workshop create wrote (default: this folder or bkw-<event>)')
		.option('--seats <n>', 'how many participants')
		.option('--models <ids>', 'foundation model ids or inference profile ids, comma-separated', list)
		.option('--rpm <n>', 'requests a participant sends per minute at the busiest moment', '2')
		.option('--input-tokens <n>', 'input tokens per request', '1000')
		.option('--output-tokens <n>', 'output tokens per request (Claude 4 models count them 5 times: the burndown rate)', '500')
		.option('--hours <n>', 'hours of class in a day (the tokens-per-day need)', '8')
		.option('--max-rps <n>', 'most IAM requests per second', '10')
		.action(run(async (options, global, io, scope) => (await import('./commands/workshop.js')).workshopPlanCommand(options, global, io, scope)));
	workshop
		.command('rotate')
		.description(
			"a seat's key replaced: the new key made in its second slot, its handout rewritten and the key verified, then the old one set Inactive and deleted",
		)
		.option('--name <event>', 'the event given to workshop create')
		.option('--out-dir <dir>', 'the folder workshop create wrote (default: this folder or bkw-<event>)')
		.option('--seat <n>', 'a seat to rotate (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
		.option('--all', 'every seat, one at a time', false)
		.option('--grace <seconds>', 'how long the old key stays (Inactive) before it is deleted', '0')
		.option('--verify-timeout <seconds>', "how long to wait for the new key's check (IAM propagation)", '120')
		.option('--max-rps <n>', 'most IAM requests per second', '10')
		.action(run(async (options, global, io, scope) => (await import('./commands/workshop.js')).workshopRotateCommand(options, global, io, scope)));
	workshop
		.command('status')
		.description("each seat's key state, expiry and last check; --verify proves every seat's key live")
		.option('--name <event>', 'the event given to workshop create')
		.option('--out-dir <dir>', 'the folder workshop create wrote (default: this folder or bkw-<event>, whichever holds its workshop.json)')
		.option('--verify', "call the models with every seat's own key (read from its handout)", false)
		.option('--verify-timeout <seconds>', 'how long to wait for IAM propagation per seat', '120')
		.option('--concurrency <n>', 'seats verified at once', '8')
		.option('--max-rps <n>', 'most IAM requests per second', '10')
		.action(run(async (options, global, io, scope) => (await import('./commands/workshop.js')).workshopStatusCommand(options, global, io, scope)));
	workshop
		.command('teardown')
		.description('list (dry run) then, with --yes, delete every user, key and policy tagged with the event; safe to re-run')
		.option('--name <event>', 'the event given to workshop create')
		.option('--out-dir <dir>', 'the folder workshop create wrote (default: this folder or bkw-<event>, whichever holds its workshop.json)')
		.option('--concurrency <n>', 'users deleted at once', '8')
		.option('--max-rps <n>', 'most IAM requests per second', '10')
		.action(run(async (options, global, io, scope) => (await import('./commands/workshop.js')).workshopTeardownCommand(options, global, io, scope)));

	create.hook('preAction', async (command) => {
		const words = command.args;
		// Flags before the command's name (`--models x create`) reach create with its name as an argument.
		if (words.length === 0 || (words.length === 1 && words[0] === 'create')) return;
		const text = cliMessagesFor(detectLanguage(command.optsWithGlobals()['lang'] as string | undefined, io.env));
		const {Problem} = await import('../core/problem.js');
		if (program.args[0] === 'create' || words[0] === 'create')
			throw new Problem('usage', ...text.createTakesNoArguments(words.filter((word) => word !== 'create')));
		const word = words[0]!;
		const nested = workshop.commands.some((sub) => sub.name() === word) ? `workshop ${word}` : undefined;
		throw new Problem('usage', ...text.unknownCommand(word, nested ?? closest(word, [...program.commands.map((sub) => sub.name()), 'help'])));
	});

	try {
		await program.parseAsync(argv, {from: 'user'});
		return exitCode;
	} catch (error) {
		let failure = error;
		if (error instanceof CommanderError) {
			if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0))
				return ExitCode.ok;
			const path = commandPath ?? guessCommandPath(program, argv);
			if (error.code === 'commander.help') {
				const {Problem} = await import('../core/problem.js');
				// Commander has shown the help of a group without its command (`workshop`), or the program's for `help chek`.
				const group = path ? program.commands.find((command) => command.name() === path.split(' ')[0]) : undefined;
				const word = argv[argv.indexOf('help') + 1] ?? '';
				failure = group?.commands.length
					? new Problem(
							'usage',
							...text().missingSubcommand(
								path,
								group.commands.map((command) => command.name()),
							),
						)
					: new Problem('usage', ...text().unknownCommand(word, closest(word, [...program.commands.map((command) => command.name()), 'help'])));
			} else {
				// Commander has printed its message on stderr; --json still gets its document.
				if (json && stdout && !stdout.wrote())
					writeErrorDocument(
						io,
						path,
						'usage',
						text()
							.commanderError(error.message)
							.replace(/^error: /, '')
							.trim()
							.replace(/\s*\n\s*/g, ' '),
						text().usageFix(path),
					);
				return ExitCode.usage;
			}
		}
		// Loaded only when something failed: `--help` and a run that succeeds never compile the catalogs.
		const {reportFailure} = await import('./report-failure.js');
		const jsonCommand = json && stdout && !stdout.wrote() ? (commandPath ?? guessCommandPath(program, argv)) : undefined;
		return reportFailure(failure, io, language ?? detectLanguage(argvValue(argv, '--lang'), io.env), debug, jsonCommand);
	}
}

/** Create's own flags, one per question of its table, with the catalog's --help line (in English, as all of --help). */
async function createOptions(): Promise<Option[]> {
	const [{createQuestions, flagHelp, questionIds}, {questionsEn}] = await Promise.all([
		import('../flows/create/questions.js'),
		import('../core/i18n/questions.en.js'),
	]);
	return questionIds.flatMap((id) => {
		const {flag} = createQuestions[id];
		if (flag.global) return [];
		const option = new Option(`${flag.name}${flag.value ? ` ${flag.value}` : ''}`, flagHelp(id, questionsEn));
		if (flag.list) option.argParser(list);
		if (flag.default !== undefined) option.default(flag.default);
		return [option];
	});
}

/** The commands other than create, the default one. */
const otherCommands = new Set(['policy', 'check', 'cleanup', 'sandbox', 'workshop']);
const globalsWithValue = new Set(['--region', '--profile', '--endpoint-url', '--lang']);
const globalSwitches = new Set(['--sandbox', '--json', '--no-input', '--plain', '--yes', '--debug', '--explain', '--help', '-h', '--version', '-V']);

/**
 * Whether argv may run create or show its help: false only when it names another command first (after
 * global flags alone) or asks for the program's --help, the cases that need none of create's flags.
 * Anything else (a flag only create has, a mistyped command, `help create`) says true.
 */
export function mayRunCreate(argv: readonly string[]): boolean {
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (!word.startsWith('-')) return !otherCommands.has(word);
		const name = word.split('=')[0]!;
		if (globalsWithValue.has(name)) {
			if (!word.includes('=')) index++;
		} else if (!globalSwitches.has(name)) return true;
	}
	return !argv.some((word) => word === '--help' || word === '-h');
}

/** The value of `--flag value` or `--flag=value` in argv, read before commander has parsed it. */
function argvValue(argv: readonly string[], flag: string): string | undefined {
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === flag) return argv[index + 1];
		if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
	}
	return undefined;
}

/** The command argv names, for a failure before any command ran (a usage error commander caught); '' for none. */
function guessCommandPath(program: Command, argv: readonly string[]): string {
	const names: string[] = [];
	let parent = program;
	for (const arg of argv) {
		const command = parent.commands.find((candidate) => candidate.name() === arg);
		if (!command) continue;
		names.push(arg);
		parent = command;
	}
	return names.join(' ');
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
		// No prompt can be answered without a terminal, or in CI.
		input: all['input'] !== false && Boolean(io.stdin.isTTY) && !ci,
		plain: Boolean(all['plain']),
		yes: Boolean(all['yes']),
		debug: Boolean(all['debug']),
		explain: Boolean(all['explain']),
	};
}
