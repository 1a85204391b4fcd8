import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import type {SeatStatus, WorkshopStatus} from '../../source/flows/workshop/status.js';
import {WorkshopDashboard} from '../../source/ui/workshop/workshop-dashboard.js';

/** The seat rows a frame lists plus the count its "… and N more" line gives: every seat, shown or counted. */
function seatsAccountedFor(frame: string): number {
	const more = /… and (\d+) more \(see workshop status --json\)/.exec(frame);
	expect(more, frame).not.toBeNull();
	return frame.split('\n').filter((line) => /^\d+\s+bkw-class-\d{3}\s/.test(line)).length + Number(more![1]);
}

const at = '2026-11-20T01:00:00Z';
const seat = (n: number, extra: Partial<SeatStatus> = {}): SeatStatus => ({
	seat: n,
	userName: `bkw-class-${String(n).padStart(3, '0')}`,
	credentialId: `ACCA${n}`,
	state: 'ready',
	expiresAt: '2026-11-20T10:00:00Z',
	...extra,
});
const status: WorkshopStatus = {
	schemaVersion: 1,
	event: 'class',
	region: 'us-west-2',
	ready: 22,
	lookalikes: [],
	seats: Array.from({length: 24}, (_, index) => {
		const n = index + 1;
		if (n === 3) return seat(n, {state: 'lost-secret'});
		if (n === 5)
			return seat(n, {lastVerification: {at, pass: false, passed: 2, total: 5, failures: ['amazon.nova-lite-v1:0 Converse: expected allow, got denied']}});
		if (n <= 10) return seat(n, {lastVerification: {at, pass: true, passed: 5, total: 5, failures: []}});
		return seat(n);
	}),
};

describe('the workshop dashboard', () => {
	it('maps every seat with a symbol for its state, ten to a row', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set([12])} messages={en} />);
		const frame = lastFrame()!;
		expect(frame).toContain('Workshop "class" in us-west-2');
		expect(frame).toMatch(/✓1\s+✓2\s+!3\s+✓4\s+✗5\s+✓6/);
		expect(frame).toMatch(/○11\s+…12\s+○13/);
		expect(frame.split('\n').filter((line) => /[✓✗!○…]\d/.test(line))).toHaveLength(3);
		expect(frame).toContain('✓ works   ✗ a check failed   ! not ready   ○ not checked yet   … checking');
		expect(frame).toContain('22 of 24 seats ready. 8 of 9 seats verified working.');
	});

	it('lists every seat as the plain table does, the ones needing attention first, and fits 80x24', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set([12])} messages={en} rows={24} columns={80} />);
		const frame = lastFrame()!;
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
		expect(frame).toContain('expires: 2026-11-20 10:00 UTC');
		const table = lines.slice(lines.findIndex((line) => /^seat\s+IAM user\s+state\s+last check$/.test(line)));
		expect(table[1]).toMatch(/^3\s+bkw-class-003\s+✗ key not in a handout\s+never$/);
		expect(table[2]).toMatch(/^5\s+bkw-class-005\s+✓ ready\s+✗ 3 checks failed \(01:00\)$/);
		expect(table[3]).toMatch(/^12\s+bkw-class-012\s+✓ ready\s+…$/);
		expect(table[4]).toMatch(/^1\s+bkw-class-001\s+✓ ready\s+✓ works \(01:00\)$/);
		expect(seatsAccountedFor(frame)).toBe(24);
		expect(frame).toContain('✗ 5: amazon.nova-lite-v1:0 Converse: expected allow, got denied');
	});

	it('shows the key ids when the terminal is wide, and every seat when it is tall', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set()} messages={en} rows={60} columns={120} />);
		const frame = lastFrame()!;
		expect(frame).toMatch(/^seat\s+IAM user\s+key\s+state\s+last check$/m);
		expect(frame).toMatch(/^24\s+bkw-class-024\s+ACCA24\s+✓ ready\s+never$/m);
		expect(frame).not.toContain('more (see workshop status --json)');
	});

	it('speaks Japanese', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set()} messages={ja} rows={24} columns={80} />);
		const frame = lastFrame()!;
		expect(frame).toContain('ワークショップ「class」(us-west-2)');
		expect(frame).toContain('24 席中 22 席が準備完了です。');
		expect(frame).toMatch(/^3\s+bkw-class-003\s+✗ 配布資料にないキー/m);
		expect(frame).toContain(`${ja.workshop.status.columns.expires}: 2026-11-20 10:00 UTC`);
	});

	it('keeps the live area short: a long list is cut with a count', () => {
		const broken: WorkshopStatus = {...status, ready: 0, seats: status.seats.map((entry) => ({...entry, state: 'no-key'}))};
		const {lastFrame} = render(<WorkshopDashboard status={broken} verifying={new Set()} messages={en} rows={16} />);
		expect(seatsAccountedFor(lastFrame()!)).toBe(24);
		expect(lastFrame()!.split('\n').length).toBeLessThanOrEqual(16);
	});
});
