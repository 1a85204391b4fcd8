/** A terminal too small for any screen: the wizard says so, in the person's language, and q still quits. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {startTestSandbox} from '../helpers/sandbox.js';
import {startWizard} from './harness.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

describe('a terminal too small', () => {
	for (const [lang, expected] of [
		['en', /This terminal is 40x10; the wizard\s+needs\s+at least 46x14/],
		['ja', /このターミナルは\s*40x10\s*です/],
	] as const) {
		it(`${lang}: names the size it needs and the ways out, and q quits with nothing made`, async () => {
			const wizard = startWizard({sandbox, lang, columns: 40, rows: 10});
			try {
				await wizard.waitFor(expected);
				expect(wizard.frame().replace(/\s+/g, ' ')).toContain('--plain');
				await wizard.press('q');
				const {state, after} = await wizard.result;
				expect(after).toBe('quit');
				expect(state.applied).toBeUndefined();
			} finally {
				wizard.close();
			}
		});
	}

	it('a terminal just big enough shows the wizard itself', async () => {
		const wizard = startWizard({sandbox, columns: 46, rows: 14});
		try {
			await wizard.waitFor('Signed in to AWS');
			await wizard.press('\r');
			await wizard.waitFor('Which Region');
		} finally {
			wizard.close();
		}
	});
});
