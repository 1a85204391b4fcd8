import stringWidth from 'string-width';
import type {Messages} from '../core/i18n/index.js';
import type {DiscoverySummary} from '../core/verify/discovery.js';

/**
 * `check` with no expectations, as text: one table of what the key can and cannot call, grouped (allowed,
 * refused by IAM, not usable for another reason with the reason said once per group). Model ids are packed
 * into lines of the terminal's width and never cut, so each one can be copied whole.
 */
export function discoveryLines(summary: DiscoverySummary, region: string, messages: Messages, columns: number): string[] {
	const t = messages.check.discovery;
	const lines = [t.title(summary.allowed.length, summary.tried, region), ''];
	const ids = (mark: string, models: readonly string[], indent: string): void => {
		if (models.length === 0) return void lines.push(`${indent}${t.none}`);
		lines.push(...packed(models, columns - indent.length - 2).map((line) => `${indent}${mark} ${line}`));
	};
	lines.push(`  ${t.allowed(summary.allowed.length)}`);
	ids('✓', summary.allowed, '    ');
	lines.push(`  ${t.iamRefused(summary.iamRefused.length)}`);
	ids('✗', summary.iamRefused, '    ');
	const others = summary.other.reduce((count, group) => count + group.models.length, 0);
	lines.push(`  ${t.other(others)}`);
	if (others === 0) lines.push(`    ${t.none}`);
	for (const group of summary.other) {
		const [reason] = messages.verify.finding[group.finding];
		const aws =
			group.errorMessage && (group.finding === 'other' || group.finding === 'server-error' || group.finding === 'network') ? group.errorMessage : undefined;
		lines.push(`    ! ${t.reason(reason, group.models.length, aws)}`);
		ids(' ', group.models, '     ');
	}
	return lines;
}

/** Ids two spaces apart, as many to a line as fit in `width`; an id wider than the line has one to itself. */
function packed(models: readonly string[], width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const model of models) {
		const next = line === '' ? model : `${line}  ${model}`;
		if (line !== '' && stringWidth(next) > width) {
			lines.push(line);
			line = model;
		} else line = next;
	}
	if (line !== '') lines.push(line);
	return lines;
}
