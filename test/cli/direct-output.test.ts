/**
 * policy's quick start writes its output straight to the file descriptors (cli/io.ts `directOutput`,
 * sparing Node's stream start-up). The bytes must be the stream's, in order, whatever the reader does:
 * a pipe that fills up while its descriptor is non-blocking (EAGAIN) hands the rest to the stream, and a
 * reader that has gone (EPIPE) ends the run quietly with its own exit code.
 */
import {spawn} from 'node:child_process';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const trace = /EPIPE|EAGAIN|Unhandled 'error' event|\n\s+at .+:\d+:\d+/;

interface Finished {
	readonly code: number | null;
	readonly stdout: Buffer;
	readonly stderr: string;
}

function node(args: readonly string[], reader: (child: ReturnType<typeof spawn>) => void = () => {}): Promise<Finished> {
	const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
		cwd: ROOT,
		env: {...process.env, LANG: 'en_US.UTF-8'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const out: Buffer[] = [];
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	reader(child);
	return new Promise((done) => child.on('close', (code) => done({code, stdout: Buffer.concat(out), stderr})));
}

describe('output written straight to the descriptor', () => {
	it('a full non-blocking pipe: the rest goes to the stream, every byte in order', async () => {
		// The script makes fd 1 non-blocking as Node's own stream does, then writes 2 MB while the reader waits.
		const script = `
import {writeSync} from 'node:fs';
import {directOutput} from './source/cli/io.ts';
process.stdout;
const out = directOutput(1, () => { writeSync(2, 'fell back to the stream\\n'); return process.stdout; });
for (let index = 0; index < 200; index++) out.write(String(index % 10).repeat(10_000));
out.write('end');`;
		const finished = await node(['--input-type=module', '-e', script], (child) => {
			child.stdout!.pause();
			setTimeout(() => child.stdout!.resume(), 300);
		});
		expect(finished.code, finished.stderr).toBe(0);
		expect(finished.stderr, 'the pipe filled up: EAGAIN was met').toContain('fell back to the stream');
		expect(finished.stdout.length).toBe(2_000_003);
		const text = finished.stdout.toString('latin1');
		for (let index = 0; index < 200; index++) expect(text.slice(index * 10_000, (index + 1) * 10_000)).toBe(String(index % 10).repeat(10_000));
		expect(text.endsWith('end')).toBe(true);
	}, 60_000);

	it('policy from its quick start, to a reader that has gone: exit 0, nothing said about the pipe', async () => {
		const finished = await node(
			['source/policy-cli.ts', 'policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v1:0,amazon.titan-embed-text-v2:0', '--format', 'text'],
			(child) => child.stdout!.destroy(),
		);
		expect(finished.code).toBe(0);
		expect(finished.stderr).not.toMatch(trace);
	}, 60_000);

	it('policy from its quick start writes what the whole command line writes', async () => {
		const args = [
			'policy',
			'--region',
			'us-west-2',
			'--account',
			'123456789012',
			'--models',
			'amazon.nova-lite-v1:0,us.amazon.nova-pro-v1:0',
			'--format',
			'text',
		];
		const [quick, whole] = await Promise.all([node(['source/policy-cli.ts', ...args]), node(['source/cli.tsx', ...args])]);
		expect(quick.code, quick.stderr).toBe(0);
		expect(quick.stdout.toString('utf8')).toBe(whole.stdout.toString('utf8'));
		expect(quick.stdout.toString('utf8')).toContain('us.amazon.nova-pro-v1:0');
	}, 60_000);
});
