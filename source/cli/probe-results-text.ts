import type {Messages} from '../core/i18n/index.js';
import type {ProbeResult} from '../core/verify/report.js';
import {formatTable} from './text-table.js';

/** The probe results as the text table create and check print (the TUI draws its own live table). */
export function probeResultsTable(probes: readonly ProbeResult[], messages: Messages): string {
	const t = messages.create.table;
	return formatTable([
		['', t.model, t.call, t.auth, t.expected, t.outcome, t.latency],
		...probes.map((p) => [
			p.pass ? '✓' : '✗',
			p.model,
			p.operation,
			p.auth,
			messages.run.probe.expected[p.expected],
			messages.ui.verify[p.outcome],
			String(p.latencyMs),
		]),
	]);
}
