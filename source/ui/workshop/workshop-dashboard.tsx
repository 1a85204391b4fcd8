/**
 * The instructor's view of a class (`workshop status` in a terminal): one row per seat (seat, IAM user, key age,
 * expiry, when it was last checked, the live result, calls and the last call from CloudTrail), the seats needing
 * attention first, redrawn as checks finish and activity arrives. Columns give way to the terminal's width
 * (the user name is cut first, then the key age and check time are dropped); when the rows do not all fit, a
 * seat map (ten to a row) keeps every seat in view. Times are the display zone's, named once above the table.
 * Every colour comes with a symbol, so NO_COLOR loses nothing.
 */
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Messages} from '../../core/i18n/en.js';
import {formatClock, formatTime, formatZone} from '../../core/i18n/time.js';
import type {SeatStatus, WorkshopStatus} from '../../flows/workshop/status.js';

export interface WorkshopDashboardProps {
	readonly status: WorkshopStatus;
	readonly verifying: ReadonlySet<number>;
	readonly messages: Messages;
	/** The terminal's size (80x24 when unknown). */
	readonly rows?: number;
	readonly columns?: number;
	/** The time ages and "today" are measured from (ISO); now when absent. */
	readonly now?: string;
	/** CloudTrail is being read: the activity columns say so rather than "unknown". */
	readonly readingActivity?: boolean;
	/** `--watch`: when the status was last read, how often it is read again, and why the last reading failed. */
	readonly watch?: {readonly updatedAt: string; readonly everySeconds: number; readonly error?: string};
}

type Mark = {readonly symbol: string; readonly color: string};

export function seatMark(seat: SeatStatus, verifying: boolean): Mark {
	if (verifying) return {symbol: '…', color: 'yellow'};
	if (seat.state !== 'ready') return {symbol: '!', color: 'red'};
	if (!seat.lastVerification) return {symbol: '○', color: 'gray'};
	return seat.lastVerification.pass ? {symbol: '✓', color: 'green'} : {symbol: '✗', color: 'red'};
}

const PER_ROW = 10;

/** Seats needing attention first (not ready, then a failed check), then being checked, then the rest; by number within each. */
function rank(seat: SeatStatus, verifying: ReadonlySet<number>): number {
	if (seat.state !== 'ready') return 0;
	if (seat.lastVerification && !seat.lastVerification.pass) return 1;
	return verifying.has(seat.seat) ? 2 : 3;
}

interface Column {
	readonly id: 'seat' | 'user' | 'keyAge' | 'expires' | 'checkedAt' | 'result' | 'calls' | 'lastCall';
	readonly header: string;
	readonly cells: readonly string[];
}

/**
 * What gives way, in order, until the table fits: the user name is cut (the seat number names the seat too),
 * the key age goes, the result is cut, then the check time, the last call and the expiry (the line above the
 * table names the class's end) go.
 */
const GIVE_WAY: ReadonlyArray<{readonly id: Column['id']; readonly cutTo?: number}> = [
	{id: 'user', cutTo: 10},
	{id: 'keyAge'},
	{id: 'result', cutTo: 14},
	{id: 'checkedAt'},
	{id: 'lastCall'},
	{id: 'expires'},
	{id: 'user', cutTo: 6},
];

/** Cuts `text` to `width` cells with … in the middle (`bkw-c…-003`), or at the end when `end`. */
function cut(text: string, width: number, end = false): string {
	if (stringWidth(text) <= width) return text;
	const chars = [...text];
	// Code point by code point, adding each one's width (not re-measuring the whole prefix each time): a
	// sequence that joins into one glyph is counted wider than it shows, so a cut is never too long.
	const keep = (from: readonly string[], cells: number): string[] => {
		const out: string[] = [];
		let used = 0;
		for (const char of from) {
			used += stringWidth(char);
			if (used > cells) break;
			out.push(char);
		}
		return out;
	};
	if (end) return `${keep(chars, width - 1).join('')}…`;
	const tail = keep([...chars].reverse(), Math.floor((width - 1) / 2)).reverse();
	return `${keep(chars, width - 1 - stringWidth(tail.join(''))).join('')}…${tail.join('')}`;
}

