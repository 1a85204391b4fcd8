/**
 * The transport: a `net` server on loopback that hands each socket to an `http` or `http2` server
 * (see http2-sniff.ts), turns requests into SandboxHttpRequest (body size-limited), and writes
 * SandboxResponse back, including event-stream frames. Nothing a client sends can throw out of here:
 * protocol garbage closes that socket, and the server keeps serving.
 *
 * Nor can a client hold the server's memory or time (docs/security.md, 'Transport'): headers must arrive
 * within `headersTimeoutMs` and a whole request within `requestTimeoutMs` (HTTP/1.1 by node's own timers,
 * HTTP/2 streams by ours), HTTP/2 sessions get at most 100 streams at once, and the bodies being read at
 * any moment share one budget, `maxBufferedBytes`: a request that would go over it is answered 503
 * (AWS's "try again later", which the SDKs retry) instead of being buffered.
 */
import {createServer as createHttpServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttp2Server, constants as http2Constants, type Http2ServerRequest, type Http2ServerResponse, type Http2Session} from 'node:http2';
import {createServer as createNetServer, type Server as NetServer, type Socket} from 'node:net';
import type {SandboxHttpRequest, SandboxResponse} from './contracts.js';
import {sniffProtocol} from './http2-sniff.js';

export type Outcome = SandboxResponse | 'drop';

export interface ConnectionInfo {
	readonly remoteAddress: string;
	/** The address of ours the client reached (equal to remoteAddress when it runs on this machine). */
	readonly localAddress: string;
	/** The port the transport listens on. */
	readonly localPort: number;
}

/** How long a client may take, and how much of its bodies the server holds at once. */
export interface TransportLimits {
	/** Until the request's headers are complete (default 20 s). */
	readonly headersTimeoutMs: number;
	/** Until the whole request, body included, is received (default 60 s). */
	readonly requestTimeoutMs: number;
	/** The bytes of all request bodies being read at once (default 64 MiB). */
	readonly maxBufferedBytes: number;
}

export const defaultTransportLimits: TransportLimits = {headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, maxBufferedBytes: 64 * 1024 * 1024};

export interface TransportOptions {
	readonly host: string;
	readonly port: number;
	readonly maxBodyBytes: number;
	readonly limits?: Partial<TransportLimits>;
	readonly handle: (request: SandboxHttpRequest, connection: ConnectionInfo) => Promise<Outcome>;
	/** The answer to a body over the limit (AWS-shaped, in the protocol the headers suggest). */
	readonly tooLarge: (headers: Readonly<Record<string, string>>) => SandboxResponse;
	/** The answer when the bodies being read already fill `maxBufferedBytes` (AWS-shaped 503). */
	readonly busy: (headers: Readonly<Record<string, string>>) => SandboxResponse;
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
	const limits: TransportLimits = {...defaultTransportLimits, ...options.limits};
	const budget: BodyBudget = {limit: limits.maxBufferedBytes, used: 0};
	let port = options.port;

	const onRequest = (request: AnyRequest, response: AnyResponse): void => {
		void serve(request, response, options, limits, budget, port).catch((error: unknown) => {
			options.onFailure?.(error);
			destroy(request);
		});
	};

