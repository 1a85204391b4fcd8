/**
 * The built CLI in a real pseudo-terminal (tmux, 80x24) against the in-process sandbox: keys typed one
 * by one through the article's scenario with today's models, the models filter typed and pasted into
 * (q, j, k and space are text there), then the terminal checked after exit
 * (cursor shown again, raw mode off) for a normal exit, Ctrl+C, SIGTERM on several screens, SIGINT and
 * SIGHUP, a second SIGTERM while apply is undone (quit at once), and an AWS failure mid-apply (the error
 * screen, then quit).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {describeInTmux, expectTerminalRestored, sleep, Terminal, walkToKeyOptions, type Session} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

const terminal = new Terminal('bkw-test');
afterEach(() => terminal.closeSessions());

function start(name: string, args: string): Session {
	// The 'failure' session makes every CreateServiceSpecificCredential fail (the sandbox's fault variable).
	const faults: Record<string, string> = name === 'failure' ? {BKW_SANDBOX_FAULTS: 'CreateServiceSpecificCredential:500:1000'} : {};
	return terminal.start(name, {command: `node ${CLI} ${args}`, env: {...faults, BKW_SANDBOX_PROPAGATION_MS: '300', LANG: 'en_US.UTF-8'}});
}

/** The node process whose command line holds `words` (the shell around it has the same words on its command line). */
function nodePid(words: string): number {
	const pids = execFileSync('pgrep', ['-f', words], {encoding: 'utf8'}).trim().split('\n');
	const node = pids.find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node');
	expect(node, `a node process running with "${words}"`).toBeDefined();
	return Number(node);
}

