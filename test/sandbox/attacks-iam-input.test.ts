/**
 * Attacks through IAM's own inputs, each as a case (issue 20; docs/security.md, 'IAM inputs'):
 * SimulatePrincipalPolicy with a path that is not the user's, and control or format characters (NUL,
 * U+202E) in tags, user names and the simulator's actions and policies. Each is refused with IAM's
 * ValidationError or NoSuchEntity, and nothing is stored.
 */
import {
	CreateUserCommand,
	GetUserCommand,
	ListUserTagsCommand,
	SimulateCustomPolicyCommand,
	SimulatePrincipalPolicyCommand,
	TagUserCommand,
	type Tag,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, provisionUser, rejection, startTestSandbox, type AccessKey} from '../helpers/sandbox.js';

const account = '123456789012';
const tagPattern = (part: 'key' | 'value'): string => `[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]${part === 'key' ? '+' : '*'}`;

let sandbox: RunningSandbox;
let eve: AccessKey;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	// Eve may simulate the users under /team/, and nobody else.
	eve = (
		await provisionUser(sandbox, 'eve', {
			Version: '2012-10-17',
			Statement: [{Effect: 'Allow', Action: 'iam:SimulatePrincipalPolicy', Resource: `arn:aws:iam::${account}:user/team/*`}],
		})
	).accessKey;
	await iamClient(sandbox).send(new CreateUserCommand({UserName: 'bob', Path: '/team/'}));
});
afterAll(async () => {
	await sandbox.close();
});

const simulateAs = (credentials: AccessKey, source: string) =>
	iamClient(sandbox, {credentials}).send(new SimulatePrincipalPolicyCommand({PolicySourceArn: source, ActionNames: ['iam:CreateUser']}));

