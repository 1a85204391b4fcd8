/**
 * The review as pre-wrapped lines, so it can scroll inside 24 rows: the policy JSON highlighted, what
 * each statement does, the evaluator's allow/deny matrix, Access Analyzer, and for an existing user the
 * policy diff and what will be detached.
 */
import type {Messages} from '../core/i18n/index.js';
import {describeWarning, explainStatement, INLINE_USER_POLICY_LIMIT, MANAGED_POLICY_LIMIT, type MatrixRow} from '../core/policy/index.js';
import {fileLines, subscriptionLines, type ExistingFilesChoice, type Review} from '../flows/create/review.js';
import {roomToMake} from '../flows/create/existing-keys.js';
import type {KeyKind} from '../flows/create/apply.js';
import {cells, copyRows, fitCells, plain, wrapLine, wrapText, type Line, type Segment} from './cells.js';

/** `replaceKeys`/`keyKinds`: what becomes of the keys an existing user holds (undefined: asked on enter). */
export function reviewLines(
	review: Review,
	messages: Messages,
	width: number,
	replaceKeys?: boolean,
	keyKinds: readonly KeyKind[] = ['api-key'],
	copyWidth: number = width,
	/** What becomes of files already there, when a flag said (--yes: overwrite); undefined: asked on enter. */
	existingFiles?: ExistingFilesChoice,
): Line[] {
	const t = messages.ui.review;
	const m = messages.policy;
	const lines: Line[] = [];
	const heading = (text: string): void => void lines.push([], plain(text, 'accent', true));
	const paragraph = (text: string, tone?: Segment['tone'], indent = 0): void => {
		for (const line of wrapLine(plain(text, tone), width - indent)) lines.push(indent > 0 ? [{text: ' '.repeat(indent)}, ...line] : line);
	};

	for (const warning of review.plan.warnings) paragraph(`! ${describeWarning(warning, messages)}`, 'warn');
	for (const line of subscriptionLines(review, messages)) paragraph(line, line.startsWith('!') ? 'warn' : undefined);
	// A .env already there is said at the top; the list of files closes the review.
	for (const line of fileLines(review, messages, existingFiles).filter((text) => text.startsWith('!'))) paragraph(line, 'warn');
	if (review.preflight.notice) paragraph(`! ${review.preflight.notice}`, 'warn');

	const managed = review.managed;
	// Inline: what the user's other inline policies leave of IAM's 2,048; managed: 6,144 in each policy.
	const limit = managed ? MANAGED_POLICY_LIMIT : Math.min(INLINE_USER_POLICY_LIMIT, review.inlineBudget);
	heading(`${m.heading.policy} — ${t.size(review.plan.compiled.size, limit)}`);
	if (managed)
		paragraph(
			messages.create.placedManaged(
				managed.map((part) => part.name),
				review.plan.compiled.size,
			),
			'accent',
		);
	else if (review.inlineBudget < INLINE_USER_POLICY_LIMIT) paragraph(messages.create.placedInline(review.plan.compiled.size, review.inlineBudget), 'accent');
	paragraph(messages.create.placementForms(review.plan.placement.forms, review.plan.placement.kind), 'muted');
	// The policy as it is written, each line whole: a long one (an ARN) is left for the terminal to wrap.
	for (const text of review.plan.compiled.json.trimEnd().split('\n')) lines.push(...copyRows(jsonLine(text), copyWidth));

	heading(m.heading.explanation);
	const statements = [review.plan.compiled.document.Statement].flat();
	review.plan.compiled.purposes.forEach((purpose, index) => {
		const sid = statements[index]?.Sid ?? String(index + 1);
		lines.push(plain(`${index + 1}. ${sid}`, undefined, true));
		paragraph(explainStatement(purpose, messages), undefined, 3);
	});

	heading(m.matrix.title);
	lines.push(...matrixLines(review.plan.matrix, messages, width));

	heading(t.analyzer);
	if (review.analyzer.notice) paragraph(`! ${review.analyzer.notice}`, 'warn');
	else if ((review.analyzer.findings ?? []).length === 0) lines.push(plain(t.noFindings, 'good'));
	for (const finding of review.analyzer.findings ?? [])
		paragraph(
			`${finding.type === 'ERROR' || finding.type === 'SECURITY_WARNING' ? '✗' : '!'} ${finding.type} ${finding.code}: ${finding.message}`,
			finding.type === 'SUGGESTION' ? 'muted' : 'warn',
		);
	if (review.analyzer.accessNotGranted)
		lines.push(plain(t.accessNotGranted(review.analyzer.accessNotGranted === 'PASS'), review.analyzer.accessNotGranted === 'PASS' ? 'good' : 'bad'));

	if (review.existingUser) {
		heading(`${t.existing}: ${review.userName}`);
		paragraph(managed ? messages.create.existingUserManaged(review.userName) : messages.create.existingUser(review.userName), 'warn');
		for (const policy of review.detach) paragraph(`- ${messages.create.willDetach(policy.name)}`, 'warn');
		for (const policy of review.staleManaged) paragraph(`- ${messages.create.willDetachStale(policy.name)}`, 'warn');
		for (const part of managed ?? []) if (part.existing) paragraph(messages.create.managedPolicyUpdated(part.name));
		if (managed && review.previousPolicy !== undefined) paragraph(`- ${messages.create.willDeleteInline}`, 'warn');
		for (const policy of review.kept) paragraph(`  ${messages.create.keeps(policy.name)}`);
		const held = review.heldKeys.keys;
		const h = messages.create.heldKeys;
		if (held.length > 0) {
			paragraph(`! ${h.title(review.userName, held.length)}`, 'warn');
			for (const key of held) paragraph(`  - ${h.key(key)}`, undefined, 2);
			if (replaceKeys === true) {
				paragraph(h.willDelete(held.length));
				const room = roomToMake(held, keyKinds);
				if (room.length > 0) paragraph(`! ${h.makeRoom(room.map((key) => key.id))}`, 'warn');
			} else if (replaceKeys === false) paragraph(h.staysValid(held.length), 'warn');
		}
		lines.push(plain(t.diffTitle, undefined, true));
		// Against what this tool wrote before in the same form: the managed policy's default version, or the inline policy.
		const previous = managed ? (managed.length === 1 ? managed[0]!.existing?.document : undefined) : review.previousPolicy;
		if (previous === undefined) paragraph(t.noPrevious, 'muted');
		else if (previous.trim() === review.plan.compiled.json.trim()) paragraph(messages.create.policyUnchanged, 'muted');
		else
			for (const change of lineDiff(previous.trimEnd().split('\n'), review.plan.compiled.json.trimEnd().split('\n'))) {
				if (change.op !== '=') lines.push(...copyRows(plain(`${change.op} ${change.text}`, change.op === '+' ? 'good' : 'bad'), copyWidth));
			}
	}
	const files = fileLines(review, messages, existingFiles).filter((text) => !text.startsWith('!'));
	if (files.length > 0) {
		heading(files[0]!);
		// Full paths, copied as they are: never wrapped with an indent.
		for (const line of files.slice(1)) lines.push(...copyRows(plain(line), copyWidth));
	}
	return lines;
}

