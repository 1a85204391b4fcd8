/**
 * A command in a real pseudo-terminal: a detached tmux session (80x24 unless told), every byte it writes
 * recorded, keys sent one by one, the screen polled for text (never a fixed sleep), and after the command
 * ends its exit code and the terminal's modes (`stty -a`) printed for the test to read.
 * Used by test/ui/terminal.test.ts (the built CLI) and test/package/installed-tarball.test.ts (the
 * installed tarball).
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import {describeWithTool, requiredTool} from './required-tool.js';

const tmuxTool = requiredTool('tmux (apt-get install -y tmux)', 'tmux', ['-V']);

/** A describe block that needs tmux (skipped without it, except under CI: test/helpers/required-tool.ts). */
export const describeInTmux = (name: string, body: () => void): void => describeWithTool(tmuxTool, name, body);

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export interface Session {
	readonly name: string;
	/** The command's working directory (a fresh temporary one unless given). */
	readonly dir: string;
	/** Every byte the pane showed, escape sequences included. */
	readonly raw: string;
	screen(): string;
	/** The pane with its scrollback, wrapped lines joined. */
	history(): string;
	keys(...keys: string[]): void;
	/** Types text one character at a time, as a person does. */
	text(text: string): Promise<void>;
	/** Pastes text through a tmux buffer fed on stdin: for secrets, which must never be on a command line. */
	paste(text: string): void;
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Waits until the command has ended: its exit code, and the history (the `stty -a` line after `EXIT=`). */
	finished(timeoutMs?: number): Promise<{exitCode: number; history: string}>;
}

export interface TerminalOptions {
	/** The shell command line to run (no secrets: they go in `env`). */
	readonly command: string;
	/** Exported before the command, from a mode-0600 file in `dir` (never on a command line). */
	readonly env?: Readonly<Record<string, string>>;
	readonly dir?: string;
	readonly columns?: number;
	readonly rows?: number;
	/** How long a `waitFor` waits by default. */
	readonly waitMs?: number;
}

/**
 * One tmux server (socket) per test file and process, so files running side by side, and test runs of two
 * checkouts on one machine, never share a server.
 */
export class Terminal {
	private sessions: string[] = [];
	private readonly socket: string;

	constructor(name: string) {
		this.socket = `${name}-${process.pid}`;
	}

