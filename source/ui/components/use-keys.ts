/**
 * Ink's useInput, one key at a time. Ink splits escape sequences (arrows, page keys) into separate events
 * but hands a run of plain characters over as one string: a paste, "abc" typed faster than a frame, or two
 * Backspaces that arrive together ("\u007f\u007f", which Ink names no key at all). Here each character of
 * such a run is its own key, so a handler that edits one character per call sees every one of them.
 */
import {useInput, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/** A key with no flag set: what every key of a run starts from. */
export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** One character of a run as Ink would have reported it alone. */
function keyOf(char: string): [string, Key] {
	if (char === '\r' || char === '\n') return ['', {...noKey, return: true}];
	if (char === '\t') return ['', {...noKey, tab: true}];
	if (char === '\u007F' || char === '\b') return ['', {...noKey, backspace: true}];
	const code = char.codePointAt(0) ?? 0;
	// Ctrl+A … Ctrl+Z: Ink reports the letter with ctrl set.
	if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...noKey, ctrl: true}];
	return [char, {...noKey, shift: /[A-Z]/.test(char)}];
}

/**
 * The keys of one input event. A single key, or anything Ink recognised as a key, is passed on as it is;
 * a run of characters is split into its characters ("\r\n" is one Enter), up to and including the first
 * Enter: what follows an Enter belongs to the next screen, not to this one.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	const named = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end;
	const flagged = key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl || key.meta;
	const chars = [...input];
	if (chars.length <= 1 || named || flagged) return [[input, key]];
	const keys: Array<[string, Key]> = [];
	for (const char of chars) {
		const [text, parsed] = keyOf(char);
		keys.push([text, parsed]);
		if (parsed.return) break;
	}
	return keys;
}

export function useKeys(handler: KeyHandler, options: {readonly isActive: boolean}): void {
	useInput((input, key) => {
		for (const [text, parsed] of splitKeys(input, key)) handler(text, parsed);
	}, options);
}
