/**
 * The three files of a created key: policy.json, .env (the secrets, mode 0600) and the report (never a secret).
 */
import type {Messages} from '../../core/i18n/en.js';
import type {VerificationReport} from '../../core/verify/report.js';
import {mergeClaudeSettings} from '../../core/clients/claude-code.js';
import type {FilesPort} from '../ports.js';
import {clientFilePath, unmergeable, type ClientFilePlan} from './client-files.js';
import type {AppliedKeys} from './apply.js';
import {keyFiles, type FilePaths, type KeyFile, type PlannedClientFile, type PlannedFiles} from './review.js';

export const ENV_FILE = '.env';
export const POLICY_FILE = 'policy.json';
export const REPORT_FILE = 'bedrock-key-report.json';
export const fileNames = {policy: POLICY_FILE, env: ENV_FILE, report: REPORT_FILE} as const;

/**
 * A name beside a file already there, for "new name": `.env` → `.env.bedrock`, then `.env.1`, `.env.2`…;
 * `policy.json` → `policy.1.json`, `policy.2.json`… (`attempt` counts from 0).
 */
export function nameBeside(path: string, attempt: number): string {
	const slash = path.lastIndexOf('/') + 1;
	const folder = path.slice(0, slash);
	const name = path.slice(slash);
	if (name === ENV_FILE) return `${folder}${name}.${attempt === 0 ? 'bedrock' : attempt}`;
	const dot = name.lastIndexOf('.');
	return dot > 0 ? `${folder}${name.slice(0, dot)}.${attempt + 1}${name.slice(dot)}` : `${folder}${name}.${attempt + 1}`;
}

/**
 * The Review's files (review.ts, PlannedFiles): which are already there, a free name beside each, and what git
 * says of the .env and of the clients' private files. Settings to merge into that cannot be merged stop the run
 * here, before anything is made (a usage Problem naming the file).
 */
export async function planFiles(directory: string, files: FilesPort, clientFiles: readonly ClientFilePlan[] = []): Promise<PlannedFiles> {
	const paths = {policy: files.join(directory, fileNames.policy), env: files.join(directory, fileNames.env), report: files.join(directory, fileNames.report)};
	const existing: KeyFile[] = [];
	const newNames: {[K in KeyFile]?: string} = {};
	for (const file of keyFiles) {
		if (!(await files.exists(paths[file]))) continue;
		existing.push(file);
		const free = await freeNameBeside(paths[file], files);
		if (free) newNames[file] = free;
	}
	const clients: PlannedClientFile[] = [];
	for (const file of clientFiles) {
		const path = clientFilePath(directory, file, files);
		const exists = await files.exists(path);
		if (file.merge && exists) {
			const merged = mergeClaudeSettings(await files.read(path), {});
			if (!merged.ok) throw unmergeable(path, merged.fault);
		}
		const newName = exists && !file.merge ? await freeNameBeside(path, files) : undefined;
		const git = file.private ? await files.gitStatus(path) : undefined;
		const newGit = file.private && newName ? await files.gitStatus(newName) : undefined;
		clients.push({
			path,
			exists,
			...(newName ? {newName} : {}),
			...(file.secret ? {secret: true} : {}),
			...(file.private ? {private: true} : {}),
			...(git ? {git} : {}),
			...(newGit ? {newGit} : {}),
			...(file.merge ? {merge: true} : {}),
		});
	}
	const env = await files.gitStatus(paths.env);
	const newEnv = newNames.env ? await files.gitStatus(newNames.env) : undefined;
	return {...paths, existing, newNames, git: {env, ...(newEnv ? {newEnv} : {})}, ...(clients.length > 0 ? {clients} : {})};
}

/** The first name beside `path` that is free (nameBeside), or undefined after 1000 taken. */
async function freeNameBeside(path: string, files: FilesPort): Promise<string | undefined> {
	for (let attempt = 0; attempt < 1000; attempt++) {
		const candidate = nameBeside(path, attempt);
		if (!(await files.exists(candidate))) return candidate;
	}
	return undefined;
}

export interface SavedFiles {
	readonly policy: string;
	readonly env?: string;
	readonly report: string;
	readonly warnings: readonly string[];
}

export interface SaveInput {
	/** Where each file goes: the Review's paths, or the free names beside the files there (review.ts, filesToWrite). */
	readonly paths: FilePaths;
	/** The files written under new names beside those already there: said at the end. */
	readonly renamed?: readonly string[];
	/** Add the .env to .gitignore when git would pick it up (asked on the Review; --gitignore). */
	readonly gitignore?: boolean;
	readonly policyJson: string;
	readonly report: VerificationReport;
	readonly applied: AppliedKeys;
	readonly region: string;
	readonly userName: string;
	readonly createdAt: string;
}

export function envFileContent(input: Pick<SaveInput, 'applied' | 'region' | 'userName' | 'createdAt'>): string | undefined {
	const {applied} = input;
	const lines = [
		`# Amazon Bedrock key for IAM user ${input.userName}, made by bedrock-key-wizard on ${input.createdAt}.`,
		'# Keep this file private: never commit it or paste it into a chat.',
	];
	const token = applied.apiKey?.secret ?? applied.shortTermKey?.token;
	if (token) lines.push(`AWS_BEARER_TOKEN_BEDROCK=${token.reveal()}`);
	if (applied.accessKey)
		lines.push(`AWS_ACCESS_KEY_ID=${applied.accessKey.accessKeyId}`, `AWS_SECRET_ACCESS_KEY=${applied.accessKey.secretAccessKey.reveal()}`);
	if (!token && !applied.accessKey) return undefined;
	lines.push(`AWS_REGION=${input.region}`);
	return `${lines.join('\n')}\n`;
}

export async function saveKeyFiles(input: SaveInput, files: FilesPort, messages: Messages): Promise<SavedFiles> {
	const warnings: string[] = [];
	const {policy, report} = input.paths;
	await files.write(policy, input.policyJson, 0o644);
	const envContent = envFileContent(input);
	let env: string | undefined;
	if (envContent) {
		env = input.paths.env;
		// A .env already there (say DATABASE_URL=…) is never lost: its copy is kept beside it and named.
		const kept = await files.keepAside(env, new Date(input.createdAt));
		if (kept) warnings.push(messages.create.envKeptAside(env, kept));
		await files.write(env, envContent, 0o600);
		if ((await files.gitStatus(env)) === 'tracked-or-unignored') {
			if (input.gitignore) {
				const added = await files.ignoreInGit(env);
				warnings.push(messages.create.gitignoreAdded(added.line, added.gitignore));
			} else warnings.push(messages.run.notice.envTracked(env, ENV_FILE));
		}
	}
	await writeReport(report, input.report, files);
	if (input.renamed && input.renamed.length > 0) warnings.push(messages.create.savedUnderNewNames(input.renamed));
	return {policy, ...(env ? {env} : {}), report, warnings};
}

/** The report file alone: written again when the old keys were deleted after the save. */
export async function writeReport(path: string, report: VerificationReport, files: FilesPort): Promise<void> {
	await files.write(path, `${JSON.stringify(report, null, 2)}\n`, 0o644);
}
