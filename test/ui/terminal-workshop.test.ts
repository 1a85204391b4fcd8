/**
 * The workshop dashboard (`workshop status --verify` in a terminal) in a real pseudo-terminal (tmux, 80x24):
 * the built CLI against a sandbox this test runs, a class of 30 seats, two of them used from their handouts.
 * Every frame fits the screen (never wider than 80 columns), the seats needing attention come first, times
 * are the person's (TZ=Asia/Tokyo: JST, named once), each seat's calls come from CloudTrail with the source
 * named, every seat is in view (rows, the seat map, the count of the rest), and the last frame stays on screen.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import stringWidth from 'string-width';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {readHandoutKey} from '../../source/core/workshop/handout.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from '../helpers/cli.js';
import {adminEnv, bearerRuntimeClient, startTestSandbox} from '../helpers/sandbox.js';
import {describeInTmux, expectTerminalRestored, Terminal} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const NOVA = 'amazon.nova-lite-v1:0';

const terminal = new Terminal('bkw-dashboard');
afterEach(() => terminal.closeSessions());
let sandbox: RunningSandbox;
let dir: string;
afterAll(async () => sandbox?.close());

/** The dashboard's last frame: from its heading to the shell's EXIT= line (the lines after it scroll the screen). */
const lastFrame = (history: string): string => {
	const end = history.lastIndexOf('\nEXIT=');
	return history.slice(history.lastIndexOf('Workshop "tokyo" in us-west-2', end), end);
};

