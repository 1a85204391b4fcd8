import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import type {KeyKind} from '../../flows/create/apply.js';
import {typesAtLimit} from '../../flows/create/existing-keys.js';
import {createQuestions} from '../../flows/create/questions.js';
import {modelsToSubscribe, type Review} from '../../flows/create/review.js';
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
	readonly active: boolean;
	readonly height: number;
	readonly onConfirm: (answers: {readonly replaceKeys?: boolean; readonly subscribe?: boolean}) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	/** Told when a question (the subscription, the held keys) opens and closes (the footer shows its keys). */
	readonly onAsking?: (asking: boolean) => void;
}

export function ReviewScreen(props: ReviewScreenProps) {
	const {messages, columns, terminalColumns, final} = useUi();
	const t = messages.ui.review;
	const {copied, copy} = useCopy();
	const [asking, setAsking] = useState<'subscribe' | 'keys' | undefined>(undefined);
	const [subscribe, setSubscribe] = useState<boolean | undefined>(props.subscribe);
	const {onAsking} = props;
	useEffect(() => {
		onAsking?.(asking !== undefined);
		return () => onAsking?.(false);
	}, [asking, onAsking]);
	// The table's review questions in its order: subscribe the account (when a chosen model needs it, and no
	// flag said), delete the keys the user holds (when it holds any, and no flag said), then the confirmation.
	const next = (subscribed: boolean | undefined): void => {
		if (subscribed === undefined && createQuestions.subscribe.askedWhen?.({}, props.review)) return setAsking('subscribe');
		if (props.replaceKeys === undefined && createQuestions.replaceKeys.askedWhen?.({}, props.review)) return setAsking('keys');
		setAsking(undefined);
		props.onConfirm(subscribed === undefined ? {} : {subscribe: subscribed});
	};
	return (
		<Box flexDirection="column">
			<Text bold>{t.title(props.review.userName, props.region)}</Text>
			{asking === 'subscribe' ? (
				<SubscribeQuestion
					{...props}
					onAnswer={(answer) => {
						if (answer === undefined) return setAsking(undefined);
						setSubscribe(answer);
						next(answer);
					}}
				/>
			) : asking === 'keys' ? (
				<HeldKeysQuestion
					{...props}
					onAnswer={(replace) =>
						replace === undefined ? setAsking(undefined) : props.onConfirm({replaceKeys: replace, ...(subscribe === undefined ? {} : {subscribe})})
					}
				/>
			) : (
				<>
					<ScrollView
						lines={reviewLines(props.review, messages, columns, props.replaceKeys, props.keyKinds, terminalColumns ?? columns)}
						height={copied ? Math.max(3, props.height - 2) : props.height}
						active={props.active}
						onEnter={() => next(subscribe)}
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
