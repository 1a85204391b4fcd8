/** The candidate closest to a mistyped word, when it is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	let best: {candidate: string; distance: number} | undefined;
	for (const candidate of candidates) {
		const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
		// As commander suggests: at most 3 edits, and more than 40% of the longer word kept.
		const length = Math.max(word.length, candidate.length);
		if (distance > 3 || (length - distance) / length <= 0.4) continue;
		if (!best || distance < best.distance) best = {candidate, distance};
	}
	return best?.candidate;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = value;
		}
	}
	return rows[a.length]![b.length]!;
}
