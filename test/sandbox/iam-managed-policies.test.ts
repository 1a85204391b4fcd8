/**
 * Customer managed policies in the sandbox, through the real @aws-sdk/client-iam: what IAM answers and
 * refuses (with its codes and words, docs/aws-facts.md 'Managed policies'), and that the attached default
 * version is what every evaluation sees: Bedrock Runtime (after the propagation delay), the simulator,
 * Access Analyzer (given the version's document), and the --state file.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CheckAccessNotGrantedCommand} from '@aws-sdk/client-accessanalyzer';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {
	AttachUserPolicyCommand,
	CreatePolicyCommand,
	CreatePolicyVersionCommand,
	CreateUserCommand,
	DeletePolicyCommand,
	DeletePolicyVersionCommand,
	DeleteUserCommand,
	DetachUserPolicyCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	ListAttachedUserPoliciesCommand,
	ListEntitiesForPolicyCommand,
	ListPoliciesCommand,
	ListPolicyTagsCommand,
	ListPolicyVersionsCommand,
	PutUserPolicyCommand,
	SetDefaultPolicyVersionCommand,
	SimulatePrincipalPolicyCommand,
	TagPolicyCommand,
	UntagPolicyCommand,
	type IAMClient,
} from '@aws-sdk/client-iam';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {analyzerClient, bearerRuntimeClient, iamClient, provisionUser, rejection, startTestSandbox, withFault} from '../helpers/sandbox.js';

const nova = 'amazon.nova-lite-v1:0';
/** A second model on demand in us-west-2 (third party: the tests give the account its Marketplace agreement). */
const llama = 'meta.llama3-8b-instruct-v1:0';
const modelArn = (id: string): string => `arn:aws:bedrock:us-west-2::foundation-model/${id}`;
const allow = (...models: string[]) =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
			{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: models.map(modelArn)},
		],
	});
const converse = (modelId: string) => new ConverseCommand({modelId, messages: [{role: 'user', content: [{text: 'hi'}]}]});
/** A policy of about `count` × 60 characters without whitespace. */
const sized = (count: number) =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: Array.from({length: count}, (_, i) => modelArn(`m-${i}`))}],
	});
const whitespaceFree = (text: string): number => text.replace(/\s/g, '').length;

let sandbox: RunningSandbox;
let iam: IAMClient;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	iam = iamClient(sandbox);
});
afterAll(async () => {
	await sandbox.close();
});

async function createPolicy(name: string, document = allow(nova), path?: string): Promise<string> {
	const created = await iam.send(new CreatePolicyCommand({PolicyName: name, PolicyDocument: document, ...(path ? {Path: path} : {})}));
	return created.Policy?.Arn ?? '';
}

