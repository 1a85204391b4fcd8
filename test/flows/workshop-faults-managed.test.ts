/**
 * The workshop's managed policy under faults (issue 14): each new call (CreatePolicy, CreatePolicyVersion,
 * AttachUserPolicy, DeletePolicy) failing once, or carried out with its answer lost. The flows are driven with
 * the real IAM adapter against a fresh sandbox per case, one attempt per call (so the fault reaches the flow),
 * and withFault fails a case whose fault never fired. Whatever the first run leaves, the next run converges:
 * one policy, one version in force holding the planned document, attached to every seat, nothing left over.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetPolicyCommand, ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand, ListUsersCommand} from '@aws-sdk/client-iam';
import {describe, expect, it} from 'vitest';
import {createAwsSession, type AwsSession} from '../../source/aws/index.js';
import {workshopFiles} from '../../source/cli/commands/workshop.js';
import {en} from '../../source/core/i18n/en.js';
import {runWorkshopCreate, type WorkshopCreateRequest} from '../../source/flows/workshop/create.js';
import {planWorkshopTeardown, runWorkshopTeardown} from '../../source/flows/workshop/teardown.js';
import {iamClient} from '../helpers/sandbox.js';
import {proven, sandbox, useFaultSandbox, withFault} from './fault-suite.js';

useFaultSandbox('workshop managed-policy faults');

const EVENT = 'faulty';
const NAME = 'bedrock-key-wizard-workshop-faulty';
const policyArn = (): string => `arn:aws:iam::${sandbox.accountId}:policy/bedrock-key-wizard/${NAME}`;

/** One attempt per IAM call and per create: the first failure is the flow's to handle. */
const session = (): AwsSession =>
	createAwsSession(
		{region: 'us-west-2', endpointUrl: sandbox.endpoint, credentials: {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey}},
		{iamMaxAttempts: 1, createAttempts: 1},
	);

async function create(dir: string, modelIds: readonly string[] = ['amazon.nova-lite-v1:0']) {
	const aws = session();
	try {
		const request: WorkshopCreateRequest = {
			event: EVENT,
			seats: 3,
			region: 'us-west-2',
			modelIds,
			expiry: {expiresInDays: '1'},
			outDir: dir,
			concurrency: 3,
			policyType: 'managed',
		};
		// A re-run that changes the seats' policy is confirmed, as --yes does (the plan itself: workshop-repeat.test.ts).
		return await runWorkshopCreate(request, {
			ports: aws,
			iam: aws.iam,
			files: workshopFiles(dir),
			messages: en,
			now: () => new Date(),
			confirm: async () => true,
		});
	} finally {
		aws.close();
	}
}

async function teardown() {
	const aws = session();
	try {
		return await runWorkshopTeardown(await planWorkshopTeardown(aws.iam, EVENT), {iam: aws.iam, concurrency: 3});
	} finally {
		aws.close();
	}
}

const iam = () => iamClient(sandbox, {maxAttempts: 3});
const ourPolicies = async (): Promise<string[]> =>
	((await iam().send(new ListPoliciesCommand({Scope: 'Local', PathPrefix: '/bedrock-key-wizard/'}))).Policies ?? []).map((policy) => policy.PolicyName!);
