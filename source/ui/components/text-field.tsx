import {Box, Text} from 'ink';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';
import {useTextField, type TextFieldOptions} from './use-text-field.js';

export interface TextFieldProps extends TextFieldOptions {
	readonly label: string;
	/** Show bullets instead of the text (a pasted secret). */
	readonly masked?: boolean;
	readonly hint?: string;
}

export function TextField(props: TextFieldProps) {
	const {colour, messages} = useUi();
	const value = useTextField(props);
	const shown = props.masked ? (value.length > 0 ? messages.ui.mask(value.length) : '') : value;
	return (
		<Box flexDirection="column">
			<Text>
				<Text bold={props.active}>
					{props.active ? '❯ ' : '  '}
					{props.label}:{' '}
				</Text>
				<Text color={colourOf('accent', colour)}>{shown}</Text>
				{props.active ? <Text>▏</Text> : null}
			</Text>
			{props.hint ? (
				<Text dimColor>
					{'  '}
					{props.hint}
				</Text>
			) : null}
		</Box>
	);
}
