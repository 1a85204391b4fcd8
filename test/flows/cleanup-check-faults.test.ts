/**
 * The fault suite for `cleanup` and `check`: each of their AWS calls throttled, failing with a 5xx, dropped,
 * or with its reply lost. A passing fault is survived; a lasting one ends with the documented exit code,
 * and the next run (cleanup is idempotent) finishes the job.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {FaultSpec, RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox, withFault as withSandboxFault} from '../helpers/sandbox.js';
import {recordSuite} from '../helpers/summary.js';

let sandbox: RunningSandbox;
const tally = {cases: 0, survived: 0, failedCleanly: 0};
const admin = (): Record<string, string> => ({...adminEnv(sandbox), BKW_AWS_TIMEOUT_MS: '1000'});
let counter = 0;
let apiKey = '';

beforeAll(async () => {
	sandbox = await startTestSandbox();
	const dir = mkdtempSync(join(tmpdir(), 'bkw-cfault-'));
	const made = await runCliCaptured(['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--user-name', 'checked', '--models', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0'], {env: admin()});
	expect(made.code, made.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => {
	await sandbox.close();
	recordSuite({suite: 'cleanup and check faults', ...tally});
	console.log(`cleanup/check fault suite: ${tally.cases} (operation x fault) cases, ${tally.survived} survived, ${tally.failedCleanly} failed cleanly and recovered`);
});

const withFault = <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => withSandboxFault(sandbox, spec, work);

/** A fresh user made by this tool (tagged), with an API key, an access key and its inline policy. */
async function madeUser(): Promise<string> {
	const userName = `doomed-${++counter}`;
	const run = await runCliCaptured(['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-cfault-')), '--user-name', userName, '--key', 'api-key,access-key', '--models', 'amazon.titan-embed-text-v2:0'], {env: admin()});
	expect(run.code, run.stderr).toBe(0);
	return userName;
}
const cleanup = (userName: string): Promise<CliRun> => runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--user-name', userName, '--yes'], {env: admin()});
const exists = async (userName: string): Promise<boolean> => ((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).some((user) => user.UserName === userName);

const cleanupCalls = ['GetUser', 'ListUserTags', 'ListServiceSpecificCredentials', 'ListUserPolicies', 'ListAttachedUserPolicies', 'ListAccessKeys', 'DeleteServiceSpecificCredential', 'DeleteUserPolicy', 'DeleteAccessKey', 'DeleteUser'] as const;
const passingFaults: ReadonlyArray<FaultSpec['kind']> = ['throttle', '500', 'drop', 'lost-reply'];

describe('cleanup under faults', () => {
	for (const operation of cleanupCalls) {
		for (const kind of passingFaults) {
			it(`${operation} ${kind} once: the user is gone`, async () => {
				const userName = await madeUser();
				const run = await withFault({operation, kind, times: 1}, () => cleanup(userName));
				tally.cases++;
				expect(run.code, run.stderr).toBe(0);
				expect(await exists(userName)).toBe(false);
				tally.survived++;
			});
		}
		it(`${operation} failing every time: exit 3, then the next run finishes`, async () => {
			const userName = await madeUser();
			const run = await withFault({operation, kind: '500', times: 1000}, () => cleanup(userName));
			tally.cases++;
			expect(run.code, run.stderr).toBe(3);
			const again = await cleanup(userName);
			expect(again.code, again.stderr).toBe(0);
			expect(await exists(userName)).toBe(false);
			tally.failedCleanly++;
		});
	}
});

describe('check under faults', () => {
	const check = (): Promise<CliRun> =>
		runCliCaptured(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--verify-timeout', '5', '--expect-allowed', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0'], {env: {AWS_BEARER_TOKEN_BEDROCK: apiKey, BKW_AWS_TIMEOUT_MS: '1000'}});
	for (const operation of ['Converse', 'ConverseStream', 'InvokeModel'] as const) {
		for (const kind of [...passingFaults, 'latency'] as const) {
			it(`${operation} ${kind} once: the key still passes`, async () => {
				const run = await withFault({operation, kind, times: 1, ...(kind === 'latency' ? {latencyMs: 2000} : {})}, check);
				tally.cases++;
				expect(run.code, run.stderr).toBe(0);
				tally.survived++;
			});
		}
		it(`${operation} failing every time: exit 1 naming a server error`, async () => {
			const run = await withFault({operation, kind: '500', times: 1000}, check);
			tally.cases++;
			expect(run.code).toBe(1);
			expect(run.stdout + run.stderr).toMatch(/server error/i);
			tally.failedCleanly++;
		});
	}
});
