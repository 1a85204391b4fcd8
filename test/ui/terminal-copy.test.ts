/**
 * Copying from a real terminal (tmux, 80x24) running the built CLI against the in-process sandbox (issue 16,
 * item 4): the policy on the Review, the curl command and the revealed key on the Done screen are on screen
 * whole. Two captures of the pane, each as a person copies: `capture-pane -J` joins the rows the terminal
 * wrapped itself, as a mouse selection or tmux's copy mode does (a row the program ended with a line feed
 * stays a line of its own, which is why the TUI must not break copyable lines itself); and the plain
 * capture's rows, joined where a row is full, give the text exactly (nothing inserted: no indent, no
 * space). Then `c` with tmux's set-clipboard on: OSC 52 reaches tmux's paste buffer, which must hold the
 * text exactly; and the frame left after exit holds the result, without the footer.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, beforeAll, expect, it} from 'vitest';
import {usageSnippets} from '../../source/core/usage-snippets.js';
import {describeInTmux, Terminal, walkToKeyOptions, type Session} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const COLUMNS = 80;

const terminal = new Terminal('bkw-copy');
afterEach(() => terminal.closeSessions());

/** The pane as a mouse copy sees it: rows the terminal wrapped are joined. */
const mouseCopy = (t: Session): string[] => terminal.tmux(['capture-pane', '-p', '-J', '-t', t.name]).split('\n');
/** The pane's rows as they are, joined where a row is full (the terminal wrapped it): the text, if nothing was inserted. */
function joinedRows(t: Session): string[] {
	const lines: string[] = [];
	let current = '';
	for (const row of terminal.tmux(['capture-pane', '-p', '-t', t.name]).split('\n')) {
		current += row;
		if (stringWidth(row) < COLUMNS) {
			lines.push(current);
			current = '';
		}
	}
	if (current) lines.push(current);
	return lines;
}
/** `text` (one line or several) is on screen line for line, in both captures. */
function expectWhole(t: Session, text: string, what: string): void {
	const wanted = text.split('\n');
	for (const [name, lines] of [
		['capture-pane -J', mouseCopy(t)],
		['rows joined', joinedRows(t)],
	] as const) {
		const start = lines.indexOf(wanted[0]!);
		expect(start, `${what}: its first line whole (${name}):\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
		expect(lines.slice(start, start + wanted.length).join('\n'), `${what} (${name})`).toBe(text);
	}
}
const pasteBuffer = (): string => terminal.tmux(['show-buffer']);

describeInTmux('copying from the TUI in a real terminal (tmux, 80 columns)', () => {
	beforeAll(() => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
	}, 60_000);

	it('the policy, the curl command and the revealed key copy exactly, from the screen and with c (OSC 52)', async () => {
		const t = terminal.start('copy', {
			command: `node ${CLI} --sandbox --region us-west-2 --out-dir keys`,
			env: {BKW_SANDBOX_PROPAGATION_MS: '300', LANG: 'en_US.UTF-8'},
			columns: COLUMNS,
		});
		// OSC 52 from a program reaches tmux's paste buffers only with set-clipboard on (the default, external, drops it).
		terminal.tmux(['set-option', '-s', 'set-clipboard', 'on']);
		await walkToKeyOptions(t, {regionGiven: true});
		t.keys('Enter');
		await t.waitFor('Review: what will be made for');

		// The Review, page by page: both captures of each page, checked once the policy's text is known.
		const pages: Array<{mouse: string[]; rows: string[]}> = [];
		for (let page = 0; page < 14; page++) {
			pages.push({mouse: mouseCopy(t), rows: joinedRows(t)});
			t.keys('PageDown');
			await new Promise((done) => setTimeout(done, 120));
		}
		t.keys('c');
		await t.waitFor('Sent the policy to the clipboard (OSC 52).');
		const copiedPolicy = pasteBuffer();
		t.keys('Enter');
		await t.waitFor('Subscribe the account with your credentials');
		t.keys('Enter');
		await t.waitFor('Done: the key works exactly as chosen', 40_000);

		const keys = join(t.dir, 'keys');
		const policy = readFileSync(join(keys, 'policy.json'), 'utf8').trimEnd();
		const secret = readFileSync(join(keys, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
		const report = JSON.parse(readFileSync(join(keys, 'bedrock-key-report.json'), 'utf8')) as {target: {endpoint: string}};
		const curl = usageSnippets({
			envFile: join(keys, '.env'),
			region: 'us-west-2',
			modelId: HAIKU_PROFILE,
			hasApiKey: true,
			claudeModelId: HAIKU_PROFILE,
			endpoint: report.target.endpoint,
		}).find((snippet) => snippet.title === 'curl')!.text;

		// The policy: an ARN longer than the terminal, and every line whole in both captures of some page.
		const long = policy.split('\n').filter((line) => line.length > COLUMNS);
		expect(long.length, 'policy lines longer than 80 columns').toBeGreaterThan(0);
		for (const line of policy.split('\n')) {
			expect(
				pages.some((page) => page.mouse.includes(line)),
				`"${line}" whole in capture-pane -J`,
			).toBe(true);
			expect(
				pages.some((page) => page.rows.includes(line)),
				`"${line}" whole once the full rows are joined`,
			).toBe(true);
		}
		expect(copiedPolicy.trimEnd()).toBe(policy);

		// The curl command: scroll until c names it, then it is whole on screen, and c puts exactly it in the buffer.
		for (let i = 0; i < 60 && !terminal.tmux(['capture-pane', '-p', '-t', t.name]).includes('c copy curl snippet'); i++) {
			t.keys('j');
			await new Promise((done) => setTimeout(done, 60));
		}
		await t.waitFor('c copy curl snippet');
		expect(curl.split('\n')[0]!.length).toBeGreaterThan(COLUMNS);
		expectWhole(t, curl, 'the curl command');
		t.keys('c');
		await t.waitFor('Sent the curl snippet to the clipboard (OSC 52).');
		expect(pasteBuffer()).toBe(curl);

		// The key, revealed: whole on rows of its own, and c puts exactly it in the buffer.
		t.keys('r');
		for (let i = 0; i < 60 && !terminal.tmux(['capture-pane', '-p', '-t', t.name]).includes('c copy API key'); i++) {
			t.keys('k');
			await new Promise((done) => setTimeout(done, 60));
		}
		await t.waitFor('c copy API key');
		expect(secret.length).toBeGreaterThan(COLUMNS);
		expectWhole(t, secret, 'the revealed key');
		t.keys('c');
		await t.waitFor('Sent the API key to the clipboard (OSC 52).');
		expect(pasteBuffer()).toBe(secret);

		// Leaving: the last frame is the result (masked, every snippet), no footer, no scroll line.
		t.keys('q');
		const after = await t.finished();
		expect(after.exitCode).toBe(0);
		const finalFrame = after.history.slice(after.history.lastIndexOf('Done: the key works exactly as chosen'), after.history.indexOf('EXIT='));
		expect(finalFrame).not.toContain('enter/q exit');
		expect(finalFrame).not.toContain('pgup/pgdn scroll');
		expect(finalFrame).not.toContain(secret.slice(8, 40));
		expect(finalFrame).toMatch(/API key: ABSK…\(\d+ chars\)/);
		expect(finalFrame).toContain(curl);
	}, 150_000);
});
