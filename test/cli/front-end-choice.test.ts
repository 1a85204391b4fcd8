/**
 * Terminals the full-screen interface cannot use: TERM=dumb, and one that reports 0 rows or 0 columns
 * (a pseudo-terminal nobody sized). Both get the line-by-line front end with a notice saying why, in
 * the person's language. The choice itself, then the real CLI in a pseudo-terminal (util-linux `script`).
 */
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chooseFrontEnd} from '../../source/cli/front-end-choice.js';
import type {GlobalOptions} from '../../source/cli/global-options.js';
import type {CliIo} from '../../source/cli/io.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

const global = (overrides: Partial<GlobalOptions> = {}): GlobalOptions => ({
	sandbox: false,
	lang: 'en',
	json: false,
	input: true,
	plain: false,
	yes: false,
	debug: false,
	explain: false,
	...overrides,
});

function terminal(size: {columns?: number; rows?: number}, env: Record<string, string> = {TERM: 'xterm-256color'}, rawMode = true): CliIo {
	return {
		stdout: Object.assign(new PassThrough(), {isTTY: true, ...size}),
		stderr: Object.assign(new PassThrough(), {isTTY: true}),
		stdin: Object.assign(new PassThrough(), {isTTY: true, ...(rawMode ? {setRawMode: () => {}} : {})}),
		env,
		cwd: process.cwd(),
	};
}

describe('chooseFrontEnd', () => {
	it('a sized terminal with raw mode: the full screen', () => {
		expect(chooseFrontEnd(global(), terminal({columns: 80, rows: 24}))).toEqual({kind: 'tui'});
	});

	it('TERM=dumb: line by line, and why', () => {
		const choice = chooseFrontEnd(global(), terminal({columns: 80, rows: 24}, {TERM: 'dumb'}));
		expect(choice.kind).toBe('plain');
		expect(choice.notice).toContain('TERM=dumb');
		expect(choice.notice).toContain('--plain');
	});

	for (const size of [{columns: 80, rows: 0}, {columns: 0, rows: 24}, {columns: 0, rows: 0}, {}]) {
		it(`a terminal that reports ${size.columns ?? 'no'} columns and ${size.rows ?? 'no'} rows: line by line, size unknown`, () => {
			const choice = chooseFrontEnd(global(), terminal(size));
			expect(choice.kind).toBe('plain');
			expect(choice.notice).toContain(`reports its size as ${size.columns ?? 0}x${size.rows ?? 0} (unknown)`);
		});
	}

	it('no raw mode: line by line, as before', () => {
		expect(chooseFrontEnd(global(), terminal({columns: 80, rows: 24}, {}, false)).notice).toMatch(/cannot do raw mode/);
	});

	it('the notices in Japanese', () => {
		expect(chooseFrontEnd(global({lang: 'ja'}), terminal({columns: 80, rows: 24}, {TERM: 'dumb'})).notice).toContain(
			'TERM=dumb のターミナルは全画面表示を描けない',
		);
		expect(chooseFrontEnd(global({lang: 'ja'}), terminal({columns: 80, rows: 0})).notice).toContain('80x0 (不明)');
	});

	it('--plain, --json, --no-input and pipes are unchanged (no notice)', () => {
		const sized = terminal({columns: 80, rows: 0}, {TERM: 'dumb'});
		expect(chooseFrontEnd(global({plain: true}), sized)).toEqual({kind: 'plain'});
		expect(chooseFrontEnd(global({json: true}), sized)).toEqual({kind: 'headless'});
		expect(chooseFrontEnd(global({input: false}), sized)).toEqual({kind: 'headless'});
	});
});

const haveScript = spawnSync('script', ['--version']).status === 0;

/** Ink's frames: synchronized output and clearing the screen. The line prompts use neither. */
const ESC = String.fromCharCode(27);
const FULL_SCREEN = new RegExp(`${ESC}\\[\\?2026h|${ESC}\\[2J`);

interface PtyRun {
	readonly output: string;
	/** The CLI's exit code, when it ended by itself. */
	readonly code: number | undefined;
}

/**
 * The CLI in a pseudo-terminal of the given size and TERM, until `until` shows (then it is stopped) or
 * it exits. The size is set with stty: a pseudo-terminal made from a pipe starts at 0x0.
 */
