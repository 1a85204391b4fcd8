/**
 * The create runner's pause gate (flows/pause-gate.ts), which the TUI closes while its quit dialog is open:
 * held during apply or verify, the run starts no AWS change and no call with the new key until the gate
 * opens (counted at the ports, never timed); a quit while held rolls back exactly what was made, the files
 * the run wrote included (an earlier .env put back as it was).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ListServiceSpecificCredentialsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsSession} from '../../source/aws/index.js';
import {nodeFiles} from '../../source/cli/files.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import type {CreateAnswers, CreateEvent, CreateState} from '../../source/flows/create/machine.js';
import type {CreateFrontEnd} from '../../source/flows/create/runner.js';
import {runCreateSession} from '../../source/flows/create/session.js';
import {PauseGate} from '../../source/flows/pause-gate.js';
import type {IamPort, ProbePort} from '../../source/flows/ports.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {adminSession, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 300});
});
afterAll(async () => sandbox.close());

/** Every IAM call that changes something, and every call with the new key, counted as it starts. */
interface Counted {
	readonly session: AwsSession;
	readonly started: string[];
}

const READS = /^(find|get|list|simulate|validate|check|whoAmI)/i;

function counted(session: AwsSession): Counted {
	const started: string[] = [];
	const iam = new Proxy(session.iam, {
		get(target, name, receiver) {
			const value = Reflect.get(target, name, receiver) as unknown;
			if (typeof value !== 'function' || typeof name !== 'string' || READS.test(name)) return value;
			return (...args: unknown[]) => {
				started.push(`iam:${name}`);
				return (value as (...a: unknown[]) => unknown).apply(target, args);
			};
		},
	}) as IamPort;
	const probes: ProbePort = {
		run: (request) => {
			started.push(`probe:${request.target}`);
			return session.probes.run(request);
		},
	};
	return {session: {...session, iam, probes} as AwsSession, started};
}

interface Held {
	/** What had started when the run stopped at the gate. */
	readonly startedWhenHeld: readonly string[];
	/** What had started just before the gate was opened (or the quit). */
	readonly startedWhileHeld: readonly string[];
}

/**
 * One run with every answer given. `holdWhen` is asked each time the runner comes to the gate (with the
 * latest state and how many times it came there in this step) and closes it the first time it says yes; once
 * the runner waits there, three round trips to the sandbox pass (the runner had every chance to go on),
 * then `release` opens the gate or quits.
 */
async function heldRun(options: {
	readonly userName: string;
	readonly outDir: string;
	readonly holdWhen: (state: CreateState, timesInStep: number) => boolean;
	readonly release: 'resume' | 'quit';
	readonly answers?: Partial<CreateAnswers>;
}): Promise<{state: CreateState; held: Held; started: readonly string[]}> {
	const gate = new PauseGate();
	const {session, started} = counted(adminSession(sandbox));
	let cancel: () => void = () => {};
	let holding = false;
	let held: Held | undefined;
	let latest: CreateState | undefined;
	const times = new Map<string, number>();
	const released = new Promise<void>((resolve) => {
		gate.onWaiting((waiting) => {
			if (!waiting || held) return;
			void (async () => {
				const startedWhenHeld = [...started];
				const iam = iamClient(sandbox);
				for (let i = 0; i < 3; i++) await iam.send(new ListUsersCommand({}));
				held = {startedWhenHeld, startedWhileHeld: [...started]};
				if (options.release === 'quit') cancel();
				gate.resume();
				resolve();
			})();
		});
	});
	const frontEnd: CreateFrontEnd = {
		ask: async (): Promise<CreateEvent> => {
			throw new Error('every answer was given');
		},
		onState: (state) => void (latest = state),
		gate: (signal) => {
			const step = latest?.step ?? '';
			times.set(step, (times.get(step) ?? 0) + 1);
			if (!holding && latest && options.holdWhen(latest, times.get(step)!)) {
				holding = true;
				gate.pause();
			}
			return gate.wait(signal);
		},
	};
	const answers: CreateAnswers = {
		region: 'us-west-2',
		modelIds: [TITAN_V2],
		keyKinds: ['api-key'],
		expiresInDays: 30,
		userName: options.userName,
		policyType: 'auto',
		guardrail: true,
		streaming: false,
		keepManagedPolicies: false,
		replaceKeys: false,
		outDir: options.outDir,
		confirmed: true,
		...options.answers,
	};
	const {state} = await runCreateSession(answers, frontEnd, {
		ports: session,
		files: nodeFiles(options.outDir),
		messages: messagesFor('en'),
		verifyTimeoutSeconds: 20,
		keepOnFailure: false,
		toolVersion: 'test',
		onRun: (stop) => (cancel = stop),
	});
	await released;
	session.close();
	expect(held, 'the run stopped at the gate').toBeDefined();
	return {state, held: held!, started};
}

