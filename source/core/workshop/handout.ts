/**
 * One participant's handout: a Markdown page with their key, Region, models, copy-paste snippets and the
 * command that proves the key works. It is the only place the key is ever written, so it also carries
 * a machine-readable line (never the secret) that a later run reads to tell which key the handout holds.
 */
import type {Secret} from '../secret.js';
import type {UsageSnippet} from '../usage-snippets.js';
import {formatTime} from '../i18n/time.js';
import type {WorkshopMessages} from '../i18n/workshop.en.js';

export interface HandoutModel {
	readonly id: string;
	readonly name?: string;
	readonly kind?: string;
}

export interface HandoutInput {
	readonly event: string;
	readonly seat: number;
	readonly userName: string;
	readonly credentialId: string;
	readonly secret: Secret;
	readonly region: string;
	readonly expiresAt: string;
	readonly models: readonly HandoutModel[];
	readonly snippets: readonly UsageSnippet[];
	readonly checkCommand: string;
}

/** What a handout says about itself: enough to match it to IAM, nothing secret. */
export interface HandoutFacts {
	readonly event: string;
	readonly seat: number;
	readonly userName: string;
	readonly credentialId: string;
	readonly region: string;
	readonly expiresAt: string;
}

const FACTS_MARKER = 'bedrock-key-wizard:seat';
const KEY_LINE = /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m;

export function handoutFileName(userName: string): string {
	return `${userName}.md`;
}

export function renderHandout(input: HandoutInput, text: WorkshopMessages['handout']): string {
	const facts: HandoutFacts = {
		event: input.event,
		seat: input.seat,
		userName: input.userName,
		credentialId: input.credentialId,
		region: input.region,
		expiresAt: input.expiresAt,
	};
	const fence = (body: string, language = ''): string => `\`\`\`${language}\n${body}\n\`\`\``;
	const lines = [
		`# ${text.title(input.event, input.seat)}`,
		'',
		`<!-- ${FACTS_MARKER} ${JSON.stringify(facts)} -->`,
		'',
		text.intro(input.expiresAt),
		'',
		`## ${text.keyHeading}`,
		'',
		text.keyHowTo,
		'',
		fence(`AWS_BEARER_TOKEN_BEDROCK=${input.secret.reveal()}\nAWS_REGION=${input.region}`, 'dotenv'),
		'',
		`> ${text.privacy}`,
		'',
		`## ${text.detailsHeading}`,
		'',
		`- ${text.region}: \`${input.region}\``,
		`- ${text.expires}: ${formatTime(input.expiresAt)} (${input.expiresAt})`,
		`- ${text.user}: \`${input.userName}\` (${text.keyId} \`${input.credentialId}\`)`,
		'',
		`## ${text.modelsHeading}`,
		'',
		...input.models.map((model) => `- \`${model.id}\`${model.name ? ` — ${model.name}` : ''}${model.kind ? ` (${model.kind})` : ''}`),
		'',
		text.othersDenied,
		'',
		`## ${text.usageHeading}`,
		'',
		...input.snippets.flatMap((snippet) => [`### ${snippet.title}`, '', fence(snippet.text), '']),
		`## ${text.checkHeading}`,
		'',
		text.checkHowTo,
		'',
		fence(input.checkCommand, 'sh'),
		'',
	];
	return `${lines.join('\n')}`;
}

/** The facts line of a handout, or undefined when the text is not one of ours (or was edited beyond reading). */
export function readHandoutFacts(markdown: string): HandoutFacts | undefined {
	const match = new RegExp(`<!-- ${FACTS_MARKER} (\\{.*\\}) -->`).exec(markdown);
	if (!match) return undefined;
	try {
		const facts = JSON.parse(match[1]!) as Partial<HandoutFacts>;
		if (typeof facts.userName !== 'string' || typeof facts.credentialId !== 'string' || typeof facts.seat !== 'number') return undefined;
		return facts as HandoutFacts;
	} catch {
		return undefined;
	}
}

/** The key as written in the handout; the caller wraps it in a Secret at once. */
export function readHandoutKey(markdown: string): string | undefined {
	return KEY_LINE.exec(markdown)?.[1];
}

/**
 * The exact command a participant runs to prove their key: it reads the key from AWS_BEARER_TOKEN_BEDROCK
 * (never from argv), and expects the workshop's models allowed and a few others denied.
 */
export function checkCommand(input: {
	readonly region: string;
	readonly allowed: readonly string[];
	readonly denied: readonly string[];
	readonly endpointUrl?: string;
}): string {
	const parts = ['npx', 'bedrock-key-wizard', 'check', '--region', input.region];
	if (input.endpointUrl) parts.push('--endpoint-url', input.endpointUrl);
	parts.push('--expect-allowed', input.allowed.join(','));
	if (input.denied.length > 0) parts.push('--expect-denied', input.denied.join(','));
	return parts.map(shellWord).join(' ');
}

const shellWord = (word: string): string => (/^[\w./:,=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
