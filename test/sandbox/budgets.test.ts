/**
 * The sandbox's AWS Budgets and IAM roles: botocore's own clients (clients/budgets_boto3.py) make an execution
 * role, a budget and an APPLY_IAM_POLICY action, cross the threshold through the control route and delete it
 * all; the AWS CLI reads them; the real Bedrock Runtime SDK client, with the user's API key, is refused once
 * the action has run. Failed runs: a role Budgets may not assume, or whose policy does not allow the attach.
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {CreatePolicyCommand, CreateRoleCommand, ListAttachedUserPoliciesCommand, PutRolePolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {bearerRuntimeClient, controlRoute, iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/budgets_boto3.py', import.meta.url));
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const trust = (service: string) =>
	JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: service}, Action: 'sts:AssumeRole'}]});

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

/** A budget of 10 USD with one automatic action at 100% applying a deny policy to `users`, made through the sandbox's book. */
async function budgetWithAction(name: string, roleArn: string, policyArn: string, users: string[]): Promise<void> {
	sandbox.budgets.add({
		name,
		limit: {amount: 10, unit: 'USD'},
		timeUnit: 'MONTHLY',
		budgetType: 'COST',
		created: new Date(),
		actualSpend: 0,
		forecastedSpend: 0,
		lastUpdated: new Date(),
		actions: [
			{
				id: '00000000-0000-4000-8000-000000000000',
				budgetName: name,
				notificationType: 'ACTUAL',
				actionType: 'APPLY_IAM_POLICY',
				threshold: {value: 100, type: 'PERCENTAGE'},
				definition: {IamActionDefinition: {PolicyArn: policyArn, Users: users}},
				executionRoleArn: roleArn,
				approvalModel: 'AUTOMATIC',
				subscribers: [{SubscriptionType: 'EMAIL', Address: 'instructor@example.com'}],
				status: 'STANDBY',
			},
		],
	});
}

const spend = async (budgetName: string, actualSpend: number) => {
	const response = await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'budgets', body: {budgetName, actualSpend}});
	return {status: response.status, body: (await response.json()) as {budgets: Array<{name: string; actions: Array<{status: string; failure?: string}>}>}};
};

