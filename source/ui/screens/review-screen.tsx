import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {KeyKind} from '../../flows/create/apply.js';
import {typesAtLimit} from '../../flows/create/existing-keys.js';
import {createQuestions} from '../../flows/create/questions.js';
import {existingPaths, filesGitWouldPickUp, modelsToSubscribe, newNamesOf, type ExistingFilesChoice, type Review} from '../../flows/create/review.js';
import {ScrollView} from '../components/scroll-view.js';
import {SelectList} from '../components/select-list.js';
import {CopyNote, useCopy} from '../components/use-copy.js';
import {reviewLines} from '../review-lines.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface ReviewScreenProps {
	readonly review: Review;
	readonly region: string;
	readonly keyKinds: readonly KeyKind[];
	/** The answer from --replace-keys; undefined: asked here when the user already holds keys. */
	readonly replaceKeys?: boolean;
	/** The answer from --subscribe; undefined: asked here when a chosen model needs a Marketplace subscription. */
	readonly subscribe?: boolean;
	/** The answer about files already there (--yes: overwrite); undefined: asked here when there are some. */
	readonly existingFiles?: ExistingFilesChoice;
	/** The answer from --gitignore; undefined: asked here when git would pick up the .env. */
	readonly gitignore?: boolean;
	readonly active: boolean;
	readonly height: number;
	readonly onConfirm: (answers: ReviewAnswers) => void;
	/** Cancel from the question about existing files: nothing is made, nothing written. */
	readonly onCancel: () => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	/** Told when a question (the subscription, the held keys) opens and closes (the footer shows its keys). */
	readonly onAsking?: (asking: boolean) => void;
}

/** What the Review's questions answer, sent with the confirmation. */
export interface ReviewAnswers {
	readonly replaceKeys?: boolean;
	readonly subscribe?: boolean;
	readonly existingFiles?: ExistingFilesChoice;
	readonly gitignore?: boolean;
}

export function ReviewScreen(props: ReviewScreenProps) {
	const {messages, columns, terminalColumns, final} = useUi();
	const t = messages.ui.review;
	const {copied, copy} = useCopy();
	const [asking, setAsking] = useState<'subscribe' | 'keys' | 'files' | 'gitignore' | undefined>(undefined);
	// The answers given here so far (a question left with esc goes back to the review, keeping the earlier ones).
	const [given, setGiven] = useState<ReviewAnswers>(props.subscribe === undefined ? {} : {subscribe: props.subscribe});
	const {onAsking} = props;
	// Made once per review and size, not again when the copy note or a question opens and closes.
	const {review, replaceKeys, keyKinds, existingFiles} = props;
	const lines = useMemo(
		() => reviewLines(review, messages, columns, replaceKeys, keyKinds, terminalColumns ?? columns, existingFiles),
		[review, messages, columns, replaceKeys, keyKinds, terminalColumns, existingFiles],
	);
	useEffect(() => {
		onAsking?.(asking !== undefined);
		return () => onAsking?.(false);
	}, [asking, onAsking]);
	// The table's review questions in its order, each when it applies and no flag said: subscribe the account,
	// delete the keys the user holds, the files already there, .gitignore for the .env; then the confirmation.
	const next = (answers: ReviewAnswers): void => {
		setGiven(answers);
		if (answers.subscribe === undefined && createQuestions.subscribe.askedWhen?.({}, review)) return setAsking('subscribe');
		if (props.replaceKeys === undefined && answers.replaceKeys === undefined && createQuestions.replaceKeys.askedWhen?.({}, review)) return setAsking('keys');
		const existingFiles = props.existingFiles ?? answers.existingFiles;
		if (existingFiles === undefined && createQuestions.existingFiles.askedWhen?.({}, review)) return setAsking('files');
		if (
			props.gitignore === undefined &&
			answers.gitignore === undefined &&
			createQuestions.gitignore.askedWhen?.({...(existingFiles ? {existingFiles} : {})}, review)
		)
			return setAsking('gitignore');
		setAsking(undefined);
		props.onConfirm(answers);
	};
	return (
		<Box flexDirection="column">
			<Text bold>{t.title(props.review.userName, props.region)}</Text>
			{asking === 'subscribe' ? (
				<SubscribeQuestion {...props} onAnswer={(answer) => (answer === undefined ? setAsking(undefined) : next({...given, subscribe: answer}))} />
			) : asking === 'keys' ? (
				<HeldKeysQuestion {...props} onAnswer={(replace) => (replace === undefined ? setAsking(undefined) : next({...given, replaceKeys: replace}))} />
			) : asking === 'files' ? (
				<ExistingFilesQuestion
					{...props}
					onAnswer={(choice) =>
						choice === undefined ? setAsking(undefined) : choice === 'cancel' ? props.onCancel() : next({...given, existingFiles: choice})
					}
				/>
			) : asking === 'gitignore' ? (
				<GitignoreQuestion
					{...props}
					existingFiles={props.existingFiles ?? given.existingFiles}
					onAnswer={(add) => (add === undefined ? setAsking(undefined) : next({...given, gitignore: add}))}
				/>
			) : (
				<>
					<ScrollView
						lines={lines}
						height={copied ? Math.max(3, props.height - 2) : props.height}
						active={props.active}
						onEnter={() => next(given)}
						onBack={props.onBack}
						onQuit={props.onQuit}
						// c copies the policy as it will be put (OSC 52, and a file: ui/clipboard.ts).
						onKey={(input) => input === 'c' && copy({what: messages.ui.copy.policy, text: props.review.plan.compiled.json, file: 'policy.json'})}
					/>
					<CopyNote copied={copied} />
					{final ? null : <Text>{messages.questions.confirmed.label}</Text>}
				</>
			)}
		</Box>
	);
}

