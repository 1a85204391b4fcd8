import {PassThrough} from 'node:stream';
import {readPolicyArgv, runPolicy} from '../../source/cli/policy-quick.js';
import {runCli} from '../../source/cli/program.js';
import type {CliIo} from '../../source/cli/io.js';
import {noteSandboxInternalError, SANDBOX_INTERNAL_ERROR_NOTICE} from './sandbox-errors.js';

export interface CliRun {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
}

/**
 * Runs the CLI in-process with captured streams, no TTY and the given environment. As dist/cli.js does,
 * a plain run of `policy` goes through its quick start (cli/policy-quick.ts), anything else through commander.
 */
export async function runCliCaptured(argv: readonly string[], options: {env?: Record<string, string>; cwd?: string; stdin?: string} = {}): Promise<CliRun> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const stdin = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	if (options.stdin !== undefined) stdin.end(options.stdin);
	const io: CliIo = {
		stdout,
		stderr,
		stdin,
		env: {LANG: 'en_US.UTF-8', ...options.env},
		cwd: options.cwd ?? process.cwd(),
	};
	const quick = readPolicyArgv(argv);
	const code = quick ? await runPolicy(quick, argv, io) : await runCli(argv, io);
	// A --sandbox run's own sandbox says so when it had internal errors: they fail the test (test/setup.ts).
	const notice = SANDBOX_INTERNAL_ERROR_NOTICE.exec(err);
	if (notice) noteSandboxInternalError(`${argv.join(' ')}: ${notice[0]}`);
	return {code, stdout: out, stderr: err};
}

/** The flags that point a CLI run at a test sandbox (in us-west-2) and save its files in `outDir`. */
export const onSandbox = (sandbox: {readonly endpoint: string}, outDir: string): string[] => [
	'--endpoint-url',
	sandbox.endpoint,
	'--region',
	'us-west-2',
	'--out-dir',
	outDir,
];
