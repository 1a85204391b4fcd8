/** Bad input from an authenticated caller: AWS-shaped errors, and the server keeps serving. */
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import {ListFoundationModelsCommand} from '@aws-sdk/client-bedrock';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bearerBedrockClient, provisionUser, startTestSandbox, stsClient} from '../helpers/sandbox.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

async function signedFetch(
	service: string,
	path: string,
	body: string,
	contentType: string,
): Promise<{status: number; text: string; errorType: string | null}> {
	const signer = new SignatureV4({service, region: sandbox.region, credentials: sandbox.admin, sha256: Hash.bind(null, 'sha256')});
	const host = `127.0.0.1:${sandbox.port}`;
	const signed = await signer.sign({
		method: 'POST',
		protocol: 'http:',
		hostname: '127.0.0.1',
		port: sandbox.port,
		path,
		headers: {host, 'content-type': contentType},
		body,
	});
	const response = await fetch(`${sandbox.endpoint}${path}`, {method: 'POST', headers: signed.headers as Record<string, string>, body});
	return {status: response.status, text: await response.text(), errorType: response.headers.get('x-amzn-errortype')};
}

const form = 'application/x-www-form-urlencoded; charset=utf-8';

test('unknown IAM action, missing Action, missing parameter', async () => {
	const unknown = await signedFetch('iam', '/', 'Action=CreateRocket&Version=2010-05-08', form);
	expect(unknown.status).toBe(400);
	expect(unknown.text).toContain('<Code>InvalidAction</Code>');
	expect(unknown.text).toContain('Could not find operation CreateRocket for version 2010-05-08');
	const noAction = await signedFetch('iam', '/', 'Version=2010-05-08', form);
	expect(noAction.text).toContain('<Code>MissingAction</Code>');
	const missing = await signedFetch('iam', '/', 'Action=CreateUser&Version=2010-05-08', form);
	expect(missing.status).toBe(400);
	expect(missing.text).toContain('<Code>ValidationError</Code>');
	const prototype = await signedFetch('sts', '/', 'Action=constructor&Version=2011-06-15', form);
	expect(prototype.text).toContain('<Code>InvalidAction</Code>');
});

test('malformed form and JSON bodies', async () => {
	const binary = await signedFetch('iam', '/', '%%%\u0000\u00ff=&&==', form);
	expect(binary.status).toBe(400);
	const json = await signedFetch('access-analyzer', '/policy/validation', '{"policyDocument": ', 'application/json');
	expect(json.status).toBe(400);
	expect(json.errorType).toBe('ValidationException');
	const array = await signedFetch('access-analyzer', '/policy/check-access-not-granted', '[1,2,3]', 'application/json');
	expect(array.errorType).toBe('ValidationException');
	const runtime = await signedFetch('bedrock', `/model/${encodeURIComponent('amazon.nova-lite-v1:0')}/converse`, 'not json at all', 'application/json');
	expect(runtime.status).toBeGreaterThanOrEqual(400);
	expect(runtime.status).toBeLessThan(500);
	const unknownPath = await signedFetch('bedrock', '/no/such/operation', '{}', 'application/json');
	expect(unknownPath.status).toBe(404);
	expect(unknownPath.errorType).toBe('UnknownOperationException');
	const otherService = await signedFetch('s3', '/', '', 'application/json');
	expect(otherService.status).toBe(400);
	expect((await stsClient(sandbox).send(new GetCallerIdentityCommand({}))).Arn).toBe(sandbox.admin.arn);
});

test('an API key reaches the Bedrock control plane too', async () => {
	const user = await provisionUser(
		sandbox,
		'lister',
		{Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['bedrock:CallWithBearerToken', 'bedrock:ListFoundationModels'], Resource: '*'}]},
		{apiKey: true},
	);
	const models = await bearerBedrockClient(sandbox, user.apiKey ?? '').send(new ListFoundationModelsCommand({}));
	expect(models.modelSummaries?.some((summary) => summary.modelId === 'amazon.nova-lite-v1:0')).toBe(true);
});
