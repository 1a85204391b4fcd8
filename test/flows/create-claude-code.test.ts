/**
 * Headless create for Claude Code (issue 18): --claude-key-from and --claude-settings through the CLI against a
 * sandbox, the user's settings in a temporary HOME (never the real one). A user file that cannot be merged stops
 * the run at the Review, before anything is made in AWS or written; --gitignore keeps every private file out of git.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetUserCommand, IAMClient} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {en} from '../../source/core/i18n/en.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, rejection, startTestSandbox} from '../helpers/sandbox.js';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const sonnet = 'us.anthropic.claude-sonnet-5';
let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

async function create(userName: string, args: readonly string[], options: {readonly dir?: string} = {}) {
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bkw-claude-cli-'));
	const home = mkdtempSync(join(tmpdir(), 'bkw-claude-cli-home-'));
	return {dir, home, run: (extra: readonly string[] = []) => runWith(dir, home, userName, [...args, ...extra])};
}

async function runWith(dir: string, home: string, userName: string, args: readonly string[]) {
	const run = await runCliCaptured(
		[
			'create',
			'--endpoint-url',
			sandbox.regionalEndpoint,
			'--region',
			'us-west-2',
			'--out-dir',
			dir,
			'--user-name',
			userName,
			'--models',
			`${haiku},${sonnet}`,
			'--client',
			'claude-code',
			'--subscribe',
			'--verify-timeout',
			'30',
			'--json',
			...args,
		],
		{env: {...adminEnv(sandbox), HOME: home}},
	);
	return {...run, report: run.code === 0 ? (JSON.parse(run.stdout) as VerificationReport) : undefined};
}

const envValue = (text: string, name: string): string | undefined => text.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];

describe('--claude-settings user', () => {
	it("merges into ~/.claude/settings.json: the person's other settings kept, the pins set, a copy kept aside", async () => {
		const target = await create('claude-user-merge', ['--claude-settings', 'user', '--claude-key-from', 'env']);
		const userFile = join(target.home, '.claude', 'settings.json');
		mkdirSync(join(target.home, '.claude'));
		const theirs = {permissions: {deny: ['Read(./secrets/**)']}, env: {MY_VARIABLE: 'kept'}};
		writeFileSync(userFile, JSON.stringify(theirs));
		const run = await target.run();
		expect(run.code, run.stderr).toBe(0);
		expect(run.report?.pass).toBe(true);
		const merged = JSON.parse(readFileSync(userFile, 'utf8'));
		expect(merged.permissions).toEqual(theirs.permissions);
		expect(merged.env.MY_VARIABLE).toBe('kept');
		expect(merged.env.ANTHROPIC_MODEL).toBe(sonnet);
		expect(merged.env.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe(haiku);
		expect(merged.env.AWS_BEARER_TOKEN_BEDROCK).toBeUndefined();
		expect(statSync(userFile).mode & 0o777).toBe(0o600);
		expect(readdirSync(join(target.home, '.claude')).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
		// Nothing for Claude Code in the project folder; the export line reads the key from the .env there.
		expect(readdirSync(target.dir).sort()).toEqual(['.env', 'bedrock-key-report.json', 'policy.json']);
		expect(run.stderr).toContain(`export AWS_BEARER_TOKEN_BEDROCK="$(sed -n 's/^AWS_BEARER_TOKEN_BEDROCK=//p' ${join(target.dir, '.env')})"`);
		const key = envValue(readFileSync(join(target.dir, '.env'), 'utf8'), 'AWS_BEARER_TOKEN_BEDROCK')!;
		expect(key).toMatch(/^ABSK/);
		expect(run.stderr + run.stdout).not.toContain(key);
	}, 60_000);

	it('a settings file that is not JSON stops the run before anything is made or written, naming the file and the fix', async () => {
		const target = await create('claude-user-broken', ['--claude-settings', 'user']);
		const userFile = join(target.home, '.claude', 'settings.json');
		mkdirSync(join(target.home, '.claude'));
		writeFileSync(userFile, '{"env": {"A": "1",}}');
		const run = await target.run();
		expect(run.code).toBe(2);
		const [message, fix] = en.clients.files.settingsInvalid(userFile, 'not-json');
		expect(JSON.parse(run.stdout).error).toMatchObject({message, fix});
		expect(readFileSync(userFile, 'utf8')).toBe('{"env": {"A": "1",}}');
		expect(readdirSync(join(target.home, '.claude'))).toEqual(['settings.json']);
		expect(readdirSync(target.dir)).toEqual([]);
		// Nothing made in AWS either: the Review stopped it.
		const iam = new IAMClient({
			region: 'us-east-1',
			endpoint: sandbox.endpoint,
			credentials: {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey},
		});
		expect((await rejection(iam.send(new GetUserCommand({UserName: 'claude-user-broken'})))).name).toBe('NoSuchEntityException');
	}, 60_000);
});

describe('--claude-key-from', () => {
	it('settings: the key in .claude/settings.local.json, mode 0600; dotenv (the default): not, and the command to start Claude Code', async () => {
		const keyed = await create('claude-key-settings', ['--claude-key-from', 'settings']);
		const inSettings = await keyed.run();
		expect(inSettings.code, inSettings.stderr).toBe(0);
		const settingsFile = join(keyed.dir, '.claude', 'settings.local.json');
		const key = envValue(readFileSync(join(keyed.dir, '.env'), 'utf8'), 'AWS_BEARER_TOKEN_BEDROCK')!;
		expect(JSON.parse(readFileSync(settingsFile, 'utf8')).env.AWS_BEARER_TOKEN_BEDROCK).toBe(key);
		expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
		expect(inSettings.stderr).toContain(en.clients.files.claudeSettings(settingsFile));
		expect(inSettings.stderr + inSettings.stdout).not.toContain(key);
		const byDefault = await create('claude-key-default', []);
		const run = await byDefault.run();
		expect(run.code, run.stderr).toBe(0);
		const settings = readFileSync(join(byDefault.dir, '.claude', 'settings.local.json'), 'utf8');
		expect(settings).not.toContain('AWS_BEARER_TOKEN_BEDROCK');
		expect(run.stderr).toContain(`(set -a; . ${join(byDefault.dir, '.env')}; set +a; exec claude)`);
	}, 60_000);

	it('a value it does not know is a usage error naming the flag and the choices', async () => {
		const run = await (await create('claude-key-bad', ['--claude-key-from', 'keychain'])).run();
		expect(run.code).toBe(2);
		const [message, fix] = en.questions.claudeKeyFrom.invalidFlag('keychain', ['dotenv', 'env', 'settings']);
		expect(JSON.parse(run.stdout).error).toMatchObject({message, fix});
		const settings = await (await create('claude-settings-bad', ['--claude-settings', 'global'])).run();
		expect(settings.code).toBe(2);
		expect(JSON.parse(settings.stdout).error.message).toBe(en.questions.claudeSettings.invalidFlag('global', ['project', 'user'])[0]);
	});
});

describe("Claude Code's flags without Claude Code", () => {
	it('headless: a usage error naming them, before anything is made', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-claude-cli-'));
		const run = await runCliCaptured(
			[
				'create',
				'--endpoint-url',
				sandbox.regionalEndpoint,
				'--region',
				'us-west-2',
				'--out-dir',
				dir,
				'--models',
				haiku,
				'--claude-settings',
				'user',
				'--json',
			],
			{env: {...adminEnv(sandbox), HOME: mkdtempSync(join(tmpdir(), 'bkw-claude-cli-home-'))}},
		);
		expect(run.code).toBe(2);
		const [message, fix] = en.clients.files.claudeFlagsAlone(['--claude-settings']);
		expect(JSON.parse(run.stdout).error).toMatchObject({message, fix});
		expect(readdirSync(dir)).toEqual([]);
	});
});

describe('--gitignore with Claude Code', () => {
	it('adds the .env and .claude/settings.local.json (the key inside) to the repository .gitignore', async () => {
		const repo = mkdtempSync(join(tmpdir(), 'bkw-claude-git-'));
		execFileSync('git', ['-C', repo, 'init', '-q']);
		const target = await create('claude-gitignore', ['--claude-key-from', 'settings', '--gitignore'], {dir: repo});
		const run = await target.run();
		expect(run.code, run.stderr).toBe(0);
		expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('/.env\n/.claude/settings.local.json\n');
		expect(statSync(join(repo, '.claude', 'settings.local.json')).mode & 0o777).toBe(0o600);
		expect(execFileSync('git', ['-C', repo, 'status', '--porcelain'], {encoding: 'utf8'}).split('\n').sort()).toEqual(
			['', '?? .gitignore', '?? bedrock-key-report.json', '?? policy.json'].sort(),
		);
	}, 60_000);
});
