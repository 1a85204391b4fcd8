import type {Messages} from '../core/i18n/index.js';
import {CreateApp, type TuiHost} from './create-app.js';
import type {CreateTuiStore} from './create-store.js';
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
}

export function TuiRoot(props: TuiRootProps) {
	const size = useTerminalSize({...(props.columns ? {columns: props.columns} : {}), ...(props.rows ? {rows: props.rows} : {})});
	// One column spare: a line exactly as wide as the terminal makes some terminals wrap.
	const columns = Math.max(40, size.columns - (props.columns ? 0 : 1));
	return (
		<UiContext.Provider value={{messages: props.messages, colour: props.colour, motion: props.motion ?? true, columns, rows: size.rows}}>
			<CreateApp store={props.store} host={props.host} explain={props.explain} />
		</UiContext.Provider>
	);
}
