/** `c` on a screen: the text to the clipboard (OSC 52), a file beside it, and the line that says where. */
import {Text, useStdout} from 'ink';
import {useRef, useState} from 'react';
import {osc52, type CopyRecord} from '../clipboard.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface CopyRequest {
	/** What is copied, as the screen names it ("the policy", "curl"). */
	readonly what: string;
	readonly text: string;
	/**
	 * The name of the copy saved beside the clipboard (policy.json), for text that is not secret. A secret
	 * (a revealed key) has none: it is never written anywhere again, and `heldIn` names where it already is.
	 */
	readonly file?: string;
	readonly heldIn?: string;
}

export function useCopy(): {readonly copied: CopyRecord | undefined; copy(request: CopyRequest): void} {
	const {clipboard} = useUi();
	const {write} = useStdout();
	const [copied, setCopied] = useState<CopyRecord | undefined>(undefined);
	const latest = useRef(0);
	return {
		copied,
		copy(request) {
			write(osc52(request.text));
			const secret = request.file === undefined;
			const turn = ++latest.current;
			setCopied({what: request.what, secret, ...(request.heldIn ? {path: request.heldIn} : {})});
			if (secret || !clipboard) return;
			clipboard.save(request.file!, request.text).then(
				(path) => turn === latest.current && setCopied({what: request.what, secret, path}),
				(error: unknown) => turn === latest.current && setCopied({what: request.what, secret, failed: (error as Error).message ?? String(error)}),
			);
		},
	};
}

/** The line under a screen after `c`: what went to the clipboard, and the file that holds it too. */
export function CopyNote({copied}: {readonly copied: CopyRecord | undefined}) {
	const {messages, colour, clipboard, final} = useUi();
	if (!copied || final) return null;
	const t = messages.ui.copy;
	const said = copied.failed
		? `! ${t.notSaved(copied.what, copied.failed)}`
		: `✓ ${t.copied(copied.what)}${copied.path ? ` ${copied.secret ? t.secretHeldIn(copied.path) : t.savedIn(copied.path)}` : ''}${clipboard?.between ? ` ${t.between(clipboard.between)}` : ''}`;
	return (
		<Text color={colourOf(copied.failed ? 'warn' : 'good', colour)} wrap="wrap">
			{said}
		</Text>
	);
}
