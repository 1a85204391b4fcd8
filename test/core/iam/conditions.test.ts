import {describe, expect, it} from 'vitest';
import {evaluatePolicies} from '../../../source/core/iam/index.js';
import type {RequestContextValue} from '../../../source/core/iam/evaluation.js';
import type {ConditionBlock} from '../../../source/core/iam/policy-document.js';

const haiku = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';
const profile = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';

/** Whether an Allow guarded by `condition` applies to a request with `context`. */
function holds(condition: ConditionBlock, context: Record<string, RequestContextValue> = {}): boolean {
	const result = evaluatePolicies(
		[{name: 'p', document: {Version: '2012-10-17', Statement: {Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: condition}}}],
		{action: 'bedrock:InvokeModel', resource: haiku, context},
	);
	return result.decision === 'allowed';
}

describe('string operators', () => {
	it('StringEquals is exact and case-sensitive; values under one key are ORed', () => {
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile}}, {'bedrock:InferenceProfileArn': profile})).toBe(true);
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile.toUpperCase()}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
		expect(holds({StringEquals: {'bedrock:bearerTokenType': ['LONG_TERM', 'SHORT_TERM']}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(true);
		expect(holds({StringEquals: {'bedrock:bearerTokenType': '*'}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(false);
	});

	it('StringNotEquals needs the value to differ from every listed value, and matches a missing key', () => {
		expect(holds({StringNotEquals: {'bedrock:bearerTokenType': ['LONG_TERM', 'SHORT_TERM']}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(false);
		expect(holds({StringNotEquals: {'bedrock:bearerTokenType': 'LONG_TERM'}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(true);
		expect(holds({StringNotEquals: {'bedrock:bearerTokenType': 'LONG_TERM'}})).toBe(true);
	});

	it('IgnoreCase variants fold case', () => {
		expect(holds({StringEqualsIgnoreCase: {'bedrock:bearerTokenType': 'short_term'}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(true);
		expect(holds({StringNotEqualsIgnoreCase: {'bedrock:bearerTokenType': 'short_term'}}, {'bedrock:bearerTokenType': 'SHORT_TERM'})).toBe(false);
	});

	it('StringLike / StringNotLike take * and ?', () => {
		expect(holds({StringLike: {'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:inference-profile/us.*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(
			true,
		);
		expect(holds({StringLike: {'bedrock:InferenceProfileArn': '*/eu.*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
		expect(holds({StringNotLike: {'bedrock:InferenceProfileArn': '*/eu.*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(true);
		expect(holds({StringNotLike: {'bedrock:InferenceProfileArn': '*/u?.*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
	});

	it('looks condition keys up case-insensitively', () => {
		expect(holds({StringEquals: {'BEDROCK:inferenceprofilearn': profile}}, {'bedrock:InferenceProfileArn': profile})).toBe(true);
	});
});

describe('ARN operators', () => {
	it('ArnLike/ArnEquals match each of the six parts on its own', () => {
		expect(
			holds({ArnLike: {'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:123456789012:inference-profile/*'}}, {'bedrock:InferenceProfileArn': profile}),
		).toBe(true);
		expect(holds({ArnEquals: {'bedrock:InferenceProfileArn': profile}}, {'bedrock:InferenceProfileArn': profile})).toBe(true);
		// Unlike Resource, a * in the region part does not run into the account part.
		expect(holds({ArnLike: {'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:inference-profile/*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
		expect(holds({ArnNotLike: {'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/eu.*'}}, {'bedrock:InferenceProfileArn': profile})).toBe(
			true,
		);
		expect(holds({ArnNotEquals: {'bedrock:InferenceProfileArn': profile}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
		expect(holds({ArnLike: {'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:*'}}, {'bedrock:InferenceProfileArn': 'not-an-arn'})).toBe(false);
	});
});

describe('numeric, date, bool and IP operators', () => {
	it('compares numbers', () => {
		const age = {'aws:MultiFactorAuthAge': '300'};
		expect(holds({NumericLessThan: {'aws:MultiFactorAuthAge': 3600}}, age)).toBe(true);
		expect(holds({NumericLessThanEquals: {'aws:MultiFactorAuthAge': '300'}}, age)).toBe(true);
		expect(holds({NumericGreaterThan: {'aws:MultiFactorAuthAge': '300'}}, age)).toBe(false);
		expect(holds({NumericGreaterThanEquals: {'aws:MultiFactorAuthAge': '299.5'}}, age)).toBe(true);
		expect(holds({NumericEquals: {'aws:MultiFactorAuthAge': ['1', '300']}}, age)).toBe(true);
		expect(holds({NumericNotEquals: {'aws:MultiFactorAuthAge': '300'}}, age)).toBe(false);
		expect(holds({NumericLessThan: {'aws:MultiFactorAuthAge': 'soon'}}, age)).toBe(false);
	});

	it('compares ISO 8601 dates and epoch seconds', () => {
		const now = {'aws:CurrentTime': '2026-05-01T00:00:00Z'};
		expect(holds({DateLessThan: {'aws:CurrentTime': '2027-01-01T00:00:00Z'}}, now)).toBe(true);
		expect(holds({DateLessThan: {'aws:CurrentTime': '2026-01-01'}}, now)).toBe(false);
		// 1800000000 s = 2027-01-15; read as milliseconds it would be January 1970.
		expect(holds({DateLessThan: {'aws:CurrentTime': '1800000000'}}, now)).toBe(true);
		expect(holds({DateGreaterThan: {'aws:EpochTime': '2026-01-01T00:00:00Z'}}, {'aws:EpochTime': '1777593600'})).toBe(true);
		expect(holds({DateEquals: {'aws:CurrentTime': '2026-05-01T02:00:00+02:00'}}, now)).toBe(true);
		expect(holds({DateNotEquals: {'aws:CurrentTime': '2026-05-01T00:00:00Z'}}, now)).toBe(false);
		expect(holds({DateLessThanEquals: {'aws:CurrentTime': '2026-05-01T00:00:00Z'}}, now)).toBe(true);
		expect(holds({DateGreaterThanEquals: {'aws:CurrentTime': '2026-05-01T00:00:01Z'}}, now)).toBe(false);
	});

	it('Bool compares true/false case-insensitively', () => {
		expect(holds({Bool: {'aws:SecureTransport': true}}, {'aws:SecureTransport': 'TRUE'})).toBe(true);
		expect(holds({Bool: {'aws:SecureTransport': 'false'}}, {'aws:SecureTransport': 'true'})).toBe(false);
		expect(holds({Bool: {'aws:SecureTransport': 'true'}})).toBe(false);
	});

	it('IpAddress / NotIpAddress take IPv4 and IPv6 CIDRs', () => {
		expect(holds({IpAddress: {'aws:SourceIp': '203.0.113.0/24'}}, {'aws:SourceIp': '203.0.113.77'})).toBe(true);
		expect(holds({IpAddress: {'aws:SourceIp': '203.0.113.0/24'}}, {'aws:SourceIp': '203.0.114.1'})).toBe(false);
		expect(holds({IpAddress: {'aws:SourceIp': '198.51.100.7'}}, {'aws:SourceIp': '198.51.100.7'})).toBe(true);
		expect(holds({IpAddress: {'aws:SourceIp': '2001:db8::/32'}}, {'aws:SourceIp': '2001:0db8:ffff::1'})).toBe(true);
		expect(holds({IpAddress: {'aws:SourceIp': '2001:db8::/32'}}, {'aws:SourceIp': '2001:db9::1'})).toBe(false);
		expect(holds({IpAddress: {'aws:SourceIp': '::ffff:203.0.113.0/120'}}, {'aws:SourceIp': '::ffff:203.0.113.9'})).toBe(true);
		expect(holds({IpAddress: {'aws:SourceIp': '2001:db8::/32'}}, {'aws:SourceIp': '203.0.113.1'})).toBe(false);
		expect(holds({NotIpAddress: {'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32']}}, {'aws:SourceIp': '192.0.2.1'})).toBe(true);
		expect(holds({NotIpAddress: {'aws:SourceIp': '203.0.113.0/24'}}, {'aws:SourceIp': '203.0.113.1'})).toBe(false);
	});
});

describe('missing keys, IfExists and Null', () => {
	it('fails a positive operator on a missing key and passes a negated one', () => {
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile}})).toBe(false);
		expect(holds({ArnNotLike: {'bedrock:InferenceProfileArn': profile}})).toBe(true);
		expect(holds({NotIpAddress: {'aws:SourceIp': '203.0.113.0/24'}})).toBe(true);
		expect(holds({DateNotEquals: {'aws:CurrentTime': '2026-01-01'}})).toBe(true);
	});

	it('...IfExists passes when the key is missing and tests the value when present', () => {
		expect(holds({StringEqualsIfExists: {'bedrock:InferenceProfileArn': profile}})).toBe(true);
		expect(holds({StringEqualsIfExists: {'bedrock:InferenceProfileArn': profile}}, {'bedrock:InferenceProfileArn': 'other'})).toBe(false);
		expect(holds({DateLessThanIfExists: {'aws:CurrentTime': '2020-01-01'}})).toBe(true);
		expect(holds({NumericLessThanIfExists: {'aws:MultiFactorAuthAge': '10'}}, {'aws:MultiFactorAuthAge': '300'})).toBe(false);
		expect(holds({'ForAnyValue:StringEqualsIfExists': {'aws:TagKeys': 'team'}})).toBe(true);
	});

	it('Null tests presence only', () => {
		expect(holds({Null: {'bedrock:InferenceProfileArn': 'true'}})).toBe(true);
		expect(holds({Null: {'bedrock:InferenceProfileArn': 'true'}}, {'bedrock:InferenceProfileArn': profile})).toBe(false);
		expect(holds({Null: {'bedrock:InferenceProfileArn': false}}, {'bedrock:InferenceProfileArn': profile})).toBe(true);
	});
});

describe('set qualifiers', () => {
	const tags = {'aws:TagKeys': ['team', 'project']};

	it('ForAnyValue needs one request value to match, and fails on a missing key', () => {
		expect(holds({'ForAnyValue:StringEquals': {'aws:TagKeys': ['project', 'owner']}}, tags)).toBe(true);
		expect(holds({'ForAnyValue:StringEquals': {'aws:TagKeys': 'owner'}}, tags)).toBe(false);
		expect(holds({'ForAnyValue:StringEquals': {'aws:TagKeys': 'owner'}})).toBe(false);
		expect(holds({'ForAnyValue:StringNotEquals': {'aws:TagKeys': 'team'}}, tags)).toBe(true);
	});

	it('ForAllValues needs every request value to match, and passes on a missing or empty key', () => {
		expect(holds({'ForAllValues:StringLike': {'aws:TagKeys': ['team', 'proj*']}}, tags)).toBe(true);
		expect(holds({'ForAllValues:StringEquals': {'aws:TagKeys': 'team'}}, tags)).toBe(false);
		expect(holds({'ForAllValues:StringEquals': {'aws:TagKeys': 'team'}})).toBe(true);
		expect(holds({'ForAllValues:StringEquals': {'aws:TagKeys': 'team'}}, {'aws:TagKeys': []})).toBe(true);
		expect(holds({'ForAllValues:StringNotEquals': {'aws:TagKeys': 'owner'}}, tags)).toBe(true);
	});

	it('a single-valued operator never matches a multivalued key', () => {
		expect(holds({StringEquals: {'aws:TagKeys': 'team'}}, tags)).toBe(false);
		expect(holds({StringNotEquals: {'aws:TagKeys': 'owner'}}, tags)).toBe(false);
	});
});

describe('combining', () => {
	it('ANDs keys and operators', () => {
		const context = {'bedrock:InferenceProfileArn': profile, 'aws:SecureTransport': 'true'};
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile, 'aws:SecureTransport': 'true'}}, context)).toBe(true);
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile, 'aws:SecureTransport': 'false'}}, context)).toBe(false);
		expect(holds({StringEquals: {'bedrock:InferenceProfileArn': profile}, Bool: {'aws:SecureTransport': 'false'}}, context)).toBe(false);
		expect(holds({stringequals: {'bedrock:InferenceProfileArn': profile}}, context)).toBe(true);
	});
});
