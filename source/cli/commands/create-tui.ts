/**
 * The create wizard in the Ink TUI: the composition root of the full-screen path. It finds out who is
 * signed in (and, with no credentials, offers a profile, guided console mode or the sandbox), then runs
 * the create machine with the TUI as its front end; the final screen stays on the terminal.
 */
import type {UseCaseForm} from '../../flows/ports.js';
import {AwsFailure, failureProblem} from '../../core/aws-failure.js';
import {bundledCatalog} from '../../core/catalog/index.js';
import {Problem} from '../../core/problem.js';
import type {CreateState} from '../../flows/create/machine.js';
import {defaultUserName, type CreateFlags} from '../../flows/create/questions.js';
import {ENV_FILE} from '../../flows/create/save.js';
import {systemClock} from '../../flows/bounded.js';
import type {AwsSession} from '../../aws/index.js';
import type {CredentialSource} from '../../ui/create-store.js';
import {colourWanted} from '../../ui/theme.js';
import {configuredRegion, openTarget, reportTarget, type OpenedTarget} from '../aws-target.js';
import type {CommandScope} from '../command-scope.js';
import {ExitCode, exitCodeFor} from '../exit-codes.js';
import {nodeClipboard} from '../clipboard.js';
import {nodeFiles} from '../files.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {loadMessages} from '../messages.js';
import {toolVersion} from '../version.js';

/** STS and IAM answer in any Region; the Region of the key is asked on its own screen. */
const IDENTITY_REGION = 'us-east-1';

export async function createTuiCommand(flags: CreateFlags, global: GlobalOptions, io: CliIo, scope: CommandScope, useCaseForm?: UseCaseForm): Promise<number> {
	const messages = await loadMessages(global.lang);
	const verifyBudgetMs = flags.verifyTimeout * 1000;
	const {startCreateTui} = await import('../../ui/start-create-tui.js');
	let session: AwsSession | undefined;
	let opened: OpenedTarget | undefined;
	// The folder the key screen offers: this one, or a new one named after the user when this one holds a .env.
	const files = nodeFiles(io.cwd, io.env['HOME']);
	const folderHasEnv = await files.exists(files.join('.', ENV_FILE));
	const tui = startCreateTui({
		messages,
		explain: global.explain,
		colour: colourWanted(io.env),
		stdin: io.stdin as NodeJS.ReadStream,
		stdout: io.stdout as NodeJS.WriteStream,
		stderr: io.stderr as NodeJS.WriteStream,
		clipboard: nodeClipboard(io.env),
		host: {
			defaultUserName: defaultUserName(),
			regionCatalog: bundledCatalog(),
			defaultRegion: () => opened?.target?.region ?? configuredRegion(global, io.env),
			userExists: async (userName) => (session ? (await session.iam.findUser(userName)) !== undefined : undefined),
			folderHasEnv,
			guided: {
				catalog: bundledCatalog(),
				verify: async (token, plan, region, onResult) => {
					const [{verifyPastedKey}, {createProbePort}] = await Promise.all([import('../../flows/guided/guided-console.js'), import('../../aws/probes.js')]);
					const outcome = await verifyPastedKey({
						token,
						plan,
						region,
						port: createProbePort(global.endpointUrl),
						messages,
						clock: systemClock,
						budgetMs: verifyBudgetMs,
						onEvent: (event) => event.type === 'probe-result' && onResult(event.index, event.result, !event.final),
					});
					return outcome.results;
				},
			},
		},
	});
	// The scope closes it before the sessions, and takes it down at once if the process must quit.
	scope.holdTerminal(tui);
	const store = tui.store;
	// The first frame goes on screen before the AWS SDK (the largest part of the bundle) is loaded.
	await new Promise((resolve) => setTimeout(resolve, 20));
	const {createAwsSession} = await import('../../aws/index.js');
	// A signal from outside (kill, a closed terminal) quits as Ctrl+C in the wizard does, rolling back what was made.
	scope.onStop(() => store.quit(false));
	let current: GlobalOptions = global;
	for (;;) {
		store.connecting(
			current.sandbox
				? messages.ui.signedOut.trying(messages.ui.signedOut.sandboxName)
				: current.profile
					? messages.ui.signedOut.trying(current.profile)
					: undefined,
		);
		const connection = await connect(current, io, createAwsSession);
		if (connection.ok) {
			({session, opened} = connection);
			scope.use(connection.opened);
			scope.use(connection.session);
			store.connected(connection.source, connection.endpointUrl);
			break;
		}
		await connection.opened?.close();
		const said = connection.problem.textIn(messages);
		const choice = await store.signedOut(said.message, said.fix);
		if (choice.kind === 'quit') return ExitCode.cancelled;
		if (choice.kind === 'guided') {
			await store.guided();
			return store.quitRequested ? ExitCode.cancelled : ExitCode.ok;
		}
		current =
			choice.kind === 'profile'
				? {...current, profile: choice.profile, sandbox: false}
				: {...current, sandbox: true, profile: undefined, endpointUrl: undefined};
	}

	const {runCreateSession} = await import('../../flows/create/session.js');
	// The last screen may ask for another run (retry, or back to the key options) until the person quits.
	// --yes answers the question about files already there: overwrite them (a .env kept aside first).
	const initial = {...flags.answers, ...(global.region ? {region: global.region} : {}), ...(global.yes ? {existingFiles: 'overwrite' as const} : {})};
	const {state} = await runCreateSession(initial, store.frontEnd, {
		ports: session,
		files: nodeFiles(io.cwd, io.env['HOME']),
		messages,
		verifyTimeoutSeconds: flags.verifyTimeout,
		subscriptionTimeoutSeconds: flags.subscriptionTimeout,
		...(useCaseForm ? {useCaseForm} : {}),
		keepOnFailure: flags.keepOnFailure,
		keepOnQuit: () => store.keepOnQuit,
		target: reportTarget(opened),
		toolVersion,
		onRun: (cancel) => store.onQuit(cancel),
		next: async (stopped) => {
			const after = await store.finished(stopped);
			if (after !== 'quit') store.restart();
			return after;
		},
	});
	return exitCodeOf(state, store.quitRequested);
}

