/**
 * The quota plan in a terminal (`workshop plan`): per model, a table of its Bedrock quotas (now, what the class
 * needs, the headroom, a mark), then the verdict in words: enough headroom, or short by how much of what for
 * which model. Every colour repeats a symbol (✓ ✗ ?), so NO_COLOR loses nothing. Fits 80 columns: the route
 * (on-demand or cross-Region) is named once per model, not on every row.
 */
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Messages} from '../../core/i18n/en.js';
import {shortfalls, type QuotaPlan, type QuotaRow} from '../../core/workshop/quota-plan.js';

export interface QuotaPlanViewProps {
	readonly plan: QuotaPlan;
	readonly region: string;
	readonly messages: Messages;
	readonly lang: string;
	/** The terminal's width: prose wraps to it (the tables fit 80 columns). */
	readonly columns?: number;
}

const pad = (text: string, width: number, right: boolean): string => {
	const room = Math.max(0, width - stringWidth(text));
	return right ? ' '.repeat(room) + text : text + ' '.repeat(room);
};

const tone = (verdict: QuotaRow['verdict']): string => (verdict === 'ok' ? 'green' : verdict === 'short' ? 'red' : 'yellow');

export function QuotaPlanView({plan, region, messages, lang, columns}: QuotaPlanViewProps): React.JSX.Element {
	const text = messages.quotaPlan;
	const table = messages.workshop.quotas;
	const number = (value: number | undefined): string => (value === undefined ? '-' : value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US'));
	const cells = (row: QuotaRow): string[] => [table.measure[row.measure] ?? row.measure, number(row.value), number(row.need), number(row.headroom)];
	const header = [table.columns.quota, table.columns.value, table.columns.need, table.columns.headroom];
	// One set of widths for every model's table, so the columns line up down the screen.
	const widths = header.map((title, column) => Math.max(stringWidth(title), ...plan.rows.map((row) => stringWidth(cells(row)[column]!))));
	const line = (values: readonly string[]): string => values.map((value, column) => pad(value, widths[column]!, column > 0)).join('  ');
	const models = [...new Set(plan.rows.map((row) => row.requestedId))];
	const short = shortfalls(plan);
	const unknown = plan.rows.some((row) => row.verdict === 'unknown');
	return (
		<Box flexDirection="column" {...(columns ? {width: columns} : {})}>
			<Text bold>{text.title(plan.seats, region)}</Text>
			<Text dimColor>{text.rate(plan.rate.requestsPerMinute, plan.rate.inputTokens, plan.rate.outputTokens, plan.rate.hours)}</Text>
			{models.map((requestedId) => {
				const rows = plan.rows.filter((row) => row.requestedId === requestedId);
				const first = rows[0]!;
				return (
					<Box key={requestedId} flexDirection="column" marginTop={1}>
						<Text>
							<Text bold>{first.modelName}</Text>
							<Text>{`, ${table.route(first.crossRegion)}`}</Text>
							<Text dimColor>{` (${requestedId})`}</Text>
						</Text>
						<Text dimColor>{`  ${line(header)}  ${table.columns.verdict}`}</Text>
						{rows.map((row) => (
							<Text key={row.measure}>
								{`  ${line(cells(row))}  `}
								<Text color={tone(row.verdict)}>{table.verdict[row.verdict] ?? row.verdict}</Text>
							</Text>
						))}
						{first.burndown > 1 ? (
							<Box paddingLeft={2}>
								<Text dimColor>{table.burndown(first.modelName, first.burndown)}</Text>
							</Box>
						) : null}
					</Box>
				);
			})}
			<Box flexDirection="column" marginTop={1}>
				{short.length > 0 ? (
					<>
						<Text color="red" bold>
							{text.notEnough(short.length)}
						</Text>
						{short.map(({row, by}) => (
							<Box key={`${row.requestedId} ${row.measure}`} paddingLeft={2}>
								<Text color="red">{`✗ ${text.shortBy(by, row.measure, row.modelName, row.crossRegion)}`}</Text>
							</Box>
						))}
					</>
				) : unknown ? (
					<Text color="yellow">{text.incomplete}</Text>
				) : (
					<Text color="green" bold>
						{text.enough(plan.seats)}
					</Text>
				)}
				{unknown ? <Text dimColor>{table.unknown}</Text> : null}
				{plan.rows.some((row) => row.measure === 'requests-per-minute') ? <Text dimColor>{text.requestsNote}</Text> : null}
				{plan.skipped.length > 0 ? <Text dimColor>{table.skipped(plan.skipped)}</Text> : null}
			</Box>
		</Box>
	);
}
