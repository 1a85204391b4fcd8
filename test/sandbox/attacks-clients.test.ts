/**
 * The refusals of issue 20 seen through clients we did not write: botocore's own SigV4 signer and presigner
 * (clients/attacks_boto3.py) and the AWS CLI. On a developer's machine without python3 + boto3 or the AWS
 * CLI a block is skipped with a warning; under CI it runs and fails (test/helpers/required-tool.ts).
 */
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {CreateUserCommand, ListUserTagsCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {awsCli, boto3, clientEnv} from '../helpers/clients.js';
import {describeWithTool} from '../helpers/required-tool.js';
import {iamClient, provisionUser, startTestSandbox, type AccessKey} from '../helpers/sandbox.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('clients/attacks_boto3.py', import.meta.url));

let sandbox: RunningSandbox;
let keyUser: AccessKey;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	keyUser = (
		await provisionUser(sandbox, 'key-user', {
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Action: ['bedrock:CallWithBearerToken', 'bedrock:InvokeModel'], Resource: '*'}],
		})
	).accessKey;
});
afterAll(async () => {
	await sandbox.close();
});

describeWithTool(boto3, 'boto3', () => {
	it('body swaps, presigned URLs, session tokens, Regions, short-term keys and control characters, signed by botocore', async () => {
		const {stdout} = await run('python3', [script], {
			env: clientEnv(sandbox, {KEY_USER_ACCESS_KEY_ID: keyUser.accessKeyId, KEY_USER_SECRET_ACCESS_KEY: keyUser.secretAccessKey}),
			timeout: 60_000,
		});
		const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {ok?: boolean; checks?: number};
		expect(result.ok).toBe(true);
		expect(result.checks).toBeGreaterThanOrEqual(20);
	}, 120_000);
});

describeWithTool(awsCli, 'the AWS CLI', () => {
	/** Runs `aws …` and returns its exit code and stderr (a refusal is a non-zero exit with AWS's words). */
	const aws = async (args: string[], extra: Record<string, string> = {}): Promise<{code: number; stdout: string; stderr: string}> => {
		try {
			const {stdout, stderr} = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {
				env: clientEnv(sandbox, extra),
				timeout: 60_000,
			});
			return {code: 0, stdout, stderr};
		} catch (error) {
			const failed = error as {code?: number; stdout?: string; stderr?: string};
			return {code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''};
		}
	};

	it('attack: a made-up session token on the long-term admin key is InvalidClientTokenId', async () => {
		const answered = await aws(['sts', 'get-caller-identity'], {AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEBogus'});
		expect(answered.code).not.toBe(0);
		expect(answered.stderr).toContain('(InvalidClientTokenId)');
		expect(answered.stderr).toContain('The security token included in the request is invalid.');
		expect((await aws(['sts', 'get-caller-identity'])).code, 'without it the same call works').toBe(0);
	}, 60_000);

	it('attack: a signature for eu-west-1 on the us-west-2 endpoint is SignatureDoesNotMatch naming the Region', async () => {
		const answered = await aws(['sts', 'get-caller-identity', '--region', 'eu-west-1', '--endpoint-url', `${sandbox.endpoint}/region/us-west-2`]);
		expect(answered.code).not.toBe(0);
		expect(answered.stderr).toContain('(SignatureDoesNotMatch)');
		expect(answered.stderr).toContain("Credential should be scoped to a valid region, not 'eu-west-1'.");
	}, 60_000);

	it('attack: U+202E in a tag is ValidationError, and list-user-tags still parses', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'cli-tagged'}));
		const answered = await aws(['iam', 'tag-user', '--user-name', 'cli-tagged', '--tags', 'Key=note,Value=evil\u202Etxt']);
		expect(answered.code).not.toBe(0);
		expect(answered.stderr).toContain('(ValidationError)');
		expect(answered.stderr).toContain("at 'tags.1.member.value' failed to satisfy constraint");
		expect((await iamClient(sandbox).send(new ListUserTagsCommand({UserName: 'cli-tagged'}))).Tags).toEqual([]);
		const listed = await aws(['iam', 'list-user-tags', '--user-name', 'cli-tagged']);
		expect(listed.code).toBe(0);
		expect(JSON.parse(listed.stdout)).toEqual({Tags: []});
	}, 60_000);
});
