import {
	AttachUserPolicyCommand,
	CreateUserCommand,
	DeleteUserPolicyCommand,
	DetachUserPolicyCommand,
	GetPolicyCommand,
	GetPolicyVersionCommand,
	GetUserPolicyCommand,
	ListAttachedUserPoliciesCommand,
	ListUserPoliciesCommand,
	PutUserPolicyCommand,
	SimulateCustomPolicyCommand,
	SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {iamClient, rejection, startTestSandbox} from '../helpers/sandbox.js';

const modelArn = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0';
const otherArn = 'arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-8b-instruct-v1:0';
const profileArn = 'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.amazon.nova-lite-v1:0';
const policy = {
	Version: '2012-10-17',
	Statement: [
		{Sid: 'Key', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Sid: 'Models', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: modelArn},
		{
			Sid: 'ViaProfile',
			Effect: 'Allow',
			Action: 'bedrock:InvokeModel',
			Resource: otherArn,
			Condition: {StringEquals: {'bedrock:InferenceProfileArn': profileArn}},
		},
		{Sid: 'Guard', Effect: 'Deny', Action: 'bedrock:InvokeModel*', NotResource: [modelArn, otherArn, profileArn]},
	],
};

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	await iamClient(sandbox).send(new CreateUserCommand({UserName: 'pat'}));
});
afterAll(async () => {
	await sandbox.close();
});

describe('inline policies', () => {
	test('Put, Get (URL-encoded like AWS), List, Delete', async () => {
		const iam = iamClient(sandbox);
		const text = JSON.stringify(policy, null, 2);
		await iam.send(new PutUserPolicyCommand({UserName: 'pat', PolicyName: 'bedrock-key', PolicyDocument: text}));
		const got = await iam.send(new GetUserPolicyCommand({UserName: 'pat', PolicyName: 'bedrock-key'}));
		expect(got.PolicyDocument).toBe(encodeURIComponent(text));
		expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(policy);
		expect((await iam.send(new ListUserPoliciesCommand({UserName: 'pat'}))).PolicyNames).toEqual(['bedrock-key']);
		await iam.send(new PutUserPolicyCommand({UserName: 'pat', PolicyName: 'temp', PolicyDocument: encodeURIComponent(JSON.stringify(policy))}));
		expect(JSON.parse(decodeURIComponent((await iam.send(new GetUserPolicyCommand({UserName: 'pat', PolicyName: 'temp'}))).PolicyDocument ?? ''))).toEqual(
			policy,
		);
		await iam.send(new DeleteUserPolicyCommand({UserName: 'pat', PolicyName: 'temp'}));
		const missing = await rejection(iam.send(new GetUserPolicyCommand({UserName: 'pat', PolicyName: 'temp'})));
		expect(missing.name).toBe('NoSuchEntityException');
		expect(missing.message).toBe('The user policy with name temp cannot be found.');
	});

	test('bad JSON and bad grammar are MalformedPolicyDocument 400', async () => {
		const iam = iamClient(sandbox);
		const json = await rejection(iam.send(new PutUserPolicyCommand({UserName: 'pat', PolicyName: 'bad', PolicyDocument: '{"Version": '})));
		expect(json.name).toBe('MalformedPolicyDocumentException');
		expect(json.$metadata?.httpStatusCode).toBe(400);
		const grammar = await rejection(
			iam.send(
				new PutUserPolicyCommand({
					UserName: 'pat',
					PolicyName: 'bad',
					PolicyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Maybe', Action: '*', Resource: '*'}]}),
				}),
			),
		);
		expect(grammar.name).toBe('MalformedPolicyDocumentException');
		expect((await iam.send(new ListUserPoliciesCommand({UserName: 'pat'}))).PolicyNames).toEqual(['bedrock-key']);
	});

	test('more than 2,048 characters without whitespace is LimitExceeded; whitespace does not count', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new CreateUserCommand({UserName: 'big'}));
		const resources = Array.from({length: 40}, (_, index) => `arn:aws:bedrock:us-west-2::foundation-model/model-${index}`);
		const large = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: resources}]});
		expect(large.length).toBeGreaterThan(2048);
		const error = await rejection(iam.send(new PutUserPolicyCommand({UserName: 'big', PolicyName: 'p', PolicyDocument: large})));
		expect(error.name).toBe('LimitExceededException');
		expect(error.message).toBe('Maximum policy size of 2048 bytes exceeded for user big');
		const padded = JSON.stringify(policy, null, 40);
		expect(padded.length).toBeGreaterThan(2048);
		await iam.send(new PutUserPolicyCommand({UserName: 'big', PolicyName: 'p', PolicyDocument: padded}));
	});
});

