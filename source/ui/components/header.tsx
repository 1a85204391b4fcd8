import {Box, Text} from 'ink';
import type {CreateStep} from '../../flows/create/machine.js';
import {cells} from '../cells.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

const shown: readonly CreateStep[] = ['credentials', 'region', 'models', 'key', 'review', 'apply', 'verify', 'done'];

/** The title and where the person is; the current step is marked with ▸ and bold, not only with colour. */
export function Header({step}: {readonly step?: CreateStep}) {
	const {messages, colour, columns} = useUi();
	const t = messages.ui;
	const current = step === 'save' ? 'verify' : step;
	const names = shown.map((id) => (id === current ? `▸${t.steps[id]}` : t.steps[id]));
	// On a narrow terminal, only the current step's name.
	const trail = cells(names.join(' › ')) + cells(t.title) + 3 <= columns ? names.join(' › ') : current ? `▸${t.steps[current]}` : '';
	return (
		<Box>
			<Text bold color={colourOf('accent', colour)}>
				{t.title}
			</Text>
			<Text> </Text>
			<Text>
				{names.length > 0 && trail === names.join(' › ')
					? shown.map((id, index) => (
							<Text key={id} bold={id === current} dimColor={id !== current}>
								{index > 0 ? ' › ' : ''}
								{names[index]}
							</Text>
						))
					: trail}
			</Text>
		</Box>
	);
}
