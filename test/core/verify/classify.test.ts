import {describe, expect, it} from 'vitest';
import {
	classifyAnswer,
	mayBePropagating,
	outcomeOf,
	type ProbeAnswer,
	type ProbeFinding,
	type ProbeOutcome,
	iamActionOf,
	isIamDenialOf,
	isPaymentRefusal,
	organisationDenial,
} from '../../../source/core/verify/classify.js';
import {en} from '../../../source/core/i18n/en.js';
import {ja} from '../../../source/core/i18n/ja.js';

// Messages as AWS words them (docs/aws-facts.md, 'Runtime errors').
const cases: ReadonlyArray<readonly [ProbeAnswer, ProbeFinding, ProbeOutcome]> = [
	[{ok: true}, 'allowed', 'allowed'],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/x because no identity-based policy allows the bedrock:InvokeModel action',
		},
		'iam-denied',
		'denied',
	],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn with an explicit deny in an identity-based policy',
		},
		'iam-denied',
		'denied',
	],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:CallWithBearerToken because no identity-based policy allows the bedrock:CallWithBearerToken action',
		},
		'bearer-denied',
		'error',
	],
	[
		{ok: false, errorName: 'AccessDeniedException', httpStatus: 403, message: 'Invalid API Key format: Must start with pre-defined prefix'},
		'invalid-key',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
		},
		'marketplace',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'ResourceNotFoundException',
			httpStatus: 404,
			message: 'Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.',
		},
		'use-case-form',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'ValidationException',
			httpStatus: 400,
			message:
				'Invocation of model ID anthropic.claude-haiku-4-5-20251001-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
		},
		'needs-profile',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'ResourceNotFoundException',
			httpStatus: 404,
			message: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
		},
		'end-of-life',
		'error',
	],
	[{ok: false, errorName: 'ValidationException', httpStatus: 400, message: 'The provided model identifier is invalid.'}, 'invalid-model', 'error'],
	[{ok: false, errorName: 'ThrottlingException', httpStatus: 429, message: 'Too many requests, please wait before trying again.'}, 'throttled', 'error'],
	[{ok: false, errorName: 'InternalServerException', httpStatus: 500, message: 'boom'}, 'server-error', 'error'],
	[{ok: false, errorName: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1', networkCode: 'ECONNREFUSED'}, 'network', 'error'],
	[
		{ok: false, errorName: 'UnrecognizedClientException', httpStatus: 403, message: 'The security token included in the request is invalid.'},
		'invalid-key',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0 with an explicit deny in a service control policy',
		},
		'org-denied',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'AccessDeniedException',
			httpStatus: 403,
			message:
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/x because no permissions boundary allows the bedrock:InvokeModel action',
		},
		'org-denied',
		'error',
	],
	[
		{
			ok: false,
			errorName: 'ResourceNotFoundException',
			httpStatus: 404,
			message:
				'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock.',
		},
		'legacy-unused',
		'error',
	],
	[
		{ok: false, errorName: 'AccessDeniedException', httpStatus: 403, message: 'Authentication failed: Please make sure your API Key is valid.'},
		'invalid-key',
		'error',
	],
	[
		{ok: false, errorName: 'ResourceNotFoundException', httpStatus: 404, message: 'You have not filled out the required use-case form for this model.'},
		'use-case-form',
		'error',
	],
];

