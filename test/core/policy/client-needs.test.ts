/**
 * What the policy gains for the clients a key is for (issue 18): Mantle for the chosen models only
 * (`bedrock-mantle:CreateInference` scoped by `bedrock-mantle:Model` to their Mantle ids, and
 * `bedrock-mantle:CallWithBearerToken`), with the guardrail denying Mantle for every other model; and
 * Claude Code's inference profile reads (GetInferenceProfile on the chosen profiles, ListInferenceProfiles).
 * Judged by our evaluator and by iam-simulate, with AmazonBedrockFullAccess attached where it matters.
 */
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../../source/core/catalog/index.js';
import {en} from '../../../source/core/i18n/en.js';
import {ja} from '../../../source/core/i18n/ja.js';
import {AmazonBedrockFullAccess} from '../../../source/core/iam/aws-managed-policies.js';
import {evaluatePolicies} from '../../../source/core/iam/evaluate.js';
import type {AuthorizationRequest, Decision} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy, PolicyStatement} from '../../../source/core/iam/policy-document.js';
import {explainStatement} from '../../../source/core/policy/explain.js';
import {mantleRequests, planPolicy, type PolicyPlanInput} from '../../../source/core/policy/index.js';
import {askIamSimulate} from '../../helpers/iam-simulate.js';

const catalog = bundledCatalog();
const account = '123456789012';
const region = 'us-west-2';
const haikuProfile = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const gptOss = 'openai.gpt-oss-120b-1:0';
const plan = (overrides: Partial<PolicyPlanInput> = {}) =>
	planPolicy(
		{catalog, region, accountId: account, modelIds: [haikuProfile, gptOss], apiKeyTypes: ['LONG_TERM'], streaming: true, guardrail: true, ...overrides},
		en,
	);
const statements = (document: {Statement: unknown}): PolicyStatement[] => document.Statement as PolicyStatement[];
const named = (document: NamedPolicy['document']): NamedPolicy[] => [{name: 'bedrock-key-wizard', document}];
const withFullAccess = (document: NamedPolicy['document']): NamedPolicy[] => [
	...named(document),
	{name: AmazonBedrockFullAccess.arn, document: AmazonBedrockFullAccess.document},
];

/** Both evaluators must agree, and on `expected`. */
async function expectDecision(policies: readonly NamedPolicy[], request: AuthorizationRequest, expected: Decision): Promise<void> {
	const label = `${request.action} ${request.resource} ${JSON.stringify(request.context ?? {})}`;
	expect(evaluatePolicies(policies, request).decision, label).toBe(expected);
	expect((await askIamSimulate(policies, request)).decision, `iam-simulate: ${label}`).toBe(expected);
}

const project = `arn:aws:bedrock-mantle:${region}:${account}:project/default`;

