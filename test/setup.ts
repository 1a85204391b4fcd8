import {afterAll, afterEach} from 'vitest';
import {takeSandboxInternalErrors} from './helpers/sandbox-errors.js';

// Ink writes its CI output instead of frames when CI is set, and colour codes make frames unreadable.
delete process.env['CI'];
delete process.env['NO_COLOR'];
process.env['FORCE_COLOR'] = '0';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
// Times are shown in the process's time zone (source/core/i18n/time.ts): the same for every machine, unless a test sets its own.
process.env['TZ'] = 'UTC';
// Tests must never pick up the developer's own AWS identity.
for (const name of [
	'AWS_PROFILE',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_BEARER_TOKEN_BEDROCK',
	'AWS_REGION',
	'AWS_DEFAULT_REGION',
]) {
	delete process.env[name];
}

// A 500 (or a cut-off reply) from a sandbox that no injected fault asked for is a sandbox bug: it fails
// the test it happened in, rather than passing for a fault the tool survived (test/helpers/sandbox-errors.ts).
const failOnSandboxErrors = (): void => {
	const errors = takeSandboxInternalErrors();
	if (errors.length > 0) throw new Error(`The sandbox had ${errors.length} internal error(s) no fault injected:\n${errors.join('\n')}`);
};
afterEach(failOnSandboxErrors);
afterAll(failOnSandboxErrors);
