/** `--older-than` values: a whole number and a unit, e.g. 30m, 12h, 7d, 2w. */
const units: Readonly<Record<string, number>> = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000};

export function parseDuration(value: string): number | undefined {
	const match = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
	if (!match) return undefined;
	return Number(match[1]) * units[match[2]!.toLowerCase()]!;
}
