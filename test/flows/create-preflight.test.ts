/**
 * The pre-flight (issue 15): SimulatePrincipalPolicy is given the condition keys the real calls carry,
 * so an operator whose rights depend on them is judged as the calls will be; and a refusal whose
 * conditions need keys nobody can give in advance (AWS's MissingContextValues) is "cannot tell", said as
 * a notice, not a refusal.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreatePolicyCommand, GetUserCommand, PutUserPermissionsBoundaryCommand, SimulatePrincipalPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterAll(async () => sandbox.close());

async function operatorWith(name: string, statements: readonly object[]): Promise<Record<string, string>> {
	const operator = await provisionUser(sandbox, name, {Version: '2012-10-17', Statement: statements});
	await new Promise((resolve) => setTimeout(resolve, 300));
	return {AWS_ACCESS_KEY_ID: operator.accessKey.accessKeyId, AWS_SECRET_ACCESS_KEY: operator.accessKey.secretAccessKey};
}

const create = (userName: string, env: Record<string, string>) =>
	runCliCaptured(['create', ...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-preflight-'))), '--user-name', userName, '--models', TITAN_V2], {env});

describe('the pre-flight with an operator whose rights depend on conditions', () => {
	it('only Bedrock service-specific credentials allowed (iam:ServiceSpecificCredentialServiceName): the pre-flight passes and the key is made', async () => {
		const env = await operatorWith('bedrock-credentials-only', [
			{Effect: 'Allow', NotAction: 'iam:CreateServiceSpecificCredential', Resource: '*'},
			{
				Effect: 'Allow',
				Action: 'iam:CreateServiceSpecificCredential',
				Resource: '*',
				Condition: {StringEquals: {'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com'}},
			},
		]);
		const run = await create('conditioned', env);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).not.toMatch(/may not make/);
		expect(run.stderr).not.toContain('could not be told in advance');
	});

	it('a condition only the real call can carry (MFA): "cannot tell" is a notice, and the refusal is reported when it happens, with nothing left', async () => {
		const env = await operatorWith('mfa-for-users', [
			{Effect: 'Allow', NotAction: 'iam:CreateUser', Resource: '*'},
			{Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: {Bool: {'aws:MultiFactorAuthPresent': 'true'}}},
		]);
		const run = await create('needs-mfa', env);
		expect(run.stderr).toMatch(/Whether you may make iam:CreateUser could not be told in advance: your policy's conditions need aws:MultiFactorAuthPresent/);
		expect(run.stderr).not.toMatch(/may not make \d+ of the AWS calls/);
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toMatch(/iam:CreateUser/);
		expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: 'needs-mfa'})))).name).toBe('NoSuchEntityException');
	});
});

describe("the pre-flight with an operator held back by their own user's permissions boundary", () => {
	it('names the boundary and the call it leaves out, before anything is made (exit 3), in en and ja', async () => {
		const env = await operatorWith('bounded-operator', [{Effect: 'Allow', Action: '*', Resource: '*'}]);
		const iam = iamClient(sandbox);
		const boundary = await iam.send(
			new CreatePolicyCommand({
				PolicyName: 'no-api-keys',
				PolicyDocument: JSON.stringify({
					Version: '2012-10-17',
					Statement: [{Effect: 'Allow', NotAction: 'iam:CreateServiceSpecificCredential', Resource: '*'}],
				}),
			}),
		);
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'bounded-operator', PermissionsBoundary: boundary.Policy!.Arn!}));
		await new Promise((resolve) => setTimeout(resolve, 300));
		// What AWS's simulator says, through the SDK: the boundary, not the operator's policy, refuses.
		const simulated = await iam.send(
			new SimulatePrincipalPolicyCommand({
				PolicySourceArn: 'arn:aws:iam::123456789012:user/bounded-operator',
				ActionNames: ['iam:CreateServiceSpecificCredential', 'iam:CreateUser'],
			}),
		);
		expect(simulated.EvaluationResults?.map((result) => [result.EvalDecision, result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual(
			[
				['implicitDeny', false],
				['allowed', true],
			],
		);

		const en = await create('bounded-key', env);
		expect(en.code, en.stderr).toBe(3);
		expect(en.stderr).toContain('held back by a guardrail above your own policies');
		expect(en.stderr).toContain('the permissions boundary on your user does not allow iam:CreateServiceSpecificCredential');
		expect(en.stderr).toContain('add these calls to your permissions boundary, or to remove the boundary from your user');
		expect(en.stderr).not.toMatch(/your own policies do not allow/);

		const ja = await runCliCaptured(
			['create', ...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-preflight-'))), '--lang', 'ja', '--user-name', 'bounded-key', '--models', TITAN_V2],
			{env},
		);
		expect(ja.code, ja.stderr).toBe(3);
		expect(ja.stderr).toContain('ユーザーのアクセス許可の境界が iam:CreateServiceSpecificCredential を許可していません');
		expect(ja.stderr).toContain('境界をユーザーから外す');
		// Nothing was made.
		expect((await rejection(iam.send(new GetUserCommand({UserName: 'bounded-key'})))).name).toBe('NoSuchEntityException');
	});
});

describe("a boundary that also keeps the operator from simulating: the refusal comes at the call, and is said as the boundary's", () => {
	it("the step fails in AWS's words, the fix names the boundary, and the run is rolled back (exit 3), in en and ja", async () => {
		const env = await operatorWith('unsimulated-operator', [{Effect: 'Allow', Action: '*', Resource: '*'}]);
		const iam = iamClient(sandbox);
		const boundary = await iam.send(
			new CreatePolicyCommand({
				PolicyName: 'no-api-keys-no-simulation',
				PolicyDocument: JSON.stringify({
					Version: '2012-10-17',
					Statement: [{Effect: 'Allow', NotAction: ['iam:CreateServiceSpecificCredential', 'iam:SimulatePrincipalPolicy'], Resource: '*'}],
				}),
			}),
		);
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'unsimulated-operator', PermissionsBoundary: boundary.Policy!.Arn!}));
		await new Promise((resolve) => setTimeout(resolve, 300));
		for (const lang of ['en', 'ja'] as const) {
			const run = await runCliCaptured(
				[
					'create',
					...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-preflight-'))),
					'--lang',
					lang,
					'--user-name',
					'unsimulated-key',
					'--models',
					TITAN_V2,
				],
				{env},
			);
			expect(run.code, run.stderr).toBe(3);
			expect(run.stderr).toContain('because no permissions boundary allows the iam:CreateServiceSpecificCredential action');
			expect(run.stderr).toContain(
				lang === 'en'
					? "The permissions boundary on your user does not allow it (a boundary grants nothing, it caps what your policies allow): ask the account's admin to add this call to it or to remove it from your user"
					: 'ユーザーのアクセス許可の境界がこの呼び出しを許可していません',
			);
			expect(run.stderr).not.toContain('Ask an administrator for this permission');
			expect(run.stderr).toMatch(lang === 'en' ? /Rolled back \d+ change/ : /件の変更を取り消しました/);
			expect((await rejection(iam.send(new GetUserCommand({UserName: 'unsimulated-key'})))).name).toBe('NoSuchEntityException');
		}
	});
});

describe("the pre-flight under the organisation's service control policies (sandbox --org-policy)", () => {
	const policy = (statement: object) => JSON.stringify({Version: '2012-10-17', Statement: [statement]});

	it("a call an SCP denies is named as the organisation's, before anything is made (exit 3), in en and ja", async () => {
		const governed = await startTestSandbox({
			propagationDelayMs: 0,
			serviceControlPolicies: [{name: 'no-api-keys', document: policy({Effect: 'Deny', Action: 'iam:CreateServiceSpecificCredential', Resource: '*'})}],
		});
		try {
			for (const lang of ['en', 'ja'] as const) {
				const run = await runCliCaptured(
					[
						'create',
						...onSandbox(governed, mkdtempSync(join(tmpdir(), 'bkw-preflight-scp-'))),
						'--lang',
						lang,
						'--user-name',
						'scp-key',
						'--models',
						TITAN_V2,
						'--yes',
					],
					{env: adminEnv(governed)},
				);
				expect(run.code, run.stderr).toBe(3);
				expect(run.stderr).toContain(
					lang === 'en'
						? 'a service control policy of your organisation does not allow iam:CreateServiceSpecificCredential'
						: '組織のサービスコントロールポリシーが iam:CreateServiceSpecificCredential を許可していません',
				);
				expect(run.stderr).toContain(
					lang === 'en' ? "Ask the organisation's admin to allow them in its service control policies." : '組織の管理者に依頼してください',
				);
			}
			expect((await rejection(iamClient(governed).send(new GetUserCommand({UserName: 'scp-key'})))).name).toBe('NoSuchEntityException');
		} finally {
			await governed.close();
		}
	});

	it("a Region-deny SCP that leaves IAM (us-east-1) and the run's Region alone does not stop the pre-flight: the calls carry aws:RequestedRegion", async () => {
		// A negated condition matches a missing key: without the Region in the simulation this would refuse every call.
		const governed = await startTestSandbox({
			propagationDelayMs: 0,
			serviceControlPolicies: [
				{
					name: 'two-regions',
					document: policy({Effect: 'Deny', Action: '*', Resource: '*', Condition: {StringNotEquals: {'aws:RequestedRegion': ['us-west-2', 'us-east-1']}}}),
				},
			],
		});
		try {
			const run = await runCliCaptured(
				['create', ...onSandbox(governed, mkdtempSync(join(tmpdir(), 'bkw-preflight-region-'))), '--user-name', 'region-key', '--models', TITAN_V2, '--yes'],
				{env: adminEnv(governed)},
			);
			expect(run.stderr).not.toMatch(/may not make \d+ of the AWS calls/);
			expect(run.code, run.stderr).toBe(0);
		} finally {
			await governed.close();
		}
	});
});
