/**
 * `… | head -3`: the real CLI process whose stdout (or stderr) reader has gone before it writes. Each
 * command ends quietly with its own exit code (no EPIPE stack trace), whatever it was printing.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const EVENT = 'pipe-class';
let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
	dir = mkdtempSync(join(tmpdir(), 'bkw-pipe-'));
	const made = await runCliCaptured(
		[
			'workshop',
			'create',
			'--name',
			EVENT,
			'--seats',
			'3',
			'--models',
			'amazon.nova-lite-v1:0',
			'--expires-in-days',
			'1',
			...onSandbox(sandbox, dir),
			'--max-rps',
			'100',
		],
		{env: adminEnv(sandbox)},
	);
	expect(made.code, made.stderr).toBe(0);
}, 60_000);
afterAll(async () => sandbox.close());

interface Closed {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	/** What the other, open stream received. */
	readonly other: string;
}

/** Runs the CLI with one of its output pipes closed by the reader before anything was written. */
function withClosed(stream: 'stdout' | 'stderr', args: readonly string[]): Promise<Closed> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args], {
		cwd: ROOT,
		env: {...process.env, ...adminEnv(sandbox), LANG: 'en_US.UTF-8', CI: 'true'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// The reader leaves at once, as `head` does once it has its lines: every write now meets EPIPE.
	child[stream].destroy();
	let other = '';
	child[stream === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk: Buffer) => (other += chunk.toString('utf8')));
	return new Promise((done) => child.on('close', (code, signal) => done({code, signal, other})));
}

const target = (): string[] => ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'];
const trace = /EPIPE|Unhandled 'error' event|\n\s+at .+:\d+:\d+/;

describe('stdout closed by its reader', () => {
	const cases: Array<[string, () => string[], number]> = [
		['workshop status (the table)', () => ['workshop', 'status', '--name', EVENT, '--out-dir', dir, ...target()], 0],
		['workshop status --json', () => ['workshop', 'status', '--name', EVENT, '--out-dir', dir, '--json', ...target()], 0],
		['workshop teardown (dry run)', () => ['workshop', 'teardown', '--name', EVENT, '--out-dir', dir, ...target()], 0],
		['cleanup (dry run)', () => ['cleanup', ...target()], 0],
		[
			'policy --format text',
			() => ['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0', '--format', 'text'],
			0,
		],
		['--help', () => ['--help'], 0],
		['a usage error with --json (the error document)', () => ['policy', '--region', 'us-west-2', '--models', 'nope', '--json'], 2],
	];
	for (const [name, args, code] of cases) {
		it(`${name}: no stack trace, exit ${code}`, async () => {
			const run = await withClosed('stdout', args());
			expect(run.other).not.toMatch(trace);
			expect(run.signal).toBeNull();
			expect(run.code, run.other).toBe(code);
		}, 30_000);
	}
});

describe('stderr closed by its reader', () => {
	it('workshop status --verify: the progress lines are dropped, the verification finishes, the table is printed', async () => {
		const run = await withClosed('stderr', ['workshop', 'status', '--name', EVENT, '--out-dir', dir, '--verify', '--verify-timeout', '20', ...target()]);
		expect(run.code).toBe(0);
		expect(run.other).toMatch(/3 of 3 seats verified working/);
	}, 60_000);
});