/** The columns that fit `width` (two spaces between), each as wide as its widest cell unless cut. */
function fit(columns: readonly Column[], width: number): {readonly columns: readonly Column[]; readonly widths: readonly number[]} {
	let kept = [...columns];
	const limits = new Map<Column['id'], number>();
	// Each column's own width is measured once per frame; the give-way steps below only compare it with the cuts.
	const natural = new Map(columns.map((column) => [column, Math.max(stringWidth(column.header), ...column.cells.map((cell) => stringWidth(cell)))]));
	const widthsOf = (): number[] => kept.map((column) => Math.min(limits.get(column.id) ?? Infinity, natural.get(column)!));
	const total = (list: readonly number[]): number => list.reduce((sum, each) => sum + each, 0) + 2 * (list.length - 1);
	for (const step of GIVE_WAY) {
		if (total(widthsOf()) <= width) break;
		if (step.cutTo === undefined) kept = kept.filter((column) => column.id !== step.id);
		else limits.set(step.id, step.cutTo);
	}
	// A column dropped after a cut may have left room: the cut columns take it back.
	for (const id of limits.keys()) {
		const slack = width - total(widthsOf());
		if (slack > 0) limits.set(id, limits.get(id)! + slack);
	}
	return {columns: kept, widths: widthsOf()};
}

