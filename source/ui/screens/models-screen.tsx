import {Box, Text} from 'ink';
import type {Catalog} from '../../core/catalog/index.js';
import {createQuestions} from '../../flows/create/questions.js';
import {cells, fitCells, wrapText} from '../cells.js';
import {modelChoices, type ModelChoice} from '../catalog-choices.js';
import {SelectList} from '../components/select-list.js';
import type {ListFocus} from '../components/use-select-list.js';
import type {ListItem} from '../components/use-select-list.js';
import {colourOf} from '../theme.js';
import {useUi} from '../use-ui.js';

export interface ModelsScreenProps {
	readonly catalog: Catalog;
	readonly region: string;
	readonly initial?: readonly string[];
	readonly active: boolean;
	readonly height: number;
	readonly onChoose: (modelIds: readonly string[]) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	readonly onFocus?: (focus: ListFocus) => void;
}

const PRESET = 'preset:starter';

export function ModelsScreen(props: ModelsScreenProps) {
	const {messages, colour, columns} = useUi();
	const t = messages.ui.models;
	const choices = modelChoices(props.catalog, props.region);
	const byId = new Map(choices.map((choice) => [choice.id, choice]));
	const items: ListItem[] = [{id: PRESET, search: `${t.starter} starter preset`.toLowerCase(), action: true}];
	let group = '';
	for (const choice of choices) {
		if (choice.group !== group) {
			group = choice.group;
			items.push({id: `group:${group}`, search: '', heading: true, group});
		}
		const m = choice.model;
		items.push({id: choice.id, group, search: `${m.name} ${choice.id} ${m.provider} ${m.kind} ${t.kinds[m.kind]}`.toLowerCase()});
	}
	const starter = (createQuestions.modelIds.default?.({catalog: props.catalog, region: props.region}) ?? []).filter((id) => byId.has(id));
	const order = (ids: readonly string[]): readonly string[] => choices.map((choice) => choice.id).filter((id) => ids.includes(id));
	return (
		<Box flexDirection="column">
			<Text bold>{messages.questions.modelIds.label(props.region)}</Text>
			<SelectList
				items={items}
				multi
				height={props.height}
				active={props.active}
				{...(props.initial ? {initialSelected: props.initial} : {})}
				noMatch={t.noMatch}
				onAction={() => starter}
				onSubmit={(selected) => selected.length > 0 && props.onChoose(order(selected))}
				onBack={props.onBack}
				onQuit={props.onQuit}
				{...(props.onFocus ? {onFocus: props.onFocus} : {})}
				statusRows={(selected) =>
					(selected.length > 0 ? selectionLines(t.selected(selected.length), order(selected), columns) : wrapText(t.needOne, columns)).length
				}
				status={(selected) =>
					selected.length > 0 ? (
						<Box flexDirection="column">
							{selectionLines(t.selected(selected.length), order(selected), columns).map((line, index) => (
								<Text key={index} color={colourOf('good', colour)}>
									{line}
								</Text>
							))}
						</Box>
					) : (
						<Text dimColor>{t.needOne}</Text>
					)
				}
				render={(item, width) => {
					if (item.id === PRESET) return <Text bold>★ {t.starter}</Text>;
					if (item.heading) {
						const [provider = '', kind = 'chat'] = (item.group ?? '').split('/');
						return <Text dimColor bold>{`── ${provider} · ${t.kinds[kind as keyof typeof t.kinds]}`}</Text>;
					}
					return <ModelRow choice={byId.get(item.id)!} width={width} />;
				}}
			/>
		</Box>
	);
}

/**
 * The selection in full: the count, then every chosen id, packed into lines of the terminal's width and
 * never cut (an id is copied from here, so it is not split at a line's end unless it is wider than one).
 */
export function selectionLines(label: string, ids: readonly string[], width: number): string[] {
	const words = [`${label}:`, ...ids.map((id, index) => (index < ids.length - 1 ? `${id},` : id))];
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line && cells(line) + 1 + cells(word) > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

function ModelRow({choice, width}: {readonly choice: ModelChoice; readonly width: number}) {
	const {messages, colour} = useUi();
	const t = messages.ui.models;
	const badges = [
		...(choice.model.lifecycle === 'LEGACY' ? [{text: t.legacy(choice.model.eolDate), tone: 'warn' as const}] : []),
		...(choice.viaProfile ? [{text: t.viaProfile, tone: 'accent' as const}] : []),
		...(choice.model.thirdParty ? [{text: t.marketplace, tone: 'muted' as const}] : []),
	];
	const badgeText = badges.map((badge) => `[${badge.text}]`).join(' ');
	const nameWidth = Math.min(26, Math.max(12, width - 40));
	const idWidth = Math.max(10, width - nameWidth - 2 - (badgeText ? cells(badgeText) + 1 : 0));
	return (
		<Text>
			{fitCells(choice.model.name, nameWidth)}
			{/* On a narrow terminal the id gives way to the name and badges; the status line lists the chosen ids. */}
			{idWidth >= 30 ? <Text dimColor> {fitCells(choice.id, idWidth)}</Text> : null}
			{badges.map((badge) => (
				<Text key={badge.text} color={colourOf(badge.tone, colour)}>
					{' '}
					[{badge.text}]
				</Text>
			))}
		</Text>
	);
}
