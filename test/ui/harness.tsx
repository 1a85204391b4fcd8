/**
 * Drives the TUI the way create-tui.ts does: the real create runner, the real AWS adapters pointed at
 * a sandbox (no SDK mocks), and the Ink app rendered by ink-testing-library at 80x24.
 */
import type {ReportTarget} from '../../source/core/verify/report.js';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {createAwsSession, type AwsSession} from '../../source/aws/index.js';
import {nodeFiles} from '../../source/cli/files.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor, type Language} from '../../source/core/i18n/index.js';
import {systemClock, type Clock} from '../../source/flows/bounded.js';
import type {FilesPort} from '../../source/flows/ports.js';
import type {CreateAnswers, CreateState} from '../../source/flows/create/machine.js';
import {runCreateSession} from '../../source/flows/create/session.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {TuiHost} from '../../source/ui/create-app.js';
import {CreateTuiStore, type AfterStop, type CredentialSource} from '../../source/ui/create-store.js';
import type {Clipboard} from '../../source/ui/clipboard.js';
import type {FinalFrame} from '../../source/ui/final-frame.js';
import {TuiRoot} from '../../source/ui/tui-root.js';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	enter: '\r',
	escape: '\u001B',
	space: ' ',
	ctrlC: '\u0003',
	backspace: '\u007F',
	tab: '\t',
	pageDown: '\u001B[6~',
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Wizard {
	readonly store: CreateTuiStore;
	readonly session: AwsSession;
	readonly outDir: string;
	readonly frames: string[];
	frame(): string;
	/** Types keys one at a time, yielding between them as a terminal would. */
	press(...keys: string[]): Promise<void>;
	type(text: string): Promise<void>;
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Resolves with the final state and what the person chose on the last screen. */
	readonly result: Promise<{state: CreateState; after: AfterStop}>;
	close(): void;
}

export interface WizardOptions {
	readonly sandbox: RunningSandbox;
	readonly lang?: Language;
	readonly explain?: boolean;
	readonly answers?: Partial<CreateAnswers>;
	/**
	 * Show "What will use this key?" at the models step (as a person sees it). Without it the harness answers
	 * it with none picked (as --client would), so the tests of later screens start at the models list.
	 */
	readonly askClients?: boolean;
	readonly userName?: string;
	readonly columns?: number;
	readonly rows?: number;
	readonly host?: Partial<TuiHost>;
	/** Wraps the real adapters (e.g. to hold a step open for a screen capture). */
	readonly ports?: (session: AwsSession) => AwsSession;
	readonly files?: FilesPort;
	/** Where the report says the key was made (default: the test sandbox's endpoint). */
	readonly target?: ReportTarget;
	readonly clock?: Clock;
	readonly source?: CredentialSource;
	/** Where `c` saves its copies (default: none, OSC 52 only). */
	readonly clipboard?: Clipboard;
	/** Lets a test draw the frame left on the terminal after exit (finalFrame.end()). */
	readonly finalFrame?: FinalFrame;
}

export function startWizard(options: WizardOptions): Wizard {
	const messages = messagesFor(options.lang ?? 'en');
	const store = new CreateTuiStore();
	const real = createAwsSession({
		region: 'us-east-1',
		endpointUrl: options.sandbox.endpoint,
		credentials: {accessKeyId: options.sandbox.admin.accessKeyId, secretAccessKey: options.sandbox.admin.secretAccessKey},
	});
	const session = options.ports ? options.ports(real) : real;
	const outDir = mkdtempSync(join(tmpdir(), 'bkw-tui-'));
	const host: TuiHost = {
		defaultUserName: options.userName ?? 'tui-user',
		regionCatalog: bundledCatalog(),
		userExists: async (name) => (await session.iam.findUser(name)) !== undefined,
		...options.host,
	};
	const app = render(
		<TuiRoot
			store={store}
			host={host}
			messages={messages}
			explain={options.explain ?? false}
			colour={false}
			motion={false}
			columns={options.columns ?? 80}
			rows={options.rows ?? 24}
			{...(options.clipboard ? {clipboard: options.clipboard} : {})}
			{...(options.finalFrame ? {finalFrame: options.finalFrame} : {})}
		/>,
	);
	store.connected(options.source ?? {kind: 'sandbox', endpoint: options.sandbox.endpoint});
	// The session create-tui.ts runs: its retries and "back" come from the last screen.
	const answers: CreateAnswers = {
		guardrail: true,
		streaming: true,
		keepManagedPolicies: false,
		outDir,
		...(options.askClients ? {} : {clients: []}),
		...options.answers,
	};
	const result = runCreateSession(answers, store.frontEnd, {
		ports: session,
		files: options.files ?? nodeFiles(outDir),
		messages,
		clock: options.clock ?? systemClock,
		verifyTimeoutSeconds: 20,
		keepOnFailure: false,
		keepOnQuit: () => store.keepOnQuit,
		// The harness talks to a test sandbox through its endpoint, as --endpoint-url does (unless told).
		target: options.target ?? {kind: 'endpoint', endpoint: options.sandbox.endpoint},
		shortTermSeconds: 3600,
		toolVersion: 'test',
		onRun: (cancel) => store.onQuit(cancel),
		next: async (stopped) => {
			const after = await store.finished(stopped);
			if (after !== 'quit') store.restart();
			return after;
		},
	});
	const frame = (): string => app.lastFrame() ?? '';
	return {
		store,
		session,
		outDir,
		frames: app.frames,
		frame,
		async press(...sequence) {
			for (const key of sequence) {
				app.stdin.write(key);
				await tick();
				await sleep(5);
			}
			await tick();
		},
		async type(text) {
			for (const char of text) {
				app.stdin.write(char);
				await tick();
			}
			await sleep(5);
		},
		async waitFor(text, timeoutMs = 15_000) {
			const started = Date.now();
			for (;;) {
				const current = frame();
				if (typeof text === 'string' ? current.includes(text) : text.test(current)) {
					// A screen binds its keys in an effect just after it is drawn: let that run before the next key.
					await sleep(15);
					return current;
				}
				if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${String(text)}; the screen shows:\n${current}`);
				await sleep(10);
			}
		},
		result,
		close() {
			app.unmount();
			real.close();
		},
	};
}

/** The live area only: what is below the last <Static> output (the frame in debug mode holds both). */
export const liveArea = (frame: string, title: string): string => frame.slice(frame.lastIndexOf(title));
