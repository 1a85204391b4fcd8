import {Text} from 'ink';
import type {Line} from '../cells.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

/** One pre-wrapped line of styled runs; never wrapped again by Ink (it already fits). */
export function StyledLine({line}: {readonly line: Line}) {
	const {colour} = useUi();
	if (line.length === 0) return <Text> </Text>;
	return (
		<Text wrap="truncate-end">
			{line.map((segment, index) => (
				<Text key={index} color={colourOf(segment.tone, colour)} bold={segment.bold} dimColor={segment.tone === 'muted' && !colour}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}
