/**
 * A --sandbox run whose sandbox failed on its own (a 5xx no fault injected) says so when it closes, and
 * the test helper turns that line into a failed test (test/setup.ts). Here the bug is planted on purpose
 * and the failure it would cause is taken, and checked, instead.
 */
import {describe, expect, it, vi} from 'vitest';
import {runCliCaptured} from '../helpers/cli.js';
import {takeSandboxInternalErrors} from '../helpers/sandbox-errors.js';

vi.mock('../../source/sandbox/index.js', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../source/sandbox/index.js')>();
	return {
		...original,
		startSandbox: async (options: Parameters<typeof original.startSandbox>[0]) => {
			const sandbox = await original.startSandbox(options);
			// A sandbox bug, planted: reading IAM's state throws.
			Object.assign(sandbox.store, {
				live: () => {
					throw new TypeError('planted bug');
				},
			});
			return sandbox;
		},
	};
});

describe('a --sandbox run with a sandbox bug', () => {
	it('names the internal errors on stderr, and the test helper records them', async () => {
		const run = await runCliCaptured(['create', '--sandbox', '--no-input', '--models', 'amazon.nova-lite-v1:0', '--out-dir', '/nonexistent-never-written']);
		expect(run.code).toBe(3);
		// The SDK tried 4 times: 4 internal errors, each named.
		expect(run.stderr).toMatch(
			/^! The sandbox had 4 internal errors \(a bug in the sandbox, not AWS\): (sts GetCallerIdentity: TypeError: planted bug(; |$)){4}/m,
		);
		const noted = takeSandboxInternalErrors();
		expect(noted).toHaveLength(1);
		expect(noted[0]).toContain('planted bug');
	});
});
