import {CheckAccessNotGrantedCommand, ValidatePolicyCommand} from '@aws-sdk/client-accessanalyzer';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {patternsOverlap} from '../../source/sandbox/access-analyzer.js';
import {analyzerClient, provisionUser, rejection, startTestSandbox, stsClient} from '../helpers/sandbox.js';

const modelArn = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0';
const policy = JSON.stringify({
	Version: '2012-10-17',
	Statement: [
		{Sid: 'Key', Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Sid: 'Models', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: modelArn},
		{Sid: 'Guard', Effect: 'Deny', Action: 'bedrock:InvokeModel*', NotResource: [modelArn]},
	],
});

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

describe('STS', () => {
	test('GetCallerIdentity names the caller, even one with no policies at all', async () => {
		const admin = await stsClient(sandbox).send(new GetCallerIdentityCommand({}));
		expect(admin).toMatchObject({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/sandbox-admin'});
		expect(admin.UserId).toMatch(/^AIDA/);
		const user = await provisionUser(sandbox, 'nobody-special', undefined);
		expect((await stsClient(sandbox, {credentials: user.accessKey}).send(new GetCallerIdentityCommand({}))).Arn).toBe(user.arn);
	});
});

describe('Access Analyzer', () => {
	test('ValidatePolicy: a compiled policy has no errors; malformed JSON is an ERROR finding', async () => {
		const client = analyzerClient(sandbox);
		const clean = await client.send(new ValidatePolicyCommand({policyDocument: policy, policyType: 'IDENTITY_POLICY'}));
		expect(clean.findings?.filter((finding) => finding.findingType === 'ERROR')).toEqual([]);
		const broken = await client.send(new ValidatePolicyCommand({policyDocument: '{"Version": "2012-10-17", "Statement": [', policyType: 'IDENTITY_POLICY'}));
		expect(broken.findings?.[0]).toMatchObject({findingType: 'ERROR', issueCode: 'JSON_SYNTAX_ERROR'});
		const grammar = await client.send(
			new ValidatePolicyCommand({policyDocument: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow'}]}), policyType: 'IDENTITY_POLICY'}),
		);
		expect(grammar.findings?.[0]).toMatchObject({findingType: 'ERROR', issueCode: 'POLICY_SYNTAX_ERROR'});
	});

	test('ValidatePolicy warns about CallWithBearerToken on model ARNs and Allow with NotResource', async () => {
		const document = JSON.stringify({
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: modelArn},
				{Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: modelArn},
				{Effect: 'Allow', Action: ['bedrock:*', 'bedrock:*'], Resource: '*'},
			],
		});
		const result = await analyzerClient(sandbox).send(new ValidatePolicyCommand({policyDocument: document, policyType: 'IDENTITY_POLICY'}));
		const codes = result.findings?.map((finding) => `${finding.findingType}:${finding.issueCode}`);
		expect(codes).toContain('WARNING:UNSUPPORTED_RESOURCE_ARN_IN_POLICY');
		expect(codes).toContain('SECURITY_WARNING:ALLOW_WITH_NOT_RESOURCE');
		expect(codes).toContain('SECURITY_WARNING:FULL_SERVICE_WILDCARD');
		expect(codes).toContain('SUGGESTION:REDUNDANT_ACTION');
	});

	test('CheckAccessNotGranted: PASS for a forbidden model, FAIL for the allowed one, with the statement', async () => {
		const client = analyzerClient(sandbox);
		const pass = await client.send(
			new CheckAccessNotGrantedCommand({
				policyDocument: policy,
				policyType: 'IDENTITY_POLICY',
				access: [{actions: ['bedrock:InvokeModel'], resources: ['arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-8b-instruct-v1:0']}],
			}),
		);
		expect(pass.result).toBe('PASS');
		const fail = await client.send(
			new CheckAccessNotGrantedCommand({
				policyDocument: policy,
				policyType: 'IDENTITY_POLICY',
				access: [{actions: ['bedrock:InvokeModel'], resources: [modelArn]}],
			}),
		);
		expect(fail.result).toBe('FAIL');
		expect(fail.reasons?.[0]).toMatchObject({statementIndex: 1, statementId: 'Models'});
	});

	test('CheckAccessNotGranted with wildcard resources is conservative: FAIL when any matching resource may be granted', async () => {
		const client = analyzerClient(sandbox);
		const wildcard = await client.send(
			new CheckAccessNotGrantedCommand({
				policyDocument: policy,
				policyType: 'IDENTITY_POLICY',
				access: [{actions: ['bedrock:InvokeModel'], resources: ['arn:aws:bedrock:*::foundation-model/*']}],
			}),
		);
		expect(wildcard.result).toBe('FAIL');
		const unrelated = await client.send(
			new CheckAccessNotGrantedCommand({
				policyDocument: policy,
				policyType: 'IDENTITY_POLICY',
				access: [{actions: ['bedrock:InvokeModel'], resources: ['arn:aws:bedrock:*::foundation-model/meta.*']}],
			}),
		);
		expect(unrelated.result).toBe('PASS');
		const otherAction = await client.send(
			new CheckAccessNotGrantedCommand({policyDocument: policy, policyType: 'IDENTITY_POLICY', access: [{actions: ['iam:CreateUser']}]}),
		);
		expect(otherAction.result).toBe('PASS');
	});

	test('bad input is a ValidationException; a caller without permission gets AccessDeniedException', async () => {
		const client = analyzerClient(sandbox);
		const error = await rejection(client.send(new CheckAccessNotGrantedCommand({policyDocument: policy, policyType: 'IDENTITY_POLICY', access: []})));
		expect(error.name).toBe('ValidationException');
		const user = await provisionUser(sandbox, 'no-analyzer', {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'iam:GetUser', Resource: '*'}]});
		const denied = await rejection(
			analyzerClient(sandbox, {credentials: user.accessKey}).send(new ValidatePolicyCommand({policyDocument: policy, policyType: 'IDENTITY_POLICY'})),
		);
		expect(denied.name).toBe('AccessDeniedException');
		expect(denied.message).toContain('access-analyzer:ValidatePolicy');
	});

	test('pattern overlap used by the approximation', () => {
		expect(patternsOverlap('arn:a:*', 'arn:*:b')).toBe(true);
		expect(patternsOverlap('abc', 'abd')).toBe(false);
		expect(patternsOverlap('a?c', 'a*')).toBe(true);
		expect(patternsOverlap('x/meta.*', 'x/amazon.*')).toBe(false);
	});
});
