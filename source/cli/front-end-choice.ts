/**
 * Which front end drives a flow, decided once at the entry (TOOLCHAIN.md): Ink needs a TTY with raw
 * mode; line prompts need a TTY; everything else (CI, pipes, --no-input, --json) is flags only.
 */
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
	// Ink sets raw mode on stdin; `isRawModeSupported` is undefined (not false) where it cannot.
	const stdin = io.stdin as {setRawMode?: unknown; isTTY?: boolean};
	if (typeof stdin.setRawMode !== 'function') {
		return {kind: 'plain', notice: 'This terminal cannot do raw mode (e.g. Git Bash/mintty or docker without -t): using line-by-line prompts.'};
	}
	return {kind: 'tui'};
}
