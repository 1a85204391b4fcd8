/**
 * Claude Code's files and lines never hold the key where they should not (issue 18): with each
 * --claude-key-from, and the user's settings in a temporary HOME, the key made is searched for (as is,
 * base64-encoded and in parts) in stdout, stderr, the report, the policy, and every settings file except the
 * one asked to hold it; the files that hold it are mode 0600. The commands the wizard prints read the key from
 * the .env: no key ever goes on a command line.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {findSecretLeaks} from '../helpers/secret-scan.js';

const modes = ['dotenv', 'env', 'settings', 'user-env', 'user-settings'] as const;
type Mode = (typeof modes)[number];
let sandbox: RunningSandbox;
const runs: Partial<Record<Mode, CliRun & {dir: string; home: string}>> = {};

const flagsOf = (mode: Mode): string[] =>
	mode === 'user-env'
		? ['--claude-settings', 'user', '--claude-key-from', 'env']
		: mode === 'user-settings'
			? ['--claude-settings', 'user', '--claude-key-from', 'settings']
			: ['--claude-key-from', mode];

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	for (const mode of modes) {
		const dir = mkdtempSync(join(tmpdir(), `bkw-claude-secrets-${mode}-`));
		const home = mkdtempSync(join(tmpdir(), `bkw-claude-secrets-home-${mode}-`));
		// The person's own user settings, there before the run.
		mkdirSync(join(home, '.claude'));
		writeFileSync(join(home, '.claude', 'settings.json'), '{"permissions": {"allow": ["Bash(ls)"]}}\n');
		const run = await runCliCaptured(
			[
				'create',
				'--endpoint-url',
				sandbox.endpoint,
				'--region',
				'us-west-2',
				'--out-dir',
				dir,
				'--user-name',
				`claude-secrets-${mode}`,
				'--models',
				'us.anthropic.claude-haiku-4-5-20251001-v1:0',
				'--client',
				'claude-code',
				'--subscribe',
				...flagsOf(mode),
				...(mode === 'dotenv' ? ['--json'] : []),
			],
			{env: {...adminEnv(sandbox), HOME: home}},
		);
		runs[mode] = {...run, dir, home};
	}
}, 120_000);
afterAll(async () => sandbox.close());

const keyOf = (dir: string): string => readFileSync(join(dir, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;

/** Every file of a folder, recursively. */
const filesIn = (dir: string): string[] =>
	readdirSync(dir, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? filesIn(join(dir, entry.name)) : [join(dir, entry.name)]));

describe("Claude Code's key stays where it was asked to be", () => {
	it('every run made a key that works', () => {
		for (const mode of modes) {
			expect(runs[mode]!.code, `${mode}: ${runs[mode]!.stderr}`).toBe(0);
			expect(keyOf(runs[mode]!.dir)).toMatch(/^ABSK/);
		}
	});

	for (const mode of modes) {
		it(`${mode}: the key only in the .env${mode.endsWith('settings') ? ' and the settings file asked for' : ''}, each 0600`, () => {
			const run = runs[mode]!;
			const key = keyOf(run.dir);
			const settings = mode.startsWith('user') ? join(run.home, '.claude', 'settings.json') : join(run.dir, '.claude', 'settings.local.json');
			const holders = [join(run.dir, '.env'), ...(mode.endsWith('settings') ? [settings] : [])];
			const texts: Record<string, string> = {stdout: run.stdout, stderr: run.stderr};
			for (const file of [...filesIn(run.dir), ...filesIn(run.home)]) if (!holders.includes(file)) texts[file] = readFileSync(file, 'utf8');
			expect(Object.keys(texts)).toContain(join(run.dir, 'bedrock-key-report.json'));
			expect(findSecretLeaks(key, texts)).toEqual([]);
			for (const holder of holders) {
				expect(readFileSync(holder, 'utf8')).toContain(key);
				expect(statSync(holder).mode & 0o777).toBe(0o600);
			}
		});
	}
});
