/**
 * The instructor's view of a class: a seat map (ten to a row, so 200 seats still fit a projector
 * without scrolling, which keeps Ink from redrawing the whole screen) and the seats that need attention.
 * Every colour comes with a symbol, so NO_COLOR loses nothing.
 */
import {Box, Text} from 'ink';
import type {Messages} from '../../core/i18n/en.js';
import type {SeatStatus, WorkshopStatus} from '../../flows/workshop/status.js';

export interface WorkshopDashboardProps {
	readonly status: WorkshopStatus;
	readonly verifying: ReadonlySet<number>;
	readonly messages: Messages;
	/** How many problem seats to list below the map. */
	readonly problemLines?: number;
}

type Mark = {readonly symbol: string; readonly color: string};

export function seatMark(seat: SeatStatus, verifying: boolean): Mark {
	if (verifying) return {symbol: '…', color: 'yellow'};
	if (seat.state !== 'ready') return {symbol: '!', color: 'red'};
	if (!seat.lastVerification) return {symbol: '○', color: 'gray'};
	return seat.lastVerification.pass ? {symbol: '✓', color: 'green'} : {symbol: '✗', color: 'red'};
}

const PER_ROW = 10;

export function WorkshopDashboard({status, verifying, messages, problemLines = 8}: WorkshopDashboardProps) {
	const text = messages.workshop.status;
	const width = String(Math.max(1, ...status.seats.map((seat) => seat.seat))).length + 3;
	const rows: SeatStatus[][] = [];
	for (let index = 0; index < status.seats.length; index += PER_ROW) rows.push(status.seats.slice(index, index + PER_ROW));
	const problems = status.seats.filter((seat) => seat.state !== 'ready' || (seat.lastVerification && !seat.lastVerification.pass));
	const checked = status.seats.filter((seat) => seat.lastVerification);
	return (
		<Box flexDirection="column">
			<Text bold>{text.heading(status.event, status.region ?? '?')}</Text>
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
			{problems.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text>{text.needsAttention}</Text>
					{problems.slice(0, problemLines).map((seat) => (
						<Text key={seat.seat}>
							{`  ${seatMark(seat, false).symbol} ${seat.seat} ${seat.userName ?? ''}: ${seat.state !== 'ready' ? text.state[seat.state] : (seat.lastVerification?.failures[0] ?? '')}`}
						</Text>
					))}
					{problems.length > problemLines ? <Text dimColor>{text.more(problems.length - problemLines)}</Text> : null}
				</Box>
			) : null}
		</Box>
	);
}