describe('SimulatePrincipalPolicy matches the exact ARN, path included', () => {
	test("attack: a user allowed to simulate user/team/* asks for user/team/sandbox-admin (the admin lives at /) and learns nothing of the admin's policies", async () => {
		const error = await rejection(simulateAs(eve, `arn:aws:iam::${account}:user/team/sandbox-admin`));
		expect(error.name).toBe('NoSuchEntityException');
		expect(error.$metadata?.httpStatusCode).toBe(404);
		expect(error.message).toBe('The user with name sandbox-admin cannot be found.');
	});

	test("attack: other paths that end in the admin's name are not the admin either", async () => {
		for (const source of [`arn:aws:iam::${account}:user/team/x/sandbox-admin`, `arn:aws:iam::${account}:user//sandbox-admin`]) {
			const error = await rejection(iamClient(sandbox).send(new SimulatePrincipalPolicyCommand({PolicySourceArn: source, ActionNames: ['iam:CreateUser']})));
			expect(error.name, source).toBe('NoSuchEntityException');
		}
	});

	test("the admin's own ARN is not hers to simulate (AccessDenied); a user under /team/ is, and the admin may simulate everyone", async () => {
		expect((await rejection(simulateAs(eve, sandbox.admin.arn))).name).toBe('AccessDenied');
		const bob = await simulateAs(eve, `arn:aws:iam::${account}:user/team/bob`);
		expect(bob.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');
		const admin = await iamClient(sandbox).send(
			new SimulatePrincipalPolicyCommand({PolicySourceArn: `arn:aws:iam::${account}:user/sandbox-admin`, ActionNames: ['iam:CreateUser']}),
		);
		expect(admin.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
	});
});

describe('control and format characters are ValidationError', () => {
	const badCharacters: Array<[string, string]> = [
		['NUL', '\u0000'],
		['U+202E (right-to-left override)', '\u202E'],
		['a line feed', '\n'],
		['U+200B (zero-width space)', '\u200B'],
		['DEL', '\u007F'],
	];

	for (const [what, character] of badCharacters) {
		test(`attack: ${what} in a tag value on CreateUser is refused in IAM's words; no user is made`, async () => {
			const userName = `tagged-${character.codePointAt(0)}`;
			const error = await rejection(
				iamClient(sandbox).send(
					new CreateUserCommand({
						UserName: userName,
						Tags: [
							{Key: 'ok', Value: 'fine'},
							{Key: 'note', Value: `evil${character}txt`},
						],
					}),
				),
			);
			expect(error.name).toBe('ValidationError');
			expect(error.$metadata?.httpStatusCode).toBe(400);
			const escaped = `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
			expect(error.message).toBe(
				`1 validation error detected: Value 'evil${escaped}txt' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ${tagPattern('value')}`,
			);
			expect((await rejection(iamClient(sandbox).send(new GetUserCommand({UserName: userName})))).name).toBe('NoSuchEntityException');
		});
	}

	test('attack: NUL or U+202E in a tag key on TagUser is refused; the tags are unchanged and ListUserTags stays parseable', async () => {
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'carol', Tags: [{Key: 'team', Value: 'blue'}]}));
		for (const key of ['a\u0000b', '\u202Eadmin']) {
			const tags: Tag[] = [{Key: key, Value: 'x'}];
			const error = await rejection(iamClient(sandbox).send(new TagUserCommand({UserName: 'carol', Tags: tags})));
			expect(error.name).toBe('ValidationError');
			expect(error.message).toContain(
				`at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${tagPattern('key')}`,
			);
		}
		const listed = await iamClient(sandbox).send(new ListUserTagsCommand({UserName: 'carol'}));
		expect(listed.Tags).toEqual([{Key: 'team', Value: 'blue'}]);
	});

	test("tags IAM allows stay allowed: letters of any script, spaces, digits and _.:/=+-@ (the tool's own ISO times)", async () => {
		const tags = [
			{Key: 'bkw:created', Value: '2026-12-02T10:00:00.000Z'},
			{Key: '所有者', Value: 'やまだ たろう'},
			{Key: 'email', Value: 'a+b@example.com'},
			{Key: 'empty', Value: ''},
		];
		await iamClient(sandbox).send(new CreateUserCommand({UserName: 'dora', Tags: tags}));
		expect((await iamClient(sandbox).send(new ListUserTagsCommand({UserName: 'dora'}))).Tags).toEqual(tags);
	});

	test('attack: NUL or U+202E in a user name is ValidationError; no user is made', async () => {
		for (const userName of ['ad\u0000min', 'admin\u202Etxt.exe']) {
			const error = await rejection(iamClient(sandbox).send(new CreateUserCommand({UserName: userName})));
			expect(error.name).toBe('ValidationError');
			expect(error.message).toBe('The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-');
		}
		const users = sandbox.store.live().data.users.map((user) => user.userName);
		expect(users.some((name) => name.includes('\u0000') || name.includes('\u202E'))).toBe(false);
	});

	test('attack: NUL or U+202E in a simulated action is ValidationError, for both simulators', async () => {
		const policy = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}]});
		for (const action of ['iam:Create\u0000User', 'iam:\u202ErsUtsiL']) {
			const custom = await rejection(
				iamClient(sandbox).send(new SimulateCustomPolicyCommand({PolicyInputList: [policy], ActionNames: ['iam:GetUser', action]})),
			);
			expect(custom.name).toBe('ValidationError');
			expect(custom.message).toMatch(
				/^1 validation error detected: Value 'iam:.*\\u(0000|202E).*' at 'actionNames\.2\.member' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\u0009\\u000A\\u000D\\u0020-\\u00FF\]\+$/,
			);
			const principal = await rejection(
				iamClient(sandbox).send(new SimulatePrincipalPolicyCommand({PolicySourceArn: sandbox.admin.arn, ActionNames: [action]})),
			);
			expect(principal.name).toBe('ValidationError');
		}
	});

	test('attack: U+202E or NUL in a policy given to the simulator is ValidationError (policyDocumentType allows tab, LF, CR and U+0020 to U+00FF)', async () => {
		for (const text of [
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:\u202EGetUser","Resource":"*"}]}`,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Sid":"a\u0000"}]}`,
		]) {
			const error = await rejection(iamClient(sandbox).send(new SimulateCustomPolicyCommand({PolicyInputList: [text], ActionNames: ['iam:GetUser']})));
			expect(error.name).toBe('ValidationError');
			expect(error.message).toContain("at 'policyInputList.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern");
		}
	});
});
