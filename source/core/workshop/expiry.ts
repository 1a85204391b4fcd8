/**
 * When a workshop's keys stop working. Two locks, both from one time: the policy denies every call after
 * `expiresAt` (aws:CurrentTime, exact to the second), and the API key itself expires after whole days
 * (CredentialAgeDays, core/aws-limits.ts), rounded up so the key never dies before the policy says.
 */
import {API_KEY_AGE_DAYS, isApiKeyAgeDays} from '../aws-limits.js';
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
const maxAgeDays = API_KEY_AGE_DAYS.max;

/**
 * `anchor` is when the workshop was first created: days count from there, so running create again
 * tomorrow with the same flags gives the same end (and changes nothing).
 */
export function resolveExpiry(input: ExpiryInput, now: Date, anchor: Date = now): WorkshopExpiry {
	if (input.expiresInDays !== undefined && input.until !== undefined) {
		throw new Problem('usage', (m) => m.problems.workshop.expiryBoth());
	}
	let end: number;
	if (input.until !== undefined) {
		end = parseUntil(input.until);
	} else if (input.expiresInDays !== undefined) {
		const days = Number(input.expiresInDays);
		if (!isApiKeyAgeDays(days)) {
			throw new Problem('usage', (m) => m.problems.workshop.expiresInDays(input.expiresInDays!, maxAgeDays));
		}
		end = anchor.getTime() + days * dayMs;
	} else {
		throw new Problem('usage', (m) => m.problems.workshop.noEnd());
	}
	if (end <= now.getTime()) {
		const {until, expiresInDays} = input;
		throw new Problem('usage', (m) => (until !== undefined ? m.problems.workshop.untilPast(until) : m.problems.workshop.alreadyStopped(String(expiresInDays))));
	}
	const credentialAgeDays = Math.ceil((end - now.getTime()) / dayMs);
	if (credentialAgeDays > maxAgeDays) throw new Problem('usage', (m) => m.problems.workshop.untilTooFar(String(input.until), maxAgeDays));
	return {expiresAt: new Date(Math.floor(end / 1000) * 1000).toISOString().replace('.000Z', 'Z'), credentialAgeDays};
}

/** Only a time with an explicit offset (or a date, read as UTC midnight): a bare local time would be ambiguous for a key's end. */
function parseUntil(text: string): number {
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text)) {
		const at = Date.parse(text);
		if (!Number.isNaN(at)) return at;
	}
	throw new Problem('usage', (m) => m.problems.workshop.untilUnreadable(text));
}
