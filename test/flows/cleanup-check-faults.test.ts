/**
 * The fault suite for `cleanup` and `check`: each of their AWS calls throttled, failing with a 5xx, dropped,
 * or with its reply lost. A passing fault is survived; a lasting one ends with the documented exit code,
 * IAM holding exactly what the run did not report removed, and the next run (cleanup is idempotent)
 * finishes the job. Every fault must fire (withFault), and a case counts once its assertions held.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {FaultSpec, RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {iamState, type UserState} from '../helpers/iam-state.js';
import {adminEnv, startTestSandbox, withFault as withSandboxFault} from '../helpers/sandbox.js';
import {recordSuite} from '../helpers/summary.js';

let sandbox: RunningSandbox;
const tally = {cases: 0, survived: 0, failedCleanly: 0};
/** Counts a case: call it last, after every assertion about the case held. */
const proven = (outcome: 'survived' | 'failedCleanly'): void => {
	tally.cases++;
	tally[outcome]++;
};
const admin = (): Record<string, string> => ({...adminEnv(sandbox), BKW_AWS_TIMEOUT_MS: '1000'});
let counter = 0;
let apiKey = '';

beforeAll(async () => {
	sandbox = await startTestSandbox();
	const dir = mkdtempSync(join(tmpdir(), 'bkw-cfault-'));
	const made = await runCliCaptured(
		['create', ...onSandbox(sandbox, dir), '--user-name', 'checked', '--models', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0'],
		{env: admin()},
	);
	expect(made.code, made.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => {
	await sandbox.close();
	recordSuite({suite: 'cleanup and check faults', ...tally});
	console.log(
		`cleanup/check fault suite: ${tally.cases} (operation x fault) cases asserted, ${tally.survived} survived, ${tally.failedCleanly} failed with exactly what they reported left, and recovered`,
	);
});

const withFault = <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => withSandboxFault(sandbox, spec, work);

/** A fresh user made by this tool (tagged), with an API key, an access key and its inline policy. */
async function madeUser(): Promise<string> {
	const userName = `doomed-${++counter}`;
	const run = await runCliCaptured(
		[
			'create',
			...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-cfault-'))),
			'--user-name',
			userName,
			'--key',
			'api-key,access-key',
			'--models',
			'amazon.titan-embed-text-v2:0',
		],
		{env: admin()},
	);
	expect(run.code, run.stderr).toBe(0);
	return userName;
}
const cleanup = (userName: string): Promise<CliRun> =>
	runCliCaptured(['cleanup', '--endpoint-url', sandbox.endpoint, '--user-name', userName, '--yes'], {env: admin()});

/** What a cleanup run says it removed: its `✓ removed <kind> <id>` lines, in order. */
const reportedRemoved = (run: CliRun): Array<[string, string]> =>
	[...run.stderr.matchAll(/^ {2}✓ removed (\S+) (\S+)$/gm)].map((match) => [match[1]!, match[2]!]);

/** Everything a made user holds, as cleanup removes it (api-key, inline-policy, managed-policy, access-key, user). */
const parts = (userName: string, user: UserState): Array<[string, string]> => [
	...user.apiKeys.map((id) => ['api-key', id] as [string, string]),
	...Object.keys(user.inline).map((name) => ['inline-policy', name] as [string, string]),
	...user.attached.map((arn) => ['managed-policy', arn] as [string, string]),
	...user.accessKeys.map((id) => ['access-key', id] as [string, string]),
	['user', userName],
];

/** IAM as it was, minus exactly what a run reported removed. */
function without(before: Record<string, UserState>, userName: string, removed: ReadonlyArray<[string, string]>): Record<string, UserState> {
	const {[userName]: user, ...others} = before;
	const gone = (kind: string, id: string): boolean => removed.some(([k, i]) => k === kind && i === id);
	if (!user || gone('user', userName)) return others;
	return {
		...others,
		[userName]: {
			tags: user.tags,
			inline: Object.fromEntries(Object.entries(user.inline).filter(([name]) => !gone('inline-policy', name))),
			attached: user.attached.filter((arn) => !gone('managed-policy', arn)),
			apiKeys: user.apiKeys.filter((id) => !gone('api-key', id)),
			accessKeys: user.accessKeys.filter((id) => !gone('access-key', id)),
		},
	};
}

const cleanupCalls = [
	'GetUser',
	'ListUserTags',
	'ListServiceSpecificCredentials',
	'ListUserPolicies',
	'ListAttachedUserPolicies',
	'ListAccessKeys',
	'DeleteServiceSpecificCredential',
	'DeleteUserPolicy',
	'DeleteAccessKey',
	'DeleteUser',
] as const;
const passingFaults: ReadonlyArray<FaultSpec['kind']> = ['throttle', '500', 'drop', 'lost-reply'];

describe('cleanup under faults', () => {
	for (const operation of cleanupCalls) {
		for (const kind of passingFaults) {
			it(`${operation} ${kind} once: the user and all it held are gone, each reported`, async () => {
				const userName = await madeUser();
				const before = await iamState(sandbox);
				expect(parts(userName, before[userName]!)).toHaveLength(4);
				const run = await withFault({operation, kind, times: 1}, () => cleanup(userName));
				expect(run.code, run.stderr).toBe(0);
				expect(reportedRemoved(run)).toEqual(parts(userName, before[userName]!));
				// The user is gone, and nobody else was touched.
				expect(await iamState(sandbox)).toEqual(without(before, userName, parts(userName, before[userName]!)));
				proven('survived');
			});
		}
		it(`${operation} failing every time: exit 3, exactly what it reported removed is gone, then the next run finishes`, async () => {
			const userName = await madeUser();
			const before = await iamState(sandbox);
			const run = await withFault({operation, kind: '500', times: 1000}, () => cleanup(userName));
			expect(run.code, run.stderr).toBe(3);
			// A list call fails while the user is being looked up (nothing deleted yet); a delete fails for that user.
			expect(run.stderr).toMatch(
				operation.startsWith('Delete')
					? new RegExp(`Could not delete ${userName}: InternalFailure`)
					: new RegExp(`AWS failed iam:${operation} with a server error: InternalFailure.*\\n.*run the same command again`),
			);
			const removed = reportedRemoved(run);
			// What it reports removed is the start of the order, up to the failing call.
			expect(removed).toEqual(parts(userName, before[userName]!).slice(0, removed.length));
			expect(removed.length).toBeLessThan(4);
			expect(await iamState(sandbox)).toEqual(without(before, userName, removed));
			const again = await cleanup(userName);
			expect(again.code, again.stderr).toBe(0);
			expect(reportedRemoved(again)).toEqual(parts(userName, before[userName]!).slice(removed.length));
			expect(await iamState(sandbox)).toEqual(without(before, userName, parts(userName, before[userName]!)));
			proven('failedCleanly');
		});
	}
});

describe('check under faults', () => {
	const check = (): Promise<CliRun> =>
		runCliCaptured(
			[
				'check',
				'--endpoint-url',
				sandbox.endpoint,
				'--region',
				'us-west-2',
				'--verify-timeout',
				'5',
				'--expect-allowed',
				'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0',
			],
			{env: {AWS_BEARER_TOKEN_BEDROCK: apiKey, BKW_AWS_TIMEOUT_MS: '1000'}},
		);
	for (const operation of ['Converse', 'ConverseStream', 'InvokeModel'] as const) {
		for (const kind of [...passingFaults, 'latency'] as const) {
			it(`${operation} ${kind} once: the key still passes`, async () => {
				const run = await withFault({operation, kind, times: 1, ...(kind === 'latency' ? {latencyMs: 2000} : {})}, check);
				expect(run.code, run.stderr).toBe(0);
				proven('survived');
			});
		}
		it(`${operation} failing every time: exit 1 naming a server error`, async () => {
			const run = await withFault({operation, kind: '500', times: 1000}, check);
			expect(run.code).toBe(1);
			expect(run.stdout + run.stderr).toMatch(/server error/i);
			proven('failedCleanly');
		});
	}
});
