import {Box, Text} from 'ink';
import type {Catalog} from '../../core/catalog/index.js';
import {fitCells} from '../cells.js';
import {regionChoices} from '../catalog-choices.js';
import {SelectList} from '../components/select-list.js';
import type {ListFocus} from '../components/use-select-list.js';
import {useUi} from '../use-ui.js';

export interface RegionScreenProps {
	readonly catalog: Catalog;
	readonly initial?: string;
	readonly active: boolean;
	readonly height: number;
	readonly onChoose: (region: string) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	readonly onFocus?: (focus: ListFocus) => void;
}

export function RegionScreen(props: RegionScreenProps) {
	const {messages} = useUi();
	const t = messages.ui.region;
	const words = messages.questions.region;
	const choices = regionChoices(props.catalog);
	const counts = new Map(choices.map((choice) => [choice.region, choice.models]));
	return (
		<Box flexDirection="column">
			<Text bold>{words.label}</Text>
			<SelectList
				items={choices.map((choice) => ({id: choice.region, search: choice.region}))}
				multi={false}
				height={props.height}
				active={props.active}
				{...(props.initial ? {initialCursor: props.initial} : {})}
				noMatch={t.noMatch}
				onSubmit={(_, current) => current && props.onChoose(current)}
				onBack={props.onBack}
				onQuit={props.onQuit}
				{...(props.onFocus ? {onFocus: props.onFocus} : {})}
				render={(item) => (
					<Text>
						{fitCells(item.id, 16)} <Text dimColor>{fitCells(t.models(counts.get(item.id) ?? 0), 10, 'right')}</Text>
					</Text>
				)}
			/>
			{props.catalog.origin === 'snapshot' ? <Text dimColor>{t.bundled(props.catalog.asOf)}</Text> : null}
		</Box>
	);
}
