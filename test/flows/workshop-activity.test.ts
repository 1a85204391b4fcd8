/**
 * `workshop status` shows each seat's calls from CloudTrail's event history (flows/workshop/activity.ts): the
 * CLI in-process against the sandbox, a seat's own key used from its handout, the counts and last call per seat,
 * the source and its delay named, and "unknown" (never 0) when CloudTrail cannot be read.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readHandoutKey} from '../../source/core/workshop/handout.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, bearerRuntimeClient, controlRoute, startTestSandbox} from '../helpers/sandbox.js';

const EVENT = 'trail-class';
const NOVA = 'amazon.nova-lite-v1:0';
let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-activity-'));
});
afterAll(async () => sandbox.close());

const workshop = (args: readonly string[]): Promise<CliRun> =>
	runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--max-rps', '100'], {
		env: adminEnv(sandbox),
		cwd: dir,
	});

interface StatusJson {
	readonly activity: {source: string; from?: string; complete?: boolean; reason?: string};
	readonly seats: ReadonlyArray<{seat: number; activity?: {calls: number; refused: number; lastAt?: string}}>;
}

describe('activity per seat', () => {
	it("counts each seat's own calls, with the last one, and names CloudTrail and its delay", async () => {
		const created = await workshop(['create', '--name', EVENT, '--seats', '3', '--models', NOVA, '--expires-in-days', '1', '--json']);
		expect(created.code, created.stderr).toBe(0);
		const key = readHandoutKey(readFileSync(join(dir, 'bkw-trail-class-002.md'), 'utf8'))!;
		const client = bearerRuntimeClient(sandbox, key, {region: 'us-west-2'});
		for (let call = 0; call < 3; call++)
			await client.send(new ConverseCommand({modelId: NOVA, messages: [{role: 'user', content: [{text: 'hello'}]}], inferenceConfig: {maxTokens: 5}}));

		const json = await workshop(['status', '--name', EVENT, '--json']);
		expect(json.code, json.stderr).toBe(0);
		const status = JSON.parse(json.stdout) as StatusJson;
		expect(status.activity).toMatchObject({source: 'cloudtrail', complete: true});
		expect(status.seats.map((seat) => seat.activity?.calls)).toEqual([0, 3, 0]);
		expect(status.seats[1]!.activity!.lastAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(status.seats[0]!.activity!.lastAt).toBeUndefined();

		const plain = await workshop(['status', '--name', EVENT]);
		expect(plain.code, plain.stderr).toBe(0);
		expect(plain.stdout).toMatch(/^\s*2\s+bkw-trail-class-002\s.*✓ ready.*3 calls, last \d{4}-\d\d-\d\d \d\d:\d\d UTC\s*$/m);
		expect(plain.stdout).toMatch(/^\s*1\s+bkw-trail-class-001\s.*none seen\s*$/m);
		expect(plain.stdout).toContain('Activity: CloudTrail event history since');
		expect(plain.stdout).toContain('usually lists a call about 5 minutes after it, not guaranteed');
	});

	it("leaves the tool's own checks out of a seat's calls (their User-Agent), counted apart", async () => {
		const verified = await workshop(['status', '--name', EVENT, '--verify', '--verify-timeout', '20']);
		expect(verified.code, verified.stderr).toBe(0);
		const status = JSON.parse((await workshop(['status', '--name', EVENT, '--json'])).stdout) as StatusJson & {
			seats: ReadonlyArray<{activity?: {checks: number}}>;
		};
		expect(status.seats.map((seat) => seat.activity?.calls)).toEqual([0, 3, 0]);
		for (const seat of status.seats) expect(seat.activity!.checks).toBeGreaterThanOrEqual(2);
	});

	it('--watch away from a terminal shows the status once and says so; a --watch that is not a number of seconds is refused', async () => {
		const once = await workshop(['status', '--name', EVENT, '--watch', '5']);
		expect(once.code, once.stderr).toBe(0);
		expect(once.stderr).toContain('! --watch keeps a dashboard up in a terminal; here the status is shown once.');
		expect(once.stdout).toContain('Activity: CloudTrail event history since');
		const bad = await workshop(['status', '--name', EVENT, '--watch', '0']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--watch');
	});

	it('says in Japanese where the counts come from', async () => {
		const plain = await workshop(['status', '--name', EVENT, '--lang', 'ja']);
		expect(plain.code, plain.stderr).toBe(0);
		expect(plain.stdout).toMatch(/3 回、最終 \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
		expect(plain.stdout).toContain('利用状況: CloudTrail のイベント履歴');
	});

	it('says the activity is unknown, not 0, when CloudTrail refuses, and still shows the rest', async () => {
		const deny = {Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'cloudtrail:*', Resource: '*'}]};
		const set = await controlRoute(sandbox.endpoint, sandbox.adminToken, {
			route: 'account',
			body: {serviceControlPolicies: [{name: 'no-cloudtrail', document: JSON.stringify(deny)}]},
		});
		expect(set.status).toBe(200);
		const json = await workshop(['status', '--name', EVENT, '--json']);
		expect(json.code, json.stderr).toBe(0);
		const status = JSON.parse(json.stdout) as StatusJson;
		expect(status.activity.source).toBe('unavailable');
		expect(status.activity.reason).toMatch(/AccessDenied/);
		expect(status.seats.every((seat) => seat.activity === undefined)).toBe(true);
		const plain = await workshop(['status', '--name', EVENT]);
		expect(plain.stdout).toMatch(/^\s*2\s+bkw-trail-class-002\s.*✓ ready.*unknown\s*$/m);
		expect(plain.stdout).toMatch(/! Activity: unknown, CloudTrail's event history could not be read \(AccessDenied.*Allow cloudtrail:LookupEvents/);
	});
});
