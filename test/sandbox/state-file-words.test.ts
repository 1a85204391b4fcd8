/** What a person is told about the state file (issue 20): it holds every secret in clear text, and where to keep it. */
import {describe, expect, test} from 'vitest';
import {messagesFor} from '../../source/core/i18n/index.js';
import {runCliCaptured} from '../helpers/cli.js';

describe('the state file is said to hold secrets', () => {
	test('sandbox --help says so for --state', async () => {
		const run = await runCliCaptured(['sandbox', '--help']);
		const help = (run.stdout + run.stderr).replace(/\s+/g, ' ');
		expect(help).toContain('--state <file>');
		expect(help).toContain('it holds every secret in clear text (mode 0600): keep it in a private directory');
	});

	test('the line the sandbox prints when it listens says so, in English and in Japanese, only with --state', () => {
		const english = messagesFor('en').run.sandbox.listening('http://127.0.0.1:1', 'http://127.0.0.1:1/region/{region}', 3000, '/home/me/state.json');
		expect(english).toContain('/home/me/state.json, which holds every secret in clear text: keep it in a private directory');
		const japanese = messagesFor('ja').run.sandbox.listening('http://127.0.0.1:1', 'http://127.0.0.1:1/region/{region}', 3000, '/home/me/state.json');
		expect(japanese).toContain('すべてのシークレットを平文で保持します');
		expect(messagesFor('en').run.sandbox.listening('http://127.0.0.1:1', 'x', 3000, undefined)).not.toContain('secret');
	});
});
