import {afterEach, describe, expect, it} from 'vitest';
import {messagesFor} from '../../../source/core/i18n/index.js';
import {displayTimeZone, formatDay, formatTime} from '../../../source/core/i18n/time.js';

const AT = '2026-12-03T00:00:00Z';

describe('times as a person reads them', () => {
	afterEach(() => {
		process.env['TZ'] = 'UTC';
	});

	it('in a zone with a common name: the time there, to the minute, with the name', () => {
		expect(formatTime(AT, 'Asia/Tokyo')).toBe('2026-12-03 09:00 JST');
		expect(formatTime(AT, 'America/Los_Angeles')).toBe('2026-12-02 16:00 PST');
		expect(formatTime(AT, 'UTC')).toBe('2026-12-03 00:00 UTC');
	});

	it('in a zone without one: its offset and its IANA name', () => {
		expect(formatTime(AT, 'Europe/Berlin')).toBe('2026-12-03 01:00 GMT+1 (Europe/Berlin)');
		expect(formatTime(AT, 'Asia/Kolkata')).toBe('2026-12-03 05:30 GMT+5:30 (Asia/Kolkata)');
	});

	it('the day in that zone, and anything unreadable as it was given', () => {
		expect(formatDay('2026-12-03T20:00:00Z', 'Asia/Tokyo')).toBe('2026-12-04');
		expect(formatTime('not a time', 'Asia/Tokyo')).toBe('not a time');
	});

	it("the process's zone (TZ) is the one shown, in the catalogs of every language", () => {
		process.env['TZ'] = 'Asia/Tokyo';
		expect(displayTimeZone()).toBe('Asia/Tokyo');
		const key = {type: 'api-key', id: 'ABSKEXAMPLE', status: 'Active', createdAt: '2026-12-01T00:00:00Z', expiresAt: AT} as const;
		expect(messagesFor('ja').create.heldKeys.key(key)).toContain('有効期限 2026-12-03 09:00 JST');
		expect(messagesFor('en').create.heldKeys.key(key)).toContain('created 2026-12-01 09:00 JST, expires 2026-12-03 09:00 JST');
		expect(messagesFor('en').workshop.handout.intro(AT)).toContain('stops working at 2026-12-03 09:00 JST');
	});
});
