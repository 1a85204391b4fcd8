/**
 * `workshop rotate` (issue 17, item 3): one seat's key replaced through the user's second key slot, the new key
 * in its handout and proven live before the old one is set Inactive and deleted; the other seats untouched;
 * resumable after a stop at either side of the handout. The CLI in-process, the real SDK clients, the sandbox.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CreateServiceSpecificCredentialCommand, ListServiceSpecificCredentialsCommand} from '@aws-sdk/client-iam';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, bearerRuntimeClient, iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const EVENT = 'rotate-class';
const PREFIX = 'bkw-rotate-class-';
const NOVA = 'amazon.nova-lite-v1:0';
const UNTIL = new Date(Date.now() + 5 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
	dir = mkdtempSync(join(tmpdir(), 'bkw-rotate-'));
	const made = await workshop(['create', '--name', EVENT, '--seats', '3', '--models', NOVA, '--until', UNTIL]);
	expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => sandbox.close());

function workshop(args: readonly string[]) {
	return runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir], {env: adminEnv(sandbox)});
}
const handout = (seat: number): string => readFileSync(join(dir, `${PREFIX}00${seat}.md`), 'utf8');
const keyOf = (seat: number): string => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(handout(seat))![1]!;
const idOf = (seat: number): string => /"credentialId":"(\w+)"/.exec(handout(seat))![1]!;
async function keyIds(seat: number): Promise<string[]> {
	const listed = await iamClient(sandbox).send(
		new ListServiceSpecificCredentialsCommand({UserName: `${PREFIX}00${seat}`, ServiceName: 'bedrock.amazonaws.com'}),
	);
	return (listed.ServiceSpecificCredentials ?? []).map((key) => key.ServiceSpecificCredentialId!).sort();
}
const converse = (key: string) =>
	bearerRuntimeClient(sandbox, key, {maxAttempts: 1}).send(
		new ConverseCommand({modelId: NOVA, messages: [{role: 'user', content: [{text: 'hello'}]}], inferenceConfig: {maxTokens: 5}}),
	);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('workshop rotate --seat 2', () => {
	it('shows the plan and rotates nothing without --yes (exit 2), in English and Japanese', async () => {
		const before = await keyIds(2);
		const run = await workshop(['rotate', '--seat', '2']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`seat 2: ${PREFIX}002, key ${before[0]} stops working`);
		expect(run.stderr).toContain('Nothing was rotated: a rotation needs a confirmation.');
		const ja = await workshop(['rotate', '--seat', '2', '--lang', 'ja']);
		expect(ja.code).toBe(2);
		expect(ja.stderr).toContain(`座席 2: ${PREFIX}002、キー ${before[0]} が使えなくなります`);
		expect(await keyIds(2)).toEqual(before);
	});

	it("with --yes: seat 2's key id and handout change, the new key works, the old one is refused, the other seats are untouched", async () => {
		const oldKey = keyOf(2);
		const oldId = idOf(2);
		const others = {1: [handout(1), await keyIds(1)], 3: [handout(3), await keyIds(3)]};
		const run = await workshop(['rotate', '--seat', '2', '--yes', '--json']);
		expect(run.code, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout) as {rotated: Array<{seat: number; oldCredentialId: string; newCredentialId: string}>; failed: unknown[]};
		expect(summary.failed).toEqual([]);
		expect(summary.rotated).toEqual([{seat: 2, userName: `${PREFIX}002`, oldCredentialId: oldId, newCredentialId: idOf(2)}]);
		expect(idOf(2)).not.toBe(oldId);
		expect(keyOf(2)).not.toBe(oldKey);
		expect(await keyIds(2)).toEqual([idOf(2)]);
		// In order: made, handed out, proven, and only then the old key stopped.
		const steps = [
			/✓ seat 2: new key \w+ made/,
			/✓ seat 2: handout rewritten/,
			/✓ seat 2: new key \w+ works/,
			/✓ seat 2: old key \w+ set Inactive/,
			/✓ seat 2: old key \w+ deleted/,
		].map((step) => run.stderr.search(step));
		expect(steps.every((at, index) => at > -1 && (index === 0 || at > steps[index - 1]!))).toBe(true);
		await settle();
		await expect(converse(keyOf(2))).resolves.toMatchObject({stopReason: expect.any(String)});
		const refused = await rejection(converse(oldKey));
		expect(refused.$metadata?.httpStatusCode).toBe(403);
		expect([handout(1), await keyIds(1)]).toEqual(others[1]);
		expect([handout(3), await keyIds(3)]).toEqual(others[3]);
	});

	it('status shows the rotated seat verified with its new key', async () => {
		const run = await workshop(['status', '--name', EVENT, '--json']);
		const status = JSON.parse(run.stdout) as {
			seats: Array<{seat: number; state: string; credentialId: string; lastVerification?: {pass: boolean; credentialId: string}}>;
		};
		expect(status.seats[1]).toMatchObject({seat: 2, state: 'ready', credentialId: idOf(2), lastVerification: {pass: true, credentialId: idOf(2)}});
	});
});

describe('resumed after a stop', () => {
	it('after the handout was rewritten: the next run verifies the new key and retires the old one', async () => {
		const old = await keyIds(3);
		const made = await iamClient(sandbox).send(new CreateServiceSpecificCredentialCommand({UserName: `${PREFIX}003`, ServiceName: 'bedrock.amazonaws.com'}));
		const fresh = made.ServiceSpecificCredential!;
		writeFileSync(
			join(dir, `${PREFIX}003.md`),
			handout(3).split(keyOf(3)).join(fresh.ServiceCredentialSecret!).split(idOf(3)).join(fresh.ServiceSpecificCredentialId!),
			{mode: 0o600},
		);
		const run = await workshop(['rotate', '--seat', '3', '--yes']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).not.toMatch(/new key \w+ made/);
		expect(run.stderr).toMatch(/✓ seat 3: new key \w+ works/);
		expect(await keyIds(3)).toEqual([fresh.ServiceSpecificCredentialId!]);
		expect(old).not.toContain(fresh.ServiceSpecificCredentialId!);
	});

	it('before the handout was written: the stray new key (its secret lost) goes, and the rotation starts over', async () => {
		const before = idOf(1);
		const stray = (await iamClient(sandbox).send(new CreateServiceSpecificCredentialCommand({UserName: `${PREFIX}001`, ServiceName: 'bedrock.amazonaws.com'})))
			.ServiceSpecificCredential!.ServiceSpecificCredentialId!;
		const run = await workshop(['rotate', '--seat', '1', '--yes']);
		expect(run.code, run.stderr).toBe(0);
		const after = await keyIds(1);
		expect(after).toEqual([idOf(1)]);
		expect(after).not.toContain(stray);
		expect(after).not.toContain(before);
	});

	it('--seat without a number, and no seat at all, are bad input (exit 2)', async () => {
		expect((await workshop(['rotate', '--seat', 'two'])).code).toBe(2);
		const none = await workshop(['rotate']);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('Pass --seat <n> (repeatable), or --all.');
	});
});
