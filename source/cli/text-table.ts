import stringWidth from 'string-width';

/** Columns padded by display width, so Japanese text (two cells a character) lines up. */
export function formatTable(rows: ReadonlyArray<readonly string[]>, indent = '  '): string {
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, stringWidth(cell))));
	return rows
		.map((row) =>
			(indent + row.map((cell, index) => (index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - stringWidth(cell)))).join('  ')).trimEnd(),
		)
		.join('\n');
}
