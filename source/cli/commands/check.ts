/**
 * `check`: re-check an existing key live. The key comes from AWS_BEARER_TOKEN_BEDROCK, --api-key-stdin,
 * a masked prompt, or the key user's --profile (SigV4); never from argv. Admin credentials
 * (--admin-profile, or --admin for the default chain) add what the key's user holds and a tightening.
 */
import {bundledCatalog} from '../../core/catalog/index.js';
import {messagesFor, type Messages} from '../../core/i18n/index.js';
import {Problem} from '../../core/problem.js';
import {summarizeDiscovery} from '../../core/verify/discovery.js';
import {decodeShortTermKey, SHORT_TERM_PREFIX} from '../../core/verify/key-shape.js';
import {Secret} from '../../core/secret.js';
import {systemClock} from '../../flows/bounded.js';
import {checkDocument, forbiddenCallable} from '../../flows/check/document.js';
import {parseSavedReport, type ExpectationSource, type SavedReport} from '../../flows/check/expectations.js';
import type {CheckState} from '../../flows/check/machine.js';
import type {CheckFrontEnd, KeySource} from '../../flows/check/runner.js';
import {colourWanted} from '../../ui/theme.js';
import {headlessCheckFrontEnd} from '../../headless/check-front-end.js';
import type {AwsTarget} from '../../aws/index.js';
import {verifyTimeoutSeconds} from '../../flows/question.js';
import {configuredRegion, openTarget} from '../aws-target.js';
import {optionValues} from '../option-values.js';
import {promptStreams, type CommandScope} from '../command-scope.js';
import {chooseFrontEnd} from '../front-end-choice.js';
import {ExitCode, exitCodeFor} from '../exit-codes.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {discoveryLines} from '../discovery-text.js';
import {probeResultsTable} from '../probe-results-text.js';
import {toolVersion} from '../version.js';
import {nodeClipboard} from '../clipboard.js';
import {clientConfigLines, clientExpectations, clientFailures, readClientConfigFile, readNamedFile} from '../client-doctor.js';

export interface CheckOptions {
	readonly apiKey?: string;
	readonly apiKeyStdin: boolean;
	readonly expectAllowed?: readonly string[];
	readonly expectDenied?: readonly string[];
	readonly report?: string;
	readonly adminProfile?: string;
	readonly admin: boolean;
	readonly userName?: string;
	readonly tighten: boolean;
	readonly streaming: boolean;
	readonly verifyTimeout: string;
	/** The client whose configuration is checked (claude-code, openai, codex, litellm), and its file (cli/client-doctor.ts). */
	readonly client?: string;
	readonly settings?: string;
}

/** Commander's options for check (cli/program.ts), read with their types. */
function checkOptions(raw: Readonly<Record<string, unknown>>): CheckOptions {
	const read = optionValues(raw);
	return {
		apiKey: read.text('apiKey'),
		apiKeyStdin: read.flag('apiKeyStdin'),
		expectAllowed: read.list('expectAllowed'),
		expectDenied: read.list('expectDenied'),
		report: read.text('report'),
		adminProfile: read.text('adminProfile'),
		admin: read.flag('admin'),
		userName: read.text('userName'),
		tighten: read.flag('tighten'),
		streaming: read.flag('streaming'),
		verifyTimeout: read.text('verifyTimeout') ?? '',
		client: read.text('client'),
		settings: read.text('settings'),
	};
}

