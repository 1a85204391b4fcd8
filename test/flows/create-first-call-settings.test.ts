/**
 * Two first-call obstacles end to end (issue 15), played by the sandbox as a real account would:
 * - a Marketplace subscription that fails after the agreement is made (`sandbox --subscription-outcome
 *   error`, as for an account without a valid payment method): create subscribes, AWS says ERROR, and the
 *   run ends in AWS's words (never swallowed), exit 3, with no IAM user made, in English and Japanese;
 * - a LEGACY model the account has used (`--legacy-in-use`): create's key for it passes, where an account
 *   that has not used it gets the `legacy-unused` diagnosis (test/flows/create-org-policy.test.ts).
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetFoundationModelAvailabilityCommand} from '@aws-sdk/client-bedrock';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {subscriptionFailedReason} from '../../source/sandbox/bedrock/agreements.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {ExitCode} from '../../source/cli/exit-codes.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, bedrockClient, controlRoute, iamClient, oneModelKeyPolicy, provisionUser, startTestSandbox, subscribeWithSdk} from '../helpers/sandbox.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

const create = (sandbox: RunningSandbox, userName: string, models: string, extra: readonly string[]) =>
	runCliCaptured(
		['create', ...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-first-call-'))), '--user-name', userName, '--models', models, '--yes', ...extra],
		{env: adminEnv(sandbox)},
	);

const userNames = async (sandbox: RunningSandbox): Promise<string[]> =>
	((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!);

describe('a subscription AWS Marketplace cannot complete (sandbox --subscription-outcome error)', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 0, subscriptionOutcome: 'error'});
	});
	afterAll(async () => sandbox.close());

	it('create --yes subscribes, then reports AWS ERROR in its words: exit 3, no IAM user, in English and Japanese', async () => {
		for (const [lang, userName, model] of [
			['en', 'unpaid', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
			['ja', 'unpaid-ja', 'anthropic.claude-opus-5'],
		] as const) {
			const run = await create(sandbox, userName, `us.${model},${TITAN_V2}`, ['--lang', lang, '--json']);
			expect(run.code, run.stderr).toBe(ExitCode.awsRefused);
			const text = messagesFor(lang).create;
			// The agreement was made with the operator's credentials before AWS said it failed.
			expect(run.stderr).toContain(`✓ ${text.step['subscribe-model'](model)}`);
			expect((await bedrockClient(sandbox).send(new GetFoundationModelAvailabilityCommand({modelId: model}))).agreementAvailability?.status).toBe('ERROR');
			const [message, fix] = text.subscription.failed(model, 'ERROR', subscriptionFailedReason);
			const {error} = JSON.parse(run.stdout) as {error: {message: string; fix: string}};
			expect(error.message).toBe(message);
			expect(error.message).toContain(subscriptionFailedReason);
			expect(error.fix).toBe(fix);
			expect(run.stderr).toContain(subscriptionFailedReason);
			expect(run.stderr).not.toMatch(/^\s+at /m);
			expect(await userNames(sandbox)).not.toContain(userName);
		}
	}, 60_000);

	it('a second run reads the failed subscription in the Review, tries once more, and stops the same way', async () => {
		const run = await create(sandbox, 'unpaid-again', `us.anthropic.claude-haiku-4-5-20251001-v1:0,${TITAN_V2}`, []);
		expect(run.code, run.stderr).toBe(ExitCode.awsRefused);
		expect(run.stderr).toContain(messagesFor('en').create.subscription.failedBefore('anthropic.claude-haiku-4-5-20251001-v1:0', subscriptionFailedReason));
		expect(await userNames(sandbox)).not.toContain('unpaid-again');
	}, 60_000);

	it('check of a key for a model whose subscription failed: the diagnosis names the payment method, not the key, in English and Japanese', async () => {
		const model = 'meta.llama3-1-8b-instruct-v1:0';
		const bedrock = bedrockClient(sandbox);
		await subscribeWithSdk(bedrock, model);
		expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId: model}))).agreementAvailability?.status).toBe('ERROR');
		const user = await provisionUser(sandbox, 'unpaid-check', oneModelKeyPolicy(model), {apiKey: true});
		for (const lang of ['en', 'ja'] as const) {
			const run = await runCliCaptured(
				[
					'check',
					'--endpoint-url',
					sandbox.endpoint,
					'--region',
					'us-west-2',
					'--no-input',
					'--json',
					'--lang',
					lang,
					'--expect-allowed',
					model,
					'--verify-timeout',
					'5',
				],
				{env: {AWS_BEARER_TOKEN_BEDROCK: user.apiKey!, HOME: mkdtempSync(join(tmpdir(), 'bkw-unpaid-check-'))}},
			);
			expect(run.code, run.stderr).toBe(1);
			const probe = (JSON.parse(run.stdout) as VerificationReport).probes.find((candidate) => candidate.model === model);
			expect(probe).toMatchObject({finding: 'marketplace', pass: false, attempts: 1});
			const [message, fix] = messagesFor(lang).verify.marketplacePayment;
			expect(probe?.diagnosis).toBe(`${message} ${fix}`);
			expect(run.stdout).not.toContain(user.apiKey!);
		}
	}, 60_000);

	it('once the account can pay (/_sandbox/account), the same create goes through', async () => {
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', body: {subscriptionOutcome: 'available'}})).status).toBe(200);
		const run = await create(sandbox, 'paid', `us.anthropic.claude-haiku-4-5-20251001-v1:0,${TITAN_V2}`, ['--json']);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as VerificationReport).pass).toBe(true);
	}, 60_000);
});

describe('a LEGACY model the account has used (sandbox --legacy-in-use)', () => {
	const legacy = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 0, legacyModelsInUse: [legacy]});
	});
	afterAll(async () => sandbox.close());

	it('create for it passes: every probe of the model answers, none is read as legacy-unused', async () => {
		const run = await create(sandbox, 'legacy-user', `${legacy},${TITAN_V2}`, ['--json']);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report.pass).toBe(true);
		const probes = report.probes.filter((probe) => probe.model === legacy);
		expect(probes.length).toBeGreaterThan(0);
		for (const probe of probes) expect(probe).toMatchObject({outcome: 'allowed', pass: true});
		expect(report.probes.some((probe) => probe.finding === 'legacy-unused')).toBe(false);
	}, 60_000);

	it('once the setting is lifted (/_sandbox/account), the same create is refused with the Legacy reading, never retried', async () => {
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', body: {legacyModelsInUse: []}})).status).toBe(200);
		const again = await create(sandbox, 'legacy-unused', `${legacy},${TITAN_V2}`, ['--json']);
		expect(again.code, again.stderr).toBe(1);
		const probe = (JSON.parse(again.stdout) as VerificationReport).probes.find((candidate) => candidate.model === legacy);
		expect(probe).toMatchObject({finding: 'legacy-unused', attempts: 1, pass: false});
	}, 60_000);
});
