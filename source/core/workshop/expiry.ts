/**
 * When a workshop's keys stop working. Two locks, both from one time: the policy denies every call after
 * `expiresAt` (aws:CurrentTime, exact to the second), and the API key itself expires after whole days
 * (CredentialAgeDays, 1..36600), rounded up so the key never dies before the policy says.
 */
import {Problem} from '../problem.js';

export interface WorkshopExpiry {
	/** ISO 8601, to the second. */
	readonly expiresAt: string;
	readonly credentialAgeDays: number;
}

export interface ExpiryInput {
	readonly expiresInDays?: string;
	readonly until?: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const maxAgeDays = 36600;

/**
 * `anchor` is when the workshop was first created: days count from there, so running create again
 * tomorrow with the same flags gives the same end (and changes nothing).
 */
export function resolveExpiry(input: ExpiryInput, now: Date, anchor: Date = now): WorkshopExpiry {
	if (input.expiresInDays !== undefined && input.until !== undefined) {
		throw new Problem('usage', '--expires-in-days and --until were both given.', 'Pass one of them: --until for the end of the class, or --expires-in-days.');
	}
	let end: number;
	if (input.until !== undefined) {
		end = parseUntil(input.until);
	} else if (input.expiresInDays !== undefined) {
		const days = Number(input.expiresInDays);
		if (!Number.isInteger(days) || days < 1 || days > maxAgeDays) {
			throw new Problem(
				'usage',
				`--expires-in-days "${input.expiresInDays}" is not a whole number of days from 1 to ${maxAgeDays}.`,
				'Pass e.g. --expires-in-days 1, or --until 2026-11-20T18:00:00+09:00.',
			);
		}
		end = anchor.getTime() + days * dayMs;
	} else {
		throw new Problem(
			'usage',
			'A workshop key needs an end: none was given.',
			'Pass --until with the end of the class (e.g. --until 2026-11-20T18:00:00+09:00), or --expires-in-days 1.',
		);
	}
	if (end <= now.getTime()) {
		throw new Problem(
			'usage',
			input.until !== undefined
				? `--until "${input.until}" is in the past.`
				: `The workshop's keys already stopped working (${input.expiresInDays} days after it was created).`,
			'Give a time after now, with its offset, e.g. --until 2026-11-20T18:00:00+09:00.',
		);
	}
	const credentialAgeDays = Math.ceil((end - now.getTime()) / dayMs);
	if (credentialAgeDays > maxAgeDays)
		throw new Problem('usage', `--until "${input.until}" is more than ${maxAgeDays} days away.`, 'Give an end within 100 years.');
	return {expiresAt: new Date(Math.floor(end / 1000) * 1000).toISOString().replace('.000Z', 'Z'), credentialAgeDays};
}

/** Only a time with an explicit offset (or a date, read as UTC midnight): a bare local time would be ambiguous for a key's end. */
function parseUntil(text: string): number {
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) {
		const at = Date.parse(text);
		if (!Number.isNaN(at)) return at;
	}
	throw new Problem(
		'usage',
		`--until "${text}" is not a time this tool can read.`,
		'Give an ISO 8601 time with its offset, e.g. 2026-11-20T18:00:00+09:00 or 2026-11-20T09:00:00Z.',
	);
}
