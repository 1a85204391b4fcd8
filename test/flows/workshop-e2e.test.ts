/**
 * workshop create / status / teardown end to end: the CLI in-process, the real SDK clients (through
 * source/aws) against the sandbox, with IAM throttling, 5xx and dropped connections injected.
 */
import {existsSync, mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	CreateUserCommand,
	DeleteServiceSpecificCredentialCommand,
	DeleteUserPolicyCommand,
	ListServiceSpecificCredentialsCommand,
	ListUsersCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, adminSession, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const EVENT = 'summit-2026';
const PREFIX = 'bkw-summit-2026-';
const MODELS = 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0';
const UNTIL = new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

let sandbox: RunningSandbox;
let dir: string;
const runs: CliRun[] = [];

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-'));
});
afterAll(async () => sandbox.close());

async function workshop(args: readonly string[], outDir = dir): Promise<CliRun> {
	const run = await runCliCaptured(
		['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', outDir, '--max-rps', '200', '--concurrency', '16'],
		{
			env: adminEnv(sandbox),
		},
	);
	runs.push(run);
	return run;
}

const iam = () => iamClient(sandbox, {maxAttempts: 3});
async function eventKeys(): Promise<Array<{UserName?: string; ServiceSpecificCredentialId?: string}>> {
	const listed = await iam().send(new ListServiceSpecificCredentialsCommand({AllUsers: true, ServiceName: 'bedrock.amazonaws.com', MaxItems: 1000}));
	return (listed.ServiceSpecificCredentials ?? []).filter((key) => key.UserName?.startsWith(PREFIX));
}
async function eventUsers(): Promise<string[]> {
	const listed = await iam().send(new ListUsersCommand({MaxItems: 1000}));
	return (listed.Users ?? []).map((user) => user.UserName!).filter((name) => name.startsWith(PREFIX));
}
const handouts = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.md'));
const facts = (file: string): {credentialId: string; seat: number} =>
	JSON.parse(/<!-- bedrock-key-wizard:seat (\{.*\}) -->/.exec(readFileSync(join(dir, file), 'utf8'))![1]!);
const keyIn = (file: string): string => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(readFileSync(join(dir, file), 'utf8'))![1]!;

