/**
 * `--state FILE`: the account as JSON. The file holds every secret of the account in clear text (secret
 * access keys, API keys), so it is written as a file of secrets on a shared machine must be
 * (docs/security.md, 'State, limits and memory'): a temporary file with a random name beside it, created
 * exclusively (`wx`: never a file or symlink someone else put there) with mode 0600 from its first byte,
 * written, fsynced, then renamed over the state file (a crash never leaves half a file), and the
 * directory fsynced where the platform allows it. A file that cannot be read back is an error naming it:
 * silently starting empty would lose someone's users and keys.
 */
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {isSubscriptionOutcome, type AccountData} from './model.js';

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
	return {...data, policies: data.policies ?? [], roles: data.roles ?? []};
}

/** Writes the account to `path`; throws SandboxStateError (the file as it was) when it cannot. */
export function saveState(path: string, data: AccountData): void {
	const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
	let descriptor: number | undefined;
	let created = false;
	try {
		descriptor = openSync(temporary, 'wx', 0o600);
		created = true;
		const bytes = Buffer.from(`${JSON.stringify(data, null, '\t')}\n`, 'utf8');
		let written = 0;
		while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written);
		fsyncSync(descriptor);
		closeSync(descriptor);
		descriptor = undefined;
		renameSync(temporary, path);
		created = false;
	} catch (error) {
		if (descriptor !== undefined) closeSync(descriptor);
		if (created) rmSync(temporary, {force: true});
		throw new SandboxStateError(path, `it could not be saved (${error instanceof Error ? error.message : String(error)})`);
	}
	syncDirectory(dirname(path));
}

/** Makes the rename itself durable; not every platform can open a directory (Windows), and then it is skipped. */
function syncDirectory(directory: string): void {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(directory, 'r');
		fsyncSync(descriptor);
	} catch {
		// The rename is done; only its durability across a power cut is left to the file system.
	} finally {
		if (descriptor !== undefined) closeSync(descriptor);
	}
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
		// Absent in files written before permissions boundaries; when present, a managed policy's ARN.
		if (fields['permissionsBoundary'] !== undefined && (typeof fields['permissionsBoundary'] !== 'string' || !fields['permissionsBoundary'].startsWith('arn:')))
			return `the permissions boundary of user ${fields['userName']} must be a policy ARN`;
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
	if (record['quotas'] !== undefined) {
		const quotas = record['quotas'] as Record<string, unknown> | null;
		if (!quotas || typeof quotas !== 'object' || typeof quotas['values'] !== 'object' || !Array.isArray(quotas['requests']))
			return '"quotas" must hold "values" and "requests"';
		if (Object.values(quotas['values'] as object).some((value) => typeof value !== 'number' || !Number.isFinite(value))) return 'a quota value is not a number';
		for (const request of quotas['requests'] as unknown[]) {
			const fields = request as Record<string, unknown> | null;
			if (!fields || typeof fields['id'] !== 'string' || typeof fields['code'] !== 'string' || typeof fields['desiredValue'] !== 'number')
				return 'a quota request record is incomplete';
		}
	}
	if (record['roles'] !== undefined) {
		if (!Array.isArray(record['roles'])) return '"roles" must be a list';
		for (const role of record['roles'] as unknown[]) {
			const fields = role as Record<string, unknown> | null;
			if (!fields || typeof fields['roleName'] !== 'string' || typeof fields['arn'] !== 'string' || typeof fields['inlinePolicies'] !== 'object')
				return 'a role record is incomplete';
		}
	}
	const settingsProblem = settingsShapeProblem(record['settings']);
	if (settingsProblem) return settingsProblem;
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

/** The obstacles a file keeps (`settings`), each of its own type when present; which models exist is checked at start. */
function settingsShapeProblem(value: unknown): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return '"settings" must be an object';
	const settings = value as Record<string, unknown>;
	const delay = settings['subscriptionDelayMs'];
	if (delay !== undefined && (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0)) return 'settings.subscriptionDelayMs must be a whole number';
	if (settings['subscriptionOutcome'] !== undefined && !isSubscriptionOutcome(settings['subscriptionOutcome']))
		return 'settings.subscriptionOutcome must be "available" or "error"';
	if (settings['useCaseForm'] !== undefined && settings['useCaseForm'] !== 'missing' && settings['useCaseForm'] !== 'submitted')
		return 'settings.useCaseForm must be "missing" or "submitted"';
	const policies = settings['serviceControlPolicies'];
	if (
		policies !== undefined &&
		(!Array.isArray(policies) ||
			policies.some(
				(policy) =>
					typeof (policy as Record<string, unknown> | null)?.['name'] !== 'string' || typeof (policy as Record<string, unknown>)['document'] !== 'string',
			))
	)
		return 'settings.serviceControlPolicies must be a list of {name, document}';
	const legacy = settings['legacyModelsInUse'];
	if (legacy !== undefined && legacy !== 'all' && (!Array.isArray(legacy) || legacy.some((id) => typeof id !== 'string')))
		return 'settings.legacyModelsInUse must be "all" or a list of model ids';
	return undefined;
}
