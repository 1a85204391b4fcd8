/**
 * Shared by the two halves of the fault suite (split so they run in parallel). Every AWS call `create` makes, under every fault the sandbox can inject: a passing fault is survived
 * (retried where safe, reconciled where a reply may have been lost: never a second key), and a lasting
 * fault ends with the documented exit code and nothing half-made left behind.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListAccessKeysCommand, ListServiceSpecificCredentialsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect} from 'vitest';
import {recordSuite} from '../helpers/summary.js';
import type {FaultSpec, RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox, withFault as withSandboxFault} from '../helpers/sandbox.js';

/** The calls of a create with an API key and an access key, on a third-party model (Marketplace) and an Amazon one. */
export const operations = [
	'GetCallerIdentity',
	'ListFoundationModels',
	'ListInferenceProfiles',
	'GetUser',
	'SimulatePrincipalPolicy',
	'ValidatePolicy',
	'CheckAccessNotGranted',
	'CreateUser',
	'PutUserPolicy',
	'CreateServiceSpecificCredential',
	'CreateAccessKey',
	'ListFoundationModelAgreementOffers',
	'CreateFoundationModelAgreement',
	'Converse',
	'InvokeModel',
] as const;

export let sandbox: RunningSandbox;
export const tally = {cases: 0, survived: 0, failedCleanly: 0};
/** Starts a sandbox for the calling test file and prints its tally at the end. */
export function useFaultSandbox(): void {
	beforeAll(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 0});
	});
	afterAll(async () => {
		await sandbox.close();
		recordSuite({suite: `create faults (${expect.getState().testPath?.split('/').pop() ?? ''})`, ...tally});
		console.log(`fault suite: ${tally.cases} (operation x fault) cases, ${tally.survived} survived, ${tally.failedCleanly} failed cleanly with nothing left behind`);
	});
}

let counter = 0;
export const nextUser = (prefix: string): string => `${prefix}-${++counter}`;
export async function create(userName: string) {
	return runCliCaptured(
		['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-fault-')), '--verify-timeout', '8', '--yes', '--user-name', userName, '--key', 'api-key,access-key', '--models', 'mistral.mistral-large-2407-v1:0,amazon.titan-embed-text-v2:0'],
		// A latency fault of 2 s outlasts this timeout: the request counts as lost and is retried.
		{env: {...adminEnv(sandbox), BKW_AWS_TIMEOUT_MS: '1000'}},
	);
}

export async function leftovers(userName: string) {
	const iam = iamClient(sandbox);
	const users = (await iam.send(new ListUsersCommand({}))).Users?.filter((user) => user.UserName === userName) ?? [];
	const apiKeys = (await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials?.filter((key) => key.UserName === userName) ?? [];
	const accessKeys = users.length > 0 ? ((await iam.send(new ListAccessKeysCommand({UserName: userName}))).AccessKeyMetadata ?? []) : [];
	return {users: users.length, apiKeys: apiKeys.length, accessKeys: accessKeys.length};
}

/** A fault on the suite's sandbox for the duration of `work`. */
export const withFault = <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => withSandboxFault(sandbox, spec, work);

