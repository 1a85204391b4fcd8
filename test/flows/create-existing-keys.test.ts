/**
 * A key nobody holds: create run again for a user that already holds keys (a run killed before it saved
 * leaves one) says so, refuses at IAM's limit of 2 unless told to replace them, and with --replace-keys
 * deletes the old ones only once the new key works. Headless, with the real SDK against the sandbox.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {
	CreateAccessKeyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	GetUserPolicyCommand,
	ListAccessKeysCommand,
	ListServiceSpecificCredentialsCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ExistingKeyRecord, VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, apiKeyIds as apiKeyIdsOf, bearerRuntimeClient, iamClient, startTestSandbox, withFault} from '../helpers/sandbox.js';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const BEDROCK = 'bedrock.amazonaws.com';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 100});
});
afterAll(async () => sandbox.close());

const schemaDir = join(import.meta.dirname, '../../schemas');
const ajv = new Ajv({allErrors: true, validateFormats: false});
for (const file of ['report.v1.json', 'error.v1.json']) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object, file);

function create(args: readonly string[]): Promise<CliRun & {dir: string}> {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-held-'));
	return runCliCaptured(['create', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--verify-timeout', '30', ...args], {
		env: adminEnv(sandbox),
	}).then((run) => ({...run, dir}));
}

const apiKeyIds = (userName: string): Promise<string[]> => apiKeyIdsOf(sandbox, userName);
const accessKeyIds = async (userName: string): Promise<string[]> =>
	((await iamClient(sandbox).send(new ListAccessKeysCommand({UserName: userName}))).AccessKeyMetadata ?? []).map((key) => key.AccessKeyId!);
const policyOf = async (userName: string): Promise<string> =>
	decodeURIComponent((await iamClient(sandbox).send(new GetUserPolicyCommand({UserName: userName, PolicyName: 'bedrock-key-wizard'}))).PolicyDocument!);
/** What a run killed with SIGKILL after CreateServiceSpecificCredential leaves: a key whose secret nobody holds. */
const orphanApiKey = async (userName: string): Promise<string> =>
	(await iamClient(sandbox).send(new CreateServiceSpecificCredentialCommand({UserName: userName, ServiceName: BEDROCK, CredentialAgeDays: 7})))
		.ServiceSpecificCredential!.ServiceSpecificCredentialId!;
const secretIn = (dir: string, name: string): string => new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;

function expectReport(run: CliRun): VerificationReport {
	const report = JSON.parse(run.stdout) as VerificationReport;
	expect(ajv.validate('report.v1.json', report), ajv.errorsText()).toBe(true);
	return report;
}

describe('an existing user that already holds an API key', () => {
	const user = 'held-one';
	let first: CliRun & {dir: string};
	let rerun: CliRun & {dir: string};
	beforeAll(async () => {
		first = await create(['--user-name', user, '--models', TITAN_V2, '--json']);
		expect(first.code, first.stderr).toBe(0);
		rerun = await create(['--user-name', user, '--models', TITAN_V2, '--expires-in-days', '10', '--json', '--yes']);
	});

	it('says so before changing anything: how many, their ids, creation times and expiry, and that they stay valid', () => {
		expect(rerun.code, rerun.stderr).toBe(0);
		const old = (JSON.parse(first.stdout) as VerificationReport).keys![0]!;
		expect(rerun.stderr).toContain(`! IAM user ${user} already holds 1 key:`);
		expect(rerun.stderr).toMatch(
			new RegExp(
				`- API key ${old.id}: created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, expires ${old.expiresAt!.slice(0, 10)} ${old.expiresAt!.slice(11, 16)} UTC`,
			),
		);
		expect(rerun.stderr).toContain('Pass --replace-keys to delete it once the new key works.');
		// Said before the apply began.
		expect(rerun.stderr.indexOf('already holds 1 key')).toBeLessThan(rerun.stderr.indexOf('✓ Put inline policy'));
	});

	it('the report records what was found and kept (never a secret), and the end of the run names it again', async () => {
		const report = expectReport(rerun);
		const old = (JSON.parse(first.stdout) as VerificationReport).keys![0]!;
		expect(report.existingKeys).toEqual([
			{type: 'api-key', id: old.id, status: 'Active', createdAt: expect.any(String), expiresAt: old.expiresAt, action: 'kept'},
		]);
		expect(JSON.parse(readFileSync(join(rerun.dir, 'bedrock-key-report.json'), 'utf8'))).toEqual(report);
		expect(rerun.stderr).toContain(`! IAM user ${user} still holds 1 key from before, each valid until deleted or expired:`);
		expect(await apiKeyIds(user)).toEqual([old.id, report.keys![0]!.id]);
		expect(JSON.stringify(report)).not.toContain(secretIn(first.dir, 'AWS_BEARER_TOKEN_BEDROCK').slice(4, 40));
	});
});

