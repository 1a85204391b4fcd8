import {ConverseCommand} from '@aws-sdk/client-bedrock-runtime';
import {
	DeleteAccessKeyCommand,
	DeleteServiceSpecificCredentialCommand,
	ListUsersCommand,
	UpdateAccessKeyCommand,
	UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {getToken} from '@aws/bedrock-token-generator';
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bearerRuntimeClient, iamClient, provisionUser, rejection, runtimeClient, startTestSandbox, stsClient} from '../helpers/sandbox.js';

const model = 'amazon.nova-lite-v1:0';
const modelArn = `arn:aws:bedrock:us-west-2::foundation-model/${model}`;
const converse = new ConverseCommand({modelId: model, messages: [{role: 'user', content: [{text: 'hi'}]}]});
const keyUserPolicy = {
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn},
	],
};

let sandbox: RunningSandbox;
let clockOffsetMs = 0;
beforeEach(async () => {
	clockOffsetMs = 0;
	sandbox = await startTestSandbox({clock: () => new Date(Date.now() + clockOffsetMs)});
});
afterEach(async () => {
	await sandbox.close();
});

/** The hash @aws/bedrock-token-generator gives SignatureV4 (it must support HMAC keys). */
const Sha256 = Hash.bind(null, 'sha256');

describe('SigV4', () => {
	test('a wrong secret is SignatureDoesNotMatch (Query) and InvalidSignatureException (REST-JSON), 403', async () => {
		const wrong = {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: 'not-the-secret'};
		const iamError = await rejection(iamClient(sandbox, {credentials: wrong}).send(new ListUsersCommand({})));
		expect(iamError.name).toBe('SignatureDoesNotMatch');
		expect(iamError.$metadata?.httpStatusCode).toBe(403);
		const runtimeError = await rejection(runtimeClient(sandbox, {credentials: wrong}).send(converse));
		expect(runtimeError.name).toBe('InvalidSignatureException');
		expect(runtimeError.$metadata?.httpStatusCode).toBe(403);
	});

	test('an unknown key is InvalidClientTokenId (Query) and UnrecognizedClientException (REST-JSON)', async () => {
		const unknown = {accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'};
		expect((await rejection(stsClient(sandbox, {credentials: unknown}).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
		const error = await rejection(runtimeClient(sandbox, {credentials: unknown}).send(converse));
		expect(error.name).toBe('UnrecognizedClientException');
		expect(error.message).toBe('The security token included in the request is invalid.');
	});

	test('a request signed more than 15 minutes off is refused as clock skew; within 15 minutes it passes', async () => {
		clockOffsetMs = 16 * 60 * 1000;
		const error = await rejection(stsClient(sandbox).send(new GetCallerIdentityCommand({})));
		expect(error.name).toBe('SignatureDoesNotMatch');
		expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
		const runtimeError = await rejection(runtimeClient(sandbox).send(converse));
		expect(runtimeError.name).toBe('InvalidSignatureException');
		clockOffsetMs = -16 * 60 * 1000;
		expect((await rejection(stsClient(sandbox).send(new GetCallerIdentityCommand({})))).message).toMatch(/^Signature not yet current/);
		clockOffsetMs = 14 * 60 * 1000;
		expect((await stsClient(sandbox).send(new GetCallerIdentityCommand({}))).Arn).toBe(sandbox.admin.arn);
	});

	test('inactive and deleted access keys stop working', async () => {
		const user = await provisionUser(sandbox, 'carol', undefined);
		expect((await stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({}))).Arn).toBe(user.arn);
		await iamClient(sandbox).send(new UpdateAccessKeyCommand({UserName: 'carol', AccessKeyId: user.accessKey.accessKeyId, Status: 'Inactive'}));
		expect((await rejection(stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
		await iamClient(sandbox).send(new UpdateAccessKeyCommand({UserName: 'carol', AccessKeyId: user.accessKey.accessKeyId, Status: 'Active'}));
		expect((await stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({}))).Arn).toBe(user.arn);
		await iamClient(sandbox).send(new DeleteAccessKeyCommand({UserName: 'carol', AccessKeyId: user.accessKey.accessKeyId}));
		expect((await rejection(stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
	});

	test('presigned query authentication (a presigned STS URL) is verified, and tampering breaks it', async () => {
		const signer = new SignatureV4({service: 'sts', region: 'us-west-2', credentials: sandbox.admin, sha256: Sha256});
		const host = `127.0.0.1:${sandbox.port}`;
		const presigned = await signer.presign(
			{
				method: 'GET',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: sandbox.port,
				path: '/',
				headers: {host},
				query: {Action: 'GetCallerIdentity', Version: '2011-06-15'},
			},
			{expiresIn: 60},
		);
		const query = new URLSearchParams(presigned.query as Record<string, string>);
		const good = await fetch(`${sandbox.endpoint}/?${query}`);
		expect(good.status).toBe(200);
		expect(await good.text()).toContain(`<Arn>${sandbox.admin.arn}</Arn>`);
		query.set('Action', 'GetCallerIdentity');
		query.set('Extra', 'tampered');
		const tampered = await fetch(`${sandbox.endpoint}/?${query}`);
		expect(tampered.status).toBe(403);
		expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
	});

	test('an expired presigned URL is refused', async () => {
		const signer = new SignatureV4({service: 'sts', region: 'us-west-2', credentials: sandbox.admin, sha256: Sha256});
		const presigned = await signer.presign(
			{
				method: 'GET',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port: sandbox.port,
				path: '/',
				headers: {host: `127.0.0.1:${sandbox.port}`},
				query: {Action: 'GetCallerIdentity', Version: '2011-06-15'},
			},
			{expiresIn: 60},
		);
		clockOffsetMs = 2 * 60 * 1000;
		const response = await fetch(`${sandbox.endpoint}/?${new URLSearchParams(presigned.query as Record<string, string>)}`);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('Signature expired');
	});
});

describe('bearer API keys', () => {
	test('a long-term key works until it is made inactive, and again when reactivated; a deleted key never', async () => {
		const user = await provisionUser(sandbox, 'dave', keyUserPolicy, {apiKey: true});
		const apiKey = user.apiKey ?? '';
		expect(apiKey).toMatch(/^ABSK[A-Za-z0-9+/=]+$/);
		expect((await bearerRuntimeClient(sandbox, apiKey).send(converse)).output?.message?.role).toBe('assistant');
		const calls = sandbox.store.runtimeCalls();
		expect(calls.at(-1)).toMatchObject({principalArn: user.arn, auth: 'bearer', operation: 'Converse', modelId: model, outcome: 'ok'});

		const iam = iamClient(sandbox);
		const listed = await iam.send(new (await import('@aws-sdk/client-iam')).ListServiceSpecificCredentialsCommand({UserName: 'dave'}));
		const id = listed.ServiceSpecificCredentials?.[0]?.ServiceSpecificCredentialId ?? '';
		await iam.send(new UpdateServiceSpecificCredentialCommand({UserName: 'dave', ServiceSpecificCredentialId: id, Status: 'Inactive'}));
		const inactive = await rejection(bearerRuntimeClient(sandbox, apiKey).send(converse));
		expect(inactive.$metadata?.httpStatusCode).toBe(403);
		expect(inactive.name).toBe('UnrecognizedClientException');
		await iam.send(new UpdateServiceSpecificCredentialCommand({UserName: 'dave', ServiceSpecificCredentialId: id, Status: 'Active'}));
		await bearerRuntimeClient(sandbox, apiKey).send(converse);
		await iam.send(new DeleteServiceSpecificCredentialCommand({UserName: 'dave', ServiceSpecificCredentialId: id}));
		expect((await rejection(bearerRuntimeClient(sandbox, apiKey).send(converse))).name).toBe('UnrecognizedClientException');
	});

	test('a long-term key with CredentialAgeDays expires', async () => {
		const user = await provisionUser(sandbox, 'erin', keyUserPolicy, {apiKey: true, credentialAgeDays: 1});
		await bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse);
		clockOffsetMs = 25 * 60 * 60 * 1000;
		const error = await rejection(bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse));
		expect(error.name).toBe('ExpiredTokenException');
		expect(error.$metadata?.httpStatusCode).toBe(403);
	});

	test('a short-term key from @aws/bedrock-token-generator works, carries its region, and expires', async () => {
		const user = await provisionUser(sandbox, 'frank', keyUserPolicy);
		const token = await getToken({credentials: user.accessKey, region: 'us-west-2', expiresInSeconds: 600});
		expect(token.startsWith('bedrock-api-key-')).toBe(true);
		await bearerRuntimeClient(sandbox, token).send(converse);
		expect(sandbox.store.runtimeCalls().at(-1)).toMatchObject({principalArn: user.arn, auth: 'bearer', outcome: 'ok'});
		clockOffsetMs = 11 * 60 * 1000;
		expect((await rejection(bearerRuntimeClient(sandbox, token).send(converse))).name).toBe('ExpiredTokenException');
	});

	test('a short-term key signed with a wrong secret or an unknown key is refused', async () => {
		const user = await provisionUser(sandbox, 'gina', keyUserPolicy);
		const forged = await getToken({credentials: {accessKeyId: user.accessKey.accessKeyId, secretAccessKey: 'guessed'}, region: 'us-west-2'});
		expect((await rejection(bearerRuntimeClient(sandbox, forged).send(converse))).name).toBe('InvalidSignatureException');
		const unknown = await getToken({credentials: {accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'x'}, region: 'us-west-2'});
		expect((await rejection(bearerRuntimeClient(sandbox, unknown).send(converse))).name).toBe('UnrecognizedClientException');
		expect((await rejection(bearerRuntimeClient(sandbox, 'bedrock-api-key-%%%not-base64').send(converse))).$metadata?.httpStatusCode).toBe(403);
	});

	test("a bearer value that is not an API key gets Bedrock's prefix message", async () => {
		const error = await rejection(bearerRuntimeClient(sandbox, 'hello-world').send(converse));
		expect(error.$metadata?.httpStatusCode).toBe(403);
		expect(error.message).toBe('Invalid API Key format: Must start with pre-defined prefix');
	});

	test("a key whose user may not CallWithBearerToken is denied with AWS's message", async () => {
		const user = await provisionUser(
			sandbox,
			'hank',
			{Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*'}]},
			{apiKey: true},
		);
		const error = await rejection(bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse));
		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toBe(
			`User: ${user.arn} is not authorized to perform: bedrock:CallWithBearerToken because no identity-based policy allows the bedrock:CallWithBearerToken action`,
		);
	});

	test('bearerTokenType is in the context: a policy allowing only SHORT_TERM refuses a long-term key', async () => {
		const policy = {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*', Condition: {StringEquals: {'bedrock:bearerTokenType': 'SHORT_TERM'}}},
				{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn},
			],
		};
		const user = await provisionUser(sandbox, 'ivy', policy, {apiKey: true});
		expect((await rejection(bearerRuntimeClient(sandbox, user.apiKey ?? '').send(converse))).name).toBe('AccessDeniedException');
		const token = await getToken({credentials: user.accessKey, region: 'us-west-2'});
		await bearerRuntimeClient(sandbox, token).send(converse);
	});

	test('bearer auth does not reach IAM', async () => {
		const user = await provisionUser(sandbox, 'jack', keyUserPolicy, {apiKey: true});
		const response = await fetch(sandbox.endpoint, {
			method: 'POST',
			headers: {authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/x-www-form-urlencoded'},
			body: 'Action=ListUsers&Version=2010-05-08',
		});
		expect(response.status).toBe(404);
		expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
	});
});
