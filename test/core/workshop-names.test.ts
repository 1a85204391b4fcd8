import {describe, expect, it} from 'vitest';
import {Problem} from '../../source/core/problem.js';
import {resolveExpiry} from '../../source/core/workshop/expiry.js';
import {defaultWorkshopDirectory} from '../../source/core/workshop/manifest.js';
import {
	isWorkshopPolicyName,
	seatOf,
	seatTags,
	seatUserName,
	seatUserPrefix,
	validateEventName,
	validateSeatCount,
	workshopPolicyNames,
	workshopPolicyTags,
} from '../../source/core/workshop/seat-names.js';

const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;

describe('seat user names', () => {
	it('come from the event and the seat, zero-padded so they sort in seat order', () => {
		expect(seatUserName('summit-2026', 7, 30)).toBe('bkw-summit-2026-007');
		expect(seatUserName('summit-2026', 7, 1000)).toBe('bkw-summit-2026-0007');
	});

	it('are valid IAM user names of at most 64 characters, whatever the event is called', () => {
		for (const event of ['a', 'Tokyo Summit 2026 / Room B', '東京サミット', 'x'.repeat(128), 'a@b=c+d.e_f-g:h/i', '  spaced  out  ']) {
			const name = seatUserName(validateEventName(event), 1000, 1000);
			expect(name, event).toMatch(IAM_USER_NAME);
			expect(name.length).toBeLessThanOrEqual(64);
		}
	});

	it('keep two events apart when their names fold or shorten to the same text', () => {
		expect(seatUserPrefix('Room A')).not.toBe(seatUserPrefix('room-a'));
		expect(seatUserPrefix(`${'x'.repeat(60)}1`)).not.toBe(seatUserPrefix(`${'x'.repeat(60)}2`));
		expect(seatUserPrefix('東京')).not.toBe(seatUserPrefix('大阪'));
	});

	it('give each workshop its own default folder', () => {
		expect(defaultWorkshopDirectory('summit-2026')).toBe('bkw-summit-2026');
	});
});

describe('event names and seat counts', () => {
	it('refuse what an IAM tag value cannot hold, with the fix', () => {
		expect(() => validateEventName('semi;colon')).toThrow(Problem);
		expect(() => validateEventName('')).toThrow(/cannot be used/);
		expect(() => validateEventName('x'.repeat(129))).toThrow(Problem);
	});

	it('take whole numbers from 1 to 1000 seats', () => {
		expect(validateSeatCount('30')).toBe(30);
		for (const bad of ['0', '-1', '2.5', 'many', '1001']) expect(() => validateSeatCount(bad), bad).toThrow(/--seats/);
	});
});

describe("the workshop's managed policy names", () => {
	it("are named after the event as create names a user's, with -1, -2… when split", () => {
		expect(workshopPolicyNames('tokyo-summit', 1)).toEqual(['bedrock-key-wizard-workshop-tokyo-summit']);
		expect(workshopPolicyNames('tokyo-summit', 2)).toEqual(['bedrock-key-wizard-workshop-tokyo-summit-1', 'bedrock-key-wizard-workshop-tokyo-summit-2']);
	});

	it("stay within IAM's 128 characters and its character set, whatever the event", () => {
		for (const event of ['Tokyo Summit 2026 / 東京', 'x'.repeat(128), 'a:b=c+d@e']) {
			for (const name of workshopPolicyNames(event, 10)) {
				expect(name.length).toBeLessThanOrEqual(128);
				expect(name).toMatch(/^[\w+=,.@-]+$/);
			}
		}
	});

	it("tell this workshop's names apart from other events' (the tag decides ownership)", () => {
		expect(isWorkshopPolicyName('pycon', 'bedrock-key-wizard-workshop-pycon')).toBe(true);
		expect(isWorkshopPolicyName('pycon', 'bedrock-key-wizard-workshop-pycon-3')).toBe(true);
		expect(isWorkshopPolicyName('pycon', 'bedrock-key-wizard-workshop-pycon-b')).toBe(false);
		expect(isWorkshopPolicyName('pycon', 'bedrock-key-wizard-pycon')).toBe(false);
	});

	it("are tagged with the event, not as a user's own policy", () => {
		expect(workshopPolicyTags('pycon', '2026-01-01T00:00:00.000Z')).toEqual({
			'bedrock-key-wizard:workshop': 'pycon',
			'bedrock-key-wizard:created': '2026-01-01T00:00:00.000Z',
		});
	});
});

describe('seat tags', () => {
	it('are the authority: only managed users tagged with this event have a seat', () => {
		const tags = seatTags('summit', 3, '2026-11-20T00:00:00Z', '2026-11-20T09:00:00Z');
		expect(seatOf('summit', tags)).toBe(3);
		expect(seatOf('summit-b', tags)).toBeUndefined();
		expect(seatOf('summit', {...tags, 'bedrock-key-wizard:managed': 'false'})).toBeUndefined();
		expect(seatOf('summit', {'bedrock-key-wizard:workshop': 'summit', 'bedrock-key-wizard:seat': '3'})).toBeUndefined();
		expect(seatOf('summit', {...tags, 'bedrock-key-wizard:seat': 'three'})).toBeUndefined();
	});
});

describe('expiry', () => {
	const now = new Date('2026-11-20T01:30:00Z');

	it('--until sets the policy end to the second, and the key lives the whole days that cover it', () => {
		expect(resolveExpiry({until: '2026-11-20T18:00:00+09:00'}, now)).toEqual({expiresAt: '2026-11-20T09:00:00Z', credentialAgeDays: 1});
		expect(resolveExpiry({until: '2026-11-22T09:00:00Z'}, now)).toEqual({expiresAt: '2026-11-22T09:00:00Z', credentialAgeDays: 3});
	});

	it('--expires-in-days counts from now', () => {
		expect(resolveExpiry({expiresInDays: '2'}, now)).toEqual({expiresAt: '2026-11-22T01:30:00Z', credentialAgeDays: 2});
	});

	it('needs exactly one of them, in the future, with an offset', () => {
		expect(() => resolveExpiry({}, now)).toThrow(/needs an end/);
		expect(() => resolveExpiry({until: '2026-11-21T00:00:00Z', expiresInDays: '1'}, now)).toThrow(/both given/);
		expect(() => resolveExpiry({until: '2026-11-19T00:00:00Z'}, now)).toThrow(/in the past/);
		expect(() => resolveExpiry({until: '2026-11-20 18:00'}, now)).toThrow(/can read/);
		expect(() => resolveExpiry({until: '18:00'}, now)).toThrow(/can read/);
		expect(() => resolveExpiry({expiresInDays: '0'}, now)).toThrow(/--expires-in-days/);
	});
});
