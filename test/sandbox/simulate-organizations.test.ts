/**
 * The sandbox's SimulatePrincipalPolicy and the organisation's service control policies (`--org-policy`):
 * a Deny in one refuses (explicitDeny) and each result carries OrganizationsDecisionDetail, as AWS's
 * simulator does for an account in an organisation; with no service control policy the detail is absent.
 * Like every policy there, they see only the context passed (a negated condition on a key not passed
 * matches). Checked with the npm SDK and the AWS CLI.
 */
import {GetUserCommand, SimulatePrincipalPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, runAwsCli} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

/** No API keys, and Bedrock only in us-west-2 (a negated condition: it matches when the Region is not passed). */
const scps = [
	{
		name: 'no-api-keys',
		document: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'iam:CreateServiceSpecificCredential', Resource: '*'}]}),
	},
	{
		name: 'bedrock-in-us-west-2',
		document: JSON.stringify({
			Version: '2012-10-17',
			Statement: [{Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: {StringNotEquals: {'aws:RequestedRegion': 'us-west-2'}}}],
		}),
	},
];

let sandbox: RunningSandbox;
let plain: RunningSandbox;
const userArn = 'arn:aws:iam::123456789012:user/org-member';
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0, serviceControlPolicies: scps});
	plain = await startTestSandbox({propagationDelayMs: 0});
	for (const where of [sandbox, plain])
		await provisionUser(where, 'org-member', {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]});
});
afterAll(async () => {
	await sandbox.close();
	await plain.close();
});

const simulate = (where: RunningSandbox, actions: string[], region?: string) =>
	iamClient(where).send(
		new SimulatePrincipalPolicyCommand({
			PolicySourceArn: userArn,
			ActionNames: actions,
			...(region ? {ContextEntries: [{ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: [region], ContextKeyType: 'string'}]} : {}),
		}),
	);

describe('SimulatePrincipalPolicy under service control policies (the npm SDK)', () => {
	it("a Deny in one refuses what the user's own policy allows, and OrganizationsDecisionDetail says so", async () => {
		const simulated = await simulate(sandbox, ['iam:CreateServiceSpecificCredential', 'iam:CreateUser'], 'us-east-1');
		expect(
			simulated.EvaluationResults?.map((result) => [result.EvalActionName, result.EvalDecision, result.OrganizationsDecisionDetail?.AllowedByOrganizations]),
		).toEqual([
			['iam:CreateServiceSpecificCredential', 'explicitDeny', false],
			['iam:CreateUser', 'allowed', true],
		]);
		// No boundary on the user: that detail stays absent.
		expect(simulated.EvaluationResults?.[0]?.PermissionsBoundaryDecisionDetail).toBeUndefined();
	});

	it('they see only the context passed: the Region-deny matches unless aws:RequestedRegion is given and allowed', async () => {
		const decisions = async (region?: string) =>
			(await simulate(sandbox, ['bedrock:GetFoundationModelAvailability'], region)).EvaluationResults?.map((result) => [
				result.EvalDecision,
				result.OrganizationsDecisionDetail?.AllowedByOrganizations,
			]);
		expect(await decisions()).toEqual([['explicitDeny', false]]);
		expect(await decisions('us-east-1')).toEqual([['explicitDeny', false]]);
		expect(await decisions('us-west-2')).toEqual([['allowed', true]]);
	});

	it('an account with no service control policy: no OrganizationsDecisionDetail at all', async () => {
		const simulated = await simulate(plain, ['iam:CreateServiceSpecificCredential']);
		expect(simulated.EvaluationResults?.map((result) => [result.EvalDecision, result.OrganizationsDecisionDetail])).toEqual([['allowed', undefined]]);
	});
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	it('simulate-principal-policy prints OrganizationsDecisionDetail', async () => {
		const {stdout} = await runAwsCli(sandbox, [
			'iam',
			'simulate-principal-policy',
			'--policy-source-arn',
			userArn,
			'--action-names',
			'iam:CreateServiceSpecificCredential',
			'iam:GetUser',
		]);
		const simulated = JSON.parse(stdout) as {EvaluationResults: Array<{EvalDecision: string; OrganizationsDecisionDetail?: {AllowedByOrganizations: boolean}}>};
		expect(simulated.EvaluationResults.map((result) => [result.EvalDecision, result.OrganizationsDecisionDetail?.AllowedByOrganizations])).toEqual([
			['explicitDeny', false],
			['allowed', true],
		]);
	}, 60_000);
});

describe("IAM's calls are requested in us-east-1, whatever Region signed them", () => {
	it('a Region-deny SCP that leaves out us-east-1 refuses IAM calls signed for us-west-2, as in AWS', async () => {
		const governed = await startTestSandbox({
			propagationDelayMs: 0,
			serviceControlPolicies: [
				{
					name: 'us-west-2-only',
					document: JSON.stringify({
						Version: '2012-10-17',
						Statement: [{Effect: 'Deny', Action: '*', Resource: '*', Condition: {StringNotEquals: {'aws:RequestedRegion': 'us-west-2'}}}],
					}),
				},
			],
		});
		try {
			const refused = await rejection(iamClient(governed).send(new GetUserCommand({})));
			expect(refused.name).toBe('AccessDenied');
			expect(refused.message).toContain('with an explicit deny in a service control policy');
		} finally {
			await governed.close();
		}
	});
});
