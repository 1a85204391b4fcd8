/**
 * The Mantle side door: Bedrock API keys also work on the Mantle endpoint, authorised by `bedrock-mantle:*`
 * actions that a Deny on `bedrock:InvokeModel*` does not touch. With the guardrail on (and Mantle not
 * chosen), no Mantle action is allowed even with AmazonBedrockFullAccess or AmazonBedrockLimitedAccess
 * attached; the expiry Deny covers Mantle too. Judged by our evaluator and by iam-simulate.
 */
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../../source/core/catalog/index.js';
import {en} from '../../../source/core/i18n/en.js';
import {AmazonBedrockFullAccess, AmazonBedrockLimitedAccess} from '../../../source/core/iam/aws-managed-policies.js';
import {evaluatePolicies} from '../../../source/core/iam/evaluate.js';
import type {AuthorizationRequest} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy, PolicyStatement} from '../../../source/core/iam/policy-document.js';
import {mantleRequests, planPolicy, type PolicyPlanInput} from '../../../source/core/policy/index.js';
import {askIamSimulate} from '../../helpers/iam-simulate.js';

const catalog = bundledCatalog();
const account = '123456789012';
const plan = (overrides: Partial<PolicyPlanInput>) =>
	planPolicy(
		{
			catalog,
			region: 'us-west-2',
			accountId: account,
			modelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'amazon.titan-embed-text-v2:0'],
			apiKeyTypes: ['LONG_TERM', 'SHORT_TERM'],
			streaming: true,
			guardrail: true,
			...overrides,
		},
		en,
	);
const decide = (policies: readonly NamedPolicy[], request: AuthorizationRequest) => evaluatePolicies(policies, request).decision;
const withManaged = (document: NamedPolicy['document']): NamedPolicy[][] =>
	[AmazonBedrockFullAccess, AmazonBedrockLimitedAccess].map((managed) => [
		{name: 'bedrock-key-wizard', document},
		{name: managed.arn, document: managed.document},
	]);

/** Every Mantle request a key could make: both token kinds, the chosen models' Mantle ids and others. */
const mantle: AuthorizationRequest[] = [
	...mantleRequests('us-west-2', account, 'anthropic.claude-haiku-4-5', 'LONG_TERM'),
	...mantleRequests('us-west-2', account, 'openai.gpt-oss-120b', 'SHORT_TERM'),
	...mantleRequests('us-east-1', account, 'anthropic.claude-opus-5'),
	{action: 'bedrock-mantle:ListModels', resource: `arn:aws:bedrock-mantle:us-west-2:${account}:project/default`},
];

describe('the guardrail closes the Mantle side door', () => {
	const guarded = plan({});

	it('denies bedrock-mantle:* in a statement of its own', () => {
		const statement = (guarded.compiled.document.Statement as readonly PolicyStatement[]).find((s) => s.Sid === 'DenyBedrockMantle');
		expect(statement).toEqual({Sid: 'DenyBedrockMantle', Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*'});
		expect(guarded.compiled.purposes.map((p) => p.role)).toContain('guardrail-mantle');
	});

	it('no Mantle action is allowed with AmazonBedrockFullAccess or LimitedAccess attached (our evaluator and iam-simulate)', async () => {
		for (const policies of withManaged(guarded.compiled.document)) {
			for (const request of mantle) {
				expect(decide(policies, request), `${policies[1]!.name} ${request.action}`).toBe('explicitDeny');
				expect((await askIamSimulate(policies, request)).decision, `iam-simulate ${policies[1]!.name} ${request.action}`).toBe('explicitDeny');
			}
		}
	});

	it('without it, the managed policies open Mantle (the side door the Deny closes)', async () => {
		const open = plan({guardrail: false});
		for (const policies of withManaged(open.compiled.document)) {
			for (const request of mantleRequests('us-west-2', account, 'openai.gpt-oss-120b')) {
				expect(decide(policies, request)).toBe('allowed');
				expect((await askIamSimulate(policies, request)).decision).toBe('allowed');
			}
		}
	});

	it('Mantle chosen (the compiler option): no Deny of all Mantle; the chosen models are granted there, no other (test/core/policy/client-needs.test.ts)', () => {
		const chosen = plan({mantle: true, policyType: 'auto'});
		expect(chosen.compiled.json).not.toContain('DenyBedrockMantle');
		const own = [{name: 'p', document: chosen.compiled.document}];
		for (const request of mantleRequests('us-west-2', account, 'anthropic.claude-haiku-4-5')) expect(decide(own, request)).toBe('allowed');
		expect(decide(own, mantleRequests('us-west-2', account, 'openai.gpt-oss-120b')[1]!)).toBe('explicitDeny');
	});

	it('the expiry Deny covers Mantle too, guardrail on or off', () => {
		for (const guardrail of [true, false]) {
			const expiring = plan({guardrail, mantle: true, expiresAt: '2026-12-31T00:00:00Z', policyType: 'auto'});
			for (const [policies] of [withManaged(expiring.compiled.document)]) {
				// A chosen model, which Mantle allows until the expiry.
				for (const request of mantleRequests('us-west-2', account, 'anthropic.claude-haiku-4-5')) {
					const at = (time: string) => ({...request, context: {...request.context, 'aws:CurrentTime': time}});
					expect(decide(policies!, at('2026-12-30T23:59:59Z'))).toBe('allowed');
					expect(decide(policies!, at('2026-12-31T00:00:01Z'))).toBe('explicitDeny');
				}
			}
		}
	});
});
