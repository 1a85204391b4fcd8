/**
 * A workshop whose policy does not fit inline (issue 14: "a workshop uses one managed policy for all its
 * seats"): the CLI in-process with the real SDK clients against the sandbox. The Claude Code set (Haiku 4.5,
 * Sonnet 5, Opus 5 through their us. profiles, Titan Text Embeddings v2) makes one customer managed policy,
 * attached to every seat; each seat's key answers the chosen models and is refused another; a re-run changes
 * nothing, a changed or detached policy is found by status and put right by a re-run; a workshop moves
 * between the inline and managed forms without leaving the other behind; teardown deletes the seats, then the
 * policy, and leaves (and names) a policy still attached to something that is not a seat.
 */
import {mkdtempSync, readFileSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	CreatePolicyVersionCommand,
	CreateUserCommand,
	DeleteUserCommand,
	DetachUserPolicyCommand,
	GetPolicyCommand,
	ListAttachedUserPoliciesCommand,
	ListEntitiesForPolicyCommand,
	ListPoliciesCommand,
	ListPolicyTagsCommand,
	ListPolicyVersionsCommand,
	ListUserPoliciesCommand,
	ListUsersCommand,
} from '@aws-sdk/client-iam';
import {ConverseCommand, InvokeModelCommand} from '@aws-sdk/client-bedrock-runtime';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {runCliCaptured, type CliRun} from '../helpers/cli.js';
import {adminEnv, bearerRuntimeClient, iamClient, rejection, runtimeClient, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET = 'us.anthropic.claude-sonnet-5';
const OPUS = 'us.anthropic.claude-opus-5';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const CLAUDE_CODE = [HAIKU, SONNET, OPUS, TITAN_V2].join(',');

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 0});
});
afterAll(async () => sandbox.close());

const iam = () => iamClient(sandbox, {maxAttempts: 3});
const policyArn = (name: string): string => `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/${name}`;

async function workshop(args: readonly string[], dir: string): Promise<CliRun> {
	return runCliCaptured(['workshop', ...args, '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--out-dir', dir, '--max-rps', '200'], {
		env: adminEnv(sandbox),
	});
}

const seatsOf = async (prefix: string): Promise<string[]> =>
	((await iam().send(new ListUsersCommand({MaxItems: 1000}))).Users ?? [])
		.map((user) => user.UserName!)
		.filter((name) => name.startsWith(prefix))
		.sort();
const attachedTo = async (userName: string): Promise<string[]> =>
	((await iam().send(new ListAttachedUserPoliciesCommand({UserName: userName}))).AttachedPolicies ?? []).map((policy) => policy.PolicyArn!);
const inlineOf = async (userName: string): Promise<string[]> => (await iam().send(new ListUserPoliciesCommand({UserName: userName}))).PolicyNames ?? [];
const ourPolicies = async (): Promise<string[]> =>
	((await iam().send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}))).Policies ?? []).map((policy) => policy.PolicyName!).sort();
const versionsOf = async (arn: string) => (await iam().send(new ListPolicyVersionsCommand({PolicyArn: arn}))).Versions ?? [];
const keyIn = (dir: string, userName: string): string => /^AWS_BEARER_TOKEN_BEDROCK=(\S+)$/m.exec(readFileSync(join(dir, `${userName}.md`), 'utf8'))![1]!;
const message = {role: 'user' as const, content: [{text: 'hi'}]};

