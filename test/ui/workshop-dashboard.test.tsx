import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import type {SeatStatus, WorkshopStatus} from '../../source/flows/workshop/status.js';
import {WorkshopDashboard} from '../../source/ui/workshop/workshop-dashboard.js';

const at = '2026-11-20T01:00:00Z';
const seat = (n: number, extra: Partial<SeatStatus> = {}): SeatStatus => ({
	seat: n,
	userName: `bkw-class-${String(n).padStart(3, '0')}`,
	credentialId: `ACCA${n}`,
	state: 'ready',
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
	it('maps every seat with a symbol for its state, ten to a row, and lists the seats that need attention', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set([12])} messages={en} />);
		const frame = lastFrame()!;
		expect(frame).toContain('Workshop "class" in us-west-2');
		expect(frame).toMatch(/✓1\s+✓2\s+!3\s+✓4\s+✗5\s+✓6/);
		expect(frame).toMatch(/○11\s+…12\s+○13/);
		expect(frame.split('\n').filter((line) => /[✓✗!○…]\d/.test(line))).toHaveLength(3);
		expect(frame).toContain('✓ works   ✗ a check failed   ! not ready   ○ not checked yet   … checking');
		expect(frame).toContain('22 of 24 seats ready. 8 of 9 seats verified working.');
		expect(frame).toContain('! 3 bkw-class-003: key not in a handout');
		expect(frame).toContain('✗ 5 bkw-class-005: amazon.nova-lite-v1:0 Converse: expected allow, got denied');
	});

	it('speaks Japanese', () => {
		const {lastFrame} = render(<WorkshopDashboard status={status} verifying={new Set()} messages={ja} />);
		const frame = lastFrame()!;
		expect(frame).toContain('ワークショップ「class」(us-west-2)');
		expect(frame).toContain('24 席中 22 席が準備完了です。');
		expect(frame).toContain('対応が必要な座席:');
		expect(frame).toContain('! 3 bkw-class-003: 配布資料にないキー');
	});

	it('keeps the live area short: a long list of problems is cut with a count', () => {
		const broken: WorkshopStatus = {...status, ready: 0, seats: status.seats.map((entry) => ({...entry, state: 'no-key'}))};
		const {lastFrame} = render(<WorkshopDashboard status={broken} verifying={new Set()} messages={en} problemLines={4} />);
		expect(lastFrame()).toContain('… and 20 more (see workshop status --json)');
		expect(lastFrame()!.split('\n').length).toBeLessThan(16);
	});
});
