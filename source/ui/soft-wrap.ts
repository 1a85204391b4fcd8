/**
 * The terminal stream the TUI writes to, with soft wraps undone: a row that ends with SOFT_WRAP (see
 * copyRows in ui/cells.ts) is followed directly by the next row, without the line end Ink puts between
 * rows. The row is exactly as wide as the terminal, so the terminal wraps at the same place Ink had
 * broken the line: the layout, and the rows Ink erases before the next frame, stay the same, but the
 * terminal now knows the two rows are one line (a mouse copy, or tmux's copy mode, joins them).
 */
import {SOFT_WRAP} from './cells.js';

/** SOFT_WRAP, the colour codes Ink closes the row with, and the line end. */
const softWrapped = new RegExp(`${SOFT_WRAP}((?:\\u001b\\[[\\d;]*m)*)\\r?\\n`, 'g');

export const joinSoftWraps = (text: string): string => (text.includes(SOFT_WRAP) ? text.replace(softWrapped, '$1').replaceAll(SOFT_WRAP, '') : text);

export function softWrapStream(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write')
				return (chunk: unknown, ...rest: unknown[]) =>
					(target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? joinSoftWraps(chunk) : chunk, ...rest);
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
