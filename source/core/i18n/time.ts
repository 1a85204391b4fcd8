/**
 * Times as a person reads them: in their own time zone, to the minute, with the zone named
 * (`2026-12-03 09:00 JST`, `2026-12-03 10:00 GMT+1 (Europe/Berlin)`). Files meant for programs (the
 * report, workshop.json, `--json`) keep ISO 8601 in UTC; only what is shown goes through here.
 *
 * The zone is the one the process runs in: the TZ environment variable, else the system's (the same
 * rule as `date`). Tests pin TZ, so what they see does not depend on the machine.
 */

/** The IANA name of the zone times are shown in (`Asia/Tokyo`, `UTC`). */
export const displayTimeZone = (): string => new Intl.DateTimeFormat('en-US').resolvedOptions().timeZone ?? 'UTC';

const part = (parts: readonly Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';

/** `JST`, `PST`, `UTC` where a zone has a common abbreviation; otherwise its offset and IANA name. */
function zoneName(at: Date, timeZone: string): string {
	for (const locale of ['en-US', 'ja-JP']) {
		const name = part(new Intl.DateTimeFormat(locale, {timeZone, timeZoneName: 'short'}).formatToParts(at), 'timeZoneName');
		if (/^[A-Z]{2,5}$/.test(name)) return name;
	}
	const offset = part(new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'shortOffset'}).formatToParts(at), 'timeZoneName');
	return `${offset} (${timeZone})`;
}

function wallClock(at: Date, timeZone: string): {date: string; time: string} {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(at);
	return {date: `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`, time: `${part(parts, 'hour')}:${part(parts, 'minute')}`};
}

/** An ISO time in the display zone, to the minute, zone named: `2026-12-03 09:00 JST`. Anything unreadable is shown as given. */
export function formatTime(iso: string, timeZone: string = displayTimeZone()): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	const {date, time} = wallClock(at, timeZone);
	return `${date} ${time} ${zoneName(at, timeZone)}`;
}

/** The calendar day of an ISO time in the display zone: `2026-12-03` (for ages and expiry days, where the hour does not matter). */
export function formatDay(iso: string, timeZone: string = displayTimeZone()): string {
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? iso.slice(0, 10) : wallClock(at, timeZone).date;
}

/** The display zone's name at `iso` (`JST`, `GMT+1 (Europe/Berlin)`): for a table whose times leave it out. */
export function formatZone(iso: string = new Date().toISOString(), timeZone: string = displayTimeZone()): string {
	const at = new Date(iso);
	return zoneName(Number.isNaN(at.getTime()) ? new Date() : at, timeZone);
}

/** An ISO time in the display zone without the zone (a column names it): `09:00` on the day of `now`, else `12-03 09:00`. */
export function formatClock(iso: string, now: string, timeZone: string = displayTimeZone()): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	const {date, time} = wallClock(at, timeZone);
	return date === wallClock(new Date(now), timeZone).date ? time : `${date.slice(5)} ${time}`;
}
