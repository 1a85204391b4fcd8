/**
 * Customer managed policies checked with clients we did not write: boto3 (clients/managed_policies_boto3.py)
 * and the AWS CLI, against a test sandbox. On a developer's machine without python3 + boto3 or the AWS CLI
 * a block is skipped with a warning; under CI (.ci/run installs them) it runs and fails, so a broken
 * install step cannot pass as green (the convention of test/helpers/terminal.ts).
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {CreateUserCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/managed_policies_boto3.py', import.meta.url));

let sandbox: RunningSandbox;
beforeAll(async () => {
	// A short delay, so the boto3 script meets IAM's eventual consistency at runtime as it would on AWS.
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterAll(async () => {
	await sandbox.close();
});

describeWithTool(boto3, 'boto3', () => {
	it('every managed-policy operation, quota and refusal, and the default version in force at runtime and in simulation', async () => {
		const {stdout} = await run('python3', [script], {env: clientEnv(sandbox), timeout: 60_000});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(50);
	}, 180_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
		const {stdout} = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {env: clientEnv(sandbox), timeout: 30_000});
		return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
	};
	const refusal = async (...args: string[]): Promise<string> => {
		try {
			await aws(...args);
		} catch (error) {
			return String((error as {stderr?: string}).stderr ?? error);
		}
		throw new Error(`aws ${args.join(' ')} succeeded`);
	};

	it('create, version, list, attach, simulate, tag, and delete in IAM order, with IAM refusals as the CLI prints them', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'cli-user'}));
		const dir = mkdtempSync(join(tmpdir(), 'bkw-cli-'));
		const policyFile = (name: string, model: string): string => {
			const path = join(dir, name);
			writeFileSync(
				path,
				JSON.stringify({
					Version: '2012-10-17',
					Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:us-west-2::foundation-model/${model}`}],
				}),
			);
			return `file://${path}`;
		};
		const created = (await aws(
			'iam',
			'create-policy',
			'--policy-name',
			'cli-policy',
			'--path',
			'/bedrock-key-wizard/',
			'--policy-document',
			policyFile('v1.json', 'amazon.nova-lite-v1:0'),
			'--tags',
			'Key=bedrock-key-wizard:managed,Value=true',
		)) as {Policy: {Arn: string; DefaultVersionId: string}};
		const arn = created.Policy.Arn;
		expect(arn).toBe('arn:aws:iam::123456789012:policy/bedrock-key-wizard/cli-policy');
		expect(created.Policy.DefaultVersionId).toBe('v1');
		expect(await refusal('iam', 'create-policy', '--policy-name', 'cli-policy', '--policy-document', policyFile('again.json', 'x'))).toContain(
			'An error occurred (EntityAlreadyExists) when calling the CreatePolicy operation: A policy called cli-policy already exists. Duplicate names are not allowed.',
		);

		await aws('iam', 'create-policy-version', '--policy-arn', arn, '--policy-document', policyFile('v2.json', 'amazon.nova-pro-v1:0'), '--set-as-default');
		const versions = (await aws('iam', 'list-policy-versions', '--policy-arn', arn)) as {Versions: Array<{VersionId: string; IsDefaultVersion: boolean}>};
		expect(versions.Versions.map((version) => [version.VersionId, version.IsDefaultVersion])).toEqual([
			['v2', true],
			['v1', false],
		]);
		const version = (await aws('iam', 'get-policy-version', '--policy-arn', arn, '--version-id', 'v2')) as {
			PolicyVersion: {Document: {Statement: Array<{Resource: string}>}};
		};
		expect(version.PolicyVersion.Document.Statement[0]?.Resource).toBe('arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0');
		const listed = (await aws('iam', 'list-policies', '--scope', 'Local', '--path-prefix', '/bedrock-key-wizard/')) as {Policies: Array<{Arn: string}>};
		expect(listed.Policies.map((policy) => policy.Arn)).toEqual([arn]);
		expect(((await aws('iam', 'list-policies', '--scope', 'Local', '--only-attached')) as {Policies: unknown[]}).Policies).toEqual([]);

		await aws('iam', 'attach-user-policy', '--user-name', 'cli-user', '--policy-arn', arn);
		expect(await aws('iam', 'list-attached-user-policies', '--user-name', 'cli-user')).toMatchObject({
			AttachedPolicies: [{PolicyName: 'cli-policy', PolicyArn: arn}],
		});
		expect(await aws('iam', 'list-entities-for-policy', '--policy-arn', arn)).toMatchObject({
			PolicyUsers: [{UserName: 'cli-user'}],
			PolicyGroups: [],
			PolicyRoles: [],
		});
		const simulated = (await aws(
			'iam',
			'simulate-principal-policy',
			'--policy-source-arn',
			'arn:aws:iam::123456789012:user/cli-user',
			'--action-names',
			'bedrock:InvokeModel',
			'--resource-arns',
			'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0',
			'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0',
		)) as {EvaluationResults: Array<{EvalDecision: string; MatchedStatements: Array<{SourcePolicyType: string}>}>};
		expect(simulated.EvaluationResults.map((result) => result.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
		expect(simulated.EvaluationResults[0]?.MatchedStatements[0]?.SourcePolicyType).toBe('user-managed');

		await aws('iam', 'tag-policy', '--policy-arn', arn, '--tags', 'Key=team,Value=ml');
		await aws('iam', 'untag-policy', '--policy-arn', arn, '--tag-keys', 'bedrock-key-wizard:managed');
		expect(await aws('iam', 'list-policy-tags', '--policy-arn', arn)).toMatchObject({Tags: [{Key: 'team', Value: 'ml'}]});

		expect(await refusal('iam', 'delete-policy', '--policy-arn', arn)).toContain(
			'An error occurred (DeleteConflict) when calling the DeletePolicy operation: Cannot delete a policy attached to entities.',
		);
		expect(await refusal('iam', 'delete-policy-version', '--policy-arn', arn, '--version-id', 'v2')).toContain(
			'An error occurred (DeleteConflict) when calling the DeletePolicyVersion operation: Cannot delete the default version of a policy.',
		);
		await aws('iam', 'detach-user-policy', '--user-name', 'cli-user', '--policy-arn', arn);
		expect(await refusal('iam', 'delete-policy', '--policy-arn', arn)).toContain('This policy has more than one version.');
		await aws('iam', 'delete-policy-version', '--policy-arn', arn, '--version-id', 'v1');
		await aws('iam', 'delete-policy', '--policy-arn', arn);
		expect(await refusal('iam', 'get-policy', '--policy-arn', arn)).toContain(
			`An error occurred (NoSuchEntity) when calling the GetPolicy operation: Policy ${arn} was not found.`,
		);
	}, 180_000);
});
