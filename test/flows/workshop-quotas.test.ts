/**
 * Quotas planned before class (issue 17, item 2): `workshop plan` reads the account's Bedrock quotas through
 * Service Quotas (the sandbox's, set low for Claude Haiku 4.5), shows the class's need and the shortfall, files
 * an increase only on confirmation (and never twice), and `workshop create` shows the same check first. A
 * class run under that quota is throttled, and `status --verify` says so. The CLI in-process against the sandbox.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {adminEnv, controlRoute, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';
import {runInTerminal} from '../prompts/fake-terminal.js';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const PROFILE = `us.${HAIKU}`;
const NAME = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	const set = await controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'quotas', body: {modelId: HAIKU, kind: 'cross-region-tpm', value: 20_000}});
	expect(set.status).toBe(200);
});
afterAll(async () => sandbox.close());

const target = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'];
const plan = (extra: readonly string[] = []) =>
	runCliCaptured(['workshop', 'plan', '--seats', '30', '--models', PROFILE, ...target(), ...extra], {
		env: adminEnv(sandbox),
		cwd: mkdtempSync(join(tmpdir(), 'bkw-plan-')),
	});

interface PlanDocument {
	verdict: string;
	rows: Array<{quotaName: string; measure: string; value: number; need: number; headroom: number; verdict: string; burndown: number}>;
	increases: Array<{quotaName: string; desiredValue: number; outcome: string; status?: string}>;
}

describe('workshop plan --seats 30 under a low Claude Haiku 4.5 quota', () => {
	it('shows the need (output at the burndown rate), the headroom and the shortfall, and files nothing without --yes', async () => {
		const run = await plan(['--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as PlanDocument;
		expect(document.verdict).toBe('short');
		// 30 seats x 2 requests a minute x (1,000 input + 500 output x 5).
		expect(document.rows.find((row) => row.quotaName === NAME)).toMatchObject({
			value: 20_000,
			need: 210_000,
			headroom: -190_000,
			verdict: 'short',
			burndown: 5,
		});
		expect(document.rows.find((row) => row.measure === 'requests-per-minute')).toMatchObject({need: 60, verdict: 'ok'});
		expect(document.increases).toEqual([]);
		expect(run.stderr).toContain('Increases are not automatic');
		expect(run.stderr).toContain(`${NAME}: 20,000 -> 252,000`);
		expect(run.stderr).toContain('Nothing was filed: run again with --yes');
		expect(sandbox.quotas.requests()).toEqual([]);
	});

	it('prints a table with a verdict, in Japanese too', async () => {
		const en = await plan();
		expect(en.stdout).toMatch(/Anthropic Claude Haiku 4\.5\s+tokens\/min \(cross-Region\)\s+20,000\s+210,000\s+-190,000\s+✗ short/);
		expect(en.stdout).toContain('✗ 1 quota fall short: participants will get "Too many tokens" (ThrottlingException) in class.');
		const ja = await plan(['--lang', 'ja']);
		expect(ja.stdout).toMatch(/Anthropic Claude Haiku 4\.5\s+トークン\/分 \(クロスリージョン\)\s+20,000\s+210,000\s+-190,000\s+✗ 不足/);
		expect(ja.stdout).toContain('出力トークンは 1 個あたり 5 個分');
		expect(ja.stdout).toContain('何も申請していません');
	});

	it('in a terminal it asks; no files nothing', async () => {
		const terminal = runInTerminal(['workshop', 'plan', '--seats', '30', '--models', PROFILE, ...target(), '--plain'], adminEnv(sandbox));
		await terminal.answer(/File 1 quota increase request now\?/, 'n\r');
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expect(sandbox.quotas.requests()).toEqual([]);
	});

	it('with --yes files the increase: pending, the quota unchanged (not automatic); a second run does not file it again', async () => {
		const run = await plan(['--yes', '--json']);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as PlanDocument).increases).toEqual([
			expect.objectContaining({quotaName: NAME, desiredValue: 252_000, outcome: 'filed', status: 'PENDING'}),
		]);
		expect(sandbox.quotas.requests().map((request) => [request.quota.name, request.desiredValue, request.status])).toEqual([[NAME, 252_000, 'PENDING']]);
		expect(sandbox.quotas.of(HAIKU, 'cross-region-tpm')!.value).toBe(20_000);
		const again = await plan(['--yes', '--json']);
		expect((JSON.parse(again.stdout) as PlanDocument).increases).toEqual([expect.objectContaining({outcome: 'pending'})]);
		expect(again.stderr).toContain('Already asked');
		expect(sandbox.quotas.requests()).toHaveLength(1);
	});
});

describe('a class under that quota', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-quota-class-'));
	const until = new Date(Date.now() + 4 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

	it('workshop create shows the quota check before anything is made', async () => {
		// Sold through AWS Marketplace: the admin's first call subscribes the account (the seats' keys may not).
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 1_000_000);
		await runtimeClient(sandbox, {maxAttempts: 3}).send(
			new ConverseCommand({modelId: PROFILE, messages: [{role: 'user', content: [{text: 'hi'}]}], inferenceConfig: {maxTokens: 1}}),
		);
		// Low enough that three seats' checks (about 7 tokens each: Converse's output counts 5 times) cannot all pass within the minute.
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 8);
		const run = await runCliCaptured(
			['workshop', 'create', '--name', 'quota-class', '--seats', '3', '--models', PROFILE, '--until', until, '--out-dir', dir, ...target()],
			{
				env: adminEnv(sandbox),
			},
		);
		expect(run.code, run.stderr).toBe(0);
		const quotaLines = run.stderr.indexOf('Quotas for 3 seats in us-west-2');
		expect(quotaLines).toBeGreaterThan(-1);
		expect(quotaLines).toBeLessThan(run.stderr.indexOf('3/3 seats done'));
		expect(run.stderr).toContain('1 quota fall short for this class (see above): run workshop plan --yes');
	});

	it('status --verify shows the throttling', async () => {
		const run = await runCliCaptured(['workshop', 'status', '--name', 'quota-class', '--out-dir', dir, '--verify', '--verify-timeout', '3', ...target()], {
			env: adminEnv(sandbox),
		});
		expect(run.code).toBe(1);
		// The first checks passed before the minute's tokens ran out; the rest were throttled.
		expect(run.stdout).toMatch(
			/Converse(Stream)?: expected allow, got error \(Bedrock throttled the call\. Wait a little and check again; ask for a quota increase/,
		);
		expect(sandbox.store.runtimeCalls().filter((call) => call.outcome === 'ThrottlingException').length).toBeGreaterThan(0);
	}, 60_000);

	// The tokens-per-minute quota raised: the throttling below comes from the quota named, nothing else.
	const verifyUnder = async (kind: 'cross-region-rpm' | 'tokens-per-day'): Promise<void> => {
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 1_000_000_000);
		sandbox.quotas.set({modelId: HAIKU, kind: kind === 'tokens-per-day' ? 'cross-region-rpm' : 'tokens-per-day'}, 1_000_000_000);
		const quota = sandbox.quotas.of(HAIKU, kind)!;
		// Room for one seat's first check (a request, or about 7 tokens), not for the class.
		sandbox.quotas.set({modelId: HAIKU, kind}, sandbox.quotas.used(quota, new Date()) + (kind === 'tokens-per-day' ? 8 : 1));
		const throttledBefore = sandbox.store.runtimeCalls().filter((call) => call.outcome === 'ThrottlingException').length;
		const run = await runCliCaptured(['workshop', 'status', '--name', 'quota-class', '--out-dir', dir, '--verify', '--verify-timeout', '3', ...target()], {
			env: adminEnv(sandbox),
		});
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/Converse(Stream)?: expected allow, got error \(Bedrock throttled the call\./);
		expect(sandbox.store.runtimeCalls().filter((call) => call.outcome === 'ThrottlingException').length).toBeGreaterThan(throttledBefore);
	};

	it('status --verify shows the throttling under a requests-per-minute quota (once set: AWS no longer enforces them)', async () => {
		await verifyUnder('cross-region-rpm');
	}, 60_000);

	it('status --verify shows the throttling under a tokens-per-day quota', async () => {
		await verifyUnder('tokens-per-day');
	}, 60_000);
});