describeInTmux('the built CLI in a real terminal (tmux)', () => {
	beforeAll(() => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
	}, 60_000);

	it('types through the scenario: Haiku 4.5 through its us. profile and Titan Text Embeddings v2 in us-west-2, proven live', async () => {
		const t = start('scenario', '--sandbox --out-dir keys');
		await t.waitFor('Press enter to choose the Region.');
		t.keys('Enter');
		await t.waitFor('Which Region will the key call Bedrock in?');
		await t.text('us-west-2');
		await t.waitFor('❯ us-west-2');
		t.keys('Enter');
		await t.waitFor('What will use this key?');
		t.keys('Enter');
		await t.waitFor('★ Starter');
		await t.text('haiku');
		await t.waitFor('Claude Haiku 4.5');
		// The list's first match is the newest Haiku: move onto 4.5 by name.
		await t.text('-4-5');
		await t.waitFor('Filter: haiku-4-5');
		t.keys('Tab');
		await t.waitFor('tab or / to filter');
		t.keys('Space');
		await t.waitFor('1 model selected');
		t.keys('Escape');
		await t.text('titan-embed-text-v2');
		await t.waitFor('Filter: titan-embed-text-v2');
		t.keys('Tab');
		await t.waitFor('tab or / to filter');
		t.keys('Space');
		// The whole selection, each id whole: the second does not fit beside the first at 80 columns.
		const selection = await t.waitFor(`2 models selected: ${TITAN_V2},`);
		expect(selection).toContain(`\n${HAIKU_PROFILE}`);
		t.keys('Enter');
		await t.waitFor('What kind of key');
		await t.waitFor('✓ new user');
		t.keys('Enter');
		await t.waitFor('Review: what will be made for');
		t.keys('Enter');
		await t.waitFor('Subscribe the account with your credentials');
		t.keys('Enter');
		const done = await t.waitFor('Done: the key works exactly as chosen', 40_000);
		expect(done).toMatch(new RegExp(`${TITAN_V2.replace(/[.:]/g, '\\$&')}\\n✓ InvokeModel +api-key allow +allowed +\\d+`));
		expect(done).toMatch(
			new RegExp(`${HAIKU_PROFILE.replace(/[.:]/g, '\\$&')}\\n✓ Converse +api-key allow +allowed +\\d+\\n✓ ConverseStream +api-key allow +allowed +\\d+`),
		);
		expect(done.match(/✓ (Converse|InvokeModel) +api-key deny +denied as expected +\d+/g)?.length).toBeGreaterThanOrEqual(1);
		expect(done).toContain('5 of 5 checks passed');
		t.keys('q');
		const after = await t.waitFor('FINISHED');
		expect(after).toContain('EXIT=0');
		expect(existsSync(join(t.dir, 'keys', '.env'))).toBe(true);
		expectTerminalRestored(t, after);
	}, 120_000);

	it('the models filter takes "qwen", "kimi" and "nova lite", typed or pasted, and a pasted pair of Backspaces deletes two characters', async () => {
		const t = start('filter', '--sandbox --region us-west-2 --out-dir keys');
		await t.waitFor('Press enter to choose the Region.');
		t.keys('Enter');
		await t.waitFor('What will use this key?');
		t.keys('Enter');
		await t.waitFor('★ Starter');
		// Pasted: one chunk. q is text here, not quit.
		t.paste('qwen');
		const qwen = await t.waitFor('Filter: qwen▏');
		expect(qwen).toContain('qwen.qwen3-32b-v1:0');
		expect(qwen).not.toContain('Nova');
		t.keys('Escape');
		await t.waitFor('Filter: ▏(type to filter)');
		// Typed: j and k are text, not the cursor.
		await t.text('kimi');
		const kimi = await t.waitFor('Filter: kimi▏');
		expect(kimi).toContain('moonshotai.kimi-k2.5');
		expect(kimi).not.toContain('qwen');
		t.keys('Escape');
		await t.waitFor('Filter: ▏(type to filter)');
		// Space is text: both words filter.
		await t.text('nova lite');
		const novaLite = await t.waitFor('Filter: nova lite▏');
		expect(novaLite).toContain('Nova 2 Lite');
		expect(novaLite).not.toContain('Nova Micro');
		t.paste('\u007F\u007F');
		await t.waitFor('Filter: nova li▏');
		t.keys('C-c');
		expect(await t.waitFor('FINISHED')).toContain('EXIT=130');
	});

	it('Ctrl+C before anything was made exits 130 and restores the terminal', async () => {
		const t = start('interrupt', '--sandbox');
		await t.waitFor('Press enter to choose the Region.');
		t.keys('Enter');
		await t.waitFor('Which Region will the key call Bedrock in?');
		t.keys('C-c');
		const after = await t.waitFor('FINISHED');
		expect(after).toContain('Cancelled.');
		expect(after).toContain('EXIT=130');
		expectTerminalRestored(t, after);
	}, 60_000);

	// Each screen, then SIGTERM (a closed terminal, `kill`): the wizard quits as Ctrl+C does, terminal restored.
	const screens: ReadonlyArray<{name: string; reach: (t: Session) => Promise<void>}> = [
		{name: 'welcome', reach: async (t) => void (await t.waitFor('Press enter to choose the Region.'))},
		{
			name: 'region',
			reach: async (t) => {
				await t.waitFor('Press enter to choose the Region.');
				t.keys('Enter');
				await t.waitFor('Which Region will the key call Bedrock in?');
			},
		},
		{name: 'key options', reach: walkToKeyOptions},
	];
	for (const screen of screens) {
		it(`SIGTERM on the ${screen.name} screen restores the terminal`, async () => {
			const marker = `sigterm-${screen.name.replace(/\s/g, '-')}`;
			const t = start(marker, `--sandbox --out-dir ${marker}`);
			await screen.reach(t);
			process.kill(nodePid(`out-dir ${marker}`), 'SIGTERM');
			const after = await t.waitFor('FINISHED');
			expect(after).toMatch(/EXIT=(130|143)/);
			expectTerminalRestored(t, after);
		}, 60_000);
	}

	// SIGINT from outside (raw mode turns the terminal's own Ctrl+C into a key) and SIGHUP (the terminal closed) are SIGTERM's equals.
	for (const signal of ['SIGINT', 'SIGHUP'] as const) {
		it(`${signal} on the region screen exits 130 and restores the terminal`, async () => {
			const marker = `${signal.toLowerCase()}-region`;
			const t = start(marker, `--sandbox --out-dir ${marker}`);
			await screens[1]!.reach(t);
			process.kill(nodePid(`out-dir ${marker}`), signal);
			const after = await t.waitFor('FINISHED');
			expect(after).toContain('EXIT=130');
			expectTerminalRestored(t, after);
		}, 60_000);
	}

	it('a second SIGTERM while apply is being undone quits at once: terminal restored, a warning, exit 130', async () => {
		// The key's creation is held, so the first SIGTERM has something to wait for.
		const t = terminal.start('forced', {
			command: `node ${CLI} --sandbox --out-dir forced`,
			env: {BKW_SANDBOX_FAULTS: 'CreateServiceSpecificCredential:latency:1:4000', BKW_SANDBOX_PROPAGATION_MS: '300', LANG: 'en_US.UTF-8'},
		});
		await walkToKeyOptions(t);
		t.keys('Enter');
		await t.waitFor('Review: what will be made for');
		t.keys('Enter');
		await t.waitFor('Subscribe the account with your credentials');
		t.keys('Enter');
		await t.waitFor('Put inline policy', 40_000);
		const node = nodePid('out-dir forced');
		process.kill(node, 'SIGTERM');
		await sleep(300);
		process.kill(node, 'SIGTERM');
		const after = await t.waitFor('FINISHED');
		expect(after).toContain('EXIT=130');
		expect(after).toContain('! Quit at once (a second SIGTERM while stopping)');
		// Raw mode off and the cursor shown again before the warning was written.
		const stty = after.slice(after.indexOf('EXIT='));
		expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
		expect(stty).toMatch(/(^|\s)echo(\s|$)/);
		const output = readFileSync(t.raw, 'latin1');
		const cliOutput = output.slice(0, output.indexOf('EXIT='));
		const shown = cliOutput.indexOf('\u001B[?25h', cliOutput.lastIndexOf('\u001B[?25l'));
		expect(shown, 'the cursor was shown again after the last time it was hidden').toBeGreaterThan(0);
		expect(cliOutput.lastIndexOf('Quit at once'), 'the warning comes below the restored screen').toBeGreaterThan(shown);
	}, 90_000);

	it('an AWS failure mid-apply shows the error screen, and quitting from it restores the terminal', async () => {
		const t = start('failure', '--sandbox --out-dir failure');
		await walkToKeyOptions(t);
		t.keys('Enter');
		await t.waitFor('Review: what will be made for');
		t.keys('Enter');
		await t.waitFor('Subscribe the account with your credentials');
		t.keys('Enter');
		const error = await t.waitFor(/InternalFailure|internal error/i, 40_000);
		expect(error).toMatch(/retry/i);
		t.keys('q');
		const after = await t.waitFor('FINISHED');
		expect(after).toMatch(/EXIT=(3|130)/);
		expectTerminalRestored(t, after);
	}, 90_000);
});
