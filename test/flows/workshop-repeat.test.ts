/**
 * Workshops safe to repeat (issue 17, "Safe to repeat"): every command finds the event by its workshop.json
 * (--out-dir, the current folder, the default folder), reuses what it saved (Region, models, end, endpoint),
 * asks before changing existing seats, names the known events for an unknown one, and cleanup leaves seats
 * alone unless told. The CLI in-process with the real SDK clients against the sandbox; key ids read back with
 * boto3 where it is installed.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetUserPolicyCommand, ListServiceSpecificCredentialsCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {boto3, clientEnv} from '../helpers/clients.js';
import {itWithTool} from '../helpers/required-tool.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {runInTerminal, type TerminalRun} from '../prompts/fake-terminal.js';

const EVENT = 'repeat-class';
const PREFIX = 'bkw-repeat-class-';
const NOVA = 'amazon.nova-lite-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const UNTIL = new Date(Date.now() + 5 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

let sandbox: RunningSandbox;
/** Where the instructor ran create (no --out-dir: the handouts went to ./bkw-repeat-class). */
let home: string;
let folder: string;
/** Another folder: no workshop.json, no handouts. */
let elsewhere: string;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	home = mkdtempSync(join(tmpdir(), 'bkw-repeat-home-'));
	folder = join(home, 'bkw-repeat-class');
	elsewhere = mkdtempSync(join(tmpdir(), 'bkw-repeat-elsewhere-'));
});
afterAll(async () => sandbox.close());

/** The CLI with the sandbox's admin in the environment; the endpoint and Region only when a test passes them. */
const cli = (args: readonly string[], cwd: string): Promise<CliRun> => runCliCaptured(args, {env: adminEnv(sandbox), cwd});
const target = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'];

async function keyIds(): Promise<Map<string, string[]>> {
	const listed = await iamClient(sandbox).send(new ListServiceSpecificCredentialsCommand({AllUsers: true, ServiceName: 'bedrock.amazonaws.com'}));
	const ids = new Map<string, string[]>();
	for (const key of listed.ServiceSpecificCredentials ?? [])
		if (key.UserName!.startsWith(PREFIX)) ids.set(key.UserName!, [...(ids.get(key.UserName!) ?? []), key.ServiceSpecificCredentialId!].sort());
	return ids;
}
const policyOf = async (seat: string): Promise<string> =>
	decodeURIComponent(
		(await iamClient(sandbox).send(new GetUserPolicyCommand({UserName: `${PREFIX}${seat}`, PolicyName: 'bedrock-key-wizard'}))).PolicyDocument!,
	);