describe('the Claude Code set for 3 seats: one customer managed policy shared by every seat', () => {
	const event = 'claude-class';
	const prefix = 'bkw-claude-class-';
	const name = 'bedrock-key-wizard-workshop-claude-class';
	let dir: string;
	let created: CliRun;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-managed-'));
		// The Anthropic models are sold through AWS Marketplace: the admin's first call subscribes the account, as on AWS
		// (docs/aws-facts.md, 'Model access and AWS Marketplace'); the seats' keys may not subscribe, and need not.
		const admin = runtimeClient(sandbox, {maxAttempts: 3});
		for (const modelId of [HAIKU, SONNET, OPUS]) await admin.send(new ConverseCommand({modelId, messages: [message], inferenceConfig: {maxTokens: 1}}));
		created = await workshop(['create', '--name', event, '--seats', '3', '--models', CLAUDE_CODE, '--expires-in-days', '1', '--json'], dir);
	}, 60_000);

	it('makes 3 seats and one managed policy, named after the workshop, under our path, tagged with the event, and says so', async () => {
		expect(created.code, created.stderr).toBe(0);
		const summary = JSON.parse(created.stdout) as {ready: number; policy: unknown};
		expect(summary.ready).toBe(3);
		expect(summary.policy).toEqual({type: 'managed', policies: [{name, arn: policyArn(name)}]});
		expect(created.stderr).toContain(`Customer managed policy ${name} made; every seat gets it attached.`);
		const {Policy} = await iam().send(new GetPolicyCommand({PolicyArn: policyArn(name)}));
		expect(Policy).toMatchObject({PolicyName: name, Path: '/bedrock-key-wizard/', AttachmentCount: 3, DefaultVersionId: 'v1'});
		const tags = Object.fromEntries(
			((await iam().send(new ListPolicyTagsCommand({PolicyArn: policyArn(name)}))).Tags ?? []).map((tag) => [tag.Key, tag.Value]),
		);
		expect(tags).toMatchObject({'bedrock-key-wizard:workshop': event});
		// Not the per-user tag: deleting one seat (cleanup) must only detach what every seat shares.
		expect(tags['bedrock-key-wizard:managed']).toBeUndefined();
		const manifest = JSON.parse(readFileSync(join(dir, 'workshop.json'), 'utf8')) as {policy: unknown};
		expect(manifest.policy).toEqual(summary.policy);
	});

	it('every seat has the policy attached and no inline policy; IAM lists the 3 seats as its entities', async () => {
		const seats = await seatsOf(prefix);
		expect(seats).toEqual([`${prefix}001`, `${prefix}002`, `${prefix}003`]);
		for (const seat of seats) {
			expect(await attachedTo(seat)).toEqual([policyArn(name)]);
			expect(await inlineOf(seat)).toEqual([]);
		}
		const entities = await iam().send(new ListEntitiesForPolicyCommand({PolicyArn: policyArn(name)}));
		expect((entities.PolicyUsers ?? []).map((user) => user.UserName).sort()).toEqual(seats);
		expect(entities.PolicyGroups ?? []).toEqual([]);
		expect(entities.PolicyRoles ?? []).toEqual([]);
	});

	it("each seat's key answers the chosen models through their profiles, and is refused another model", async () => {
		for (const seat of await seatsOf(prefix)) {
			const runtime = bearerRuntimeClient(sandbox, keyIn(dir, seat), {maxAttempts: 3});
			for (const modelId of [HAIKU, SONNET, OPUS]) {
				const answer = await runtime.send(new ConverseCommand({modelId, messages: [message], inferenceConfig: {maxTokens: 1}}));
				expect(answer.$metadata.httpStatusCode, `${seat} ${modelId}`).toBe(200);
			}
			const embedded = await runtime.send(
				new InvokeModelCommand({modelId: TITAN_V2, body: JSON.stringify({inputText: 'hi'}), contentType: 'application/json'}),
			);
			expect(embedded.$metadata.httpStatusCode).toBe(200);
			const refused = await rejection(
				runtime.send(new ConverseCommand({modelId: 'amazon.nova-lite-v1:0', messages: [message], inferenceConfig: {maxTokens: 1}})),
			);
			expect(refused.name).toBe('AccessDeniedException');
		}
	});

	it('status judges every seat ready, and --verify proves each key live (allowed and denied)', async () => {
		const status = await workshop(['status', '--name', event, '--verify', '--verify-timeout', '20', '--json'], dir);
		expect(status.code, status.stderr).toBe(0);
		const parsed = JSON.parse(status.stdout) as {ready: number; seats: Array<{state: string; lastVerification: {pass: boolean}}>};
		expect(parsed.ready).toBe(3);
		expect(parsed.seats.map((seat) => seat.lastVerification.pass)).toEqual([true, true, true]);
	});

	it('a second run changes nothing: the policy keeps its one version, every seat is unchanged', async () => {
		const again = await workshop(['create', '--name', event, '--seats', '3', '--models', CLAUDE_CODE, '--expires-in-days', '1', '--json'], dir);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout).counts).toMatchObject({unchanged: 3, created: 0, completed: 0});
		expect(again.stderr).toContain(`Customer managed policy ${name} is already up to date`);
		expect((await versionsOf(policyArn(name))).map((version) => version.VersionId)).toEqual(['v1']);
	});

	it('a detached seat and a changed default version are found by status, and a re-run puts both right within 5 versions', async () => {
		await iam().send(new DetachUserPolicyCommand({UserName: `${prefix}002`, PolicyArn: policyArn(name)}));
		// Someone made four more versions, the last the default: IAM's limit of 5 is reached.
		for (let index = 0; index < 4; index++) {
			await iam().send(
				new CreatePolicyVersionCommand({
					PolicyArn: policyArn(name),
					PolicyDocument: JSON.stringify({
						Version: '2012-10-17',
						Statement: [{Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: `*`, Sid: `S${index}`}],
					}),
					SetAsDefault: index === 3,
				}),
			);
		}
		const status = await workshop(['status', '--name', event, '--json'], dir);
		const states = (JSON.parse(status.stdout) as {seats: Array<{state: string}>}).seats.map((seat) => seat.state);
		expect(states).toEqual(['stale-policy', 'no-policy', 'stale-policy']);

		const again = await workshop(['create', '--name', event, '--seats', '3', '--models', CLAUDE_CODE, '--expires-in-days', '1', '--json'], dir);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout).counts).toMatchObject({unchanged: 2, completed: 1});
		expect(again.stderr).toContain(`Customer managed policy ${name} given a new default version`);
		const versions = await versionsOf(policyArn(name));
		expect(versions).toHaveLength(5);
		const current = versions.find((version) => version.IsDefaultVersion)!;
		expect(current.VersionId).toBe('v6');
		// The oldest version that was not the default went; the planned document is the default again.
		expect(versions.map((version) => version.VersionId)).not.toContain('v1');
		for (const seat of await seatsOf(prefix)) expect(await attachedTo(seat)).toEqual([policyArn(name)]);
		// Status judges the default version against the planned document: all ready again.
		const after = await workshop(['status', '--name', event, '--json'], dir);
		expect((JSON.parse(after.stdout) as {ready: number}).ready).toBe(3);
	});

	it('teardown lists the policy, then deletes the seats and the policy with its versions', async () => {
		const dry = await workshop(['teardown', '--name', event], dir);
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toContain(`${name} (customer managed policy shared by the seats; deleted after them)`);
		const down = await workshop(['teardown', '--name', event, '--yes', '--json'], dir);
		expect(down.code, down.stderr).toBe(0);
		expect(JSON.parse(down.stdout)).toMatchObject({remaining: 0, failed: [], policies: {deleted: [name], left: [], remaining: 0}});
		expect(await seatsOf(prefix)).toEqual([]);
		expect(await ourPolicies()).not.toContain(name);
		expect((await rejection(iam().send(new GetPolicyCommand({PolicyArn: policyArn(name)})))).name).toBe('NoSuchEntityException');
	});
});

