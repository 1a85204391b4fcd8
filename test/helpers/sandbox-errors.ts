/**
 * Internal errors of every sandbox a test file starts (startTestSandbox), and of the in-process sandbox a
 * CLI run starts with --sandbox (runCliCaptured reads its closing notice). test/setup.ts fails the test
 * during which one happened: a sandbox bug must not pass for a fault the tool survived.
 * No imports on purpose: setup.ts loads this for every test file.
 */
const seen: string[] = [];

export function noteSandboxInternalError(description: string): void {
	seen.push(description);
}

/** The errors noted since the last call. */
export function takeSandboxInternalErrors(): string[] {
	return seen.splice(0);
}

/**
 * The line a CLI run's --sandbox prints on stderr when it closes after internal errors (source/cli/aws-target.ts,
 * run.sandbox.internalErrors in the catalogs), in English or Japanese.
 */
export const SANDBOX_INTERNAL_ERROR_NOTICE = /^! (The sandbox had \d+ internal errors?|サンドボックスで内部エラーが \d+ 件ありました).*$/m;
