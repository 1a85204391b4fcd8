import {Box, Text} from 'ink';
import type {ApplyEvent} from '../../flows/create/apply.js';
import {applyRows} from '../apply-rows.js';
import {Spinner} from '../components/spinner.js';
import {colourOf, symbols} from '../theme.js';
import {useUi} from '../use-ui.js';

/** Each step with a spinner while it runs, then ✓ or ✗ (the rollback's steps too, marked ↶). */
export function ApplySteps({log}: {readonly log: readonly ApplyEvent[]}) {
	const {messages, colour} = useUi();
	const rows = applyRows(log, messages);
	const rollingBack = rows.some((row) => row.rollback);
	return (
		<Box flexDirection="column">
			<Text bold>{messages.ui.apply.title}</Text>
			{rows.map((row, index) => (
				<Box key={index} flexDirection="column">
					{rollingBack && row.rollback && !rows[index - 1]?.rollback ? <Text bold>{messages.ui.apply.rollbackTitle}</Text> : null}
					<Text>
						{row.status === 'running' ? (
							<Spinner />
						) : (
							<Text color={colourOf(row.status === 'done' ? 'good' : 'bad', colour)}>
								{row.status === 'done' ? (row.rollback ? '↶' : symbols.pass) : symbols.fail}
							</Text>
						)}{' '}
						{row.label}
					</Text>
					{row.error ? <Text color={colourOf('bad', colour)}>{`  ${row.error}`}</Text> : null}
				</Box>
			))}
		</Box>
	);
}
