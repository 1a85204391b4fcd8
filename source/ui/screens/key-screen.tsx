import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import type {KeyKind} from '../../flows/create/apply.js';
import {colourOf, symbols} from '../theme.js';
import {useUi} from '../use-ui.js';
import {expiryChoices, IAM_USER_NAME, keyKinds, useKeyForm, type KeyField} from './use-key-form.js';

export interface KeyAnswer {
	readonly keyKinds: readonly KeyKind[];
	readonly expiresInDays: number | null;
	readonly userName: string;
}

export interface KeyScreenProps {
	readonly initial: {readonly keyKinds?: readonly KeyKind[]; readonly expiresInDays?: number | null; readonly userName?: string};
	readonly defaultUserName: string;
	readonly active: boolean;
	/** Whether the user exists already (undefined when it cannot be checked). */
	readonly userExists?: (userName: string) => Promise<boolean | undefined>;
	readonly onChoose: (answer: KeyAnswer) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

const DEFAULT_EXPIRY = 30;

export function KeyScreen(props: KeyScreenProps) {
	const {messages, colour} = useUi();
	const t = messages.ui.key;
	const [name, setName] = useState(props.initial.userName ?? props.defaultUserName);
	const [exists, setExists] = useState<'checking' | boolean | undefined>(undefined);
	const form = useKeyForm({
		initial: {
			kinds: props.initial.keyKinds ?? ['api-key'],
			expiry: props.initial.expiresInDays === undefined ? DEFAULT_EXPIRY : props.initial.expiresInDays,
			userName: props.initial.userName ?? props.defaultUserName,
		},
		active: props.active,
		onUserName: setName,
		onBack: props.onBack,
		onQuit: props.onQuit,
		onSubmit: (state) =>
			props.onChoose({keyKinds: state.kinds, expiresInDays: state.kinds.includes('api-key') ? state.expiry : null, userName: state.userName}),
	});
	// The collision check: an existing user is allowed (its policy is replaced), but the person should know now.
	useEffect(() => {
		if (!props.userExists || !IAM_USER_NAME.test(name)) return setExists(undefined);
		let current = true;
		setExists('checking');
		const timer = setTimeout(() => {
			props.userExists!(name).then(
				(found) => current && setExists(found),
				() => current && setExists(undefined),
			);
		}, 150);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	}, [name]);

	const row = (field: KeyField, content: React.ReactNode) => (
		<Text key={field}>
			<Text color={form.focus === field ? colourOf('accent', colour) : undefined} bold={form.focus === field}>
				{form.focus === field ? symbols.pointer : ' '}{' '}
			</Text>
			{content}
		</Text>
	);
	const nameValid = IAM_USER_NAME.test(form.userName);
	return (
		<Box flexDirection="column">
			<Text bold>{t.title}</Text>
			<Text> </Text>
			<Text dimColor>{t.kind}</Text>
			{keyKinds.map((kind) =>
				row(
					kind,
					<Text>
						<Text color={form.kinds.includes(kind) ? colourOf('good', colour) : undefined}>
							{form.kinds.includes(kind) ? symbols.selected : symbols.unselected}
						</Text>{' '}
						{t.kinds[kind]}
					</Text>,
				),
			)}
			{form.problem === 'kind' ? (
				<Text color={colourOf('bad', colour)}>
					{'  '}
					{symbols.fail} {t.needKind}
				</Text>
			) : null}
			<Text> </Text>
			{row(
				'expiry',
				<Text dimColor={!form.kinds.includes('api-key')}>
					{t.expiry}:{' '}
					{expiryChoices.map((choice) => {
						const label = choice === null ? t.never : t.days(choice);
						return choice === form.expiry ? `‹${label}› ` : ` ${label}  `;
					})}
				</Text>,
			)}
			{row(
				'user-name',
				<Text>
					{t.userName}: <Text color={colourOf('accent', colour)}>{form.userName}</Text>
					{form.focus === 'user-name' ? '▏' : ''}
				</Text>,
			)}
			<Text>
				{'    '}
				{!nameValid ? (
					<Text color={colourOf('bad', colour)}>
						{symbols.fail} {t.invalidUserName}
					</Text>
				) : exists === 'checking' ? (
					<Text dimColor>{t.checking}</Text>
				) : exists === true ? (
					<Text color={colourOf('warn', colour)}>{t.exists}</Text>
				) : exists === false ? (
					<Text color={colourOf('good', colour)}>{t.free}</Text>
				) : (
					' '
				)}
			</Text>
		</Box>
	);
}
