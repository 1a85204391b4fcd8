/**
 * Tests that need a program this project does not install through npm (tmux, python3 with boto3, the AWS CLI).
 * On a developer's machine without it they are skipped with a warning; under CI (.ci/run installs each one)
 * they run and fail, so a broken install step cannot pass as green.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';

/** test/setup.ts removes CI (Ink would print its CI output); vitest.config.ts passes it on under this name. */
export const underCi = process.env['BKW_TEST_UNDER_CI'] === 'true';

export interface RequiredTool {
	/** What to install, as the skip warning and the CI failure name it. */
	readonly install: string;
	readonly available: boolean;
}

/** Whether `command args…` runs and exits 0 (a tool's `--version`, or `python3 -c 'import boto3'`). */
export const requiredTool = (install: string, command: string, args: readonly string[]): RequiredTool => ({
	install,
	available: spawnSync(command, args, {stdio: 'ignore'}).status === 0,
});

const skipped = (tool: RequiredTool, name: string): boolean => {
	if (tool.available || underCi) return false;
	console.warn(`SKIPPED "${name}": ${tool.install} is not installed.`);
	return true;
};

/** A describe block that needs the tool; under CI its first test fails when the tool is missing. */
export function describeWithTool(tool: RequiredTool, name: string, body: () => void): void {
	describe.skipIf(skipped(tool, name))(name, () => {
		it(`has ${tool.install} to run`, () => expect(tool.available, `${tool.install} is not installed`).toBe(true));
		if (tool.available) body();
	});
}

/** One test that needs the tool; under CI it fails when the tool is missing. */
export function itWithTool(tool: RequiredTool, name: string, body: () => Promise<void>, timeoutMs?: number): void {
	it.skipIf(skipped(tool, name))(
		name,
		async () => {
			expect(tool.available, `${tool.install} is not installed`).toBe(true);
			await body();
		},
		timeoutMs,
	);
}
