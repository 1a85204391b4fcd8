/**
 * `check` on screen: the real check flow against the sandbox, rendered by the check screen with
 * ink-testing-library. The key is asked for (masked) when none was given, and the live table fills in.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createProbePort} from '../../source/aws/probes.js';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor, type Messages} from '../../source/core/i18n/index.js';
import {Secret} from '../../source/core/secret.js';
import {systemClock} from '../../source/flows/bounded.js';
import {runCheck, type CheckRunOptions} from '../../source/flows/check/runner.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {CheckApp} from '../../source/ui/check/check-app.js';
import {CheckTuiStore} from '../../source/ui/check/check-store.js';
import {checkTuiFrontEnd} from '../../source/ui/check/start-check-tui.js';
import {UiContext} from '../../source/ui/ui-context.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
let apiKey = '';
beforeAll(async () => {
	sandbox = await startTestSandbox();
	const dir = mkdtempSync(join(tmpdir(), 'bkw-check-tui-'));
	const made = await runCliCaptured(['create', ...onSandbox(sandbox, dir), '--user-name', 'screen-checked', '--models', 'amazon.nova-lite-v1:0'], {
		env: adminEnv(sandbox),
	});
	expect(made.code, made.stderr).toBe(0);
	apiKey = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(readFileSync(join(dir, '.env'), 'utf8'))![1]!;
});
afterAll(async () => sandbox.close());

/** The check screen at this size, and the real check flow (against the sandbox, in us-west-2) driving it. */
function renderCheck(messages: Messages, columns: number, rows: number) {
	const store = new CheckTuiStore();
	const app = render(
		<UiContext.Provider value={{messages, colour: false, motion: false, columns, rows}}>
			<CheckApp store={store} onInterrupt={() => {}} />
		</UiContext.Provider>,
	);
	const check = (input: Pick<CheckRunOptions, 'key' | 'expectations'>) =>
		runCheck(checkTuiFrontEnd(store, {yes: false, tighten: false}), {
			region: 'us-west-2',
			...input,
			probes: createProbePort(sandbox.endpoint),
			bundledCatalog: bundledCatalog(),
			messages,
			clock: systemClock,
			now: () => new Date(),
			budgetMs: 10_000,
			toolVersion: 'test',
		});
	return {app, check};
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const lang of ['en', 'ja'] as const) {
	describe(`the check screen (${lang})`, () => {
		it('asks for the key (masked), then shows the live table: the allowed model answers, a forbidden one is denied as expected', async () => {
			const messages = messagesFor(lang);
			const {app, check} = renderCheck(messages, 100, 30);
			try {
				const running = check({key: {kind: 'api-key'}, expectations: {kind: 'explicit', allowed: ['amazon.nova-lite-v1:0'], denied: [], streaming: false}});
				for (let i = 0; i < 100 && !app.lastFrame()?.includes(messages.check.promptKey); i++) await sleep(10);
				expect(app.lastFrame()).toContain(messages.check.promptKey);
				for (const char of apiKey) app.stdin.write(char);
				await sleep(20);
				expect(app.lastFrame()).not.toContain(apiKey.slice(4, 20));
				app.stdin.write('\r');
				const state = await running;
				await sleep(20);
				const frame = app.lastFrame() ?? '';
				expect(state.report?.pass).toBe(true);
				expect(frame).toContain(messages.check.tui.title);
				expect(frame).toMatch(new RegExp(`✓ +amazon\\.nova-lite-v1:0 +Converse +api-key +${messages.run.probe.expected.allow}`));
				expect(frame).toContain(messages.ui.verify.deniedAsExpected);
				expect(frame).not.toContain(apiKey.slice(4, 20));
			} finally {
				app.unmount();
			}
		});

		it('with no expectations: one line of counts by group while the models are tried, never a row per model', async () => {
			const messages = messagesFor(lang);
			const {app, check} = renderCheck(messages, 80, 24);
			try {
				const state = await check({key: {kind: 'api-key', secret: new Secret(apiKey)}, expectations: {kind: 'discover'}});
				await sleep(20);
				const frame = app.lastFrame() ?? '';
				const total = state.probes.length;
				expect(total).toBeGreaterThan(50);
				// Ink wraps a long line: compare without white space.
				const squeezed = (text: string): string => text.replace(/\s+/g, '');
				expect(squeezed(frame)).toContain(squeezed(messages.check.discovery.progress(total, total, 1, total - 1, 0)));
				expect(frame).not.toContain(messages.verify.finding['iam-denied'][0]);
				expect(frame.split('\n').length).toBeLessThan(10);
			} finally {
				app.unmount();
			}
		});
	});
}
