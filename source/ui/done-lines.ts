/** The final screen of a finished run, as lines: outcome, the key (masked unless revealed), files, usage. */
import type {Messages} from '../core/i18n/index.js';
import type {Secret} from '../core/secret.js';
import {usageSnippets} from '../core/usage-snippets.js';
import {keyLifetimeLines, targetNotice} from '../flows/create/review.js';
import type {CreateState} from '../flows/create/machine.js';
import {copyRows, plain, wrapText, type Line, type Tone} from './cells.js';

/** Something `c` copies: its text, and the lines [from, to) that show it. */
export interface CopyTarget {
	readonly what: string;
	readonly text: string;
	/** The copy's file name; none for a secret, which is never saved again (ui/clipboard.ts). */
	readonly file?: string;
	/** For a secret: the file that already holds it. */
	readonly heldIn?: string;
	readonly from: number;
	readonly to: number;
}

export interface DoneLines {
	readonly lines: Line[];
	readonly targets: CopyTarget[];
}

/**
 * `width`: the screen's width, for prose; `copyWidth`: the terminal's own, where copyable text (the key,
 * paths, commands, snippets) is cut into rows the terminal joins again (ui/cells.ts, copyRows).
 */
export function doneLines(state: CreateState, messages: Messages, width: number, revealed: boolean, copyWidth: number = width): DoneLines {
	const t = messages.ui.done;
	const report = state.report!;
	const saved = state.saved!;
	const applied = state.applied ?? {};
	const lines: Line[] = [];
	const targets: CopyTarget[] = [];
	const code = (text: string, tone?: Tone): void => void lines.push(...copyRows(plain(text, tone), copyWidth));
	/** A sentence that ends with a command ("…: aws iam delete-access-key …"): the command on a line of its own. */
	const prose = (text: string, tone: Tone): void => {
		const command = /^(.*:) ((?:aws|curl) .+)$/s.exec(text);
		lines.push(...wrapText(command ? command[1]! : text, width, tone));
		if (command) code(command[2]!, tone);
	};
	const passed = report.probes.filter((probe) => probe.pass).length;
	lines.push(
		...wrapText(
			`${report.pass ? '✓' : '✗'} ${report.pass ? messages.create.works : messages.create.doesNotWork} ${messages.create.verified(passed, report.probes.length, (report.elapsedMs / 1000).toFixed(1))}`,
			width,
			report.pass ? 'good' : 'bad',
		),
	);
	// A notice's lines after its first are code (a command, a snippet): rows the terminal joins again, never re-wrapped.
	for (const notice of state.notices) {
		const [first, ...rest] = notice.split('\n');
		lines.push(...wrapText(`! ${first}`, width, 'warn'));
		for (const text of rest) code(text);
	}

	lines.push([], plain(t.key, 'accent', true));
	// Masked: one line. Revealed: the label, then the key alone from the first column, so a copy takes only the key.
	const show = (label: string, secret: Secret): void => {
		if (!revealed) return void lines.push([{text: `${label}: `}, {text: secret.maskedWith(messages.ui.maskedKey), tone: 'muted'}]);
		lines.push(plain(`${label}:`));
		const from = lines.length;
		code(secret.reveal(), 'warn');
		targets.push({what: messages.ui.copy.key(label), text: secret.reveal(), ...(saved.env ? {heldIn: saved.env} : {}), from, to: lines.length});
	};
	const token = applied.apiKey?.secret ?? applied.shortTermKey?.token;
	if (token) show(t.apiKey, token);
	// Claude Code takes the key from the environment (--claude-key-from env): the line to run, masked as the key is,
	// shown and copied only once revealed (docs/security.md, 'Copying from the wizard').
	if (token && report.pass && state.answers.clients?.includes('claude-code') && state.answers.claudeKeyFrom === 'env') {
		lines.push(...wrapText(messages.clients.files.exportLine, width));
		if (!revealed) lines.push([{text: `${EXPORT_KEY}`}, {text: token.maskedWith(messages.ui.maskedKey), tone: 'muted'}]);
		else {
			const from = lines.length;
			code(`${EXPORT_KEY}${token.reveal()}`, 'warn');
			targets.push({
				what: messages.ui.copy.key(EXPORT_KEY.trim()),
				text: `${EXPORT_KEY}${token.reveal()}`,
				...(saved.env ? {heldIn: saved.env} : {}),
				from,
				to: lines.length,
			});
		}
	}
	if (applied.accessKey) {
		lines.push(...copyRows(plain(`${t.accessKey}: ${applied.accessKey.accessKeyId}`), copyWidth));
		show(t.secretAccessKey, applied.accessKey.secretAccessKey);
	}
	if (revealed) lines.push(...wrapText(`! ${t.revealed}`, width, 'warn'));
	for (const line of keyLifetimeLines(applied, state.review?.userName ?? '', messages)) prose(`! ${line}`, 'warn');

	const where = report.target && report.target.kind !== 'aws' ? report.target : undefined;
	lines.push([], plain(t.files, 'accent', true));
	// Paths are copied too: never wrapped with an indent.
	code(saved.policy);
	if (saved.env) code(messages.create.secretFile(saved.env));
	code(saved.report);
	for (const warning of saved.warnings) lines.push(...wrapText(`! ${warning}`, width, 'warn'));
	oldKeyLines(state, messages, width, copyWidth, lines);
	// Where the key lives, just before the snippets that call it there.
	const notice = targetNotice(report.target, messages);
	if (notice) lines.push([], ...wrapText(`! ${notice}`, width, 'warn'));

	if (saved.env && state.review) {
		const targetsOfRequest = state.review.plan.request.targets;
		const chat = targetsOfRequest.find((target) => target.model?.kind === 'chat') ?? targetsOfRequest[0]!;
		const claude = targetsOfRequest.find((target) => target.model?.provider === 'Anthropic');
		lines.push([], plain(messages.create.usage, 'accent', true));
		for (const snippet of usageSnippets({
			envFile: saved.env,
			region: report.region,
			modelId: chat.requestedId,
			hasApiKey: Boolean(token),
			...(claude ? {claudeModelId: claude.requestedId} : {}),
			claudeModelIds: targetsOfRequest.filter((target) => target.model?.provider === 'Anthropic').map((target) => target.requestedId),
			...(where ? {endpoint: where.endpoint} : {}),
			clients: state.answers.clients ?? [],
			chatModelIds: targetsOfRequest.filter((target) => target.model?.kind === 'chat').map((target) => target.requestedId),
		})) {
			lines.push(plain(`# ${snippet.title}`, 'muted'));
			const from = lines.length;
			for (const text of snippet.text.split('\n')) code(text);
			targets.push({
				what: messages.ui.copy.snippet(snippet.title.split(' (')[0]!),
				text: snippet.text,
				file: snippetFile(snippet.title),
				from,
				to: lines.length,
			});
		}
	}
	return {lines, targets};
}

