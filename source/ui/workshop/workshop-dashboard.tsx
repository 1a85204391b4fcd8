/**
 * The instructor's view of a class: a seat map (ten to a row, so 200 seats still fit a projector
 * without scrolling, which keeps Ink from redrawing the whole screen) and the seats that need attention.
 * Every colour comes with a symbol, so NO_COLOR loses nothing.
 */
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Messages} from '../../core/i18n/en.js';
import {formatTime} from '../../core/i18n/time.js';
import type {SeatStatus, WorkshopStatus} from '../../flows/workshop/status.js';

export interface WorkshopDashboardProps {
	readonly status: WorkshopStatus;
	readonly verifying: ReadonlySet<number>;
	readonly messages: Messages;
	/** The terminal's size: the seat table gets the rows left (80x24 when unknown), and the key column from 110 columns. */
	readonly rows?: number;
	readonly columns?: number;
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

/** One row of the seat table: what the plain `workshop status` table shows, the end once above it. */
function seatCells(seat: SeatStatus, verifying: boolean, messages: Messages, withKey: boolean, narrow: boolean): string[] {
	const text = messages.workshop.status;
	const full = verifying
		? '…'
		: !seat.lastVerification
			? text.verification.never
			: seat.lastVerification.pass
				? text.verification.pass(seat.lastVerification.at)
				: text.verification.fail(seat.lastVerification.at, seat.lastVerification.total - seat.lastVerification.passed);
	// Narrow: the check's time to the minute only (the zone is the heading's, the day today's).
	const at = seat.lastVerification?.at;
	const check = narrow && at && !verifying ? full.replace(formatTime(at), formatTime(at).split(' ')[1] ?? formatTime(at)) : full;
	return [
		String(seat.seat),
		seat.userName ?? '-',
		...(withKey ? [seat.credentialId ?? '-'] : []),
		`${seat.state === 'ready' ? '✓' : '✗'} ${text.state[seat.state]}`,
		check,
	];
}

export function WorkshopDashboard({status, verifying, messages, rows: height = 24, columns = 80}: WorkshopDashboardProps) {
	const text = messages.workshop.status;
	const width = String(Math.max(1, ...status.seats.map((seat) => seat.seat))).length + 3;
	const rows: SeatStatus[][] = [];
	for (let index = 0; index < status.seats.length; index += PER_ROW) rows.push(status.seats.slice(index, index + PER_ROW));
	// Below the table, the first failure of the first two seats whose check failed.
	const failedChecks = status.seats.filter((seat) => seat.lastVerification && !seat.lastVerification.pass).slice(0, 2);
	const checked = status.seats.filter((seat) => seat.lastVerification);
	const withKey = columns >= 110;
	const c = text.columns;
	const header = [c.seat, c.user, ...(withKey ? [c.key] : []), c.state, c.verified];
	const sorted = [...status.seats].sort((a, b) => rank(a, verifying) - rank(b, verifying) || a.seat - b.seat);
	const table = sorted.map((seat) => seatCells(seat, verifying.has(seat.seat), messages, withKey, columns < 100));
	// What is left of the screen once the map, legend, summary and the end are drawn.
	const room = Math.max(3, height - rows.length - 9);
	const shown = table.length > room ? table.slice(0, room - 1) : table;
	const widths = header.map((cell, index) => Math.max(stringWidth(cell), ...shown.map((row) => stringWidth(row[index] ?? ''))));
	const line = (cells: readonly string[]): string =>
		cells.map((cell, index) => (index === cells.length - 1 ? cell : cell + ' '.repeat(widths[index]! - stringWidth(cell)))).join('  ');
	const expires = status.seats.find((seat) => seat.expiresAt)?.expiresAt;
	return (
		<Box flexDirection="column">
			<Text bold>{text.heading(status.event, status.region ?? '?')}</Text>
			{expires ? <Text>{`${c.expires}: ${formatTime(expires)}`}</Text> : null}
			<Box flexDirection="column" marginY={1}>
				{rows.map((row, index) => (
					<Box key={index}>
						{row.map((seat) => {
							const mark = seatMark(seat, verifying.has(seat.seat));
							return (
								<Box key={seat.seat} width={width}>
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
			<Text dimColor>{text.legend}</Text>
			<Text>
				{text.summary(status.ready, status.seats.length)}{' '}
				{checked.length > 0 ? text.verifySummary(checked.filter((seat) => seat.lastVerification!.pass).length, checked.length) : ''}
			</Text>
			<Box flexDirection="column" marginTop={1}>
				<Text bold>{line(header)}</Text>
				{shown.map((row, index) => (
					<Text key={row[0]} color={rank(sorted[index]!, verifying) <= 1 ? 'red' : undefined}>
						{line(row)}
					</Text>
				))}
				{shown.length < table.length ? <Text dimColor>{text.more(table.length - shown.length)}</Text> : null}
			</Box>
			{failedChecks.map((seat) => (
				<Text key={`failure-${seat.seat}`} dimColor>{`  ✗ ${seat.seat}: ${seat.lastVerification!.failures[0] ?? ''}`}</Text>
			))}
		</Box>
	);
}