describe('a workshop made without --out-dir', () => {
	let made: CliRun;
	beforeAll(async () => {
		made = await cli(['workshop', 'create', '--name', EVENT, '--seats', '3', '--models', NOVA, '--until', UNTIL, ...target(), '--json'], home);
	});

	it('writes its files to ./bkw-<event>, with the endpoint it was made against', () => {
		expect(made.code, made.stderr).toBe(0);
		expect(readdirSync(folder).sort()).toEqual([`${PREFIX}001.md`, `${PREFIX}002.md`, `${PREFIX}003.md`, 'roster.csv', 'workshop.json']);
		expect(JSON.parse(readFileSync(join(folder, 'workshop.json'), 'utf8'))).toMatchObject({event: EVENT, endpointUrl: sandbox.endpoint, region: 'us-west-2'});
	});

	it('status from the folder above finds it in the default folder, and calls the saved endpoint and Region', async () => {
		// No --endpoint-url, no --region: without the saved endpoint this would go to AWS itself.
		const run = await cli(['workshop', 'status', '--name', EVENT, '--json'], home);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({event: EVENT, region: 'us-west-2', ready: 3});
		expect(run.stderr).toContain(`Workshop "${EVENT}" from ${join(folder, 'workshop.json')}`);
		expect(run.stderr).toContain(`Calling the endpoint saved in workshop.json: ${sandbox.endpoint}`);
	});

	it('status inside the folder needs no --name either', async () => {
		const run = await cli(['workshop', 'status', '--json'], folder);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({event: EVENT, ready: 3});
	});

	it('status from another folder names what is missing and how to pass it (exit 2), in English and Japanese', async () => {
		const run = await cli(['workshop', 'status', '--name', EVENT, ...target()], elsewhere);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(
			`No workshop.json of "${EVENT}" was found (looked at ${join(elsewhere, 'workshop.json')}, ${join(elsewhere, 'bkw-repeat-class', 'workshop.json')})`,
		);
		expect(run.stderr).toContain('IAM holds 3 seats of it');
		expect(run.stderr).toContain('Pass --out-dir <the folder workshop create wrote>');
		expect(run.stderr).not.toMatch(/key not in a handout/);
		const ja = await cli(['workshop', 'status', '--name', EVENT, ...target(), '--lang', 'ja'], elsewhere);
		expect(ja.code).toBe(2);
		expect(ja.stderr).toContain(`「${EVENT}」の workshop.json が見つからないため`);
		expect(ja.stderr).toContain('--out-dir <workshop create が書き込んだフォルダー> を渡すか');
	});

	it('status with --out-dir from another folder finds it', async () => {
		const run = await cli(['workshop', 'status', '--name', EVENT, '--out-dir', folder, '--json'], elsewhere);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({ready: 3});
	});

	it('create from another folder rotates nothing without a confirmation: it shows the plan and exits 2', async () => {
		const before = await keyIds();
		const run = await cli(['workshop', 'create', '--name', EVENT, '--seats', '3', '--models', NOVA, '--until', UNTIL, ...target()], elsewhere);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`Workshop "${EVENT}" already has seats, and this run would change them:`);
		expect(run.stderr).toMatch(/3 seats get a new key, and the old key is deleted at once .*: seat 1, 2, 3\./);
		expect(run.stderr).toContain('pass --out-dir <that folder> instead');
		expect(run.stderr).toContain('Nothing was changed: the plan above needs a confirmation.');
		expect(run.stderr).toContain('Run again with --yes');
		expect(await keyIds()).toEqual(before);
		expect(readdirSync(elsewhere)).toEqual([]);
	});

	itWithTool(boto3, 'the key ids boto3 reads are still the ones in the handouts', async () => {
		const script = [
			'import boto3, json, os',
			"iam = boto3.client('iam', endpoint_url=os.environ['BKW_ENDPOINT'])",
			"keys = iam.list_service_specific_credentials(AllUsers=True, ServiceName='bedrock.amazonaws.com')['ServiceSpecificCredentials']",
			`print(json.dumps(sorted(k['ServiceSpecificCredentialId'] for k in keys if k['UserName'].startswith('${PREFIX}'))))`,
		].join('\n');
		// Asynchronous: the sandbox answers from this very process.
		const run = await promisify(execFile)('python3', ['-c', script], {env: clientEnv(sandbox), encoding: 'utf8'});
		const handoutIds = [1, 2, 3].map((seat) => /"credentialId":"(\w+)"/.exec(readFileSync(join(folder, `${PREFIX}00${seat}.md`), 'utf8'))![1]!);
		expect(JSON.parse(run.stdout)).toEqual(handoutIds.sort());
	});

	it('a re-run inside the folder with no flags at all changes nothing (saved seats, models, end, Region, endpoint)', async () => {
		const before = await keyIds();
		const run = await cli(['workshop', 'create', '--json'], folder);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({event: EVENT, seats: 3, models: [NOVA], expiresAt: UNTIL, counts: {unchanged: 3}});
		expect(await keyIds()).toEqual(before);
	});

	it('other --models are a plan to confirm: refused headless without --yes, nothing changed', async () => {
		const policy = await policyOf('001');
		const run = await cli(['workshop', 'create', '--models', `${NOVA},${TITAN}`], folder);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`models: + ${TITAN}`);
		expect(run.stderr).toContain('The policy of 3 seats is replaced, at once');
		expect(await policyOf('001')).toBe(policy);
		expect(JSON.parse(readFileSync(join(folder, 'workshop.json'), 'utf8')).models).toEqual([NOVA]);
	});

	it('a new end is a plan too, in Japanese with the local time', async () => {
		const later = new Date(Date.parse(UNTIL) + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const run = await cli(['workshop', 'create', '--until', later, '--lang', 'ja'], folder);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/終了時刻: \d{4}-\d\d-\d\d \d\d:\d\d UTC -> \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
		expect(run.stderr).toContain('何も変更していません。上の計画には確認が必要です。');
	});

	it('with --yes the plan is applied: new policy on every seat, same keys', async () => {
		const before = await keyIds();
		const run = await cli(['workshop', 'create', '--models', `${NOVA},${TITAN}`, '--yes', '--json'], folder);
		expect(run.code, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout);
		expect(summary).toMatchObject({counts: {completed: 3}, changes: {existingSeats: 3, policy: {modelsAdded: [TITAN]}, rotations: []}});
		expect(await policyOf('002')).toContain(TITAN);
		expect(await keyIds()).toEqual(before);
	});

	it('a lost handout is a rotation to confirm; with --yes only that seat gets a new key', async () => {
		const before = await keyIds();
		mkdirSync(join(home, 'aside'), {recursive: true});
		renameSync(join(folder, `${PREFIX}002.md`), join(home, 'aside', `${PREFIX}002.md`));
		const refused = await cli(['workshop', 'create'], folder);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/1 seat get a new key.*: seat 2\./);
		expect(await keyIds()).toEqual(before);
		const run = await cli(['workshop', 'create', '--yes', '--json'], folder);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).counts).toMatchObject({rotated: 1, unchanged: 2});
		const after = await keyIds();
		expect(after.get(`${PREFIX}001`)).toEqual(before.get(`${PREFIX}001`));
		expect(after.get(`${PREFIX}003`)).toEqual(before.get(`${PREFIX}003`));
		expect(after.get(`${PREFIX}002`)).not.toEqual(before.get(`${PREFIX}002`));
	});
});

