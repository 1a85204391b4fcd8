/** Scrolling through pre-wrapped lines, plus the screen's own keys (enter, esc, q, and extras such as r/c). */
import {useInput} from 'ink';
import {useReducer, useRef} from 'react';

export interface ScrollViewOptions {
	readonly total: number;
	readonly height: number;
	readonly active: boolean;
	readonly onEnter?: () => void;
	readonly onBack?: () => void;
	readonly onQuit?: () => void;
	/** Other letters this screen acts on (e.g. r to reveal, c to copy). */
	readonly onKey?: (input: string) => void;
}

export function useScrollView(options: ScrollViewOptions): number {
	const offset = useRef(0);
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const latest = useRef(options);
	latest.current = options;
	const scroll = (delta: number): void => {
		const max = Math.max(0, latest.current.total - latest.current.height);
		offset.current = Math.max(0, Math.min(max, offset.current + delta));
		rerender();
	};
	useInput(
		(input, key) => {
			const o = latest.current;
			if (key.upArrow || input === 'k') return scroll(-1);
			if (key.downArrow || input === 'j') return scroll(1);
			if (key.pageUp || input === 'b') return scroll(-(o.height - 1));
			if (key.pageDown || input === ' ') return scroll(o.height - 1);
			if (key.return) return o.onEnter?.();
			if (key.escape) return o.onBack?.();
			if (input === 'q') return o.onQuit?.();
			if (!key.ctrl && input.length === 1) o.onKey?.(input);
		},
		{isActive: options.active},
	);
	return Math.min(offset.current, Math.max(0, options.total - options.height));
}