describe('whose policy it is', () => {
	it("a policy of the workshop policy's name without the event's tag is refused and left alone; no seat is made", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-squat-'));
		const name = 'bedrock-key-wizard-workshop-squatted';
		const document = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*'}]});
		await iam().send(new CreatePolicyCommand({PolicyName: name, Path: '/bedrock-key-wizard/', PolicyDocument: document}));
		const run = await workshop(
			['create', '--name', 'squatted', '--seats', '2', '--models', 'amazon.nova-lite-v1:0', '--expires-in-days', '1', '--policy-type', 'managed'],
			dir,
		);
		expect(run.code).toBe(3);
		expect(run.stderr).toContain(`A managed policy ${policyArn(name)} exists but does not carry this event's tag, so it is left alone.`);
		expect(await seatsOf('bkw-squatted-')).toEqual([]);
		expect((await versionsOf(policyArn(name))).map((version) => version.VersionId)).toEqual(['v1']);
	});

	it('cleanup of one seat only detaches the shared policy: the other seats keep it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-cleanup-'));
		const name = 'bedrock-key-wizard-workshop-shared';
		const made = await workshop(
			['create', '--name', 'shared', '--seats', '2', '--models', 'amazon.nova-lite-v1:0', '--expires-in-days', '1', '--policy-type', 'managed'],
			dir,
		);
		expect(made.code, made.stderr).toBe(0);
		const cleanup = await runCliCaptured(
			['cleanup', '--user-name', 'bkw-shared-001', '--include-workshops', '--yes', '--endpoint-url', sandbox.endpoint, '--region', 'us-west-2'],
			{
				env: adminEnv(sandbox),
			},
		);
		expect(cleanup.code, cleanup.stderr).toBe(0);
		expect(await seatsOf('bkw-shared-')).toEqual(['bkw-shared-002']);
		expect(await attachedTo('bkw-shared-002')).toEqual([policyArn(name)]);
		const {Policy} = await iam().send(new GetPolicyCommand({PolicyArn: policyArn(name)}));
		expect(Policy?.AttachmentCount).toBe(1);
		const down = await workshop(['teardown', '--name', 'shared', '--yes', '--json'], dir);
		expect(JSON.parse(down.stdout)).toMatchObject({remaining: 0, policies: {deleted: [name], remaining: 0}});
	});
});

