/**
 * `check` with no expectations (issue 16, item 6): one grouped table of what the key can and cannot call
 * (allowed / refused by IAM / not usable for another reason), never a diagnosis per model; and a key AWS
 * rejects outright gets one error and exit 1 after one call, not one error per model. English and Japanese.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {onSandbox, runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, provisionUser, startTestSandbox} from '../helpers/sandbox.js';

const NOVA_LITE = 'amazon.nova-lite-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
let apiKey: string;

/** A well-formed long-term API key that no user holds: AWS rejects the key itself. */
const unknownKey = `ABSK${Buffer.from(`BedrockAPIKey-zz99-at-123456789012:${Buffer.from('not-a-secret-anyone-holds').toString('base64')}`).toString('base64')}`;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	const dir = mkdtempSync(join(tmpdir(), 'bkw-discovery-'));
	const created = await runCliCaptured(['create', ...onSandbox(sandbox, dir), '--user-name', 'discovery-user', '--models', `${NOVA_LITE},${TITAN_V2}`], {
		env: adminEnv(sandbox),
	});
	expect(created.code, created.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => sandbox.close());

const check = (key: string, lang: 'en' | 'ja', extra: readonly string[] = []): Promise<CliRun> =>
	runCliCaptured(['check', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--verify-timeout', '2', '--lang', lang, ...extra], {
		env: {AWS_BEARER_TOKEN_BEDROCK: key},
	});

interface Groups {
	allowed: string[];
	iamRefused: string[];
	other: Array<{finding: string; models: string[]}>;
}

/** How many runtime calls `work` made to the sandbox (each call counted by a no-op fault on its operation). */
async function countingCalls<T>(work: () => Promise<T>): Promise<{result: T; calls: number}> {
	sandbox.faults.clear();
	const rules = ['Converse', 'InvokeModel'].map((operation) => sandbox.faults.add({operation, kind: 'latency', latencyMs: 0, times: 10_000}));
	try {
		const result = await work();
		return {result, calls: rules.reduce((sum, rule) => sum + rule.fired, 0)};
	} finally {
		sandbox.faults.clear();
	}
}

describe('check with no expectations, on a key restricted to two models', () => {
	let groups: Groups;
	let tried: number;

	beforeAll(async () => {
		const run = await check(apiKey, 'en', ['--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as {check: {discovery: {tried: number; groups: Groups}}};
		groups = document.check.discovery.groups;
		tried = document.check.discovery.tried;
	});

	it('--json groups every model tried: the two allowed, the rest refused by IAM or unusable for a named reason', () => {
		expect(groups.allowed.sort()).toEqual([NOVA_LITE, TITAN_V2].sort());
		const others = groups.other.reduce((sum, group) => sum + group.models.length, 0);
		expect(groups.iamRefused.length).toBeGreaterThan(50);
		expect(2 + groups.iamRefused.length + others).toBe(tried);
		for (const group of groups.other) expect(group.finding).not.toMatch(/^(allowed|iam-denied)$/);
	});

	for (const lang of ['en', 'ja'] as const) {
		it(`prints one grouped table with its counts, and no diagnosis per model (${lang})`, async () => {
			const m = messagesFor(lang);
			const t = m.check.discovery;
			const run = await check(apiKey, lang);
			expect(run.code, run.stderr).toBe(0);
			const out = run.stdout;
			const others = groups.other.reduce((sum, group) => sum + group.models.length, 0);
			expect(out).toContain(t.title(2, tried, 'us-west-2'));
			// Each heading once, with its count, in this order.
			const headings = [t.allowed(2), t.iamRefused(groups.iamRefused.length), t.other(others)];
			const at = headings.map((heading) => out.indexOf(heading));
			expect(
				at.every((index) => index >= 0),
				out,
			).toBe(true);
			expect([...at].sort((a, b) => a - b)).toEqual(at);
			for (const heading of headings) expect(out.split(heading).length - 1).toBe(1);
			// Every model tried is named once, whole (ids are never cut, so each can be copied).
			for (const model of [...groups.allowed, ...groups.iamRefused, ...groups.other.flatMap((group) => group.models)])
				expect(
					out.split(/\s+/).filter((word) => word === model),
					model,
				).toHaveLength(1);
			// IAM's refusal is said once for its group, not once per model.
			const [iamDiagnosis] = m.verify.finding['iam-denied'];
			expect(`${out}${run.stderr}`).not.toContain(iamDiagnosis);
			for (const group of groups.other) expect(out.split(m.verify.finding[group.finding as 'other'][0]).length - 1).toBe(1);
			// Within 80 columns.
			for (const line of out.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
		});
	}
});

describe('a key AWS rejects outright', () => {
	for (const lang of ['en', 'ja'] as const) {
		it(`an unknown key: one error after one call, exit 1 (${lang})`, async () => {
			const m = messagesFor(lang);
			const {result: run, calls} = await countingCalls(() => check(unknownKey, lang));
			expect(run.code, run.stderr).toBe(1);
			expect(calls).toBe(1);
			const errors = run.stderr.split('\n').filter((line) => line.startsWith('✗'));
			expect(errors, run.stderr).toHaveLength(1);
			const [reason, fix] = m.verify.finding['invalid-key'];
			expect(errors[0]).toContain(reason);
			expect(run.stderr).toContain(fix);
			expect(run.stdout).toBe('');
			expect(run.stderr).not.toContain(unknownKey);
		});
	}

	it('a key whose user may not call bedrock:CallWithBearerToken: one error naming it, exit 1, in --json too', async () => {
		const user = await provisionUser(
			sandbox,
			'no-bearer-user',
			{Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*'}]},
			{apiKey: true},
		);
		const run = await check(user.apiKey!, 'en', ['--json']);
		expect(run.code, run.stderr).toBe(1);
		const document = JSON.parse(run.stdout) as {error: {kind: string; message: string; fix: string}};
		expect(document.error.kind).toBe('verification-failed');
		expect(document.error.message).toContain(messagesFor('en').verify.finding['bearer-denied'][0]);
		expect(run.stderr.split('\n').filter((line) => line.startsWith('✗'))).toHaveLength(1);
	});

	it('with expectations too, a rejected key is one error, not one per probe', async () => {
		const run = await check(unknownKey, 'en', ['--expect-allowed', NOVA_LITE]);
		expect(run.code, run.stderr).toBe(1);
		expect(
			run.stderr.split('\n').filter((line) => line.startsWith('✗')),
			run.stderr,
		).toHaveLength(1);
		expect(run.stderr).toContain(messagesFor('en').verify.finding['invalid-key'][0]);
	});
});
