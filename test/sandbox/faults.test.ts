import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {CreateUserCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {afterEach, describe, expect, test} from 'vitest';
import {FaultSpecError, parseFaultList, type RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, rejection, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';

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
	test('throttle N times, in each protocol\'s shape, then normal service', async () => {
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

	test('the SDK\'s own retries ride out a short throttle', async () => {
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

	test('the loopback control route adds, lists and clears rules', async () => {
		const sandbox = await start();
		const added = await fetch(`${sandbox.endpoint}/_sandbox/faults`, {method: 'POST', body: JSON.stringify({operation: 'ListUsers', kind: '503', times: 1})});
		expect(added.status).toBe(200);
		expect(((await (await fetch(`${sandbox.endpoint}/_sandbox/faults`)).json()) as {faults: unknown[]}).faults).toHaveLength(1);
		expect((await rejection(iamClient(sandbox).send(new ListUsersCommand({})))).$metadata?.httpStatusCode).toBe(503);
		await fetch(`${sandbox.endpoint}/_sandbox/faults`, {method: 'POST', body: JSON.stringify([{operation: '*', kind: 'throttle', times: 5}])});
		await fetch(`${sandbox.endpoint}/_sandbox/faults`, {method: 'DELETE'});
		await iamClient(sandbox).send(new ListUsersCommand({}));
	});

	test('bad specs are refused with a reason', () => {
		expect(parseFaultList('Converse:throttle:3,CreateUser:latency:1:250')).toEqual([
			{operation: 'Converse', kind: 'throttle', times: 3},
			{operation: 'CreateUser', kind: 'latency', times: 1, latencyMs: 250},
		]);
		expect(() => parseFaultList('Converse:explode:1')).toThrow(FaultSpecError);
		expect(() => parseFaultList('Converse:throttle:0')).toThrow(/at least 1/);
	});
});
