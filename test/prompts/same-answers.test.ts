/**
 * The front ends drive one machine, so the same answers must give the same policy and the same report
 * (timestamps, latencies, ids and user names aside): the Ink TUI, the line prompts and the headless path.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {starterModels} from '../../source/core/catalog/presets.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {VerificationReport} from '../../source/core/verify/report.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, onSandbox} from '../helpers/cli.js';
import {adminEnv, startTestSandbox} from '../helpers/sandbox.js';
import {keys, runInTerminal} from './fake-terminal.js';
import {keys as tuiKeys, startWizard} from '../ui/harness.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 100});
});
afterAll(async () => sandbox.close());

/** The answers every front end is given: the starter pair, a long-term key for 30 days. */
const MODELS = starterModels(bundledCatalog(), 'us-west-2');

interface Made {
	readonly code: number;
	readonly policy: string;
	readonly report: VerificationReport;
	readonly stdout: string;
	readonly stderr: string;
}

const common = (dir: string): string[] => ['create', ...onSandbox(sandbox, dir), '--verify-timeout', '30', '--yes'];
const admin = (): Record<string, string> => adminEnv(sandbox);
/** A prompt's words, as a pattern that matches them literally. */
const asked = (words: string): RegExp => new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

function collect(dir: string, run: {code: number; stdout: string; stderr: string}): Made {
	return {
		...run,
		policy: readFileSync(join(dir, 'policy.json'), 'utf8'),
		report: JSON.parse(readFileSync(join(dir, 'bedrock-key-report.json'), 'utf8')) as VerificationReport,
	};
}

export const frontEnds: Record<string, (userName: string) => Promise<Made>> = {
	async headless(userName) {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-same-'));
		const run = await runCliCaptured(
			[...common(dir), '--models', MODELS.join(','), '--key', 'api-key', '--expires-in-days', '30', '--user-name', userName, '--policy-type', 'auto'],
			{
				env: admin(),
			},
		);
		return collect(dir, run);
	},
	async plain(userName) {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-same-'));
		const terminal = runInTerminal([...common(dir), '--plain'], admin());
		// Each question as the table words it; the starter pair is pre-picked, the defaults are the headless ones.
		const words = messagesFor('en').questions;
		// What will use the key: nothing picked, as headless without --client.
		await terminal.answer(asked(words.clients.prompt), keys.enter);
		await terminal.answer(asked(words.modelIds.prompt), keys.enter);
		await terminal.answer(asked(words.keyKinds.prompt), keys.enter);
		await terminal.answer(asked(words.expiresInDays.prompt), keys.enter);
		await terminal.answer(asked(words.userName.prompt), keys.type(userName));
		await terminal.answer(asked(words.policyType.prompt), keys.enter);
		await terminal.answer(asked(words.confirmed.prompt(undefined)), keys.type('y'));
		return collect(dir, await terminal.done);
	},
	async tui(userName) {
		const wizard = startWizard({sandbox, userName, askClients: true});
		try {
			await wizard.waitFor('Signed in to AWS');
			await wizard.press(tuiKeys.enter);
			await wizard.waitFor('us-west-2');
			await wizard.type('us-west-2');
			await wizard.press(tuiKeys.enter);
			// "What will use this key?": none picked, as the --plain walk answers it.
			await wizard.waitFor('What will use this key?');
			await wizard.press(tuiKeys.enter);
			// The starter pair is the first entry of the model list.
			await wizard.waitFor('★');
			// The filter has the focus first: tab to the list, then space takes the starter pair.
			await wizard.press(tuiKeys.tab, tuiKeys.space);
			await wizard.waitFor('2 models selected');
			await wizard.press(tuiKeys.enter);
			await wizard.waitFor('✓ new user');
			await wizard.press(tuiKeys.enter);
			await wizard.waitFor('Review: what will be made for');
			await wizard.press(tuiKeys.enter);
			const done = await wizard.waitFor(/Done: the key works exactly as chosen|did not work/, 30_000);
			await wizard.press('q');
			const {state} = await wizard.result;
			return collect(wizard.outDir, {code: state.report?.pass ? 0 : 1, stdout: done, stderr: state.problem?.message ?? ''});
		} finally {
			wizard.close();
		}
	},
};

/** What may differ between two runs: when, how fast, which ids and whose user. */
function comparable(report: VerificationReport, userName: string): unknown {
	const text = JSON.stringify(report).replaceAll(userName, '<user>');
	const {createdAt: _c, elapsedMs: _e, keys: keyList, tool: _t, ...rest} = JSON.parse(text) as VerificationReport;
	return {
		...rest,
		keys: keyList?.map((key) => ({type: key.type})),
		probes: rest.probes.map(({latencyMs: _l, attempts: _a, ...probe}) => {
			const {usage: _u, ...kept} = probe as typeof probe & {usage?: unknown};
			return kept;
		}),
	};
}

describe('the same answers in every front end', () => {
	const made: Record<string, Made> = {};
	beforeAll(async () => {
		for (const [name, make] of Object.entries(frontEnds)) made[name] = await make(`same-${name}`);
	}, 120_000);

	it('each front end made a working key', () => {
		for (const [name, result] of Object.entries(made)) expect(result.code, `${name}: ${result.stderr}`).toBe(0);
	});

	it('gives the same policy', () => {
		const [first, ...rest] = Object.values(made);
		for (const result of rest) expect(result.policy).toBe(first!.policy);
	});

	it('gives the same report, modulo timestamps, latency, ids and user names', () => {
		const entries = Object.entries(made);
		const [firstName, first] = entries[0]!;
		for (const [name, result] of entries.slice(1)) expect(comparable(result.report, `same-${name}`)).toEqual(comparable(first.report, `same-${firstName}`));
	});

	it('the plain mode asked on stderr and kept stdout for results; the key shows nowhere', () => {
		const plain = made['plain']!;
		expect(plain.stdout).toContain('Saved');
		expect(plain.stdout).not.toContain('Models the key may call');
		const envFile = readFileSync(plain.report.userName ? join(plain.stdout.match(/^ {2}(\/\S+\.env)/m)![1]!) : '', 'utf8');
		const secret = /^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m.exec(envFile)![1]!;
		expect(plain.stdout + plain.stderr + plain.policy + JSON.stringify(plain.report)).not.toContain(secret.slice(4, 30));
	});
});
