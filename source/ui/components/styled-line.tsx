import {Box, Text} from 'ink';
import type {Line} from '../cells.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

/**
 * One pre-wrapped line of styled runs; never wrapped again by Ink (it already fits). A row of copyable
 * text (copyRows) may be as wide as the terminal itself, one column more than the screens' width, so it
 * gets a box of that width: cutting it would corrupt what a person copies.
 */
export function StyledLine({line}: {readonly line: Line}) {
	const {colour, columns, terminalColumns} = useUi();
	if (line.length === 0) return <Text> </Text>;
	const text = (
		<Text wrap="truncate-end">
			{line.map((segment, index) => (
				<Text key={index} color={colourOf(segment.tone, colour)} bold={segment.bold} dimColor={segment.tone === 'muted' && !colour}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
	return line.some((segment) => segment.copy) ? (
		<Box width={terminalColumns ?? columns} flexShrink={0}>
			{text}
		</Box>
	) : (
		text
	);
}
