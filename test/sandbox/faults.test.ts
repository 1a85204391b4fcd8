import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {CreateUserCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterEach, describe, expect, test} from 'vitest';
import {FaultInjector, FaultSpecError, parseFaultList, type RunningSandbox} from '../../source/sandbox/index.js';
import {controlRoute, FaultNeverFiredError, iamClient, rejection, runtimeClient, startTestSandbox, withFault, withFaultCounted} from '../helpers/sandbox.js';
import {takeSandboxInternalErrors} from '../helpers/sandbox-errors.js';
import {startTransport} from '../../source/sandbox/server.js';

const converse = new ConverseCommand({modelId: 'amazon.nova-lite-v1:0', messages: [{role: 'user', content: [{text: 'hi'}]}]});
const running: RunningSandbox[] = [];
afterEach(async () => {
	for (const sandbox of running.splice(0)) await sandbox.close();
});
const start = async (faults = '') => {
	const sandbox = await startTestSandbox({faults});
	running.push(sandbox);
	return sandbox;
};

describe('fault injection', () => {
	test("throttle N times, in each protocol's shape, then normal service", async () => {
		const sandbox = await start();
		sandbox.faults.add({operation: 'Converse', kind: 'throttle', times: 2});
		sandbox.faults.add({operation: 'ListUsers', kind: 'throttle', times: 1});
		const first = await rejection(runtimeClient(sandbox).send(converse));
		expect(first.name).toBe('ThrottlingException');
		expect(first.$metadata?.httpStatusCode).toBe(429);
		expect((await rejection(runtimeClient(sandbox).send(converse))).name).toBe('ThrottlingException');
		await runtimeClient(sandbox).send(converse);
		const iam = await rejection(iamClient(sandbox).send(new ListUsersCommand({})));
		expect(iam.name).toBe('Throttling');
		expect(iam.$metadata?.httpStatusCode).toBe(400);
		await iamClient(sandbox).send(new ListUsersCommand({}));
	});

	test("the SDK's own retries ride out a short throttle", async () => {
		const sandbox = await start();
		sandbox.faults.add({operation: 'Converse', kind: 'throttle', times: 1});
		const result = await runtimeClient(sandbox, {maxAttempts: 3}).send(converse);
		expect(result.$metadata.attempts).toBe(2);
	});

	test('500 and 503 from the environment variable syntax', async () => {
		const sandbox = await start('CreateUser:5xx:1,Converse:503:1');
		const iam = await rejection(iamClient(sandbox).send(new CreateUserCommand({UserName: 'x'})));
		expect(iam.$metadata?.httpStatusCode).toBe(500);
		expect(iam.name).toBe('InternalFailure');
		const runtime = await rejection(runtimeClient(sandbox).send(converse));
		expect(runtime.$metadata?.httpStatusCode).toBe(503);
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'x'}));
		// Injected, so not the sandbox's own failure.
		expect(sandbox.internalErrors).toEqual([]);
	});

	test('each rule counts how often it fired; `after` lets the first calls through', async () => {
		const sandbox = await start();
		const later = sandbox.faults.add({operation: 'ListUsers', kind: '500', times: 2, after: 1});
		const unused = sandbox.faults.add({operation: 'DeleteUser', kind: 'throttle', times: 1});
		await iamClient(sandbox).send(new ListUsersCommand({}));
		expect(later.fired).toBe(0);
		expect((await rejection(iamClient(sandbox).send(new ListUsersCommand({})))).$metadata?.httpStatusCode).toBe(500);
		expect((await rejection(iamClient(sandbox).send(new ListUsersCommand({})))).$metadata?.httpStatusCode).toBe(500);
		await iamClient(sandbox).send(new ListUsersCommand({}));
		expect({fired: later.fired, remaining: later.remaining}).toEqual({fired: 2, remaining: 0});
		expect(unused.fired).toBe(0);
		// Spent rules leave the list but stay in the history, with their counts, until cleared.
		expect(sandbox.faults.list().map((rule) => rule.operation)).toEqual(['DeleteUser']);
		expect(sandbox.faults.history().map((rule) => [rule.operation, rule.fired])).toEqual([
			['ListUsers', 2],
			['DeleteUser', 0],
		]);
		const listed = (await (await controlRoute(sandbox.endpoint, sandbox.adminToken)).json()) as {history: Array<{operation: string; fired: number}>};
		expect(listed.history.map((rule) => [rule.operation, rule.fired])).toEqual([
			['ListUsers', 2],
			['DeleteUser', 0],
		]);
	});

	test('withFault fails a test whose fault never fired', async () => {
		const sandbox = await start();
		await expect(
			withFault(sandbox, {operation: 'DeleteUser', kind: '500', times: 1}, () => iamClient(sandbox).send(new ListUsersCommand({}))),
		).rejects.toBeInstanceOf(FaultNeverFiredError);
		const counted = await withFaultCounted(sandbox, {operation: 'ListUsers', kind: 'throttle', times: 3}, () =>
			iamClient(sandbox, {maxAttempts: 3})
				.send(new ListUsersCommand({}))
				.catch(() => 'refused'),
		);
		expect(counted).toEqual({result: 'refused', fired: 3});
		expect(sandbox.faults.history()).toEqual([]);
	});

	test("a 5xx no fault injected is reported as the sandbox's internal error, and fails the test", async () => {
		const sandbox = await start();
		// A sandbox bug, planted: reading IAM's state throws.
		Object.assign(sandbox.store, {
			live: () => {
				throw new TypeError('planted bug');
			},
		});
		const error = await rejection(iamClient(sandbox).send(new ListUsersCommand({})));
		expect(error.$metadata?.httpStatusCode).toBe(500);
		expect(sandbox.internalErrors).toEqual([{where: 'iam ListUsers', status: 500, message: 'TypeError: planted bug'}]);
		// What test/setup.ts would have failed this test with; taken here so it does not.
		expect(takeSandboxInternalErrors()).toEqual(['sandbox internal error in iam ListUsers (500): TypeError: planted bug']);
	});

	test('latency delays the answer; drop closes the connection (HTTP/2 and HTTP/1.1)', async () => {
		const sandbox = await start();
		sandbox.faults.add({operation: 'Converse', kind: 'latency', times: 1, latencyMs: 150});
		const started = performance.now();
		await runtimeClient(sandbox).send(converse);
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);

		sandbox.faults.add({operation: 'Converse', kind: 'drop', times: 1});
		const dropped = await rejection(runtimeClient(sandbox).send(converse));
		expect(dropped.$metadata?.httpStatusCode).toBeUndefined();
		await runtimeClient(sandbox).send(converse);

		sandbox.faults.add({operation: 'ListUsers', kind: 'drop', times: 1});
		expect((await rejection(iamClient(sandbox).send(new ListUsersCommand({})))).$metadata?.httpStatusCode).toBeUndefined();
		await iamClient(sandbox).send(new ListUsersCommand({}));
	});

	test('the control route adds, lists and clears rules (with the admin token)', async () => {
		const sandbox = await start();
		const added = await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: {operation: 'ListUsers', kind: '503', times: 1}});
		expect(added.status).toBe(200);
		expect(((await (await controlRoute(sandbox.endpoint, sandbox.adminToken)).json()) as {faults: unknown[]}).faults).toHaveLength(1);
		expect((await rejection(iamClient(sandbox).send(new ListUsersCommand({})))).$metadata?.httpStatusCode).toBe(503);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: [{operation: '*', kind: 'throttle', times: 5}]})).status).toBe(200);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {method: 'DELETE'})).status).toBe(200);
		await iamClient(sandbox).send(new ListUsersCommand({}));
	});

	test('the transport reports a handler that throws, and answers 500', async () => {
		const failures: unknown[] = [];
		const transport = await startTransport({
			host: '127.0.0.1',
			port: 0,
			maxBodyBytes: 1024,
			handle: () => Promise.reject(new RangeError('planted')),
			tooLarge: () => ({status: 413}),
			busy: () => ({status: 503}),
			internalError: () => ({status: 500, body: 'internal'}),
			onFailure: (error) => failures.push(error),
		});
		try {
			expect((await fetch(`http://127.0.0.1:${transport.port}/`)).status).toBe(500);
			expect(failures.map((error) => (error as Error).message)).toEqual(['planted']);
		} finally {
			await transport.close();
		}
	});

	test('bad specs are refused with a reason', () => {
		expect(parseFaultList('Converse:throttle:3,CreateUser:latency:1:250')).toEqual([
			{operation: 'Converse', kind: 'throttle', times: 3},
			{operation: 'CreateUser', kind: 'latency', times: 1, latencyMs: 250},
		]);
		expect(() => parseFaultList('Converse:explode:1')).toThrow(FaultSpecError);
		expect(() => parseFaultList('Converse:throttle:0')).toThrow(/at least 1/);
		expect(() => new FaultInjector().add({operation: 'Converse', kind: 'drop', after: -1})).toThrow(/after must be/);
	});
});