export async function checkCommand(raw: Readonly<Record<string, unknown>>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const options = checkOptions(raw);
	const messages = messagesFor(global.lang);
	const text = messages.check;
	// Refused before anything else, and without echoing the value.
	if (options.apiKey !== undefined) throw new Problem('usage', ...text.keyOnArgv);
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	const choice = chooseFrontEnd(global, io);
	const timeout = verifyTimeoutSeconds(options.verifyTimeout, 20);

	const saved = options.report ? await readReport(options.report, io, messages) : undefined;
	const client = options.client !== undefined ? await readClientConfigFile(options.client, options.settings, io, messages) : undefined;
	// A file that holds the key (the OpenAI SDK's .env) is checked with that key: it is what the client sends.
	const fileKey = client?.reading.apiKey;
	const secret = fileKey ? new Secret(fileKey) : await keyFromStdinOrEnv(options, global, io, messages);
	const region = configuredRegion(global, io.env) ?? saved?.region ?? client?.reading.region ?? shortTermRegion(secret);
	// Without a prompt, every missing answer is named at once.
	const missing = [...(!region && !global.sandbox ? ['--region'] : []), ...(!secret && !global.profile && choice.kind === 'headless' ? [text.keySource] : [])];
	if (missing.length > 0) throw new Problem('usage', ...text.missingFlags(missing));

	// Every model the client would call, entry by entry: those it pins are probed through its surface.
	if (client) for (const line of clientConfigLines(client, messages)) log(line);
	const fromClient = client ? clientExpectations(client) : undefined;
	const expectations: ExpectationSource = saved
		? {kind: 'report', path: options.report!, report: saved}
		: fromClient
			? fromClient
			: options.expectAllowed?.length || options.expectDenied?.length
				? {kind: 'explicit', allowed: options.expectAllowed ?? [], denied: options.expectDenied ?? [], streaming: options.streaming}
				: {kind: 'discover'};

	const opened = scope.use(await openTarget({...global, profile: undefined, region}, {...io, env: adminEnv(options, global, io)}, {requireRegion: false}));
	const aws = await import('../../aws/index.js');
	const {createProbePort} = await import('../../aws/probes.js');
	const sessions: Array<{close(): void}> = [];
	scope.use({close: () => sessions.forEach((session) => session.close())});
	const base = opened.target ?? {region: region!, ...(global.endpointUrl ? {endpointUrl: global.endpointUrl} : {})};
	const key = await keySource(secret, global, io, base, aws, sessions);
	const adminTarget = await adminTargetFor(options, global, io, base, opened.sandbox !== undefined);
	const admin = adminTarget ? aws.createAwsSession(adminTarget) : undefined;
	if (admin) sessions.push(admin);
	if (opened.sandbox) log(`• ${messages.run.sandbox.banner(opened.sandbox.endpoint, opened.sandbox.accountId, opened.sandbox.region)}`);
	if (choice.notice) log(`! ${choice.notice}`);
	// In a terminal: the same live table as create (Ink, loaded only now); line prompts or flags otherwise.
	const tui =
		choice.kind === 'tui'
			? (await import('../../ui/check/start-check-tui.js')).startCheckTui({
					messages,
					colour: colourWanted(io.env),
					// 0 is a size nobody set: unknown, like undefined.
					columns: io.stdout.columns || 80,
					rows: (io.stdout as {rows?: number}).rows || 24,
					stdin: io.stdin as NodeJS.ReadStream,
					stdout: io.stdout as NodeJS.WriteStream,
					stderr: io.stderr as NodeJS.WriteStream,
					// Raw mode turns Ctrl+C into a key: it stops the check as SIGINT would.
					onInterrupt: scope.interrupt,
					signal: scope.signal,
					yes: global.yes,
					tighten: options.tighten,
					clipboard: nodeClipboard(io.env),
				})
			: undefined;
	const closeTui = tui ? scope.holdTerminal(tui) : undefined;
	const frontEnd: CheckFrontEnd =
		tui?.frontEnd ??
		(choice.kind === 'headless'
			? headlessCheckFrontEnd({tighten: options.tighten, messages, log})
			: (await import('../../prompts/check-front-end.js')).plainCheckFrontEnd({
					yes: global.yes,
					tighten: options.tighten,
					messages,
					log,
					...promptStreams(io, scope),
				}));
	const {runCheck} = await import('../../flows/check/runner.js');
	const state = await runCheck(frontEnd, {
		region: base.region,
		key,
		expectations,
		probes: createProbePort(base.endpointUrl),
		...(admin ? {admin} : {}),
		bundledCatalog: bundledCatalog(),
		...((options.userName ?? saved?.userName) ? {userName: options.userName ?? saved!.userName!} : {}),
		messages,
		clock: systemClock,
		now: () => new Date(),
		budgetMs: timeout * 1000,
		signal: scope.signal,
		toolVersion,
	});
	// The result is printed below the screen's last frame.
	await closeTui?.();
	const code = finish(state, global, io, messages);
	if (!client || state.status === 'failed') return code;
	// Each entry whose model the key cannot call, and each line that fails whatever the key, with the line to change.
	const failing = clientFailures(client, state.report, messages);
	for (const line of failing) log(line);
	return failing.length > 0 ? ExitCode.verificationFailed : code;
}

async function readReport(path: string, io: CliIo, messages: Messages): Promise<SavedReport> {
	return parseSavedReport(await readNamedFile(path, io, messages.check.reportUnreadable), path, messages);
}

