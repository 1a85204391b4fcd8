/**
 * Mounts the create wizard's Ink UI. Imported lazily by cli/ only when the TUI is chosen, so `--help`,
 * `--version` and the headless path never load Ink or React.
 */
import {render} from 'ink';
import type {Messages} from '../core/i18n/index.js';
import type {Clipboard} from './clipboard.js';
import type {TuiHost} from './create-app.js';
import {CreateTuiStore} from './create-store.js';
import {FinalFrame} from './final-frame.js';
import {softWrapStream} from './soft-wrap.js';
import {TuiRoot} from './tui-root.js';

export interface StartTuiOptions {
	readonly messages: Messages;
	readonly host: TuiHost;
	readonly explain: boolean;
	readonly colour: boolean;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	/** Where `c` saves its copies (cli/clipboard.ts). */
	readonly clipboard?: Clipboard;
}

export interface RunningTui {
	readonly store: CreateTuiStore;
	/** Unmounts through Ink, which restores raw mode and the cursor; the last frame stays on screen. */
	close(): Promise<void>;
	/** The same, synchronously, for a process that must quit at once (a second Ctrl+C while stopping). */
	closeNow(): void;
}

export function startCreateTui(options: StartTuiOptions): RunningTui {
	const store = new CreateTuiStore();
	const finalFrame = new FinalFrame();
	const root = (
		<TuiRoot
			store={store}
			host={options.host}
			messages={options.messages}
			explain={options.explain}
			colour={options.colour}
			finalFrame={finalFrame}
			{...(options.clipboard ? {clipboard: options.clipboard} : {})}
		/>
	);
	const instance = render(root, {
		stdin: options.stdin,
		// Copyable text reaches the terminal whole, for it to wrap (ui/soft-wrap.ts).
		stdout: softWrapStream(options.stdout),
		stderr: options.stderr,
		// Ctrl+C asks whether to roll back first; the app handles it.
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		store,
		async close() {
			// The last frame is the result: no footer, dialog or spinner is left behind in the scrollback.
			await finalFrame.closeWith(() => instance.unmount());
			await instance.waitUntilExit();
		},
		closeNow() {
			finalFrame.end();
			instance.unmount();
		},
	};
}
