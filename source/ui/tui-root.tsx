import type {Messages} from '../core/i18n/index.js';
import type {Clipboard} from './clipboard.js';
import {CreateApp, type TuiHost} from './create-app.js';
import type {CreateTuiStore} from './create-store.js';
import {useFinalFrame, type FinalFrame} from './final-frame.js';
import {UiContext} from './ui-context.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface TuiRootProps {
	readonly store: CreateTuiStore;
	readonly host: TuiHost;
	readonly messages: Messages;
	readonly explain: boolean;
	readonly colour: boolean;
	readonly motion?: boolean;
	/** Fixed sizes, for screen captures; otherwise the terminal's. */
	readonly columns?: number;
	readonly rows?: number;
	/** Where `c` saves its copies (undefined: OSC 52 only). */
	readonly clipboard?: Clipboard;
	/** Set when the TUI is about to unmount: the last frame shows only the result. */
	readonly finalFrame?: FinalFrame;
}

export function TuiRoot(props: TuiRootProps) {
	const size = useTerminalSize({...(props.columns ? {columns: props.columns} : {}), ...(props.rows ? {rows: props.rows} : {})});
	const final = useFinalFrame(props.finalFrame);
	// One column spare: a line exactly as wide as the terminal makes some terminals wrap.
	const columns = Math.max(40, size.columns - (props.columns ? 0 : 1));
	return (
		<UiContext.Provider
			value={{
				messages: props.messages,
				colour: props.colour,
				motion: props.motion ?? true,
				columns,
				rows: size.rows,
				// Copyable text is cut where the terminal itself wraps (ui/cells.ts, copyRows).
				terminalColumns: Math.max(columns, size.columns),
				...(props.clipboard ? {clipboard: props.clipboard} : {}),
				final,
			}}
		>
			<CreateApp store={props.store} host={props.host} explain={props.explain} />
		</UiContext.Provider>
	);
}
