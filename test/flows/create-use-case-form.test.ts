/**
 * Anthropic's one-time use-case form (issue 15), on a sandbox whose account has not submitted it and whose
 * Marketplace subscriptions take a while (`--use-case-form missing --subscription-delay-ms`): create finds
 * the form missing at the review; without the answers it says where to submit it and stops with nothing
 * made; with --use-case-form FILE it submits them (the operator's credentials), subscribes, waits for AWS,
 * and only then makes and proves the key.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetUseCaseForModelAccessCommand} from '@aws-sdk/client-bedrock';
import {GetUserCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, onSandbox, type CliRun} from '../helpers/cli.js';
import {exampleUseCaseForm, useCaseFormHeld} from '../helpers/use-case-form.js';
import {adminEnv, bedrockClient, iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200, subscriptionDelayMs: 6000, useCaseForm: 'missing'});
	dir = mkdtempSync(join(tmpdir(), 'bkw-use-case-'));
});
afterAll(async () => sandbox.close());

const create = (userName: string, extra: readonly string[]): Promise<CliRun> =>
	runCliCaptured(['create', ...onSandbox(sandbox, join(dir, userName)), '--user-name', userName, '--models', HAIKU_PROFILE, '--yes', ...extra], {
		env: adminEnv(sandbox),
	});

describe("Anthropic's use-case form, not yet submitted for the account", () => {
	it('without the answers: the review says so, the run stops naming the console and --use-case-form, and nothing is made', async () => {
		const run = await create('no-form', []);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stderr).toContain("Anthropic's one-time use-case form has not been submitted for this account");
		expect(run.stderr).toMatch(/Submit it once in the Bedrock console .* or pass --use-case-form FILE/);
		expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: 'no-form'})))).name).toBe('NoSuchEntityException');
		expect((await rejection(bedrockClient(sandbox).send(new GetUseCaseForModelAccessCommand({})))).name).toBe('ResourceNotFoundException');
	});

	it('a file that is not the form is a usage error naming it and the fields it lacks', async () => {
		const file = join(dir, 'half.json');
		writeFileSync(file, JSON.stringify({companyName: 'Example'}));
		const run = await create('bad-form', ['--use-case-form', file]);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stderr).toContain(`--use-case-form ${file}: companyWebsite, intendedUsers, industryOption, otherIndustryOption, useCases`);
	});

	it('--use-case-form FILE --yes: the form submitted, the subscription made and waited for apart from IAM propagation, then a proven key (exit 0)', async () => {
		const file = join(dir, 'form.json');
		const form = exampleUseCaseForm;
		writeFileSync(file, JSON.stringify(form));
		const run = await create('with-form', ['--use-case-form', file, '--json']);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stderr.split('\n');
		const submitted = lines.findIndex((line) => line.startsWith("✓ Submit Anthropic's use-case form for the account"));
		const waiting = lines.findIndex((line) => line.startsWith('… Waiting for AWS Marketplace to make'));
		const userMade = lines.findIndex((line) => line.startsWith('✓ Create IAM user with-form'));
		expect(submitted, run.stderr).toBeGreaterThan(-1);
		expect(waiting).toBeGreaterThan(submitted);
		expect(userMade).toBeGreaterThan(waiting);
		expect(lines[waiting]).toContain('this is not IAM propagation');
		expect((JSON.parse(run.stdout) as VerificationReport).pass).toBe(true);
		expect(await useCaseFormHeld(sandbox)).toEqual(form);
	}, 60_000);
});
