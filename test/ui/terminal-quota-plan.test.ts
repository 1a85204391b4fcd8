/**
 * `workshop plan` in a real terminal (tmux, 80x24) against the in-process sandbox, its Claude Haiku 4.5 quota
 * set low (issue 17, item 2): the Ink table per model and the verdict in words (short by how much of what for
 * which model), then the increase question as a line prompt; answered no, nothing is filed. `workshop create`
 * shows the same table first (on stderr, with its progress). The CLI runs from source through tsx (no build).
 */
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {adminEnv, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';
import {describeInTmux, Terminal} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = join(ROOT, 'source', 'cli.tsx');
const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';

const terminal = new Terminal('bkw-quota-plan');
afterEach(() => terminal.closeSessions());

describeInTmux('workshop plan in a real terminal (tmux, 80 columns)', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({region: 'us-west-2'});
		// Sold through AWS Marketplace: the admin's first call subscribes the account (the seats' keys may not).
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: `us.${HAIKU}`, messages: [{role: 'user', content: [{text: 'hi'}]}]}));
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 20_000);
	});
	afterAll(async () => sandbox?.close());

	it('shows the table and the verdict, then asks; no files nothing', async () => {
		const t = terminal.start('plan', {
			command: `node --import ${TSX} ${CLI} workshop plan --seats 30 --models us.${HAIKU} --endpoint-url ${sandbox.endpoint} --region us-west-2`,
			env: {
				...adminEnv(sandbox),
				TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
				LANG: 'en_US.UTF-8',
				AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			},
			columns: 80,
			waitMs: 60_000,
		});
		const screen = await t.waitFor(/File 1 quota increase request now\?/);
		expect(screen).toContain('Bedrock quotas for 30 seats in us-west-2');
		expect(screen).toMatch(/tokens\/min\s+20,000\s+210,000\s+-190,000\s+✗ short/);
		expect(screen).toMatch(/✗ Short by 190,000 tokens per minute for Anthropic Claude Haiku 4\.5\s+\(cross-Region\)/);
		t.keys('n', 'Enter');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expect(sandbox.quotas.requests()).toEqual([]);
	}, 90_000);

	it('workshop create shows the same table before anything is made', async () => {
		// Two seats need 14,000 tokens a minute at the default rate.
		sandbox.quotas.set({modelId: HAIKU, kind: 'cross-region-tpm'}, 10_000);
		const until = new Date(Date.now() + 4 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const t = terminal.start('create', {
			command: `node --import ${TSX} ${CLI} workshop create --name tclass --seats 2 --models us.${HAIKU} --until ${until} --out-dir handouts --endpoint-url ${sandbox.endpoint} --region us-west-2`,
			env: {
				...adminEnv(sandbox),
				TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
				LANG: 'en_US.UTF-8',
				AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			},
			columns: 80,
			waitMs: 60_000,
		});
		const {exitCode, history} = await t.finished(90_000);
		expect(exitCode, history).toBe(0);
		expect(history).toContain('Bedrock quotas for 2 seats in us-west-2');
		expect(history).toMatch(/✗ Short by [\d,]+ tokens per minute for Anthropic Claude Haiku 4\.5/);
		expect(history.indexOf('Bedrock quotas for 2 seats')).toBeLessThan(history.indexOf('2 of 2 seats ready'));
	}, 120_000);
});
