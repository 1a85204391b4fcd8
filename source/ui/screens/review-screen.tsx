import {Box, Text} from 'ink';
import {useEffect, useState} from 'react';
import type {KeyKind} from '../../flows/create/apply.js';
import {typesAtLimit} from '../../flows/create/existing-keys.js';
import {createQuestions} from '../../flows/create/questions.js';
import type {Review} from '../../flows/create/review.js';
import {ScrollView} from '../components/scroll-view.js';
import {SelectList} from '../components/select-list.js';
import {reviewLines} from '../review-lines.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface ReviewScreenProps {
	readonly review: Review;
	readonly region: string;
	readonly keyKinds: readonly KeyKind[];
	/** The answer from --replace-keys; undefined: asked here when the user already holds keys. */
	readonly replaceKeys?: boolean;
	readonly active: boolean;
	readonly height: number;
	readonly onConfirm: (replaceKeys?: boolean) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	/** Told when the question about held keys opens and closes (the footer shows its keys). */
	readonly onAsking?: (asking: boolean) => void;
}

export function ReviewScreen(props: ReviewScreenProps) {
	const {messages, columns} = useUi();
	const t = messages.ui.review;
	const [asking, setAsking] = useState(false);
	const {onAsking} = props;
	useEffect(() => {
		onAsking?.(asking);
		return () => onAsking?.(false);
	}, [asking, onAsking]);
	// The table's review questions: whether to delete the keys the user holds (when it holds any, and no flag said), then the confirmation.
	const confirm = (): void => {
		if (props.replaceKeys === undefined && createQuestions.replaceKeys.askedWhen?.({}, props.review)) setAsking(true);
		else props.onConfirm();
	};
	return (
		<Box flexDirection="column">
			<Text bold>{t.title(props.review.userName, props.region)}</Text>
			{asking ? (
				<HeldKeysQuestion {...props} onAnswer={(replace) => (replace === undefined ? setAsking(false) : props.onConfirm(replace))} />
			) : (
				<>
					<ScrollView
						lines={reviewLines(props.review, messages, columns, props.replaceKeys, props.keyKinds)}
						height={props.height}
						active={props.active}
						onEnter={confirm}
						onBack={props.onBack}
						onQuit={props.onQuit}
					/>
					<Text>{messages.questions.confirmed.label}</Text>
				</>
			)}
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
