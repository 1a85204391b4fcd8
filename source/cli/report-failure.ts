/**
 * How a failed command is told: on stderr, and with --json as the error document on stdout. Imported
 * by cli/program.ts only once something has failed, so `--help` and a command that succeeds never
 * load the message catalogs or the AWS error reading (docs/contributing.md, 'The build').
 */
import {refusal} from '../aws/errors.js';
import {AwsFailure, failureProblem} from '../core/aws-failure.js';
import {messagesFor, type Messages} from '../core/i18n/index.js';
import type {Language} from '../core/i18n/language.js';
import {Problem} from '../core/problem.js';
import {writeErrorDocument} from './error-document.js';
import {ExitCode, exitCodeFor} from './exit-codes.js';
import type {CliIo} from './io.js';

/** Says what went wrong on stderr (and, with `jsonCommand`, as the error document on stdout); returns the exit code. */
export function reportFailure(error: unknown, io: CliIo, language: Language, debug: boolean, jsonCommand?: string): number {
	return reportIn(error, io, messagesFor(language), debug, jsonCommand);
}

function reportIn(error: unknown, io: CliIo, messages: Messages, debug: boolean, jsonCommand?: string): number {
	if (error instanceof Problem) {
		const {message, fix} = error.textIn(messages);
		if (jsonCommand !== undefined) writeErrorDocument(io, jsonCommand, error.kind, message, fix);
		io.stderr.write(`✗ ${message.split('\n').join('\n  ')}\n`);
		if (fix) io.stderr.write(`  ${fix}\n`);
		if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
		return exitCodeFor(error.kind);
	}
	// An AWS failure no flow turned into a Problem is still AWS refusing (or failing): exit 3, in AWS's words.
	if (error instanceof AwsFailure) return reportIn(failureProblem(error), io, messages, debug, jsonCommand);
	// An SDK error that escaped the adapters' translation (aws/errors.ts) is read the same way.
	if ((error as {$metadata?: unknown})?.$metadata !== undefined || /CredentialsProviderError/.test((error as Error)?.name ?? '')) {
		return reportIn(refusal(error), io, messages, debug, jsonCommand);
	}
	const [message, fix] = messages.problems.run.unexpected(error instanceof Error ? error.message : String(error));
	if (jsonCommand !== undefined) writeErrorDocument(io, jsonCommand, 'internal', message, fix);
	io.stderr.write(`✗ ${message}\n  ${fix}\n`);
	if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
	return ExitCode.verificationFailed;
}
