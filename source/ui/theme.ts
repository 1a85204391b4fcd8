/**
 * Colours behind the tones. Colour only ever repeats what a symbol or a word already says (✓, ✗,
 * "denied as expected"), so with NO_COLOR the screen loses nothing.
 */
import type {Tone} from './cells.js';

const palette: Record<Tone, string> = {
	accent: 'cyan',
	good: 'green',
	bad: 'red',
	warn: 'yellow',
	muted: 'gray',
	key: 'cyan',
	string: 'green',
	number: 'yellow',
};

export const colourOf = (tone: Tone | undefined, colour: boolean): string | undefined => (colour && tone ? palette[tone] : undefined);

/**
 * NO_COLOR (no-color.org) and FORCE_COLOR (chalk's convention): FORCE_COLOR wins when set, since a
 * person who set it asked for colour explicitly.
 */
export function colourWanted(env: Readonly<Record<string, string | undefined>>): boolean {
	const force = env['FORCE_COLOR'];
	if (force !== undefined) return force !== '0' && force !== 'false';
	return !env['NO_COLOR'];
}

export const symbols = {pass: '✓', fail: '✗', pointer: '❯', selected: '◉', unselected: '◯', bullet: '•', warn: '!'} as const;
