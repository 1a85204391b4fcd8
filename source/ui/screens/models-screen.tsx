import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import type {Catalog} from '../../core/catalog/index.js';
import type {ClientKind} from '../../core/clients/index.js';
import {createQuestions} from '../../flows/create/questions.js';
import {cells, cutCells, fitCells, wrapText} from '../cells.js';
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
	/** What will use the key: the preset row picks Claude Code's one model per slot family when it is among them. */
	readonly clients?: readonly ClientKind[];
	readonly active: boolean;
	readonly height: number;
	readonly onChoose: (modelIds: readonly string[]) => void;
	readonly onBack: () => void;
	readonly onQuit: () => void;
	readonly onFocus?: (focus: ListFocus) => void;
}

const PRESET = 'preset:starter';
/** From this width the selection is a panel beside the list, one id a line. */
const SIDE_PANEL_COLUMNS = 110;
/** Under the list, the selection takes at most this many lines until s shows it all. */
const SELECTION_LINES = 3;

export function ModelsScreen(props: ModelsScreenProps) {
	const {messages, colour, columns} = useUi();
	const t = messages.ui.models;
	// The whole selection under the list, however many lines it takes (s, with the list's focus).
	const [expanded, setExpanded] = useState(false);
	const {catalog, region, clients} = props;
	// The catalog's rows for this Region: made once, not on each render of the wizard around the list.
	const {choices, byId, items} = useMemo(() => {
		const choices = modelChoices(catalog, region);
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
		return {choices, byId: new Map(choices.map((choice) => [choice.id, choice])), items};
	}, [catalog, region, t]);
	// The preset's models, asked of the question only when the preset is chosen.
	const starter = (): readonly string[] =>
		(createQuestions.modelIds.default?.({catalog, region, ...(clients ? {clients} : {})}) ?? []).filter((id) => byId.has(id));
	const order = (ids: readonly string[]): readonly string[] => choices.map((choice) => choice.id).filter((id) => ids.includes(id));
	// Wide enough: the selection is a panel beside the list, as wide as its longest id.
	const panelWidth = Math.max(cells(t.selected(99)), ...choices.map((choice) => cells(choice.id)));
	const side = columns >= SIDE_PANEL_COLUMNS && columns - panelWidth - 2 >= 64;
	const listWidth = side ? columns - panelWidth - 2 : columns;
	const statusLines = (selected: readonly string[]): string[] => {
		if (selected.length === 0) return wrapText(t.needOne, columns).map((line) => line.map((segment) => segment.text).join(''));
		const all = selectionLines(t.selected(selected.length), order(selected), columns);
		if (expanded || all.length <= SELECTION_LINES) return all;
		// Collapsed: the lines that fit, then how many ids are left out and the key that shows them.
		const shown = all.slice(0, SELECTION_LINES - 1);
		// Ids hold no spaces: the words shown, less the label's, are the ids shown.
		const listed = shown.join(' ').split(' ').length - `${t.selected(selected.length)}:`.split(' ').length;
		return [...shown, t.moreSelected(selected.length - listed)];
	};
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
				onAction={starter}
				onSubmit={(selected) => selected.length > 0 && props.onChoose(order(selected))}
				onBack={props.onBack}
				onQuit={props.onQuit}
				{...(props.onFocus ? {onFocus: props.onFocus} : {})}
				onListKey={(input) => input === 's' && setExpanded((current) => !current)}
				width={listWidth}
				{...(side
					? {
							aside: (selected: readonly string[]) => (
								<Box flexDirection="column">
									<Text bold>{selected.length > 0 ? t.selected(selected.length) : t.selectionTitle}</Text>
									{order(selected).map((id) => (
										<Text key={id} color={colourOf('good', colour)}>
											{id}
										</Text>
									))}
								</Box>
							),
						}
					: {
							statusRows: (selected: readonly string[]) => statusLines(selected).length,
							status: (selected: readonly string[]) =>
								selected.length > 0 ? (
									<Box flexDirection="column">
										{statusLines(selected).map((line, index) => (
											<Text key={index} color={colourOf('good', colour)}>
												{line}
											</Text>
										))}
									</Box>
								) : (
									<Text dimColor>{t.needOne}</Text>
								),
						})}
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
function selectionLines(label: string, ids: readonly string[], width: number): string[] {
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

/** The fewest cells a model's name keeps beside its id. */
const MIN_NAME = 6;
/** The name keeps this many cells before badges are shown beside it (badges are cut first). */
const NAME_KEPT = 16;

function ModelRow({choice, width}: {readonly choice: ModelChoice; readonly width: number}) {
	const {messages, colour} = useUi();
	const t = messages.ui.models;
	const badges = [
		...(choice.model.lifecycle === 'LEGACY' ? [{text: t.legacy(choice.model.eolDate), tone: 'warn' as const}] : []),
		...(choice.viaProfile ? [{text: t.viaProfile, tone: 'accent' as const}] : []),
		...(choice.model.thirdParty ? [{text: t.marketplace, tone: 'muted' as const}] : []),
	];
	const badgeText = badges.map((badge) => `[${badge.text}]`).join(' ');
	const idCells = cells(choice.id);
	const badgeCells = badgeText ? cells(badgeText) + 1 : 0;
	// The id is what the key is for: it stays whole. Beside it the name keeps up to 26 cells and the badges
	// come after; where both do not fit, the badges are cut first, then the name gives way (down to 6 cells).
	const room = width - 1 - idCells;
	if (room >= MIN_NAME) {
		const nameWidth = room >= 26 + badgeCells ? 26 : Math.max(Math.min(26, room - badgeCells), Math.min(NAME_KEPT, room));
		const rest = room - nameWidth;
		return (
			<Text>
				{fitCells(choice.model.name, nameWidth)}
				<Text dimColor> {choice.id}</Text>
				{rest >= badgeCells ? (
					badges.map((badge) => (
						<Text key={badge.text} color={colourOf(badge.tone, colour)}>
							{' '}
							[{badge.text}]
						</Text>
					))
				) : rest >= 4 && badgeText ? (
					<Text color={colourOf(badges[0]!.tone, colour)}> {cutCells(badgeText, rest - 1)}</Text>
				) : null}
			</Text>
		);
	}
	// A terminal too narrow for any id beside a name: the name and badges; the lines under the list name the chosen ids.
	return <Text>{cutCells(`${choice.model.name}${badgeText ? ` ${badgeText}` : ''}`, width)}</Text>;
}
