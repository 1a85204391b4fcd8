/**
 * workshop status (and --verify with each seat's own key), the git warning for handouts, and handouts in
 * Japanese: the CLI in-process against the sandbox with a real propagation delay.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, unlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {DeleteUserPolicyCommand, GetUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {formatTime} from '../../source/core/i18n/time.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const EVENT = 'kansai-meetup';
let sandbox: RunningSandbox;
let repo: string;
let dir: string;
const runs: CliRun[] = [];

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 300});
	repo = mkdtempSync(join(tmpdir(), 'bkw-workshop-repo-'));
	execFileSync('git', ['init', '-q', repo]);
	dir = join(repo, 'handouts');
	mkdirSync(dir);
});
afterAll(async () => sandbox.close());

async function workshop(args: readonly string[]): Promise<CliRun> {
	const run = await runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--max-rps', '100'], {
		env: adminEnv(sandbox),
		cwd: repo,
	});
	runs.push(run);
	return run;
}
const create = (extra: readonly string[] = []): Promise<CliRun> =>
	workshop([
		'create',
		'--name',
		EVENT,
		'--seats',
		'4',
		'--models',
		'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0',
		...(extra.includes('--until') ? [] : ['--expires-in-days', '1']),
		'--lang',
		'ja',
		...extra,
	]);
const handouts = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.md'));

describe('handouts in a git work tree', () => {
	it('warns when the folder would be committed with the keys in it', async () => {
		const run = await create();
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/git の作業ツリーの中にあり、無視されていません/);
		expect(run.stdout).toContain(`"${dir}/" を .gitignore に加える`);
	});

	it('says nothing once the folder is ignored', async () => {
		writeFileSync(join(repo, '.gitignore'), 'handouts/\n');
		const run = await create(['--json']);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).warnings).toEqual([]);
		expect(run.stderr).not.toMatch(/git/);
	});

	it('are written in the chosen language', () => {
		expect(handouts()).toHaveLength(4);
		const text = readFileSync(join(dir, handouts()[0]!), 'utf8');
		expect(text).toMatch(/^# kansai-meetup: 座席 1\n/);
		expect(text).toContain('## 動作を確かめる');
	});
});

describe('status', () => {
	it("--verify proves every seat's own key live and keeps the result", async () => {
		const run = await workshop(['status', '--name', EVENT, '--verify', '--json', '--verify-timeout', '20']);
		expect(run.code, run.stderr).toBe(0);
		const status = JSON.parse(run.stdout) as {
			ready: number;
			seats: Array<{seat: number; state: string; lastVerification: {pass: boolean; passed: number; total: number}}>;
		};
		expect(status.ready).toBe(4);
		for (const seat of status.seats) expect(seat.lastVerification).toMatchObject({pass: true});
		expect(status.seats[0]!.lastVerification.total).toBeGreaterThanOrEqual(4);
		// Each probe signed in with the seat's own key.
		const principals = new Set(sandbox.store.runtimeCalls().map((call) => `${call.auth} ${call.principalArn.split('/').pop()}`));
		expect(principals).toEqual(new Set(['1', '2', '3', '4'].map((seat) => `bearer bkw-kansai-meetup-00${seat}`)));
	});

	it('shows the last verification later without probing again', async () => {
		const calls = sandbox.store.runtimeCalls().length;
		const run = await workshop(['status', '--name', EVENT]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toMatch(/Workshop "kansai-meetup" in us-west-2/);
		// The end is shown in the person's time zone, named (UTC under the tests).
		expect(run.stdout).toMatch(/4\s+bkw-kansai-meetup-004\s+ACCA\w+\s+✓ ready\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+✓ works/);
		expect(sandbox.store.runtimeCalls().length).toBe(calls);
	});

	it('tells a seat that does not work apart, and exits 1', async () => {
		await iamClient(sandbox).send(new DeleteUserPolicyCommand({UserName: 'bkw-kansai-meetup-002', PolicyName: 'bedrock-key-wizard'}));
		// Past the sandbox's propagation delay, so Bedrock sees the change.
		await new Promise((resolve) => setTimeout(resolve, 400));
		const run = await workshop(['status', '--name', EVENT, '--verify', '--verify-timeout', '1']);
		expect(run.code, run.stderr).toBe(1);
		expect(run.stdout).toMatch(/3 of 4 seats verified working/);
		expect(run.stdout).toMatch(/✗ 2: amazon\.nova-lite-v1:0 Converse: expected allow, got error \(The API key was refused before any model was tried/);
	});

	it('a re-run of create repairs the seat (puts the policy back) without a new key', async () => {
		const before = readFileSync(join(dir, 'bkw-kansai-meetup-002.md'), 'utf8');
		const run = await create(['--json']);
		expect(JSON.parse(run.stdout).counts).toMatchObject({completed: 1, unchanged: 3});
		expect(readFileSync(join(dir, 'bkw-kansai-meetup-002.md'), 'utf8')).toBe(before);
	});

	it("forgets a seat's last check once its key was rotated (the new key has not been checked)", async () => {
		unlinkSync(join(dir, 'bkw-kansai-meetup-003.md'));
		// A rotation is asked about first: headless, only --yes makes it.
		const rotated = await create(['--json', '--yes']);
		expect(JSON.parse(rotated.stdout).counts).toMatchObject({rotated: 1});
		const run = await workshop(['status', '--name', EVENT, '--json']);
		const seats = (JSON.parse(run.stdout) as {seats: Array<{seat: number; lastVerification?: unknown}>}).seats;
		expect(seats.map((seat) => seat.lastVerification !== undefined)).toEqual([true, true, false, true]);
	});

	it('a new --until moves the end in the policy and in every handout, with the same keys', async () => {
		const keyOf = (file: string): string => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(readFileSync(join(dir, file), 'utf8'))![1]!;
		const before = handouts().map(keyOf);
		const until = new Date(Date.now() + 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const refused = await create(['--until', until]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('終了時刻:');
		expect(handouts().map(keyOf)).toEqual(before);
		const run = await create(['--until', until, '--json', '--yes']);
		expect(JSON.parse(run.stdout).counts).toMatchObject({completed: 4, created: 0, rotated: 0});
		expect(handouts().map(keyOf)).toEqual(before);
		for (const file of handouts()) expect(readFileSync(join(dir, file), 'utf8')).toContain(`${formatTime(until)} に使えなくなります`);
		const policy = await iamClient(sandbox).send(new GetUserPolicyCommand({UserName: 'bkw-kansai-meetup-001', PolicyName: 'bedrock-key-wizard'}));
		expect(decodeURIComponent(policy.PolicyDocument!)).toContain(until);
		const status = JSON.parse((await workshop(['status', '--name', EVENT, '--json'])).stdout) as {seats: Array<{expiresAt: string}>};
		expect(status.seats.map((seat) => seat.expiresAt)).toEqual([until, until, until, until]);
	});

	it('never prints a key, and the verification log holds none', () => {
		const keys = handouts().map((file) => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(readFileSync(join(dir, file), 'utf8'))![1]!);
		const shown = [
			...runs.map((run) => run.stdout + run.stderr),
			readFileSync(join(dir, 'verification.json'), 'utf8'),
			readFileSync(join(dir, 'roster.csv'), 'utf8'),
		].join('\n');
		for (const key of keys) expect(shown).not.toContain(key.slice(4, 40));
	});

	it('with an --out-dir that holds no workshop.json: names what is missing (the seats are in IAM), never "key not in a handout"', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'bkw-elsewhere-'));
		const run = await runCliCaptured(
			['workshop', 'status', '--name', EVENT, '--json', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', elsewhere],
			{
				env: adminEnv(sandbox),
			},
		);
		expect(run.code).toBe(2);
		expect(JSON.parse(run.stdout)).toMatchObject({error: {kind: 'usage'}});
		expect(run.stderr).toContain(
			`No workshop.json of "${EVENT}" was found (looked at ${join(elsewhere, 'workshop.json')}), so its handouts cannot be read; IAM holds 4 seats of it.`,
		);
	});

	it('says when there is no such workshop', async () => {
		const run = await workshop(['status', '--name', 'no-such-event']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/No seats of "no-such-event" were found in IAM/);
		expect(run.stderr).toContain(`Workshops in this account: "${EVENT}" (4 seats)`);
	});
});
