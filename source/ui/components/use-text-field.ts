/** A one-line text input (appending at the end, which is all a name, an id or a pasted key needs). */
import {useReducer, useRef} from 'react';
import {isPrintable} from './printable.js';
import {useKeys} from './use-keys.js';

export interface TextFieldOptions {
	readonly initial?: string;
	readonly active: boolean;
	readonly onSubmit: (value: string) => void;
	readonly onBack?: () => void;
	readonly onChange?: (value: string) => void;
	/**
	 * Free text (the use-case form's answers): ? is a character of it, and the screen leaves the explanation
	 * closed while the field is typed in. Otherwise ? toggles the explanation.
	 */
	readonly freeText?: boolean;
	/** Keys the field leaves to its form (tab, arrows). */
	readonly onOtherKey?: (key: {upArrow: boolean; downArrow: boolean; tab: boolean; leftArrow: boolean; rightArrow: boolean}) => void;
}

export function useTextField(options: TextFieldOptions): string {
	const value = useRef(options.initial ?? '');
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const latest = useRef(options);
	latest.current = options;
	const set = (next: string): void => {
		value.current = next;
		latest.current.onChange?.(next);
		rerender();
	};
	// One key at a time (useKeys): a paste ending in a newline types its text, then submits it.
	useKeys(
		(input, key) => {
			const o = latest.current;
			if (key.return) return o.onSubmit(value.current);
			if (key.escape) return o.onBack?.();
			if (key.backspace || key.delete) return set(value.current.slice(0, -1));
			if (key.ctrl && input === 'u') return set('');
			if (key.upArrow || key.downArrow || key.tab || key.leftArrow || key.rightArrow) return o.onOtherKey?.(key);
			// ? toggles the explanation everywhere; no name, account id or key a field takes contains it. Free text can.
			if (key.ctrl || key.meta || (input === '?' && !o.freeText)) return;
			if (isPrintable(input)) set(value.current + input);
		},
		{isActive: options.active},
	);
	return value.current;
}
