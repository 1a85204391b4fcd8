/** What every screen needs and nobody should pass by hand through five components. */
import {createContext} from 'react';
import type {Messages} from '../core/i18n/index.js';
import {en} from '../core/i18n/en.js';
import type {Clipboard} from './clipboard.js';

export interface UiSettings {
	readonly messages: Messages;
	/** Emit colours (false under NO_COLOR). */
	readonly colour: boolean;
	/** Animate spinners (false in screen captures, so they are byte-for-byte stable). */
	readonly motion: boolean;
	readonly columns: number;
	readonly rows: number;
	/**
	 * The terminal's own width, where it wraps: copyable text is cut into rows of exactly this width
	 * (ui/cells.ts, copyRows). `columns` keeps one column spare; undefined: the same as `columns`.
	 */
	readonly terminalColumns?: number;
	/** Where `c` copies to: OSC 52 and a file beside it (ui/clipboard.ts); undefined: OSC 52 only. */
	readonly clipboard?: Clipboard;
	/**
	 * The frame that stays on the terminal after exit is being drawn: no footer, dialog, spinner or
	 * scroll window, only the result (every line of it).
	 */
	readonly final?: boolean;
}

export const UiContext = createContext<UiSettings>({messages: en, colour: true, motion: true, columns: 80, rows: 24});
