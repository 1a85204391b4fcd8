import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {KeyKind} from '../../flows/create/apply.js';
import {typesAtLimit} from '../../flows/create/existing-keys.js';
import {
	createQuestions,
	useCaseFieldDefault,
	useCaseFieldRequired,
	useCaseFormFields,
	useCaseFormModel,
	type UseCaseFormField,
} from '../../flows/create/questions.js';
import type {CreateState} from '../../flows/create/machine.js';
import type {UseCaseForm} from '../../flows/ports.js';
import {TextField} from '../components/text-field.js';
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
	/** --use-case-form FILE was given: Anthropic's use-case form is not asked here (the file answers it). */
	readonly useCaseFormFile?: boolean;
	/** What AWS said when asked again whether the use-case form is there (CreateState.useCaseFormCheck). */
	readonly useCaseFormCheck?: CreateState['useCaseFormCheck'];
	/** Ask AWS again whether the use-case form is there (the runner asks; the review comes back with the answer). */
	readonly onCheckUseCaseForm?: () => void;
	/** Back to the models, to choose others (the use-case form's "back"). */
	readonly onOtherModels?: () => void;
	readonly active: boolean;
	readonly height: number;
	readonly onConfirm: (answers: ReviewAnswers) => void;
	/** Cancel from the question about existing files: nothing is made, nothing written. */
	readonly onCancel: () => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	/**
	 * Told when a question (the subscription, the held keys) opens and closes, and when it takes typed text
	 * (the use-case form's fields, where q is a letter): the footer shows that place's keys.
	 */
	readonly onAsking?: (asking: ReviewAsking) => void;
}

/** What the Review's questions answer, sent with the confirmation. */
export interface ReviewAnswers {
	readonly useCaseForm?: UseCaseForm;
	readonly replaceKeys?: boolean;
	readonly subscribe?: boolean;
	readonly existingFiles?: ExistingFilesChoice;
	readonly gitignore?: boolean;
}

/** What the review is asking now: nothing, a choice, or typed text. */
export type ReviewAsking = false | 'choice' | 'text';