describeInTmux('the workshop dashboard at 80x24 (tmux)', () => {
	beforeAll(async () => {
		execFileSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
		expect(existsSync(CLI)).toBe(true);
		sandbox = await startTestSandbox();
		dir = mkdtempSync(join(tmpdir(), 'bkw-dashboard-'));
		const created = await runCliCaptured(
			[
				'workshop',
				'create',
				'--name',
				'tokyo',
				'--seats',
				'30',
				'--models',
				NOVA,
				'--expires-in-days',
				'1',
				'--out-dir',
				dir,
				'--endpoint-url',
				sandbox.endpoint,
				'--region',
				'us-west-2',
				'--max-rps',
				'200',
				'--json',
			],
			{env: adminEnv(sandbox), cwd: dir},
		);
		expect(created.code, created.stderr).toBe(0);
		for (const [seat, calls] of [
			['007', 3],
			['012', 1],
		] as const) {
			const client = bearerRuntimeClient(sandbox, readHandoutKey(readFileSync(join(dir, `bkw-tokyo-${seat}.md`), 'utf8'))!, {region: 'us-west-2'});
			for (let call = 0; call < calls; call++)
				await client.send(new ConverseCommand({modelId: NOVA, messages: [{role: 'user', content: [{text: 'hello'}]}], inferenceConfig: {maxTokens: 5}}));
		}
	}, 120_000);

	it('shows every seat live while it is checked, within 80 columns, times in the local zone, calls from CloudTrail', async () => {
		const t = terminal.start('dashboard', {
			command: `node ${CLI} workshop status --name tokyo --verify --out-dir ${dir} --endpoint-url ${sandbox.endpoint} --region us-west-2 --verify-timeout 30`,
			env: {...adminEnv(sandbox), TZ: 'Asia/Tokyo', LANG: 'en_US.UTF-8'},
			dir,
		});
		const {exitCode, history} = await t.finished(90_000);
		expect(exitCode, history).toBe(0);
		const screen = lastFrame(history);
		const lines = screen.split('\n');
		expect(lines.length, screen).toBeLessThanOrEqual(24);
		expect(Math.max(...lines.map((line) => stringWidth(line))), screen).toBeLessThanOrEqual(80);
		expect(screen).toContain('Workshop "tokyo" in us-west-2');
		expect(screen).toMatch(/times in JST · expires: \d{4}-\d\d-\d\d \d\d:\d\d JST/);
		// 30 seats do not fit 24 rows: the map keeps every seat in view, ten to a row.
		expect(screen).toMatch(/✓1\s+✓2\s+✓3/);
		expect(screen).toMatch(/✓21\s+.*✓30/);
		expect(screen).toMatch(/^seat\s+IAM user\s+.*result\s+calls/m);
		expect(screen).toMatch(/^1\s+bkw-tokyo-001\s.*✓ works\s+none seen/m);
		expect(screen).toMatch(/… and \d+ more \(see workshop status --json\)/);
		expect(screen).toContain('30 of 30 seats ready. 30 of 30 seats verified working.');
		expect(screen).toMatch(/activity: CloudTrail since \d{4}-\d\d-\d\d \d\d:\d\d JST, usually ~5 min late/);
		// Every frame drawn, not only the last, kept within the screen's width.
		// (A cursor movement or an erase ends a piece of a line as a line end does.)
		// (From the dashboard's first frame: the notice before it is a line on stderr the terminal wraps.)
		const recorded = readFileSync(t.raw, 'utf8');
		const raw = recorded
			.slice(recorded.indexOf('Workshop "tokyo" in us-west-2'), recorded.indexOf('EXIT='))
			.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '\n');
		const widest = Math.max(...raw.split(/\r?\n/).map((line) => stringWidth(line)));
		expect(widest).toBeLessThanOrEqual(80);
		expectTerminalRestored(t, history);
	}, 120_000);

	it('--watch keeps the dashboard up, shows a new call on the next reading, and Ctrl+C ends it (exit 0)', async () => {
		const t = terminal.start('dashboard-watch', {
			command: `node ${CLI} workshop status --name tokyo --watch 1 --out-dir ${dir} --endpoint-url ${sandbox.endpoint} --region us-west-2`,
			env: {...adminEnv(sandbox), TZ: 'Asia/Tokyo', LANG: 'en_US.UTF-8'},
			dir,
			columns: 100,
			rows: 50,
		});
		await t.waitFor(/updated \d{4}-\d\d-\d\d \d\d:\d\d JST; again every 1 s; q or Ctrl\+C ends/);
		expect(t.screen()).toMatch(/^3\s+bkw-tokyo-003\s.*none seen/m);
		const client = bearerRuntimeClient(sandbox, readHandoutKey(readFileSync(join(dir, 'bkw-tokyo-003.md'), 'utf8'))!, {region: 'us-west-2'});
		await client.send(new ConverseCommand({modelId: NOVA, messages: [{role: 'user', content: [{text: 'hello'}]}], inferenceConfig: {maxTokens: 5}}));
		await t.waitFor(/^3\s+bkw-tokyo-003\s.*✓ works\s+1\s+\d\d:\d\d/m, 20_000);
		t.keys('C-c');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expectTerminalRestored(t, history);
	}, 90_000);

	it('a wide terminal shows the key age, and the used seats with their calls', async () => {
		const t = terminal.start('dashboard-wide', {
			command: `node ${CLI} workshop status --name tokyo --out-dir ${dir} --endpoint-url ${sandbox.endpoint} --region us-west-2`,
			env: {...adminEnv(sandbox), TZ: 'Asia/Tokyo', LANG: 'en_US.UTF-8'},
			dir,
			columns: 140,
			rows: 50,
		});
		const {exitCode, history} = await t.finished(60_000);
		expect(exitCode, history).toBe(0);
		const screen = lastFrame(history);
		expect(screen).toMatch(/^seat\s+IAM user\s+key age\s+checked\s+result\s+calls\s+last call$/m);
		expect(screen).toMatch(/^7\s+bkw-tokyo-007\s+\d+m\s+.*✓ works\s+3\s+\d\d:\d\d$/m);
		expect(screen).toMatch(/^12\s+bkw-tokyo-012\s+\d+m\s+.*✓ works\s+1\s+\d\d:\d\d$/m);
		expect(screen).not.toContain('more (see workshop status --json)');
	}, 90_000);
});
