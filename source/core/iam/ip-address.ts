/**
 * IPv4 and IPv6 addresses and CIDR ranges for the IpAddress / NotIpAddress operators.
 * AWS: "The IpAddress condition operator ... uses the CIDR format"; a bare address means a /32 (or /128) range.
 */

interface ParsedAddress {
	readonly family: 4 | 6;
	readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) {
		return undefined;
	}
	let value = 0n;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
			return undefined;
		}
		value = (value << 8n) | BigInt(Number(part));
	}
	return value;
}

function parseIpv6(text: string): bigint | undefined {
	let head = text;
	let tailV4: bigint | undefined;
	// An embedded IPv4 tail (::ffff:192.0.2.1) takes the last two groups.
	const lastColon = head.lastIndexOf(':');
	if (head.slice(lastColon + 1).includes('.')) {
		tailV4 = parseIpv4(head.slice(lastColon + 1));
		if (tailV4 === undefined) {
			return undefined;
		}
		head = `${head.slice(0, lastColon + 1)}0:0`;
	}
	const halves = head.split('::');
	if (halves.length > 2) {
		return undefined;
	}
	const toGroups = (part: string): string[] => (part === '' ? [] : part.split(':'));
	const left = toGroups(halves[0]!);
	const right = halves.length === 2 ? toGroups(halves[1]!) : [];
	const missing = 8 - left.length - right.length;
	if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
		return undefined;
	}
	const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
	let value = 0n;
	for (const group of groups) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
			return undefined;
		}
		value = (value << 16n) | BigInt(Number.parseInt(group, 16));
	}
	if (tailV4 !== undefined) {
		value = (value & ~0xffffffffn) | tailV4;
	}
	return value;
}

export function parseIpAddress(text: string): ParsedAddress | undefined {
	const v4 = parseIpv4(text);
	if (v4 !== undefined) {
		return {family: 4, value: v4};
	}
	if (text.includes(':')) {
		const v6 = parseIpv6(text);
		if (v6 !== undefined) {
			return {family: 6, value: v6};
		}
	}
	return undefined;
}

export interface CidrRange {
	readonly family: 4 | 6;
	readonly network: bigint;
	readonly prefixLength: number;
}

export function parseCidr(text: string): CidrRange | undefined {
	const [addressText, prefixText, ...extra] = text.trim().split('/');
	if (addressText === undefined || extra.length > 0) {
		return undefined;
	}
	const address = parseIpAddress(addressText);
	if (!address) {
		return undefined;
	}
	const bits = address.family === 4 ? 32 : 128;
	if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) {
		return undefined;
	}
	const prefixLength = prefixText === undefined ? bits : Number(prefixText);
	if (prefixLength > bits) {
		return undefined;
	}
	return {family: address.family, network: address.value >> BigInt(bits - prefixLength), prefixLength};
}

export function cidrContains(range: CidrRange, addressText: string): boolean {
	const address = parseIpAddress(addressText.trim());
	if (!address || address.family !== range.family) {
		return false;
	}
	const bits = range.family === 4 ? 32 : 128;
	return address.value >> BigInt(bits - range.prefixLength) === range.network;
}
