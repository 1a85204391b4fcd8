import {connect} from 'node:net';
import {connect as connectHttp2} from 'node:http2';
import {request as httpRequest, Agent} from 'node:http';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {startTestSandbox, stsClient} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({maxBodyBytes: 64 * 1024});
});
afterAll(async () => {
	await sandbox.close();
});

/** Sends raw bytes and collects whatever comes back until the server closes (or 2 s pass). */
function rawExchange(bytes: Buffer | string): Promise<string> {
	return new Promise((resolve) => {
		const socket = connect(sandbox.port, '127.0.0.1');
		let received = '';
		socket.on('data', (chunk) => (received += chunk.toString('latin1')));
		socket.on('close', () => resolve(received));
		socket.on('error', () => resolve(received));
		socket.setTimeout(2000, () => socket.destroy());
		socket.write(bytes);
	});
}

interface PlainResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}, agent?: Agent): Promise<PlainResponse> {
	return new Promise((resolve, reject) => {
		const request = httpRequest({host: '127.0.0.1', port: sandbox.port, path, method: 'POST', headers, ...(agent ? {agent} : {})}, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, headers: response.headers, body: text}));
		});
		request.on('error', reject);
		request.end(body);
	});
}

async function stillServing(): Promise<void> {
	const identity = await stsClient(sandbox).send(new GetCallerIdentityCommand({}));
	expect(identity.Arn).toBe(sandbox.admin.arn);
}

describe('one port, two protocols', () => {
	test('HTTP/1.1 clients (IAM/STS) and a cleartext HTTP/2 client share the port', async () => {
		await stillServing();
		const session = connectHttp2(sandbox.endpoint);
		try {
			const status = await new Promise<number>((resolve, reject) => {
				const stream = session.request({':method': 'POST', ':path': '/model/amazon.nova-lite-v1%3A0/converse', 'content-type': 'application/json'});
				stream.on('response', (headers) => resolve(Number(headers[':status'])));
				stream.on('error', reject);
				stream.end('{}');
			});
			// No credentials: the platform answered over HTTP/2 with AWS's missing-token error.
			expect(status).toBe(403);
		} finally {
			session.close();
		}
	});

	test('keep-alive: several requests reuse one connection', async () => {
		const agent = new Agent({keepAlive: true, maxSockets: 1});
		const sockets = new Set<unknown>();
		for (let index = 0; index < 3; index++) {
			await new Promise<void>((resolve, reject) => {
				const request = httpRequest(
					{host: '127.0.0.1', port: sandbox.port, path: '/', method: 'POST', agent, headers: {'content-type': 'application/x-www-form-urlencoded'}},
					(response) => {
						sockets.add(response.socket);
						response.resume();
						response.on('end', () => resolve());
					},
				);
				request.on('error', reject);
				request.end('Action=GetCallerIdentity&Version=2011-06-15');
			});
		}
		agent.destroy();
		expect(sockets.size).toBe(1);
	});
});

describe('bad input never stops the server', () => {
	test('garbage bytes get a 400 and a closed socket', async () => {
		const answer = await rawExchange(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0d, 0x0a, 0x0d, 0x0a, 0xff]));
		expect(answer).toMatch(/^HTTP\/1\.1 400/);
		await stillServing();
	});

	test('a broken HTTP/2 preface closes the socket', async () => {
		await rawExchange('PRI * HTTP/2.0\r\n\r\nXX\r\n\r\ngarbage-after-a-bad-preface');
		await stillServing();
	});

	test('a socket closed mid-request does no harm', async () => {
		await new Promise<void>((resolve) => {
			const socket = connect(sandbox.port, '127.0.0.1', () => {
				socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nAction=');
				setTimeout(() => {
					socket.destroy();
					resolve();
				}, 20);
			});
		});
		await stillServing();
	});

	test('an oversize body gets 413 in the protocol the request used', async () => {
		const big = Buffer.alloc(100 * 1024, 'a');
		const query = await post('/', big, {'content-type': 'application/x-www-form-urlencoded'});
		expect(query.status).toBe(413);
		expect(query.body).toContain('<Code>RequestEntityTooLarge</Code>');
		const json = await post('/model/x/converse', big, {'content-type': 'application/json'});
		expect(json.status).toBe(413);
		expect(json.headers['x-amzn-errortype']).toBe('RequestEntityTooLarge');
		await stillServing();
	});

	test('no credentials: AWS missing-token errors for both protocols', async () => {
		const query = await post('/', 'Action=ListUsers&Version=2010-05-08', {'content-type': 'application/x-www-form-urlencoded'});
		expect(query.status).toBe(403);
		expect(query.body).toContain('<Code>MissingAuthenticationToken</Code>');
		const json = await post('/policy/validation', '{', {'content-type': 'application/json'});
		expect(json.status).toBe(403);
		expect(json.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
	});

	test('a malformed Authorization header is IncompleteSignature', async () => {
		const response = await post('/', 'Action=ListUsers', {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: 'AWS4-HMAC-SHA256 Credential=nonsense',
		});
		expect(response.status).toBe(400);
		expect(response.body).toContain('<Code>IncompleteSignature</Code>');
		await stillServing();
	});

	test('the control route answers unknown paths and bad JSON without falling over', async () => {
		const operator = {host: `127.0.0.1:${sandbox.port}`, authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json'};
		expect((await post('/_sandbox/nothing', '', operator)).status).toBe(404);
		expect((await post('/_sandbox/faults', '{not json', operator)).status).toBe(400);
		expect((await post('/_sandbox/faults', JSON.stringify({operation: 'X', kind: 'explode'}), operator)).status).toBe(400);
		expect((await post('/_sandbox/faults', JSON.stringify([null, 7]), operator)).status).toBe(400);
		await stillServing();
	});
});