async function keyFromStdinOrEnv(options: CheckOptions, global: GlobalOptions, io: CliIo, messages: Messages): Promise<Secret | undefined> {
	if (options.apiKeyStdin) {
		let content = '';
		for await (const chunk of io.stdin) content += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
		if (content.trim().length === 0) throw new Problem('usage', ...messages.check.stdinEmpty);
		return new Secret(content);
	}
	if (global.profile) return undefined;
	const fromEnv = io.env['AWS_BEARER_TOKEN_BEDROCK'];
	return fromEnv ? new Secret(fromEnv) : undefined;
}

/** A short-term key knows its Region; when nothing else says one, it is the natural default. */
function shortTermRegion(secret: Secret | undefined): string | undefined {
	const value = secret?.reveal().trim();
	return value?.startsWith(SHORT_TERM_PREFIX) ? decodeShortTermKey(value)?.region : undefined;
}

type AwsModule = typeof import('../../aws/index.js');

async function keySource(
	secret: Secret | undefined,
	global: GlobalOptions,
	io: CliIo,
	base: AwsTarget,
	aws: AwsModule,
	sessions: Array<{close(): void}>,
): Promise<KeySource> {
	if (!global.profile) return {kind: 'api-key', ...(secret ? {secret} : {})};
	const {profileCredentials} = await import('../../aws/profile-credentials.js');
	const credentials = await profileCredentials(global.profile, io.env);
	if (credentials.sessionToken) throw new Problem('usage', ...messagesFor(global.lang).check.profileIsTemporary(global.profile));
	// The key user's own STS answer says whose key it is (an API key cannot call STS; an access key can).
	const session = aws.createAwsSession({
		region: base.region,
		...(base.endpointUrl ? {endpointUrl: base.endpointUrl} : {}),
		credentials: {accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey},
	});
	sessions.push(session);
	const identity = await session.identity.whoAmI();
	return {kind: 'sigv4', accessKeyId: credentials.accessKeyId, secretAccessKey: new Secret(credentials.secretAccessKey), identity};
}

/** The operator's environment for admin credentials: only when asked for (--admin), never by accident. */
function adminEnv(options: CheckOptions, global: GlobalOptions, io: CliIo): CliIo['env'] {
	if (options.admin && !options.adminProfile && !global.profile) return io.env;
	const {AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, AWS_SESSION_TOKEN: _token, ...rest} = io.env;
	return rest;
}

async function adminTargetFor(options: CheckOptions, global: GlobalOptions, io: CliIo, base: AwsTarget, sandbox: boolean): Promise<AwsTarget | undefined> {
	if (options.adminProfile) {
		const {profileCredentials} = await import('../../aws/profile-credentials.js');
		const credentials = await profileCredentials(options.adminProfile, io.env);
		return {region: base.region, ...(base.endpointUrl ? {endpointUrl: base.endpointUrl} : {}), credentials};
	}
	// --sandbox: its admin is the only admin there is.
	if (options.admin || sandbox) return base;
	return undefined;
}

function finish(state: CheckState, global: GlobalOptions, io: CliIo, messages: Messages): number {
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	const text = messages.check;
	if (state.status === 'failed' || !state.report) {
		const problem = state.problem ?? new Problem('internal', ...messages.problems.run.checkStopped());
		const {message, fix} = problem.textIn(messages);
		if (global.json)
			io.stdout.write(`${JSON.stringify({schemaVersion: 1, command: 'check', error: {kind: problem.kind, message, ...(fix ? {fix} : {})}}, null, 2)}\n`);
		log(`✗ ${message}`);
		if (fix) log(`  ${fix}`);
		if (global.debug && problem.stack) log(problem.stack);
		return exitCodeFor(problem.kind);
	}
	const report = state.report;
	const out = global.json ? log : (line: string): void => void io.stdout.write(`${line}\n`);
	if (global.json) io.stdout.write(`${JSON.stringify(checkDocument(state), null, 2)}\n`);
	out('');
	if (state.mode === 'discovery') {
		const summary = summarizeDiscovery(state.probes);
		for (const line of discoveryLines(summary, state.region, messages, io.stdout.columns || 80)) out(line);
		return summary.allowed.length > 0 ? ExitCode.ok : ExitCode.verificationFailed;
	}
	out(probeResultsTable(report.probes, messages));
	out('');
	out(report.pass ? `✓ ${text.passed}` : `✗ ${text.failed(forbiddenCallable(state))}`);
	return report.pass ? ExitCode.ok : ExitCode.verificationFailed;
}