describe('100 seats while IAM throttles, fails, drops connections and loses replies', () => {
	let created: CliRun;
	let summary: {counts: Record<string, number>; ready: number; iam: {requests: number; throttles: number; observedMaxPerSecond: number; maxRps: number}};
	beforeAll(async () => {
		sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: 'throttle', times: 30});
		sandbox.faults.add({operation: 'CreateUser', kind: 'throttle', times: 15});
		sandbox.faults.add({operation: 'PutUserPolicy', kind: '503', times: 5});
		// Carried out, then the answer lost: the tempting case for a second key or a failed seat.
		sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: 'lost-reply', times: 3});
		sandbox.faults.add({operation: 'CreateUser', kind: 'lost-reply', times: 2});
		sandbox.faults.add({operation: 'PutUserPolicy', kind: 'drop', times: 2});
		sandbox.faults.add({operation: 'CreateServiceSpecificCredential', kind: '500', times: 3});
		created = await workshop(['create', '--name', EVENT, '--seats', '100', '--models', MODELS, '--until', UNTIL, '--json']);
		summary = JSON.parse(created.stdout);
		// ~10 s alone; room for a busy machine running the other test files at the same time.
	}, 60_000);

	it('makes every seat, exactly one user and one key each, and says so', async () => {
		expect(created.code, created.stderr).toBe(0);
		expect(sandbox.faults.list()).toEqual([]);
		expect(summary).toMatchObject({schemaVersion: 1, event: EVENT, seats: 100, ready: 100, counts: {created: 100, failed: 0}});
		const users = await eventUsers();
		expect(users).toHaveLength(100);
		expect(new Set(users).size).toBe(100);
		const keys = await eventKeys();
		expect(keys).toHaveLength(100);
		expect(new Set(keys.map((key) => key.UserName)).size).toBe(100);
		expect(created.stderr).toMatch(/100\/100 seats done/);
	});

	it('backs off on throttling and never goes above the configured request rate', () => {
		expect(summary.iam.throttles).toBeGreaterThanOrEqual(45);
		expect(summary.iam.maxRps).toBe(200);
		expect(summary.iam.observedMaxPerSecond).toBeLessThanOrEqual(200);
		expect(created.stderr).toMatch(/IAM is throttling: slowing down/);
	});

	it('writes one handout per seat, mode 0600, holding the key IAM has for that seat', async () => {
		expect(handouts()).toHaveLength(100);
		const keys = new Map((await eventKeys()).map((key) => [key.UserName, key.ServiceSpecificCredentialId]));
		for (const file of handouts()) {
			expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
			expect(keys.get(file.replace(/\.md$/, ''))).toBe(facts(file).credentialId);
			expect(keyIn(file)).toMatch(/^ABSK/);
		}
	});

	it('writes a roster with a row per seat and a workshop.json', () => {
		const roster = readFileSync(join(dir, 'roster.csv'), 'utf8').trim().split('\r\n');
		expect(roster[0]).toBe('seat,user_name,key_id,key_status,expires_at,handout');
		expect(roster).toHaveLength(101);
		expect(roster[1]).toMatch(new RegExp(`^1,${PREFIX}001,ACCA\\w+,ready,`));
		expect(JSON.parse(readFileSync(join(dir, 'workshop.json'), 'utf8'))).toMatchObject({
			event: EVENT,
			seats: 100,
			region: 'us-west-2',
			models: MODELS.split(','),
		});
	});

	it('a second run changes nothing: no new user, no second key', async () => {
		const again = await workshop(['create', '--name', EVENT, '--seats', '100', '--models', MODELS, '--until', UNTIL, '--json']);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout).counts).toMatchObject({unchanged: 100, created: 0, rotated: 0});
		expect(await eventKeys()).toHaveLength(100);
		expect(again.stderr).toMatch(/Found 100 seats of this event already in IAM \(100 complete\)/);
	});

	it('a seat whose handout was lost gets a new key, and the old one is deleted', async () => {
		const file = `${PREFIX}007.md`;
		const before = facts(file).credentialId;
		unlinkSync(join(dir, file));
		const again = await workshop(['create', '--name', EVENT, '--seats', '100', '--models', MODELS, '--until', UNTIL, '--json', '--yes']);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout).counts).toMatchObject({rotated: 1, unchanged: 99});
		expect(again.stderr).toMatch(/Seat 7 \(bkw-summit-2026-007\) has a key but no handout holds it/);
		const keys = (await eventKeys()).filter((key) => key.UserName === `${PREFIX}007`);
		expect(keys.map((key) => key.ServiceSpecificCredentialId)).toEqual([facts(file).credentialId]);
		expect(facts(file).credentialId).not.toBe(before);
	});

	it('status shows every seat ready, with expiry', async () => {
		const status = await workshop(['status', '--name', EVENT, '--json']);
		expect(status.code, status.stderr).toBe(0);
		const parsed = JSON.parse(status.stdout) as {ready: number; seats: Array<{seat: number; state: string; expiresAt: string; credentialId: string}>};
		expect(parsed.ready).toBe(100);
		expect(parsed.seats[6]).toMatchObject({seat: 7, state: 'ready', credentialId: facts(`${PREFIX}007.md`).credentialId});
		expect(Date.parse(parsed.seats[0]!.expiresAt)).toBeGreaterThan(Date.now());
	});

	it('never shows a key: not on stdout, stderr, in the roster or the workshop files, nor in the check command', () => {
		const keys = handouts().map(keyIn);
		const shown = [
			...runs.map((run) => run.stdout + run.stderr),
			readFileSync(join(dir, 'roster.csv'), 'utf8'),
			readFileSync(join(dir, 'workshop.json'), 'utf8'),
		].join('\n');
		for (const key of keys) expect(shown).not.toContain(key.slice(4, 40));
		for (const file of handouts()) {
			const command = /```sh\n(.*)\n```/.exec(readFileSync(join(dir, file), 'utf8'))![1]!;
			expect(command).toMatch(/^npx bedrock-key-wizard check --region us-west-2 /);
			expect(command).not.toContain(keyIn(file).slice(4, 40));
		}
	});
});

