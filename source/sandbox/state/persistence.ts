/**
 * `--state FILE`: the account as JSON, written atomically (temp file + rename, so a crash never leaves
 * half a file) with mode 0600 (it holds secrets). A file that cannot be read back is an error naming
 * it: silently starting empty would lose someone's users and keys.
 */
import {chmodSync, existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import type {AccountData} from './model.js';

export class SandboxStateError extends Error {
	constructor(
		readonly path: string,
		reason: string,
	) {
		super(`The sandbox state file ${path} cannot be used: ${reason}`);
		this.name = 'SandboxStateError';
	}
}

export function loadState(path: string): AccountData | undefined {
	if (!existsSync(path)) return undefined;
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new SandboxStateError(path, error instanceof Error ? error.message : String(error));
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new SandboxStateError(path, 'it is not valid JSON (was it edited by hand or truncated?)');
	}
	const problem = shapeProblem(parsed);
	if (problem) throw new SandboxStateError(path, problem);
	// Files written before customer managed policies existed have none.
	const data = parsed as Omit<AccountData, 'policies'> & {policies?: AccountData['policies']};
	return {...data, policies: data.policies ?? []};
}

export function saveState(path: string, data: AccountData): void {
	const temporary = `${path}.${process.pid}.tmp`;
	writeFileSync(temporary, `${JSON.stringify(data, null, '\t')}\n`, {mode: 0o600});
	// writeFileSync's mode applies only on creation; a leftover temp file keeps its old mode otherwise.
	chmodSync(temporary, 0o600);
	renameSync(temporary, path);
}

function shapeProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return 'expected a JSON object';
	const record = value as Record<string, unknown>;
	if (record['version'] !== 1) return `unknown version ${JSON.stringify(record['version'])} (expected 1)`;
	if (typeof record['accountId'] !== 'string' || !/^\d{12}$/.test(record['accountId'])) return 'accountId must be 12 digits';
	for (const list of ['users', 'accessKeys', 'serviceCredentials', 'modelAgreements']) {
		if (!Array.isArray(record[list])) return `"${list}" must be a list`;
	}
	for (const user of record['users'] as unknown[]) {
		const fields = user as Record<string, unknown> | null;
		if (
			!fields ||
			typeof fields['userName'] !== 'string' ||
			typeof fields['arn'] !== 'string' ||
			typeof fields['inlinePolicies'] !== 'object' ||
			!Array.isArray(fields['attachedPolicies'])
		) {
			return 'a user record is incomplete';
		}
	}
	if (record['policies'] !== undefined) {
		if (!Array.isArray(record['policies'])) return '"policies" must be a list';
		for (const policy of record['policies'] as unknown[]) {
			const fields = policy as Record<string, unknown> | null;
			if (
				!fields ||
				typeof fields['arn'] !== 'string' ||
				typeof fields['policyName'] !== 'string' ||
				typeof fields['defaultVersionId'] !== 'string' ||
				!Array.isArray(fields['versions']) ||
				!(fields['versions'] as unknown[]).some((version) => (version as Record<string, unknown> | null)?.['versionId'] === fields['defaultVersionId'])
			) {
				return 'a managed policy record is incomplete';
			}
		}
	}
	for (const key of record['accessKeys'] as unknown[]) {
		const fields = key as Record<string, unknown> | null;
		if (!fields || typeof fields['accessKeyId'] !== 'string' || typeof fields['secretAccessKey'] !== 'string') return 'an access key record is incomplete';
	}
	for (const credential of record['serviceCredentials'] as unknown[]) {
		const fields = credential as Record<string, unknown> | null;
		if (!fields || typeof fields['id'] !== 'string' || typeof fields['secret'] !== 'string') return 'a service credential record is incomplete';
	}
	return undefined;
}
