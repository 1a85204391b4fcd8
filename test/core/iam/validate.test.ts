import {describe, expect, it} from 'vitest';
import {inlineUserPolicySizeLimit, parsePolicyDocument, policySizeWithoutWhitespace} from '../../../source/core/iam/index.js';

const statement = (extra: Record<string, unknown>) =>
	JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', ...extra}]});

function errorsOf(text: string): string {
	const result = parsePolicyDocument(text);
	return result.ok ? '' : result.errors.join('\n');
}

describe('parsePolicyDocument', () => {
	it('accepts a well-formed policy and returns the document', () => {
		const result = parsePolicyDocument(statement({Sid: 'Invoke', Condition: {'ForAnyValue:StringLikeIfExists': {'aws:TagKeys': ['a*']}}}));
		expect(result.ok).toBe(true);
		expect(result.ok && result.document.Version).toBe('2012-10-17');
	});

	it('reports JSON syntax errors as IAM does', () => {
		expect(errorsOf('{"Version": "2012-10-17",')).toMatch(/^Syntax errors in policy\./);
		expect(errorsOf('[]')).toMatch(/^Syntax errors in policy\./);
	});

	it('checks the document elements', () => {
		expect(errorsOf(JSON.stringify({Version: '2012-10-17', Statement: [], Extra: 1}))).toContain('unknown top-level element "Extra"');
		expect(errorsOf(JSON.stringify({Version: '2020-01-01', Statement: []}))).toContain('The policy failed legacy parsing');
		expect(errorsOf(JSON.stringify({Version: '2012-10-17'}))).toContain('Statement must be');
	});

	it('reads a policy without Version as 2008-10-17, with a warning', () => {
		const result = parsePolicyDocument(JSON.stringify({Statement: {Effect: 'Allow', Action: '*', Resource: '*'}}));
		expect(result.ok && result.document.Version).toBe('2008-10-17');
		expect(result.ok && result.warnings.join()).toContain('Version is missing');
	});

	it('checks each statement', () => {
		expect(errorsOf(statement({Principal: {AWS: '*'}}))).toContain('Policy document should not specify a principal.');
		expect(errorsOf(statement({NotAction: 'iam:*'}))).toContain('not both');
		expect(errorsOf(JSON.stringify({Version: '2012-10-17', Statement: {Effect: 'Allow', Resource: '*'}}))).toContain('Policy statement must contain actions.');
		expect(errorsOf(JSON.stringify({Version: '2012-10-17', Statement: {Effect: 'Allow', Action: '*'}}))).toContain('Policy statement must contain resources.');
		expect(errorsOf(statement({Effect: 'Permit'}))).toContain('Effect must be "Allow" or "Deny"');
		expect(errorsOf(statement({Actions: 'x'}))).toContain('unknown element "Actions"');
		expect(errorsOf(statement({Action: 'InvokeModel'}))).toContain('Actions/Conditions must be prefaced by a vendor');
		expect(errorsOf(statement({Resource: 'foundation-model/x'}))).toContain('must be in ARN format or "*"');
		expect(errorsOf(statement({Sid: 'not-alnum'}))).toContain('Statement IDs (SID) must be alpha-numeric');
	});

	it('rejects duplicate Sids', () => {
		const text = JSON.stringify({
			Version: '2012-10-17',
			Statement: [
				{Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*'},
				{Sid: 'A', Effect: 'Deny', Action: 'iam:*', Resource: '*'},
			],
		});
		expect(errorsOf(text)).toContain('Statement IDs (SID) in a single policy must be unique.');
	});

	it('knows the condition operators', () => {
		expect(errorsOf(statement({Condition: {StringEqualz: {'aws:username': 'a'}}}))).toContain('Invalid Condition type : StringEqualz');
		expect(errorsOf(statement({Condition: {NullIfExists: {'aws:username': 'true'}}}))).toContain('Invalid Condition type');
		expect(errorsOf(statement({Condition: {'ForSomeValues:StringEquals': {'aws:TagKeys': 'a'}}}))).toContain('Invalid Condition type');
		expect(errorsOf(statement({Condition: {StringEquals: {username: 'a'}}}))).toContain('prefaced by a vendor');
		expect(errorsOf(statement({Condition: {StringEquals: {'aws:username': {nested: true}}}}))).toContain('must be a string, number, boolean');
		for (const operator of ['ArnNotLike', 'DateGreaterThanEqualsIfExists', 'ForAllValues:NumericLessThan', 'IpAddress', 'Null', 'BoolIfExists']) {
			expect(errorsOf(statement({Condition: {[operator]: {'aws:x': '1'}}}))).toBe('');
		}
	});

	it('warns that CallWithBearerToken on model ARNs is never granted', () => {
		const result = parsePolicyDocument(statement({Action: 'bedrock:CallWithBearerToken', Resource: 'arn:aws:bedrock:*::foundation-model/*'}));
		expect(result.ok && result.warnings.join()).toContain('bedrock:CallWithBearerToken has no resource type');
	});
});

describe('policySizeWithoutWhitespace', () => {
	it('counts characters without any whitespace, against the 2048-character inline user quota', () => {
		expect(policySizeWithoutWhitespace('{ "a" :\n\t"b c" }')).toBe('{"a":"bc"}'.length);
		expect(inlineUserPolicySizeLimit).toBe(2048);
	});
});
