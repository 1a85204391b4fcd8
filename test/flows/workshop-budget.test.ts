/**
 * `workshop create --budget`: the spend guard end to end, the CLI in-process with the real SDK clients against
 * the sandbox. Issue 17's Done-when: with --budget, crossing the threshold in the sandbox makes every seat's key
 * refused, and teardown leaves no budget behind (nor the role or the deny policy: checked with boto3). Also: the
 * plan says it is a delayed cut-off before anything is made, a re-run with more seats brings the action's users
 * along (UpdateBudgetAction), status shows the action's status, bad flags are usage errors, and a teardown cut
 * short by IAM finishes on the next run.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {spendGuardNames} from '../../source/core/workshop/spend-guard.js';
import {boto3, clientEnv} from '../helpers/clients.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {adminEnv, bearerRuntimeClient, controlRoute, rejection, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const EVENT = 'budget-class';
const MODEL = 'amazon.nova-lite-v1:0';
const UNTIL = new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-budget-'));
});
afterAll(async () => sandbox.close());

const workshop = (args: readonly string[], outDir = dir): Promise<CliRun> =>
	runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir, '--max-rps', '200'], {
		env: adminEnv(sandbox),
	});

const names = () => spendGuardNames(EVENT, sandbox.accountId);
const keys = (): string[] =>
	readdirSync(dir)
		.filter((name) => name.endsWith('.md'))
		.map((file) => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(readFileSync(join(dir, file), 'utf8'))![1]!);
const converse = (key: string) =>
	bearerRuntimeClient(sandbox, key, {maxAttempts: 1}).send(new ConverseCommand({modelId: MODEL, messages: [{role: 'user', content: [{text: 'Hello'}]}]}));

describe('bad flags, before any AWS call', () => {
	it('refuses an amount that is not a positive number of dollars, and --budget without --budget-email', async () => {
		for (const amount of ['-5', '0', 'ten', '1.234']) {
			const refused = await workshop(
				['create', '--name', 'bad-budget', '--seats', '1', '--models', MODEL, '--until', UNTIL, '--budget', amount, '--budget-email', 'i@example.com'],
				mkdtempSync(join(tmpdir(), 'bkw-bad-')),
			);
			expect(refused.code, amount).toBe(2);
			expect(refused.stderr).toContain(`--budget must be a positive amount of US dollars, with at most two decimals, not "${amount}".`);
		}
		const noEmail = await workshop(
			['create', '--name', 'bad-budget', '--seats', '1', '--models', MODEL, '--until', UNTIL, '--budget', '10'],
			mkdtempSync(join(tmpdir(), 'bkw-bad-')),
		);
		expect(noEmail.code).toBe(2);
		expect(noEmail.stderr).toContain('--budget needs --budget-email');
		const threshold = await workshop(
			[
				'create',
				'--name',
				'bad-budget',
				'--seats',
				'1',
				'--models',
				MODEL,
				'--until',
				UNTIL,
				'--budget',
				'10',
				'--budget-email',
				'i@example.com',
				'--budget-threshold',
				'0',
			],
			mkdtempSync(join(tmpdir(), 'bkw-bad-')),
		);
		expect(threshold.code).toBe(2);
		expect(threshold.stderr).toContain('--budget-threshold must be a percentage above 0 and at most 1000');
		const japanese = await workshop(
			['create', '--name', 'bad-budget', '--seats', '1', '--models', MODEL, '--until', UNTIL, '--budget', '10', '--lang', 'ja'],
			mkdtempSync(join(tmpdir(), 'bkw-bad-')),
		);
		expect(japanese.code).toBe(2);
		expect(japanese.stderr).toContain('--budget には --budget-email が必要です');
		// Nothing was made.
		expect(sandbox.budgets.list()).toEqual([]);
		expect(sandbox.store.snapshot().users.filter((user) => user.userName.startsWith('bkw-bad-budget'))).toEqual([]);
	});
});

describe('a class of 3 with a 20 USD budget', () => {
	let created: CliRun;
	beforeAll(async () => {
		created = await workshop([
			'create',
			'--name',
			EVENT,
			'--seats',
			'3',
			'--models',
			MODEL,
			'--until',
			UNTIL,
			'--budget',
			'20',
			'--budget-email',
			'teacher@example.com',
			'--json',
		]);
	}, 60_000);

	it('says what it will make, and that it is a delayed cut-off, before making anything', () => {
		expect(created.code, created.stderr).toBe(0);
		const plan = created.stderr.indexOf('Spend guard: a monthly cost budget of 20 USD; when the actual spend reaches 100% of it');
		expect(plan).toBeGreaterThan(-1);
		expect(created.stderr.indexOf('seat 1')).toSatisfy((at: number) => at === -1 || at > plan);
		expect(created.stderr).toContain('This is a delayed cut-off, not a hard cap');
		expect(created.stderr).toContain("The budget counts the account's whole cost this month");
		const summary = JSON.parse(created.stdout) as {
			spendGuard: {record: {budgetName: string; amountUsd: number}; actions: Array<{status: string; users: string[]}>};
		};
		expect(summary.spendGuard.record).toMatchObject({budgetName: names().budgetName, amountUsd: 20, thresholdPercent: 100, email: 'teacher@example.com'});
		expect(summary.spendGuard.actions).toEqual([
			expect.objectContaining({status: 'STANDBY', users: ['bkw-budget-class-001', 'bkw-budget-class-002', 'bkw-budget-class-003']}),
		]);
		const manifest = JSON.parse(readFileSync(join(dir, 'workshop.json'), 'utf8')) as {budget: {amountUsd: number; roleArn: string}};
		expect(manifest.budget).toMatchObject({amountUsd: 20, roleArn: names().roleArn});
	});

	it('makes a budget, a role trusted by Budgets alone, and a deny policy, as the action needs them', () => {
		const budget = sandbox.budgets.get(names().budgetName)!;
		expect(budget).toMatchObject({limit: {amount: 20, unit: 'USD'}, timeUnit: 'MONTHLY', budgetType: 'COST'});
		expect(budget.actions[0]).toMatchObject({
			notificationType: 'ACTUAL',
			approvalModel: 'AUTOMATIC',
			executionRoleArn: names().roleArn,
			threshold: {value: 100, type: 'PERCENTAGE'},
		});
		const role = sandbox.store.snapshot().roles!.find((entry) => entry.roleName === names().roleName)!;
		expect(JSON.parse(role.assumeRolePolicyDocument)).toEqual({
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Principal: {Service: 'budgets.amazonaws.com'}, Action: 'sts:AssumeRole'}],
		});
		const allowed = JSON.parse(Object.values(role.inlinePolicies)[0]!) as {Statement: Array<{Action: string[]; Resource: string[]; Condition: unknown}>};
		expect(allowed.Statement).toEqual([
			expect.objectContaining({
				Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
				Resource: [1, 2, 3].map((seat) => `arn:aws:iam::${sandbox.accountId}:user/bkw-budget-class-00${seat}`),
				Condition: {ArnEquals: {'iam:PolicyARN': names().policyArn}},
			}),
		]);
	});

	it('workshop plan shows the saved guard with its caveat', async () => {
		const plan = await workshop(['plan', '--name', EVENT]);
		expect(plan.code, plan.stderr).toBe(0);
		expect(plan.stderr).toContain('Spend guard: a monthly cost budget of 20 USD; when the actual spend reaches 100% of it');
		expect(plan.stderr).toContain('This is a delayed cut-off, not a hard cap');
	}, 60_000);

	it('a re-run with one more seat keeps the budget and lists the new seat in the action', async () => {
		const again = await workshop(['create', '--name', EVENT, '--seats', '4', '--yes']);
		expect(again.code, again.stderr).toBe(0);
		expect(again.stderr).toMatch(/budget action [0-9a-f-]{36}: updated/);
		const [action] = sandbox.budgets.get(names().budgetName)!.actions;
		expect((action!.definition['IamActionDefinition'] as {Users: string[]}).Users).toEqual([1, 2, 3, 4].map((seat) => `bkw-budget-class-00${seat}`));
		expect(keys()).toHaveLength(4);
	}, 60_000);

	it("crossing the threshold makes every seat's key refused, and status says the action ran", async () => {
		for (const key of keys()) await expect(converse(key)).resolves.toMatchObject({stopReason: expect.any(String)});
		const crossed = await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'budgets', body: {budgetName: names().budgetName, actualSpend: 20.5}});
		expect(crossed.status).toBe(200);
		for (const key of keys()) {
			const refused = await rejection(converse(key));
			expect(refused.name).toBe('AccessDeniedException');
			expect(refused.message).toContain('with an explicit deny in an identity-based policy');
		}
		const status = await workshop(['status', '--name', EVENT]);
		expect(status.code, status.stderr).toBe(0);
		expect(status.stdout).toContain('Spend guard: budget 20 USD a month, spend known so far 20.50 USD, cut-off at 100%');
		expect(status.stdout).toMatch(/action [0-9a-f-]{36}: EXECUTION_SUCCESS \(4 seats\)/);
		expect(status.stdout).toContain('the figure above can be hours old');
	}, 60_000);

	it('a teardown cut short by IAM leaves the role to the next run, which finishes the job', async () => {
		sandbox.faults.add({operation: 'DeleteRole', kind: '500', times: 8});
		const first = await workshop(['teardown', '--name', EVENT, '--yes']);
		expect(first.code, first.stderr).toBe(3);
		expect(first.stderr).toContain(`execution role ${names().roleName} is left`);
		// The budget went first, the seats and the deny policy (which the action had attached to them) after them.
		expect(first.stderr).toContain(`budget ${names().budgetName} deleted`);
		expect(first.stderr).toContain(`deny policy ${names().policyName} deleted`);
		expect(sandbox.budgets.get(names().budgetName)).toBeUndefined();
		sandbox.faults.clear();
		const second = await workshop(['teardown', '--name', EVENT, '--yes', '--json']);
		expect(second.code, second.stderr).toBe(0);
		expect(JSON.parse(second.stdout)).toMatchObject({spendGuard: {left: [], removed: [`role:${names().roleName}`]}});
		expect(sandbox.store.snapshot().roles).toEqual([]);
	}, 60_000);
});

describe('Budgets refused (a service control policy denies budgets:*)', () => {
	const other = mkdtempSync(join(tmpdir(), 'bkw-workshop-budget-refused-'));
	const refusedNames = () => spendGuardNames('refused-class', sandbox.accountId);
	const scp = (policies: unknown[]) => controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', body: {serviceControlPolicies: policies}});

	it('makes the seats and workshop.json, names the permissions, exits 3; a bare re-run makes the guard; teardown removes it all', async () => {
		const deny = {Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'budgets:*', Resource: '*'}]};
		expect((await scp([{name: 'no-budgets', document: JSON.stringify(deny)}])).status).toBe(200);
		const refused = await workshop(
			['create', '--name', 'refused-class', '--seats', '2', '--models', MODEL, '--until', UNTIL, '--budget', '5', '--budget-email', 'i@example.com'],
			other,
		);
		expect(refused.code, refused.stderr).toBe(3);
		expect(refused.stderr).toContain('AWS Budgets or IAM refused the spend guard');
		expect(refused.stderr).toContain('with an explicit deny in a service control policy');
		expect(refused.stderr).toContain('budgets:ModifyBudget');
		expect(readdirSync(other).filter((name) => name.endsWith('.md'))).toHaveLength(2);
		const manifest = JSON.parse(readFileSync(join(other, 'workshop.json'), 'utf8')) as {budget: {amountUsd: number}};
		expect(manifest.budget).toMatchObject({amountUsd: 5, email: 'i@example.com', budgetName: refusedNames().budgetName});

		expect((await scp([])).status).toBe(200);
		const again = await workshop(['create', '--name', 'refused-class'], other);
		expect(again.code, again.stderr).toBe(0);
		expect(sandbox.budgets.get(refusedNames().budgetName)?.actions).toHaveLength(1);

		const teardown = await workshop(['teardown', '--name', 'refused-class', '--yes'], other);
		expect(teardown.code, teardown.stderr).toBe(0);
		expect(sandbox.budgets.get(refusedNames().budgetName)).toBeUndefined();
		expect(sandbox.store.snapshot().roles?.some((role) => role.roleName === refusedNames().roleName)).toBe(false);
		expect(sandbox.store.snapshot().policies.some((policy) => policy.arn === refusedNames().policyArn)).toBe(false);
	}, 90_000);
});

describeWithTool(boto3, 'boto3', () => {
	it('finds no budget, role or deny policy of the workshop after teardown', async () => {
		const script = [
			'import boto3, os, json, botocore',
			'e = os.environ["BKW_ENDPOINT"]',
			'budgets = boto3.client("budgets", endpoint_url=e, region_name="us-east-1")',
			'iam = boto3.client("iam", endpoint_url=e)',
			'left = [b["BudgetName"] for b in budgets.describe_budgets(AccountId=os.environ["ACCOUNT_ID"]).get("Budgets", [])]',
			'try:',
			'    iam.get_role(RoleName=os.environ["ROLE"]); role = True',
			'except botocore.exceptions.ClientError as error:',
			'    role = error.response["Error"]["Code"] != "NoSuchEntity"',
			'policies = [p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]]',
			'users = [u["UserName"] for u in iam.list_users()["Users"] if u["UserName"].startswith("bkw-budget-class")]',
			'print(json.dumps({"budgets": left, "role": role, "policies": policies, "users": users}))',
		].join('\n');
		const {stdout} = await run('python3', ['-c', script], {env: clientEnv(sandbox, {ACCOUNT_ID: sandbox.accountId, ROLE: names().roleName}), timeout: 60_000});
		expect(JSON.parse(stdout.trim())).toEqual({budgets: [], role: false, policies: [], users: []});
	}, 60_000);
});