export function ReviewScreen(props: ReviewScreenProps) {
	const {messages, colour, columns, terminalColumns, final} = useUi();
	const t = messages.ui.review;
	const {copied, copy} = useCopy();
	// Back from a check that found the form still missing: the question opens again, saying so.
	const [asking, setAsking] = useState<'useCaseForm' | 'subscribe' | 'keys' | 'files' | 'gitignore' | undefined>(
		props.useCaseFormCheck === 'still-missing' ? 'useCaseForm' : undefined,
	);
	// The answers given here so far (a question left with esc goes back to the review, keeping the earlier ones).
	const [given, setGiven] = useState<ReviewAnswers>(props.subscribe === undefined ? {} : {subscribe: props.subscribe});
	const {onAsking} = props;
	// Made once per review and size, not again when the copy note or a question opens and closes.
	const {review, replaceKeys, keyKinds, existingFiles} = props;
	const lines = useMemo(
		() => reviewLines(review, messages, columns, replaceKeys, keyKinds, terminalColumns ?? columns, existingFiles),
		[review, messages, columns, replaceKeys, keyKinds, terminalColumns, existingFiles],
	);
	const [typing, setTyping] = useState(false);
	useEffect(() => {
		onAsking?.(asking === undefined ? false : asking === 'useCaseForm' && typing ? 'text' : 'choice');
		return () => onAsking?.(false);
	}, [asking, typing, onAsking]);
	// The table's review questions in its order, each when it applies and no flag said: subscribe the account,
	// delete the keys the user holds, the files already there, .gitignore for the .env; then the confirmation.
	const next = (answers: ReviewAnswers): void => {
		setGiven(answers);
		if (!props.useCaseFormFile && answers.useCaseForm === undefined && createQuestions.useCaseForm.askedWhen?.({}, review)) return setAsking('useCaseForm');
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
			{props.useCaseFormCheck === 'submitted' ? <Text color={colourOf('good', colour)}>✓ {messages.questions.useCaseForm.submitted}</Text> : null}
			{asking === 'useCaseForm' ? (
				<UseCaseFormQuestion
					{...props}
					stillMissing={props.useCaseFormCheck === 'still-missing'}
					onTyping={setTyping}
					onAnswer={(answer) =>
						answer === undefined
							? setAsking(undefined)
							: answer === 'check'
								? props.onCheckUseCaseForm?.()
								: answer === 'back'
									? props.onOtherModels?.()
									: next({...given, useCaseForm: answer})
					}
				/>
			) : asking === 'subscribe' ? (
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
 * Anthropic's one-time use-case form, missing for the account: fill in its fields here (sent at the apply, before
 * anything is made), or submit it in the console and check again (the runner asks AWS), or choose other models.
 * Esc steps back: from a field to the one before, from the first field or the console's page to the choice.
 */
function UseCaseFormQuestion(
	props: ReviewScreenProps & {
		readonly stillMissing: boolean;
		readonly onAnswer: (answer: UseCaseForm | 'check' | 'back' | undefined) => void;
		/** Told whether the fields (typed text) are showing. */
		readonly onTyping: (typing: boolean) => void;
	},
) {
	const {messages, colour} = useUi();
	const words = messages.questions.useCaseForm;
	const [phase, setPhase] = useState<'choose' | 'console' | 'fields'>(props.stillMissing ? 'console' : 'choose');
	const {onTyping} = props;
	useEffect(() => {
		onTyping(phase === 'fields');
		return () => onTyping(false);
	}, [phase, onTyping]);
	const [index, setIndex] = useState(0);
	const [values, setValues] = useState<Partial<Record<UseCaseFormField, string>>>({});
	const [refused, setRefused] = useState(false);
	if (phase === 'fields') {
		const field = useCaseFormFields[index]!;
		const {label, hint} = words.fields[field];
		return (
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{words.fillIntro}</Text>
				{useCaseFormFields.slice(0, index).map((done) => (
					<Text key={done}>{`  ${words.fields[done].label}: ${values[done] ?? ''}`}</Text>
				))}
				<TextField
					key={field}
					freeText
					label={label}
					{...(hint ? {hint} : {})}
					initial={values[field] ?? useCaseFieldDefault[field] ?? ''}
					active={props.active}
					onSubmit={(typed) => {
						const value = typed.trim();
						if (useCaseFieldRequired(field) && value === '') return setRefused(true);
						setRefused(false);
						const filled = {...values, [field]: value};
						setValues(filled);
						if (index + 1 < useCaseFormFields.length) return setIndex(index + 1);
						props.onAnswer(filled as UseCaseForm);
					}}
					onBack={() => (setRefused(false), index === 0 ? setPhase('choose') : setIndex(index - 1))}
				/>
				{refused ? <Text color={colourOf('warn', colour)}>! {words.required}</Text> : null}
			</Box>
		);
	}
	if (phase === 'console')
		return (
			<Box flexDirection="column" marginTop={1}>
				{props.stillMissing ? <Text color={colourOf('warn', colour)}>! {words.stillMissing}</Text> : null}
				{words.console.map((line) => (
					<Text key={line}>{line}</Text>
				))}
				<Text bold>{words.consolePrompt}</Text>
				<Choices
					options={choicesOf(['check', 'fill', 'back'], words.consoleChoices)}
					initial="check"
					active={props.active}
					onChoose={(id) => (id === 'check' || id === 'back' ? props.onAnswer(id) : id === 'fill' ? setPhase('fields') : setPhase('choose'))}
					onQuit={props.onQuit}
				/>
			</Box>
		);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold color={colourOf('warn', colour)}>
				{words.prompt(useCaseFormModel(props.review))}
			</Text>
			<Choices
				options={choicesOf(['fill', 'console', 'back'], words.choices)}
				initial="fill"
				active={props.active}
				onChoose={(id) =>
					id === 'fill' ? setPhase('fields') : id === 'console' ? setPhase('console') : id === 'back' ? props.onAnswer('back') : props.onAnswer(undefined)
				}
				onQuit={props.onQuit}
			/>
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
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold color={colourOf('warn', colour)}>
				{words.prompt(needed)}
			</Text>
			<Choices
				options={choicesOf(['yes', 'back'], words.choices)}
				initial="yes"
				active={props.active}
				onChoose={(id) => props.onAnswer(id === 'yes' ? true : undefined)}
				onQuit={props.onQuit}
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
			<Choices
				options={options}
				initial={atLimit ? 'back' : 'keep'}
				active={props.active}
				onChoose={(id) => props.onAnswer(id === 'delete' ? true : id === 'keep' ? false : undefined)}
				onQuit={props.onQuit}
			/>
		</Box>
	);
}

/** A question's choices in this order, each named by the catalog's words for it. */
const choicesOf = <T extends string>(ids: readonly T[], names: Readonly<Record<T, string>>): Array<{id: T; label: string}> =>
	ids.map((id) => ({id, label: names[id]}));

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
				options={choicesOf(['add', 'leave'], words.choices)}
				initial="add"
				active={props.active}
				onChoose={(id) => props.onAnswer(id === undefined ? undefined : id === 'add')}
				onQuit={props.onQuit}
			/>
		</Box>
	);
}
