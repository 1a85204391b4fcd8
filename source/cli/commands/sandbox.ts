import {Problem} from '../../core/problem.js';
import {sandboxFaults} from '../aws-target.js';
import type {CommandScope} from '../command-scope.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';

/**
 * `bedrock-key-wizard sandbox`: runs the local AWS until a stop signal (SIGINT, SIGTERM, SIGHUP). Stdout carries exactly one
 * JSON line (endpoint, region, account, admin credentials) so scripts can read it; everything else
 * goes to stderr.
 */
export async function sandboxCommand(options: Record<string, unknown>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const port = wholeNumber(options['port'], '--port', 0, 65535, 0);
	const propagationDelayMs = wholeNumber(options['propagationDelayMs'], '--propagation-delay-ms', 0, 600_000, 3000);
	const statePath = typeof options['state'] === 'string' && options['state'] !== '' ? options['state'] : undefined;

	const {startSandbox, SandboxStateError, FaultSpecError} = await import('../../sandbox/index.js');
	let sandbox;
	try {
		sandbox = await startSandbox({
			port,
			propagationDelayMs,
			...(statePath ? {statePath} : {}),
			...(global.region ? {region: global.region} : {}),
			...sandboxFaults(io),
			...(global.debug ? {log: (line: string) => void io.stderr.write(`${line}\n`)} : {}),
			// Always said (with --debug the log line says it already): a sandbox bug must not pass for AWS's answer.
			...(global.debug
				? {}
				: {
						onInternalError: (error: {where: string; message: string}) =>
							void io.stderr.write(`internal error in ${error.where}: ${error.message} (a bug in the sandbox, not AWS)\n`),
					}),
		});
	} catch (error) {
		if (error instanceof SandboxStateError) throw new Problem('usage', error.message, 'Fix or remove the file, or pass another --state path.', {cause: error});
		if (error instanceof FaultSpecError)
			throw new Problem('usage', `BKW_SANDBOX_FAULTS: ${error.message}`, 'Use operation:kind:times[:latencyMs], e.g. Converse:throttle:2.', {cause: error});
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
			throw new Problem(
				'usage',
				`Port ${port} on 127.0.0.1 is already in use.`,
				'Stop whatever uses it, choose another --port, or leave --port out to get a free one.',
				{cause: error},
			);
		}
		throw error;
	}

	// The scope listened from the start: a script that stops us as soon as it reads the line finds a
	// handler (with none, SIGTERM's default kills the process before the state is flushed).
	scope.use(sandbox);
	io.stdout.write(
		`${JSON.stringify({
			endpoint: sandbox.endpoint,
			regionalEndpoint: sandbox.regionalEndpoint,
			region: sandbox.region,
			accountId: sandbox.accountId,
			accessKeyId: sandbox.admin.accessKeyId,
			secretAccessKey: sandbox.admin.secretAccessKey,
		})}\n`,
	);
	io.stderr.write(
		`Sandbox AWS listening on ${sandbox.endpoint} (other Regions: --endpoint-url ${sandbox.regionalEndpoint}; IAM changes reach Bedrock after ${propagationDelayMs} ms${statePath ? `; state in ${statePath}` : ''}). Ctrl+C stops it.\n`,
	);
	const signal = await scope.stopped;
	await sandbox.close();
	io.stderr.write(`Sandbox stopped (${signal}).\n`);
	return 0;
}

function wholeNumber(value: unknown, flag: string, min: number, max: number, fallback: number): number {
	if (value === undefined) return fallback;
	const text = String(value).trim();
	const parsed = Number(text);
	if (text === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
		throw new Problem(
			'usage',
			`${flag} must be a whole number from ${min} to ${max}, got "${String(value)}".`,
			`For example: ${flag} ${flag === '--port' ? '4566' : '3000'}.`,
		);
	}
	return parsed;
}