/**
 * The chosen models the account is not subscribed to in AWS Marketplace: subscribe it with the operator's
 * credentials (never the key's), or go back. Declining is going back: a key for them could not work.
 */
function SubscribeQuestion(props: ReviewScreenProps & {readonly onAnswer: (subscribe: boolean | undefined) => void}) {
	const {messages, colour} = useUi();
	const words = messages.questions.subscribe;
	const needed = modelsToSubscribe(props.review);
	const options = [
		{id: 'yes', label: words.choices.yes},
		{id: 'back', label: words.choices.back},
	];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold color={colourOf('warn', colour)}>
				{words.prompt(needed)}
			</Text>
			<SelectList
				items={options.map((option) => ({id: option.id, search: option.label.toLowerCase()}))}
				multi={false}
				filterable={false}
				height={options.length}
				initialCursor="yes"
				active={props.active}
				noMatch=""
				onSubmit={(_, id) => props.onAnswer(id === 'yes' ? true : undefined)}
				onBack={() => props.onAnswer(undefined)}
				onQuit={props.onQuit}
				render={(item) => <Text>{options.find((option) => option.id === item.id)?.label}</Text>}
			/>
		</Box>
	);
}

/**
 * The keys the user holds, and whether to delete them once the new key works. The cursor starts on the
 * choice that deletes nothing, as for any deletion; at IAM's limit there is no keeping them, only
 * deleting or going back.
 */
