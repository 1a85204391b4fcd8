// Module-loader hook (see record-loads.mjs): records each file:// module the process loads, then loads it as usual.
import {appendFileSync} from 'node:fs';
import process from 'node:process';

export async function load(url, context, nextLoad) {
	const file = process.env['BKW_RECORD_LOADS'];
	if (file && url.startsWith('file:')) appendFileSync(file, `${url}\n`);
	return nextLoad(url, context);
}