describe('Mantle chosen', () => {
	// A managed policy keeps every Sid (inline, two models and Mantle need the form without them).
	const chosen = plan({mantle: true, policyType: 'managed'});

	it('allows CreateInference for the chosen models by their Mantle ids, and the key to sign in there', () => {
		const document = chosen.compiled.document;
		expect(statements(document).find((s) => s.Sid === 'InvokeChosenModelsOnMantle')).toEqual({
			Sid: 'InvokeChosenModelsOnMantle',
			Effect: 'Allow',
			Action: 'bedrock-mantle:CreateInference',
			Resource: `arn:aws:bedrock-mantle:${region}:${account}:project/*`,
			Condition: {StringEquals: {'bedrock-mantle:Model': ['anthropic.claude-haiku-4-5', 'openai.gpt-oss-120b']}},
		});
		expect(statements(document).find((s) => s.Sid === 'AllowMantleApiKeyAuthentication')).toEqual({
			Sid: 'AllowMantleApiKeyAuthentication',
			Effect: 'Allow',
			Action: 'bedrock-mantle:CallWithBearerToken',
			Resource: '*',
		});
		expect(chosen.compiled.json).not.toContain('"DenyBedrockMantle"');
	});

	it('the chosen models are allowed on Mantle, others refused, alone and with AmazonBedrockFullAccess attached', async () => {
		for (const policies of [named(chosen.compiled.document), withFullAccess(chosen.compiled.document)]) {
			for (const model of ['anthropic.claude-haiku-4-5', 'openai.gpt-oss-120b'])
				for (const request of mantleRequests(region, account, model)) await expectDecision(policies, request, 'allowed');
			for (const model of ['anthropic.claude-opus-5', 'qwen.qwen3-32b', 'openai.gpt-oss-20b']) {
				const [, inference] = mantleRequests(region, account, model);
				await expectDecision(policies, inference!, 'explicitDeny');
			}
		}
	});

	it('the guardrail denies every model-naming Mantle action for other models, and leaves actions without a model alone', async () => {
		const guard = statements(chosen.compiled.document).find((s) => s.Sid === 'DenyOtherModelsOnMantle');
		expect(guard).toMatchObject({Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*'});
		const full = withFullAccess(chosen.compiled.document);
		await expectDecision(full, {action: 'bedrock-mantle:CountTokens', resource: project, context: {'bedrock-mantle:Model': 'qwen.qwen3-32b'}}, 'explicitDeny');
		await expectDecision(full, {action: 'bedrock-mantle:ListModels', resource: project}, 'allowed');
		// Without FullAccess, listing is not granted: the key may call its models, not browse.
		await expectDecision(named(chosen.compiled.document), {action: 'bedrock-mantle:ListModels', resource: project}, 'implicitDeny');
	});

	it('a key with only an access key (no API key) gets no Mantle sign-in', () => {
		const sigv4 = plan({mantle: true, apiKeyTypes: [], policyType: 'auto'});
		expect(sigv4.compiled.json).not.toContain('bedrock-mantle:CallWithBearerToken');
		expect(sigv4.compiled.json).toContain('bedrock-mantle:CreateInference');
	});

	it('on-demand models only: the account is not known, so any account of that Region', () => {
		const onDemand = plan({mantle: true, modelIds: [gptOss], policyType: 'managed'});
		expect(statements(onDemand.compiled.document).find((s) => s.Sid === 'InvokeChosenModelsOnMantle')).toMatchObject({
			Resource: `arn:aws:bedrock-mantle:${region}:*:project/*`,
			Condition: {StringEquals: {'bedrock-mantle:Model': 'openai.gpt-oss-120b'}},
		});
	});

	it('the runtime side is unchanged: the same invoke statements as without Mantle', () => {
		const without = plan({policyType: 'managed'});
		const invoke = (document: NamedPolicy['document']) =>
			statements(document).filter((s) => String(s.Sid).startsWith('Invoke') && !String(s.Sid).includes('Mantle'));
		expect(invoke(chosen.compiled.document)).toEqual(invoke(without.compiled.document));
	});

	it('explains each statement in English and Japanese', () => {
		for (const purpose of chosen.compiled.purposes) {
			expect(explainStatement(purpose, en).length).toBeGreaterThan(20);
			expect(explainStatement(purpose, ja)).toMatch(/[\u3040-\u30ff]/);
		}
		const roles = chosen.compiled.purposes.map((p) => p.role);
		expect(roles).toEqual(expect.arrayContaining(['mantle-api-key', 'mantle-inference', 'guardrail-mantle-models']));
		const inference = chosen.compiled.purposes.find((p) => p.role === 'mantle-inference')!;
		expect(explainStatement(inference, en)).toContain('anthropic.claude-haiku-4-5, openai.gpt-oss-120b');
		expect(explainStatement(inference, ja)).toContain('anthropic.claude-haiku-4-5、openai.gpt-oss-120b');
	});
});

describe("Claude Code's inference profile reads", () => {
	// Claude Code's slots take room: inline when it fits, else a managed policy.
	const reads = plan({profileReads: true, policyType: 'auto', modelIds: [haikuProfile, 'us.anthropic.claude-sonnet-5', gptOss]});
	const profileArn = (id: string) => `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`;

	it('GetInferenceProfile on the chosen profiles only, ListInferenceProfiles on *', async () => {
		const policies = named(reads.compiled.document);
		for (const id of [haikuProfile, 'us.anthropic.claude-sonnet-5'])
			await expectDecision(policies, {action: 'bedrock:GetInferenceProfile', resource: profileArn(id)}, 'allowed');
		await expectDecision(policies, {action: 'bedrock:GetInferenceProfile', resource: profileArn('us.anthropic.claude-opus-5')}, 'implicitDeny');
		await expectDecision(policies, {action: 'bedrock:ListInferenceProfiles', resource: '*'}, 'allowed');
		expect(reads.compiled.purposes.map((p) => p.role)).toEqual(expect.arrayContaining(['read-profiles', 'list-profiles']));
	});

	it('grants no invocation beyond the choice', async () => {
		await expectDecision(named(reads.compiled.document), {action: 'bedrock:InvokeModel', resource: profileArn('us.anthropic.claude-opus-5')}, 'explicitDeny');
		expect(plan().compiled.json).not.toContain('InferenceProfile"');
	});

	it('four Claude Code slots, Mantle and the reads fit one policy (managed when inline is too small)', () => {
		const big = plan({
			profileReads: true,
			mantle: true,
			policyType: 'auto',
			apiKeyTypes: ['LONG_TERM', 'SHORT_TERM'],
			modelIds: [haikuProfile, 'us.anthropic.claude-sonnet-5', 'us.anthropic.claude-opus-5', 'global.anthropic.claude-opus-5'].filter((id) =>
				catalog.profiles.some((p) => p.profileId === id),
			),
		});
		expect(big.compiled.size).toBeLessThanOrEqual(big.placement.kind === 'inline' ? 2048 : 6144);
	});
});
