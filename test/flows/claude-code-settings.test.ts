/**
 * Claude Code's settings as create writes them (issue 18; flows/create/client-files.ts): where Claude Code
 * reads the key (the .env loaded when it starts, the environment, or its settings), the user's own
 * ~/.claude/settings.json merged (in a temporary HOME, never the real one), and every private file kept out
 * of git through the .env's .gitignore question.
 */
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {nodeFiles} from '../../source/cli/files.js';
import {claudeKeyCommand, mergeClaudeSettings} from '../../source/core/clients/claude-code.js';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import {Problem} from '../../source/core/problem.js';
import {clientFilePlans, writeClientFiles, type ClientFilesInput} from '../../source/flows/create/client-files.js';
import {existingPaths, fileLines, filesGitWouldPickUp} from '../../source/flows/create/review.js';
import {planFiles} from '../../source/flows/create/save.js';
import {recordWrites} from '../../source/flows/create/written-files.js';
import {englishSentences} from '../helpers/english.js';

const KEY = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLW5vdC1yZWFs';
let directory: string;
let home: string;
beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'bkw-claude-project-'));
	home = await mkdtemp(join(tmpdir(), 'bkw-claude-home-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
	await rm(home, {recursive: true, force: true});
});

const input = (overrides: Partial<ClientFilesInput> = {}): ClientFilesInput => ({
	directory,
	clients: ['claude-code'],
	mantleChosen: false,
	region: 'us-west-2',
	modelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-sonnet-5'],
	keyEnv: {AWS_BEARER_TOKEN_BEDROCK: KEY},
	envFile: join(directory, '.env'),
	...overrides,
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const git = (...args: string[]): string => execFileSync('git', ['-C', directory, ...args], {encoding: 'utf8'});

describe('where Claude Code reads the key', () => {
	it('dotenv (the default): the settings hold no key, and the command starts Claude Code with the .env loaded', async () => {
		const result = await writeClientFiles(input(), nodeFiles(directory, home), en);
		const settings = join(directory, '.claude/settings.local.json');
		expect(result.written).toEqual([settings]);
		expect(await readFile(settings, 'utf8')).not.toContain(KEY);
		expect(await modeOf(settings)).toBe(0o644);
		const how = result.lines.find((line) => line.startsWith(en.clients.files.claudeDotenv(join(directory, '.env'))));
		expect(how).toBe(`${en.clients.files.claudeDotenv(join(directory, '.env'))}\n(set -a; . ${join(directory, '.env')}; set +a; exec claude)`);
		expect(result.lines.join('\n')).not.toContain(KEY);
	});

	it('env: the settings hold no key; the export line reads it from the .env, never shows it', async () => {
		const result = await writeClientFiles(input({claudeKeyFrom: 'env'}), nodeFiles(directory, home), en);
		expect(await readFile(join(directory, '.claude/settings.local.json'), 'utf8')).not.toContain(KEY);
		const how = result.lines.find((line) => line.startsWith(en.clients.files.claudeEnv(['AWS_BEARER_TOKEN_BEDROCK'])));
		expect(how?.split('\n')[1]).toBe(`export AWS_BEARER_TOKEN_BEDROCK="$(sed -n 's/^AWS_BEARER_TOKEN_BEDROCK=//p' ${join(directory, '.env')})"`);
		expect(result.lines.join('\n')).not.toContain(KEY);
	});

	it('the export line, run by a shell, sets the key from the .env (and a path with spaces is quoted)', async () => {
		const folder = join(directory, 'with space');
		await mkdir(folder);
		const env = join(folder, '.env');
		await writeFile(env, `# comment\nAWS_BEARER_TOKEN_BEDROCK=${KEY}\nAWS_REGION=us-west-2\n`);
		const exported = claudeKeyCommand('env', env, ['AWS_BEARER_TOKEN_BEDROCK'])!;
		expect(execFileSync('sh', ['-c', `${exported}; printf %s "$AWS_BEARER_TOKEN_BEDROCK"`], {encoding: 'utf8'})).toBe(KEY);
		// The dotenv command, with `claude` replaced by a printer: the key reaches the program it starts, not the shell.
		const started = claudeKeyCommand('dotenv', env, [])!.replace('exec claude', 'exec sh -c \'printf %s "$AWS_BEARER_TOKEN_BEDROCK"\'');
		expect(execFileSync('sh', ['-c', `${started}; printf '|%s' "$AWS_BEARER_TOKEN_BEDROCK"`], {encoding: 'utf8'})).toBe(`${KEY}|`);
	});

	it('settings: the key in the env block, the file 0600', async () => {
		const result = await writeClientFiles(input({claudeKeyFrom: 'settings'}), nodeFiles(directory, home), en);
		const settings = join(directory, '.claude/settings.local.json');
		expect(JSON.parse(await readFile(settings, 'utf8')).env.AWS_BEARER_TOKEN_BEDROCK).toBe(KEY);
		expect(await modeOf(settings)).toBe(0o600);
		expect(result.lines).toContain(en.clients.files.claudeSettings(settings));
		// The summary names the file, never the key in it.
		expect(result.lines.join('\n')).not.toContain(KEY);
	});

	it('settings with an access key (no API key made): its pair in the env block', async () => {
		await writeClientFiles(
			input({claudeKeyFrom: 'settings', keyEnv: {AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example'}}),
			nodeFiles(directory, home),
			en,
		);
		const env = JSON.parse(await readFile(join(directory, '.claude/settings.local.json'), 'utf8')).env;
		expect(env).toMatchObject({AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example'});
	});
});

describe("the user's ~/.claude/settings.json (a temporary HOME)", () => {
	const userFile = (): string => join(home, '.claude', 'settings.json');
	const theirs = {
		permissions: {allow: ['Bash(npm test)']},
		hooks: {PreToolUse: [{matcher: 'Bash', hooks: [{type: 'command', command: 'echo hi'}]}]},
		env: {EDITOR_THEME: 'dark', ANTHROPIC_MODEL: 'an-old-model', AWS_BEARER_TOKEN_BEDROCK: 'ABSK-an-older-key'},
		model: 'opus',
	};

	it('merged: every other setting and variable kept, the pins set, an older key taken out, a copy kept aside, 0600', async () => {
		await mkdir(join(home, '.claude'));
		await writeFile(userFile(), `${JSON.stringify(theirs, null, 4)}\n`, {mode: 0o644});
		const files = nodeFiles(directory, home);
		const plans = clientFilePlans(input({claudeSettings: 'user'}));
		const planned = await planFiles(directory, files, plans);
		// Merged, so never among the files asked about (no new name, no overwrite).
		expect(existingPaths(planned)).toEqual([]);
		expect(fileLines({files: planned}, en)).toContain(`  ${userFile()} ${en.create.files.merged}`);
		const result = await writeClientFiles(input({claudeSettings: 'user', planned: planned.clients!}), files, en);
		expect(result.written).toEqual([userFile()]);
		const merged = JSON.parse(await readFile(userFile(), 'utf8'));
		expect(merged.permissions).toEqual(theirs.permissions);
		expect(merged.hooks).toEqual(theirs.hooks);
		expect(merged.model).toBe('opus');
		expect(merged.env.EDITOR_THEME).toBe('dark');
		expect(merged.env.ANTHROPIC_MODEL).toBe('us.anthropic.claude-sonnet-5');
		expect(merged.env.CLAUDE_CODE_USE_BEDROCK).toBe('1');
		// The older key would have won over the environment's: taken out, and said.
		expect(merged.env.AWS_BEARER_TOKEN_BEDROCK).toBeUndefined();
		expect(await modeOf(userFile())).toBe(0o600);
		const copies = (await readdir(join(home, '.claude'))).filter((name) => name.endsWith('.bak'));
		expect(copies).toHaveLength(1);
		expect(JSON.parse(await readFile(join(home, '.claude', copies[0]!), 'utf8'))).toEqual(theirs);
		expect(result.lines).toContain(en.clients.files.merged(userFile(), join(home, '.claude', copies[0]!), ['AWS_BEARER_TOKEN_BEDROCK']));
		// Nothing in the project folder.
		expect(await readdir(directory)).toEqual([]);
	});

	it('made when there is none (its folder too), with the key when asked', async () => {
		const result = await writeClientFiles(input({claudeSettings: 'user', claudeKeyFrom: 'settings'}), nodeFiles(directory, home), en);
		expect(result.written).toEqual([userFile()]);
		expect(JSON.parse(await readFile(userFile(), 'utf8')).env.AWS_BEARER_TOKEN_BEDROCK).toBe(KEY);
		expect(await modeOf(userFile())).toBe(0o600);
		expect(result.lines).toContain(en.clients.files.claudeSettingsUser(userFile()));
	});

	for (const [name, text, fault] of [
		['not JSON', '{"env": {"A": "1",}}', 'not-json'],
		['not an object', '["env"]', 'not-an-object'],
		['an env that is not an object', '{"env": "CLAUDE_CODE_USE_BEDROCK=1"}', 'env-not-an-object'],
	] as const) {
		it(`a file that is ${name} stops the Review, naming the file and the fix; nothing is written`, async () => {
			await mkdir(join(home, '.claude'));
			await writeFile(userFile(), text);
			const files = nodeFiles(directory, home);
			const refused = await planFiles(directory, files, clientFilePlans(input({claudeSettings: 'user'}))).catch((error: unknown) => error);
			expect(refused).toBeInstanceOf(Problem);
			expect((refused as Problem).kind).toBe('usage');
			expect([(refused as Problem).message, (refused as Problem).fix]).toEqual(en.clients.files.settingsInvalid(userFile(), fault));
			// At the save too (a file broken after the Review): refused whole, the file as it was.
			await expect(writeClientFiles(input({claudeSettings: 'user'}), files, en)).rejects.toBeInstanceOf(Problem);
			expect(await readFile(userFile(), 'utf8')).toBe(text);
			expect(await readdir(join(home, '.claude'))).toEqual(['settings.json']);
		});
	}

	it('merging never quotes the file (it may hold a key) in its refusal', () => {
		expect(mergeClaudeSettings(`{"env": {"AWS_BEARER_TOKEN_BEDROCK": "${KEY}"`, {})).toEqual({ok: false, fault: 'not-json'});
		expect(en.clients.files.settingsInvalid('/x', 'not-json').join(' ')).not.toContain(KEY);
	});
});

describe('git and the private files', () => {
	it("settings.local.json that git would pick up: named with the .env in the .gitignore question; yes adds it through the .env's way", async () => {
		git('init', '-q');
		const files = nodeFiles(directory, home);
		const planned = await planFiles(directory, files, clientFilePlans(input({claudeKeyFrom: 'settings'})));
		const settings = join(directory, '.claude/settings.local.json');
		expect(filesGitWouldPickUp(planned, undefined)).toEqual([join(directory, '.env'), settings]);
		expect(fileLines({files: planned}, en)).toContain(`! ${en.create.files.gitUnignored(settings)}`);
		const result = await writeClientFiles(input({claudeKeyFrom: 'settings', planned: planned.clients!, gitignore: true}), files, en);
		expect(result.lines).toContain(en.create.gitignoreAdded('/.claude/settings.local.json', join(directory, '.gitignore')));
		expect(await readFile(join(directory, '.gitignore'), 'utf8')).toBe('/.claude/settings.local.json\n');
		expect(git('check-ignore', settings).trim()).toBe(settings);
	});

	it('without the yes: named after the save, .gitignore left as it is', async () => {
		git('init', '-q');
		const result = await writeClientFiles(input({claudeKeyFrom: 'settings'}), nodeFiles(directory, home), en);
		expect(result.lines).toContain(en.clients.files.gitUnignored(join(directory, '.claude/settings.local.json')));
		await expect(stat(join(directory, '.gitignore'))).rejects.toThrow();
	});

	it("without the key, settings.local.json is still private by Claude Code's convention: offered, and said so", async () => {
		git('init', '-q');
		const files = nodeFiles(directory, home);
		const planned = await planFiles(directory, files, clientFilePlans(input()));
		const settings = join(directory, '.claude/settings.local.json');
		expect(filesGitWouldPickUp(planned, undefined)).toContain(settings);
		expect(fileLines({files: planned}, en)).toContain(`! ${en.create.files.localUnignored(settings)}`);
		const result = await writeClientFiles(input({planned: planned.clients!}), files, en);
		expect(result.lines).toContain(en.create.files.localUnignored(settings));
	});

	it('a .gitignore that already covers it: not offered, and said so', async () => {
		git('init', '-q');
		await writeFile(join(directory, '.gitignore'), '.env\n.claude/settings.local.json\n');
		const files = nodeFiles(directory, home);
		const planned = await planFiles(directory, files, clientFilePlans(input({claudeKeyFrom: 'settings'})));
		const settings = join(directory, '.claude/settings.local.json');
		expect(filesGitWouldPickUp(planned, undefined)).toEqual([]);
		expect(fileLines({files: planned}, en)).toContain(`  ${settings} ${en.create.files.created} ${en.create.files.secret} ${en.create.files.gitIgnored}`);
		const result = await writeClientFiles(input({claudeKeyFrom: 'settings', planned: planned.clients!, gitignore: true}), files, en);
		expect(result.lines).toContain(en.clients.files.gitIgnored(settings));
		expect(await readFile(join(directory, '.gitignore'), 'utf8')).toBe('.env\n.claude/settings.local.json\n');
	});
});

describe('in Japanese', () => {
	it('every line about the files and how Claude Code gets the key is Japanese (the commands are code)', async () => {
		git('init', '-q');
		await mkdir(join(home, '.claude'));
		await writeFile(join(home, '.claude', 'settings.json'), '{"env": {"AWS_BEARER_TOKEN_BEDROCK": "old"}}\n');
		const files = nodeFiles(directory, home);
		const lines = [
			...(await writeClientFiles(input({claudeKeyFrom: 'env', claudeSettings: 'user'}), files, ja)).lines,
			...(await writeClientFiles(input({claudeKeyFrom: 'dotenv'}), files, ja)).lines,
			...(await writeClientFiles(input({claudeKeyFrom: 'settings', directory: join(directory, 'other')}), files, ja)).lines,
		];
		const planned = await planFiles(directory, files, clientFilePlans(input({claudeSettings: 'user'})));
		const prose = [...lines.map((line) => line.split('\n')[0]!), ...fileLines({files: planned}, ja)].join('\n');
		expect(prose).toContain('統合');
		expect(englishSentences(prose)).toEqual([]);
		expect(englishSentences(ja.clients.files.settingsInvalid('/x', 'env-not-an-object').join('\n'))).toEqual([]);
	});
});

describe('a run rolled back after the merge', () => {
	it("puts the user's file back as it was, and its copy goes (flows/create/written-files.ts)", async () => {
		await mkdir(join(home, '.claude'));
		const before = '{"model": "opus", "env": {"MINE": "1"}}\n';
		await writeFile(join(home, '.claude', 'settings.json'), before, {mode: 0o644});
		const recorder = recordWrites(nodeFiles(directory, home), () => new Date());
		await writeClientFiles(input({claudeSettings: 'user', claudeKeyFrom: 'settings'}), recorder.files, en);
		expect(await readFile(join(home, '.claude', 'settings.json'), 'utf8')).toContain(KEY);
		const undone = await recorder.undo();
		expect(undone.failed).toEqual([]);
		expect(await readFile(join(home, '.claude', 'settings.json'), 'utf8')).toBe(before);
		expect(await modeOf(join(home, '.claude', 'settings.json'))).toBe(0o644);
		expect(await readdir(join(home, '.claude'))).toEqual(['settings.json']);
	});

	it('a user file the run made is deleted, with the folder it made for it', async () => {
		const recorder = recordWrites(nodeFiles(directory, home), () => new Date());
		await writeClientFiles(input({claudeSettings: 'user'}), recorder.files, en);
		await recorder.undo();
		expect(await readdir(home)).toEqual([]);
	});
});
