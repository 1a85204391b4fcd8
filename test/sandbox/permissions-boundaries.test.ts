/**
 * Permissions boundaries on users, as IAM has them: PutUserPermissionsBoundary / DeleteUserPermissionsBoundary,
 * GetUser's PermissionsBoundary, the policy's PermissionsBoundaryUsageCount and DeleteConflict, and evaluation
 * (an action is allowed only where the identity policies and the boundary both allow it) at runtime after the
 * propagation delay and in SimulatePrincipalPolicy. With the real SDK clients, and the AWS CLI
 * (docs/aws-facts.md, 'Organisation guardrails').
 */
import {execFile} from 'node:child_process';
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {ConverseCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	CreateUserCommand,
	DeletePolicyCommand,
	DeleteUserCommand,
	DeleteUserPermissionsBoundaryCommand,
	DeleteUserPolicyCommand,
	DetachUserPolicyCommand,
	GetPolicyCommand,
	GetUserCommand,
	ListEntitiesForPolicyCommand,
	ListPoliciesCommand,
	ListUsersCommand,
	PutUserPermissionsBoundaryCommand,
	PutUserPolicyCommand,
	SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {authorize} from '../../source/sandbox/authorize.js';
import {SandboxStateError, type RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {bearerRuntimeClient, iamClient, provisionUser, rejection, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const propagationDelayMs = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const titan = 'amazon.titan-embed-text-v2:0';
const nova = 'amazon.nova-lite-v1:0';
const modelArn = (id: string) => `arn:aws:bedrock:us-west-2::foundation-model/${id}`;
const invokeTitan = new InvokeModelCommand({modelId: titan, contentType: 'application/json', body: JSON.stringify({inputText: 'hello'})});
const converseNova = new ConverseCommand({modelId: nova, messages: [{role: 'user', content: [{text: 'hi'}]}]});

/** The user's own policy: every model, and API keys. */
const everything = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*'},
	],
};
/** The boundary: API keys and the Titan models only. */
const titanOnly = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.titan-*'},
	],
};
/** A boundary that allows everything but denies Nova outright. */
const denyNova = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: '*', Resource: '*'},
		{Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/amazon.nova-*'},
	],
};

let sandbox: RunningSandbox;
let titanBoundary: string;
let denyBoundary: string;
const dir = mkdtempSync(join(tmpdir(), 'bkw-boundary-'));
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs, statePath: join(dir, 'state.json')});
	const iam = iamClient(sandbox);
	titanBoundary = (await iam.send(new CreatePolicyCommand({PolicyName: 'titan-only', PolicyDocument: JSON.stringify(titanOnly)}))).Policy!.Arn!;
	denyBoundary = (await iam.send(new CreatePolicyCommand({PolicyName: 'deny-nova', PolicyDocument: JSON.stringify(denyNova)}))).Policy!.Arn!;
});
afterAll(async () => {
	await sandbox.close();
});