/** The exit code of a TUI session: how its last run ended; a quit counts only while a run was under way. */
export function exitCodeOf(state: CreateState, quit: boolean): number {
	// A run that finished is judged by how it finished, whichever key closed its last screen (Ctrl+C on Done is 0).
	if (state.status === 'done') {
		if (!state.report?.pass) return ExitCode.verificationFailed;
		// As headless: the new key works, but an old key the person chose to delete is still there.
		return state.report.existingKeys?.some((key) => key.action === 'delete-failed') ? ExitCode.awsRefused : ExitCode.ok;
	}
	if (quit || state.status === 'cancelled') return ExitCode.cancelled;
	return exitCodeFor(state.problem?.kind ?? 'internal');
}

type Connection =
	| {readonly ok: true; readonly session: AwsSession; readonly opened: OpenedTarget; readonly source: CredentialSource; readonly endpointUrl?: string}
	| {readonly ok: false; readonly problem: Problem; readonly opened?: OpenedTarget};

async function connect(global: GlobalOptions, io: CliIo, createAwsSession: (target: NonNullable<OpenedTarget['target']>) => AwsSession): Promise<Connection> {
	let opened: OpenedTarget | undefined;
	try {
		const region = configuredRegion(global, io.env);
		opened = await openTarget(global.sandbox || region ? global : {...global, region: IDENTITY_REGION}, io, {requireRegion: false});
		const session = createAwsSession(opened.target!);
		try {
			await session.identity.whoAmI();
		} catch (error) {
			session.close();
			throw error;
		}
		const source: CredentialSource = opened.sandbox
			? {kind: 'sandbox', endpoint: opened.sandbox.endpoint}
			: global.profile
				? {kind: 'profile', name: global.profile}
				: io.env['AWS_ACCESS_KEY_ID']
					? {kind: 'environment'}
					: {kind: 'default'};
		return {ok: true, session, opened, source, ...(opened.target?.endpointUrl ? {endpointUrl: opened.target.endpointUrl} : {})};
	} catch (error) {
		// An AWS failure (no credentials, refused ones) is said as every command says it, in the person's language.
		const problem =
			error instanceof Problem
				? error
				: error instanceof AwsFailure
					? failureProblem(error)
					: new Problem('aws-refused', (error as Error).message ?? String(error));
		return {ok: false, problem, ...(opened ? {opened} : {})};
	}
}
