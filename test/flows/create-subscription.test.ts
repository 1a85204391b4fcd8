/**
 * The first call on a fresh account (issue 15): create asks AWS whether the account holds each chosen
 * third-party model's Marketplace agreement before anything is made. Headless without --subscribe or
 * --yes stops there, naming the flag, with nothing made; with --subscribe the operator's credentials
 * subscribe the account (never the key's), AWS's wait is shown apart from IAM propagation, and only then
 * is the key made and proven. An operator who may not subscribe is told in AWS's words, with nothing made.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetFoundationModelAvailabilityCommand} from '@aws-sdk/client-bedrock';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {GetUserCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, onSandbox, type CliRun} from '../helpers/cli.js';
import {adminEnv, bedrockClient, iamClient, provisionUser, rejection, runtimeClient, startTestSandbox, subscribeWithSdk} from '../helpers/sandbox.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const SONNET = 'anthropic.claude-sonnet-5';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterAll(async () => sandbox.close());

function create(userName: string, extra: readonly string[], env: Record<string, string> = adminEnv(sandbox)): Promise<CliRun> {
	return runCliCaptured(
		[
			'create',
			...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-subscribe-'))),
			'--user-name',
			userName,
			'--models',
			`${HAIKU_PROFILE},${TITAN_V2}`,
			...extra,
		],
		{env},
	);
}

const agreement = async (): Promise<string | undefined> =>
	(await bedrockClient(sandbox).send(new GetFoundationModelAvailabilityCommand({modelId: HAIKU}))).agreementAvailability?.status;

async function userExists(userName: string): Promise<boolean> {
	try {
		await iamClient(sandbox).send(new GetUserCommand({UserName: userName}));
		return true;
	} catch (error) {
		expect((error as Error).name).toBe('NoSuchEntityException');
		return false;
	}
}

describe('a chosen model the account is not subscribed to', () => {
	it('headless without --subscribe or --yes: exit 2 naming both flags, before anything is made', async () => {
		const run = await create('no-subscribe', ['--json']);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stderr).toContain(`AWS Marketplace: the account is not subscribed to ${HAIKU}`);
		expect((JSON.parse(run.stdout) as {error: {message: string; fix: string}}).error).toMatchObject({
			message: expect.stringContaining('Nothing was made'),
			fix: expect.stringMatching(/--subscribe \(or --yes\)/),
		});
		expect(await userExists('no-subscribe')).toBe(false);
		expect(await agreement()).toBe('NOT_AVAILABLE');
	});

	it('an operator who may not subscribe: the pre-flight names the call before anything is tried, and nothing is made', async () => {
		const operator = await provisionUser(sandbox, 'no-marketplace', {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: ['iam:*', 'sts:GetCallerIdentity', 'bedrock:List*', 'bedrock:Get*', 'access-analyzer:*'], Resource: '*'},
				{Effect: 'Deny', Action: 'bedrock:CreateFoundationModelAgreement', Resource: '*'},
			],
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		const run = await create('refused-subscribe', ['--subscribe'], {
			AWS_ACCESS_KEY_ID: operator.accessKey.accessKeyId,
			AWS_SECRET_ACCESS_KEY: operator.accessKey.secretAccessKey,
		});
		expect(run.code, run.stderr).toBe(3);
		// The pre-flight knows the run will subscribe: the refusal is named before anything is tried.
		expect(run.stderr).toMatch(
			/may not make 3 of the AWS calls this needs: bedrock:CreateFoundationModelAgreement, aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions/,
		);
		expect(run.stderr).not.toContain('Subscribe the account to');
		expect(run.stderr).not.toContain('Create IAM user');
		expect(await userExists('refused-subscribe')).toBe(false);
		expect(await agreement()).toBe('NOT_AVAILABLE');
	});

	it('--subscribe: the operator subscribes first, AWS says AVAILABLE, then the key is made and proven', async () => {
		const run = await create('subscribed', ['--subscribe', '--json']);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stderr.split('\n');
		const subscribed = lines.findIndex((line) => line.startsWith(`✓ Subscribe the account to ${HAIKU} in AWS Marketplace`));
		const available = lines.findIndex((line) => line.startsWith('✓ AWS Marketplace: every chosen model is available to the account'));
		const userMade = lines.findIndex((line) => line.startsWith('✓ Create IAM user subscribed'));
		expect(subscribed, run.stderr).toBeGreaterThan(-1);
		expect(available).toBeGreaterThan(subscribed);
		expect(userMade).toBeGreaterThan(available);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report.pass).toBe(true);
		expect(report.probes.filter((probe) => probe.model === HAIKU_PROFILE).every((probe) => probe.outcome === 'allowed')).toBe(true);
		expect(await agreement()).toBe('AVAILABLE');
	});

	it('once subscribed, nothing is asked: a run without --subscribe goes through', async () => {
		const run = await create('already-subscribed', []);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).not.toContain('Subscribe the account');
		expect(run.stderr).not.toContain('AWS Marketplace: the account is not subscribed');
	});
});

describe('a subscription AWS takes a while to set up (sandbox --subscription-delay-ms)', () => {
	let slow: RunningSandbox;
	beforeAll(async () => {
		slow = await startTestSandbox({propagationDelayMs: 200, subscriptionDelayMs: 6000});
	});
	afterAll(async () => slow.close());

	it('create waits for AVAILABLE, saying so apart from IAM propagation, and only then makes the key', async () => {
		const run = await runCliCaptured(
			[
				'create',
				...onSandbox(slow, mkdtempSync(join(tmpdir(), 'bkw-subscribe-'))),
				'--user-name',
				'slow',
				'--models',
				`${HAIKU_PROFILE},${TITAN_V2}`,
				'--yes',
				'--json',
			],
			{env: adminEnv(slow)},
		);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stderr.split('\n');
		const waiting = lines.filter((line) => line.startsWith(`… Waiting for AWS Marketplace to make ${HAIKU} available to the account`));
		expect(waiting.length, run.stderr).toBeGreaterThanOrEqual(1);
		expect(waiting[0]).toContain('this is not IAM propagation');
		const available = /✓ AWS Marketplace: every chosen model is available to the account \(after (\d+)s\)/.exec(run.stderr);
		expect(available, run.stderr).not.toBeNull();
		expect(Number(available![1])).toBeGreaterThanOrEqual(5);
		expect(lines.findIndex((line) => line.startsWith('✓ Create IAM user slow'))).toBeGreaterThan(lines.findIndex((line) => line === available![0]));
		expect((JSON.parse(run.stdout) as VerificationReport).pass).toBe(true);
	}, 60_000);

	it('past --subscription-timeout: exit 3 in English and Japanese, saying the subscription goes on and how to wait longer; no IAM user was made', async () => {
		for (const [lang, userName, model] of [
			['en', 'too-slow', 'us.anthropic.claude-opus-5'],
			['ja', 'too-slow-ja', 'us.anthropic.claude-haiku-5-5'],
		] as const) {
			const run = await runCliCaptured(
				[
					'create',
					...onSandbox(slow, mkdtempSync(join(tmpdir(), 'bkw-subscribe-'))),
					'--user-name',
					userName,
					'--models',
					model,
					'--yes',
					'--subscription-timeout',
					'1',
					'--lang',
					lang,
				],
				{env: adminEnv(slow)},
			);
			expect(run.code, run.stderr).toBe(3);
			// The seconds waited vary with the poll (a marker number stands for them); the rest is exact.
			const [message, fix] = messagesFor(lang).create.subscription.timedOut([model.replace(/^us\./, '')], 987_654);
			expect(message).toContain('987654');
			expect(run.stderr).toMatch(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('987654', '\\d+')));
			expect(run.stderr).toContain(fix);
			expect(run.stderr).not.toMatch(/^\s+at /m);
			const users = (await iamClient(slow).send(new ListUsersCommand({}))).Users ?? [];
			expect(users.map((user) => user.UserName)).not.toContain(userName);
		}
	}, 60_000);

	it('GetFoundationModelAvailability says PENDING until then, and the model refuses calls meanwhile', async () => {
		const bedrock = bedrockClient(slow);
		await subscribeWithSdk(bedrock, SONNET);
		const status = (await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: SONNET}))).agreementAvailability?.status;
		expect(status).toBe('PENDING');
		const refused = await rejection(
			runtimeClient(slow).send(
				new ConverseCommand({modelId: `us.${SONNET}`, messages: [{role: 'user', content: [{text: 'Hi'}]}], inferenceConfig: {maxTokens: 1}}),
			),
		);
		expect(refused.name).toBe('AccessDeniedException');
		expect(refused.message).toContain('AWS Marketplace subscription');
	});
});