describe('managed policies', () => {
	test('Attach, List, Detach the bundled AWS policies; unknown ARNs are NoSuchEntity', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new AttachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		await iam.send(new AttachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
		expect((await iam.send(new ListAttachedUserPoliciesCommand({UserName: 'pat'}))).AttachedPolicies).toEqual([
			{PolicyName: 'AmazonBedrockLimitedAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'},
			{PolicyName: 'AmazonBedrockFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'},
		]);
		const unknown = await rejection(iam.send(new AttachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy'})));
		expect(unknown.name).toBe('NoSuchEntityException');
		await iam.send(new DetachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}));
		const notAttached = await rejection(iam.send(new DetachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'})));
		expect(notAttached.name).toBe('NoSuchEntityException');
	});

	test('GetPolicy and GetPolicyVersion return the real document, under the version it was taken from', async () => {
		const iam = iamClient(sandbox);
		const arn = 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess';
		const got = await iam.send(new GetPolicyCommand({PolicyArn: arn}));
		expect(got.Policy).toMatchObject({PolicyName: 'AmazonBedrockLimitedAccess', Arn: arn, DefaultVersionId: 'v7', AttachmentCount: 1, IsAttachable: true});
		expect((await rejection(iam.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: 'v1'})))).name).toBe('NoSuchEntityException');
		const version = await iam.send(new GetPolicyVersionCommand({PolicyArn: arn, VersionId: 'v7'}));
		const document = JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')) as {Statement: unknown[]};
		expect(JSON.stringify(document.Statement)).toContain('bedrock:InvokeModel');
		expect((await rejection(iam.send(new GetPolicyCommand({PolicyArn: 'arn:aws:iam::aws:policy/Nope'})))).name).toBe('NoSuchEntityException');
	});
});

describe('simulation', () => {
	test('SimulatePrincipalPolicy over inline + attached policies, with context entries', async () => {
		const iam = iamClient(sandbox);
		await iam.send(new DetachUserPolicyCommand({UserName: 'pat', PolicyArn: 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess'}));
		const result = await iam.send(
			new SimulatePrincipalPolicyCommand({
				PolicySourceArn: 'arn:aws:iam::123456789012:user/pat',
				ActionNames: ['bedrock:InvokeModel'],
				ResourceArns: [modelArn, otherArn, 'arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1'],
			}),
		);
		expect(result.EvaluationResults?.map((entry) => [entry.EvalResourceName, entry.EvalDecision])).toEqual([
			[modelArn, 'allowed'],
			[otherArn, 'implicitDeny'],
			['arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1', 'explicitDeny'],
		]);
		expect(result.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({SourcePolicyId: 'bedrock-key', SourcePolicyType: 'user'});

		const viaProfile = await iam.send(
			new SimulatePrincipalPolicyCommand({
				PolicySourceArn: 'arn:aws:iam::123456789012:user/pat',
				ActionNames: ['bedrock:InvokeModel'],
				ResourceArns: [otherArn],
				ContextEntries: [{ContextKeyName: 'bedrock:InferenceProfileArn', ContextKeyValues: [profileArn], ContextKeyType: 'string'}],
			}),
		);
		expect(viaProfile.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
	});

	test('the admin is allowed everything through AdministratorAccess', async () => {
		const result = await iamClient(sandbox).send(
			new SimulatePrincipalPolicyCommand({PolicySourceArn: sandbox.admin.arn, ActionNames: ['iam:CreateUser', 'bedrock:InvokeModel']}),
		);
		expect(result.EvaluationResults?.map((entry) => entry.EvalDecision)).toEqual(['allowed', 'allowed']);
		expect(result.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed'});
	});

	test('SimulateCustomPolicy evaluates the given documents; bad input is refused', async () => {
		const iam = iamClient(sandbox);
		const result = await iam.send(
			new SimulateCustomPolicyCommand({
				PolicyInputList: [JSON.stringify(policy)],
				ActionNames: ['bedrock:CallWithBearerToken', 'bedrock:InvokeModelWithResponseStream'],
				ResourceArns: ['*'],
			}),
		);
		expect(result.EvaluationResults?.map((entry) => [entry.EvalActionName, entry.EvalDecision])).toEqual([
			['bedrock:CallWithBearerToken', 'allowed'],
			['bedrock:InvokeModelWithResponseStream', 'explicitDeny'],
		]);
		expect(result.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('PolicyInputList.1');
		const multi = await iam.send(
			new SimulateCustomPolicyCommand({
				PolicyInputList: [JSON.stringify(policy)],
				ActionNames: ['bedrock:CallWithBearerToken'],
				ContextEntries: [{ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['a', 'b'], ContextKeyType: 'stringList'}],
			}),
		);
		expect(multi.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
		expect((await rejection(iam.send(new SimulateCustomPolicyCommand({PolicyInputList: ['{'], ActionNames: ['s3:GetObject']})))).name).toBe(
			'MalformedPolicyDocumentException',
		);
		expect(
			(await rejection(iam.send(new SimulatePrincipalPolicyCommand({PolicySourceArn: 'arn:aws:iam::123456789012:user/ghost', ActionNames: ['s3:GetObject']}))))
				.name,
		).toBe('NoSuchEntityException');
	});
});
