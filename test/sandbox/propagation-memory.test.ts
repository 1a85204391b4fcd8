/**
 * The propagation history's memory (issue 20): before, every write kept a deep copy of the whole account
 * for the length of the delay, so 2,200 users under a 60 s delay reached 2.2 GB. Now a commit keeps only
 * the records it changed, shares the rest, and at most 256 commits wait.
 */
import {describe, expect, test} from 'vitest';
import {heapMb} from '../helpers/memory.js';
import {AccountState} from '../../source/sandbox/state/account.js';
import {emptyAccount, type AccountData, type UserRecord} from '../../source/sandbox/state/model.js';
import {maxPendingCommits} from '../../source/sandbox/state/propagation.js';

const accountId = '123456789012';
const policy = (index: number): string =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:us-west-2::foundation-model/model-${index}`}],
	});

function user(index: number): UserRecord {
	return {
		userName: `user-${index}`,
		userId: `AIDA${String(index).padStart(17, '0')}`,
		path: '/',
		arn: `arn:aws:iam::${accountId}:user/user-${index}`,
		createDate: '2026-01-01T00:00:00.000Z',
		tags: [{Key: 'seat', Value: String(index)}],
		inlinePolicies: {policy: policy(index)},
		attachedPolicies: [],
	};
}

function accountWith(users: number): AccountData {
	return {...emptyAccount(accountId), users: Array.from({length: users}, (_, index) => user(index))};
}

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2026-12-01T00:00:00Z')): {now: () => Date; advance: (ms: number) => void} {
	let time = start;
	return {now: () => new Date(time), advance: (ms) => (time += ms)};
}

describe('what the enforcing side sees', () => {
	test('a change is invisible before the delay and visible after it, also when many commits were merged', () => {
		const clock = fakeClock();
		const state = new AccountState({data: accountWith(3), clock: clock.now, propagationDelayMs: 60_000});
		// 1,000 commits, 10 ms apart, each retagging user-0: far more than may wait at once.
		for (let index = 0; index < 1000; index++) {
			state.mutate((data) => {
				data.users[0]!.tags = [{Key: 'seat', Value: `v${index}`}];
			});
			clock.advance(10);
			expect(state.pendingCommits).toBeLessThanOrEqual(maxPendingCommits);
		}
		// 10 s after the last commit nothing of the 1,000 has propagated (the first is only 10 s old... minus nothing).
		expect(state.propagated().user('user-0')?.tags).toEqual([{Key: 'seat', Value: '0'}]);
		// 60 s after the first commit, only commits at least 60 s old may show: never one younger.
		clock.advance(50_000);
		const seen = state.propagated().user('user-0')?.tags[0]?.Value ?? '';
		const shownIndex = seen === '0' ? -1 : Number(seen.slice(1));
		// Now is 60 s after commit 0 + 10 s of commits; commit i was made at 10·i ms, so only i ≤ 1000 - 1000 = 0 is old enough.
		expect(shownIndex).toBeLessThanOrEqual(0);
		// Once the delay has passed for every commit, the last one shows.
		clock.advance(60_000);
		expect(state.propagated().user('user-0')?.tags).toEqual([{Key: 'seat', Value: 'v999'}]);
		expect(state.pendingCommits).toBe(0);
	});

	test('a removed user, access key and policy change propagate like additions', () => {
		const clock = fakeClock();
		const state = new AccountState({data: accountWith(2), clock: clock.now, propagationDelayMs: 1000});
		state.mutate((data) => {
			data.users = data.users.filter((candidate) => candidate.userName !== 'user-1');
			data.users[0]!.inlinePolicies = {};
		});
		expect(state.propagated().user('user-1')).toBeDefined();
		expect(state.propagated().policiesOf('user-0')).toHaveLength(1);
		clock.advance(1000);
		expect(state.propagated().user('user-1')).toBeUndefined();
		expect(state.propagated().policiesOf('user-0')).toEqual([]);
	});

	test('the live and propagated lookups follow a changed secret, a removed key and a new user, commit by commit', () => {
		const clock = fakeClock();
		const data = accountWith(1);
		data.serviceCredentials = [
			{
				id: 'ACCA1',
				userName: 'user-0',
				serviceName: 'bedrock.amazonaws.com',
				serviceUserName: 'u',
				secret: 'old',
				alias: 'o',
				status: 'Active',
				createDate: '',
			},
		];
		data.accessKeys = [{accessKeyId: 'AKIA1', secretAccessKey: 's', userName: 'user-0', status: 'Active', createDate: ''}];
		const state = new AccountState({data, clock: clock.now, propagationDelayMs: 1000});
		state.mutate((draft) => {
			draft.serviceCredentials[0]!.secret = 'new';
			draft.accessKeys = [];
			draft.users.push({...user(1)});
		});
		expect(state.live().credentialBySecret('old')).toBeUndefined();
		expect(state.live().credentialBySecret('new')?.id).toBe('ACCA1');
		expect(state.live().accessKey('AKIA1')).toBeUndefined();
		expect(state.live().user('user-1')?.userName).toBe('user-1');
		expect(state.propagated().credentialBySecret('old')?.id).toBe('ACCA1');
		expect(state.propagated().accessKey('AKIA1')).toBeDefined();
		clock.advance(1000);
		expect(state.propagated().credentialBySecret('old')).toBeUndefined();
		expect(state.propagated().credentialBySecret('new')?.id).toBe('ACCA1');
		expect(state.propagated().accessKey('AKIA1')).toBeUndefined();
		expect(state.propagated().user('user-1')).toBe(state.live().user('user-1'));
	});

	test('the propagated view shares every record a commit did not change with the live account', () => {
		const clock = fakeClock();
		const state = new AccountState({data: accountWith(3), clock: clock.now, propagationDelayMs: 1000});
		state.mutate((data) => {
			data.users[1]!.tags = [];
		});
		clock.advance(1000);
		expect(state.propagated().user('user-0')).toBe(state.live().user('user-0'));
		expect(state.propagated().user('user-1')).toBe(state.live().user('user-1'));
		expect(state.live().data.users[2]).toBe(state.live().user('user-2'));
	});
});

describe('memory', () => {
	test('5,000 users and 60 simulated seconds of writes (3,000 commits, fake clock) under a 60 s delay: the heap grows by under 64 MB', () => {
		const clock = fakeClock();
		const before = heapMb();
		const state = new AccountState({data: accountWith(5000), clock: clock.now, propagationDelayMs: 60_000});
		const loaded = heapMb();
		let peak = loaded;
		for (let write = 0; write < 3000; write++) {
			const target = (write * 7919) % 5000;
			state.mutate((data) => {
				const record = data.users[target]!;
				if (write % 2 === 0) record.tags = [...record.tags.filter((tag) => tag.Key !== 'write'), {Key: 'write', Value: String(write)}];
				else record.inlinePolicies = {...record.inlinePolicies, [`extra-${write % 5}`]: policy(write)};
			});
			clock.advance(20);
			// Bedrock reads between writes, as a workshop's probes would.
			if (write % 10 === 0) state.propagated().policiesOf(`user-${target}`);
			if (write % 500 === 0) peak = Math.max(peak, heapMb());
		}
		peak = Math.max(peak, heapMb());
		const growth = peak - loaded;
		console.log(
			`propagation soak: account ${(loaded - before).toFixed(1)} MB, peak growth ${growth.toFixed(1)} MB over 3,000 commits, ${state.pendingCommits} waiting`,
		);
		expect(state.pendingCommits).toBeLessThanOrEqual(maxPendingCommits);
		expect(growth).toBeLessThan(64);
	}, 60_000);
});
