import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import type {SeatStatus, WorkshopStatus} from '../../source/flows/workshop/status.js';
import {WorkshopDashboard} from '../../source/ui/workshop/workshop-dashboard.js';

/** The seat rows a frame lists plus the count its "… and N more" line gives: every seat, shown or counted. */
function seatsAccountedFor(frame: string): number {
	const more = /… and (\d+) more \(see workshop status --json\)/.exec(frame);
	return frame.split('\n').filter((line) => /^\d+\s+bkw-/.test(line)).length + Number(more?.[1] ?? 0);
}

const now = '2026-11-20T02:00:00Z';
const at = '2026-11-20T01:00:00Z';
const seat = (n: number, extra: Partial<SeatStatus> = {}): SeatStatus => ({
	seat: n,
	userName: `bkw-class-${String(n).padStart(3, '0')}`,
	credentialId: `ACCA${n}`,
	keyCreatedAt: '2026-11-19T23:30:00Z',
	state: 'ready',
	expiresAt: '2026-11-20T10:00:00Z',
	...extra,
});
const seats = (count: number): SeatStatus[] =>
	Array.from({length: count}, (_, index) => {
		const n = index + 1;
		const activity = {calls: n, refused: n === 4 ? 1 : 0, checks: 0, lastAt: '2026-11-20T01:42:00Z'};
		if (n === 3) return seat(n, {state: 'lost-secret', activity});
		if (n === 5)
			return seat(n, {
				lastVerification: {at, pass: false, passed: 2, total: 5, failures: ['amazon.nova-lite-v1:0 Converse: expected allow, got denied']},
				activity,
			});
		if (n <= 10)
			return seat(n, {
				lastVerification: {at, pass: true, passed: 5, total: 5, failures: []},
				activity,
			});
		return seat(n, {activity: {calls: 0, refused: 0, checks: 0}});
	});
const status = (count = 24): WorkshopStatus => ({
	schemaVersion: 1,
	event: 'class',
	region: 'us-west-2',
	ready: count - 1,
	lookalikes: [],
	seats: seats(count),
	activity: {source: 'cloudtrail', from: '2026-11-19T23:30:00Z', until: now, complete: true},
});

const frameAt = (value: WorkshopStatus, rows: number, columns: number, messages = en, verifying = new Set<number>([12])): string =>
	render(<WorkshopDashboard status={value} verifying={verifying} messages={messages} rows={rows} columns={columns} now={now} />).lastFrame()!;

const fits = (frame: string, rows: number, columns: number): void => {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows);
	expect(Math.max(...lines.map((line) => stringWidth(line))), frame).toBeLessThan(columns);
};

