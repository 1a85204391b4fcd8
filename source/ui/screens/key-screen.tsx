/** The key step: its questions of the table (flows/create/questions.ts), one block each, in the table's order. */
import {Box, Text} from 'ink';
import {Fragment, useEffect, useState, type ReactNode} from 'react';
import type {PolicyType} from '../../core/policy/index.js';
import {createQuestions, keyKinds, policyTypes, questionsAt, type KeyKind, type QuestionsAt} from '../../flows/create/questions.js';
import {colourOf, symbols} from '../theme.js';
import {useUi} from '../use-ui.js';
import {expiryChoices, isUserName, outDirOf, useKeyForm, type KeyField} from './use-key-form.js';

export interface KeyAnswer {
	readonly keyKinds: readonly KeyKind[];
	readonly expiresInDays: number | null;
	readonly userName: string;
	readonly policyType: PolicyType;
	readonly outDir: string;
}

export interface KeyScreenProps {
	readonly initial: {
		readonly keyKinds?: readonly KeyKind[];
		readonly expiresInDays?: number | null;
		readonly userName?: string;
		readonly policyType?: PolicyType;
		readonly outDir?: string;
	};
	readonly defaultUserName: string;
	/** This folder already holds a .env: the folder offered is a new one named after the user. */
	readonly folderHasEnv?: boolean;
	readonly active: boolean;
	/** Whether the user exists already (undefined when it cannot be checked). */
	readonly userExists?: (userName: string) => Promise<boolean | undefined>;
	readonly onChoose: (answer: KeyAnswer) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

export function KeyScreen(props: KeyScreenProps) {
	const {messages, colour} = useUi();
	const t = messages.ui.key;
	const words = messages.questions;
	const [name, setName] = useState(props.initial.userName ?? props.defaultUserName);
	const [exists, setExists] = useState<'checking' | boolean | undefined>(undefined);
	const defaultOutDir = (userName: string): string => createQuestions.outDir.default?.({userName, folderHasEnv: props.folderHasEnv === true}) ?? '.';
	const form = useKeyForm({
		defaultOutDir,
		initial: {
			kinds: props.initial.keyKinds ?? createQuestions.keyKinds.default?.({}) ?? [],
			expiry: props.initial.expiresInDays === undefined ? (createQuestions.expiresInDays.default?.({}) ?? null) : props.initial.expiresInDays,
			userName: props.initial.userName ?? props.defaultUserName,
			policyType: props.initial.policyType ?? createQuestions.policyType.default?.({}) ?? 'auto',
			outDir: props.initial.outDir,
		},
		active: props.active,
		onUserName: setName,
		onBack: props.onBack,
		onQuit: props.onQuit,
		onSubmit: (state) =>
			props.onChoose({
				keyKinds: state.kinds,
				expiresInDays: expiryAsked(state.kinds) ? state.expiry : null,
				userName: state.userName,
				policyType: state.policyType,
				outDir: outDirOf(state, {defaultOutDir}),
			}),
	});
	// The collision check: an existing user is allowed (its policy is replaced), but the person should know now.
	useEffect(() => {
		if (!props.userExists || !isUserName(name)) return setExists(undefined);
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
	const nameValid = isUserName(form.userName);
	const blocks: {readonly [K in QuestionsAt<'key'>]: () => ReactNode} = {
		keyKinds: () => (
			<>
				<Text dimColor>{words.keyKinds.label}</Text>
				{keyKinds.map((kind) =>
					row(
						kind,
						<Text>
							<Text color={form.kinds.includes(kind) ? colourOf('good', colour) : undefined}>
								{form.kinds.includes(kind) ? symbols.selected : symbols.unselected}
							</Text>{' '}
							{words.keyKinds.choices[kind]}
						</Text>,
					),
				)}
				{form.problem === 'keyKinds' ? (
					<Text color={colourOf('bad', colour)}>
						{'  '}
						{symbols.fail} {words.keyKinds.required}
					</Text>
				) : null}
				<Text> </Text>
			</>
		),
		expiresInDays: () =>
			row(
				'expiresInDays',
				<Text dimColor={!expiryAsked(form.kinds)}>
					{words.expiresInDays.label}:{' '}
					{expiryChoices.map((choice) => {
						const label = choice === null ? words.expiresInDays.never : words.expiresInDays.days(choice);
						return choice === form.expiry ? `‹${label}› ` : ` ${label}  `;
					})}
				</Text>,
			),
		userName: () => (
			<>
				{row(
					'userName',
					<Text>
						{words.userName.label}: <Text color={colourOf('accent', colour)}>{form.userName}</Text>
						{form.focus === 'userName' ? '▏' : ''}
					</Text>,
				)}
				<Text>
					{'    '}
					{!nameValid ? (
						<Text color={colourOf('bad', colour)}>
							{symbols.fail} {words.userName.invalid}
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
			</>
		),
		policyType: () =>
			row(
				'policyType',
				<Text>
					{words.policyType.label}:{' '}
					{policyTypes.map((type) => (type === form.policyType ? `‹${words.policyType.choices[type]}› ` : ` ${words.policyType.choices[type]}  `))}
				</Text>,
			),
		// Where the files go: this folder, or a new one named after the user when this one already holds a .env.
		outDir: () => (
			<>
				{row(
					'outDir',
					<Text>
						{words.outDir.label}: <Text color={colourOf('accent', colour)}>{outDirOf(form, {defaultOutDir})}</Text>
						{form.focus === 'outDir' ? '▏' : ''}
					</Text>,
				)}
				<Text>
					{'    '}
					{form.problem === 'outDir' ? (
						<Text color={colourOf('bad', colour)}>
							{symbols.fail} {words.outDir.invalid}
						</Text>
					) : (
						<Text dimColor>{form.outDir === undefined ? words.outDir.hint(props.folderHasEnv === true) : ' '}</Text>
					)}
				</Text>
			</>
		),
	};
	return (
		<Box flexDirection="column">
			<Text bold>{t.title}</Text>
			<Text> </Text>
			{questionsAt('key').map((id) => (
				<Fragment key={id}>{blocks[id]()}</Fragment>
			))}
		</Box>
	);
}

/** The expiry is a long-term API key's: dimmed, and not answered, without one. */
const expiryAsked = (kinds: readonly KeyKind[]): boolean => createQuestions.expiresInDays.askedWhen?.({keyKinds: kinds}) ?? true;
