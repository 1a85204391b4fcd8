/**
 * The AWS Query protocol as IAM and STS speak it: form-encoded input (`Tags.member.1.Key=...`),
 * XML output wrapped in `<XResponse><XResult>`, and `<ErrorResponse>` errors.
 */
import {unescape} from 'node:querystring';
import {AwsServiceError, type SandboxResponse} from '../contracts.js';

export const iamNamespace = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A list rendered as `<member>` children (how Query services serialize lists). */
export class XmlMembers {
	constructor(readonly items: readonly XmlValue[]) {}
}

/** A map rendered as `<entry><key/><value/></entry>` children. */
export class XmlEntries {
	constructor(readonly entries: Readonly<Record<string, string>>) {}
}

export type XmlValue = string | number | boolean | Date | undefined | XmlMembers | XmlEntries | XmlFields;
export interface XmlFields {
	readonly [name: string]: XmlValue;
}

const escapes: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;'};
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** IAM's timestamps are ISO 8601 with seconds precision. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function renderXml(value: XmlValue): string {
	if (value === undefined) return '';
	if (typeof value === 'string') return escapeXml(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return isoSeconds(value);
	if (value instanceof XmlMembers) return value.items.map((item) => `<member>${renderXml(item)}</member>`).join('');
	if (value instanceof XmlEntries)
		return Object.entries(value.entries)
			.map(([key, entry]) => `<entry><key>${escapeXml(key)}</key><value>${escapeXml(entry)}</value></entry>`)
			.join('');
	let out = '';
	for (const [name, child] of Object.entries(value)) {
		if (child === undefined) continue;
		out += `<${name}>${renderXml(child)}</${name}>`;
	}
	return out;
}

export function queryResponse(action: string, namespace: string, result: XmlFields | undefined, requestId: string): SandboxResponse {
	const resultXml = result === undefined ? '' : `<${action}Result>${renderXml(result)}</${action}Result>`;
	const body = `<${action}Response xmlns="${namespace}">${resultXml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
	return {status: 200, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body};
}

export function queryError(error: AwsServiceError, namespace: string, requestId: string): SandboxResponse {
	const body =
		`<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
		`<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
	return {status: error.status, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body};
}

/** One `Name.member.N` entry: its own value (a list of strings) and its `.Field` values (a list of structures). */
interface Member {
	value: string | undefined;
	readonly fields: Record<string, string>;
}

/**
 * Query input: the form body (and, like AWS, the URL query of a GET) as one parameter set. A list is
 * gathered in one pass over the parameters the first time it is read: each `Name.member.N[.Field]` lands
 * in its place at once, so a list of 10,000 members costs 10,000 steps, not 10,000 scans of every parameter (docs/security.md, 'State,
 * limits and memory').
 */
export class QueryInput {
	private readonly values = new Map<string, string>();
	private readonly members = new Map<string, Map<number, Member>>();

	constructor(private readonly pairs: ReadonlyArray<readonly [string, string]>) {
		for (const [key, value] of pairs) {
			// URLSearchParams.get answers the first value of a repeated name; so does `optional`.
			if (!this.values.has(key)) this.values.set(key, value);
		}
	}

	static fromRequest(body: Buffer, query: URLSearchParams): QueryInput {
		const pairs: Array<readonly [string, string]> = [...query];
		if (body.length > 0) readForm(body.toString('utf8'), pairs);
		return new QueryInput(pairs);
	}

	get action(): string | undefined {
		return this.values.get('Action');
	}

	optional(name: string): string | undefined {
		return this.values.get(name);
	}

	/** A missing required member is AWS's ValidationError, worded as IAM words it. */
	required(name: string): string {
		const value = this.values.get(name);
		if (value === undefined || value === '') {
			throw new AwsServiceError(
				'ValidationError',
				`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
				400,
			);
		}
		return value;
	}

	boolean(name: string): boolean | undefined {
		const value = this.values.get(name);
		if (value === undefined) return undefined;
		return value.toLowerCase() === 'true';
	}

	integer(name: string, min: number, max: number): number | undefined {
		const value = this.values.get(name);
		if (value === undefined) return undefined;
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
			throw new AwsServiceError(
				'ValidationError',
				`1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
				400,
			);
		}
		return parsed;
	}

	/** How many `Name.member.N` entries the call has, without reading them: limits are checked first. */
	count(name: string): number {
		return this.membersOf(name).size;
	}

	/** The members of one list, gathered in one pass over the call's parameters the first time it is asked for. */
	private membersOf(name: string): Map<number, Member> {
		const known = this.members.get(name);
		if (known) return known;
		const list = new Map<number, Member>();
		const prefix = `${name}.member.`;
		for (const [key, value] of this.pairs) {
			if (!key.startsWith(prefix)) continue;
			const dot = key.indexOf('.', prefix.length);
			const digits = dot < 0 ? key.slice(prefix.length) : key.slice(prefix.length, dot);
			const index = Number(digits);
			if (!Number.isInteger(index) || index < 1 || String(index) !== digits) continue;
			let member = list.get(index);
			if (!member) list.set(index, (member = {value: undefined, fields: {}}));
			if (dot < 0) member.value ??= value;
			else member.fields[key.slice(dot + 1)] = value;
		}
		this.members.set(name, list);
		return list;
	}

	/** `Name.member.N` strings in index order. */
	list(name: string): string[] {
		return this.ordered(name).map((member) => member.value ?? '');
	}

	/** `Name.member.N.Field` structures in index order. */
	structures(name: string): Array<Record<string, string>> {
		return this.ordered(name).map((member) => ({...member.fields}));
	}

	private ordered(name: string): Member[] {
		const list = this.membersOf(name);
		return [...list.entries()].sort((a, b) => a[0] - b[0]).map(([, member]) => member);
	}
}

/** Reads `Prefix.member.N.Field.member.M` lists inside a structure read by `structures`. */
export function nestedList(fields: Readonly<Record<string, string>>, name: string): string[] {
	const prefix = `${name}.member.`;
	return Object.entries(fields)
		.filter(([key]) => key.startsWith(prefix))
		.map(([key, value]) => [Number.parseInt(key.slice(prefix.length), 10), value] as const)
		.filter(([index]) => Number.isInteger(index))
		.sort((a, b) => a[0] - b[0])
		.map(([, value]) => value);
}

/**
 * `application/x-www-form-urlencoded` as URLSearchParams reads it (`+` is a space, a bad `%` escape stays
 * as written), in one pass over the text: URLSearchParams took several times as long on 20,000 pairs.
 */
function readForm(text: string, into: Array<readonly [string, string]>): void {
	let start = 0;
	while (start < text.length) {
		let end = text.indexOf('&', start);
		if (end < 0) end = text.length;
		if (end > start) {
			const equals = text.indexOf('=', start);
			const split = equals >= 0 && equals < end ? equals : end;
			into.push([decodeFormPart(text.slice(start, split)), split < end ? decodeFormPart(text.slice(split + 1, end)) : '']);
		}
		start = end + 1;
	}
}

function decodeFormPart(text: string): string {
	if (!text.includes('%') && !text.includes('+')) return text;
	return unescape(text.replaceAll('+', ' '));
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
