/**
 * Ctrl+C at every kind of `--plain` question, in English and Japanese (issue 16, "Cancel"): create's text,
 * pick-many and yes/no questions and check's masked key prompt each end the command with exit 130 and the
 * cancellation said in the person's language; nothing is made in IAM. (The same at a real terminal, with the
 * terminal's modes read back: test/ui/terminal-cancel.test.ts.)
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliMessagesFor} from '../../source/core/i18n/cli.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminEnv, iamClient, startTestSandbox} from '../helpers/sandbox.js';
import {onSandbox} from '../helpers/cli.js';
import {createFlagsToReview, runInTerminal, TITAN_V2} from './fake-terminal.js';

const CTRL_C = '\u0003';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 50});
});
afterAll(async () => sandbox.close());

const locales = {en: 'en_US.UTF-8', ja: 'ja_JP.UTF-8'} as const;

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	const q = m.questions;
	const cancelled = new RegExp(`✗ (${escape(cliMessagesFor(lang).stop.cancelled)}|${escape(m.problems.run.cancelled()[0])})`);

	describe(`${lang}: Ctrl+C at a --plain question`, () => {
		// Each question reached with the answers before it given as flags.
		const questions: ReadonlyArray<{readonly name: string; readonly flags: readonly string[]; readonly prompt: string}> = [
			{name: 'what will use the key (pick many)', flags: ['--region', 'us-west-2'], prompt: q.clients.prompt},
			{name: 'the models (pick many)', flags: ['--region', 'us-west-2', '--client', 'openai'], prompt: q.modelIds.prompt},
			{name: 'the kinds of key (pick many)', flags: ['--region', 'us-west-2', '--models', TITAN_V2], prompt: q.keyKinds.prompt},
			{
				name: 'the days until the key expires (text)',
				flags: ['--region', 'us-west-2', '--models', TITAN_V2, '--key', 'api-key'],
				prompt: q.expiresInDays.prompt,
			},
			{
				name: 'the user name (text)',
				flags: ['--region', 'us-west-2', '--models', TITAN_V2, '--key', 'api-key', '--expires-in-days', '30'],
				prompt: q.userName.prompt,
			},
		];
		for (const question of questions) {
			it(`create: ${question.name} exits 130, said in the person's language`, async () => {
				const userName = `plain-ctrl-c-${lang}`;
				const terminal = runInTerminal(
					['create', '--plain', '--endpoint-url', sandbox.endpoint, '--out-dir', mkdtempSync(join(tmpdir(), 'bkw-plain-c-')), ...question.flags],
					{...adminEnv(sandbox), LANG: locales[lang]},
				);
				await terminal.answer(new RegExp(escape(question.prompt)), CTRL_C);
				const run = await terminal.done;
				expect(run.code, run.stderr).toBe(130);
				expect(run.stderr).toMatch(cancelled);
				expect(((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName)).not.toContain(userName);
			});
		}

		it("create: the review's yes/no exits 130 and makes nothing", async () => {
			const userName = `plain-ctrl-c-review-${lang}`;
			const terminal = runInTerminal(
				['create', '--plain', ...onSandbox(sandbox, mkdtempSync(join(tmpdir(), 'bkw-plain-c-'))), ...createFlagsToReview(userName)],
				{...adminEnv(sandbox), LANG: locales[lang]},
			);
			await terminal.answer(new RegExp(escape(q.confirmed.prompt(undefined))), CTRL_C);
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(130);
			expect(run.stderr).toMatch(cancelled);
			expect(((await iamClient(sandbox).send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName)).not.toContain(userName);
		});

		it('check: the masked key prompt exits 130 (the key half typed, never shown)', async () => {
			const terminal = runInTerminal(['check', '--plain', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'], {
				...adminEnv(sandbox),
				LANG: locales[lang],
			});
			await terminal.answer(new RegExp(escape(m.check.promptKey)), `ABSK-half-typed${CTRL_C}`);
			const run = await terminal.done;
			expect(run.code, run.stderr).toBe(130);
			expect(run.stderr).toMatch(cancelled);
			expect(run.stderr).not.toContain('ABSK-half-typed');
		});
	});
}
