/**
 * Every AWS call `create` makes, under every fault the sandbox can inject: a passing fault is survived
 * (retried where safe, reconciled where a reply may have been lost: never a second key), and a lasting
 * fault ends with the documented exit code and nothing half-made left behind.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListAccessKeysCommand, ListServiceSpecificCredentialsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {FaultSpec, RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {iamClient, startTestSandbox} from '../helpers/sandbox.js';

/** The calls of a create with an API key and an access key, on a third-party model (Marketplace) and an Amazon one. */
const operations = [
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
const passing: ReadonlyArray<FaultSpec['kind']> = ['throttle', '500', 'drop', 'lost-reply', 'latency'];

let sandbox: RunningSandbox;
const tally = {cases: 0, survived: 0, failedCleanly: 0};
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => {
	await sandbox.close();
	console.log(`fault suite: ${tally.cases} (operation x fault) cases, ${tally.survived} survived, ${tally.failedCleanly} failed cleanly with nothing left behind`);
});

let counter = 0;
async function create(userName: string) {
	return runCliCaptured(
		['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-fault-')), '--verify-timeout', '8', '--yes', '--user-name', userName, '--key', 'api-key,access-key', '--models', 'mistral.mistral-large-2407-v1:0,amazon.titan-embed-text-v2:0'],
		// A latency fault of 2 s outlasts this timeout: the request counts as lost and is retried.
		{env: {AWS_ACCESS_KEY_ID: sandbox.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.admin.secretAccessKey, BKW_AWS_TIMEOUT_MS: '1000'}},
	);
}

async function leftovers(userName: string) {
	const iam = iamClient(sandbox);
	const users = (await iam.send(new ListUsersCommand({}))).Users?.filter((user) => user.UserName === userName) ?? [];
	const apiKeys = (await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials?.filter((key) => key.UserName === userName) ?? [];
	const accessKeys = users.length > 0 ? ((await iam.send(new ListAccessKeysCommand({UserName: userName}))).AccessKeyMetadata ?? []) : [];
	return {users: users.length, apiKeys: apiKeys.length, accessKeys: accessKeys.length};
}

const withFault = async <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => {
	// A fresh account state for the Marketplace calls: they only happen until the model is subscribed.
	sandbox.faults.clear();
	sandbox.faults.add(spec);
	try {
		return await work();
	} finally {
		sandbox.faults.clear();
	}
};

describe('a passing fault on any call is survived, with exactly one key', () => {
	for (const operation of operations) {
		for (const kind of passing) {
			it(`${operation} ${kind} once`, async () => {
				const userName = `pass-${++counter}`;
				const run = await withFault({operation, kind, times: 1, ...(kind === 'latency' ? {latencyMs: 2000} : {})}, () => create(userName));
				tally.cases++;
				expect(run.code, run.stderr).toBe(0);
				expect(await leftovers(userName)).toEqual({users: 1, apiKeys: 1, accessKeys: 1});
				tally.survived++;
			});
		}
	}
});

describe('a lasting failure ends with the documented exit code and nothing half-made', () => {
	for (const operation of operations) {
		it(`${operation} fails every time`, async () => {
			const userName = `fail-${++counter}`;
			const run = await withFault({operation, kind: '500', times: 1000}, () => create(userName));
			tally.cases++;
			const left = await leftovers(userName);
			if (['Converse', 'InvokeModel'].includes(operation)) {
				// The key exists and works for the other calls: it is kept and saved, and the report says what failed.
				expect(run.code, run.stderr).toBe(1);
				expect(run.stderr).toMatch(/server error/);
				expect(left).toEqual({users: 1, apiKeys: 1, accessKeys: 1});
			} else if (['ValidatePolicy', 'CheckAccessNotGranted', 'ListFoundationModels', 'ListInferenceProfiles', 'SimulatePrincipalPolicy', 'ListFoundationModelAgreementOffers', 'CreateFoundationModelAgreement'].includes(operation)) {
				// Optional or with a fallback: a notice, or (Marketplace) a clear verification failure.
				expect([0, 1], run.stderr).toContain(run.code);
			} else {
				expect(run.code, run.stderr).toBe(3);
				expect(left).toEqual({users: 0, apiKeys: 0, accessKeys: 0});
			}
			tally.failedCleanly++;
		});
	}
});