describe('teardown', () => {
	const lookalike = `${PREFIX}101`;
	const otherEvent = `${PREFIX}102`;
	beforeAll(async () => {
		// Named like seats of the event, but not tagged with it: teardown must leave them alone.
		await iam().send(new CreateUserCommand({UserName: lookalike}));
		await iam().send(
			new CreateUserCommand({
				UserName: otherEvent,
				Tags: [
					{Key: 'bedrock-key-wizard:managed', Value: 'true'},
					{Key: 'bedrock-key-wizard:workshop', Value: 'summit-2026-b'},
					{Key: 'bedrock-key-wizard:seat', Value: '102'},
				],
			}),
		);
	});

	it('lists first and deletes nothing without --yes', async () => {
		const dry = await workshop(['teardown', '--name', EVENT]);
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toMatch(/Workshop "summit-2026": 100 IAM users and 100 API keys to delete/);
		expect(dry.stdout).toMatch(/Dry run: nothing was deleted/);
		expect(dry.stdout).toMatch(new RegExp(`Left alone: ${lookalike}`));
		expect(dry.stdout).not.toMatch(new RegExp(`- ${otherEvent}`));
		expect(await eventUsers()).toHaveLength(102);
	});

	it('interrupted half-way, then run again: finishes cleanly, leaving no orphan and the look-alikes untouched', async () => {
		// The first run is stopped after 50 users (as Ctrl+C would), and one more user is left half-deleted.
		const {planWorkshopTeardown, runWorkshopTeardown} = await import('../../source/flows/workshop/teardown.js');
		const session = adminSession(sandbox);
		const controller = new AbortController();
		try {
			const plan = await planWorkshopTeardown(session.iam, EVENT);
			const first = await runWorkshopTeardown(plan, {iam: session.iam, concurrency: 8, signal: controller.signal}, (event) => {
				if (event.done === 50) controller.abort();
			});
			expect(first.cancelled).toBe(true);
			expect(first.deleted.length).toBeGreaterThanOrEqual(50);
			expect(first.remaining).toBe(100 - first.deleted.length);
		} finally {
			session.close();
		}
		const survivor = (await eventUsers()).find((name) => name !== lookalike && name !== otherEvent)!;
		const key = (await eventKeys()).find((entry) => entry.UserName === survivor)!;
		await iam().send(new DeleteServiceSpecificCredentialCommand({UserName: survivor, ServiceSpecificCredentialId: key.ServiceSpecificCredentialId}));
		await iam().send(new DeleteUserPolicyCommand({UserName: survivor, PolicyName: 'bedrock-key-wizard'}));

		const rules = [
			sandbox.faults.add({operation: 'DeleteUser', kind: 'throttle', times: 10}),
			sandbox.faults.add({operation: 'DeleteServiceSpecificCredential', kind: '503', times: 5}),
		];
		const second = await workshop(['teardown', '--name', EVENT, '--yes', '--json']);
		expect(second.code, second.stderr).toBe(0);
		// Both faults happened (a fault that never fired would prove nothing).
		expect(rules.map((rule) => rule.fired > 0)).toEqual([true, true]);
		sandbox.faults.clear();
		expect(JSON.parse(second.stdout)).toMatchObject({event: EVENT, failed: [], remaining: 0});
		expect(await eventUsers()).toEqual([lookalike, otherEvent]);
		expect(await eventKeys()).toEqual([]);

		const third = await workshop(['teardown', '--name', EVENT, '--yes']);
		expect(third.code, third.stderr).toBe(0);
		expect(third.stdout).toMatch(/Nothing of workshop "summit-2026" is left in IAM/);
		expect(existsSync(join(dir, 'roster.csv'))).toBe(true);
	});
});
