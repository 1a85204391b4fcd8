import {Box, Text} from 'ink';
import type {Review} from '../../flows/create/review.js';
import {ScrollView} from '../components/scroll-view.js';
import {reviewLines} from '../review-lines.js';
import {useUi} from '../use-ui.js';

export interface ReviewScreenProps {
	readonly review: Review;
	readonly region: string;
	readonly active: boolean;
	readonly height: number;
	readonly onConfirm: () => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
}

export function ReviewScreen(props: ReviewScreenProps) {
	const {messages, columns} = useUi();
	const t = messages.ui.review;
	return (
		<Box flexDirection="column">
			<Text bold>{t.title(props.review.userName, props.region)}</Text>
			<ScrollView lines={reviewLines(props.review, messages, columns)} height={props.height} active={props.active} onEnter={props.onConfirm} onBack={props.onBack} onQuit={props.onQuit} />
			<Text>{t.confirm}</Text>
		</Box>
	);
}
