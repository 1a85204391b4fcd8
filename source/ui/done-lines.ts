/** The final screen of a finished run, as lines: outcome, the key (masked unless revealed), files, usage. */
import type {Messages} from '../core/i18n/index.js';
import type {Secret} from '../core/secret.js';
import {usageSnippets} from '../core/usage-snippets.js';
import {keyLifetimeLines, targetNotice} from '../flows/create/review.js';
import type {CreateState} from '../flows/create/machine.js';
import {plain, wrapLine, wrapText, type Line} from './cells.js';

export function doneLines(state: CreateState, messages: Messages, width: number, revealed: boolean): Line[] {
	const t = messages.ui.done;
	const report = state.report!;
	const saved = state.saved!;
	const applied = state.applied ?? {};
	const lines: Line[] = [];
	const passed = report.probes.filter((probe) => probe.pass).length;
	lines.push(
		...wrapText(
			`${report.pass ? '✓' : '✗'} ${report.pass ? messages.create.works : messages.create.doesNotWork} ${messages.create.verified(passed, report.probes.length, (report.elapsedMs / 1000).toFixed(1))}`,
			width,
			report.pass ? 'good' : 'bad',
		),
	);
	for (const notice of state.notices) lines.push(...wrapText(`! ${notice}`, width, 'warn'));

	lines.push([], plain(t.key, 'accent', true));
	const show = (label: string, secret: Secret): void =>
		void lines.push(
			...wrapLine(
				[{text: `${label}: `}, {text: revealed ? secret.reveal() : secret.maskedWith(messages.ui.maskedKey), tone: revealed ? 'warn' : 'muted'}],
				width,
				2,
			),
		);
	const token = applied.apiKey?.secret ?? applied.shortTermKey?.token;
	if (token) show(t.apiKey, token);
	if (applied.accessKey) {
		lines.push(plain(`${t.accessKey}: ${applied.accessKey.accessKeyId}`));
		show(t.secretAccessKey, applied.accessKey.secretAccessKey);
	}
	if (revealed) lines.push(...wrapText(`! ${t.revealed}`, width, 'warn'));
	for (const line of keyLifetimeLines(applied, state.review?.userName ?? '', messages)) lines.push(...wrapText(`! ${line}`, width, 'warn'));

	const where = report.target && report.target.kind !== 'aws' ? report.target : undefined;
	lines.push([], plain(t.files, 'accent', true));
	lines.push(...wrapLine(plain(`  ${saved.policy}`), width, 4));
	if (saved.env) lines.push(...wrapLine(plain(`  ${messages.create.secretFile(saved.env)}`), width, 4));
	lines.push(...wrapLine(plain(`  ${saved.report}`), width, 4));
	for (const warning of saved.warnings) lines.push(...wrapText(`! ${warning}`, width, 'warn'));
	oldKeyLines(state, messages, width, lines);
	// Where the key lives, just before the snippets that call it there.
	const notice = targetNotice(report.target, messages);
	if (notice) lines.push([], ...wrapText(`! ${notice}`, width, 'warn'));

	if (saved.env && state.review) {
		const targets = state.review.plan.request.targets;
		const chat = targets.find((target) => target.model?.kind === 'chat') ?? targets[0]!;
		const claude = targets.find((target) => target.model?.provider === 'Anthropic');
		lines.push([], plain(messages.create.usage, 'accent', true));
		for (const snippet of usageSnippets({
			envFile: saved.env,
			region: report.region,
			modelId: chat.requestedId,
			hasApiKey: Boolean(token),
			...(claude ? {claudeModelId: claude.requestedId} : {}),
			...(where ? {endpoint: where.endpoint} : {}),
		})) {
			lines.push(plain(`# ${snippet.title}`, 'muted'));
			for (const text of snippet.text.split('\n')) lines.push(...wrapLine(plain(text), width, 4));
		}
	}
	return lines;
}

/** What became of the keys the user held before: deleted, not deleted (and how to finish), or still live. */
function oldKeyLines(state: CreateState, messages: Messages, width: number, lines: Line[]): void {
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
		for (const key of live) lines.push(...wrapLine(plain(`  - ${t.key(key)}`), width, 4));
	}
}

/** The one secret worth copying: the API key, or else the secret access key. */
export function copyableSecret(state: CreateState, messages: Messages): {label: string; value: string} | undefined {
	const applied = state.applied ?? {};
	const token = applied.apiKey?.secret ?? applied.shortTermKey?.token;
	if (token) return {label: messages.ui.done.apiKey, value: token.reveal()};
	if (applied.accessKey) return {label: messages.ui.done.secretAccessKey, value: applied.accessKey.secretAccessKey.reveal()};
	return undefined;
}
