/** Mounts the check screen; imported lazily by cli/ only when a terminal can show it. */
import {render} from 'ink';
import type {Messages} from '../../core/i18n/index.js';
import {Secret} from '../../core/secret.js';
import type {CheckFrontEnd} from '../../flows/check/runner.js';
import type {Clipboard} from '../clipboard.js';
import {FinalFrame, useFinalFrame} from '../final-frame.js';
import {softWrapStream} from '../soft-wrap.js';
import {UiContext, type UiSettings} from '../ui-context.js';
import {CheckApp} from './check-app.js';
import {CheckTuiStore} from './check-store.js';

export interface StartCheckTuiOptions {
	readonly messages: Messages;
	readonly colour: boolean;
	readonly columns: number;
	readonly rows: number;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	/** Ctrl+C (raw mode swallows SIGINT): stop the checks. */
	readonly onInterrupt: () => void;
	/** The command's stop: a question still on screen when it aborts is answered with its reason (a `cancelled` Problem). */
	readonly signal?: AbortSignal;
	/** Apply a tightened policy without asking (--yes). */
	readonly yes: boolean;
	/** --tighten was asked for; otherwise the proposal is only shown. */
	readonly tighten: boolean;
	/** Where `c` saves its copies (cli/clipboard.ts). */
	readonly clipboard?: Clipboard;
}

export interface RunningCheckTui {
	readonly frontEnd: CheckFrontEnd;
	/** Unmounts through Ink, which restores raw mode and the cursor; the last frame stays on screen. */
	close(): Promise<void>;
	/** The same, synchronously, for a process that must quit at once (a second Ctrl+C while stopping). */
	closeNow(): void;
}

export function startCheckTui(options: StartCheckTuiOptions): RunningCheckTui {
	const store = new CheckTuiStore();
	const finalFrame = new FinalFrame();
	const settings: UiSettings = {
		messages: options.messages,
		colour: options.colour,
		motion: true,
		columns: Math.max(40, options.columns - 1),
		rows: options.rows,
		terminalColumns: Math.max(40, options.columns),
		...(options.clipboard ? {clipboard: options.clipboard} : {}),
	};
	const instance = render(<CheckRoot settings={settings} finalFrame={finalFrame} store={store} onInterrupt={options.onInterrupt} />, {
		stdin: options.stdin,
		// Copyable text reaches the terminal whole, for it to wrap (ui/soft-wrap.ts).
		stdout: softWrapStream(options.stdout),
		stderr: options.stderr,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		frontEnd: checkTuiFrontEnd(store, options),
		async close() {
			// The last frame is the result: no key list or spinner is left behind in the scrollback.
			await finalFrame.closeWith(() => instance.unmount());
			await instance.waitUntilExit();
		},
		closeNow() {
			finalFrame.end();
			instance.unmount();
		},
	};
}

function CheckRoot(props: {readonly settings: UiSettings; readonly finalFrame: FinalFrame; readonly store: CheckTuiStore; readonly onInterrupt: () => void}) {
	const final = useFinalFrame(props.finalFrame);
	return (
		<UiContext.Provider value={{...props.settings, final}}>
			<CheckApp store={props.store} onInterrupt={props.onInterrupt} />
		</UiContext.Provider>
	);
}

/** The flow's questions, answered on the check screen. */
export function checkTuiFrontEnd(store: CheckTuiStore, options: Pick<StartCheckTuiOptions, 'yes' | 'tighten' | 'signal'>): CheckFrontEnd {
	const {signal} = options;
	// Without this, Ctrl+C on the key question would stop the checks that never started, and leave the question open.
	const untilStopped = <T,>(answer: Promise<T>): Promise<T> =>
		signal
			? Promise.race([
					answer,
					new Promise<never>((_, reject) => {
						if (signal.aborted) reject(signal.reason);
						signal.addEventListener('abort', () => reject(signal.reason), {once: true});
					}),
				])
			: answer;
	return {
		askKey: async () => new Secret(await untilStopped(store.ask<string>('key'))),
		confirmTighten: async () => (options.yes ? options.tighten : untilStopped(store.ask<boolean>('tighten'))),
		onState: (state) => store.update(state),
	};
}