/** The shell line that gives Claude Code the key from the environment, before the key. */
const EXPORT_KEY = 'export AWS_BEARER_TOKEN_BEDROCK=';

/** `usage-curl.sh`, `usage-javascript.mjs`…: a file name for a snippet's copy. */
function snippetFile(title: string): string {
	const slug = title
		.toLowerCase()
		.split(' (')[0]!
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	const extension = /javascript|vercel|anthropic/.test(slug)
		? 'mjs'
		: /boto3/.test(slug)
			? 'py'
			: /claude/.test(slug)
				? 'json'
				: /powershell/.test(slug)
					? 'ps1'
					: /fish/.test(slug)
						? 'fish'
						: 'sh';
	return `usage-${slug}.${extension}`;
}

/** What became of the keys the user held before: deleted, not deleted (and how to finish), or still live. */
function oldKeyLines(state: CreateState, messages: Messages, width: number, copyWidth: number, lines: Line[]): void {
	const existing = state.report?.existingKeys ?? [];
	if (existing.length === 0) return;
	const t = messages.create.heldKeys;
	const userName = state.review?.userName ?? '';
	lines.push([]);
	for (const key of existing.filter((record) => record.action === 'deleted')) lines.push(...wrapText(`✓ ${t.deleted(key)}`, width, 'good'));
	const failed = existing.filter((record) => record.action === 'delete-failed');
	for (const key of failed) lines.push(...wrapText(`✗ ${t.deleteFailed(key, key.error ?? '')}`, width, 'bad'));
	if (failed.length > 0) lines.push(...wrapText(t.deleteFailedFix(userName), width));
	const live = existing.filter((record) => record.action === 'kept' || record.action === 'to-delete');
	if (live.length > 0) {
		lines.push(...wrapText(`! ${t.stillHeld(userName, live.length)}`, width, 'warn'));
		for (const key of live) lines.push(...copyRows(plain(`  - ${t.key(key)}`), copyWidth));
	}
}
