/**
 * Attacks on the transport that try to hold the server's time or memory, each as a case (issue 20;
 * docs/security.md, 'Transport'): slow headers, a slow body (HTTP/1.1 and HTTP/2), an HTTP/2 session that
 * never opens a stream, and many large bodies held open at once. Each time another client is served
 * normally meanwhile. The limits are shortened for the test (the defaults: 20 s, 60 s, 64 MiB).
 */
import {connect as connectHttp2, constants as http2Constants} from 'node:http2';
import {connect, type Socket} from 'node:net';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {defaultTransportLimits, type RunningSandbox} from '../../source/sandbox/index.js';
import {startTestSandbox, stsClient} from '../helpers/sandbox.js';

const limits = {headersTimeoutMs: 1000, requestTimeoutMs: 1500, maxBufferedBytes: 300 * 1024};
const maxBodyBytes = 200 * 1024;

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({limits, maxBodyBytes});
	// The SDK's first call loads and connects; later ones measure the server.
	await stsClient(sandbox).send(new GetCallerIdentityCommand({}));
});
afterAll(async () => {
	await sandbox.close();
});

/** Another client, served normally while the attack goes on (`attackOpen` says whether it still does). */
async function servedNormally(attackOpen: () => boolean = () => true): Promise<void> {
	const started = performance.now();
	expect((await stsClient(sandbox).send(new GetCallerIdentityCommand({}))).Arn).toBe(sandbox.admin.arn);
	// Served before the attack was cut off: the server did not wait for it (bounded by the attack's own limit).
	expect(attackOpen(), `the attack was still going on after ${Math.round(performance.now() - started)} ms`).toBe(true);
}

/** Opens a socket, writes `first`, and resolves with what came back and how long the server kept it open. */
function holdOpen(
	first: string | Buffer,
	drip?: {every: number; bytes: string},
): {socket: Socket; open: () => boolean; closed: Promise<{received: string; openMs: number}>} {
	const started = performance.now();
	const socket = connect(sandbox.port, '127.0.0.1', () => socket.write(first));
	let received = '';
	let timer: NodeJS.Timeout | undefined;
	if (drip) timer = setInterval(() => socket.writable && socket.write(drip.bytes), drip.every);
	socket.on('data', (chunk) => (received += chunk.toString('latin1')));
	let open = true;
	const closed = new Promise<{received: string; openMs: number}>((resolve) => {
		socket.on('close', () => {
			open = false;
			clearInterval(timer);
			resolve({received, openMs: performance.now() - started});
		});
		socket.on('error', () => undefined);
	});
	return {socket, open: () => open, closed};
}

describe('time: no client can hold a connection open without finishing its request', () => {
	test('the defaults: headers within 20 s, a request within 60 s, 64 MiB of bodies held at once', () => {
		expect(defaultTransportLimits).toEqual({headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, maxBufferedBytes: 64 * 1024 * 1024});
	});

	test('attack: slow headers (slowloris, a header line every 100 ms) are cut off with 408 after the headers timeout', async () => {
		const {open, closed} = holdOpen('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n', {every: 100, bytes: 'X-Slow: a\r\n'});
		await servedNormally(open);
		const {received, openMs} = await closed;
		expect(received).toMatch(/^HTTP\/1\.1 408/);
		expect(openMs).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50);
		expect(openMs).toBeLessThan(limits.headersTimeoutMs + 1500);
	});

	test('attack: a slow body (a byte every 100 ms of a promised 1,000) is cut off after the request timeout', async () => {
		const {open, closed} = holdOpen('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nA', {
			every: 100,
			bytes: 'a',
		});
		await servedNormally(open);
		const {openMs} = await closed;
		expect(openMs).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
		expect(openMs).toBeLessThan(limits.requestTimeoutMs + 1500);
	});

	test('attack: an HTTP/2 stream whose body never ends is cancelled after the request timeout; the same session serves another stream meanwhile', async () => {
		const session = connectHttp2(sandbox.endpoint);
		try {
			const started = performance.now();
			const slow = session.request({':method': 'POST', ':path': '/model/x/converse', 'content-type': 'application/json'});
			slow.write('{');
			const slowClosed = new Promise<{code: number; ms: number}>((resolve) => {
				slow.on('close', () => resolve({code: slow.rstCode ?? -1, ms: performance.now() - started}));
				slow.on('error', () => undefined);
			});
			const other = await new Promise<number>((resolve, reject) => {
				const stream = session.request({':method': 'POST', ':path': '/model/x/converse', 'content-type': 'application/json'});
				stream.on('response', (headers) => resolve(Number(headers[':status'])));
				stream.on('error', reject);
				stream.resume();
				stream.end('{}');
			});
			expect(other, 'no credentials: an answer, promptly').toBe(403);
			const {code, ms} = await slowClosed;
			expect(code).toBe(http2Constants.NGHTTP2_CANCEL);
			expect(ms).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
			expect(ms).toBeLessThan(limits.requestTimeoutMs + 1500);
		} finally {
			session.destroy();
		}
	});

	test('attack: an HTTP/2 preface and settings with no stream ever is closed after the headers timeout', async () => {
		const started = performance.now();
		const session = connectHttp2(sandbox.endpoint);
		session.on('error', () => undefined);
		const ms = await new Promise<number>((resolve) => session.on('close', () => resolve(performance.now() - started)));
		expect(ms).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50);
		expect(ms).toBeLessThan(limits.headersTimeoutMs + 1500);
		await servedNormally();
	});
});

describe('memory: the bodies being read share one budget', () => {
	test('attack: large bodies held open at once get 503 ServiceUnavailable once the budget is spent; a small request is still served, and the budget comes back', async () => {
		const chunk = 'a'.repeat(160 * 1024);
		const head = (length: number) =>
			`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
		// Two uploads of 190 KiB (under the 200 KiB body limit) each send 160 KiB and stop: more than the 300 KiB budget.
		const first = holdOpen(head(190 * 1024) + chunk);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const second = holdOpen(head(190 * 1024) + chunk);
		const secondAnswer = await second.closed;
		expect(secondAnswer.received).toMatch(/^HTTP\/1\.1 503/);
		expect(secondAnswer.received).toContain('<Code>ServiceUnavailable</Code>');
		expect(secondAnswer.received.toLowerCase()).toContain('connection: close');
		expect(secondAnswer.openMs, 'refused at once, not after a timeout').toBeLessThan(limits.requestTimeoutMs);
		await servedNormally(first.open);
		first.socket.destroy();
		await first.closed;
		// The first upload's share is back: a full one goes through to the platform (which asks for credentials).
		const third = holdOpen(head(190 * 1024) + 'a'.repeat(190 * 1024));
		const {received} = await third.closed;
		expect(received).toMatch(/^HTTP\/1\.1 403/);
		expect(received).toContain('MissingAuthenticationToken');
	});
});
