import {describe, expect, it} from 'vitest';
import {evaluatePolicies, policyEvaluator} from '../../../source/core/iam/index.js';
import type {AuthorizationRequest} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy, PolicyStatement} from '../../../source/core/iam/policy-document.js';

const haiku = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const nova = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0';
const profile = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';

function decide(statements: PolicyStatement[], request: AuthorizationRequest, version: '2012-10-17' | '2008-10-17' = '2012-10-17') {
	return evaluatePolicies([{name: 'inline', document: {Version: version, Statement: statements}}], request).decision;
}

const invoke = (resource: string, context?: AuthorizationRequest['context']): AuthorizationRequest => ({
	action: 'bedrock:InvokeModel',
	resource,
	...(context ? {context} : {}),
});

describe('decision order', () => {
	it('denies implicitly with no policy', () => {
		expect(evaluatePolicies([], invoke(haiku))).toEqual({decision: 'implicitDeny', matchedStatements: []});
	});

	it('lets an explicit Deny in any policy beat an Allow in another, and reports the deciding statements', () => {
		const result = evaluatePolicies(
			[
				{name: 'allow', document: {Version: '2012-10-17', Statement: {Sid: 'All', Effect: 'Allow', Action: 'bedrock:*', Resource: '*'}}},
				{name: 'guard', document: {Version: '2012-10-17', Statement: [{Sid: 'Guard', Effect: 'Deny', Action: 'bedrock:InvokeModel*', NotResource: [haiku]}]}},
			],
			invoke(nova),
		);
		expect(result.decision).toBe('explicitDeny');
		expect(result.matchedStatements).toEqual([{policyName: 'guard', sid: 'Guard', effect: 'Deny', statementIndex: 0}]);
		expect(
			evaluatePolicies([{name: 'a', document: {Version: '2012-10-17', Statement: {Effect: 'Allow', Action: '*', Resource: '*'}}}], invoke(haiku))
				.matchedStatements,
		).toHaveLength(1);
	});
});

