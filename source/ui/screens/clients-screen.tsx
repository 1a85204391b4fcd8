import {Box, Text} from 'ink';
import type {ClientKind} from '../../core/clients/index.js';
import {createQuestions} from '../../flows/create/questions.js';
import {SelectList} from '../components/select-list.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface ClientsScreenProps {
	readonly initial?: readonly ClientKind[];
	readonly active: boolean;
	readonly height: number;
	readonly onChoose: (clients: readonly ClientKind[]) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

/**
 * "What will use this key?" (issue 18), the models step's first screen when --client did not answer it:
 * the question's choices (flows/create/questions.ts) as a short multi-select list, none picked allowed.
 * The answer shapes the model picker after it, the policy, the probes and the client files (core/clients/).
 */
export function ClientsScreen(props: ClientsScreenProps) {
	const {messages, colour} = useUi();
	const words = messages.questions.clients;
	const kinds = createQuestions.clients.choices ?? [];
	const order = (ids: readonly string[]): ClientKind[] => kinds.filter((kind) => ids.includes(kind));
	return (
		<Box flexDirection="column">
			<Text bold>{words.label}</Text>
			<SelectList
				items={kinds.map((kind) => ({id: kind, search: kind}))}
				multi
				filterable={false}
				height={props.height}
				active={props.active}
				{...(props.initial ? {initialSelected: props.initial} : {})}
				noMatch=""
				onSubmit={(selected) => props.onChoose(order(selected))}
				onBack={props.onBack}
				onQuit={props.onQuit}
				status={(selected) =>
					selected.length > 0 ? (
						<Text color={colourOf('good', colour)}>
							{order(selected)
								.map((kind) => words.choices[kind])
								.join(', ')}
						</Text>
					) : (
						<Text dimColor>{words.none}</Text>
					)
				}
				render={(item) => <Text>{words.choices[item.id as ClientKind]}</Text>}
			/>
		</Box>
	);
}