const changes = (calls: readonly string[]): string[] => calls.filter((call) => call.startsWith('iam:'));
const probeCalls = (calls: readonly string[]): string[] => calls.filter((call) => call.startsWith('probe:'));

async function leftInIam(userName: string): Promise<{users: string[]; keys: number}> {
	const iam = iamClient(sandbox);
	const users = ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!).filter((name) => name === userName);
	const keys = (await iam.send(new ListServiceSpecificCredentialsCommand({AllUsers: true}))).ServiceSpecificCredentials ?? [];
	return {users, keys: keys.filter((key) => key.UserName === userName).length};
}

const outDir = (): string => mkdtempSync(join(tmpdir(), 'bkw-pause-'));

describe('held during apply (the user made, the policy not yet)', () => {
	it('starts no IAM change while held, then carries on to a working key once the gate opens', async () => {
		const dir = outDir();
		const {state, held, started} = await heldRun({
			userName: 'pause-apply-user',
			outDir: dir,
			holdWhen: (s) => s.applyLog.some((event) => event.type === 'step' && event.step === 'create-user' && event.status === 'done'),
			release: 'resume',
		});
		expect(changes(held.startedWhenHeld)).toEqual(['iam:createUser']);
		expect(held.startedWhileHeld).toEqual(held.startedWhenHeld);
		// After the gate opened: the rest of apply, then verify and save.
		expect(changes(started)).toEqual(['iam:createUser', 'iam:putUserPolicy', 'iam:createApiKey']);
		expect(state.status).toBe('done');
		expect(state.report?.pass).toBe(true);
		expect(existsSync(join(dir, '.env'))).toBe(true);
	}, 60_000);

	it('a quit while held rolls back the user, and nothing else was ever made', async () => {
		const dir = outDir();
		const {state, held, started} = await heldRun({
			userName: 'pause-apply-quit',
			outDir: dir,
			holdWhen: (s) => s.applyLog.some((event) => event.type === 'step' && event.step === 'create-user' && event.status === 'done'),
			release: 'quit',
		});
		expect(held.startedWhileHeld).toEqual(held.startedWhenHeld);
		expect(changes(started)).toEqual(['iam:createUser', 'iam:deleteUser']);
		expect(state.problem?.kind).toBe('cancelled');
		expect(state.rollback).toMatchObject({failed: [], undone: [{kind: 'user-created'}]});
		expect(await leftInIam('pause-apply-quit')).toEqual({users: [], keys: 0});
		expect(readdirSync(dir)).toEqual([]);
	}, 60_000);
});

