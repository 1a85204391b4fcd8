/**
 * The clients' files as create writes them (flows/create/client-files.ts): beside the key's files, never over
 * a file already there, 0600 where the key is inside, each line of the summary in the person's language.
 */
import {mkdtemp, readFile, rm, stat, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {nodeFiles} from '../../source/cli/files.js';
import {en} from '../../source/core/i18n/en.js';
import {ja} from '../../source/core/i18n/ja.js';
import {clientFilePlans, writeClientFiles, type ClientFilesInput} from '../../source/flows/create/client-files.js';
import {existingPaths, fileLines, newNamesOf} from '../../source/flows/create/review.js';
import {planFiles} from '../../source/flows/create/save.js';
import {englishSentences} from '../helpers/english.js';

let directory: string;
beforeEach(async () => {
	directory = await mkdtemp(join(tmpdir(), 'bkw-client-files-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

const input = (overrides: Partial<ClientFilesInput> = {}): ClientFilesInput => ({
	directory,
	clients: ['claude-code', 'openai', 'litellm'],
	mantleChosen: false,
	region: 'us-west-2',
	modelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-sonnet-5', 'openai.gpt-oss-120b-1:0'],
	apiKey: 'ABSKexample-not-a-real-key',
	...overrides,
});

describe('the clients files', () => {
	it('writes each file with its mode, the key only where it belongs', async () => {
		const result = await writeClientFiles(input(), nodeFiles(directory), en);
		expect(result.written.map((path) => path.slice(directory.length + 1)).sort()).toEqual(['.claude/settings.local.json', 'litellm-config.yaml', 'openai.env']);
		expect((await stat(join(directory, 'openai.env'))).mode & 0o777).toBe(0o600);
		expect((await stat(join(directory, '.claude/settings.local.json'))).mode & 0o777).toBe(0o644);
		expect(await readFile(join(directory, '.claude/settings.local.json'), 'utf8')).not.toContain('ABSK');
		expect(await readFile(join(directory, 'litellm-config.yaml'), 'utf8')).not.toContain('ABSK');
		expect(result.lines.some((line) => line.includes('openai.env') && line.includes('0600'))).toBe(true);
	});

	it('never overwrites a file already there: it is named, and left as it was', async () => {
		await writeFile(join(directory, 'openai.env'), 'MINE=1\n');
		const result = await writeClientFiles(input({clients: ['openai']}), nodeFiles(directory), en);
		expect(result.written).toEqual([]);
		expect(await readFile(join(directory, 'openai.env'), 'utf8')).toBe('MINE=1\n');
		expect(result.lines[0]).toContain('was not overwritten');
	});

	it("merges into Claude Code's project settings already there (the permissions it saves there kept), under the same name, a copy kept aside", async () => {
		await mkdir(join(directory, '.claude'));
		const settings = join(directory, '.claude/settings.local.json');
		const theirs = {permissions: {allow: ['Bash(npm test)']}, env: {MINE: '1', AWS_BEARER_TOKEN_BEDROCK: 'ABSKolderkey'}};
		await writeFile(settings, `${JSON.stringify(theirs)}\n`);
		const files = nodeFiles(directory);
		const plans = clientFilePlans(input({clients: ['claude-code']}));
		const plannedFiles = await planFiles(directory, files, plans);
		const planned = plannedFiles.clients!;
		// Not among the files asked about (it is merged, not replaced), and said so on the Review.
		expect(existingPaths(plannedFiles)).toEqual([]);
		expect(fileLines({files: plannedFiles}, en)).toContain(`  ${settings} ${en.create.files.merged}`);
		const result = await writeClientFiles(input({clients: ['claude-code'], planned}), files, en);
		expect(result.written).toEqual([settings]);
		const after = JSON.parse(await readFile(settings, 'utf8')) as {permissions: unknown; env: Record<string, string>};
		expect(after.permissions).toEqual(theirs.permissions);
		expect(after.env['MINE']).toBe('1');
		expect(after.env['ANTHROPIC_DEFAULT_HAIKU_MODEL']).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
		// The key stays in the .env (the default): an older key here would win over it, so it is taken out.
		expect(after.env['AWS_BEARER_TOKEN_BEDROCK']).toBeUndefined();
		expect((await stat(settings)).mode & 0o777).toBe(0o600);
		const kept = result.lines.find((line) => line.includes('.bak'));
		expect(kept).toBeDefined();
		expect(JSON.parse(await readFile(/in (\S+\.bak);/.exec(kept!)![1]!, 'utf8'))).toEqual(theirs);
	});

	it('says it in Japanese', async () => {
		await writeFile(join(directory, 'openai.env'), 'MINE=1\n');
		const result = await writeClientFiles(input({clients: ['claude-code', 'openai']}), nodeFiles(directory), ja);
		// The snippets are code, shown as they are; the lines about the files are the person's language.
		const summary = result.lines.filter((line) => !line.includes('\n')).join('\n');
		expect(summary).toContain('上書きしていません');
		expect(summary).toContain('書きました');
		expect(englishSentences(summary)).toEqual([]);
	});

	it('the Review plans them with full paths: one already there is among the files asked about, with a free name beside it', async () => {
		await writeFile(join(directory, 'openai.env'), 'MINE=1\n');
		const plans = clientFilePlans(input());
		const paths = plans.map((plan) => plan.path).sort();
		expect(paths).toEqual(['.claude/settings.local.json', 'litellm-config.yaml', 'openai.env']);
		const planned = await planFiles(directory, nodeFiles(directory), plans);
		const openai = join(directory, 'openai.env');
		expect(existingPaths(planned)).toEqual([openai]);
		expect(newNamesOf(planned)).toEqual([join(directory, 'openai.1.env')]);
		const lines = fileLines({files: planned}, en);
		for (const path of paths) expect(lines.some((line) => line.includes(join(directory, path)))).toBe(true);
		expect(lines).toContain(`! ${en.create.files.existing([openai])}`);
		expect(fileLines({files: planned}, en, 'new-name')).toContain(
			`  ${join(directory, 'openai.1.env')} ${en.create.files.besides(openai)} ${en.create.files.secret}`,
		);
	});

	it('asked about on the Review: new name writes beside it, overwrite keeps its contents aside first', async () => {
		const openai = join(directory, 'openai.env');
		await writeFile(openai, 'MINE=1\n');
		const files = nodeFiles(directory);
		const planned = (await planFiles(directory, files, clientFilePlans(input({clients: ['openai']})))).clients!;
		const beside = await writeClientFiles(input({clients: ['openai'], planned, existingFiles: 'new-name'}), files, en);
		expect(beside.written).toEqual([join(directory, 'openai.1.env')]);
		expect(await readFile(openai, 'utf8')).toBe('MINE=1\n');
		const over = await writeClientFiles(input({clients: ['openai'], planned, existingFiles: 'overwrite'}), files, en);
		expect(over.written).toEqual([openai]);
		expect(await readFile(openai, 'utf8')).toContain('OPENAI_BASE_URL');
		const kept = over.lines.find((line) => line.includes('.bak'));
		expect(kept).toBeDefined();
		// The copy kept aside holds what was there before.
		expect(await readFile(/(\S+\.bak)/.exec(kept!)![1]!, 'utf8')).toBe('MINE=1\n');
	});
});
