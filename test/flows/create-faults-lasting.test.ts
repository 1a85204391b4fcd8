/** A lasting failure of any call `create` makes ends with the documented exit code and nothing half-made. */
import {describe, expect, it} from 'vitest';
import {create, leftovers, nextUser, operations, tally, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox();

describe('a lasting failure ends with the documented exit code and nothing half-made', () => {
	for (const operation of operations) {
		it(`${operation} fails every time`, async () => {
			const userName = nextUser('fail');
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName));
			tally.cases++;
			const left = await leftovers(userName);
			if (['Converse', 'InvokeModel'].includes(operation)) {
				// The key exists and works for the other calls: it is kept and saved, and the report says what failed.
				expect(run.code, run.stderr).toBe(1);
				expect(run.stderr).toMatch(/server error/);
				expect(left).toEqual({users: 1, apiKeys: 1, accessKeys: 1});
			} else if (['ValidatePolicy', 'CheckAccessNotGranted', 'ListFoundationModels', 'ListInferenceProfiles', 'SimulatePrincipalPolicy', 'ListFoundationModelAgreementOffers', 'CreateFoundationModelAgreement'].includes(operation)) {
				// Optional or with a fallback: a notice, or (Marketplace) a clear verification failure.
				expect([0, 1], run.stderr).toContain(run.code);
			} else {
				expect(run.code, run.stderr).toBe(3);
				expect(left).toEqual({users: 0, apiKeys: 0, accessKeys: 0});
			}
			tally.failedCleanly++;
		});
	}
});
