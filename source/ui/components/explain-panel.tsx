import {Box, Text} from 'ink';
import {cells, cutCells, wrapText} from '../cells.js';
import {useUi} from '../use-ui.js';
import {StyledLine} from './styled-line.js';

export type ExplainTopic = Exclude<keyof import('../../core/i18n/explain.en.js').ExplainMessages, 'heading'>;

/** The round border and the padding inside it: two columns on each side. */
const FRAME_COLUMNS = 4;
/** The top and bottom border, and the heading. */
const FRAME_ROWS = 3;

/** How many rows the panel takes with these paragraphs, for the screen to leave it room (one when collapsed). */
export const explainPanelRows = (paragraphs: readonly string[], columns: number, collapsed = false): number =>
	collapsed ? 1 : paragraphs.reduce((sum, paragraph) => sum + wrapText(paragraph, columns - FRAME_COLUMNS).length, FRAME_ROWS);

/**
 * Walkthrough mode: what this step does in AWS and why, for people new to AWS. Collapsed, it is one line
 * (the heading and the start of the explanation, `?` for the rest), so a list or the review keeps its
 * rows on a small terminal. Not in the frame left after exit.
 */
export function ExplainPanel({topic, collapsed = false}: {readonly topic: ExplainTopic; readonly collapsed?: boolean}) {
	const {messages, columns, final} = useUi();
	if (final) return null;
	const explain = messages.ui.explain;
	if (collapsed) {
		const more = ` · ${messages.ui.keys.explainMore}`;
		return <Text dimColor>{`${cutCells(`? ${explain.heading}: ${explain[topic][0] ?? ''}`, columns - cells(more))}${more}`}</Text>;
	}
	const width = columns - FRAME_COLUMNS;
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1} width={columns}>
			<Text bold>? {explain.heading}</Text>
			{explain[topic].flatMap((paragraph, p) => wrapText(paragraph, width).map((line, index) => <StyledLine key={`${p}-${index}`} line={line} />))}
		</Box>
	);
}
