import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		setupFiles: ['test/setup.ts'],
		// test/setup.ts removes CI (Ink would print its CI output), so whether this run is CI's is passed on
		// apart: there, a test that needs a tool (tmux) fails instead of skipping.
		env: {BKW_TEST_UNDER_CI: process.env['CI'] && process.env['CI'] !== 'false' ? 'true' : ''},
		globalSetup: ['test/global-summary.ts'],
		pool: 'forks',
		// Most tests wait on sockets (sandbox, child processes), not the CPU: more workers than cores pay off.
		maxWorkers: 4,
	},
});