describe('held during verify (the key made and being proven)', () => {
	it('calls with the new key stop while held; a quit then deletes the key, the policy and the user, and no file is written', async () => {
		const dir = outDir();
		const {state, held, started} = await heldRun({
			userName: 'pause-verify-quit',
			outDir: dir,
			holdWhen: (s) => s.probes.some((probe) => probe !== undefined),
			release: 'quit',
		});
		expect(probeCalls(held.startedWhenHeld).length).toBeGreaterThan(0);
		expect(held.startedWhileHeld).toEqual(held.startedWhenHeld);
		// Nothing with the key after the hold, and only the undo in IAM.
		expect(probeCalls(started)).toEqual(probeCalls(held.startedWhenHeld));
		expect(changes(started)).toEqual(['iam:createUser', 'iam:putUserPolicy', 'iam:createApiKey', 'iam:deleteApiKey', 'iam:deleteUserPolicy', 'iam:deleteUser']);
		expect(state.status).toBe('failed');
		expect(state.problem?.kind).toBe('cancelled');
		expect(state.saved).toBeUndefined();
		expect(state.rollback?.failed).toEqual([]);
		expect(await leftInIam('pause-verify-quit')).toEqual({users: [], keys: 0});
		expect(readdirSync(dir)).toEqual([]);
	}, 60_000);
});

describe('held in the save step, after the files were written', () => {
	it('a quit deletes the files the run wrote and puts an earlier .env back as it was, with the changes in IAM', async () => {
		const dir = outDir();
		const earlier = 'DATABASE_URL=postgres://localhost/app\n';
		writeFileSync(join(dir, '.env'), earlier, {mode: 0o600});
		writeFileSync(join(dir, 'policy.json'), '{"earlier": true}\n');
		const {state, held} = await heldRun({
			userName: 'pause-save-quit',
			outDir: dir,
			// The step's first gate lets it write the files; the second comes before anything is deleted for good.
			holdWhen: (s, timesInStep) => s.step === 'save' && timesInStep === 2,
			release: 'quit',
		});
		expect(held.startedWhileHeld).toEqual(held.startedWhenHeld);
		expect(state.problem?.kind).toBe('cancelled');
		expect(state.rollback?.failed).toEqual([]);
		expect(state.rollback?.files).toEqual({
			removed: [join(dir, 'bedrock-key-report.json')],
			restored: [join(dir, '.env'), join(dir, 'policy.json')],
			failed: [],
		});
		expect(readFileSync(join(dir, '.env'), 'utf8')).toBe(earlier);
		expect(readFileSync(join(dir, 'policy.json'), 'utf8')).toBe('{"earlier": true}\n');
		expect(readdirSync(dir).sort()).toEqual(['.env', 'policy.json']);
		expect(await leftInIam('pause-save-quit')).toEqual({users: [], keys: 0});
	}, 60_000);

	it('a quit deletes the new folder the files went in, and takes the line it added to .gitignore back out', async () => {
		const repo = outDir();
		execFileSync('git', ['init', '-q', repo]);
		writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
		const dir = join(repo, 'pause-save-folder');
		const {state} = await heldRun({
			userName: 'pause-save-folder',
			outDir: dir,
			holdWhen: (s, timesInStep) => s.step === 'save' && timesInStep === 2,
			release: 'quit',
			answers: {gitignore: true},
		});
		expect(state.problem?.kind).toBe('cancelled');
		expect(state.rollback?.files?.failed).toEqual([]);
		expect(state.rollback?.files?.removed).toContain(dir);
		expect(state.rollback?.files?.restored).toEqual([join(repo, '.gitignore')]);
		expect(existsSync(dir)).toBe(false);
		expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules\n');
		expect(await leftInIam('pause-save-folder')).toEqual({users: [], keys: 0});
	}, 60_000);

	it('a run that is not held keeps its files, and the copies taken for an undo are gone', async () => {
		const dir = outDir();
		writeFileSync(join(dir, 'policy.json'), '{"earlier": true}\n');
		const {state} = await heldRun({userName: 'pause-save-done', outDir: dir, holdWhen: (s) => s.step === 'save', release: 'resume'});
		expect(state.status).toBe('done');
		expect(readdirSync(dir).sort()).toEqual(['.env', 'bedrock-key-report.json', 'policy.json']);
		expect(readFileSync(join(dir, 'policy.json'), 'utf8')).toContain('Statement');
	}, 60_000);
});