function inPty(args: string, options: {rows: number; columns: number; term?: string; until?: RegExp; env?: Record<string, string>}): Promise<PtyRun> {
	const {CI: _ci, ...env} = process.env;
	const command = `stty rows ${options.rows} cols ${options.columns}; node --import tsx source/cli.tsx ${args}; echo "[exit $?]"`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		cwd: ROOT,
		env: {...env, TERM: options.term ?? 'xterm-256color', LANG: 'en_US.UTF-8', BKW_SANDBOX_PROPAGATION_MS: '0', ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let output = '';
	return new Promise((done, fail) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			fail(new Error(`timed out; the terminal showed:\n${output}`));
		}, 50_000);
		child.on('error', fail);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (options.until?.test(output)) child.kill('SIGTERM');
		});
		child.on('close', () => {
			clearTimeout(timer);
			const code = /\[exit (\d+)\]/.exec(output)?.[1];
			done({output, code: code === undefined ? undefined : Number(code)});
		});
	});
}

// Without util-linux `script` these are skipped on a developer's machine, and fail in CI (never silently green).
describe.skipIf(!haveScript && !process.env['CI'])('the real CLI in a pseudo-terminal', () => {
	let sandbox: RunningSandbox;
	let workshopDir: string;
	beforeAll(async () => {
		sandbox = await startTestSandbox({propagationDelayMs: 0});
		workshopDir = mkdtempSync(join(tmpdir(), 'bkw-pty-'));
		const made = await runCliCaptured(
			[
				'workshop',
				'create',
				'--name',
				'pty-class',
				'--seats',
				'2',
				'--models',
				'amazon.nova-lite-v1:0',
				'--expires-in-days',
				'1',
				...onSandbox(sandbox, workshopDir),
				'--max-rps',
				'100',
			],
			{env: adminEnv(sandbox)},
		);
		expect(made.code, made.stderr).toBe(0);
	}, 60_000);
	afterAll(async () => sandbox?.close());

	const firstQuestion = /What will use this key/;

	it('a sized terminal gets the full screen (the control for the cases below)', async () => {
		const run = await inPty('--sandbox', {rows: 24, columns: 80, until: /Press enter to choose the Region/});
		expect(run.output).toMatch(FULL_SCREEN);
	}, 60_000);

	it('TERM=dumb: create asks line by line, after a notice, with no full-screen frames', async () => {
		const run = await inPty('--sandbox', {rows: 24, columns: 80, term: 'dumb', until: firstQuestion});
		expect(run.output).toContain('! TERM=dumb: this terminal cannot draw the full-screen interface, so the questions are asked line by line (--plain).');
		expect(run.output).toMatch(firstQuestion);
		expect(run.output).not.toMatch(FULL_SCREEN);
	}, 60_000);

	it('TERM=dumb: check asks for the key line by line', async () => {
		const run = await inPty(`check --endpoint-url ${sandbox.endpoint} --region us-west-2`, {rows: 24, columns: 80, term: 'dumb', until: /API key/});
		expect(run.output).toContain('! TERM=dumb');
		expect(run.output).not.toMatch(FULL_SCREEN);
	}, 60_000);

	for (const [rows, columns] of [
		[0, 80],
		[24, 0],
	] as const) {
		it(`${columns}x${rows}: create asks line by line after a notice (no crash, no frames)`, async () => {
			const run = await inPty('--sandbox', {rows, columns, until: firstQuestion});
			expect(run.output).toContain(`reports its size as ${columns}x${rows} (unknown)`);
			expect(run.output).toMatch(firstQuestion);
			expect(run.output).not.toMatch(FULL_SCREEN);
			expect(run.output).not.toMatch(/Unexpected failure|\n\s+at .+:\d+:\d+/);
		}, 60_000);
	}

	it('0 rows, in Japanese', async () => {
		// --plain asks in the language too.
		const run = await inPty('--sandbox --lang ja', {rows: 0, columns: 80, until: /このキーを何で使いますか/});
		expect(run.output).toContain('80x0 (不明)');
	}, 60_000);

	it('0 rows: workshop status prints its table instead of the dashboard, and exits 0', async () => {
		const run = await inPty(`workshop status --name pty-class --out-dir ${workshopDir} --endpoint-url ${sandbox.endpoint} --region us-west-2`, {
			rows: 0,
			columns: 80,
			env: adminEnv(sandbox),
		});
		expect(run.code, run.output).toBe(0);
		expect(run.output).toContain('(unknown)');
		expect(run.output).toMatch(/2\s+bkw-pty-class-002/);
		expect(run.output).not.toMatch(FULL_SCREEN);
	}, 60_000);
});
