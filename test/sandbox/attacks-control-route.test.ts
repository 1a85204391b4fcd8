/**
 * Attacks on the control route, `/_sandbox/faults`, each as a case (issue 20; docs/security.md, 'The control
 * route'): a web page (text/plain, a foreign Origin, DNS rebinding), a caller without the admin token, a
 * client on another machine, a flood of rules; and `sandbox --host` for a class on a LAN.
 */
import {networkInterfaces} from 'node:os';
import {PassThrough} from 'node:stream';
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {CliIo} from '../../source/cli/io.js';
import {runCli} from '../../source/cli/program.js';
import {handleAdminRoute} from '../../source/sandbox/admin-route.js';
import {FaultInjector, maxFaultRules, startSandbox, type RunningSandbox} from '../../source/sandbox/index.js';
import {controlRoute, startTestSandbox} from '../helpers/sandbox.js';
import {fakeSignals} from '../helpers/signals.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

const url = (): string => `${sandbox.endpoint}/_sandbox/faults`;
const rule = {operation: 'CreateUser', kind: 'throttle', times: 1};
const noRulesAdded = (): void => expect(sandbox.faults.history()).toEqual([]);

describe('who may use the control route', () => {
	test('the admin token is long, random per sandbox, and differs from the admin secret', async () => {
		const other = await startTestSandbox();
		try {
			expect(sandbox.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(other.adminToken).not.toBe(sandbox.adminToken);
			expect(sandbox.adminToken).not.toBe(sandbox.admin.secretAccessKey);
		} finally {
			await other.close();
		}
	});

	test('attack: a POST without the token (what a web page can send) is refused 401; no rule is added', async () => {
		const response = await fetch(url(), {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(rule)});
		expect(response.status).toBe(401);
		expect(((await response.json()) as {message: string}).message).toContain('adminToken');
		expect((await fetch(url())).status, 'nor may it list them').toBe(401);
		expect((await fetch(url(), {method: 'DELETE'})).status).toBe(401);
		noRulesAdded();
	});

	test('attack: a wrong token, or the token in another header, is refused 401', async () => {
		for (const headers of <Array<Record<string, string>>>[
			{authorization: `Bearer ${sandbox.adminToken.slice(0, -1)}x`},
			{authorization: `Bearer ${sandbox.adminToken}x`},
			{authorization: sandbox.adminToken},
			{'x-admin-token': sandbox.adminToken},
			{authorization: `Bearer ${sandbox.admin.secretAccessKey}`},
		]) {
			const response = await fetch(url(), {method: 'POST', headers: {...headers, 'content-type': 'application/json'}, body: JSON.stringify(rule)});
			expect(response.status, JSON.stringify(Object.keys(headers))).toBe(401);
		}
		noRulesAdded();
	});

	test('attack: a text/plain POST (a form or no-cors fetch from a web page) is refused 415 even with the token', async () => {
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
			const response = await fetch(url(), {
				method: 'POST',
				headers: {authorization: `Bearer ${sandbox.adminToken}`, 'content-type': contentType},
				body: JSON.stringify(rule),
			});
			expect(response.status, contentType).toBe(415);
		}
		noRulesAdded();
	});

	test('attack: DNS rebinding (a page at evil.example resolved to 127.0.0.1 sends Host: evil.example) is refused 403', async () => {
		const port = sandbox.port;
		for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
			const response = await rawRequest({host, authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json'}, JSON.stringify(rule));
			expect(response.status, host).toBe(403);
		}
		noRulesAdded();
	});

	test('attack: a foreign Origin is refused 403, even with the right Host and token', async () => {
		for (const origin of ['http://evil.example', `http://evil.example:${sandbox.port}`, 'null', `https://127.0.0.1:${sandbox.port}.evil.example`]) {
			const response = await fetch(url(), {
				method: 'POST',
				headers: {origin, authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json'},
				body: JSON.stringify(rule),
			});
			expect(response.status, origin).toBe(403);
		}
		noRulesAdded();
		// The sandbox's own origin, as a page it served would send it, is fine.
		const own = await fetch(url(), {headers: {origin: `http://127.0.0.1:${sandbox.port}`, authorization: `Bearer ${sandbox.adminToken}`}});
		expect(own.status).toBe(200);
	});

	test('attack: a client on another machine is refused 403 whatever it sends', () => {
		const faults = new FaultInjector();
		const request = {
			method: 'POST',
			rawPath: '/_sandbox/faults',
			query: new URLSearchParams(),
			headers: {host: '192.168.1.20:4566', authorization: 'Bearer '.concat('t'.repeat(43)), 'content-type': 'application/json'},
			body: Buffer.from(JSON.stringify(rule)),
		};
		const answer = handleAdminRoute(request, {remoteAddress: '192.168.1.77', localAddress: '192.168.1.20', localPort: 4566}, faults, {
			token: 't'.repeat(43),
			host: '0.0.0.0',
		});
		expect(answer.status).toBe(403);
		expect(faults.history()).toEqual([]);
		// The same request from this machine (it reached its own LAN address) is the operator's.
		const own = handleAdminRoute(request, {remoteAddress: '192.168.1.20', localAddress: '192.168.1.20', localPort: 4566}, faults, {
			token: 't'.repeat(43),
			host: '0.0.0.0',
		});
		expect(own.status).toBe(200);
		expect(faults.history()).toHaveLength(1);
	});

	test(`attack: a flood of rules is capped at ${maxFaultRules}; a list that would pass the cap adds nothing`, async () => {
		const flood = Array.from({length: maxFaultRules + 1}, () => rule);
		const refused = await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: flood});
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as {message: string}).message).toContain(`At most ${maxFaultRules} fault rules`);
		noRulesAdded();
		for (let index = 0; index < maxFaultRules; index += 25)
			expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: flood.slice(0, 25)})).status).toBe(200);
		expect(sandbox.faults.history()).toHaveLength(maxFaultRules);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: rule})).status).toBe(400);
		expect(sandbox.faults.history()).toHaveLength(maxFaultRules);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {method: 'DELETE'})).status).toBe(200);
		expect((await controlRoute(sandbox.endpoint, sandbox.adminToken, {body: rule})).status).toBe(200);
		sandbox.faults.clear();
		// In-process and BKW_SANDBOX_FAULTS have the same cap.
		expect(() => new FaultInjector().addAll(flood as never)).toThrow(`At most ${maxFaultRules} fault rules`);
	});

	test('an admin token shorter than 32 characters is refused at start', async () => {
		await expect(startSandbox({port: 0, adminToken: 'short'})).rejects.toThrow('at least 32');
	});
});

