import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		setupFiles: ['test/setup.ts'],
		globalSetup: ['test/global-summary.ts'],
		pool: 'forks',
		// Most tests wait on sockets (sandbox, child processes), not the CPU: more workers than cores pay off.
		maxWorkers: 4,
	},
});