const seats = async (): Promise<string[]> =>
	((await iam().send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName!).filter((name) => name.startsWith('bkw-faulty-'));

/** The converged state: one policy with one version in force, attached to exactly the 3 seats. */
async function expectConverged(versions = 1): Promise<void> {
	expect(await ourPolicies()).toEqual([NAME]);
	const {Policy} = await iam().send(new GetPolicyCommand({PolicyArn: policyArn()}));
	expect(Policy?.AttachmentCount).toBe(3);
	const entities = await iam().send(new ListEntitiesForPolicyCommand({PolicyArn: policyArn()}));
	expect((entities.PolicyUsers ?? []).map((user) => user.UserName).sort()).toEqual(['bkw-faulty-001', 'bkw-faulty-002', 'bkw-faulty-003']);
	expect((await iam().send(new ListPolicyVersionsCommand({PolicyArn: policyArn()}))).Versions).toHaveLength(versions);
}

const dir = (): string => mkdtempSync(join(tmpdir(), 'bkw-workshop-faults-'));

describe('workshop create: the managed policy under faults', () => {
	it('CreatePolicy fails (503): nothing is made, not a seat; the next run makes it all', async () => {
		const out = dir();
		const error = await withFault({operation: 'CreatePolicy', kind: '503', times: 1}, () => create(out).catch((caught: Error) => caught));
		expect(error).toBeInstanceOf(Error);
		expect(await ourPolicies()).toEqual([]);
		expect(await seats()).toEqual([]);
		const again = await create(out);
		expect(again).toMatchObject({ready: 3, counts: {created: 3, failed: 0}});
		await expectConverged();
		proven('failedCleanly');
	});

	it('CreatePolicy carried out, its answer lost: the policy is adopted, never made twice, and the run completes', async () => {
		const out = dir();
		const summary = await withFault({operation: 'CreatePolicy', kind: 'lost-reply', times: 1}, () => create(out));
		expect(summary).toMatchObject({ready: 3, counts: {created: 3, failed: 0}});
		await expectConverged();
		expect((await create(out)).counts).toMatchObject({unchanged: 3});
		proven('survived');
	});

	it('AttachUserPolicy fails (500) for one seat: that seat fails, the others are made; the next run finishes it', async () => {
		const out = dir();
		const first = await withFault({operation: 'AttachUserPolicy', kind: '500', times: 1}, () => create(out));
		expect(first.counts).toMatchObject({failed: 1, created: 2});
		const again = await create(out);
		expect(again).toMatchObject({ready: 3, counts: {failed: 0, unchanged: 2}});
		expect(again.counts.completed + again.counts.created).toBe(1);
		await expectConverged();
		proven('failedCleanly');
	});

	it('CreatePolicyVersion fails (503) on a changed policy: the old version stays in force; the next run makes the new one', async () => {
		const out = dir();
		await create(out);
		const changed = ['amazon.nova-lite-v1:0', 'amazon.titan-embed-text-v2:0'];
		const error = await withFault({operation: 'CreatePolicyVersion', kind: '503', times: 1}, () => create(out, changed).catch((caught: Error) => caught));
		expect(error).toBeInstanceOf(Error);
		await expectConverged(1);
		const again = await create(out, changed);
		expect(again).toMatchObject({ready: 3, counts: {failed: 0}});
		await expectConverged(2);
		proven('failedCleanly');
	});

	it('CreatePolicyVersion carried out, its answer lost: the version is adopted, not made twice', async () => {
		const out = dir();
		await create(out);
		const changed = ['amazon.nova-lite-v1:0', 'amazon.titan-embed-text-v2:0'];
		const summary = await withFault({operation: 'CreatePolicyVersion', kind: 'lost-reply', times: 1}, () => create(out, changed));
		expect(summary).toMatchObject({ready: 3, counts: {failed: 0}});
		await expectConverged(2);
		expect((await create(out, changed)).counts).toMatchObject({unchanged: 3});
		await expectConverged(2);
		proven('survived');
	});
});

describe('workshop teardown: the managed policy under faults', () => {
	it('DeletePolicy fails (503): the seats are gone, the policy is reported left; the next teardown deletes it', async () => {
		const out = dir();
		await create(out);
		const first = await withFault({operation: 'DeletePolicy', kind: '503', times: 1}, () => teardown());
		expect(first).toMatchObject({remaining: 0, failed: [], policies: {deleted: [], remaining: 1}});
		expect(first.policies.left).toEqual([
			expect.objectContaining({name: NAME, attachedElsewhere: false, reason: expect.stringContaining('ServiceUnavailable') as string}),
		]);
		expect(await seats()).toEqual([]);
		expect(await ourPolicies()).toEqual([NAME]);
		const second = await teardown();
		expect(second).toMatchObject({remaining: 0, policies: {deleted: [NAME], left: [], remaining: 0}});
		expect(await ourPolicies()).toEqual([]);
		proven('failedCleanly');
	});

	it('DetachUserPolicy fails (500) on a seat: that seat and the policy stay; the next teardown removes both', async () => {
		const out = dir();
		await create(out);
		const first = await withFault({operation: 'DetachUserPolicy', kind: '500', times: 1}, () => teardown());
		expect(first.failed).toHaveLength(1);
		expect(first).toMatchObject({remaining: 1, policies: {deleted: [], left: [], remaining: 1}});
		expect(await ourPolicies()).toEqual([NAME]);
		const second = await teardown();
		expect(second).toMatchObject({remaining: 0, failed: [], policies: {deleted: [NAME], remaining: 0}});
		expect(await seats()).toEqual([]);
		expect(await ourPolicies()).toEqual([]);
		proven('failedCleanly');
	});
});
