import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {messagesFor} from '../../core/i18n/index.js';
import {Problem} from '../../core/problem.js';
import {sandboxFaults} from '../aws-target.js';
import type {CommandScope} from '../command-scope.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';

/**
 * `bedrock-key-wizard sandbox`: runs the local AWS until a stop signal (SIGINT, SIGTERM, SIGHUP). Stdout carries exactly one
 * JSON line (endpoint, region, account, admin credentials, the control route's adminToken) so scripts can
 * read it; everything else goes to stderr. `--host` shares it beyond this machine, with a warning
 * (docs/security.md).
 */
export async function sandboxCommand(options: Record<string, unknown>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const port = wholeNumber(options['port'], '--port', 0, 65535, 0);
	const propagationDelayMs = wholeNumber(options['propagationDelayMs'], '--propagation-delay-ms', 0, 600_000, 3000);
	// Given or not: a state file keeps what an earlier run (or /_sandbox/account) set, unless a flag says otherwise.
	const subscriptionDelayMs =
		options['subscriptionDelayMs'] === undefined ? undefined : wholeNumber(options['subscriptionDelayMs'], '--subscription-delay-ms', 0, 3_600_000, 0);
	const useCaseForm = options['useCaseForm'] === 'missing' || options['useCaseForm'] === 'submitted' ? options['useCaseForm'] : undefined;
	const subscriptionOutcome =
		options['subscriptionOutcome'] === 'available' || options['subscriptionOutcome'] === 'error' ? options['subscriptionOutcome'] : undefined;
	const legacyModelsInUse = legacyInUse(options['legacyInUse']);
	const statePath = typeof options['state'] === 'string' && options['state'] !== '' ? options['state'] : undefined;
	const host = typeof options['host'] === 'string' ? options['host'].trim() : '127.0.0.1';
	const text = messagesFor(global.lang).run.sandbox;
	const serviceControlPolicies = readOrgPolicies(options['orgPolicy']);

	const {startSandbox, SandboxStateError, FaultSpecError, SandboxHostError, SandboxPolicyError, SandboxSettingsError} = await import('../../sandbox/index.js');
	let sandbox;
	try {
		sandbox = await startSandbox({
			port,
			host,
			propagationDelayMs,
			...(subscriptionDelayMs !== undefined ? {subscriptionDelayMs} : {}),
			...(useCaseForm ? {useCaseForm} : {}),
			...(subscriptionOutcome ? {subscriptionOutcome} : {}),
			...(legacyModelsInUse ? {legacyModelsInUse} : {}),
			...(serviceControlPolicies.length > 0 ? {serviceControlPolicies} : {}),
			...(statePath ? {statePath} : {}),
			...(global.region ? {region: global.region} : {}),
			...sandboxFaults(io),
			...(global.debug ? {log: (line: string) => void io.stderr.write(`${line}\n`)} : {}),
			// Always said (with --debug the log line says it already): a sandbox bug must not pass for AWS's answer.
			...(global.debug
				? {}
				: {
						onInternalError: (error: {where: string; message: string}) => void io.stderr.write(`${text.internalError(error.where, error.message)}\n`),
					}),
		});
	} catch (error) {
		const {message} = error as Error;
		if (error instanceof SandboxStateError) throw new Problem('usage', (m) => m.problems.sandbox.state(message), {cause: error});
		if (error instanceof FaultSpecError) throw new Problem('usage', (m) => m.problems.sandbox.faults(message), {cause: error});
		if (error instanceof SandboxPolicyError) throw new Problem('usage', (m) => m.problems.sandbox.orgPolicy(message), {cause: error});
		if (error instanceof SandboxSettingsError) throw new Problem('usage', (m) => m.problems.sandbox.legacyInUse(message), {cause: error});
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new Problem('usage', (m) => m.problems.sandbox.portInUse(port, host), {cause: error});
		if (error instanceof SandboxHostError || code === 'EADDRNOTAVAIL' || code === 'EINVAL')
			throw new Problem('usage', (m) => m.problems.sandbox.host(host), {cause: error});
		throw error;
	}

	// The scope listened from the start: a script that stops us as soon as it reads the line finds a
	// handler (with none, SIGTERM's default kills the process before the state is flushed).
	scope.use(sandbox);
	io.stdout.write(
		`${JSON.stringify({
			endpoint: sandbox.endpoint,
			regionalEndpoint: sandbox.regionalEndpoint,
			mantleEndpoint: sandbox.mantleEndpoint,
			region: sandbox.region,
			accountId: sandbox.accountId,
			accessKeyId: sandbox.admin.accessKeyId,
			secretAccessKey: sandbox.admin.secretAccessKey,
			// What /_sandbox/faults requires, as `Authorization: Bearer <adminToken>` (docs/security.md).
			adminToken: sandbox.adminToken,
		})}\n`,
	);
	// Shared beyond this machine: everyone on the network can call it, so say so before anything else.
	if (!isLoopback(sandbox.host)) io.stderr.write(`${text.shared(sandbox.host, sandbox.port)}\n`);
	io.stderr.write(`${text.listening(sandbox.endpoint, sandbox.regionalEndpoint, propagationDelayMs, statePath)}\n`);
	const signal = await scope.stopped;
	await sandbox.close();
	io.stderr.write(`${text.stopped(signal)}\n`);
	return 0;
}

const isLoopback = (address: string): boolean => address === '::1' || address.startsWith('127.');

function wholeNumber(value: unknown, flag: string, min: number, max: number, fallback: number): number {
	if (value === undefined) return fallback;
	const text = String(value).trim();
	const parsed = Number(text);
	if (text === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
		throw new Problem('usage', (m) => m.problems.flags.wholeNumber(flag, min, max, String(value), flag === '--port' ? '4566' : '3000'));
	}
	return parsed;
}

/** `--org-policy FILE` (repeatable): each file's text, named after the file. */
function readOrgPolicies(value: unknown): Array<{name: string; document: string}> {
	const files = Array.isArray(value) ? (value as string[]) : [];
	return files.map((file) => {
		try {
			return {name: basename(file), document: readFileSync(file, 'utf8')};
		} catch (error) {
			throw new Problem('usage', (m) => m.problems.sandbox.orgPolicy(`${file}: ${(error as Error).message}`), {cause: error});
		}
	});
}

/** `--legacy-in-use all|ID[,ID]`: the sandbox checks the ids against its catalog (SandboxSettingsError). */
function legacyInUse(value: unknown): 'all' | string[] | undefined {
	if (typeof value !== 'string') return undefined;
	return value.trim() === 'all' ? 'all' : value.split(',').map((id) => id.trim());
}
