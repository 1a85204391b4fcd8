/**
 * Clients we did not write (boto3, the AWS CLI) pointed at a sandbox: the tools they need, and the
 * environment of their process: the sandbox's admin by environment variables (never argv), no profile
 * files of the developer's, one attempt per call so a refusal is the sandbox's own answer.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {requiredTool} from './required-tool.js';

export const boto3 = requiredTool('python3 with boto3 (apt-get install -y python3-boto3)', 'python3', ['-c', 'import boto3']);
export const awsCli = requiredTool('the AWS CLI (apt-get install -y awscli)', 'aws', ['--version']);

export function clientEnv(sandbox: RunningSandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const home = mkdtempSync(join(tmpdir(), 'bkw-clients-'));
	return {
		PATH: process.env['PATH'],
		HOME: home,
		BKW_ENDPOINT: sandbox.endpoint,
		AWS_ACCESS_KEY_ID: sandbox.admin.accessKeyId,
		AWS_SECRET_ACCESS_KEY: sandbox.admin.secretAccessKey,
		AWS_DEFAULT_REGION: sandbox.region,
		AWS_CONFIG_FILE: join(home, 'config'),
		AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
		AWS_PAGER: '',
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_MAX_ATTEMPTS: '1',
		// The scripts share clients/checks.py: no __pycache__ left in the tree.
		PYTHONDONTWRITEBYTECODE: '1',
		...extra,
	};
}

/**
 * `aws ARGS…` against the sandbox, JSON output, in clientEnv's environment (extra variables beside it): its
 * stdout and stderr, or execFile's rejection (the exit code and the CLI's stderr) when it fails.
 */
export function runAwsCli(
	sandbox: RunningSandbox,
	args: readonly string[],
	options: {readonly env?: Record<string, string>; readonly timeout?: number} = {},
): Promise<{stdout: string; stderr: string}> {
	return promisify(execFile)('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {
		env: clientEnv(sandbox, options.env),
		timeout: options.timeout ?? 30_000,
	});
}
