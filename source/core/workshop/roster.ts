/**
 * The instructor's roster: one CSV row per seat, for a spreadsheet or a seating plan. It never holds a
 * key, only the key's id, so it can be shared with co-instructors.
 */
export interface RosterRow {
	readonly seat: number;
	readonly userName: string;
	readonly credentialId?: string;
	readonly keyStatus: string;
	readonly expiresAt?: string;
	readonly handout?: string;
}

const header = ['seat', 'user_name', 'key_id', 'key_status', 'expires_at', 'handout'];

export function rosterCsv(rows: readonly RosterRow[]): string {
	const lines = [
		header,
		...[...rows]
			.sort((a, b) => a.seat - b.seat)
			.map((row) => [String(row.seat), row.userName, row.credentialId ?? '', row.keyStatus, row.expiresAt ?? '', row.handout ?? '']),
	];
	return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula (CSV injection). */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