describe('actions', () => {
	it('matches action names case-insensitively, with * and ?', () => {
		expect(decide([{Effect: 'Allow', Action: 'BEDROCK:invokemodel', Resource: '*'}], invoke(haiku))).toBe('allowed');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:?nvokeModel', Resource: '*'}], invoke(haiku))).toBe('allowed');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: '*'}], {action: 'bedrock:InvokeModelWithResponseStream', resource: haiku})).toBe(
			'allowed',
		);
		expect(decide([{Effect: 'Allow', Action: 'bedrock:Invoke', Resource: '*'}], invoke(haiku))).toBe('implicitDeny');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:*', Resource: '*'}], {action: 'bedrock-mantle:CallWithBearerToken', resource: '*'})).toBe('implicitDeny');
	});

	it('knows the Mantle namespace: bedrock-mantle:* covers CreateInference on a project and CallWithBearerToken on "*"; bedrock:InvokeModel* does not', () => {
		const project = 'arn:aws:bedrock-mantle:us-west-2:123456789012:project/default';
		const inference = {action: 'bedrock-mantle:CreateInference', resource: project, context: {'bedrock-mantle:Model': 'openai.gpt-oss-120b'}};
		const signIn = {action: 'bedrock-mantle:CallWithBearerToken', resource: '*', context: {'bedrock-mantle:BearerTokenType': 'LONG_TERM'}};
		const fullAccess: PolicyStatement = {Effect: 'Allow', Action: 'bedrock-mantle:*', Resource: '*'};
		for (const request of [inference, signIn]) {
			expect(decide([fullAccess], request)).toBe('allowed');
			expect(decide([fullAccess, {Effect: 'Deny', Action: 'bedrock:InvokeModel*', Resource: '*'}], request)).toBe('allowed');
			expect(decide([fullAccess, {Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*'}], request)).toBe('explicitDeny');
		}
		// Scoped to a model (AWS's sample SCP uses bedrock-mantle:Model); CallWithBearerToken carries no model.
		const onlyGptOss: PolicyStatement = {
			Effect: 'Allow',
			Action: 'bedrock-mantle:*',
			Resource: '*',
			Condition: {StringEquals: {'bedrock-mantle:Model': 'openai.gpt-oss-120b'}},
		};
		expect(decide([onlyGptOss], inference)).toBe('allowed');
		expect(decide([onlyGptOss], {...inference, context: {'bedrock-mantle:Model': 'anthropic.claude-haiku-4-5'}})).toBe('implicitDeny');
		expect(decide([onlyGptOss], signIn)).toBe('implicitDeny');
	});

	it('applies NotAction to every other action', () => {
		const statements: PolicyStatement[] = [{Effect: 'Allow', NotAction: 'bedrock:InvokeModelWithResponseStream', Resource: '*'}];
		expect(decide(statements, invoke(haiku))).toBe('allowed');
		expect(decide(statements, {action: 'bedrock:InvokeModelWithResponseStream', resource: haiku})).toBe('implicitDeny');
	});
});

describe('resources', () => {
	it('matches ARNs case-sensitively, with * spanning : and / and ? for one character', () => {
		expect(decide([{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: haiku.toUpperCase()}], invoke(haiku))).toBe('implicitDeny');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1:*'}], invoke(haiku))).toBe('allowed');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*/anthropic.*'}], invoke(haiku))).toBe('allowed');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-?ast-1::foundation-model/*'}], invoke(haiku))).toBe(
			'allowed',
		);
		expect(decide([{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-?est-1::foundation-model/*'}], invoke(haiku))).toBe(
			'implicitDeny',
		);
	});

	it('grants an action without a resource type only through a Resource that matches the literal *', () => {
		const bearer: AuthorizationRequest = {action: 'bedrock:CallWithBearerToken', resource: '*'};
		expect(decide([{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'}], bearer)).toBe('allowed');
		// The tutorial mistake: listing model ARNs for CallWithBearerToken never matches it.
		expect(decide([{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: [haiku, 'arn:aws:bedrock:*::foundation-model/*']}], bearer)).toBe(
			'implicitDeny',
		);
		expect(decide([{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: 'arn:aws:bedrock:*'}], bearer)).toBe('implicitDeny');
		// ...while a NotResource list of ARNs does cover it, for Allow and for Deny.
		expect(decide([{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', NotResource: [haiku, 'arn:aws:bedrock:us-east-1:*']}], bearer)).toBe('allowed');
		expect(
			decide(
				[
					{Effect: 'Allow', Action: '*', Resource: '*'},
					{Effect: 'Deny', Action: '*', NotResource: haiku},
				],
				bearer,
			),
		).toBe('explicitDeny');
		expect(decide([{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', NotResource: '*'}], bearer)).toBe('implicitDeny');
	});

	it('treats a short ARN in NotResource as an ordinary pattern', () => {
		const statements: PolicyStatement[] = [{Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: 'arn:aws:bedrock:us-east-1:*'}];
		expect(decide(statements, invoke(haiku))).toBe('implicitDeny');
		expect(decide(statements, invoke(haiku.replace('us-east-1', 'eu-west-1')))).toBe('allowed');
	});
});

describe('malformed statements fail closed', () => {
	it('never allows through a statement without Resource/NotResource or with both Action and NotAction', () => {
		const noResource = {Effect: 'Allow', Action: 'bedrock:InvokeModel'} as PolicyStatement;
		const result = evaluatePolicies([{name: 'bad', document: {Version: '2012-10-17', Statement: [noResource]}}], invoke(haiku));
		expect(result.decision).toBe('implicitDeny');
		expect(result.malformedStatements?.[0]?.problems.join(' ')).toContain('Policy statement must contain resources.');
		expect(decide([{Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*'} as PolicyStatement], invoke(haiku))).toBe('implicitDeny');
		expect(decide([{Effect: 'allow', Action: '*', Resource: '*'} as unknown as PolicyStatement], invoke(haiku))).toBe('explicitDeny');
	});

	it('never allows through an unknown condition operator, and lets a malformed Deny deny', () => {
		const unknownOperator = {Effect: 'Allow', Action: '*', Resource: '*', Condition: {StringEqualz: {'aws:username': 'alice'}}} as unknown as PolicyStatement;
		expect(decide([unknownOperator], invoke(haiku, {'aws:username': 'alice'}))).toBe('implicitDeny');
		const brokenDeny = {Effect: 'Deny', Action: 'bedrock:InvokeModel'} as PolicyStatement;
		expect(decide([{Effect: 'Allow', Action: '*', Resource: '*'}, brokenDeny], invoke(haiku))).toBe('explicitDeny');
	});

	it('refuses a Principal in an identity policy', () => {
		const withPrincipal = {Effect: 'Allow', Principal: '*', Action: '*', Resource: '*'} as unknown as PolicyStatement;
		expect(decide([withPrincipal], invoke(haiku))).toBe('implicitDeny');
	});
});

describe('policy variables', () => {
	const perUser: PolicyStatement[] = [
		{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/${aws:username}'},
	];

	it('substitutes ${aws:username} in Resource from the request context, case-insensitively by key', () => {
		expect(decide(perUser, invoke(nova, {'aws:username': 'amazon.nova-lite-v1:0'}))).toBe('allowed');
		expect(decide(perUser, invoke(nova, {'AWS:UserName': 'amazon.nova-lite-v1:0'}))).toBe('allowed');
		expect(decide(perUser, invoke(nova, {'aws:username': 'bob'}))).toBe('implicitDeny');
	});

	it('never matches when the variable has no value, unless a default is given', () => {
		expect(decide(perUser, invoke(nova))).toBe('implicitDeny');
		const withDefault: PolicyStatement[] = [
			{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: "arn:aws:bedrock:us-east-1::foundation-model/${aws:username, 'amazon.nova-lite-v1:0'}"},
		];
		expect(decide(withDefault, invoke(nova))).toBe('allowed');
	});

	it('does not substitute before the fifth colon (AWS allows variables only in the resource part)', () => {
		const inAccount: PolicyStatement[] = [
			{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*:${aws:PrincipalAccount}:inference-profile/*'},
		];
		expect(decide(inAccount, invoke(profile, {'aws:PrincipalAccount': '123456789012'}))).toBe('implicitDeny');
	});

	it('keeps substituted values and ${*} ${?} ${$} literal', () => {
		const escaped: PolicyStatement[] = [
			{Effect: 'Allow', Action: '*', Resource: '*', Condition: {StringLike: {'aws:PrincipalTag/pattern': 'a${*}b${?}c${$}'}}},
		];
		expect(decide(escaped, invoke(haiku, {'aws:PrincipalTag/pattern': 'a*b?c$'}))).toBe('allowed');
		expect(decide(escaped, invoke(haiku, {'aws:PrincipalTag/pattern': 'axxbycz'}))).toBe('implicitDeny');
		expect(decide(perUser, invoke(nova, {'aws:username': '*'}))).toBe('implicitDeny');
	});

	it('takes ${aws:userid} and ${aws:PrincipalAccount} in condition values, and ignores variables under Version 2008-10-17', () => {
		const statements: PolicyStatement[] = [
			{
				Effect: 'Allow',
				Action: '*',
				Resource: '*',
				Condition: {StringEquals: {'aws:PrincipalTag/owner': '${aws:userid}', 'aws:ResourceAccount': '${aws:PrincipalAccount}'}},
			},
		];
		const context = {
			'aws:userid': 'AIDAEXAMPLE',
			'aws:PrincipalTag/owner': 'AIDAEXAMPLE',
			'aws:PrincipalAccount': '123456789012',
			'aws:ResourceAccount': '123456789012',
		};
		expect(decide(statements, invoke(haiku, context))).toBe('allowed');
		expect(decide(statements, invoke(haiku, {...context, 'aws:ResourceAccount': '210987654321'}))).toBe('implicitDeny');
		expect(decide(statements, invoke(haiku, context), '2008-10-17')).toBe('implicitDeny');
		expect(decide(perUser, invoke('arn:aws:bedrock:us-east-1::foundation-model/${aws:username}', {'aws:username': 'x'}), '2008-10-17')).toBe('allowed');
	});
});

describe('one evaluator for many requests (policyEvaluator, as the allow/deny matrix uses it)', () => {
	it('judges each request as evaluatePolicies does, malformed statements, conditions and variables included', () => {
		const policies: NamedPolicy[] = [
			{
				name: 'inline',
				document: {
					Version: '2012-10-17',
					Statement: [
						{Sid: 'Chosen', Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: [haiku, profile]},
						{Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: nova, Condition: {StringEquals: {'aws:username': 'alice'}}},
						{Effect: 'Allow', Action: 'bedrock:GetInferenceProfile', Resource: 'arn:aws:bedrock:us-east-1:${aws:username}:inference-profile/*'},
					],
				},
			},
			{
				name: 'broken',
				document: {Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Principal: '*'} as PolicyStatement]},
			},
		];
		const requests: AuthorizationRequest[] = [
			invoke(haiku),
			invoke(nova),
			invoke(nova, {'aws:username': 'alice'}),
			invoke(profile),
			{action: 'bedrock:GetInferenceProfile', resource: profile, context: {'aws:username': 'alice'}},
			{action: 'bedrock:ListFoundationModels', resource: '*'},
		];
		const evaluate = policyEvaluator(policies);
		const twice = [...requests, ...requests].map((request) => evaluate(request));
		expect(twice).toEqual([...requests, ...requests].map((request) => evaluatePolicies(policies, request)));
		expect(twice.map((result) => result.decision).slice(0, requests.length)).toEqual([
			'allowed',
			'implicitDeny',
			'explicitDeny',
			'allowed',
			// A variable before the ARN's fifth colon is literal text (confineVariablesToResourcePart).
			'implicitDeny',
			'implicitDeny',
		]);
		expect(twice.every((result) => result.malformedStatements?.length === 1)).toBe(true);
	});
});