describe('CreatePolicy, GetPolicy, GetPolicyVersion, tags', () => {
	test('a policy is made with v1 as its default, under its path, with its tags and description', async () => {
		const created = await iam.send(
			new CreatePolicyCommand({
				PolicyName: 'alice-bedrock',
				Path: '/bedrock-key-wizard/',
				PolicyDocument: allow(nova),
				Description: 'the key of alice',
				Tags: [{Key: 'bedrock-key-wizard:managed', Value: 'true'}],
			}),
		);
		const arn = 'arn:aws:iam::123456789012:policy/bedrock-key-wizard/alice-bedrock';
		expect(created.Policy).toMatchObject({
			PolicyName: 'alice-bedrock',
			Arn: arn,
			Path: '/bedrock-key-wizard/',
			DefaultVersionId: 'v1',
			AttachmentCount: 0,
			IsAttachable: true,
		});
		expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
		const got = await iam.send(new GetPolicyCommand({PolicyArn: arn}));
		expect(got.Policy).toMatchObject({Description: 'the key of alice', Tags: [{Key: 'bedrock-key-wizard:managed', Value: 'true'}]});
		const version = await iam.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: 'v1'}));
		expect(version.PolicyVersion).toMatchObject({VersionId: 'v1', IsDefaultVersion: true});
		// URL-encoded, as IAM returns every policy document.
		expect(decodeURIComponent(version.PolicyVersion?.Document ?? '')).toBe(allow(nova));

		await iam.send(new TagPolicyCommand({PolicyArn: arn, Tags: [{Key: 'team', Value: 'ml'}]}));
		expect((await iam.send(new ListPolicyTagsCommand({PolicyArn: arn}))).Tags).toEqual([
			{Key: 'bedrock-key-wizard:managed', Value: 'true'},
			{Key: 'team', Value: 'ml'},
		]);
		await iam.send(new UntagPolicyCommand({PolicyArn: arn, TagKeys: ['team']}));
		expect((await iam.send(new ListPolicyTagsCommand({PolicyArn: arn}))).Tags).toEqual([{Key: 'bedrock-key-wizard:managed', Value: 'true'}]);
	});

	test('a name is taken whatever its case or path: EntityAlreadyExists 409 in IAM words', async () => {
		await createPolicy('taken');
		const error = await rejection(createPolicy('TAKEN', allow(nova), '/elsewhere/'));
		expect(error.name).toBe('EntityAlreadyExistsException');
		expect(error.$metadata?.httpStatusCode).toBe(409);
		expect(error.message).toBe('A policy called TAKEN already exists. Duplicate names are not allowed.');
	});

	test('a version over 6,144 characters without whitespace is LimitExceeded; whitespace does not count', async () => {
		const big = sized(125);
		expect(whitespaceFree(big)).toBeGreaterThan(6144);
		const error = await rejection(createPolicy('too-big', big));
		expect(error.name).toBe('LimitExceededException');
		expect(error.message).toBe('Cannot exceed quota for PolicySize: 6144');
		const fits = sized(110);
		const padded = JSON.stringify(JSON.parse(fits), null, 12);
		expect(whitespaceFree(padded)).toBeLessThanOrEqual(6144);
		expect(padded.length).toBeGreaterThan(6144);
		const arn = await createPolicy('padded', padded);
		const versionError = await rejection(iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: big})));
		expect(versionError.message).toBe('Cannot exceed quota for PolicySize: 6144');
	});

	test('bad JSON or grammar is MalformedPolicyDocument; unknown ARNs are NoSuchEntity 404', async () => {
		expect((await rejection(createPolicy('bad', '{"Version":'))).name).toBe('MalformedPolicyDocumentException');
		const missing = await rejection(iam.send(new GetPolicyCommand({PolicyArn: 'arn:aws:iam::123456789012:policy/nothing'})));
		expect(missing.name).toBe('NoSuchEntityException');
		expect(missing.$metadata?.httpStatusCode).toBe(404);
		expect(missing.message).toBe('Policy arn:aws:iam::123456789012:policy/nothing was not found.');
		const noVersion = await rejection(iam.send(new GetPolicyVersionCommand({PolicyArn: await createPolicy('one-version'), VersionId: 'v2'})));
		expect(noVersion.name).toBe('NoSuchEntityException');
	});
});

