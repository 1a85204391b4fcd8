/**
 * A filterable single- or multi-select list: its state and its keys in one hook. The state lives in a
 * ref so back-to-back keys (a paste, a fast typist, a test) each see the previous key's result.
 *
 * A filterable list has two places a key can go, the fzf / lazygit way: the filter, a text field that
 * takes every printable character (q, j, k and space included), and the list, where j/k move, space
 * selects and q quits. The filter has the focus first; tab moves it to the list and back, and / moves it
 * from the list to the filter. The arrows, page keys and enter work in both.
 */
import {useEffect, useReducer, useRef} from 'react';
import {isPrintable} from './printable.js';
import {useKeys} from './use-keys.js';

/** Where a filterable list's keys go. */
export type ListFocus = 'filter' | 'list';

export interface ListItem {
	readonly id: string;
	/** What the filter matches against (lower-cased). */
	readonly search: string;
	/** A group heading: shown while any of its items matches, never selectable. */
	readonly heading?: boolean;
	readonly group?: string;
	/** Acts on enter/space instead of being selected (e.g. a preset). */
	readonly action?: boolean;
}

export interface SelectListOptions {
	readonly items: readonly ListItem[];
	readonly multi: boolean;
	readonly height: number;
	readonly active: boolean;
	readonly initialSelected?: readonly string[];
	readonly initialCursor?: string;
	readonly onSubmit: (selected: readonly string[], current: string | undefined) => void;
	readonly onBack?: () => void;
	readonly onQuit?: () => void;
	/** An `action` item was chosen; returns the new selection (or undefined to leave it). */
	readonly onAction?: (id: string) => readonly string[] | undefined;
	/** A short menu needs no filter: typing does nothing there (but q still quits). */
	readonly filterable?: boolean;
	/** Rows the status line under the list takes for this selection: the list gives them up. */
	readonly statusRows?: (selected: readonly string[]) => number;
	/** Told where the keys go, when the list appears and each time the focus moves (for the footer). */
	readonly onFocus?: (focus: ListFocus) => void;
	/** Another letter the list acts on while it has the focus (the models screen's s). */
	readonly onListKey?: (input: string) => void;
}

interface ListState {
	readonly focus: ListFocus;
	readonly filter: string;
	readonly cursorId: string | undefined;
	readonly selected: readonly string[];
	readonly offset: number;
}

export interface SelectListView {
	readonly focus: ListFocus;
	readonly filter: string;
	readonly rows: ReadonlyArray<{readonly item: ListItem; readonly current: boolean; readonly selected: boolean}>;
	readonly above: number;
	readonly below: number;
	readonly selected: readonly string[];
	readonly matches: number;
}

/** The fewest rows a list shows when its status line takes the rest. */
const MIN_ROWS_SHOWN = 3;

const words = (filter: string): string[] => filter.toLowerCase().split(/\s+/).filter(Boolean);

export function filterItems(items: readonly ListItem[], filter: string): readonly ListItem[] {
	const needles = words(filter);
	if (needles.length === 0) return items;
	const hits = items.filter((item) => !item.heading && needles.every((needle) => item.search.includes(needle)));
	const groups = new Set(hits.map((item) => item.group));
	return items.filter((item) => (item.heading ? groups.has(item.group) : hits.includes(item)));
}

