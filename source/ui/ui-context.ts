/** What every screen needs and nobody should pass by hand through five components. */
import {createContext} from 'react';
import type {Messages} from '../core/i18n/index.js';
import {en} from '../core/i18n/en.js';

export interface UiSettings {
	readonly messages: Messages;
	/** Emit colours (false under NO_COLOR). */
	readonly colour: boolean;
	/** Animate spinners (false in screen captures, so they are byte-for-byte stable). */
	readonly motion: boolean;
	readonly columns: number;
	readonly rows: number;
}

export const UiContext = createContext<UiSettings>({messages: en, colour: true, motion: true, columns: 80, rows: 24});
