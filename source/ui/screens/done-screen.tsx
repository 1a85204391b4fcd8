import {Box, Text, useStdout} from 'ink';
import {useState} from 'react';
import type {CreateState} from '../../flows/create/machine.js';
import {ScrollView} from '../components/scroll-view.js';
import {copyableSecret, doneLines} from '../done-lines.js';
import {osc52} from '../osc52.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface DoneScreenProps {
	readonly state: CreateState;
	readonly active: boolean;
	readonly height: number;
	readonly onExit: () => void;
}

/** The key masked, r to reveal it, c to copy it (OSC 52), where the files went, and how to use it. */
export function DoneScreen(props: DoneScreenProps) {
	const {messages, colour, columns} = useUi();
	const {write} = useStdout();
	const [revealed, setRevealed] = useState(false);
	const [copied, setCopied] = useState<string | undefined>(undefined);
	const t = messages.ui.done;
	// The last frame stays on the terminal after exit: never leave the key there in clear.
	const leave = (): void => {
		setRevealed(false);
		setTimeout(props.onExit, 50);
	};
	const lines = doneLines(props.state, messages, columns, revealed);
	return (
		<Box flexDirection="column">
			<Text bold color={colourOf(props.state.report?.pass ? 'good' : 'bad', colour)}>
				{props.state.report?.pass ? t.title : t.failedTitle}
			</Text>
			<ScrollView
				lines={lines}
				height={props.height}
				active={props.active}
				onEnter={leave}
				onQuit={leave}
				onBack={leave}
				onKey={(input) => {
					if (input === 'r') setRevealed((current) => !current);
					if (input === 'c') {
						const secret = copyableSecret(props.state, messages);
						if (!secret) return;
						write(osc52(secret.value));
						setCopied(secret.label);
					}
				}}
			/>
			{copied ? <Text color={colourOf('good', colour)}>✓ {t.copied(copied)}</Text> : null}
		</Box>
	);
}