describe('the IAM operations', () => {
	it('GetUser shows the boundary, the policy counts it, DeletePolicy is a DeleteConflict while it is used; the state file keeps it', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'bounded'}));
		expect((await iam.send(new GetUserCommand({UserName: 'bounded'}))).User?.PermissionsBoundary).toBeUndefined();
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'bounded', PermissionsBoundary: titanBoundary}));
		expect((await iam.send(new GetUserCommand({UserName: 'bounded'}))).User?.PermissionsBoundary).toEqual({
			PermissionsBoundaryType: 'Policy',
			PermissionsBoundaryArn: titanBoundary,
		});
		// ListUsers leaves it out, as AWS does.
		expect((await iam.send(new ListUsersCommand({}))).Users?.find((user) => user.UserName === 'bounded')?.PermissionsBoundary).toBeUndefined();
		const policy = (await iam.send(new GetPolicyCommand({PolicyArn: titanBoundary}))).Policy;
		expect(policy).toMatchObject({AttachmentCount: 0, PermissionsBoundaryUsageCount: 1});
		const listed = await iam.send(new ListPoliciesCommand({Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary'}));
		expect(listed.Policies?.map((entry) => [entry.PolicyName, entry.PermissionsBoundaryUsageCount])).toEqual([['titan-only', 1]]);
		const entities = await iam.send(new ListEntitiesForPolicyCommand({PolicyArn: titanBoundary, PolicyUsageFilter: 'PermissionsBoundary'}));
		expect(entities.PolicyUsers?.map((user) => user.UserName)).toEqual(['bounded']);
		const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {users: Array<{userName: string; permissionsBoundary?: string}>};
		expect(saved.users.find((user) => user.userName === 'bounded')?.permissionsBoundary).toBe(titanBoundary);

		const conflict = await rejection(iam.send(new DeletePolicyCommand({PolicyArn: titanBoundary})));
		expect(conflict.name).toBe('DeleteConflictException');
		expect(conflict.message).toBe('Cannot delete a policy attached to entities.');

		// An AWS managed policy can be a boundary too, and replaces the one before.
		const managed = 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess';
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'bounded', PermissionsBoundary: managed}));
		expect((await iam.send(new GetUserCommand({UserName: 'bounded'}))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(managed);
		expect((await iam.send(new GetPolicyCommand({PolicyArn: titanBoundary}))).Policy?.PermissionsBoundaryUsageCount).toBe(0);
		expect((await iam.send(new GetPolicyCommand({PolicyArn: managed}))).Policy?.PermissionsBoundaryUsageCount).toBe(1);

		await iam.send(new DeleteUserPermissionsBoundaryCommand({UserName: 'bounded'}));
		expect((await iam.send(new GetUserCommand({UserName: 'bounded'}))).User?.PermissionsBoundary).toBeUndefined();
		// A boundary does not hold DeleteUser back (AWS deletes the user with it).
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'bounded', PermissionsBoundary: titanBoundary}));
		await iam.send(new DeleteUserCommand({UserName: 'bounded'}));
		expect((await iam.send(new GetPolicyCommand({PolicyArn: titanBoundary}))).Policy?.PermissionsBoundaryUsageCount).toBe(0);
	});

	it('NoSuchEntity for an unknown user or policy, in AWS words', async () => {
		const iam = iamClient(sandbox);
		const noUser = await rejection(iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'nobody', PermissionsBoundary: titanBoundary})));
		expect(noUser.name).toBe('NoSuchEntityException');
		expect(noUser.message).toBe('The user with name nobody cannot be found.');
		await iam.send(new CreateUserCommand({UserName: 'unbounded'}));
		const missing = 'arn:aws:iam::123456789012:policy/no-such-policy';
		const noPolicy = await rejection(iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'unbounded', PermissionsBoundary: missing})));
		expect(noPolicy.name).toBe('NoSuchEntityException');
		expect(noPolicy.message).toBe(`Scope ARN: ${missing} does not exist or is not attachable.`);
		expect((await iam.send(new GetUserCommand({UserName: 'unbounded'}))).User?.PermissionsBoundary).toBeUndefined();
		const noUserDelete = await rejection(iam.send(new DeleteUserPermissionsBoundaryCommand({UserName: 'nobody'})));
		expect(noUserDelete.name).toBe('NoSuchEntityException');
	});

	it('are authorized on the user ARN with iam:PermissionsBoundary in the context', async () => {
		const admin = await provisionUser(sandbox, 'boundary-admin', {
			Version: '2012-10-17',
			Statement: [
				{
					Effect: 'Allow',
					Action: ['iam:PutUserPermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
					Resource: 'arn:aws:iam::123456789012:user/*',
					Condition: {StringEquals: {'iam:PermissionsBoundary': titanBoundary}},
				},
			],
		});
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'subject'}));
		const iam = iamClient(sandbox, {credentials: admin.accessKey});
		const refused = await rejection(iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'subject', PermissionsBoundary: denyBoundary})));
		expect(refused.name).toBe('AccessDenied');
		expect(refused.message).toBe(
			`User: ${admin.arn} is not authorized to perform: iam:PutUserPermissionsBoundary on resource: arn:aws:iam::123456789012:user/subject because no identity-based policy allows the iam:PutUserPermissionsBoundary action`,
		);
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'subject', PermissionsBoundary: titanBoundary}));
		await iam.send(new DeleteUserPermissionsBoundaryCommand({UserName: 'subject'}));
		// Without a boundary on the user there is no iam:PermissionsBoundary to match: refused.
		expect((await rejection(iam.send(new DeleteUserPermissionsBoundaryCommand({UserName: 'subject'})))).name).toBe('AccessDenied');
	});
});