describe('the workshop dashboard', () => {
	it('shows a class at a wide terminal whole: every column, every seat, attention first (golden)', () => {
		const frame = frameAt(status(6), 30, 120, en, new Set([6]));
		expect(frame).toBe(
			[
				'Workshop "class" in us-west-2',
				'times in UTC · expires: 2026-11-20 10:00 UTC',
				'',
				'seat  IAM user       key age  checked  result                  calls   last call',
				'3     bkw-class-003  2h 30m   -        ✗ key not in a handout  3       01:42',
				'5     bkw-class-005  2h 30m   01:00    ✗ 3 failed              5       01:42',
				'6     bkw-class-006  2h 30m   …        … checking              6       01:42',
				'1     bkw-class-001  2h 30m   01:00    ✓ works                 1       01:42',
				'2     bkw-class-002  2h 30m   01:00    ✓ works                 2       01:42',
				'4     bkw-class-004  2h 30m   01:00    ✓ works                 4 (1✗)  01:42',
				'5 of 6 seats ready. 4 of 5 seats verified working.',
				'activity: CloudTrail since 2026-11-19 23:30 UTC, usually ~5 min late',
				'  ✗ 5: amazon.nova-lite-v1:0 Converse: expected allow, got denied',
			].join('\n'),
		);
	});

	it('a user name of wide characters is cut by display width, in the middle, and the columns stay aligned', () => {
		const long = {
			...status(4),
			seats: status(4).seats.map((entry) => ({
				...entry,
				userName: `${entry.seat === 2 ? 'ワークショップ参加者' : 'bkw-a-rather-long-event-name'}-${String(entry.seat).padStart(3, '0')}`,
			})),
		};
		// The table is fitted by the dashboard; the lines around it are Ink's to truncate at the terminal's width.
		const frame = frameAt(long, 24, 50);
		const rows = frame.split('\n').filter((line) => /^\d\s+\S+…\S*-00\d\s/.test(line));
		expect(rows.length, frame).toBe(4);
		for (const row of rows) expect(stringWidth(row)).toBeLessThan(50);
		expect(
			rows.find((row) => row.startsWith('2 ')),
			frame,
		).toMatch(/^2\s+ワー\S*…\S*加者-002\s/);
		// Every row's result (✓ or ✗) starts at the same display column.
		const resultAt = rows.map((row) => stringWidth(row.slice(0, row.search(/[✓✗]/))));
		expect(new Set(resultAt).size, frame).toBe(1);
	});

	it('fits 80x24: columns give way, a seat map keeps every seat in view, the rest is counted', () => {
		const frame = frameAt(status(), 24, 80);
		fits(frame, 24, 80);
		expect(frame).toContain('times in UTC · expires: 2026-11-20 10:00 UTC');
		expect(frame).toMatch(/✓1\s+✓2\s+!3\s+✓4\s+✗5\s+✓6/);
		expect(frame).toMatch(/○11\s+…12\s+○13/);
		const lines = frame.split('\n');
		const table = lines.slice(lines.findIndex((line) => /^seat\s+IAM user/.test(line)));
		expect(table[0]).toMatch(/^seat\s+IAM user\s+checked\s+result\s+calls\s+last call$/);
		expect(table[1]).toMatch(/^3\s+bkw-class-003\s+-\s+✗ key not in a handout\s+3\s+01:42$/);
		expect(table[2]).toMatch(/^5\s+bkw-class-005\s+01:00\s+✗ 3 failed\s+5\s+01:42$/);
		expect(table[3]).toMatch(/^12\s+bkw-class-012\s+…\s+… checking\s+none seen\s+-$/);
		expect(table[4]).toMatch(/^1\s+bkw-class-001\s+01:00\s+✓ works\s+1\s+01:42$/);
		expect(seatsAccountedFor(frame)).toBe(24);
		expect(frame).toContain('✗ 5: amazon.nova-lite-v1:0 Converse: expected allow, got denied');
	});

	it('names the end above the table when the class shares one, and gives each seat its own when they differ', () => {
		const moved = {...status(4), seats: status(4).seats.map((entry) => (entry.seat === 2 ? {...entry, expiresAt: '2026-11-21T10:00:00Z'} : entry))};
		const frame = frameAt(moved, 24, 100);
		expect(frame).toMatch(/^times in UTC$/m);
		expect(frame).toMatch(/^seat\s+IAM user\s+key age\s+expires\s+checked/m);
		expect(frame).toMatch(/^2\s+bkw-class-002\s+2h 30m\s+11-21 10:00\s/m);
		expect(frame).toMatch(/^1\s+bkw-class-001\s+2h 30m\s+10:00\s/m);
	});

	it('cuts the user name in the middle, keeping the seat number, when even that is too wide', () => {
		const long = {
			...status(4),
			seats: status(4).seats.map((entry) => ({...entry, userName: `bkw-a-very-long-event-name-${String(entry.seat).padStart(3, '0')}`})),
		};
		const frame = frameAt(long, 24, 80);
		fits(frame, 24, 80);
		expect(frame).toMatch(/^1\s+bkw-a-…e-001\s/m);
	});

	it('says activity is unknown, never 0, when CloudTrail could not be read, and while it is read', () => {
		const unknown = {
			...status(4),
			activity: {source: 'unavailable', reason: 'AccessDeniedException: no'} as const,
			seats: status(4).seats.map(({activity: _, ...rest}) => rest),
		};
		const frame = frameAt(unknown, 24, 80);
		expect(frame).toMatch(/^1\s+bkw-class-001\s.*✓ works\s+\?$/m);
		expect(frame).toContain('activity: unknown (CloudTrail could not be read)');
		const {activity: _, ...unread} = unknown;
		const reading = render(<WorkshopDashboard status={unread} verifying={new Set()} messages={en} now={now} readingActivity />).lastFrame()!;
		expect(reading).toMatch(/^1\s+bkw-\S+-001\s.*✓ works\s+reading…$/m);
		expect(reading).toContain("activity: reading CloudTrail's event history…");
	});

	it('speaks Japanese, with the zone named', () => {
		const frame = frameAt(status(), 24, 80, ja);
		fits(frame, 24, 80);
		expect(frame).toContain('ワークショップ「class」(us-west-2)');
		expect(frame).toContain('時刻は UTC');
		expect(frame).toContain('24 席中 23 席が準備完了です。');
		expect(frame).toMatch(/^3\s+bkw-class-003\s.*✗ 配布資料/m);
		expect(frame).toContain('利用状況: CloudTrail (2026-11-19 23:30 UTC 以降、通常約 5 分遅れ)');
	});

	it('keeps the live area short: a long list is cut with a count', () => {
		const broken: WorkshopStatus = {...status(), ready: 0, seats: status().seats.map((entry) => ({...entry, state: 'no-key'}))};
		const frame = frameAt(broken, 16, 80);
		expect(seatsAccountedFor(frame)).toBe(24);
		fits(frame, 16, 80);
	});
});
