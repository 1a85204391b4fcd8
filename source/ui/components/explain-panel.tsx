import {Box, Text} from 'ink';
import {wrapText} from '../cells.js';
import {useUi} from '../use-ui.js';
import {StyledLine} from './styled-line.js';

export type ExplainTopic = Exclude<keyof import('../../core/i18n/explain.en.js').ExplainMessages, 'heading'>;

/** Walkthrough mode: what this step does in AWS and why, for people new to AWS. */
export function ExplainPanel({topic}: {readonly topic: ExplainTopic}) {
	const {messages, columns} = useUi();
	const explain = messages.ui.explain;
	const width = columns - 4;
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} width={columns}>
			<Text bold>? {explain.heading}</Text>
			{explain[topic].flatMap((paragraph, p) => wrapText(paragraph, width).map((line, index) => <StyledLine key={`${p}-${index}`} line={line} />))}
		</Box>
	);
}
