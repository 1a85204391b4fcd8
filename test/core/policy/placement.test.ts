/**
 * Where the policy goes: inline when it fits 2,048 characters, else one managed policy (6,144), else several
 * managed policies attached to the same user (up to 10), else a clear refusal. Never cut.
 */
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../../source/core/catalog/index.js';
import {en} from '../../../source/core/i18n/en.js';
import {AmazonBedrockFullAccess} from '../../../source/core/iam/aws-managed-policies.js';
import {evaluatePolicies} from '../../../source/core/iam/evaluate.js';
import type {NamedPolicy} from '../../../source/core/iam/policy-document.js';
import {
	invocationRequests,
	INLINE_USER_POLICY_LIMIT,
	MANAGED_POLICIES_PER_USER,
	MANAGED_POLICY_LIMIT,
	managedPolicyNames,
	planPolicy,
	type PolicyPlanInput,
} from '../../../source/core/policy/index.js';
import {Problem} from '../../../source/core/problem.js';

const catalog = bundledCatalog();
const account = '123456789012';
const region = 'us-west-2';
const plan = (modelIds: readonly string[], overrides: Partial<PolicyPlanInput> = {}) =>
	planPolicy({catalog, region, accountId: account, modelIds, apiKeyTypes: ['LONG_TERM'], streaming: true, guardrail: true, ...overrides}, en);

/** The request: a Claude Code user's three Claude models through us. profiles, and an embedding model. */
const CLAUDE_CODE = [
	'us.anthropic.claude-haiku-4-5-20251001-v1:0',
	'us.anthropic.claude-sonnet-5',
	'us.anthropic.claude-opus-5',
	'amazon.titan-embed-text-v2:0',
];

/** Every geographic system profile callable from the Region. */
const everyProfile = catalog.profiles.filter((p) => p.sourceRegions.includes(region) && !p.profileId.startsWith('global.')).map((p) => p.profileId);
/** Enough of them to need more than one managed policy, few enough that no single statement exceeds one. */
const fourteen = everyProfile.slice(0, 14);

describe('--policy-type auto', () => {
	it('a small policy stays inline', () => {
		const small = plan(['amazon.titan-embed-text-v2:0'], {policyType: 'auto'});
		expect(small.placement.kind).toBe('inline');
		expect(small.placement.parts).toHaveLength(1);
		expect(small.compiled.size).toBeLessThanOrEqual(INLINE_USER_POLICY_LIMIT);
	});

	it('Haiku 4.5, Sonnet 5, Opus 5 and Titan: too large inline, so one managed policy in the readable form', () => {
		expect(() => plan(CLAUDE_CODE, {policyType: 'inline'})).toThrow(/more than the 2048/);
		const managed = plan(CLAUDE_CODE, {policyType: 'auto'});
		expect(managed.placement.kind).toBe('managed');
		expect(managed.request.policyKind).toBe('managed');
		expect(managed.placement.parts).toEqual([managed.compiled]);
		expect(managed.compiled.size).toBeGreaterThan(INLINE_USER_POLICY_LIMIT);
		expect(managed.compiled.size).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
		// Room to spare: Sids kept, one statement per profile.
		expect(managed.compiled.compacted).toBe(false);
		// Judged by IAM's evaluator, not by the plan's own matrix: every chosen model is callable through the one policy, streaming too.
		expect(managed.request.targets.map((target) => target.requestedId).sort()).toEqual([...CLAUDE_CODE].sort());
		const alone: NamedPolicy[] = [{name: 'managed', document: managed.placement.parts[0]!.document}];
		for (const target of managed.request.targets)
			for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const)
				for (const request of invocationRequests(target, action))
					expect(evaluatePolicies(alone, request).decision, `${target.requestedId} ${action} ${request.resource}`).toBe('allowed');
	});

	it("the inline budget is shared by the user's inline policies: with 1,500 characters taken, a policy that fits 2,048 goes managed", () => {
		const ids = ['us.anthropic.claude-haiku-4-5-20251001-v1:0'];
		const alone = plan(ids, {policyType: 'auto'});
		expect(alone.placement.kind).toBe('inline');
		expect(alone.compiled.size).toBeGreaterThan(2048 - 1500);
		const beside = plan(ids, {policyType: 'auto', inlineBudget: 2048 - 1500});
		expect(beside.placement.kind).toBe('managed');
		expect(() => plan(ids, {policyType: 'inline', inlineBudget: 2048 - 1500})).toThrow(/needs \d+ characters/);
		// A small one still fits beside it.
		expect(plan(['amazon.titan-embed-text-v2:0'], {policyType: 'auto', inlineBudget: 2048 - 1500}).placement.kind).toBe('inline');
	});

	it('without a policy type, planPolicy stays inline (what create asks for today)', () => {
		expect(() => plan(CLAUDE_CODE)).toThrow(/more than the 2048/);
	});
});

describe('beyond one managed policy', () => {
	it(`${fourteen.length} profiles: split across several managed policies, each within 6,144, that together allow exactly the chosen paths`, () => {
		const many = plan(fourteen, {policyType: 'managed'});
		const {parts} = many.placement;
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_USER);
		for (const part of parts) expect(part.size).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
		// Nothing lost and nothing cut: the parts' statements are the whole policy's, in order.
		expect(parts.flatMap((part) => part.document.Statement as unknown[])).toEqual(many.compiled.document.Statement);
		expect(parts.flatMap((part) => part.purposes)).toEqual(many.compiled.purposes);
		expect(many.matrix.every((row) => row.pass)).toBe(true);
		// Judged together with AmazonBedrockFullAccess: the chosen calls go through; a global profile does not.
		const attached: NamedPolicy[] = [
			...parts.map((part, index) => ({name: `part${index}`, document: part.document})),
			{name: 'full', document: AmazonBedrockFullAccess.document},
		];
		for (const target of many.request.targets)
			for (const request of invocationRequests(target, 'bedrock:InvokeModel')) expect(evaluatePolicies(attached, request).decision).toBe('allowed');
		const global = `arn:aws:bedrock:${region}:${account}:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0`;
		expect(evaluatePolicies(attached, {action: 'bedrock:InvokeModel', resource: global}).decision).toBe('explicitDeny');
	});

	it('names the parts after the user, numbered when split', () => {
		expect(managedPolicyNames('alice', 1)).toEqual(['bedrock-key-wizard-alice']);
		expect(managedPolicyNames(undefined, 2)).toEqual(['bedrock-key-wizard-1', 'bedrock-key-wizard-2']);
	});

	it('is refused clearly when even 10 managed policies cannot hold it (never truncated)', () => {
		const ids = [
			...everyProfile,
			...catalog.profiles.filter((p) => p.sourceRegions.includes(region) && p.profileId.startsWith('global.')).map((p) => p.profileId),
		];
		const onDemand = catalog.models.filter((m) => m.lifecycle === 'ACTIVE' && m.onDemandRegions.includes(region)).map((m) => m.modelId);
		let problem: Problem | undefined;
		try {
			plan([...ids, ...onDemand], {policyType: 'managed', destinations: 'exact'});
		} catch (error) {
			if (!(error instanceof Problem)) throw error;
			problem = error;
		}
		expect(problem?.kind).toBe('usage');
		expect(problem?.message).toMatch(/more than fits in 10 managed policies of 6144 characters each/);
		expect(problem?.fix).toContain('Nothing was cut short');
	});
});
