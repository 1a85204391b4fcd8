import {Box, Text} from 'ink';
import {useState} from 'react';
import type {ConnectionChoice} from '../create-store.js';
import {SelectList} from '../components/select-list.js';
import {TextField} from '../components/text-field.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface SignedOutScreenProps {
	readonly message: string;
	readonly fix?: string;
	readonly active: boolean;
	readonly onChoose: (choice: ConnectionChoice) => void;
}

/** No credentials: the ways in, and what can be done right now without them. */
export function SignedOutScreen(props: SignedOutScreenProps) {
	const {messages, colour} = useUi();
	const t = messages.ui.signedOut;
	const [askingProfile, setAskingProfile] = useState(false);
	const options = [
		{id: 'profile', label: t.useProfile},
		{id: 'guided', label: t.guided},
		{id: 'sandbox', label: t.sandbox},
		{id: 'quit', label: t.quit},
	];
	return (
		<Box flexDirection="column">
			<Text bold color={colourOf('warn', colour)}>
				! {t.title}
			</Text>
			<Text>
				{t.why}: {props.message}
			</Text>
			{props.fix ? <Text dimColor>{props.fix}</Text> : null}
			<Text> </Text>
			<Text>{t.waysIn}</Text>
			{t.ways.map((way) => (
				<Text key={way}>
					{'  • '}
					{way}
				</Text>
			))}
			<Text> </Text>
			{askingProfile ? (
				<TextField
					label={t.profilePrompt}
					hint={t.profileHint}
					active={props.active}
					onSubmit={(profile) => profile.trim() && props.onChoose({kind: 'profile', profile: profile.trim()})}
					onBack={() => setAskingProfile(false)}
				/>
			) : (
				<>
					<Text>{t.choose}</Text>
					<SelectList
						items={options.map((option) => ({id: option.id, search: option.label.toLowerCase()}))}
						multi={false}
						filterable={false}
						height={options.length}
						active={props.active}
						noMatch=""
						onSubmit={(_, id) => {
							if (id === 'profile') setAskingProfile(true);
							else if (id === 'guided' || id === 'sandbox' || id === 'quit') props.onChoose({kind: id});
						}}
						onQuit={() => props.onChoose({kind: 'quit'})}
						render={(item) => <Text>{options.find((option) => option.id === item.id)?.label}</Text>}
					/>
				</>
			)}
		</Box>
	);
}
