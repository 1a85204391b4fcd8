import {Box, Text} from 'ink';
import {useUi} from '../use-ui.js';

/** The keys of the current screen, as the screen lists them. */
export function Footer({keys}: {readonly keys: readonly string[]}) {
	const {colour} = useUi();
	return (
		<Box marginTop={1}>
			<Text dimColor={!colour} color={colour ? 'gray' : undefined}>
				{keys.join(' · ')}
			</Text>
		</Box>
	);
}
