/**
 * A summary at the very end of `npm test`: the fault suites and the property tests each append one line
 * (JSON) to a file named here, and this prints their totals after every test file has run. A case is
 * counted only once every assertion about it held (a fault suite's case also proved its fault fired).
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export default function setup(): () => void {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-summary-'));
	const file = join(dir, 'summary.jsonl');
	process.env['BKW_TEST_SUMMARY_FILE'] = file;
	return () => {
		let lines: Array<{suite: string; cases: number; survived?: number; failedCleanly?: number}> = [];
		try {
			lines = readFileSync(file, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line));
		} catch {
			// No suite wrote anything (a filtered run).
		}
		rmSync(dir, {recursive: true, force: true});
		if (lines.length === 0) return;
		const cases = lines.reduce((sum, line) => sum + line.cases, 0);
		const survived = lines.reduce((sum, line) => sum + (line.survived ?? 0), 0);
		const failedCleanly = lines.reduce((sum, line) => sum + (line.failedCleanly ?? 0), 0);
		console.log(
			`\nfault and property suites: ${cases} cases asserted; ${survived} faults survived, ${failedCleanly} lasting failures left exactly what they reported (${lines.map((line) => `${line.suite} ${line.cases}`).join(', ')})`,
		);
	};
}
