/** A reply lost after IAM acted, or a call slower than the timeout: survived by reconciling, never a second key. */
import {describe, expect, it} from 'vitest';
import {create, nextUser, operations, proven, reportedUser, state, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox();

describe('a lost reply or a timeout on any call is survived, with exactly one key', () => {
	for (const operation of operations) {
		for (const kind of ['lost-reply', 'latency'] as const) {
			it(`${operation} ${kind} once`, async () => {
				const userName = nextUser('pass');
				const run = await withFault({operation, kind, times: 1, ...(kind === 'latency' ? {latencyMs: 2000} : {})}, () => create(userName));
				expect(run.code, run.stderr).toBe(0);
				expect(await state()).toEqual(reportedUser(run));
				proven('survived');
			});
		}
	}
});
