/**
 * The transport: a `net` server on loopback that hands each socket to an `http` or `http2` server
 * (see http2-sniff.ts), turns requests into SandboxHttpRequest (body size-limited), and writes
 * SandboxResponse back, including event-stream frames. Nothing a client sends can throw out of here:
 * protocol garbage closes that socket, and the server keeps serving.
 */
import {createServer as createHttpServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttp2Server, constants as http2Constants, type Http2ServerRequest, type Http2ServerResponse, type Http2Session} from 'node:http2';
import {createServer as createNetServer, type Server as NetServer, type Socket} from 'node:net';
import type {SandboxHttpRequest, SandboxResponse} from './contracts.js';
import {sniffProtocol} from './http2-sniff.js';

export type Outcome = SandboxResponse | 'drop';

export interface ConnectionInfo {
	readonly remoteAddress: string;
}

export interface TransportOptions {
	readonly host: string;
	readonly port: number;
	readonly maxBodyBytes: number;
	readonly handle: (request: SandboxHttpRequest, connection: ConnectionInfo) => Promise<Outcome>;
	/** The answer to a body over the limit (AWS-shaped, in the protocol the headers suggest). */
	readonly tooLarge: (headers: Readonly<Record<string, string>>) => SandboxResponse;
	/** Last-resort answer when `handle` itself fails. */
	readonly internalError: (headers: Readonly<Record<string, string>>) => SandboxResponse;
	/** Told when `handle` throws, or a response cannot be written (a bug, never the client's doing). */
	readonly onFailure?: (error: unknown) => void;
}

export interface Transport {
	readonly port: number;
	close(): Promise<void>;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

export async function startTransport(options: TransportOptions): Promise<Transport> {
	const sockets = new Set<Socket>();
	const sessions = new Set<Http2Session>();

	const onRequest = (request: AnyRequest, response: AnyResponse): void => {
		void serve(request, response, options).catch((error: unknown) => {
			options.onFailure?.(error);
			destroy(request);
		});
	};

	const http1 = createHttpServer({keepAliveTimeout: 30_000, requestTimeout: 60_000}, onRequest);
	http1.on('clientError', (_error, socket: Socket) => {
		// Garbage on the wire: answer like any HTTP server would, then hang up.
		if (socket.writable && !socket.writableEnded) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		socket.destroy();
	});
	const http2 = createHttp2Server({}, onRequest);
	http2.on('session', (session: Http2Session) => {
		sessions.add(session);
		session.on('close', () => sessions.delete(session));
		session.on('error', () => session.destroy());
	});
	http2.on('sessionError', () => undefined);

	const net: NetServer = createNetServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		// A connection that never says anything is not kept forever.
		socket.setTimeout(120_000, () => socket.destroy());
		sniffProtocol(socket, (protocol) => (protocol === 'http2' ? http2 : http1).emit('connection', socket));
	});

	await new Promise<void>((resolve, reject) => {
		net.once('error', reject);
		net.listen(options.port, options.host, () => {
			net.removeListener('error', reject);
			resolve();
		});
	});
	net.on('error', () => undefined);
	const address = net.address();
	const port = typeof address === 'object' && address ? address.port : options.port;

	return {
		port,
		close: async () => {
			const closed = new Promise<void>((resolve) => net.close(() => resolve()));
			for (const session of sessions) session.destroy();
			for (const socket of sockets) socket.destroy();
			http1.closeAllConnections();
			await closed;
		},
	};
}

async function serve(request: AnyRequest, response: AnyResponse, options: TransportOptions): Promise<void> {
	const headers = flattenHeaders(request);
	const body = await readBody(request, options.maxBodyBytes);
	if (body === 'too-large') {
		await send(response, options.tooLarge(headers));
		return;
	}
	if (body === 'aborted') return;
	const target = request.url ?? '/';
	const queryAt = target.indexOf('?');
	const sandboxRequest: SandboxHttpRequest = {
		method: (request.method ?? 'GET').toUpperCase(),
		rawPath: queryAt === -1 ? target : target.slice(0, queryAt),
		query: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)),
		headers,
		body,
	};
	let outcome: Outcome;
	try {
		outcome = await options.handle(sandboxRequest, {remoteAddress: request.socket?.remoteAddress ?? ''});
	} catch (error) {
		options.onFailure?.(error);
		outcome = options.internalError(headers);
	}
	if (outcome === 'drop') {
		destroy(request);
		return;
	}
	await send(response, outcome);
}

function flattenHeaders(request: AnyRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		// HTTP/2 pseudo-headers are dropped, except :authority, which the SDK signs like a header.
		if (value === undefined || (name.startsWith(':') && name !== ':authority')) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value);
	}
	// HTTP/2 carries the host in :authority; SigV4 signs it as `host`.
	const authority = request.headers[':authority'];
	if (headers['host'] === undefined && typeof authority === 'string') headers['host'] = authority;
	return headers;
}

/** Bodies over the limit are read to the end and discarded (up to 8x the limit), so the client sees our 413 rather than a reset. */
function readBody(request: AnyRequest, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const finish = (value: Buffer | 'too-large' | 'aborted'): void => {
			if (done) return;
			done = true;
			resolve(value);
		};
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit * 8) {
				finish('aborted');
				destroy(request);
			} else if (size <= limit) chunks.push(chunk);
			else chunks.length = 0;
		});
		request.on('end', () => finish(size > limit ? 'too-large' : Buffer.concat(chunks)));
		request.on('error', () => finish('aborted'));
		request.on('close', () => finish('aborted'));
	});
}

async function send(response: AnyResponse, outcome: SandboxResponse): Promise<void> {
	if (response.headersSent || isClosed(response)) return;
	const headers: Record<string, string> = {date: new Date().toUTCString(), ...outcome.headers};
	if (outcome.frames) {
		response.writeHead(outcome.status, headers);
		for await (const frame of outcome.frames) {
			if (isClosed(response)) return;
			if (!(response as ServerResponse).write(frame)) await new Promise<void>((resolve) => response.once('drain', () => resolve()));
		}
		response.end();
		return;
	}
	const body = outcome.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(outcome.body) ? outcome.body : Buffer.from(outcome.body, 'utf8');
	headers['content-length'] = String(body.length);
	response.writeHead(outcome.status, headers);
	(response as ServerResponse).end(body);
}

const isClosed = (response: AnyResponse): boolean => response.destroyed || response.writableEnded;

function destroy(request: AnyRequest): void {
	if ('stream' in request && request.stream) {
		// Dropping an HTTP/2 "connection" means the whole session, as a dead TCP connection would.
		request.stream.session?.destroy();
		request.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
		return;
	}
	request.socket?.destroy();
}