describe('ListPolicies', () => {
	test('Scope, PathPrefix and OnlyAttached filter; Description and Tags are left out, as AWS does', async () => {
		const arn = await createPolicy('listed', allow(nova), '/listing/');
		await createPolicy('listed-too', allow(nova), '/listing/deeper/');
		const local = await iam.send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/listing/'}));
		expect(local.Policies?.map((policy) => policy.PolicyName)).toEqual(['listed', 'listed-too']);
		expect(local.Policies?.[0]).not.toHaveProperty('Description');
		expect((await iam.send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/listing/deeper/'}))).Policies?.map((p) => p.Arn)).toEqual([
			'arn:aws:iam::123456789012:policy/listing/deeper/listed-too',
		]);
		const aws = (await iam.send(new ListPoliciesCommand({Scope: 'AWS'}))).Policies?.map((policy) => policy.PolicyName) ?? [];
		expect(aws).toEqual(['AdministratorAccess', 'AmazonBedrockFullAccess', 'AmazonBedrockLimitedAccess']);

		await iam.send(new CreateUserCommand({UserName: 'lister'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'lister', PolicyArn: arn}));
		const attached = (await iam.send(new ListPoliciesCommand({OnlyAttached: true}))).Policies?.map((policy) => policy.PolicyName);
		// The sandbox's admin holds AdministratorAccess.
		expect(attached).toEqual(['AdministratorAccess', 'listed']);
		const paged = await iam.send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/listing/', MaxItems: 1}));
		expect(paged.IsTruncated).toBe(true);
		expect(
			(await iam.send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/listing/', Marker: paged.Marker}))).Policies?.map((p) => p.PolicyName),
		).toEqual(['listed-too']);
		await iam.send(new DetachUserPolicyCommand({UserName: 'lister', PolicyArn: arn}));
	});
});

describe('versions', () => {
	test('up to 5, newest first, one default; the default cannot be deleted; ids are never reused', async () => {
		const arn = await createPolicy('versioned');
		const v2 = await iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(llama)}));
		expect(v2.PolicyVersion).toMatchObject({VersionId: 'v2', IsDefaultVersion: false});
		expect(v2.PolicyVersion?.Document).toBeUndefined();
		for (const setAsDefault of [false, false, true])
			await iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(nova), SetAsDefault: setAsDefault}));
		const listed = await iam.send(new ListPolicyVersionsCommand({PolicyArn: arn}));
		expect(listed.Versions?.map((version) => [version.VersionId, version.IsDefaultVersion])).toEqual([
			['v5', true],
			['v4', false],
			['v3', false],
			['v2', false],
			['v1', false],
		]);
		const sixth = await rejection(iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(nova)})));
		expect(sixth.name).toBe('LimitExceededException');
		expect(sixth.$metadata?.httpStatusCode).toBe(409);
		expect(sixth.message).toBe('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');

		const defaultVersion = await rejection(iam.send(new DeletePolicyVersionCommand({PolicyArn: arn, VersionId: 'v5'})));
		expect(defaultVersion.name).toBe('DeleteConflictException');
		expect(defaultVersion.message).toBe('Cannot delete the default version of a policy.');
		await iam.send(new DeletePolicyVersionCommand({PolicyArn: arn, VersionId: 'v1'}));
		expect((await iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(nova)}))).PolicyVersion?.VersionId).toBe('v6');

		await iam.send(new SetDefaultPolicyVersionCommand({PolicyArn: arn, VersionId: 'v2'}));
		expect((await iam.send(new GetPolicyCommand({PolicyArn: arn}))).Policy?.DefaultVersionId).toBe('v2');
		expect((await rejection(iam.send(new SetDefaultPolicyVersionCommand({PolicyArn: arn, VersionId: 'v1'})))).name).toBe('NoSuchEntityException');
	});
});

