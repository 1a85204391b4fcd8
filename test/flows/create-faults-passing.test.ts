/** Throttling, a 5xx, a dropped connection: a passing fault on every call `create` makes is survived: retried where safe, reconciled where a reply may have been lost. */
import {describe, expect, it} from 'vitest';
import {create, nextUser, operations, proven, reportedUser, state, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox();

describe('a passing fault on any call is survived, with exactly one key', () => {
	for (const operation of operations) {
		for (const kind of ['throttle', '500', 'drop'] as const) {
			it(`${operation} ${kind} once`, async () => {
				const userName = nextUser('pass');
				const run = await withFault({operation, kind, times: 1}, () => create(userName));
				expect(run.code, run.stderr).toBe(0);
				expect(await state()).toEqual(reportedUser(run));
				proven('survived');
			});
		}
	}
});