describe('in a terminal, the plan is a question', () => {
	const narrow = (): TerminalRun => runInTerminal(['workshop', 'create', '--models', NOVA, '--out-dir', folder, '--plain'], adminEnv(sandbox));

	it('no: nothing changes, exit 130', async () => {
		const terminal = narrow();
		await terminal.answer(/Apply this plan\?/, 'n\r');
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(130);
		expect(run.stderr).toContain(`models: - ${TITAN}`);
		expect(run.stderr).toContain('Nothing was changed.');
		expect(await policyOf('001')).toContain(TITAN);
	});

	it('yes: the plan is applied', async () => {
		const terminal = narrow();
		await terminal.answer(/Apply this plan\?/, 'y\r');
		const run = await terminal.done;
		expect(run.code, run.stderr).toBe(0);
		expect(await policyOf('001')).not.toContain(TITAN);
		expect(JSON.parse(readFileSync(join(folder, 'workshop.json'), 'utf8')).models).toEqual([NOVA]);
	});
});

describe('an unknown event name', () => {
	it('status lists the known events, found by tag (exit 2)', async () => {
		const run = await cli(['workshop', 'status', '--name', 'nosuch', ...target()], elsewhere);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('No seats of "nosuch" were found in IAM');
		expect(run.stderr).toContain(`Workshops in this account: "${EVENT}" (3 seats)`);
	});

	it('teardown says so instead of "nothing is left" (exit 2), in Japanese too', async () => {
		const run = await cli(['workshop', 'teardown', '--name', 'nosuch', ...target(), '--yes'], elsewhere);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`Workshops in this account: "${EVENT}" (3 seats)`);
		expect(run.stdout + run.stderr).not.toMatch(/Nothing of workshop/);
		const ja = await cli(['workshop', 'teardown', '--name', 'nosuch', ...target(), '--lang', 'ja'], elsewhere);
		expect(ja.code).toBe(2);
		expect(ja.stderr).toContain(`このアカウントのワークショップ: 「${EVENT}」(3 席)`);
	});

	it('an --out-dir holding another event is named as such', async () => {
		const run = await cli(
			['workshop', 'create', '--name', 'other-class', '--seats', '1', '--models', NOVA, '--until', UNTIL, '--out-dir', folder, ...target()],
			home,
		);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`${join(folder, 'workshop.json')} is the workshop.json of "${EVENT}", not of "other-class".`);
	});
});

describe('cleanup and the seats of a workshop', () => {
	it('--user-name of a seat is refused without --include-workshops, naming the workshop (exit 2)', async () => {
		const run = await cli(['cleanup', '--user-name', `${PREFIX}001`, ...target(), '--yes'], elsewhere);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`${PREFIX}001 is seat 1 of workshop "${EVENT}"`);
		expect(run.stderr).toContain(`workshop teardown --name "${EVENT}"`);
		expect((await keyIds()).has(`${PREFIX}001`)).toBe(true);
		const ja = await cli(['cleanup', '--user-name', `${PREFIX}001`, ...target(), '--lang', 'ja'], elsewhere);
		expect(ja.stderr).toContain(`${PREFIX}001 はワークショップ「${EVENT}」の座席 1 です。`);
	});

	it('a cleanup of everything leaves the seats out and says so', async () => {
		const run = await cli(['cleanup', ...target(), '--json'], elsewhere);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).users.map((user: {userName: string}) => user.userName)).not.toContain(`${PREFIX}001`);
		expect(run.stderr).toContain(`Left out: 3 seats of workshop "${EVENT}". Pass --include-workshops`);
	});

	it('with --include-workshops the seat is listed as a seat of its workshop, and deleted', async () => {
		const listed = await cli(['cleanup', '--user-name', `${PREFIX}003`, '--include-workshops', ...target()], elsewhere);
		expect(listed.code, listed.stderr).toBe(0);
		expect(listed.stdout).toContain(`(seat 3 of workshop "${EVENT}")`);
		const run = await cli(['cleanup', '--user-name', `${PREFIX}003`, '--include-workshops', ...target(), '--yes', '--json'], elsewhere);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({deleted: [`${PREFIX}003`], users: [{workshop: {event: EVENT, seat: 3}}]});
	});

	it('teardown from the folder uses the saved endpoint and leaves nothing; a second run says nothing is left', async () => {
		const run = await cli(['workshop', 'teardown', '--yes'], folder);
		expect(run.code, run.stderr).toBe(0);
		expect((await keyIds()).size).toBe(0);
		const again = await cli(['workshop', 'teardown'], folder);
		expect(again.code, again.stderr).toBe(0);
		expect(again.stdout).toContain(`Nothing of workshop "${EVENT}" is left in IAM.`);
	});
});
