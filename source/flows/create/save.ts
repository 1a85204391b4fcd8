/**
 * The three files of a created key: policy.json, .env (the secrets, mode 0600) and the report (never a secret).
 */
import type {Messages} from '../../core/i18n/en.js';
import type {VerificationReport} from '../../core/verify/report.js';
import type {FilesPort} from '../ports.js';
import type {AppliedKeys} from './apply.js';

export const ENV_FILE = '.env';
export const POLICY_FILE = 'policy.json';
export const REPORT_FILE = 'bedrock-key-report.json';

export interface SavedFiles {
	readonly policy: string;
	readonly env?: string;
	readonly report: string;
	readonly warnings: readonly string[];
}

export interface SaveInput {
	readonly directory: string;
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
	const policy = files.join(input.directory, POLICY_FILE);
	const report = files.join(input.directory, REPORT_FILE);
	await files.write(policy, input.policyJson, 0o644);
	const envContent = envFileContent(input);
	let env: string | undefined;
	if (envContent) {
		env = files.join(input.directory, ENV_FILE);
		// A .env already there (say DATABASE_URL=…) is never lost: its copy is kept beside it and named.
		const kept = await files.keepAside(env, new Date(input.createdAt));
		if (kept) warnings.push(messages.create.envKeptAside(env, kept));
		await files.write(env, envContent, 0o600);
		if ((await files.gitStatus(env)) === 'tracked-or-unignored') warnings.push(messages.run.notice.envTracked(env, ENV_FILE));
	}
	await writeReport(report, input.report, files);
	return {policy, ...(env ? {env} : {}), report, warnings};
}

/** The report file alone: written again when the old keys were deleted after the save. */
export async function writeReport(path: string, report: VerificationReport, files: FilesPort): Promise<void> {
	await files.write(path, `${JSON.stringify(report, null, 2)}\n`, 0o644);
}
