/**
 * What a failed create says at the end is true in every case: what it made kept (--keep-on-failure),
 * rolled back, or partly rolled back; each line checked against what IAM holds afterwards. The apply
 * fails for good at its last step (CreateAccessKey), after the user, its policy and the API key exist.
 */
import {describe, expect, it} from 'vitest';
import {withFaults} from '../helpers/sandbox.js';
import {create, nextUser, proven, sandbox, state, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox('create end messages');

const applyFails = {operation: 'CreateAccessKey', kind: '500', times: 1000} as const;
const tags = {'bedrock-key-wizard:managed': 'true', 'bedrock-key-wizard:created': expect.stringMatching(/^\d{4}-\d\d-\d\dT/)};
/** What the end used to claim whatever had happened. */
const untrue = /left behind/;

describe('the end of a failed create says what became of what it made', () => {
	it('kept (--keep-on-failure): each thing named as kept, nothing said to be rolled back, and IAM holds them', async () => {
		const userName = nextUser('kept');
		const run = await withFault(applyFails, () => create(userName, ['--keep-on-failure']));
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toContain('! Kept the 3 changes this run made (not rolled back)');
		for (const kind of ['user-created', 'policy-put', 'api-key-created']) expect(run.stderr).toContain(`  - ${kind} (${userName})`);
		expect(run.stderr).not.toMatch(/Rolled back|could not be undone|Undo:/);
		expect(run.stderr).not.toMatch(untrue);
		const held = await state();
		expect(held).toEqual({[userName]: {tags, inline: {'bedrock-key-wizard': expect.any(Object)}, attached: [], apiKeys: [expect.any(String)], accessKeys: []}});
		proven('failedCleanly');
	});

	it('rolled back: everything undone, said so, and IAM holds nothing', async () => {
		const userName = nextUser('rolled');
		const run = await withFault(applyFails, () => create(userName));
		expect(run.code, run.stderr).toBe(3);
		// The run subscribed the (fresh) account to Mistral first: that is the account's and stays, so the end says so rather than "nothing is left".
		expect(run.stderr).toContain('Rolled back 3 changes in IAM: nothing of the key is left.');
		expect(run.stderr).toMatch(
			/! The AWS Marketplace subscription to mistral\.mistral-large-2407-v1:0 stays: it is the account's \(made before the key\) and not undone\./,
		);
		expect(run.stderr).not.toMatch(/Kept the|could not be undone/);
		expect(run.stderr).not.toMatch(untrue);
		expect(await state()).toEqual({});
		proven('failedCleanly');
	});

	it('partly rolled back: what could not be undone is named, nothing claims all is gone, and IAM holds exactly that', async () => {
		const userName = nextUser('partly');
		const {result: run} = await withFaults(sandbox, [applyFails, {operation: 'DeleteServiceSpecificCredential', kind: '500', times: 1000}], () =>
			create(userName),
		);
		expect(run.code, run.stderr).toBe(3);
		expect(run.stderr).toContain('2 changes could not be undone');
		expect(run.stderr).toMatch(new RegExp(`- api-key-created \\(${userName}\\): `));
		expect(run.stderr).toMatch(new RegExp(`- user-created \\(${userName}\\): `));
		expect(run.stderr).not.toMatch(/nothing this run made is left|Kept the/);
		expect(run.stderr).not.toMatch(untrue);
		expect(await state()).toEqual({[userName]: {tags, inline: {}, attached: [], apiKeys: [expect.any(String)], accessKeys: []}});
		proven('failedCleanly');
	});
});
