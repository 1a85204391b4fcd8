import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {colourOf, symbols} from '../theme.js';
import {useUi} from '../use-ui.js';
import {useSelectList, type ListItem, type SelectListOptions} from './use-select-list.js';

export interface SelectListProps extends SelectListOptions {
	readonly render: (item: ListItem, width: number) => ReactNode;
	readonly noMatch: string;
	/** A status line under the list (e.g. how many are selected). */
	readonly status?: (selected: readonly string[]) => ReactNode;
	/** The list's width (default: the screen's); a panel beside it takes the rest. */
	readonly width?: number;
	/** A panel to the right of the list (the models screen's selection, on a wide terminal). */
	readonly aside?: (selected: readonly string[]) => ReactNode;
}

/** The list view: pointer and selection marks are symbols (❯ ◉ ◯), so they survive NO_COLOR. */
export function SelectList(props: SelectListProps) {
	const {messages, colour, columns: screen} = useUi();
	const view = useSelectList(props);
	const t = messages.ui;
	const columns = props.width ?? screen;
	const list = (
		<Box flexDirection="column" width={props.aside ? columns : undefined} flexShrink={0}>
			{props.filterable === false ? null : (
				<Text>
					<Text dimColor>{t.region.filter}: </Text>
					<Text color={colourOf('accent', colour)}>{view.filter}</Text>
					{/* The bar is the filter's cursor: it shows only while typing goes there. */}
					{view.focus === 'filter' ? (
						<Text dimColor>{view.filter ? '▏' : `▏(${t.keys.filter})`}</Text>
					) : (
						<Text dimColor>{view.filter ? '' : `(${t.keys.toFilter})`}</Text>
					)}
				</Text>
			)}
			{view.above > 0 ? <Text dimColor>{t.models.more(view.above, 0)}</Text> : props.filterable === false ? null : <Text> </Text>}
			{view.matches === 0 ? <Text color={colourOf('warn', colour)}>{props.noMatch}</Text> : null}
			{view.rows.map(({item, current, selected}) =>
				item.heading ? (
					<Box key={item.id}>{props.render(item, columns)}</Box>
				) : (
					<Box key={item.id}>
						<Text color={current ? colourOf('accent', colour) : undefined} bold={current}>
							{current ? symbols.pointer : ' '}{' '}
						</Text>
						{props.multi && !item.action ? (
							<Text color={selected ? colourOf('good', colour) : undefined}>{selected ? symbols.selected : symbols.unselected} </Text>
						) : null}
						{props.render(item, columns - (props.multi && !item.action ? 4 : 2))}
					</Box>
				),
			)}
			{view.below > 0 ? <Text dimColor>{t.models.more(0, view.below)}</Text> : props.filterable === false ? null : <Text> </Text>}
			{props.status?.(view.selected)}
		</Box>
	);
	return props.aside ? (
		<Box flexDirection="row">
			{list}
			<Box flexDirection="column" marginLeft={2}>
				{props.aside(view.selected)}
			</Box>
		</Box>
	) : (
		list
	);
}
