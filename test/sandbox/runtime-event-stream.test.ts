import {EventStreamCodec} from '@smithy/core/event-streams';
import {describe, expect, it} from 'vitest';
import {crc32, encodeEvent, encodeEventStreamMessage, encodeException} from '../../source/sandbox/runtime/event-stream.js';

// The SDK's own decoder is the oracle: it checks both CRCs and the lengths.
const codec = new EventStreamCodec(
	(bytes) => Buffer.from(bytes).toString('utf8'),
	(text) => Buffer.from(text, 'utf8'),
);

describe('event-stream framing', () => {
	it('computes the IEEE CRC-32 (check value of "123456789")', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		expect(crc32(Buffer.alloc(0))).toBe(0);
	});

	it('encodes an event the SDK decoder accepts, headers and payload intact', () => {
		const frame = encodeEvent('contentBlockDelta', {delta: {text: 'héllo'}, contentBlockIndex: 0});
		const message = codec.decode(frame);
		expect(message.headers).toEqual({
			':event-type': {type: 'string', value: 'contentBlockDelta'},
			':content-type': {type: 'string', value: 'application/json'},
			':message-type': {type: 'string', value: 'event'},
		});
		expect(JSON.parse(Buffer.from(message.body).toString('utf8'))).toEqual({delta: {text: 'héllo'}, contentBlockIndex: 0});
	});

	it('writes the prelude: total length, headers length, prelude CRC', () => {
		const frame = encodeEventStreamMessage({a: 'b'}, Buffer.from('xyz'));
		const headersLength = 1 + 1 + 1 + 2 + 1;
		expect(frame.readUInt32BE(0)).toBe(frame.length);
		expect(frame.readUInt32BE(4)).toBe(headersLength);
		expect(frame.length).toBe(12 + headersLength + 3 + 4);
		expect(frame.readUInt32BE(8)).toBe(crc32(frame, 0, 8));
		expect(frame.readUInt32BE(frame.length - 4)).toBe(crc32(frame, 0, frame.length - 4));
	});

	it('is rejected by the decoder when one byte is corrupted (the CRCs mean something)', () => {
		const frame = encodeEvent('chunk', {bytes: 'e30='});
		const payloadByte = Buffer.from(frame);
		payloadByte.writeUInt8((payloadByte.at(-6) ?? 0) ^ 0xff, payloadByte.length - 6);
		expect(() => codec.decode(payloadByte)).toThrow(/checksum/i);
		const preludeByte = Buffer.from(frame);
		preludeByte.writeUInt8((preludeByte.at(5) ?? 0) ^ 0x01, 5);
		expect(() => codec.decode(preludeByte)).toThrow();
	});

	it('encodes modelled exceptions with :exception-type', () => {
		const message = codec.decode(encodeException('throttlingException', 'slow down'));
		expect(message.headers[':message-type']?.value).toBe('exception');
		expect(message.headers[':exception-type']?.value).toBe('throttlingException');
		expect(JSON.parse(Buffer.from(message.body).toString('utf8'))).toEqual({message: 'slow down'});
	});

	it('handles an empty payload and many frames back to back', () => {
		const frames = [encodeEventStreamMessage({}, Buffer.alloc(0)), encodeEvent('a', {}), encodeEvent('b', [1, 2])];
		const stream = Buffer.concat(frames);
		let offset = 0;
		const types: string[] = [];
		while (offset < stream.length) {
			const length = stream.readUInt32BE(offset);
			const message = codec.decode(stream.subarray(offset, offset + length));
			types.push(String(message.headers[':event-type']?.value ?? '(none)'));
			offset += length;
		}
		expect(types).toEqual(['(none)', 'a', 'b']);
	});
});