export function WorkshopDashboard({status, verifying, messages, rows: height = 24, columns = 80, now, readingActivity, watch}: WorkshopDashboardProps) {
	const text = messages.workshop.status;
	const c = text.columns;
	const at = now ?? new Date().toISOString();
	const nowMs = Date.parse(at);
	const sorted = [...status.seats].sort((a, b) => rank(a, verifying) - rank(b, verifying) || a.seat - b.seat);
	const activity = status.activity;
	const clock = (iso: string | undefined): string => (iso ? formatClock(iso, at) : '-');
	const result = (seat: SeatStatus): string => {
		if (seat.state !== 'ready') return `✗ ${text.state[seat.state]}`;
		if (verifying.has(seat.seat)) return text.dashboard.result.checking;
		if (!seat.lastVerification) return text.dashboard.result.never;
		return seat.lastVerification.pass ? text.dashboard.result.works : text.dashboard.result.failed(seat.lastVerification.total - seat.lastVerification.passed);
	};
	const calls = (seat: SeatStatus): string => {
		if (readingActivity && !activity) return text.activity.reading;
		if (activity?.source !== 'cloudtrail' || !seat.userName) return '?';
		return seat.activity?.lastAt ? text.activity.count(seat.activity.calls, seat.activity.refused) : text.activity.none;
	};
	// One end for the whole class is named above the table; a column only when seats differ.
	const ends = new Set(status.seats.map((seat) => seat.expiresAt));
	const table: Column[] = [
		{id: 'seat', header: c.seat, cells: sorted.map((seat) => String(seat.seat))},
		{id: 'user', header: c.user, cells: sorted.map((seat) => seat.userName ?? '-')},
		{
			id: 'keyAge',
			header: c.keyAge,
			cells: sorted.map((seat) => (seat.keyCreatedAt ? text.age(Math.max(0, Math.floor((nowMs - Date.parse(seat.keyCreatedAt)) / 60_000))) : '-')),
		},
		...(ends.size > 1 ? [{id: 'expires' as const, header: c.expires, cells: sorted.map((seat) => clock(seat.expiresAt))}] : []),
		{id: 'checkedAt', header: c.checkedAt, cells: sorted.map((seat) => (verifying.has(seat.seat) ? '…' : clock(seat.lastVerification?.at)))},
		{id: 'result', header: c.result, cells: sorted.map(result)},
		{id: 'calls', header: c.calls, cells: sorted.map(calls)},
		...(activity?.source === 'cloudtrail' ? [{id: 'lastCall' as const, header: c.lastCall, cells: sorted.map((seat) => clock(seat.activity?.lastAt))}] : []),
	];
	// The terminal keeps one column spare (Ink wraps a line as wide as the screen).
	const {columns: shownColumns, widths} = fit(table, columns - 1);
	const line = (cells: readonly string[]): string =>
		cells
			.map((cell, index) => {
				const fitted = cut(cell, widths[index]!, shownColumns[index]!.id !== 'user');
				return index === cells.length - 1 ? fitted : fitted + ' '.repeat(widths[index]! - stringWidth(fitted));
			})
			.join('  ')
			.trimEnd();
	const rowOf = (index: number): string[] => shownColumns.map((column) => column.cells[index] ?? '');
	// Above the table: heading, times line, blank; below: summary, activity line, up to two failures.
	const failedChecks = status.seats.filter((seat) => seat.lastVerification && !seat.lastVerification.pass).slice(0, 2);
	const fixed = 3 + 1 + 2 + failedChecks.length + 1 + (watch ? 1 : 0);
	let room = Math.max(3, height - fixed);
	// Not every row fits: a seat map above the table keeps every seat in view.
	const mapRows: SeatStatus[][] = [];
	if (sorted.length > room) {
		for (let index = 0; index < status.seats.length; index += PER_ROW) mapRows.push(status.seats.slice(index, index + PER_ROW));
		room = Math.max(3, room - mapRows.length - 2);
	}
	const shown = sorted.length > room ? room - 1 : sorted.length;
	const cellWidth = String(Math.max(1, ...status.seats.map((seat) => seat.seat))).length + 3;
	const checked = status.seats.filter((seat) => seat.lastVerification);
	const definedEnds = [...ends].filter((end) => end !== undefined);
	const expires = definedEnds.length === 1 ? definedEnds[0] : undefined;
	const activityLine =
		activity?.source === 'cloudtrail'
			? text.activity.sourceShort(activity.from)
			: activity
				? text.activity.unavailableShort
				: readingActivity
					? text.activity.readingShort
					: undefined;
	const width = columns - 1;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{text.heading(status.event, status.region ?? '?')}
			</Text>
			<Text wrap="truncate-end">{`${text.dashboard.times(formatZone(at))}${expires ? ` · ${c.expires}: ${formatTime(expires)}` : ''}`}</Text>
			{watch ? (
				<Text dimColor={!watch.error} color={watch.error ? 'yellow' : undefined} wrap="truncate-end">
					{watch.error ? `! ${text.dashboard.refreshFailed(watch.error)}` : text.dashboard.updated(watch.updatedAt, watch.everySeconds)}
				</Text>
			) : null}
			{mapRows.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text dimColor>{cut(`${text.dashboard.map} ${text.legend}`, width, true)}</Text>
					{mapRows.map((row, index) => (
						<Box key={index}>
							{row.map((seat) => {
								const mark = seatMark(seat, verifying.has(seat.seat));
								return (
									<Box key={seat.seat} width={cellWidth}>
										<Text color={mark.color}>
											{mark.symbol}
											{String(seat.seat)}
										</Text>
									</Box>
								);
							})}
						</Box>
					))}
				</Box>
			) : null}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{line(shownColumns.map((column) => column.header))}</Text>
				{sorted.slice(0, shown).map((seat, index) => (
					<Text key={seat.seat} color={rank(seat, verifying) <= 1 ? 'red' : undefined}>
						{line(rowOf(index))}
					</Text>
				))}
				{shown < sorted.length ? <Text dimColor>{text.more(sorted.length - shown)}</Text> : null}
			</Box>
			<Text wrap="truncate-end">
				{text.summary(status.ready, status.seats.length)}
				{checked.length > 0 ? ` ${text.verifySummary(checked.filter((seat) => seat.lastVerification!.pass).length, checked.length)}` : ''}
			</Text>
			{activityLine ? (
				<Text dimColor wrap="truncate-end">
					{activityLine}
				</Text>
			) : null}
			{failedChecks.map((seat) => (
				<Text key={`failure-${seat.seat}`} dimColor wrap="truncate-end">{`  ✗ ${seat.seat}: ${seat.lastVerification!.failures[0] ?? ''}`}</Text>
			))}
		</Box>
	);
}
