/**
 * IAM's limits and the pathological inputs of issue 20 through clients we did not write: boto3
 * (clients/limits_boto3.py) and the AWS CLI. Skipped with a warning where the tool is missing, failed under
 * CI (test/helpers/required-tool.ts).
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {CreateUserCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/limits_boto3.py', import.meta.url));

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	await iamClient(sandbox).send(new CreateUserCommand({UserName: 'cli-limits'}));
});
afterAll(async () => {
	await sandbox.close();
});

describeWithTool(boto3, 'boto3', () => {
	it('10,000 tags, 51 tags and keys, oversized policies, a pathological wildcard and too many evaluations', async () => {
		const {stdout} = await run('python3', [script], {env: clientEnv(sandbox), timeout: 120_000});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(14);
	}, 180_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	/** Runs `aws …` and returns its exit code and stderr (the CLI prints the service's code and message there). */
	const aws = async (...args: string[]): Promise<{code: number; stderr: string}> => {
		try {
			await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {env: clientEnv(sandbox), timeout: 60_000});
			return {code: 0, stderr: ''};
		} catch (error) {
			const failure = error as {code?: number; stderr?: string};
			return {code: failure.code ?? -1, stderr: failure.stderr ?? ''};
		}
	};

	it('reads the refusals of 51 tags and of a policy over 2,048 characters as IAM words them', async () => {
		const tags = Array.from({length: 51}, (_, index) => `Key=k${index},Value=v${index}`);
		const tagged = await aws('iam', 'tag-user', '--user-name', 'cli-limits', '--tags', ...tags);
		expect(tagged.code).not.toBe(0);
		expect(tagged.stderr).toContain('(LimitExceeded)');
		expect(tagged.stderr).toContain('Cannot exceed quota for TagsPerUser: 50');
		const document = JSON.stringify({Version: '2012-10-17', Statement: [{Sid: 'S'.repeat(2000), Effect: 'Allow', Action: 'iam:GetUser', Resource: '*'}]});
		const put = await aws('iam', 'put-user-policy', '--user-name', 'cli-limits', '--policy-name', 'big', '--policy-document', document);
		expect(put.stderr).toContain('(LimitExceeded)');
		expect(put.stderr).toContain('Maximum policy size of 2048 bytes exceeded for user cli-limits');
	}, 120_000);
});