describe('classifying what Bedrock answered', () => {
	for (const [answer, finding, outcome] of cases) {
		it(`${answer.errorName ?? 'ok'}: ${answer.message?.slice(0, 50) ?? ''} -> ${finding}`, () => {
			expect(classifyAnswer(answer)).toBe(finding);
			expect(outcomeOf(classifyAnswer(answer))).toBe(outcome);
		});
	}

	it('only an IAM refusal of the model call counts as "denied": a retired or unsubscribed model proves nothing about IAM', () => {
		const denials = cases.filter(([, , outcome]) => outcome === 'denied').map(([, finding]) => finding);
		expect(new Set(denials)).toEqual(new Set(['iam-denied']));
	});

	it('waits out propagation for refusals that can change, never for ones that cannot', () => {
		expect(mayBePropagating('iam-denied')).toBe(true);
		expect(mayBePropagating('bearer-denied')).toBe(true);
		expect(mayBePropagating('invalid-key')).toBe(true);
		expect(mayBePropagating('end-of-life')).toBe(false);
		expect(mayBePropagating('needs-profile')).toBe(false);
		expect(mayBePropagating('marketplace')).toBe(false);
		// The organisation's guardrails and a Legacy model do not change while IAM propagates.
		expect(mayBePropagating('org-denied')).toBe(false);
		expect(mayBePropagating('legacy-unused')).toBe(false);
	});

	it("reads which guardrail refused, the action and the Region of the resource (a region-less model ARN: 'unspecified')", () => {
		expect(
			organisationDenial(
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/m with an explicit deny in a service control policy',
			),
		).toEqual({
			guardrail: 'service control policy',
			explicit: true,
			action: 'bedrock:InvokeModel',
			resource: 'arn:aws:bedrock:us-east-2::foundation-model/m',
			region: 'us-east-2',
		});
		expect(
			organisationDenial(
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:::foundation-model/m with an explicit deny in a resource control policy',
			),
		).toMatchObject({guardrail: 'resource control policy', region: 'unspecified'});
		expect(
			organisationDenial(
				'User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/m with an explicit deny in an identity-based policy',
			),
		).toBeUndefined();
	});

	it("tells an explicit deny (a Deny to lift) from no Allow in the guardrail (an Allow to add), in each of AWS's forms", () => {
		const refused = (why: string): string =>
			`User: arn:aws:iam::1:user/u is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/m ${why}`;
		expect(organisationDenial(refused('because no permissions boundary allows the bedrock:InvokeModel action'))).toMatchObject({
			guardrail: 'permissions boundary',
			explicit: false,
			region: 'us-east-1',
		});
		expect(organisationDenial(refused('with an explicit deny in a permissions boundary'))).toMatchObject({guardrail: 'permissions boundary', explicit: true});
		expect(organisationDenial(refused('because no service control policy allows the bedrock:InvokeModel action'))).toMatchObject({
			guardrail: 'service control policy',
			explicit: false,
		});
		// AWS: a service control policy's refusal may read "due to an explicit deny in a Service Control Policy".
		expect(organisationDenial(refused('due to an explicit deny in a Service Control Policy'))).toMatchObject({
			guardrail: 'service control policy',
			explicit: true,
		});
		// The key's own policies and a session policy are not guardrails of the organisation.
		expect(organisationDenial(refused('because no identity-based policy allows the bedrock:InvokeModel action'))).toBeUndefined();
		expect(organisationDenial(refused('because no session policy allows the bedrock:InvokeModel action'))).toBeUndefined();
	});

	it("says which to do: lift a Deny, or add an Allow to the boundary (or remove it) or to the organisation's policies, in en and ja", () => {
		const [implicitBoundary, implicitFix] = en.verify.organisationDenied('permissions boundary', 'bedrock:InvokeModel', 'us-east-1', false, false);
		expect(implicitBoundary).toContain('because no permissions boundary');
		expect(implicitBoundary).not.toContain('explicit deny');
		expect(implicitFix).toMatch(/add bedrock:InvokeModel in us-east-1 .*to the permissions boundary .*or to remove that boundary/);
		const [explicitBoundary, explicitFix] = en.verify.organisationDenied('permissions boundary', 'bedrock:InvokeModel', 'us-east-1', false, true);
		expect(explicitBoundary).toContain('with an explicit deny in a permissions boundary');
		expect(explicitFix).toContain('lift the Deny');
		const [, scpFix] = en.verify.organisationDenied('service control policy', 'bedrock:InvokeModel', 'us-east-2', true, false);
		expect(scpFix).toMatch(/add an Allow for bedrock:InvokeModel in every destination Region of the inference profile \(us-east-2 among them\)/);
		const [jaImplicit, jaFix] = ja.verify.organisationDenied('permissions boundary', 'bedrock:InvokeModel', 'us-east-1', false, false);
		expect(jaImplicit).toContain('アクセス許可の境界 が許可していない');
		expect(jaImplicit).not.toContain('明示的な拒否');
		expect(jaFix).toContain('追加');
		const [jaExplicit] = ja.verify.organisationDenied('permissions boundary', 'bedrock:InvokeModel', 'us-east-1', false, true);
		expect(jaExplicit).toContain('明示的な拒否');
	});
});

describe("IAM's denial of this call on this model", () => {
	const refusal = (action: string, resource: string): string =>
		`User: arn:aws:iam::123456789012:user/alice is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`;
	const profileArn = 'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0';

	it('names the action the operation is authorized as', () => {
		expect(iamActionOf('Converse')).toBe('bedrock:InvokeModel');
		expect(iamActionOf('InvokeModel')).toBe('bedrock:InvokeModel');
		expect(iamActionOf('ConverseStream')).toBe('bedrock:InvokeModelWithResponseStream');
	});

	it('matches the profile or the model behind it, by id or ARN, and nothing else', () => {
		const names = ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'];
		expect(isIamDenialOf(refusal('bedrock:InvokeModel', profileArn), 'bedrock:InvokeModel', names)).toBe(true);
		expect(
			isIamDenialOf(
				refusal('bedrock:InvokeModel', 'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0'),
				'bedrock:InvokeModel',
				names,
			),
		).toBe(true);
		expect(isIamDenialOf(refusal('bedrock:InvokeModel', profileArn), 'bedrock:InvokeModel', [profileArn])).toBe(true);
		// Another model, another action, no resource (CallWithBearerToken), or not IAM's words at all.
		expect(
			isIamDenialOf(refusal('bedrock:InvokeModel', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0'), 'bedrock:InvokeModel', names),
		).toBe(false);
		expect(isIamDenialOf(refusal('bedrock:InvokeModelWithResponseStream', profileArn), 'bedrock:InvokeModel', names)).toBe(false);
		expect(
			isIamDenialOf(
				'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: bedrock:CallWithBearerToken because no identity-based policy allows the bedrock:CallWithBearerToken action',
				'bedrock:InvokeModel',
				names,
			),
		).toBe(false);
		expect(isIamDenialOf('The security token included in the request is invalid.', 'bedrock:InvokeModel', names)).toBe(false);
		expect(isIamDenialOf(undefined, 'bedrock:InvokeModel', names)).toBe(false);
		// A suffix that is only part of a name does not count.
		expect(
			isIamDenialOf(
				refusal('bedrock:InvokeModel', 'arn:aws:bedrock:us-west-2::foundation-model/xanthropic.claude-haiku-4-5-20251001-v1:0'),
				'bedrock:InvokeModel',
				names,
			),
		).toBe(false);
	});
});

describe('a Marketplace refusal about the payment method', () => {
	const failed =
		'Model access is denied due to INVALID_PAYMENT_INSTRUMENT:A valid payment instrument must be provided.. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 2 minutes.';
	it('is still the marketplace finding, and is told apart from a missing subscription', () => {
		expect(classifyAnswer({ok: false, errorName: 'AccessDeniedException', message: failed, httpStatus: 403})).toBe('marketplace');
		expect(isPaymentRefusal(failed)).toBe(true);
		expect(
			isPaymentRefusal(
				'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model.',
			),
		).toBe(false);
		expect(isPaymentRefusal(undefined)).toBe(false);
	});
});
