/**
 * Messages of the command line itself (source/cli): unknown commands, usage errors, and why the
 * full-screen interface was not used. Small and apart from the main catalog, so `--help` and a typo
 * load nothing else. Japanese must match the English shape (type-checked).
 */
import type {ProblemText} from './en.js';
import type {Language} from './language.js';

const COMMANDS = 'create (the default), policy, check, cleanup, sandbox, workshop';

const cliEn = {
	unknownCommand: (word: string, suggestion: string | undefined): ProblemText => [
		`Unknown command '${word}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
		`The commands are ${COMMANDS}; run bedrock-key-wizard --help for their flags.`,
	],
	createTakesNoArguments: (words: readonly string[]): ProblemText => [
		`create takes no arguments, but was given ${words.map((word) => `'${word}'`).join(', ')}.`,
		'Give every answer as a flag, e.g. --models amazon.nova-lite-v1:0; run bedrock-key-wizard create --help for the flags.',
	],
	missingSubcommand: (group: string, names: readonly string[]): ProblemText => [
		`${group} needs a command: ${names.join(', ')}.`,
		`For example: bedrock-key-wizard ${group} ${names[0] ?? ''} --help.`,
	],
	/** One of commander's own usage errors (`error: unknown option '--x'`), as it says it. */
	commanderError: (message: string): string => message,
	/** Below it: where the usage is. */
	helpAfterError: '(run with --help for usage)',
	/** After one of commander's own messages (unknown option, missing value...). */
	usageFix: (commandPath: string): string => `Run bedrock-key-wizard${commandPath ? ` ${commandPath}` : ''} --help for usage.`,
	/** Said in English whatever the language: a terminal that is not UTF-8 cannot show Japanese. */
	localeNotUtf8: (charset: string) =>
		`The locale's character set is ${charset}, not UTF-8: symbols (and Japanese) cannot be shown correctly, so messages are in English. Use a UTF-8 locale, e.g. LANG=en_US.UTF-8 or LANG=ja_JP.UTF-8.`,
	frontEnd: {
		dumbTerminal: 'TERM=dumb: this terminal cannot draw the full-screen interface, so the questions are asked line by line (--plain).',
		noRawMode: 'This terminal cannot do raw mode (e.g. Git Bash/mintty or docker without -t): the questions are asked line by line (--plain).',
		unknownSize: (columns: number, rows: number) =>
			`This terminal reports its size as ${columns}x${rows} (unknown), and the full-screen interface needs to know it: the questions are asked line by line (--plain). To get the full screen, set the size (e.g. stty rows 40 cols 120).`,
	},
	/** Ctrl+C, SIGTERM or SIGHUP while a command runs (cli/command-scope.ts). */
	stop: {
		cancelled: 'Cancelled.',
		stopping: (signal: string) =>
			`Stopping (${signal}): finishing the step under way and undoing what was half-made. Press Ctrl+C again to quit at once and leave it as it is.`,
		forced: (signal: string): ProblemText => [
			`Quit at once (a second ${signal} while stopping): what was under way was left as it is.`,
			'Run bedrock-key-wizard cleanup to list what this tool made (workshop teardown for a workshop), and add --yes to delete it.',
		],
	},
};

export type CliMessages = typeof cliEn;

const cliJa: CliMessages = {
	unknownCommand: (word, suggestion) => [
		`'${word}' というコマンドはありません。${suggestion ? `'${suggestion}' のことですか?` : ''}`,
		`コマンドは create (既定)、policy、check、cleanup、sandbox、workshop です。フラグは bedrock-key-wizard --help で確かめてください。`,
	],
	createTakesNoArguments: (words) => [
		`create は引数を取りませんが、${words.map((word) => `'${word}'`).join('、')} が渡されました。`,
		'答えはすべてフラグで渡してください (例: --models amazon.nova-lite-v1:0)。フラグは bedrock-key-wizard create --help で確かめてください。',
	],
	missingSubcommand: (group, names) => [`${group} にはコマンドが必要です: ${names.join('、')}。`, `例: bedrock-key-wizard ${group} ${names[0] ?? ''} --help`],
	commanderError: (message) => `コマンドラインの指定に誤りがあります: 「${message.replace(/^error: /, '').trim()}」\n`,
	helpAfterError: '(使い方は --help で確かめてください)',
	usageFix: (commandPath) => `使い方は bedrock-key-wizard${commandPath ? ` ${commandPath}` : ''} --help で確かめてください。`,
	localeNotUtf8: (charset) =>
		`ロケールの文字コードが UTF-8 ではなく ${charset} のため、記号 (と日本語) を正しく表示できません。メッセージは英語で表示します。LANG=ja_JP.UTF-8 などの UTF-8 のロケールを使ってください。`,
	frontEnd: {
		dumbTerminal: 'TERM=dumb のターミナルは全画面表示を描けないため、1 行ずつ質問します (--plain)。',
		noRawMode: 'このターミナルは raw モードを使えません (Git Bash/mintty や -t なしの docker など)。1 行ずつ質問します (--plain)。',
		unknownSize: (columns, rows) =>
			`このターミナルは大きさを ${columns}x${rows} (不明) と報告しており、全画面表示には大きさが必要なため、1 行ずつ質問します (--plain)。全画面で使うには大きさを設定してください (例: stty rows 40 cols 120)。`,
	},
	stop: {
		cancelled: '中止しました。',
		stopping: (signal) =>
			`中止しています (${signal}): 実行中の手順を終え、途中まで作ったものを元に戻します。すぐに終了するにはもう一度 Ctrl+C を押してください (そのままの状態で残ります)。`,
		forced: (signal) => [
			`すぐに終了しました (中止の途中で 2 度目の ${signal}): 実行中だったものはそのままの状態で残っています。`,
			'このツールが作ったものは bedrock-key-wizard cleanup で一覧でき (ワークショップは workshop teardown)、--yes を付けると削除します。',
		],
	},
};

export const cliMessagesFor = (language: Language): CliMessages => (language === 'ja' ? cliJa : cliEn);
