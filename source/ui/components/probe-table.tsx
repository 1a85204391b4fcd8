import {Box, Text} from 'ink';
import type {ProbeSpec} from '../../core/verify/probe-plan.js';
import type {ProbeResult} from '../../core/verify/report.js';
import {cells, cutCells, fitCells} from '../cells.js';
import {colourOf, symbols} from '../theme.js';
import {useUi} from '../use-ui.js';
import {Spinner} from './spinner.js';

export interface ProbeRow {
	readonly spec: Pick<ProbeSpec, 'target' | 'auth' | 'expected'> & {readonly operation: string};
	readonly result?: ProbeResult;
	/** The last try failed and another is coming (IAM propagation). */
	readonly retrying?: boolean;
}

/**
 * One row per probe: model, call, auth, expected, outcome, latency. Below 100 columns a model id does
 * not fit beside five columns, so each model gets a line of its own with its calls under it.
 */
export function ProbeTable({rows}: {readonly rows: readonly ProbeRow[]}) {
	const {messages, colour, columns} = useUi();
	const h = messages.create.table;
	const v = messages.ui.verify;
	const expected = messages.run.probe.expected;
	const outcome = (row: ProbeRow): string => {
		if (!row.result) return v.pending;
		if (row.retrying) return v.retrying;
		if (row.result.expected === 'deny' && row.result.pass) return v.deniedAsExpected;
		return v[row.result.outcome];
	};
	const widths = {
		call: Math.max(cells(h.call), ...rows.map((row) => cells(row.spec.operation))),
		auth: Math.max(cells(h.auth), ...rows.map((row) => cells(row.spec.auth))),
		expected: Math.max(cells(h.expected), ...rows.map((row) => cells(expected[row.spec.expected]))),
		outcome: Math.max(cells(h.outcome), cells(v.deniedAsExpected), cells(v.pending), cells(v.retrying)),
		ms: Math.max(cells(h.latency), 5),
	};
	const fixed = 2 + widths.call + widths.auth + widths.expected + widths.outcome + widths.ms + 5;
	const modelWidth = Math.max(cells(h.model), ...rows.map((row) => cells(row.spec.target)));
	const flat = fixed + modelWidth + 1 <= columns;
	const rest = (row: ProbeRow): string =>
		[
			fitCells(row.spec.operation, widths.call),
			fitCells(row.spec.auth, widths.auth),
			fitCells(expected[row.spec.expected], widths.expected),
			fitCells(outcome(row), widths.outcome),
			fitCells(row.result && !row.retrying ? String(row.result.latencyMs) : '', widths.ms, 'right'),
		].join(' ');
	const mark = (row: ProbeRow) =>
		!row.result || row.retrying ? (
			<Spinner />
		) : (
			<Text color={colourOf(row.result.pass ? 'good' : 'bad', colour)}>{row.result.pass ? symbols.pass : symbols.fail}</Text>
		);
	const head = [
		fitCells(h.call, widths.call),
		fitCells(h.auth, widths.auth),
		fitCells(h.expected, widths.expected),
		fitCells(h.outcome, widths.outcome),
		fitCells(h.latency, widths.ms, 'right'),
	].join(' ');
	const lines: React.ReactNode[] = [];
	if (flat) {
		lines.push(<Text key="head" dimColor>{`  ${fitCells(h.model, modelWidth)} ${head}`}</Text>);
		rows.forEach((row, index) =>
			lines.push(
				<Text key={index}>
					{mark(row)} {fitCells(row.spec.target, modelWidth)} {rest(row)}
				</Text>,
			),
		);
	} else {
		lines.push(<Text key="head" dimColor>{`  ${head}`}</Text>);
		let model = '';
		rows.forEach((row, index) => {
			if (row.spec.target !== model) {
				model = row.spec.target;
				lines.push(
					<Text key={`m${index}`} bold>
						{cutCells(model, columns)}
					</Text>,
				);
			}
			lines.push(
				<Text key={index}>
					{mark(row)} {rest(row)}
				</Text>,
			);
		});
	}
	const diagnoses = rows.filter((row) => row.result && !row.result.pass && !row.retrying && row.result.diagnosis);
	return (
		<Box flexDirection="column">
			{lines}
			{diagnoses.map((row, index) => (
				<Text key={`d${index}`} color={colourOf('bad', colour)}>
					{symbols.fail} {row.spec.target} {row.spec.operation}: {row.result!.diagnosis}
				</Text>
			))}
		</Box>
	);
}
