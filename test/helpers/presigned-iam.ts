/**
 * IAM calls signed by the sandbox's admin ahead of time, so that sending one costs the caller nothing but the
 * write, and the sandbox's own time on a call, read from its log. No vitest here: bench/sandbox.bench.ts
 * imports it too, with test/sandbox/attacks-limits.test.ts.
 */
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import type {RunningSandbox} from '../../source/sandbox/index.js';

/** Signs the IAM query call `params` once; the function sends it (again and again) and reads the answer. */
export async function presignedIamCall(sandbox: RunningSandbox, params: Record<string, string>): Promise<() => Promise<{status: number; text: string}>> {
	const body = new URLSearchParams({...params, Version: '2010-05-08'}).toString();
	const signer = new SignatureV4({service: 'iam', region: sandbox.region, credentials: sandbox.admin, sha256: Hash.bind(null, 'sha256')});
	const signed = await signer.sign({
		method: 'POST',
		protocol: 'http:',
		hostname: '127.0.0.1',
		port: sandbox.port,
		path: '/',
		headers: {host: `127.0.0.1:${sandbox.port}`, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
		body,
	});
	return async () => {
		const response = await fetch(`${sandbox.endpoint}/`, {method: 'POST', headers: signed.headers as Record<string, string>, body});
		return {status: response.status, text: await response.text()};
	};
}

/** How long the sandbox spent on the last call of `operation`, from its log (`METHOD service Operation status 12.3ms`). */
export function serverMsOf(lines: readonly string[], operation: string): number {
	const line = [...lines].reverse().find((entry) => entry.includes(` ${operation} `));
	const match = line?.match(/ (\d+(?:\.\d+)?)ms$/);
	if (!match) throw new Error(`no log line for ${operation}`);
	return Number(match[1]);
}
