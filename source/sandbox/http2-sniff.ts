/**
 * One port for HTTP/1.1 and cleartext HTTP/2 "with prior knowledge": the Bedrock Runtime client speaks
 * HTTP/2, the other clients (and curl, the AWS CLI) HTTP/1.1. An HTTP/2 client opens with the
 * connection preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 section 3.4), and no HTTP/1 method is
 * spelled PRI, so the first three bytes decide which server gets the socket.
 */
import type {Socket} from 'node:net';

const prefaceStart = Buffer.from('PRI', 'latin1');

export type WireProtocol = 'http1' | 'http2';

/** Waits for the first bytes, puts them back, and reports the protocol. */
export function sniffProtocol(socket: Socket, decide: (protocol: WireProtocol) => void): void {
	let seen: Buffer = Buffer.alloc(0);
	const onData = (chunk: Buffer): void => {
		seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
		if (seen.length < prefaceStart.length && prefaceStart.subarray(0, seen.length).equals(seen)) return;
		socket.removeListener('data', onData);
		socket.pause();
		socket.unshift(seen);
		decide(seen.subarray(0, prefaceStart.length).equals(prefaceStart) ? 'http2' : 'http1');
		// The receiving server attaches its readers synchronously in its 'connection' handler.
		process.nextTick(() => socket.resume());
	};
	socket.on('data', onData);
}
