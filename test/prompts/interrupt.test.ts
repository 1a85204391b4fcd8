/**
 * Ctrl+C typed at a --plain question: the prompt reads keys in raw mode, so no SIGINT reaches the process;
 * the question tells the command scope, which stops the run as SIGINT would (exit 130, nothing made).
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {onSandbox} from '../helpers/cli.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {createFlagsToReview, runInTerminal} from './fake-terminal.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 50});
});
afterAll(async () => sandbox.close());

it('Ctrl+C at the review question cancels: exit 130, "Cancelled.", no user made', async () => {
	const terminal = runInTerminal(
		['create', '--plain', ...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-plain-int-'))), ...createFlagsToReview('plain-interrupted')],
		adminEnv(sandbox),
	);
	await terminal.answer(/Apply this to your AWS account/, '\u0003');
	const run = await terminal.done;
	expect(run.code, run.stderr).toBe(130);
	expect(run.stderr).toContain('✗ Cancelled.');
	expect(run.stderr).not.toContain('Unexpected failure');
	const users = (await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? [];
	expect(users.map((user) => user.UserName)).not.toContain('plain-interrupted');
});