describe('attachment, ListEntitiesForPolicy, DeletePolicy', () => {
	test('DeletePolicy is refused while attached, then while other versions remain; DeleteUser while attached', async () => {
		const arn = await createPolicy('held');
		await iam.send(new CreateUserCommand({UserName: 'holder'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'holder', PolicyArn: arn}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'holder', PolicyArn: arn})); // attaching twice is harmless
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'holder'}))).AttachedPolicies).toEqual([{PolicyName: 'held', PolicyArn: arn}]);
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'holder', PathPrefix: '/bedrock-key-wizard/'}))).AttachedPolicies).toEqual([]);
		expect((await iam.send(new GetPolicyCommand({PolicyArn: arn}))).Policy?.AttachmentCount).toBe(1);
		const entities = await iam.send(new ListEntitiesForPolicyCommand({PolicyArn: arn}));
		expect(entities.PolicyUsers).toEqual([{UserName: 'holder', UserId: expect.stringMatching(/^AIDA/) as unknown}]);
		expect(entities.PolicyRoles).toEqual([]);
		expect(entities.PolicyGroups).toEqual([]);
		expect((await iam.send(new ListEntitiesForPolicyCommand({PolicyArn: arn, EntityFilter: 'Role'}))).PolicyUsers).toEqual([]);

		await iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(llama), SetAsDefault: true}));
		const attached = await rejection(iam.send(new DeletePolicyCommand({PolicyArn: arn})));
		expect(attached.name).toBe('DeleteConflictException');
		expect(attached.message).toBe('Cannot delete a policy attached to entities.');
		const user = await rejection(iam.send(new DeleteUserCommand({UserName: 'holder'})));
		expect(user.message).toBe('Cannot delete entity, must detach all policies first.');

		await iam.send(new DetachUserPolicyCommand({UserName: 'holder', PolicyArn: arn}));
		const versions = await rejection(iam.send(new DeletePolicyCommand({PolicyArn: arn})));
		expect(versions.name).toBe('DeleteConflictException');
		expect(versions.message).toBe(
			"This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
		);
		await iam.send(new DeletePolicyVersionCommand({PolicyArn: arn, VersionId: 'v1'}));
		await iam.send(new DeletePolicyCommand({PolicyArn: arn}));
		expect((await rejection(iam.send(new GetPolicyCommand({PolicyArn: arn})))).name).toBe('NoSuchEntityException');
		await iam.send(new DeleteUserCommand({UserName: 'holder'}));
	});

	test('a user holds at most 10 managed policies (AWS managed and customer managed alike)', async () => {
		await iam.send(new CreateUserCommand({UserName: 'collector'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'collector', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		for (let index = 0; index < 9; index++)
			await iam.send(new AttachUserPolicyCommand({UserName: 'collector', PolicyArn: await createPolicy(`quota-${index}`)}));
		const eleventh = await rejection(iam.send(new AttachUserPolicyCommand({UserName: 'collector', PolicyArn: await createPolicy('quota-10')})));
		expect(eleventh.name).toBe('LimitExceededException');
		expect(eleventh.$metadata?.httpStatusCode).toBe(409);
		expect(eleventh.message).toBe('Cannot exceed quota for PoliciesPerUser: 10');
		const unknown = await rejection(iam.send(new AttachUserPolicyCommand({UserName: 'collector', PolicyArn: 'arn:aws:iam::123456789012:policy/none'})));
		expect(unknown.message).toBe('Policy arn:aws:iam::123456789012:policy/none does not exist or is not attachable.');
	});

	test("the 2,048 characters of inline policies are the user's total; managed policies do not count", async () => {
		await iam.send(new CreateUserCommand({UserName: 'budget'}));
		const half = sized(20);
		expect(whitespaceFree(half)).toBeGreaterThan(1024);
		await iam.send(new PutUserPolicyCommand({UserName: 'budget', PolicyName: 'own', PolicyDocument: half}));
		const second = await rejection(iam.send(new PutUserPolicyCommand({UserName: 'budget', PolicyName: 'key', PolicyDocument: half})));
		expect(second.name).toBe('LimitExceededException');
		expect(second.message).toBe('Maximum policy size of 2048 bytes exceeded for user budget');
		// The same document as a managed policy fits beside the inline one.
		await iam.send(new AttachUserPolicyCommand({UserName: 'budget', PolicyArn: await createPolicy('budget-key', half)}));
	});
});

describe('faults on the new operations', () => {
	test('a throttled CreatePolicyVersion changes nothing; a lost reply to CreatePolicy leaves the policy made, as a retry finds', async () => {
		const arn = await createPolicy('faulty');
		const throttled = await withFault(sandbox, {operation: 'CreatePolicyVersion', kind: 'throttle', times: 1}, () =>
			rejection(iam.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(llama), SetAsDefault: true}))),
		);
		expect(throttled.name).toBe('Throttling');
		expect((await iam.send(new ListPolicyVersionsCommand({PolicyArn: arn}))).Versions?.map((version) => version.VersionId)).toEqual(['v1']);

		const lost = await withFault(sandbox, {operation: 'CreatePolicy', kind: 'lost-reply', times: 1}, () => rejection(createPolicy('made-anyway')));
		expect(lost.name).not.toBe('EntityAlreadyExistsException');
		const retry = await rejection(createPolicy('made-anyway'));
		expect(retry.name).toBe('EntityAlreadyExistsException');
		expect((await iam.send(new GetPolicyCommand({PolicyArn: 'arn:aws:iam::123456789012:policy/made-anyway'}))).Policy?.DefaultVersionId).toBe('v1');
	});
});