describe('moving between the inline and the managed form, and a policy attached to something else at teardown', () => {
	const event = 'switching';
	const prefix = 'bkw-switching-';
	const name = 'bedrock-key-wizard-workshop-switching';
	const small = 'amazon.nova-lite-v1:0';
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-switch-'));
	});
	// Moving the policy is a change to every seat: agreed to with --yes (without it, the plan and exit 2).
	const create = (policyType: string, yes = true): Promise<CliRun> =>
		workshop(
			[
				'create',
				'--name',
				event,
				'--seats',
				'2',
				'--models',
				small,
				'--expires-in-days',
				'1',
				'--policy-type',
				policyType,
				'--json',
				...(yes ? ['--yes'] : []),
			],
			dir,
		);

	it('inline first (it fits), then --policy-type managed: the seats get the policy attached and lose their inline one', async () => {
		const inline = await create('auto');
		expect(inline.code, inline.stderr).toBe(0);
		expect(JSON.parse(inline.stdout).policy).toEqual({type: 'inline', name: 'bedrock-key-wizard'});
		for (const seat of await seatsOf(prefix)) expect(await inlineOf(seat)).toEqual(['bedrock-key-wizard']);

		const asked = await create('managed', false);
		expect(asked.code).toBe(2);
		expect(asked.stderr).toContain('where the policy lives: inline -> managed');
		for (const seat of await seatsOf(prefix)) expect(await attachedTo(seat)).toEqual([]);
		const managed = await create('managed');
		expect(managed.code, managed.stderr).toBe(0);
		expect(JSON.parse(managed.stdout).counts).toMatchObject({completed: 2});
		for (const seat of await seatsOf(prefix)) {
			expect(await inlineOf(seat)).toEqual([]);
			expect(await attachedTo(seat)).toEqual([policyArn(name)]);
		}
		const status = await workshop(['status', '--name', event, '--json'], dir);
		expect((JSON.parse(status.stdout) as {ready: number}).ready).toBe(2);
	});

	it('back to inline: the seats get their inline policy, and the managed one is detached and deleted', async () => {
		const inline = await create('inline');
		expect(inline.code, inline.stderr).toBe(0);
		expect(inline.stderr).toContain(`Deleted managed policy ${name}: the seats no longer use it.`);
		for (const seat of await seatsOf(prefix)) {
			expect(await inlineOf(seat)).toEqual(['bedrock-key-wizard']);
			expect(await attachedTo(seat)).toEqual([]);
		}
		expect(await ourPolicies()).not.toContain(name);
		const status = await workshop(['status', '--name', event, '--json'], dir);
		expect((JSON.parse(status.stdout) as {ready: number}).ready).toBe(2);
	});

	it('teardown leaves, and names, a policy still attached to a user that is not a seat; once detached, a re-run deletes it', async () => {
		expect((await create('managed')).code).toBe(0);
		await iam().send(new CreateUserCommand({UserName: 'not-a-seat'}));
		await iam().send(new AttachUserPolicyCommand({UserName: 'not-a-seat', PolicyArn: policyArn(name)}));

		const first = await workshop(['teardown', '--name', event, '--yes'], dir);
		expect(first.code).toBe(3);
		expect(first.stdout).toContain(
			`Customer managed policy ${name} was left: it is still attached to a user, group or role that is not a seat of this workshop.`,
		);
		expect(await seatsOf(prefix)).toEqual([]);
		expect(await attachedTo('not-a-seat')).toEqual([policyArn(name)]);

		await iam().send(new DetachUserPolicyCommand({UserName: 'not-a-seat', PolicyArn: policyArn(name)}));
		await iam().send(new DeleteUserCommand({UserName: 'not-a-seat'}));
		const dry = await workshop(['teardown', '--name', event, '--json'], dir);
		expect(JSON.parse(dry.stdout)).toMatchObject({dryRun: true, planned: [], plannedPolicies: [{name, arn: policyArn(name)}]});
		const second = await workshop(['teardown', '--name', event, '--yes'], dir);
		expect(second.code, second.stderr).toBe(0);
		expect(second.stdout).toContain(`Deleted customer managed policy ${name} with its versions.`);
		expect(second.stdout).toContain('Nothing of workshop "switching" is left in IAM.');
		expect(await ourPolicies()).not.toContain(name);
		expect(readdirSync(dir)).toContain('workshop.json');
	});
});

