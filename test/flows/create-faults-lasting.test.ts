/**
 * A lasting failure of any call `create` makes ends with the documented exit code, and IAM holds exactly
 * what the run reported keeping: nothing when it rolled back, or the user, policy and keys it saved.
 */
import {describe, expect, it} from 'vitest';
import {create, nextUser, operations, proven, reportedUser, state, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox();

type Operation = (typeof operations)[number];
type Expected =
	/** Nothing made (or all of it rolled back): exit 3 and an empty account. */
	| {readonly code: 3; readonly rolledBack: number}
	/** Optional or with a fallback: a notice, and the key made, proven and saved. */
	| {readonly code: 0; readonly notice: RegExp}
	/** The key works for the rest but a chosen model cannot be proven: exit 1, the key kept and saved with a report saying what failed. */
	| {readonly code: 1; readonly failure: RegExp};

const expected: Record<Operation, Expected> = {
	GetCallerIdentity: {code: 3, rolledBack: 0},
	ListFoundationModels: {code: 0, notice: /live model catalog could not be read/},
	ListInferenceProfiles: {code: 0, notice: /live model catalog could not be read/},
	GetUser: {code: 3, rolledBack: 0},
	SimulatePrincipalPolicy: {code: 0, notice: /could not be checked in advance/},
	ValidatePolicy: {code: 0, notice: /Access Analyzer was not available/},
	CheckAccessNotGranted: {code: 0, notice: /Access Analyzer was not available/},
	CreateUser: {code: 3, rolledBack: 0},
	PutUserPolicy: {code: 3, rolledBack: 1},
	CreateServiceSpecificCredential: {code: 3, rolledBack: 2},
	CreateAccessKey: {code: 3, rolledBack: 3},
	// The subscription is asked about and made before anything else: a failure there leaves nothing made, in AWS's words.
	GetFoundationModelAvailability: {code: 3, rolledBack: 0},
	ListFoundationModelAgreementOffers: {code: 3, rolledBack: 0},
	CreateFoundationModelAgreement: {code: 3, rolledBack: 0},
	Converse: {code: 1, failure: /server error/},
	InvokeModel: {code: 1, failure: /server error/},
};

describe('a lasting failure ends with the documented exit code and exactly what it reported left in IAM', () => {
	for (const operation of operations) {
		const outcome = expected[operation];
		it(`${operation} fails every time: exit ${outcome.code}`, async () => {
			const userName = nextUser('fail');
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName));
			expect(run.code, run.stderr).toBe(outcome.code);
			if (outcome.code === 3) {
				expect(run.stderr).toMatch(/InternalFailure|InternalServerException|server error/i);
				// Every run subscribes its fresh account to Mistral before making anything: the account's, and said to stay.
				if (outcome.rolledBack > 0) {
					expect(run.stderr).toContain(`Rolled back ${outcome.rolledBack} change${outcome.rolledBack === 1 ? '' : 's'} in IAM: nothing of the key is left.`);
					expect(run.stderr).toMatch(
						/! The AWS Marketplace subscription to mistral\.mistral-large-2407-v1:0 stays: it is the account's \(made before the key\) and not undone\./,
					);
				} else expect(run.stderr).not.toMatch(/Rolled back/);
				expect(await state()).toEqual({});
			} else {
				expect(run.stderr).toMatch(outcome.code === 0 ? outcome.notice : outcome.failure);
				expect(await state()).toEqual(reportedUser(run));
			}
			proven('failedCleanly');
		});
	}
});