	const http1 = createHttpServer(
		{
			keepAliveTimeout: 30_000,
			headersTimeout: limits.headersTimeoutMs,
			requestTimeout: limits.requestTimeoutMs,
			// node checks both timeouts on this interval (30 s by default, longer than the timeouts themselves).
			connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
		},
		onRequest,
	);
	// The http server gets its sockets from the net server below and never listens itself, so the timer that
	// enforces headersTimeout and requestTimeout (started on 'listening') is started here.
	http1.emit('listening');
	http1.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
		// Garbage on the wire, or a request too slow to arrive: answer like any HTTP server would, then hang up.
		const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
		if (socket.writable && !socket.writableEnded) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
		socket.destroy();
	});
	const http2 = createHttp2Server({settings: {maxConcurrentStreams: 100}}, onRequest);
	http2.on('session', (session: Http2Session) => {
		sessions.add(session);
		// A session that opens no stream within the headers timeout (a bare preface) is closed.
		const idle = setTimeout(() => session.destroy(), limits.headersTimeoutMs);
		idle.unref();
		session.once('stream', () => clearTimeout(idle));
		session.once('close', () => clearTimeout(idle));
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
	port = typeof address === 'object' && address ? address.port : options.port;

	return {
		port,
		close: async () => {
			const closed = new Promise<void>((resolve) => net.close(() => resolve()));
			for (const session of sessions) session.destroy();
			for (const socket of sockets) socket.destroy();
			http1.closeAllConnections();
			// Stops the timeouts' timer; the server itself was never listening.
			http1.close(() => undefined);
			await closed;
		},
	};
}

async function serve(
	request: AnyRequest,
	response: AnyResponse,
	options: TransportOptions,
	limits: TransportLimits,
	budget: BodyBudget,
	port: number,
): Promise<void> {
	const headers = flattenHeaders(request);
	const body = await readBody(request, options.maxBodyBytes, limits.requestTimeoutMs, budget);
	if (body === 'too-large') {
		await send(response, options.tooLarge(headers));
		return;
	}
	if (body === 'busy') {
		await send(response, options.busy(headers), true);
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
		outcome = await options.handle(sandboxRequest, {
			remoteAddress: request.socket?.remoteAddress ?? '',
			localAddress: request.socket?.localAddress ?? '',
			localPort: port,
		});
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

/** The bytes of request bodies held at this moment, shared by every request of the transport. */
interface BodyBudget {
	readonly limit: number;
	used: number;
}

/**
 * Reads a body within the limits. Bodies over the limit are read to the end and discarded (up to 8x the
 * limit), so the client sees our 413 rather than a reset; a body that would take the shared budget over
 * its limit is 'busy' at once; one not complete within `timeoutMs` is cut off.
 */
function readBody(request: AnyRequest, limit: number, timeoutMs: number, budget: BodyBudget): Promise<Buffer | 'too-large' | 'busy' | 'aborted'> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let held = 0;
		let size = 0;
		let done = false;
		const release = (): void => {
			budget.used -= held;
			held = 0;
			chunks.length = 0;
		};
		const timer = setTimeout(() => {
			finish('aborted');
			cancel(request);
		}, timeoutMs);
		const finish = (value: 'complete' | 'too-large' | 'busy' | 'aborted'): void => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			const body = value === 'complete' ? Buffer.concat(chunks) : value;
			release();
			resolve(body);
		};
		request.on('data', (chunk: Buffer) => {
			if (done) return;
			size += chunk.length;
			if (size > limit * 8) {
				finish('aborted');
				destroy(request);
			} else if (size <= limit) {
				if (budget.used + chunk.length > budget.limit) {
					finish('busy');
					return;
				}
				chunks.push(chunk);
				held += chunk.length;
				budget.used += chunk.length;
			} else release();
		});
		request.on('end', () => finish(size > limit ? 'too-large' : 'complete'));
		request.on('error', () => finish('aborted'));
		request.on('close', () => finish('aborted'));
	});
}

/** Writes the answer; `close` ends the connection after it (HTTP/1.1) or resets the rest of the stream's body (HTTP/2). */
async function send(response: AnyResponse, outcome: SandboxResponse, close = false): Promise<void> {
	if (response.headersSent || isClosed(response)) return;
	const headers: Record<string, string> = {date: new Date().toUTCString(), ...outcome.headers};
	if (close && !('stream' in response)) headers['connection'] = 'close';
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

/** Gives up on one request: its HTTP/2 stream (the session's other streams go on) or its HTTP/1.1 connection. */
function cancel(request: AnyRequest): void {
	if ('stream' in request && request.stream) {
		request.stream.close(http2Constants.NGHTTP2_CANCEL);
		return;
	}
	request.socket?.destroy();
}

function destroy(request: AnyRequest): void {
	if ('stream' in request && request.stream) {
		// Dropping an HTTP/2 "connection" means the whole session, as a dead TCP connection would.
		request.stream.session?.destroy();
		request.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
		return;
	}
	request.socket?.destroy();
}