describe('the attached default version is what is evaluated', () => {
	let now = Date.now();
	let timed: RunningSandbox;
	afterEach(async () => {
		await timed.close();
	});

	test('Bedrock Runtime sees the default version after the propagation delay; SimulatePrincipalPolicy at once', async () => {
		now = Date.now();
		timed = await startTestSandbox({propagationDelayMs: 60_000, clock: () => new Date(now)});
		const admin = iamClient(timed);
		const user = await provisionUser(timed, 'managed-key', undefined, {apiKey: true});
		const created = await admin.send(new CreatePolicyCommand({PolicyName: 'managed-key', PolicyDocument: allow(nova)}));
		const arn = created.Policy?.Arn ?? '';
		await admin.send(new AttachUserPolicyCommand({UserName: 'managed-key', PolicyArn: arn}));
		timed.store.addModelAgreement(llama);
		const runtime = () => bearerRuntimeClient(timed, user.apiKey ?? '');

		now += 61_000;
		expect((await runtime().send(converse(nova))).output?.message?.role).toBe('assistant');
		const llamaDenied = await rejection(runtime().send(converse(llama)));
		expect(llamaDenied.name).toBe('AccessDeniedException');
		expect(llamaDenied.message).toContain(`because no identity-based policy allows the bedrock:InvokeModel action`);

		// A version that is not the default changes nothing.
		await admin.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(llama)}));
		now += 61_000;
		expect((await rejection(runtime().send(converse(llama)))).name).toBe('AccessDeniedException');

		// The simulator reads IAM's current state: the new default at once, named as IAM names it.
		await admin.send(new SetDefaultPolicyVersionCommand({PolicyArn: arn, VersionId: 'v2'}));
		const simulate = async (model: string) =>
			(await admin.send(new SimulatePrincipalPolicyCommand({PolicySourceArn: user.arn, ActionNames: ['bedrock:InvokeModel'], ResourceArns: [modelArn(model)]})))
				.EvaluationResults?.[0];
		expect((await simulate(llama))?.EvalDecision).toBe('allowed');
		expect((await simulate(llama))?.MatchedStatements?.[0]).toMatchObject({SourcePolicyId: 'managed-key', SourcePolicyType: 'user-managed'});
		expect((await simulate(nova))?.EvalDecision).toBe('implicitDeny');
		// The runtime still enforces v1 until the change has propagated.
		expect((await runtime().send(converse(nova))).output?.message?.role).toBe('assistant');
		now += 61_000;
		expect((await runtime().send(converse(llama))).output?.message?.role).toBe('assistant');
		expect((await rejection(runtime().send(converse(nova)))).name).toBe('AccessDeniedException');

		// Detaching takes the delay to bite as well.
		await admin.send(new DetachUserPolicyCommand({UserName: 'managed-key', PolicyArn: arn}));
		expect((await runtime().send(converse(llama))).output?.message?.role).toBe('assistant');
		now += 61_000;
		const detached = await rejection(runtime().send(converse(llama)));
		expect(detached.message).toContain('bedrock:CallWithBearerToken');
	});

	test("Access Analyzer judges the default version's document as IAM returns it", async () => {
		timed = await startTestSandbox();
		const admin = iamClient(timed);
		const created = await admin.send(new CreatePolicyCommand({PolicyName: 'judged', PolicyDocument: allow(nova)}));
		const arn = created.Policy?.Arn ?? '';
		const defaultVersion = (await admin.send(new GetPolicyCommand({PolicyArn: arn}))).Policy?.DefaultVersionId;
		const fetched = await admin.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: defaultVersion}));
		const policyDocument = decodeURIComponent(fetched.PolicyVersion?.Document ?? '');
		const check = (model: string) =>
			analyzerClient(timed).send(
				new CheckAccessNotGrantedCommand({
					policyDocument,
					policyType: 'IDENTITY_POLICY',
					access: [{actions: ['bedrock:InvokeModel'], resources: [modelArn(model)]}],
				}),
			);
		expect((await check(llama)).result).toBe('PASS');
		expect((await check(nova)).result).toBe('FAIL');
	});
});

