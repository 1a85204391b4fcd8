/**
 * Which front end drives a flow, decided once at the entry (docs/architecture.md, 'Front ends'): Ink needs a TTY with raw
 * mode, cursor control (not TERM=dumb) and a known size; line prompts need a TTY; everything else (CI,
 * pipes, --no-input, --json) is flags only.
 */
import {cliMessagesFor} from '../core/i18n/cli.js';
import type {GlobalOptions} from './global-options.js';
import type {CliIo} from './io.js';

export type FrontEndKind = 'tui' | 'plain' | 'headless';

export interface FrontEndChoice {
	readonly kind: FrontEndKind;
	/** Why the full-screen interface was not used, when it was wanted (shown as a notice). */
	readonly notice?: string;
}

export function chooseFrontEnd(global: GlobalOptions, io: CliIo): FrontEndChoice {
	if (!global.input || global.json || !io.stdout.isTTY) return {kind: 'headless'};
	if (global.plain) return {kind: 'plain'};
	const text = cliMessagesFor(global.lang).frontEnd;
	// A dumb terminal (Emacs shell-mode, some CI consoles) prints cursor movement as garbage.
	if (io.env['TERM'] === 'dumb') return {kind: 'plain', notice: text.dumbTerminal};
	// Ink sets raw mode on stdin; `isRawModeSupported` is undefined (not false) where it cannot.
	const stdin = io.stdin as {setRawMode?: unknown; isTTY?: boolean};
	if (typeof stdin.setRawMode !== 'function') return {kind: 'plain', notice: text.noRawMode};
	// A pseudo-terminal nobody sized (script from a pipe, some containers) reports 0x0: screens cannot be laid out.
	const {columns, rows} = io.stdout as {columns?: number; rows?: number};
	if (!columns || !rows) return {kind: 'plain', notice: text.unknownSize(columns ?? 0, rows ?? 0)};
	return {kind: 'tui'};
}
