import {Box, Text} from 'ink';
import {useState} from 'react';
import type {ClaudeKeySource, ClaudeSettingsFile} from '../../core/clients/claude-code.js';
import {createQuestions} from '../../flows/create/questions.js';
import {SelectList} from '../components/select-list.js';
import {useUi} from '../use-ui.js';

export interface ClaudeCodeAnswers {
	readonly claudeKeyFrom: ClaudeKeySource;
	readonly claudeSettings: ClaudeSettingsFile;
}

export interface ClaudeCodeScreenProps {
	readonly initial?: Partial<ClaudeCodeAnswers>;
	/** An answer a flag gave: that question is not asked. */
	readonly given?: Partial<ClaudeCodeAnswers>;
	readonly active: boolean;
	readonly onChoose: (answers: ClaudeCodeAnswers) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

/**
 * With Claude Code among the clients (issue 18), just after "What will use this key?": where Claude Code reads
 * the key (the .env loaded when it starts, the environment, or its settings), then which settings file gets
 * the model pins (the project's settings.local.json, or ~/.claude/settings.json merged). The choices and their
 * defaults are the questions table's (flows/create/questions.ts); esc goes back a question, then to the clients.
 */
export function ClaudeCodeScreen(props: ClaudeCodeScreenProps) {
	const {messages} = useUi();
	const words = messages.questions;
	const askKey = props.given?.claudeKeyFrom === undefined;
	const [keyFrom, setKeyFrom] = useState<ClaudeKeySource | undefined>(askKey ? undefined : props.given?.claudeKeyFrom);
	const settingsGiven = props.given?.claudeSettings;
	const finish = (claudeKeyFrom: ClaudeKeySource, claudeSettings: ClaudeSettingsFile): void => props.onChoose({claudeKeyFrom, claudeSettings});
	if (keyFrom === undefined)
		return (
			<OneChoice
				key="key-from"
				label={words.claudeKeyFrom.label}
				note={words.claudeKeyFrom.note}
				choices={createQuestions.claudeKeyFrom.choices ?? []}
				initial={props.initial?.claudeKeyFrom ?? createQuestions.claudeKeyFrom.default?.({})}
				names={words.claudeKeyFrom.choices}
				active={props.active}
				onChoose={(chosen) => (settingsGiven ? finish(chosen, settingsGiven) : setKeyFrom(chosen))}
				onBack={props.onBack}
				onQuit={props.onQuit}
			/>
		);
	return (
		<OneChoice
			key="settings"
			label={words.claudeSettings.label}
			choices={createQuestions.claudeSettings.choices ?? []}
			initial={props.initial?.claudeSettings ?? createQuestions.claudeSettings.default?.({})}
			names={words.claudeSettings.choices}
			active={props.active}
			onChoose={(chosen) => finish(keyFrom, chosen)}
			// Back to the first question when it was asked here; else out of this screen.
			onBack={() => (askKey ? setKeyFrom(undefined) : props.onBack())}
			onQuit={props.onQuit}
		/>
	);
}

interface OneChoiceProps<T extends string> {
	readonly label: string;
	readonly note?: string;
	readonly choices: readonly T[];
	/** The cursor's start; the first choice when undefined. */
	readonly initial: T | undefined;
	readonly names: Readonly<Record<T, string>>;
	readonly active: boolean;
	readonly onChoose: (chosen: T) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

/** One of this screen's questions: a label, an optional note, and a one-pick list of the table's choices. */
function OneChoice<T extends string>(props: OneChoiceProps<T>) {
	const {choices} = props;
	return (
		<Box flexDirection="column">
			<Text bold>{props.label}</Text>
			{props.note === undefined ? null : <Text dimColor>{props.note}</Text>}
			<SelectList
				items={choices.map((choice) => ({id: choice, search: choice}))}
				multi={false}
				filterable={false}
				height={choices.length}
				initialCursor={props.initial ?? choices[0]!}
				active={props.active}
				noMatch=""
				onSubmit={(_, id) => {
					const chosen = choices.find((choice) => choice === id);
					if (chosen) props.onChoose(chosen);
				}}
				onBack={props.onBack}
				onQuit={props.onQuit}
				render={(item) => <Text>{props.names[item.id as T]}</Text>}
			/>
		</Box>
	);
}
