import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured} from './cli.js';
import {adminEnv} from './sandbox.js';

/**
 * Headless `create --yes` against the sandbox (us-west-2) for `userName`, with `models` and one `--client`
 * per entry of `clients`, writing into `dir`; fails the test unless it exits 0. Answers the run and the
 * key create wrote to `dir`/.env.
 */
export async function createKeyFor(sandbox: RunningSandbox, dir: string, userName: string, models: readonly string[], clients: readonly string[]) {
	const made = await runCliCaptured(
		[
			'create',
			'--endpoint-url',
			sandbox.regionalEndpoint,
			'--region',
			'us-west-2',
			'--out-dir',
			dir,
			'--yes',
			'--user-name',
			userName,
			'--models',
			models.join(','),
			...clients.flatMap((client) => ['--client', client]),
		],
		{env: adminEnv(sandbox)},
	);
	expect(made.code, made.stderr).toBe(0);
	const key = readFileSync(join(dir, '.env'), 'utf8').match(/^AWS_BEARER_TOKEN_BEDROCK=(.*)$/m)![1]!;
	return {made, key};
}
