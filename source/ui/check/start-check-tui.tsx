/** Mounts the check screen; imported lazily by cli/ only when a terminal can show it. */
import {render} from 'ink';
import type {Messages} from '../../core/i18n/index.js';
import {Secret} from '../../core/secret.js';
import type {CheckFrontEnd} from '../../flows/check/runner.js';
import {UiContext} from '../ui-context.js';
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
	/** Apply a tightened policy without asking (--yes). */
	readonly yes: boolean;
	/** --tighten was asked for; otherwise the proposal is only shown. */
	readonly tighten: boolean;
}

export interface RunningCheckTui {
	readonly frontEnd: CheckFrontEnd;
	/** Unmounts through Ink, which restores raw mode and the cursor; the last frame stays on screen. */
	close(): Promise<void>;
}

export function startCheckTui(options: StartCheckTuiOptions): RunningCheckTui {
	const store = new CheckTuiStore();
	const instance = render(
		<UiContext.Provider
			value={{messages: options.messages, colour: options.colour, motion: true, columns: Math.max(40, options.columns - 1), rows: options.rows}}
		>
			<CheckApp store={store} onInterrupt={options.onInterrupt} />
		</UiContext.Provider>,
		{stdin: options.stdin, stdout: options.stdout, stderr: options.stderr, exitOnCtrlC: false, patchConsole: false},
	);
	return {
		frontEnd: checkTuiFrontEnd(store, options),
		async close() {
			instance.unmount();
			await instance.waitUntilExit();
		},
	};
}

/** The flow's questions, answered on the check screen. */
export function checkTuiFrontEnd(store: CheckTuiStore, options: Pick<StartCheckTuiOptions, 'yes' | 'tighten'>): CheckFrontEnd {
	return {
		askKey: async () => new Secret(await store.ask<string>('key')),
		confirmTighten: async () => (options.yes ? options.tighten : store.ask<boolean>('tighten')),
		onState: (state) => store.update(state),
	};
}