describe('a policy past 6,144 characters: split across several managed policies as create splits it', () => {
	const event = 'many-models';
	const prefix = 'bkw-many-models-';
	const base = 'bedrock-key-wizard-workshop-many-models';
	const models = [
		'us.anthropic.claude-haiku-4-5-20251001-v1:0',
		'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
		'us.anthropic.claude-sonnet-4-6',
		'us.anthropic.claude-sonnet-5',
		'us.anthropic.claude-opus-4-1-20250805-v1:0',
		'us.anthropic.claude-opus-4-5-20251101-v1:0',
		'us.anthropic.claude-opus-4-6-v1',
		'us.anthropic.claude-opus-4-7',
		'us.anthropic.claude-opus-4-8',
		'us.anthropic.claude-opus-5',
		'us.amazon.nova-micro-v1:0',
		'us.amazon.nova-pro-v1:0',
	].join(',');

	it('12 profiles (about 10,500 characters): every seat gets each part attached; status judges them; teardown deletes them all', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-workshop-split-'));
		const created = await workshop(['create', '--name', event, '--seats', '2', '--models', models, '--expires-in-days', '1', '--json'], dir);
		expect(created.code, created.stderr).toBe(0);
		const policy = JSON.parse(created.stdout).policy as {type: string; policies: Array<{name: string; arn: string}>};
		expect(policy.type).toBe('managed');
		expect(policy.policies.length).toBeGreaterThan(1);
		expect(policy.policies.map((part) => part.name)).toEqual(policy.policies.map((_, index) => `${base}-${index + 1}`));
		for (const seat of await seatsOf(prefix)) expect((await attachedTo(seat)).sort()).toEqual(policy.policies.map((part) => part.arn).sort());
		for (const part of policy.policies) {
			const {Policy} = await iam().send(new GetPolicyCommand({PolicyArn: part.arn}));
			expect(Policy?.AttachmentCount).toBe(2);
		}
		const status = await workshop(['status', '--name', event, '--json'], dir);
		expect((JSON.parse(status.stdout) as {ready: number}).ready).toBe(2);

		const down = await workshop(['teardown', '--name', event, '--yes', '--json'], dir);
		expect(down.code, down.stderr).toBe(0);
		expect(JSON.parse(down.stdout).policies).toEqual({deleted: policy.policies.map((part) => part.name), left: [], remaining: 0});
		expect((await ourPolicies()).filter((name) => name.startsWith(base))).toEqual([]);
	});
});
