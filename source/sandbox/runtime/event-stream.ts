/**
 * The AWS event-stream binary framing (application/vnd.amazon.eventstream) that ConverseStream and
 * InvokeModelWithResponseStream answer with. One message:
 *
 *   total length (u32 BE) | headers length (u32 BE) | prelude CRC32 (u32 BE) | headers | payload | message CRC32 (u32 BE)
 *
 * The message CRC covers everything before it, prelude CRC included. Headers here are all strings
 * (type 7): name length (u8), name, 7, value length (u16 BE), value.
 */

const crcTable = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (IEEE 802.3, reflected, the one zlib and the SDK's codec use). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
	let crc = 0xffffffff;
	for (let i = start; i < end; i++) crc = (crcTable[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const stringHeaderType = 7;

function encodeHeaders(headers: Readonly<Record<string, string>>): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		if (nameBytes.length > 255) throw new RangeError(`event-stream header name too long: ${name}`);
		if (valueBytes.length > 0xffff) throw new RangeError(`event-stream header value too long: ${name}`);
		const fixed = Buffer.alloc(1 + nameBytes.length + 1 + 2);
		fixed.writeUInt8(nameBytes.length, 0);
		nameBytes.copy(fixed, 1);
		fixed.writeUInt8(stringHeaderType, 1 + nameBytes.length);
		fixed.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
		parts.push(fixed, valueBytes);
	}
	return Buffer.concat(parts);
}

export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array): Buffer {
	const headerBytes = encodeHeaders(headers);
	const total = 12 + headerBytes.length + payload.length + 4;
	const message = Buffer.alloc(total);
	message.writeUInt32BE(total, 0);
	message.writeUInt32BE(headerBytes.length, 4);
	message.writeUInt32BE(crc32(message, 0, 8), 8);
	headerBytes.copy(message, 12);
	Buffer.from(payload).copy(message, 12 + headerBytes.length);
	message.writeUInt32BE(crc32(message, 0, total - 4), total - 4);
	return message;
}

/** An event of the stream's union (`messageStart`, `contentBlockDelta`, `chunk`, ...) with a JSON payload. */
export function encodeEvent(eventType: string, payload: unknown): Buffer {
	return encodeEventStreamMessage(
		{':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event'},
		Buffer.from(JSON.stringify(payload), 'utf8'),
	);
}

/** A modelled exception inside the stream (e.g. `throttlingException`), as the SDK expects it. */
export function encodeException(exceptionType: string, message: string): Buffer {
	return encodeEventStreamMessage(
		{':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception'},
		Buffer.from(JSON.stringify({message}), 'utf8'),
	);
}

export const eventStreamContentType = 'application/vnd.amazon.eventstream';