describe('the state file', () => {
	it('a restart keeps the boundary, and a file whose boundary is not a policy ARN is refused', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'persisted'}));
		await iamClient(sandbox).send(new PutUserPermissionsBoundaryCommand({UserName: 'persisted', PermissionsBoundary: titanBoundary}));
		const copy = join(dir, 'copy.json');
		copyFileSync(join(dir, 'state.json'), copy);
		const restarted = await startTestSandbox({statePath: copy});
		try {
			expect((await iamClient(restarted).send(new GetUserCommand({UserName: 'persisted'}))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
				titanBoundary,
			);
		} finally {
			await restarted.close();
		}
		const saved = JSON.parse(readFileSync(copy, 'utf8')) as {users: Array<{userName: string; permissionsBoundary?: unknown}>};
		saved.users.find((user) => user.userName === 'persisted')!.permissionsBoundary = 42;
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, JSON.stringify(saved));
		const error = await startTestSandbox({statePath: bad}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(SandboxStateError);
		expect((error as Error).message).toContain('the permissions boundary of user persisted must be a policy ARN');
		await iamClient(sandbox).send(new DeleteUserCommand({UserName: 'persisted'}));
	});
});

describe('evaluation', () => {
	it('a boundary that allows only Titan: Titan answers, Nova is refused in AWS words; without the boundary Nova answers after the delay', async () => {
		const user = await provisionUser(sandbox, 'titan-user', everything, {apiKey: true});
		await iamClient(sandbox).send(new PutUserPermissionsBoundaryCommand({UserName: 'titan-user', PermissionsBoundary: titanBoundary}));
		await sleep(propagationDelayMs + 100);
		const client = bearerRuntimeClient(sandbox, user.apiKey ?? '');
		expect((await client.send(invokeTitan)).body).toBeDefined();
		const refused = await rejection(client.send(converseNova));
		expect(refused.name).toBe('AccessDeniedException');
		expect(refused.message).toBe(
			`User: ${user.arn} is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn(nova)} because no permissions boundary allows the bedrock:InvokeModel action`,
		);

		await iamClient(sandbox).send(new DeleteUserPermissionsBoundaryCommand({UserName: 'titan-user'}));
		// The runtime still enforces the boundary until the change propagates.
		expect((await rejection(client.send(converseNova))).name).toBe('AccessDeniedException');
		await sleep(propagationDelayMs + 100);
		expect((await client.send(converseNova)).output?.message?.role).toBe('assistant');
	});

	it('an explicit Deny in the boundary refuses "with an explicit deny in a permissions boundary"; the identity policy still has to allow', async () => {
		const user = await provisionUser(sandbox, 'deny-user', everything, {apiKey: true});
		const iam = iamClient(sandbox);
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'deny-user', PermissionsBoundary: denyBoundary}));
		await sleep(propagationDelayMs + 100);
		const client = bearerRuntimeClient(sandbox, user.apiKey ?? '');
		const refused = await rejection(client.send(converseNova));
		expect(refused.message).toBe(
			`User: ${user.arn} is not authorized to perform: bedrock:InvokeModel on resource: ${modelArn(nova)} with an explicit deny in a permissions boundary`,
		);
		expect((await client.send(invokeTitan)).body).toBeDefined();
		// A boundary grants nothing: it allows iam:GetUser, the user's own policy does not.
		const own = await rejection(iamClient(sandbox, {credentials: user.accessKey}).send(new GetUserCommand({})));
		expect(own.message).toBe(
			`User: ${user.arn} is not authorized to perform: iam:GetUser on resource: ${user.arn} because no identity-based policy allows the iam:GetUser action`,
		);
		await iam.send(new DeleteUserPolicyCommand({UserName: 'deny-user', PolicyName: 'policy'}));
		await sleep(propagationDelayMs + 100);
		expect((await rejection(client.send(invokeTitan))).message).toContain('because no identity-based policy allows the bedrock:CallWithBearerToken action');
	});

	it('a boundary that leaves out a destination Region of a cross-Region profile refuses the call, as AWS would whenever it routes there', async () => {
		const user = await provisionUser(sandbox, 'region-user', everything, {apiKey: true});
		const iam = iamClient(sandbox);
		const westOnly = (
			await iam.send(
				new CreatePolicyCommand({
					PolicyName: 'us-west-2-only',
					PolicyDocument: JSON.stringify({
						Version: '2012-10-17',
						Statement: [
							{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
							{
								Effect: 'Allow',
								Action: 'bedrock:InvokeModel',
								Resource: ['arn:aws:bedrock:us-west-2:*:inference-profile/*', 'arn:aws:bedrock:us-west-2::foundation-model/*'],
							},
						],
					}),
				}),
			)
		).Policy!.Arn!;
		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'region-user', PermissionsBoundary: westOnly}));
		await sleep(propagationDelayMs + 100);
		const client = bearerRuntimeClient(sandbox, user.apiKey ?? '');
		// In-Region the boundary allows it.
		expect((await client.send(converseNova)).output?.message?.role).toBe('assistant');
		const refused = await rejection(client.send(new ConverseCommand({modelId: `us.${nova}`, messages: [{role: 'user', content: [{text: 'hi'}]}]})));
		expect(refused.message).toMatch(
			new RegExp(
				`^User: ${user.arn} is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-[12]::foundation-model/amazon\\.nova-lite-v1:0 because no permissions boundary allows the bedrock:InvokeModel action$`,
			),
		);
	});

	it('SimulatePrincipalPolicy decides with the boundary and reports PermissionsBoundaryDecisionDetail', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'simulated'}));
		await iam.send(new PutUserPolicyCommand({UserName: 'simulated', PolicyName: 'policy', PolicyDocument: JSON.stringify(everything)}));
		const simulate = () =>
			iam.send(
				new SimulatePrincipalPolicyCommand({
					PolicySourceArn: 'arn:aws:iam::123456789012:user/simulated',
					ActionNames: ['bedrock:InvokeModel'],
					ResourceArns: [modelArn(titan), modelArn(nova)],
				}),
			);
		const before = (await simulate()).EvaluationResults ?? [];
		expect(before.map((result) => result.EvalDecision)).toEqual(['allowed', 'allowed']);
		expect(before[0]?.PermissionsBoundaryDecisionDetail).toBeUndefined();

		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'simulated', PermissionsBoundary: titanBoundary}));
		const bounded = (await simulate()).EvaluationResults ?? [];
		expect(bounded.map((result) => [result.EvalDecision, result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
			['allowed', true],
			['implicitDeny', false],
		]);

		await iam.send(new PutUserPermissionsBoundaryCommand({UserName: 'simulated', PermissionsBoundary: denyBoundary}));
		const denied = (await simulate()).EvaluationResults ?? [];
		expect(denied.map((result) => [result.EvalDecision, result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
			['allowed', true],
			['explicitDeny', false],
		]);
		expect(denied[1]?.MatchedStatements?.map((statement) => [statement.SourcePolicyId, statement.SourcePolicyType])).toEqual([['deny-nova', 'user-managed']]);
	});

	it('service control policies come first, and root is not bounded', () => {
		const caller = {
			accountId: '123456789012',
			arn: 'arn:aws:iam::123456789012:user/u',
			kind: 'user' as const,
			userName: 'u',
			userId: 'AIDA',
			auth: {type: 'sigv4' as const, accessKeyId: 'AKIA'},
		};
		const policy = (statement: object) => ({name: 'p', document: {Version: '2012-10-17', Statement: [statement]}});
		const scope = {
			caller,
			user: undefined,
			policies: [policy({Effect: 'Allow', Action: '*', Resource: '*'})],
			permissionsBoundary: policy({Effect: 'Deny', Action: '*', Resource: '*'}),
			serviceControlPolicies: [policy({Effect: 'Deny', Action: 'bedrock:*', Resource: '*'})],
			region: 'us-west-2',
			now: new Date(),
		} as Parameters<typeof authorize>[0];
		expect(authorize(scope, 'bedrock:InvokeModel', '*').message).toContain('with an explicit deny in a service control policy');
		expect(authorize(scope, 'iam:GetUser', '*').message).toContain('with an explicit deny in a permissions boundary');
		const root = {...caller, arn: 'arn:aws:iam::123456789012:root', kind: 'root' as const};
		expect(authorize({...scope, caller: root} as Parameters<typeof authorize>[0], 'iam:GetUser', '*').allowed).toBe(true);
	});
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
		const {stdout} = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', 'iam', ...args], {env: clientEnv(sandbox), timeout: 30_000});
		return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
	};
	const refusal = async (...args: string[]): Promise<string> => {
		try {
			await aws(...args);
		} catch (error) {
			return String((error as {stderr?: string}).stderr ?? error);
		}
		throw new Error(`aws iam ${args.join(' ')} succeeded`);
	};

	it('put, get, simulate, delete-policy conflict and delete, as the CLI prints them', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'cli-bounded'}));
		await iamClient(sandbox).send(new AttachUserPolicyCommand({UserName: 'cli-bounded', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
		await aws('put-user-permissions-boundary', '--user-name', 'cli-bounded', '--permissions-boundary', titanBoundary);
		expect(await aws('get-user', '--user-name', 'cli-bounded')).toMatchObject({
			User: {UserName: 'cli-bounded', PermissionsBoundary: {PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: titanBoundary}},
		});
		expect(await aws('get-policy', '--policy-arn', titanBoundary)).toMatchObject({Policy: {PermissionsBoundaryUsageCount: 1}});
		const simulated = (await aws(
			'simulate-principal-policy',
			'--policy-source-arn',
			'arn:aws:iam::123456789012:user/cli-bounded',
			'--action-names',
			'bedrock:InvokeModel',
			'--resource-arns',
			modelArn(titan),
			modelArn(nova),
		)) as {EvaluationResults: Array<{EvalDecision: string; PermissionsBoundaryDecisionDetail?: {AllowedByPermissionsBoundary: boolean}}>};
		expect(simulated.EvaluationResults.map((result) => [result.EvalDecision, result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary])).toEqual([
			['allowed', true],
			['implicitDeny', false],
		]);
		expect(await refusal('delete-policy', '--policy-arn', titanBoundary)).toContain(
			'An error occurred (DeleteConflict) when calling the DeletePolicy operation: Cannot delete a policy attached to entities.',
		);
		await aws('delete-user-permissions-boundary', '--user-name', 'cli-bounded');
		expect((await aws('get-user', '--user-name', 'cli-bounded')).User).not.toHaveProperty('PermissionsBoundary');
		await iamClient(sandbox).send(new DetachUserPolicyCommand({UserName: 'cli-bounded', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
	}, 60_000);
});
