import {Box, Text} from 'ink';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

/** Asked only when something was already made in AWS: undo it, or keep it (not a key whose secret is unsaved). */
export function QuitDialog({changes, keepable}: {readonly changes: number; readonly keepable: boolean}) {
	const {messages, colour, columns, final} = useUi();
	const t = messages.ui.quit;
	// The question is over once the TUI exits: the final frame says what became of the run instead.
	if (final) return null;
	return (
		<Box flexDirection="column" borderStyle="double" borderColor={colourOf('warn', colour)} paddingX={1} width={Math.min(columns, 72)}>
			<Text bold>{t.title}</Text>
			<Text>{t.made(changes)}</Text>
			<Text> </Text>
			<Text>{t.rollback}</Text>
			{keepable ? (
				<Text>{t.keep}</Text>
			) : (
				<Box paddingLeft={3}>
					<Text>{t.keepUnsavedKey}</Text>
				</Box>
			)}
			<Text>{t.stay}</Text>
		</Box>
	);
}
