/**
 * Text measured in terminal cells, not characters: a CJK character takes two cells, so padding and
 * wrapping by `.length` would break every column in Japanese (string-width does the measuring).
 */
import stringWidth from 'string-width';

export const cells = (text: string): number => stringWidth(text);

/** Pads (or cuts, with …) to exactly `width` cells. */
export function fitCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = cutCells(text, width);
	const pad = ' '.repeat(Math.max(0, width - cells(cut)));
	return align === 'left' ? cut + pad : pad + cut;
}

/** At most `width` cells; a cut string ends with … so nobody mistakes it for the whole value. */
export function cutCells(text: string, width: number): string {
	if (cells(text) <= width) return text;
	let out = '';
	for (const char of text) {
		if (cells(out + char) > width - 1) break;
		out += char;
	}
	return `${out}…`;
}

export type Tone = 'accent' | 'good' | 'bad' | 'warn' | 'muted' | 'key' | 'string' | 'number';

/** A run of text with one style; a line is a list of runs. */
export interface Segment {
	readonly text: string;
	readonly tone?: Tone;
	readonly bold?: boolean;
	/** Part of copyable text (copyRows): may use the terminal's full width, never cut or wrapped again. */
	readonly copy?: boolean;
}
export type Line = readonly Segment[];

export const plain = (text: string, tone?: Tone, bold?: boolean): Line => [{text, ...(tone ? {tone} : {}), ...(bold ? {bold} : {})}];

/**
 * Greedy wrap at spaces where there are any, and anywhere for text without spaces (Japanese, ARNs).
 * Continuation lines get `indent` cells, so a wrapped JSON string still reads as part of its line.
 */
export function wrapLine(line: Line, width: number, indent = 0): Line[] {
	const out: Segment[][] = [];
	let current: Segment[] = [];
	let used = 0;
	const newLine = (): void => {
		out.push(current);
		current = indent > 0 ? [{text: ' '.repeat(indent)}] : [];
		used = indent;
	};
	for (const segment of line) {
		// Tokens end at spaces and where wide (CJK) text meets narrow text, so "Bedrock" is never cut in two.
		for (const token of segment.text.split(/(?<= )|(?<=[^\u0020-\u00ff])(?=[\u0020-\u00ff])|(?<=[\u0020-\u00ff])(?=[^\u0020-\u00ff])/u)) {
			let rest = token;
			while (rest.length > 0) {
				const room = width - used;
				const size = cells(rest);
				if (size <= room) {
					current.push({...segment, text: rest});
					used += size;
					rest = '';
				} else if (cells(rest.trimEnd()) <= room) {
					current.push({...segment, text: rest.trimEnd()});
					used += cells(rest.trimEnd());
					rest = '';
				} else if (size <= width - indent && used > indent && !hasWide(rest)) {
					newLine();
				} else {
					let head = '';
					for (const char of rest) {
						if (cells(head + char) > room) break;
						head += char;
					}
					if (head.length === 0) {
						newLine();
						continue;
					}
					current.push({...segment, text: head});
					rest = rest.slice(head.length);
					newLine();
				}
			}
		}
	}
	out.push(current);
	return out.map((segments) => (segments.length > 0 && segments.every((s) => s.text.trim() === '') ? [] : segments));
}

/** Japanese has no spaces between words: such text may break anywhere rather than leave half a line empty. */
const hasWide = (text: string): boolean => [...text].some((char) => cells(char) > 1);

export const wrapText = (text: string, width: number, tone?: Tone): Line[] => wrapLine(plain(text, tone), width);

/**
 * Ends a row that the terminal must wrap by itself: the writer (ui/soft-wrap.ts) drops it and the line
 * end after it, so the row's last cell is followed directly by the next row's first. A zero-width
 * character (WORD JOINER), so the layout measures the row as exactly as wide as the terminal.
 */
export const SOFT_WRAP = '\u2060';

/**
 * Copyable text (JSON, ARNs, URLs, commands, keys) as rows of exactly `width` cells, with nothing
 * inserted: no indentation on the rows after the first, no space at their ends. Every row but the last
 * ends with SOFT_WRAP, so the terminal receives the text whole and wraps it itself; a mouse copy (or
 * `tmux capture-pane -J`) then gives the text exactly. `width` is the terminal's own width, where it wraps.
 */
export function copyRows(line: Line, width: number): Line[] {
	const rows: Segment[][] = [];
	let current: Segment[] = [];
	let used = 0;
	for (const segment of line) {
		let text = '';
		for (const char of segment.text) {
			const size = cells(char);
			if (used + size > width) {
				if (text) current.push({...segment, text, copy: true});
				rows.push([...current, {text: SOFT_WRAP, copy: true}]);
				current = [];
				used = 0;
				text = '';
			}
			text += char;
			used += size;
		}
		if (text) current.push({...segment, text, copy: true});
	}
	rows.push(current.length > 0 ? current : [{text: '', copy: true}]);
	return rows;
}

/** The text of rows made by copyRows, joined back as the terminal shows it (the soft wraps undone). */
export const copiedText = (rows: readonly Line[]): string =>
	rows.map((row) => row.map((segment) => (segment.text === SOFT_WRAP ? '' : segment.text)).join('') + (row.at(-1)?.text === SOFT_WRAP ? '' : '\n')).join('');