function HeldKeysQuestion(props: ReviewScreenProps & {readonly onAnswer: (replace: boolean | undefined) => void}) {
	const {messages, colour} = useUi();
	const t = messages.create.heldKeys;
	const words = messages.questions.replaceKeys;
	const {review} = props;
	const held = review.heldKeys.keys;
	const atLimit = typesAtLimit(held, props.keyKinds).length > 0;
	const options = [
		...(atLimit ? [] : [{id: 'keep', label: words.choices.keep}]),
		{id: 'delete', label: atLimit ? words.choices.deleteAtLimit : words.choices.delete},
		{id: 'back', label: words.choices.back},
	];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={colourOf('warn', colour)}>! {t.title(review.userName, held.length)}</Text>
			{held.map((key) => (
				<Text key={key.id}>{`  - ${t.key(key)}`}</Text>
			))}
			<Text> </Text>
			<Text bold>{atLimit ? words.promptAtLimit(review.userName) : words.prompt(review.userName, held.length)}</Text>
			<SelectList
				items={options.map((option) => ({id: option.id, search: option.label.toLowerCase()}))}
				multi={false}
				filterable={false}
				height={options.length}
				initialCursor={atLimit ? 'back' : 'keep'}
				active={props.active}
				noMatch=""
				onSubmit={(_, id) => props.onAnswer(id === 'delete' ? true : id === 'keep' ? false : undefined)}
				onBack={() => props.onAnswer(undefined)}
				onQuit={props.onQuit}
				render={(item) => <Text>{options.find((option) => option.id === item.id)?.label}</Text>}
			/>
		</Box>
	);
}

/** A small list of choices under a question, the cursor on `initial`; esc goes back to the review. */
function Choices(props: {
	readonly options: ReadonlyArray<{readonly id: string; readonly label: string}>;
	readonly initial: string;
	readonly active: boolean;
	readonly onChoose: (id: string | undefined) => void;
	readonly onQuit: () => void;
}) {
	return (
		<SelectList
			items={props.options.map((option) => ({id: option.id, search: option.label.toLowerCase()}))}
			multi={false}
			filterable={false}
			height={props.options.length}
			initialCursor={props.initial}
			active={props.active}
			noMatch=""
			onSubmit={(_, id) => props.onChoose(id)}
			onBack={() => props.onChoose(undefined)}
			onQuit={props.onQuit}
			render={(item) => <Text>{props.options.find((option) => option.id === item.id)?.label}</Text>}
		/>
	);
}

/**
 * Files already where the run would write (a project's .env, an earlier run's policy.json): save beside them
 * under new names (the cursor starts there: nothing is lost), overwrite them (a .env kept aside first), or
 * cancel before anything is made in AWS.
 */
function ExistingFilesQuestion(props: ReviewScreenProps & {readonly onAnswer: (choice: ExistingFilesChoice | 'cancel' | undefined) => void}) {
	const {messages, colour} = useUi();
	const words = messages.questions.existingFiles;
	const files = props.review.files!;
	const newNames = newNamesOf(files);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold color={colourOf('warn', colour)}>
				{words.prompt(existingPaths(files))}
			</Text>
			<Choices
				options={[
					{id: 'new-name', label: words.choices['new-name'](newNames)},
					{id: 'overwrite', label: words.choices.overwrite},
					{id: 'cancel', label: words.choices.cancel},
				]}
				initial="new-name"
				active={props.active}
				onChoose={(id) => props.onAnswer(id === 'new-name' || id === 'overwrite' || id === 'cancel' ? id : undefined)}
				onQuit={props.onQuit}
			/>
		</Box>
	);
}

/** The .env (or a client's private file) would be inside a git work tree that does not ignore it: add them to .gitignore (the cursor starts there), or leave it. */
function GitignoreQuestion(props: ReviewScreenProps & {readonly onAnswer: (add: boolean | undefined) => void}) {
	const {messages, colour} = useUi();
	const words = messages.questions.gitignore;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold color={colourOf('warn', colour)}>
				{words.prompt(filesGitWouldPickUp(props.review.files!, props.existingFiles))}
			</Text>
			<Choices
				options={[
					{id: 'add', label: words.choices.add},
					{id: 'leave', label: words.choices.leave},
				]}
				initial="add"
				active={props.active}
				onChoose={(id) => props.onAnswer(id === undefined ? undefined : id === 'add')}
				onQuit={props.onQuit}
			/>
		</Box>
	);
}