describe('an automatic action, run when the spend crosses its threshold', () => {
	it("attaches the deny policy, and the user's API key is refused from then on", async () => {
		const seat = await provisionUser(
			sandbox,
			'budget-seat',
			{
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Action: ['bedrock:InvokeModel', 'bedrock:CallWithBearerToken', 'aws-marketplace:ViewSubscriptions', 'aws-marketplace:Subscribe'],
						Resource: '*',
					},
				],
			},
			{apiKey: true},
		);
		const iam = iamClient(sandbox);
		const deny = (
			await iam.send(
				new CreatePolicyCommand({
					PolicyName: 'deny-all-bedrock',
					PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:*', Resource: '*'}]}),
				}),
			)
		).Policy!.Arn!;
		const role = (await iam.send(new CreateRoleCommand({RoleName: 'applies-deny', AssumeRolePolicyDocument: trust('budgets.amazonaws.com')}))).Role!.Arn!;
		await iam.send(
			new PutRolePolicyCommand({
				RoleName: 'applies-deny',
				PolicyName: 'attach',
				PolicyDocument: JSON.stringify({
					Version: '2012-10-17',
					Statement: [{Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: seat.arn, Condition: {ArnEquals: {'iam:PolicyARN': deny}}}],
				}),
			}),
		);
		await budgetWithAction('class', role, deny, ['budget-seat']);
		const converse = () =>
			bearerRuntimeClient(sandbox, seat.apiKey!, {maxAttempts: 1}).send(
				new ConverseCommand({modelId: HAIKU_PROFILE, messages: [{role: 'user', content: [{text: 'Hello'}]}]}),
			);
		await expect(converse()).resolves.toMatchObject({stopReason: expect.any(String)});

		// Below the threshold nothing happens; at 100% the action runs.
		expect((await spend('class', 9.99)).body.budgets[0]!.actions[0]!.status).toBe('STANDBY');
		expect((await spend('class', 10)).body.budgets[0]!.actions[0]!.status).toBe('EXECUTION_SUCCESS');
		const attached = await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'budget-seat'}));
		expect(attached.AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([deny]);
		const refused = await rejection(converse());
		expect(refused.name).toBe('AccessDeniedException');
		expect(refused.message).toContain('with an explicit deny in an identity-based policy');
	});

	it('fails, attaching nothing, when Budgets may not assume the role or the role may not attach the policy', async () => {
		const iam = iamClient(sandbox);
		await provisionUser(sandbox, 'budget-seat-2', undefined);
		const deny = (
			await iam.send(
				new CreatePolicyCommand({
					PolicyName: 'deny-2',
					PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:*', Resource: '*'}]}),
				}),
			)
		).Policy!.Arn!;
		const untrusted = (await iam.send(new CreateRoleCommand({RoleName: 'trusts-ec2', AssumeRolePolicyDocument: trust('ec2.amazonaws.com')}))).Role!.Arn!;
		const powerless = (await iam.send(new CreateRoleCommand({RoleName: 'no-policy', AssumeRolePolicyDocument: trust('budgets.amazonaws.com')}))).Role!.Arn!;
		await budgetWithAction('untrusted', untrusted, deny, ['budget-seat-2']);
		await budgetWithAction('powerless', powerless, deny, ['budget-seat-2']);
		const first = await spend('untrusted', 50);
		expect(first.body.budgets.find((budget) => budget.name === 'untrusted')!.actions[0]).toMatchObject({
			status: 'EXECUTION_FAILURE',
			failure: expect.stringContaining('does not let budgets.amazonaws.com assume it'),
		});
		const second = await spend('powerless', 50);
		expect(second.body.budgets.find((budget) => budget.name === 'powerless')!.actions[0]).toMatchObject({
			status: 'EXECUTION_FAILURE',
			failure: expect.stringContaining('is not authorized to perform: iam:AttachUserPolicy'),
		});
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'budget-seat-2'}))).AttachedPolicies).toEqual([]);
	});

	it('refuses a spend for no budget, or without a number', async () => {
		expect((await spend('nosuch', 1)).status).toBe(404);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'budgets', body: {budgetName: 'class'}})).status).toBe(400);
	});
});

describeWithTool(boto3, 'boto3', () => {
	it('makes a role, a budget and an action, crosses the threshold, and deletes it all, with AWS refusals', async () => {
		await provisionUser(sandbox, 'boto-seat', undefined);
		const {stdout} = await run('python3', [script], {
			env: clientEnv(sandbox, {
				ACCOUNT_ID: sandbox.accountId,
				SEAT_USER: 'boto-seat',
				ADMIN_TOKEN: sandbox.adminToken,
				PYTHONPATH: fileURLToPath(new URL('clients', import.meta.url)),
			}),
			timeout: 60_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(30);
		expect(sandbox.budgets.get('bkw-test')).toBeUndefined();
		expect(sandbox.store.snapshot().roles?.some((role) => role.roleName === 'budget-action')).toBe(false);
	}, 90_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	it('makes and reads a budget and a role', async () => {
		const env = clientEnv(sandbox);
		const aws = async (...args: string[]) =>
			JSON.parse((await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {env})).stdout || '{}') as unknown;
		await aws(
			'budgets',
			'create-budget',
			'--account-id',
			sandbox.accountId,
			'--budget',
			'BudgetName=cli,BudgetLimit={Amount=5,Unit=USD},TimeUnit=MONTHLY,BudgetType=COST',
		);
		const read = (await aws('budgets', 'describe-budget', '--account-id', sandbox.accountId, '--budget-name', 'cli')) as {
			Budget: {BudgetLimit: {Amount: string}};
		};
		expect(read.Budget.BudgetLimit.Amount).toBe('5.0');
		await aws('iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trust('budgets.amazonaws.com'));
		const role = (await aws('iam', 'get-role', '--role-name', 'cli-role')) as {Role: {Arn: string}};
		expect(role.Role.Arn).toBe(`arn:aws:iam::${sandbox.accountId}:role/cli-role`);
		await aws('budgets', 'delete-budget', '--account-id', sandbox.accountId, '--budget-name', 'cli');
		await aws('iam', 'delete-role', '--role-name', 'cli-role');
		expect(sandbox.budgets.get('cli')).toBeUndefined();
	}, 60_000);
});