/** JSON keys, strings and numbers in their own tones; punctuation stays plain. */
export function jsonLine(text: string): Line {
	const segments: Segment[] = [];
	const pattern = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?|true|false|null)/g;
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		if (match.index > last) segments.push({text: text.slice(last, match.index)});
		if (match[1]) {
			segments.push({text: match[1], tone: match[2] ? 'key' : 'string'});
			if (match[2]) segments.push({text: match[2]});
		} else segments.push({text: match[3]!, tone: 'number'});
		last = match.index + match[0].length;
	}
	if (last < text.length) segments.push({text: text.slice(last)});
	return segments;
}

export function matrixLines(matrix: readonly MatrixRow[], messages: Messages, width: number): Line[] {
	const m = messages.policy.matrix;
	const verdicts = matrix.map((row) => `${row.decision === 'allowed' ? m.allowed : m.denied} · ${row.pass ? m.asExpected : m.unexpected}`);
	const verdictWidth = Math.max(...verdicts.map(cells));
	const labelWidth = Math.max(16, width - 2 - verdictWidth - 2);
	const lines: Line[] = [];
	matrix.forEach((row, index) => {
		const label =
			row.kind === 'api-key' ? m.apiKeyRow(row.tokenType) : row.kind === 'call' ? m.callRow(row.id, row.streaming) : m.directRow(row.modelId, row.region);
		const wrapped = wrapText(label, labelWidth);
		wrapped.forEach((part, line) => {
			const text = part.map((segment) => segment.text).join('');
			lines.push(
				line === 0
					? [
							{text: `${row.pass ? '✓' : '✗'} `, tone: row.pass ? 'good' : 'bad'},
							{text: fitCells(text, labelWidth)},
							{text: '  '},
							{text: verdicts[index]!, tone: row.decision === 'allowed' ? 'good' : 'muted'},
						]
					: [{text: `  ${text}`}],
			);
		});
	});
	return lines;
}

/** A plain longest-common-subsequence line diff; policies are a few dozen lines. */
export function lineDiff(before: readonly string[], after: readonly string[]): Array<{op: '=' | '-' | '+'; text: string}> {
	const table: number[][] = Array.from({length: before.length + 1}, () => new Array<number>(after.length + 1).fill(0));
	for (let i = before.length - 1; i >= 0; i--)
		for (let j = after.length - 1; j >= 0; j--)
			table[i]![j] = before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
	const out: Array<{op: '=' | '-' | '+'; text: string}> = [];
	let i = 0;
	let j = 0;
	while (i < before.length && j < after.length) {
		if (before[i] === after[j]) {
			out.push({op: '=', text: before[i++]!});
			j++;
		} else if (table[i + 1]![j]! >= table[i]![j + 1]!) out.push({op: '-', text: before[i++]!});
		else out.push({op: '+', text: after[j++]!});
	}
	while (i < before.length) out.push({op: '-', text: before[i++]!});
	while (j < after.length) out.push({op: '+', text: after[j++]!});
	return out;
}