describe('persistence', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bkw-managed-'));
	let restarted: RunningSandbox | undefined;
	afterEach(async () => {
		await restarted?.close();
		restarted = undefined;
	});

	test('policies, their versions, default, tags and attachments survive a restart and still decide runtime calls', async () => {
		const statePath = join(dir, 'state.json');
		const first = await startTestSandbox({statePath});
		const user = await provisionUser(first, 'kept', undefined, {apiKey: true});
		const admin = iamClient(first);
		const arn =
			(await admin.send(new CreatePolicyCommand({PolicyName: 'kept', PolicyDocument: allow(llama), Tags: [{Key: 'k', Value: 'v'}]}))).Policy?.Arn ?? '';
		await admin.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(nova), SetAsDefault: true}));
		await admin.send(new AttachUserPolicyCommand({UserName: 'kept', PolicyArn: arn}));
		await first.close();
		const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {policies: Array<{arn: string; defaultVersionId: string; versions: unknown[]}>};
		expect(saved.policies).toMatchObject([{arn, defaultVersionId: 'v2'}]);
		expect(saved.policies[0]?.versions).toHaveLength(2);

		restarted = await startTestSandbox({statePath});
		restarted.store.addModelAgreement(llama);
		const again = iamClient(restarted);
		expect((await again.send(new GetPolicyCommand({PolicyArn: arn}))).Policy).toMatchObject({
			DefaultVersionId: 'v2',
			AttachmentCount: 1,
			Tags: [{Key: 'k', Value: 'v'}],
		});
		expect((await again.send(new ListPolicyVersionsCommand({PolicyArn: arn}))).Versions?.map((version) => version.VersionId)).toEqual(['v2', 'v1']);
		expect((await bearerRuntimeClient(restarted, user.apiKey ?? '').send(converse(nova))).output?.message?.role).toBe('assistant');
		expect((await rejection(bearerRuntimeClient(restarted, user.apiKey ?? '').send(converse(llama)))).name).toBe('AccessDeniedException');
		// The next version number survives too: v3, not a reused id.
		expect((await again.send(new CreatePolicyVersionCommand({PolicyArn: arn, PolicyDocument: allow(nova)}))).PolicyVersion?.VersionId).toBe('v3');
	});

	test('a state file from before managed policies loads with none; a broken policy record is an error naming the file', async () => {
		const statePath = join(dir, 'old.json');
		const first = await startTestSandbox({statePath});
		await first.close();
		const old = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
		delete old['policies'];
		writeFileSync(statePath, JSON.stringify(old));
		restarted = await startTestSandbox({statePath});
		expect((await iamClient(restarted).send(new ListPoliciesCommand({Scope: 'Local'}))).Policies).toEqual([]);
		await restarted.close();
		restarted = undefined;

		writeFileSync(
			statePath,
			JSON.stringify({...old, policies: [{arn: 'arn:aws:iam::123456789012:policy/x', policyName: 'x', defaultVersionId: 'v2', versions: []}]}),
		);
		const error = (await startTestSandbox({statePath}).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toContain(statePath);
		expect(error.message).toContain('a managed policy record is incomplete');
	});
});
