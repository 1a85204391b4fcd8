import type {Problem} from '../core/problem.js';
import type {CliIo} from './io.js';

/** schemas/error.v1.json */
export function writeErrorDocument(io: CliIo, command: string, kind: Problem['kind'], message: string, fix: string | undefined): void {
	io.stdout.write(`${JSON.stringify({schemaVersion: 1, ...(command ? {command} : {}), error: {kind, message, ...(fix ? {fix} : {})}}, null, 2)}\n`);
}
