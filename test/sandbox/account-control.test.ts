/**
 * `/_sandbox/account` (issue 15): the obstacles of a real account changed while the sandbox runs, with the
 * same effect as the command's flags: Anthropic's use-case form forgotten, an organisation's service
 * control policy put in place, new subscriptions kept PENDING. Through the control route's own guard
 * (token, JSON), and refused whole when any value is wrong.
 */
import {GetFoundationModelAvailabilityCommand, ListFoundationModelsCommand} from '@aws-sdk/client-bedrock';
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bedrockClient, controlRoute, rejection, runtimeClient, startTestSandbox, subscribeWithSdk} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => sandbox.close());

const account = (body?: unknown): Promise<Response> =>
	controlRoute(sandbox.endpoint, sandbox.adminToken, {route: 'account', ...(body === undefined ? {} : {body})});
const hello = {messages: [{role: 'user' as const, content: [{text: 'Hi'}]}], inferenceConfig: {maxTokens: 1}};

describe('/_sandbox/account', () => {
	it('GET says what a fresh sandbox plays: no subscription delay, subscriptions succeed, the use-case form submitted, no organisation policy, no LEGACY model in use', async () => {
		const response = await account();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			subscriptionDelayMs: 0,
			subscriptionOutcome: 'available',
			useCaseForm: 'submitted',
			serviceControlPolicies: [],
			legacyModelsInUse: [],
		});
	});

	it('useCaseForm missing: Anthropic models refuse calls in AWS words until it is submitted again', async () => {
		expect((await account({useCaseForm: 'missing'})).status).toBe(200);
		const refused = await rejection(runtimeClient(sandbox).send(new ConverseCommand({modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', ...hello})));
		expect(refused.message).toContain('Model use case details have not been submitted for this account');
		await runtimeClient(sandbox).send(new ConverseCommand({modelId: 'amazon.nova-lite-v1:0', ...hello}));
		expect((await account({useCaseForm: 'submitted'})).status).toBe(200);
	});

	it('a service control policy put in place refuses at once, named as one; an empty list lifts it', async () => {
		const denyBedrock = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:ListFoundationModels', Resource: '*'}]});
		const response = await account({serviceControlPolicies: [{name: 'no-listing', document: denyBedrock}]});
		expect(await response.json()).toMatchObject({serviceControlPolicies: ['no-listing']});
		const refused = await rejection(bedrockClient(sandbox).send(new ListFoundationModelsCommand({})));
		expect(refused.message).toContain('with an explicit deny in a service control policy');
		await account({serviceControlPolicies: []});
		await bedrockClient(sandbox).send(new ListFoundationModelsCommand({}));
	});

	it('subscriptionDelayMs keeps new agreements PENDING', async () => {
		await account({subscriptionDelayMs: 60_000});
		const bedrock = bedrockClient(sandbox);
		const modelId = 'anthropic.claude-opus-5';
		await subscribeWithSdk(bedrock, modelId);
		expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId}))).agreementAvailability?.status).toBe('PENDING');
		await account({subscriptionDelayMs: 0});
		expect((await bedrock.send(new GetFoundationModelAvailabilityCommand({modelId}))).agreementAvailability?.status).toBe('AVAILABLE');
	});

	it('a wrong value is a 400 naming it, and nothing changes; without the token, 401', async () => {
		const bad = await account({subscriptionDelayMs: -1, useCaseForm: 'missing'});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as {message: string}).message).toContain('subscriptionDelayMs');
		expect(await (await account()).json()).toMatchObject({useCaseForm: 'submitted', subscriptionDelayMs: 0});
		const policy = await account({serviceControlPolicies: [{name: 'broken', document: '{"Statement": 1'}]});
		expect(policy.status).toBe(400);
		const anonymous = await fetch(`${sandbox.endpoint}/_sandbox/account`);
		expect(anonymous.status).toBe(401);
	});
});

describe('the settings in the state file', () => {
	it('a restart on the same --state plays them again, unless an option (a flag) says otherwise', async () => {
		const statePath = join(mkdtempSync(join(tmpdir(), 'bkw-account-state-')), 'sandbox.json');
		const first = await startTestSandbox({statePath, useCaseForm: 'missing'});
		const denyAll = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Deny', Action: 'bedrock:ListFoundationModels', Resource: '*'}]});
		expect(
			(
				await controlRoute(first.endpoint, first.adminToken, {
					route: 'account',
					body: {subscriptionDelayMs: 5000, serviceControlPolicies: [{name: 'kept', document: denyAll}]},
				})
			).status,
		).toBe(200);
		await first.close();
		const second = await startTestSandbox({statePath});
		try {
			const settings = await (await controlRoute(second.endpoint, second.adminToken, {route: 'account'})).json();
			expect(settings).toEqual({
				subscriptionDelayMs: 5000,
				subscriptionOutcome: 'available',
				useCaseForm: 'missing',
				serviceControlPolicies: ['kept'],
				legacyModelsInUse: [],
			});
			expect((await rejection(bedrockClient(second).send(new ListFoundationModelsCommand({})))).message).toContain('service control policy');
		} finally {
			await second.close();
		}
		const third = await startTestSandbox({statePath, useCaseForm: 'submitted', subscriptionDelayMs: 0});
		try {
			expect(await (await controlRoute(third.endpoint, third.adminToken, {route: 'account'})).json()).toMatchObject({
				subscriptionDelayMs: 0,
				useCaseForm: 'submitted',
			});
		} finally {
			await third.close();
		}
	});
});
