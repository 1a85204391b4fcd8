/**
 * Sandbox honesty (issue 16, item 5): a key made in the built-in sandbox or at another endpoint says so in
 * the report (`target`) and at the end of the run, and its usage snippets call that endpoint, not AWS: the
 * curl snippet, run as printed with the saved .env, gets an answer from the sandbox.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

describe('where the key lives', () => {
	it('the built-in sandbox: the report says so, the end of the run says the key goes with the wizard', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-target-'));
		const run = await runCliCaptured(['create', '--sandbox', '--out-dir', dir, '--user-name', 'in-sandbox', '--models', `${NOVA_LITE},${TITAN_V2}`, '--json']);
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as VerificationReport;
		expect(report.target).toEqual({kind: 'sandbox', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/region\/us-west-2$/)});
		expect(run.stderr).toContain(
			`This key exists only in the built-in sandbox (${report.target && 'endpoint' in report.target ? report.target.endpoint : ''})`,
		);
		expect(run.stderr).toContain(`curl -sS "${report.target && 'endpoint' in report.target ? report.target.endpoint : ''}/model/`);
		expect(run.stderr).not.toContain('amazonaws.com');
	});

	it('another endpoint (--endpoint-url): the report names it, and the curl snippet, run as printed, is answered there', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-target-'));
		const run = await runCliCaptured(['create', ...onSandbox(sandbox, dir), '--user-name', 'at-endpoint', '--models', NOVA_LITE], {env: adminEnv(sandbox)});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain(`This key was made at ${sandbox.endpoint} (--endpoint-url), not in AWS`);
		const lines = run.stdout.split('\n');
		const start = lines.findIndex((line) => line.trim() === '# curl');
		const curl = lines
			.slice(start + 1, start + 4)
			.map((line) => line.replace(/^ {2}/, ''))
			.join('\n');
		expect(curl).toContain(`${sandbox.endpoint}/model/${NOVA_LITE.replace(':', '%3A')}/converse`);
		const bash = lines[lines.findIndex((line) => line.trim() === '# bash / zsh') + 1]!.trim();
		const {stdout} = await promisify(execFile)('sh', ['-c', `${bash}\n${curl}`], {env: {PATH: process.env['PATH']}});
		expect(JSON.parse(stdout)).toMatchObject({output: {message: {role: 'assistant'}}});
	});
});
