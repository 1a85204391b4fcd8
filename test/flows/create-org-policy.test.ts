/**
 * An organisation's guardrails (issue 15): a Region-deny service control policy that leaves out one
 * destination Region of a cross-Region profile. AWS routes some calls there and refuses them "with an
 * explicit deny in a service control policy"; the sandbox routes there every time. create must recognise
 * it at once (no retry loop: waiting cannot help), say which Region and that the key's policy cannot fix
 * it, and end with exit 1, the key's report saying so.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

/** The usual Region-deny SCP: Bedrock only in us-west-2 and us-east-1. */
const regionDeny = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'OnlyTwoRegions',
			Effect: 'Deny',
			Action: 'bedrock:*',
			Resource: '*',
			Condition: {StringNotEquals: {'aws:RequestedRegion': ['us-west-2', 'us-east-1']}},
		},
	],
};

let sandbox: RunningSandbox;
beforeAll(async () => {
	// No propagation delay: every refusal below is the organisation's, from the first attempt.
	sandbox = await startTestSandbox({propagationDelayMs: 0, serviceControlPolicies: [{name: 'region-deny', document: JSON.stringify(regionDeny)}]});
});
afterAll(async () => sandbox.close());

describe('a Region-deny service control policy that leaves out a destination of the chosen profile', () => {
	it('create ends with exit 1, naming the service control policy and us-east-2, without retrying the refused calls', async () => {
		const started = Date.now();
		const run = await runCliCaptured(
			[
				'create',
				...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-scp-'))),
				'--user-name',
				'scp-user',
				'--models',
				`${HAIKU_PROFILE},${TITAN_V2}`,
				'--yes',
				'--json',
			],
			{env: adminEnv(sandbox)},
		);
		const elapsedMs = Date.now() - started;
		expect(run.code, run.stderr).toBe(1);
		expect(elapsedMs).toBeLessThan(30_000);
		const report = JSON.parse(run.stdout) as VerificationReport;
		const haiku = report.probes.filter((probe) => probe.model === HAIKU_PROFILE);
		expect(haiku.length).toBeGreaterThan(0);
		for (const probe of haiku) {
			expect(probe).toMatchObject({expected: 'allow', pass: false, finding: 'org-denied', attempts: 1});
			expect(probe.errorMessage).toContain('with an explicit deny in a service control policy');
			expect(probe.diagnosis).toContain('us-east-2');
			expect(probe.diagnosis).toMatch(/service control policy of your organisation or account, not by the key's policy/);
			expect(probe.diagnosis).toMatch(/every destination Region of the inference profile/);
		}
		// The key works where the organisation allows it.
		expect(report.probes.find((probe) => probe.model === TITAN_V2)).toMatchObject({outcome: 'allowed', pass: true});
		expect(run.stderr).toContain('us-east-2');
	});
});

describe('sandbox --org-policy', () => {
	it('a file that is not a policy is a usage error naming it (exit 2)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-scp-file-'));
		const file = join(dir, 'scp.json');
		writeFileSync(file, '{"Statement": "not a list of statements"');
		const run = await runCliCaptured(['sandbox', '--org-policy', file]);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stderr).toContain('--org-policy');
		expect(run.stderr).toContain('scp.json');
	});
});

describe('in Japanese, and for a Legacy model the account has not used', () => {
	it('the service control policy diagnosis is in Japanese, naming the Region', async () => {
		const run = await runCliCaptured(
			[
				'create',
				...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-scp-ja-'))),
				'--lang',
				'ja',
				'--user-name',
				'scp-ja',
				'--models',
				`${HAIKU_PROFILE},${TITAN_V2}`,
				'--yes',
				'--json',
			],
			{env: adminEnv(sandbox)},
		);
		expect(run.code, run.stderr).toBe(1);
		const haiku = (JSON.parse(run.stdout) as VerificationReport).probes.find((probe) => probe.model === HAIKU_PROFILE);
		expect(haiku?.diagnosis).toContain('サービスコントロールポリシー');
		expect(haiku?.diagnosis).toContain('us-east-2');
	});

	it('a Legacy model refused as unused: said so once, never retried, in English and Japanese', async () => {
		const legacy = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
		// An account without the organisation's policy: the refusal is the Legacy one alone.
		const plain = await startTestSandbox({propagationDelayMs: 0});
		onTestFinished(() => plain.close());
		for (const lang of ['en', 'ja'] as const) {
			const run = await runCliCaptured(
				[
					'create',
					...onSandbox(plain, mkdtempSync(join(tmpdir(), 'bkw-legacy-'))),
					'--lang',
					lang,
					'--user-name',
					`legacy-${lang}`,
					'--models',
					`${legacy},${TITAN_V2}`,
					'--yes',
					'--json',
				],
				{env: adminEnv(plain)},
			);
			expect(run.code, run.stderr).toBe(1);
			const probe = (JSON.parse(run.stdout) as VerificationReport).probes.find((candidate) => candidate.model === legacy);
			expect(probe).toMatchObject({finding: 'legacy-unused', attempts: 1, pass: false});
			expect(probe?.diagnosis).toContain(lang === 'en' ? 'AWS marks this model Legacy' : 'レガシー');
		}
	});
});
