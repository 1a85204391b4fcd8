/**
 * The AWS Query protocol as IAM and STS speak it: form-encoded input (`Tags.member.1.Key=...`),
 * XML output wrapped in `<XResponse><XResult>`, and `<ErrorResponse>` errors.
 */
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

/** Query input: the form body (and, like AWS, the URL query of a GET) as one parameter set. */
export class QueryInput {
	constructor(readonly params: URLSearchParams) {}

	static fromRequest(body: Buffer, query: URLSearchParams): QueryInput {
		const params = new URLSearchParams(query);
		if (body.length > 0) for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
		return new QueryInput(params);
	}

	get action(): string | undefined {
		return this.params.get('Action') ?? undefined;
	}

	optional(name: string): string | undefined {
		return this.params.get(name) ?? undefined;
	}

	/** A missing required member is AWS's ValidationError, worded as IAM words it. */
	required(name: string): string {
		const value = this.params.get(name);
		if (value === null || value === '') {
			throw new AwsServiceError(
				'ValidationError',
				`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
				400,
			);
		}
		return value;
	}

	boolean(name: string): boolean | undefined {
		const value = this.params.get(name);
		if (value === null) return undefined;
		return value.toLowerCase() === 'true';
	}

	integer(name: string, min: number, max: number): number | undefined {
		const value = this.params.get(name);
		if (value === null) return undefined;
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

	/** `Name.member.N` strings in index order. */
	list(name: string): string[] {
		return this.indexes(`${name}.member.`).map((index) => this.params.get(`${name}.member.${index}`) ?? '');
	}

	/** `Name.member.N.Field` structures in index order. */
	structures(name: string): Array<Record<string, string>> {
		const prefix = `${name}.member.`;
		return this.indexes(prefix).map((index) => {
			const fields: Record<string, string> = {};
			const itemPrefix = `${prefix}${index}.`;
			for (const [key, value] of this.params) if (key.startsWith(itemPrefix)) fields[key.slice(itemPrefix.length)] = value;
			return fields;
		});
	}

	private indexes(prefix: string): number[] {
		const found = new Set<number>();
		for (const key of this.params.keys()) {
			if (!key.startsWith(prefix)) continue;
			const index = Number.parseInt(key.slice(prefix.length), 10);
			if (Number.isInteger(index) && index > 0) found.add(index);
		}
		return [...found].sort((a, b) => a - b);
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

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
