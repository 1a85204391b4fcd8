import {Command, CommanderError, Help, Option} from 'commander';
import {cliMessagesFor, type CliMessages} from '../core/i18n/cli.js';
import {detectLanguage} from '../core/i18n/language.js';
import {closest} from './closest.js';
import {argvValue, reportRunFailure, runCommand, startRun, type CommandAction} from './command-run.js';
import {writeErrorDocument} from './error-document.js';
import {ExitCode} from './exit-codes.js';
import {globalFlags, list, policyDescription, policyFlags, shapeOf, type FlagSpec} from './flag-table.js';
import type {CliIo} from './io.js';
import {toolVersion as version} from './version.js';

export {localeCharset} from './command-run.js';

/** Commander's option for a flag of the table (cli/flag-table.ts). */
function optionOf(spec: FlagSpec): Option {
	const option = new Option(spec.flags, spec.description);
	if (spec.choices) option.choices(spec.choices);
	if (spec.list) option.argParser(list);
	if (spec.default !== undefined) option.default(spec.default);
	if (spec.mandatory) option.makeOptionMandatory();
	return option;
}

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
	const state = startRun(argv, originalIo);
	const {io} = state;
	const program = new Command('bedrock-key-wizard');
	const text = (): CliMessages => cliMessagesFor(detectLanguage(argvValue(argv, '--lang'), io.env));
	const run = (action: CommandAction) =>
		async function (this: Command): Promise<void> {
			await runCommand(state, pathOf(this), this.optsWithGlobals(), this.opts(), action);
		};

	program
		.description('Give someone an Amazon Bedrock API key that can call exactly the models they chose, and nothing else, with proof.')
		.version(version, '-V, --version');
	// The global flags, from the table `policy`'s quick start reads too.
	for (const spec of globalFlags) program.addOption(optionOf(spec));
	program
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

	// policy's flags are a table (cli/flag-table.ts): its quick start (cli/policy-quick.ts) reads argv with it too.
	const policy = program.command('policy').description(policyDescription);
	for (const spec of policyFlags) policy.addOption(optionOf(spec));
	policy.action(run(async (options, global, io, scope) => (await import('./commands/policy.js')).policyCommand(options, global, io, scope)));

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
		.addOption(
			new Option(
				'--subscription-outcome <outcome>',
				'how a new AWS Marketplace subscription ends once its delay is over: error plays an account without a valid payment method (default: available)',
			).choices(['available', 'error']),
		)
		.option(
			'--org-policy <file>',
			'a service control policy (JSON) of the organisation the account is in, evaluated over every principal (repeatable: every one applies, a Deny in any refuses)',
			(value: string, previous: string[] = []) => [...previous, value],
		)
		.option(
			'--legacy-in-use <models>',
			'LEGACY models the account has used recently, so they still answer: all, or model ids separated by commas (default: none, as a fresh account)',
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
		.option(
			'--budget <usd>',
			"a spend guard: a monthly AWS Budgets cost budget of this many US dollars whose action denies Amazon Bedrock to every seat once the account's actual spend reaches it; a delayed cut-off (billing data is hours late), not a hard cap (default: the saved workshop's)",
		)
		.option('--budget-threshold <percent>', "the share of --budget at which the seats are cut off (default: 100, or the saved workshop's)")
		.option('--budget-email <address>', 'who AWS Budgets tells when it cuts the seats off (required with --budget)')
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
		.description("each seat's key state, expiry, last check and calls (CloudTrail); --verify proves every seat's key live")
		.option('--name <event>', 'the event given to workshop create')
		.option('--out-dir <dir>', 'the folder workshop create wrote (default: this folder or bkw-<event>, whichever holds its workshop.json)')
		.option('--verify', "call the models with every seat's own key (read from its handout)", false)
		.option('--verify-timeout <seconds>', 'how long to wait for IAM propagation per seat', '120')
		.option('--watch [seconds]', 'in a terminal, keep the dashboard up, reading IAM and CloudTrail again every N seconds (default 60), until Ctrl+C')
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
		return state.exitCode;
	} catch (error) {
		let failure = error;
		if (error instanceof CommanderError) {
			if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0))
				return ExitCode.ok;
			const path = state.commandPath ?? guessCommandPath(program, argv);
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
				if (state.json && state.wrote && !state.wrote())
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
		return reportRunFailure(state, failure, () => guessCommandPath(program, argv));
	}
}

/** Create's own flags, one per question of its table, with the catalog's --help line (in English, as all of --help). */
async function createOptions(): Promise<Option[]> {
	const [{createQuestions, flagHelp, questionIds}, {questionsEn}] = await Promise.all([
		import('../flows/create/questions.js'),
		import('../core/i18n/questions.en.js'),
	]);
	const words = questionsEn();
	return questionIds.flatMap((id) => {
		const {flag, flagOf} = createQuestions[id];
		// A flag two questions share is declared once, by the question that reads it.
		if (flag.global || flagOf) return [];
		const option = new Option(`${flag.name}${flag.value ? ` ${flag.value}` : ''}`, flagHelp(id, words));
		if (flag.list) option.argParser(list);
		if (flag.default !== undefined) option.default(flag.default);
		return [option];
	});
}

/** The commands other than create, the default one. */
const otherCommands = new Set(['policy', 'check', 'cleanup', 'sandbox', 'workshop']);
const globalsWithValue = new Set(globalFlags.map(shapeOf).flatMap((flag) => (flag.takesValue ? [flag.name] : [])));
const globalSwitches = new Set([...globalFlags.map(shapeOf).flatMap((flag) => (flag.takesValue ? [] : [flag.name])), '--help', '-h', '--version', '-V']);

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
