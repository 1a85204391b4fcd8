/**
 * The TUI's clipboard (ui/clipboard.ts): copies of what `c` copies, in a folder of this run's own
 * (mkdtemp: mode 0700, a new unguessable name, so no other user can plant a link there), each file
 * mode 0600. Only text that is not secret comes here (docs/security.md, "Copying").
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Clipboard} from '../ui/clipboard.js';

export function nodeClipboard(env: Readonly<Record<string, string | undefined>>, base: string = tmpdir()): Clipboard {
	let folder: string | undefined;
	return {
		...(env['TMUX'] ? {between: 'tmux' as const} : env['STY'] ? {between: 'screen' as const} : {}),
		async save(name, text) {
			folder ??= mkdtempSync(join(base, 'bedrock-key-wizard-'));
			const path = join(folder, name);
			writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`, {mode: 0o600});
			return path;
		},
	};
}
