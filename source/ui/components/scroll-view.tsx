import {Box, Text} from 'ink';
import type {Line} from '../cells.js';
import {useUi} from '../use-ui.js';
import {StyledLine} from './styled-line.js';
import {useScrollView, type ScrollViewOptions} from './use-scroll-view.js';

export interface ScrollViewProps extends Omit<ScrollViewOptions, 'total'> {
	readonly lines: readonly Line[];
}

export function ScrollView(props: ScrollViewProps) {
	const {messages} = useUi();
	const offset = useScrollView({...props, total: props.lines.length});
	const shown = props.lines.slice(offset, offset + props.height);
	const scrolls = props.lines.length > props.height;
	return (
		<Box flexDirection="column">
			{shown.map((line, index) => (
				<StyledLine key={offset + index} line={line} />
			))}
			{scrolls ? (
				<Text dimColor>{`── ${messages.ui.review.scrolled(offset + 1, offset + shown.length, props.lines.length)} · ${messages.ui.keys.scroll}`}</Text>
			) : null}
		</Box>
	);
}
