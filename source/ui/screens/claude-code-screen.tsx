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
	if (keyFrom === undefined) {
		const sources = createQuestions.claudeKeyFrom.choices ?? [];
		return (
			<Box flexDirection="column">
				<Text bold>{words.claudeKeyFrom.label}</Text>
				<Text dimColor>{words.claudeKeyFrom.note}</Text>
				<SelectList
					key="key-from"
					items={sources.map((source) => ({id: source, search: source}))}
					multi={false}
					filterable={false}
					height={sources.length}
					initialCursor={props.initial?.claudeKeyFrom ?? createQuestions.claudeKeyFrom.default?.({}) ?? sources[0]!}
					active={props.active}
					noMatch=""
					onSubmit={(_, id) => {
						const chosen = sources.find((source) => source === id);
						if (!chosen) return;
						if (settingsGiven) finish(chosen, settingsGiven);
						else setKeyFrom(chosen);
					}}
					onBack={props.onBack}
					onQuit={props.onQuit}
					render={(item) => <Text>{words.claudeKeyFrom.choices[item.id as ClaudeKeySource]}</Text>}
				/>
			</Box>
		);
	}
	const files = createQuestions.claudeSettings.choices ?? [];
	return (
		<Box flexDirection="column">
			<Text bold>{words.claudeSettings.label}</Text>
			<SelectList
				key="settings"
				items={files.map((file) => ({id: file, search: file}))}
				multi={false}
				filterable={false}
				height={files.length}
				initialCursor={props.initial?.claudeSettings ?? createQuestions.claudeSettings.default?.({}) ?? files[0]!}
				active={props.active}
				noMatch=""
				onSubmit={(_, id) => {
					const chosen = files.find((file) => file === id);
					if (chosen) finish(keyFrom, chosen);
				}}
				// Back to the first question when it was asked here; else out of this screen.
				onBack={() => (askKey ? setKeyFrom(undefined) : props.onBack())}
				onQuit={props.onQuit}
				render={(item) => <Text>{words.claudeSettings.choices[item.id as ClaudeSettingsFile]}</Text>}
			/>
		</Box>
	);
}
