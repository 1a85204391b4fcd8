/**
 * One way for every bench to print its figures: each measured in the same run, with its target and
 * PASS or FAIL; `finish` prints the misses and gives the exit code (1 on any miss), so `npm run bench`
 * fails when a target does.
 */
export interface Figure {
	readonly name: string;
	readonly value: number;
	readonly unit: string;
	/** `<=` a ceiling, `>=` a floor, `<` a strict ceiling; no target: printed for context. */
	readonly target?: {readonly op: '<=' | '>=' | '<'; readonly value: number};
	readonly digits?: number;
}

const figures: Figure[] = [];

const met = (figure: Figure): boolean => {
	const target = figure.target;
	if (!target) return true;
	if (!Number.isFinite(figure.value)) return false;
	return target.op === '<=' ? figure.value <= target.value : target.op === '>=' ? figure.value >= target.value : figure.value < target.value;
};

export function report(figure: Figure): void {
	figures.push(figure);
	const digits = figure.digits ?? (figure.unit === 'x' ? 2 : 0);
	const verdict = figure.target ? `  (target ${figure.target.op} ${figure.target.value}${figure.unit}) ${met(figure) ? 'PASS' : 'FAIL'}` : '';
	console.log(`${figure.name.padEnd(62)} ${figure.value.toFixed(digits).padStart(9)}${figure.unit}${verdict}`);
}

/** Prints the verdict of this bench and returns its exit code. */
export function finish(): number {
	const missed = figures.filter((figure) => !met(figure));
	console.log(missed.length === 0 ? 'all targets met' : `${missed.length} target(s) missed: ${missed.map((figure) => figure.name).join('; ')}`);
	return missed.length === 0 ? 0 : 1;
}