describe("at IAM's limit of 2 API keys", () => {
	const user = 'held-full';
	let kept: string;
	let orphan: string;
	let policyBefore: string;
	beforeAll(async () => {
		const first = await create(['--user-name', user, '--models', TITAN_V2, '--json']);
		expect(first.code, first.stderr).toBe(0);
		kept = (JSON.parse(first.stdout) as VerificationReport).keys![0]!.id!;
		orphan = await orphanApiKey(user);
		policyBefore = await policyOf(user);
	});

	it('without --replace-keys: exit 2 naming both keys and the flag, and nothing changes', async () => {
		const run = await create(['--user-name', user, '--models', `${TITAN_V2},${NOVA_LITE}`, '--yes', '--json']);
		expect(run.code).toBe(2);
		const output = JSON.parse(run.stdout) as {error: {kind: string; message: string; fix: string}; existingKeys: ExistingKeyRecord[]};
		expect(ajv.validate('error.v1.json', output), ajv.errorsText()).toBe(true);
		expect(output.error.kind).toBe('usage');
		expect(output.error.message).toContain(`IAM user ${user} already holds 2 API keys, IAM's limit per user, so a new one cannot be made`);
		expect(output.error.message).toContain(kept);
		expect(output.error.message).toContain(orphan);
		expect(output.error.message).toContain('Nothing was changed.');
		expect(output.error.fix).toContain('--replace-keys');
		expect(output.existingKeys.map((key) => key.id).sort()).toEqual([kept, orphan].sort());
		expect(run.stderr).toContain('--replace-keys');
		expect(run.stderr).not.toMatch(/^✓ /m);
		expect((await apiKeyIds(user)).sort()).toEqual([kept, orphan].sort());
		expect(await policyOf(user)).toBe(policyBefore);
	});

	it('in Japanese: the same refusal, naming both keys and the flag (exit 2)', async () => {
		const run = await create(['--user-name', user, '--models', TITAN_V2, '--lang', 'ja', '--yes']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`IAMユーザー ${user} は既にAPIキーを 2 個持っており、IAM のユーザーあたりの上限に達しているため新しく作れません`);
		expect(run.stderr).toContain(kept);
		expect(run.stderr).toContain(orphan);
		expect(run.stderr).toContain('--replace-keys');
		expect((await apiKeyIds(user)).sort()).toEqual([kept, orphan].sort());
	});

	it('without --yes either, the fix names both flags', async () => {
		const run = await create(['--user-name', user, '--models', TITAN_V2]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--replace-keys --yes');
	});

	it('with --replace-keys: the old keys are gone, the oldest made room first, and the new key works', async () => {
		const run = await create(['--user-name', user, '--models', `${TITAN_V2},${NOVA_LITE}`, '--replace-keys', '--yes', '--json']);
		expect(run.code, run.stderr).toBe(0);
		const report = expectReport(run);
		const fresh = report.keys![0]!.id!;
		expect(await apiKeyIds(user)).toEqual([fresh]);
		expect(report.existingKeys).toEqual([
			expect.objectContaining({type: 'api-key', id: kept, action: 'deleted', madeRoom: true}),
			expect.objectContaining({type: 'api-key', id: orphan, action: 'deleted'}),
		]);
		expect(report.existingKeys![1]!.madeRoom).toBeUndefined();
		// The order: room made just before the create; the rest only after the save.
		const order = [`✓ Delete old key ${kept} (to make room`, '✓ Create a long-term API key', `✓ Delete old key ${orphan} (the new key works and is saved)`].map(
			(text) => run.stderr.indexOf(text),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(run.stderr).not.toContain('still holds');
		// The saved report is the final one, not the one written before the deletions.
		expect(JSON.parse(readFileSync(join(run.dir, 'bedrock-key-report.json'), 'utf8'))).toEqual(report);
		// The new key answers on its own.
		const reply = await bearerRuntimeClient(sandbox, secretIn(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')).send(
			new ConverseCommand({modelId: NOVA_LITE, messages: [{role: 'user', content: [{text: 'hi'}]}]}),
		);
		expect(reply.output?.message?.role).toBe('assistant');
	});
});

describe("at IAM's limit of 2 access keys", () => {
	it('refuses without --replace-keys, and with it leaves only the new access key', async () => {
		const user = 'held-access';
		const first = await create(['--user-name', user, '--models', TITAN_V2, '--key', 'access-key']);
		expect(first.code, first.stderr).toBe(0);
		await iamClient(sandbox).send(new CreateAccessKeyCommand({UserName: user}));
		const before = await accessKeyIds(user);
		expect(before).toHaveLength(2);

		const refused = await create(['--user-name', user, '--models', TITAN_V2, '--key', 'access-key', '--yes']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain(`IAM user ${user} already holds 2 access keys, IAM's limit per user`);
		for (const id of before) expect(refused.stderr).toContain(`access key ${id}: created`);
		expect(await accessKeyIds(user)).toEqual(before);

		const replaced = await create(['--user-name', user, '--models', TITAN_V2, '--key', 'access-key', '--yes', '--replace-keys']);
		expect(replaced.code, replaced.stderr).toBe(0);
		expect(await accessKeyIds(user)).toEqual([secretIn(replaced.dir, 'AWS_ACCESS_KEY_ID')]);
	});
});

describe('what is deleted when, if something fails', () => {
	it('a failed create after room was made: rolled back, the deleted key named as gone for good, the other old key still there', async () => {
		const user = 'held-fail';
		const first = await create(['--user-name', user, '--models', TITAN_V2, '--json']);
		expect(first.code, first.stderr).toBe(0);
		const oldest = (JSON.parse(first.stdout) as VerificationReport).keys![0]!.id!;
		const orphan = await orphanApiKey(user);
		const policyBefore = await policyOf(user);
		const run = await withFault(sandbox, {operation: 'CreateServiceSpecificCredential', kind: '500', times: 10}, () =>
			create(['--user-name', user, '--models', `${TITAN_V2},${NOVA_LITE}`, '--replace-keys', '--yes']),
		);
		expect(run.code).toBe(3);
		expect(run.stderr).toMatch(/Rolled back \d+ change/);
		expect(run.stderr).toContain(`Deleted before the failure to make room, and cannot be restored: ${oldest}.`);
		expect(await apiKeyIds(user)).toEqual([orphan]);
		expect(await policyOf(user)).toBe(policyBefore);
	});

	it('making room, a delete whose reply was lost (and whose retry finds nothing) still counts as done', async () => {
		const user = 'held-lost-reply';
		const first = await create(['--user-name', user, '--models', TITAN_V2]);
		expect(first.code, first.stderr).toBe(0);
		await orphanApiKey(user);
		const run = await withFault(sandbox, {operation: 'DeleteServiceSpecificCredential', kind: 'lost-reply', times: 1}, () =>
			create(['--user-name', user, '--models', TITAN_V2, '--replace-keys', '--yes', '--json']),
		);
		expect(run.code, run.stderr).toBe(0);
		const report = expectReport(run);
		expect(report.existingKeys?.map((key) => key.action)).toEqual(['deleted', 'deleted']);
		expect(await apiKeyIds(user)).toEqual([report.keys![0]!.id]);
	});

	it('an old key that cannot be deleted after the save: the new key is kept and saved, the report says which, exit 3', async () => {
		const user = 'held-stuck';
		const first = await create(['--user-name', user, '--models', TITAN_V2, '--json']);
		expect(first.code, first.stderr).toBe(0);
		const old = (JSON.parse(first.stdout) as VerificationReport).keys![0]!.id!;
		const run = await withFault(sandbox, {operation: 'DeleteServiceSpecificCredential', kind: '500', times: 20}, () =>
			create(['--user-name', user, '--models', TITAN_V2, '--replace-keys', '--yes', '--json']),
		);
		expect(run.code, run.stderr).toBe(3);
		const report = expectReport(run);
		expect(report.pass).toBe(true);
		expect(report.existingKeys).toEqual([expect.objectContaining({id: old, action: 'delete-failed', error: expect.stringContaining('InternalFailure')})]);
		expect(run.stderr).toContain(`✗ Could not delete old API key ${old}`);
		expect(run.stderr).toContain(`aws iam delete-service-specific-credential --user-name ${user}`);
		expect(secretIn(run.dir, 'AWS_BEARER_TOKEN_BEDROCK')).toMatch(/^ABSK/);
		expect((await apiKeyIds(user)).sort()).toEqual([old, report.keys![0]!.id!].sort());
	});

	it('a new key that does not pass its checks: the old keys it was to replace are kept, and the report says why', async () => {
		// IAM takes 30 s to propagate here and the run waits none of it: the new key cannot answer yet.
		const slow = await startTestSandbox({propagationDelayMs: 30_000});
		try {
			const iam = iamClient(slow);
			const run = (args: readonly string[]): Promise<CliRun> =>
				runCliCaptured(['create', '--endpoint-url', slow.endpoint, '--region', 'us-west-2', '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-held-')), ...args], {
					env: adminEnv(slow),
				});
			await iam.send(new CreateUserCommand({UserName: 'held-unproven'}));
			const old = (await iam.send(new CreateServiceSpecificCredentialCommand({UserName: 'held-unproven', ServiceName: BEDROCK}))).ServiceSpecificCredential!
				.ServiceSpecificCredentialId!;
			const unproven = await run(['--user-name', 'held-unproven', '--models', TITAN_V2, '--replace-keys', '--yes', '--verify-timeout', '0', '--json']);
			expect(unproven.code, unproven.stderr).toBe(1);
			const report = JSON.parse(unproven.stdout) as VerificationReport;
			expect(report.pass).toBe(false);
			expect(report.existingKeys).toEqual([expect.objectContaining({id: old, action: 'kept'})]);
			expect(report.notices).toContain('The new key did not pass its checks, so the 1 key the user held before was kept.');
			const listed = await iam.send(new ListServiceSpecificCredentialsCommand({UserName: 'held-unproven', ServiceName: BEDROCK}));
			expect(listed.ServiceSpecificCredentials?.map((key) => key.ServiceSpecificCredentialId)).toEqual([old, report.keys![0]!.id]);
		} finally {
			await slow.close();
		}
	});
});

describe('IAM answers LimitExceeded although the run counted room: a key was made between its listing and its create', () => {
	/** Holds the run's CreateServiceSpecificCredential (a latency fault) and makes a key for the user with the SDK meanwhile. */
	async function raced(user: string, lang: 'en' | 'ja') {
		const first = await create(['--user-name', user, '--models', TITAN_V2, '--json']);
		expect(first.code, first.stderr).toBe(0);
		const kept = (JSON.parse(first.stdout) as VerificationReport).keys![0]!.id!;
		const policyBefore = await policyOf(user);
		let racer = '';
		const run = await withFault(sandbox, {operation: 'CreateServiceSpecificCredential', kind: 'latency', latencyMs: 2000, times: 1}, async () => {
			const running = create(['--user-name', user, '--models', `${TITAN_V2},${NOVA_LITE}`, '--yes', '--lang', lang]);
			// The run's create is held now (the rule fired): the second key is made before IAM answers it.
			for (let waited = 0; !sandbox.faults.history().some((rule) => rule.fired > 0); waited += 20) {
				if (waited > 20_000) throw new Error('the run never reached CreateServiceSpecificCredential');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			racer = await orphanApiKey(user);
			return running;
		});
		return {run, kept, racer, policyBefore};
	}

	it('names the limit, the keys the user holds now and how to make room; rolls back what the run made (exit 3)', async () => {
		const user = 'held-race';
		const {run, kept, racer, policyBefore} = await raced(user, 'en');
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toContain('Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2');
		expect(run.stderr).toContain(`IAM user ${user} already holds 2 API keys, IAM's limit per user`);
		expect(run.stderr).toContain(kept);
		expect(run.stderr).toContain(racer);
		expect(run.stderr).toContain('One was made after this run counted them');
		expect(run.stderr).toContain('--replace-keys');
		expect(run.stderr).toContain(`aws iam delete-service-specific-credential --user-name ${user} --service-specific-credential-id`);
		expect(run.stderr).toMatch(/Rolled back \d+ change/);
		// Nothing the run made is left: the same two keys, the policy as it was.
		expect((await apiKeyIds(user)).sort()).toEqual([kept, racer].sort());
		expect(await policyOf(user)).toBe(policyBefore);
	});

	it('in Japanese', async () => {
		const user = 'held-race-ja';
		const {run, kept, racer} = await raced(user, 'ja');
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toContain(`IAMユーザー ${user} は既にAPIキーを 2 個 (IAM のユーザーあたりの上限) 持っています`);
		expect(run.stderr).toContain(racer);
		expect(run.stderr).toContain('--replace-keys を付けて再実行する');
		expect((await apiKeyIds(user)).sort()).toEqual([kept, racer].sort());
	});
});