export function useSelectList(options: SelectListOptions): SelectListView {
	const firstSelectable = options.items.find((item) => !item.heading)?.id;
	const state = useRef<ListState>({
		focus: options.filterable === false ? 'list' : 'filter',
		filter: '',
		cursorId: options.initialCursor ?? firstSelectable,
		selected: options.initialSelected ?? [],
		offset: 0,
	});
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const latest = useRef(options);
	latest.current = options;

	const update = (next: Partial<ListState>): void => {
		state.current = {...state.current, ...next};
		rerender();
	};
	const visible = (): readonly ListItem[] => filterItems(latest.current.items, state.current.filter);
	const selectable = (): readonly ListItem[] => visible().filter((item) => !item.heading);
	const move = (delta: number): void => {
		const list = selectable();
		if (list.length === 0) return;
		const index = list.findIndex((item) => item.id === state.current.cursorId);
		const next = list[Math.max(0, Math.min(list.length - 1, (index < 0 ? 0 : index) + delta))]!;
		update({cursorId: next.id});
	};
	const setFilter = (filter: string): void => {
		const list = filterItems(latest.current.items, filter).filter((item) => !item.heading);
		const keep = list.some((item) => item.id === state.current.cursorId);
		update({filter, offset: 0, cursorId: keep ? state.current.cursorId : list[0]?.id});
	};
	const current = (): ListItem | undefined => selectable().find((item) => item.id === state.current.cursorId);

	const focus = state.current.focus;
	useEffect(() => latest.current.onFocus?.(focus), [focus]);

	useKeys(
		(input, key) => {
			const o = latest.current;
			const onFilter = state.current.focus === 'filter';
			const onList = !onFilter;
			if (key.upArrow || (onList && input === 'k')) return move(-1);
			if (key.downArrow || (onList && input === 'j')) return move(1);
			if (key.pageUp) return move(-o.height);
			if (key.pageDown) return move(o.height);
			// Esc first empties the filter (and gives it the focus back), then goes back.
			if (key.escape) {
				if (!state.current.filter) return o.onBack?.();
				setFilter('');
				return update({focus: 'filter'});
			}
			if (o.filterable !== false && (key.tab || (onList && input === '/'))) return update({focus: onFilter ? 'list' : 'filter'});
			if (onFilter && (key.backspace || key.delete)) return setFilter(state.current.filter.slice(0, -1));
			if (onFilter && key.ctrl && input === 'u') return setFilter('');
			const item = current();
			if (key.return) {
				// Enter on a preset with nothing chosen yet takes the preset and goes on; otherwise enter confirms.
				if (item?.action && (!o.multi || state.current.selected.length === 0)) {
					act(item);
					return o.multi && state.current.selected.length > 0 ? o.onSubmit(state.current.selected, item.id) : undefined;
				}
				if (o.multi) return o.onSubmit(state.current.selected, item?.id);
				return item ? o.onSubmit([item.id], item.id) : undefined;
			}
			// ? opens the explanation on every screen (no model id or Region contains it).
			if (key.ctrl || key.meta || key.tab || input === '?') return;
			if (onFilter) {
				// Every printable character is text here, space and q included.
				if (isPrintable(input)) setFilter(state.current.filter + input);
				return;
			}
			if (input === ' ') {
				if (!item) return;
				if (item.action) return act(item);
				if (!o.multi) return;
				const selected = state.current.selected.includes(item.id)
					? state.current.selected.filter((id) => id !== item.id)
					: [...state.current.selected, item.id];
				return update({selected});
			}
			if (input === 'q') return o.onQuit?.();
			if (isPrintable(input)) o.onListKey?.(input);
		},
		{isActive: options.active},
	);

	const act = (item: ListItem): void => {
		const selected = latest.current.onAction?.(item.id);
		if (selected) update({selected});
	};

	const rows = visible();
	// However long the selection's status grows, the list keeps a few rows.
	const status = options.statusRows?.(state.current.selected) ?? 0;
	const height = status > 0 ? Math.max(Math.min(MIN_ROWS_SHOWN, options.height), options.height - status) : options.height;
	const cursorRow = Math.max(
		0,
		rows.findIndex((item) => item.id === state.current.cursorId),
	);
	let offset = Math.min(state.current.offset, Math.max(0, rows.length - height));
	if (cursorRow < offset) offset = cursorRow;
	if (cursorRow >= offset + height) offset = cursorRow - height + 1;
	// A heading just above the cursor is worth showing with it.
	if (offset > 0 && offset === cursorRow && rows[offset - 1]?.heading) offset -= 1;
	state.current = {...state.current, offset};
	return {
		focus: state.current.focus,
		filter: state.current.filter,
		rows: rows
			.slice(offset, offset + height)
			.map((item) => ({item, current: item.id === state.current.cursorId, selected: state.current.selected.includes(item.id)})),
		above: rows.slice(0, offset).filter((item) => !item.heading).length,
		below: rows.slice(offset + height).filter((item) => !item.heading).length,
		selected: state.current.selected,
		matches: rows.filter((item) => !item.heading).length,
	};
}
