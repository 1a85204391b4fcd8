/** The apply journal's events folded into one row per step (running → done or failed), rollback included. */
import type {Messages} from '../core/i18n/index.js';
import type {ApplyEvent, JournalEntry} from '../flows/create/apply.js';

export interface ApplyRow {
	readonly label: string;
	readonly status: 'running' | 'done' | 'failed';
	readonly rollback: boolean;
	readonly error?: string;
}

const entryDetail = (entry: JournalEntry): string =>
	'credentialId' in entry
		? entry.credentialId
		: 'accessKeyId' in entry
			? entry.accessKeyId
			: 'keyId' in entry
				? entry.keyId
				: 'policyArn' in entry
					? entry.policyArn
					: entry.userName;

export function applyRows(log: readonly ApplyEvent[], messages: Messages): readonly ApplyRow[] {
	const rows: ApplyRow[] = [];
	const open = new Map<string, number>();
	for (const event of log) {
		const id = event.type === 'step' ? `step:${event.step}` : `rollback:${event.entry.kind}:${entryDetail(event.entry)}`;
		if (event.status === 'running') {
			const label =
				event.type === 'step'
					? messages.create.step[event.step](event.detail ?? '')
					: messages.create.rollbackEntry(event.entry.kind, entryDetail(event.entry));
			open.set(id, rows.length);
			rows.push({label, status: 'running', rollback: event.type === 'rollback'});
			continue;
		}
		const index = open.get(id);
		if (index === undefined) continue;
		open.delete(id);
		rows[index] = {...rows[index]!, status: event.status, ...(event.status === 'failed' && event.detail ? {error: event.detail} : {})};
	}
	return rows;
}

/**
 * Whether the run has made (or is making) a key whose secret is not saved yet: keeping that on a quit would
 * leave a key nobody holds, so the quit dialog offers only the rollback and carrying on.
 */
export const unsavedKeyMade = (log: readonly ApplyEvent[]): boolean =>
	log.some((event) => event.type === 'step' && event.status !== 'failed' && (event.step === 'create-api-key' || event.step === 'create-access-key'));

/** How many things a run has made so far (what a quit would leave behind without a rollback). */
export const changesMade = (log: readonly ApplyEvent[]): number =>
	log.filter((event) => event.type === 'step' && event.status === 'done' && event.step !== 'mint-short-term-key').length;
