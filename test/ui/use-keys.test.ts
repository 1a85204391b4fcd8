/** splitKeys: a run of characters that Ink hands over as one input becomes one key per character. */
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey, splitKeys} from '../../source/ui/components/use-keys.js';

const none = noKey;

/** What each key is, in short: its text, or the name of the key. */
const names = (input: string, key: Key = none): string[] =>
	splitKeys(input, key).map(([text, k]) => (k.return ? '⏎' : k.backspace ? '⌫' : k.tab ? '⇥' : k.ctrl ? `^${text}` : text));

describe('splitKeys', () => {
	it('gives each character of a run its own key', () => {
		expect(names('abc')).toEqual(['a', 'b', 'c']);
		expect(names('nova lite')).toEqual(['n', 'o', 'v', 'a', ' ', 'l', 'i', 't', 'e']);
	});

	it('names the control characters in a run as Ink names them alone', () => {
		expect(names('\u007F\u007F')).toEqual(['⌫', '⌫']);
		expect(names('ab\b')).toEqual(['a', 'b', '⌫']);
		expect(names('a\tb')).toEqual(['a', '⇥', 'b']);
		expect(names('x\u0015')).toEqual(['x', '^u']);
	});

	it('stops at the first Enter: "\\r\\n" is one, and what follows belongs to the next screen', () => {
		expect(names('key\r\n')).toEqual(['k', 'e', 'y', '⏎']);
		expect(names('a\rb')).toEqual(['a', '⏎']);
	});

	it('passes a single key, or one Ink named, on unchanged', () => {
		expect(splitKeys('q', none)).toEqual([['q', none]]);
		const up = {...none, upArrow: true};
		expect(splitKeys('', up)).toEqual([['', up]]);
		const ctrlC = {...none, ctrl: true};
		expect(splitKeys('c', ctrlC)).toEqual([['c', ctrlC]]);
	});

	it('keeps characters outside the BMP whole and marks capitals as shifted', () => {
		expect(names('a😀b')).toEqual(['a', '😀', 'b']);
		expect(splitKeys('Ab', none)[0]![1].shift).toBe(true);
	});
});
