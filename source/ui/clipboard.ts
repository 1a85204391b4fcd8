/**
 * Copying with `c` (docs/security.md, "Copying"). The text goes to the terminal's clipboard with the
 * OSC 52 escape sequence, which works over SSH and needs no clipboard tool, but which no terminal
 * acknowledges: the tool cannot know whether it arrived (tmux ignores it unless `set-clipboard on`;
 * screen and many terminals drop it). So text that is not secret is also saved in a file, mode 0600 in
 * a private folder, and the screen names it. A secret is never saved again by copying: the screen names
 * the file that already holds it (the .env).
 */

/** Where `c` saves its copies; cli/clipboard.ts makes the real one. */
export interface Clipboard {
	/** A multiplexer between the tool and the terminal that may swallow OSC 52, or undefined. */
	readonly between?: 'tmux' | 'screen';
	/** Saves `text` as `name` in the private folder (0700), mode 0600, and returns its full path. */
	save(name: string, text: string): Promise<string>;
}

/** The OSC 52 sequence that puts `text` on the clipboard (`c`: the clipboard selection), base64 of its UTF-8. */
export const osc52 = (text: string): string => `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;

/** What was copied, for the line that says so. */
export interface CopyRecord {
	readonly what: string;
	/** The file that holds the same text: the copy just saved, or, for a secret, the file that already held it. */
	readonly path?: string;
	readonly secret: boolean;
	/** The file could not be written: why. */
	readonly failed?: string;
}
