import {Box, Text} from 'ink';
import {useEffect} from 'react';
import type {Line} from '../cells.js';
import {useUi} from '../use-ui.js';
import {StyledLine} from './styled-line.js';
import {useScrollView, type ScrollViewOptions} from './use-scroll-view.js';

export interface ScrollViewProps extends Omit<ScrollViewOptions, 'total'> {
	readonly lines: readonly Line[];
	/** Told which lines are on screen, [first, last), each time that changes (what `c` copies depends on it). */
	readonly onView?: (first: number, last: number) => void;
}

/** In the final frame (the one left on the terminal after exit) every line is shown, without the position line. */
export function ScrollView(props: ScrollViewProps) {
	const {messages, final} = useUi();
	const offset = useScrollView({...props, total: props.lines.length});
	const shown = final ? props.lines : props.lines.slice(offset, offset + props.height);
	const scrolls = !final && props.lines.length > props.height;
	const {onView} = props;
	const last = offset + Math.min(props.height, props.lines.length - offset);
	useEffect(() => onView?.(offset, last), [onView, offset, last]);
	return (
		<Box flexDirection="column">
			{shown.map((line, index) => (
				<StyledLine key={(final ? 0 : offset) + index} line={line} />
			))}
			{scrolls ? (
				<Text dimColor>{`── ${messages.ui.review.scrolled(offset + 1, offset + shown.length, props.lines.length)} · ${messages.ui.keys.scroll}`}</Text>
			) : null}
		</Box>
	);
}