/** A raw HTTP/1.1 POST, so the Host header can be anything (fetch sets its own). */
async function rawRequest(headers: Record<string, string>, body: string): Promise<{status: number}> {
	const {connect} = await import('node:net');
	return new Promise((resolve, reject) => {
		const socket = connect(sandbox.port, '127.0.0.1', () => {
			const lines = Object.entries({...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close'}).map(
				([name, value]) => `${name}: ${value}`,
			);
			socket.write(`POST /_sandbox/faults HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
		});
		let text = '';
		socket.on('data', (chunk) => (text += chunk.toString('latin1')));
		socket.on('close', () => resolve({status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)}));
		socket.on('error', reject);
	});
}

function fakeIo(env: Record<string, string> = {}) {
	const signals = fakeSignals();
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', (chunk) => (out += chunk));
	stderr.on('data', (chunk) => (err += chunk));
	const io: CliIo = {stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd(), signals};
	return {io, signals, out: () => out, err: () => err};
}

async function firstLine(
	fake: ReturnType<typeof fakeIo>,
): Promise<{endpoint: string; adminToken: string; accessKeyId: string; secretAccessKey: string; region: string}> {
	while (!fake.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
	return JSON.parse(fake.out().trim()) as never;
}

/** This machine's first IPv4 address other than loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
	.flat()
	.find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

describe('sandbox --host, for a class on a LAN', () => {
	test('by default the sandbox listens on 127.0.0.1 only, prints its adminToken, and warns of nothing', async () => {
		const fake = fakeIo();
		const exit = runCli(['sandbox', '--port', '0'], fake.io);
		const line = await firstLine(fake);
		expect(line.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(line.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(fake.err()).not.toContain('anyone who can reach this machine');
		if (lanAddress) {
			const port = new URL(line.endpoint).port;
			await expect(fetch(`http://${lanAddress}:${port}/`), 'not reachable on the LAN address').rejects.toThrow();
		}
		fake.signals.send('SIGTERM');
		expect(await exit).toBe(0);
	});

	test('--host 0.0.0.0 serves the network, with a warning in the language of the run (en, ja); the control route still wants the token', async () => {
		for (const lang of ['en', 'ja']) {
			const fake = fakeIo();
			const exit = runCli(['sandbox', '--port', '0', '--host', '0.0.0.0', '--lang', lang], fake.io);
			const line = await firstLine(fake);
			expect(line.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const port = Number(new URL(line.endpoint).port);
			expect(fake.err()).toContain(
				lang === 'en'
					? `! The sandbox listens on 0.0.0.0 port ${port}: anyone who can reach this machine can call it. It is a practice AWS for a class, not a multi-tenant service`
					: `! サンドボックスは 0.0.0.0 のポート ${port} で待ち受けています。`,
			);
			const sts = new STSClient({
				region: line.region,
				endpoint: lanAddress ? `http://${lanAddress}:${port}` : line.endpoint,
				credentials: {accessKeyId: line.accessKeyId, secretAccessKey: line.secretAccessKey},
				maxAttempts: 1,
			});
			expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/sandbox-admin');
			const base = lanAddress ? `http://${lanAddress}:${port}` : line.endpoint;
			expect((await fetch(`${base}/_sandbox/faults`)).status).toBe(401);
			expect((await controlRoute(base, line.adminToken)).status).toBe(200);
			fake.signals.send('SIGTERM');
			expect(await exit).toBe(0);
		}
	});

	test('--host with something that is not an address of this machine is a usage error (exit 2) that names it', async () => {
		for (const host of ['not-an-address', '203.0.113.9']) {
			const fake = fakeIo();
			expect(await runCli(['sandbox', '--port', '0', '--host', host], fake.io)).toBe(2);
			expect(fake.err()).toContain(`--host ${host} is not an IP address of this machine.`);
			expect(fake.out()).toBe('');
		}
	});
});
