/**
 * The article's scenario end to end, through the real SDK clients only: an admin creates a user, a
 * long-term API key and an inline policy for two models; after the propagation delay the key calls
 * both, and an ACTIVE model it was not given answers AccessDeniedException.
 */
import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {CreateServiceSpecificCredentialCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bearerRuntimeClient, iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const region = 'us-west-2';
const allowed = ['amazon.nova-lite-v1:0', 'meta.llama3-8b-instruct-v1:0'];
const forbidden = 'mistral.mistral-7b-instruct-v0:2';
const arn = (model: string) => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const ask = (modelId: string) => new ConverseCommand({modelId, messages: [{role: 'user', content: [{text: 'hi'}]}], inferenceConfig: {maxTokens: 1}});

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox({propagationDelayMs: 200});
});
afterAll(async () => {
	await sandbox.close();
});

test('admin creates user + API key + two-model policy; the key calls both and is denied a third', async () => {
	const iam: IAMClient = iamClient(sandbox);
	const user = await iam.send(new CreateUserCommand({UserName: 'BedrockAPIKey-demo', Tags: [{Key: 'bedrock-key-wizard:managed', Value: 'true'}]}));
	await iam.send(
		new PutUserPolicyCommand({
			UserName: 'BedrockAPIKey-demo',
			PolicyName: 'bedrock-two-models',
			PolicyDocument: JSON.stringify({
				Version: '2012-10-17',
				Statement: [
					{Sid: 'UseApiKey', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
					{Sid: 'Invoke', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: allowed.map(arn)},
				],
			}),
		}),
	);
	const credential = await iam.send(
		new CreateServiceSpecificCredentialCommand({UserName: 'BedrockAPIKey-demo', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 30}),
	);
	const apiKey = credential.ServiceSpecificCredential?.ServiceCredentialSecret ?? '';
	// The third-party model must not fail for marketplace reasons: the account has its agreement.
	sandbox.store.addModelAgreement(allowed[1] ?? '');
	sandbox.store.addModelAgreement(forbidden);

	// Before propagation the new key is unknown to Bedrock, as with real IAM.
	expect((await rejection(bearerRuntimeClient(sandbox, apiKey).send(ask(allowed[0] ?? '')))).$metadata?.httpStatusCode).toBe(403);
	await new Promise((resolve) => setTimeout(resolve, 250));

	for (const model of allowed) {
		const reply = await bearerRuntimeClient(sandbox, apiKey).send(ask(model));
		expect(reply.output?.message?.role).toBe('assistant');
	}
	const denied = await rejection(bearerRuntimeClient(sandbox, apiKey).send(ask(forbidden)));
	expect(denied.name).toBe('AccessDeniedException');
	expect(denied.message).toBe(
		`User: ${user.User?.Arn} is not authorized to perform: bedrock:InvokeModel on resource: ${arn(forbidden)} because no identity-based policy allows the bedrock:InvokeModel action`,
	);
	const calls = sandbox.store.runtimeCalls().filter((call) => call.principalArn === user.User?.Arn);
	expect(calls.map((call) => [call.modelId, call.outcome])).toEqual([
		[allowed[0], 'ok'],
		[allowed[1], 'ok'],
		[forbidden, 'AccessDeniedException'],
	]);
	expect(calls.every((call) => call.auth === 'bearer')).toBe(true);
});