	tmux(args: readonly string[], input?: string): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8', input});
	}

	start(name: string, options: TerminalOptions): Session {
		const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bkw-pty-'));
		const raw = join(dir, `.${name}.raw.out`);
		const go = join(dir, `.${name}.go`);
		const envFile = join(dir, `.${name}.env`);
		writeFileSync(
			envFile,
			Object.entries(options.env ?? {})
				.map(([key, value]) => `${key}=${shellQuote(value)}\n`)
				.join(''),
			{mode: 0o600},
		);
		// The command waits until output is being recorded, so the recording holds every byte it writes.
		const script =
			[`cd ${shellQuote(dir)}`, `while [ ! -f ${shellQuote(go)} ]; do sleep 0.05; done`, `set -a; . ${shellQuote(envFile)}; set +a`, options.command].join(
				'; ',
			) + `; echo "EXIT=$?"; stty -a | tr '\\n' ' '; echo; echo FINISHED; sleep 300`;
		// A session of the same name left by an interrupted run would make new-session fail.
		spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', name]);
		this.newSession(['-d', '-s', name, '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), 'sh', '-c', script]);
		this.sessions.push(name);
		this.tmux(['set-option', '-t', name, 'history-limit', '5000']);
		this.tmux(['pipe-pane', '-o', '-t', name, `cat >> ${shellQuote(raw)}`]);
		writeFileSync(go, '');
		const waitMs = options.waitMs ?? 20_000;
		const session: Session = {
			name,
			dir,
			raw,
			screen: () => this.tmux(['capture-pane', '-p', '-t', name]),
			history: () => this.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', name]),
			keys: (...keys) => void this.tmux(['send-keys', '-t', name, ...keys]),
			text: async (text) => {
				for (const char of text) {
					this.tmux(['send-keys', '-t', name, '-l', char]);
					await sleep(15);
				}
			},
			paste: (text) => {
				const buffer = `${name}-paste`;
				this.tmux(['load-buffer', '-b', buffer, '-'], text);
				this.tmux(['paste-buffer', '-d', '-b', buffer, '-t', name]);
			},
			waitFor: async (text, timeoutMs = waitMs) => {
				const started = Date.now();
				for (;;) {
					const screen = session.history();
					if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
					// The command has ended: what it did not show by then it never will.
					if (/^FINISHED$/m.test(screen))
						throw new Error(`The command ended (${/^EXIT=\d+$/m.exec(screen)?.[0]}) without showing ${String(text)}; the terminal shows:\n${session.screen()}`);
					if (Date.now() - started > timeoutMs)
						throw new Error(`Timed out after ${timeoutMs} ms waiting for ${String(text)}; the terminal shows:\n${session.screen()}`);
					await sleep(50);
				}
			},
			finished: async (timeoutMs = waitMs) => {
				const history = await session.waitFor(/^FINISHED$/m, timeoutMs);
				const exit = /^EXIT=(\d+)$/m.exec(history);
				if (!exit) throw new Error(`The command ended without its exit code; the terminal shows:\n${history}`);
				return {exitCode: Number(exit[1]), history};
			},
		};
		return session;
	}

	/**
	 * tmux ends its server when the last session ends; a new-session that reaches the server while it is
	 * shutting down fails with "server exited unexpectedly". The next try starts a fresh server.
	 */
	private newSession(args: readonly string[]): void {
		for (let attempt = 1; ; attempt++) {
			try {
				this.tmux(['new-session', ...args]);
				return;
			} catch (error) {
				if (attempt >= 5 || !/server exited unexpectedly|lost server|no server running/.test(String(error))) throw error;
				spawnSync('sleep', ['0.2']);
			}
		}
	}

	/** Ends every session this terminal started (afterEach). */
	closeSessions(): void {
		for (const name of this.sessions) spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', name]);
		this.sessions = [];
	}
}

/** After the command exits: raw mode off (canonical input and echo back on), and the cursor shown again. */
export function expectTerminalRestored(session: Session, screen: string): void {
	const stty = screen.slice(screen.indexOf('EXIT='));
	expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
	expect(stty).toMatch(/(^|\s)echo(\s|$)/);
	// tmux pipes the pane's bytes to the file through `cat`, which may lag the screen: wait until the shell's
	// EXIT= line is in it (slicing at a missing one would cut the last byte, say the h of the show-cursor).
	let output = readFileSync(session.raw, 'latin1');
	for (const started = Date.now(); !output.includes('EXIT=') && Date.now() - started < 5000; output = readFileSync(session.raw, 'latin1'))
		spawnSync('sleep', ['0.05']);
	expect(output, 'the raw capture reached the end of the command').toContain('EXIT=');
	const cliOutput = output.slice(0, output.indexOf('EXIT='));
	const hidden = cliOutput.lastIndexOf('\u001B[?25l');
	const shown = cliOutput.lastIndexOf('\u001B[?25h');
	expect(hidden, 'Ink hid the cursor while running').toBeGreaterThanOrEqual(0);
	expect(shown, 'the cursor was shown again after the last time it was hidden').toBeGreaterThan(hidden);
	expect(cliOutput.slice(shown + '\u001B[?25h'.length).replace(/\s+/g, ''), 'nothing after the show-cursor sequence but line ends').toBe('');
}

/**
 * The create wizard (TUI), from its first screen to the key options screen, with the starter pair picked.
 * `regionGiven`: the command has --region, so there is no Region screen.
 */
export async function walkToKeyOptions(t: Session, {regionGiven = false}: {readonly regionGiven?: boolean} = {}): Promise<void> {
	await t.waitFor('Press enter to choose the Region.');
	t.keys('Enter');
	if (!regionGiven) {
		await t.waitFor('Which Region will the key call Bedrock in?');
		t.keys('Enter');
	}
	// "What will use this key?" opens the models step: none picked.
	await t.waitFor('What will use this key?');
	t.keys('Enter');
	await t.waitFor('★ Starter');
	// The filter has the focus first: tab goes to the list, where space takes the preset.
	t.keys('Tab');
	await t.waitFor('tab or / to filter');
	t.keys('Space');
	await t.waitFor('2 models selected');
	t.keys('Enter');
	await t.waitFor('What kind of key');
}
