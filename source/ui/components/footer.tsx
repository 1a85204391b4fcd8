import {Box, Text} from 'ink';
import {useUi} from '../use-ui.js';

/** The keys of the current screen, as the screen lists them (none in the final frame). */
export function Footer({keys}: {readonly keys: readonly string[]}) {
	const {colour, final} = useUi();
	// The frame left on the terminal after exit has no keys to name. It ends with an empty line: Ink writes a
	// frame as tall as the terminal without a line end, and the shell's prompt would follow on its last line.
	if (final) return <Text> </Text>;
	return (
		<Box marginTop={1}>
			<Text dimColor={!colour} color={colour ? 'gray' : undefined}>
				{keys.join(' · ')}
			</Text>
		</Box>
	);
}
