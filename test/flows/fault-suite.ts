/**
 * Shared by the create fault suites (split into files so they run in parallel). Every AWS call `create`
 * makes, under every fault the sandbox can inject: a passing fault is survived (retried where safe,
 * reconciled where a reply may have been lost: never a second key), and a lasting fault ends with the
 * documented exit code and IAM holding exactly what the run reported keeping (often nothing).
 *
 * Every case gets a fresh sandbox account: nothing subscribed in AWS Marketplace (so the Marketplace
 * calls happen in every case, and their faults fire), no user from an earlier case. withFault fails a
 * case whose rule never fired, and a case counts in the summary only once all its assertions held.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeEach, expect} from 'vitest';
import type {FaultSpec, RunningSandbox} from '../../source/sandbox/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, type CliRun, onSandbox} from '../helpers/cli.js';
import {iamState, type UserState} from '../helpers/iam-state.js';
import {adminEnv, startTestSandbox, withFault as withSandboxFault} from '../helpers/sandbox.js';
import {recordSuite} from '../helpers/summary.js';

/** The calls of a create with an API key and an access key, on a third-party model (Marketplace) and an Amazon one. */
export const operations = [
	'GetCallerIdentity',
	'ListFoundationModels',
	'ListInferenceProfiles',
	'GetUser',
	'SimulatePrincipalPolicy',
	'ValidatePolicy',
	'CheckAccessNotGranted',
	'GetFoundationModelAvailability',
	'ListFoundationModelAgreementOffers',
	'CreateFoundationModelAgreement',
	'CreateUser',
	'PutUserPolicy',
	'CreateServiceSpecificCredential',
	'CreateAccessKey',
	'Converse',
	'InvokeModel',
] as const;

export const MODELS = 'mistral.mistral-large-2407-v1:0,amazon.titan-embed-text-v2:0';

export let sandbox: RunningSandbox;
const tally = {cases: 0, survived: 0, failedCleanly: 0};

/** A fresh sandbox for every case of the calling file; its tally is printed and recorded at the end. */
export function useFaultSandbox(suite = 'create faults'): void {
	beforeEach(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 0});
	});
	afterEach(async () => {
		await sandbox.close();
	});
	afterAll(() => {
		recordSuite({suite: `${suite} (${expect.getState().testPath?.split('/').pop() ?? ''})`, ...tally});
		console.log(
			`${suite}: ${tally.cases} (operation x fault) cases asserted, ${tally.survived} survived, ${tally.failedCleanly} failed with exactly what they reported left behind`,
		);
	});
}

/** Counts a case: call it last, after every assertion about the case held. */
export function proven(outcome: 'survived' | 'failedCleanly'): void {
	tally.cases++;
	tally[outcome]++;
}

export interface CreateRun extends CliRun {
	readonly outDir: string;
}

let counter = 0;
export const nextUser = (prefix: string): string => `${prefix}-${++counter}`;

export async function create(userName: string, extra: readonly string[] = []): Promise<CreateRun> {
	const outDir = mkdtempSync(join(tmpdir(), 'bkw-fault-'));
	const run = await runCliCaptured(
		[
			'create',
			...onSandbox(sandbox, outDir),
			'--verify-timeout',
			'8',
			'--yes',
			'--user-name',
			userName,
			'--key',
			'api-key,access-key',
			'--models',
			MODELS,
			...extra,
		],
		// A latency fault of 2 s outlasts this timeout: the request counts as lost and is retried.
		{env: {...adminEnv(sandbox), BKW_AWS_TIMEOUT_MS: '1000'}},
	);
	return {...run, outDir};
}

/** A fault on the case's sandbox for the duration of `work`; fails if it never fired. */
export const withFault = <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => withSandboxFault(sandbox, spec, work);

export const readReport = (run: CreateRun): VerificationReport =>
	JSON.parse(readFileSync(join(run.outDir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport;

/** The user a run saved (report, policy.json, .env) as IAM must hold it: its tags, its one inline policy, no managed policy, the reported keys. */
export function reportedUser(
	run: CreateRun,
	options: {tags?: Record<string, unknown>; inline?: Record<string, unknown>; attached?: string[]} = {},
): Record<string, UserState> {
	const report = readReport(run);
	const env = readFileSync(join(run.outDir, '.env'), 'utf8');
	const ids = (type: string) => (report.keys ?? []).filter((key) => key.type === type).map((key) => (key as {id: string}).id);
	// The .env holds the same access key as the report says was made.
	expect(/^AWS_ACCESS_KEY_ID=(.*)$/m.exec(env)?.[1]).toBe(ids('access-key')[0]);
	return {
		[report.userName!]: {
			tags: (options.tags ?? {'bedrock-key-wizard:managed': 'true', 'bedrock-key-wizard:created': expect.stringMatching(/^\d{4}-\d\d-\d\dT/)}) as Record<
				string,
				string
			>,
			inline: {...options.inline, 'bedrock-key-wizard': JSON.parse(readFileSync(join(run.outDir, 'policy.json'), 'utf8'))},
			attached: options.attached ?? [],
			apiKeys: ids('api-key'),
			accessKeys: ids('access-key'),
		},
	};
}

/** What IAM holds now, for comparing whole with toEqual. */
export const state = (): Promise<Record<string, UserState>> => iamState(sandbox);
