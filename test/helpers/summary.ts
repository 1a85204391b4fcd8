import {appendFileSync} from 'node:fs';

/**
 * Adds a suite's tally to the summary printed at the end of the run (test/global-summary.ts). Count only
 * cases whose outcome was asserted and held: a case that failed, or injected nothing, is not a case tried.
 */
export function recordSuite(entry: {suite: string; cases: number; survived?: number; failedCleanly?: number}): void {
	const file = process.env['BKW_TEST_SUMMARY_FILE'];
	if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}
