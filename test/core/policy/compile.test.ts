import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../../source/core/catalog/index.js';
import {en} from '../../../source/core/i18n/en.js';
import {evaluatePolicies} from '../../../source/core/iam/evaluate.js';
import type {AuthorizationRequest} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy, PolicyDocument, PolicyStatement} from '../../../source/core/iam/policy-document.js';
import {AmazonBedrockFullAccess} from '../../../source/core/iam/aws-managed-policies.js';
import {
	bearerTokenRequest,
	compilePolicy,
	INLINE_USER_POLICY_LIMIT,
	invocationRequests,
	planPolicy,
	resolveTargets,
	type PolicyPlanInput,
} from '../../../source/core/policy/index.js';
import {foundationModelArn, inferenceProfileArn} from '../../../source/core/arn.js';
import {Problem} from '../../../source/core/problem.js';
import {askIamSimulate} from '../../helpers/iam-simulate.js';

const catalog = bundledCatalog();
const account = '123456789012';
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';
const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';

const plan = (overrides: Partial<PolicyPlanInput>) =>
	planPolicy({catalog, region: 'us-west-2', accountId: account, modelIds: [], apiKeyTypes: ['LONG_TERM'], streaming: true, guardrail: true, ...overrides}, en);

const statementsOf = (document: PolicyDocument): readonly PolicyStatement[] =>
	Array.isArray(document.Statement) ? document.Statement : [document.Statement as PolicyStatement];
const decide = (policies: readonly NamedPolicy[], request: AuthorizationRequest) => evaluatePolicies(policies, request).decision;
const asPolicy = (document: PolicyDocument): NamedPolicy[] => [{name: 'inline', document}];

describe("the article's example: Claude 3.5 Haiku + Titan Text Embeddings v2 in us-west-2", () => {
	const result = plan({modelIds: [HAIKU_35, TITAN_V2]});
	const policies = asPolicy(result.compiled.document);

	it('allows exactly those two models, and an API key to authenticate', () => {
		for (const model of [HAIKU_35, TITAN_V2]) {
			expect(decide(policies, {action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', model)})).toBe('allowed');
			expect(decide(policies, {action: 'bedrock:InvokeModelWithResponseStream', resource: foundationModelArn('us-west-2', model)})).toBe('allowed');
		}
		expect(decide(policies, bearerTokenRequest('LONG_TERM'))).toBe('allowed');
		expect(result.matrix.every((row) => row.pass)).toBe(true);
	});

	it('denies other models, Claude 3 Opus and Claude 3 Sonnet among them, and the same models in other Regions', () => {
		for (const model of ['anthropic.claude-3-opus-20240229-v1:0', 'anthropic.claude-3-sonnet-20240229-v1:0', 'amazon.nova-lite-v1:0']) {
			expect(decide(policies, {action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', model)})).not.toBe('allowed');
		}
		expect(decide(policies, {action: 'bedrock:InvokeModel', resource: foundationModelArn('us-east-1', HAIKU_35)})).not.toBe('allowed');
	});

	it('iam-simulate (AWS-faithful oracle) agrees: the two models and the API key allowed, the others denied', async () => {
		const oracle = async (request: AuthorizationRequest) => (await askIamSimulate(policies, request)).decision;
		for (const model of [HAIKU_35, TITAN_V2])
			expect(await oracle({action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', model)})).toBe('allowed');
		expect(await oracle(bearerTokenRequest('LONG_TERM'))).toBe('allowed');
		for (const model of ['anthropic.claude-3-opus-20240229-v1:0', 'anthropic.claude-3-sonnet-20240229-v1:0', 'amazon.nova-lite-v1:0']) {
			expect(await oracle({action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', model)})).toBe('explicitDeny');
		}
	});

	it('warns that Claude 3.5 Haiku has reached end of life, with the date', () => {
		expect(result.warnings).toEqual([{code: 'end-of-life', id: HAIKU_35, modelName: 'Claude 3.5 Haiku', date: '2026-06-19'}]);
	});

	it('is byte-for-byte stable whatever the order of the ids', () => {
		const again = plan({modelIds: [TITAN_V2, HAIKU_35, TITAN_V2]});
		expect(again.compiled.json).toBe(result.compiled.json);
		expect(result.compiled.json).toMatchInlineSnapshot(`
			"{
			  "Version": "2012-10-17",
			  "Statement": [
			    {
			      "Sid": "AllowApiKeyAuthentication",
			      "Effect": "Allow",
			      "Action": "bedrock:CallWithBearerToken",
			      "Resource": "*",
			      "Condition": {
			        "StringEquals": {
			          "bedrock:bearerTokenType": "LONG_TERM"
			        }
			      }
			    },
			    {
			      "Sid": "InvokeChosenModels",
			      "Effect": "Allow",
			      "Action": [
			        "bedrock:InvokeModel",
			        "bedrock:InvokeModelWithResponseStream"
			      ],
			      "Resource": [
			        "arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0",
			        "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"
			      ]
			    },
			    {
			      "Sid": "DenyEveryOtherModel",
			      "Effect": "Deny",
			      "Action": "bedrock:InvokeModel*",
			      "NotResource": [
			        "arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0",
			        "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"
			      ]
			    },
			    {
			      "Sid": "DenyBedrockMantle",
			      "Effect": "Deny",
			      "Action": "bedrock-mantle:*",
			      "Resource": "*"
			    }
			  ]
			}
			"
		`);
	});
});

describe("the article's own policy", () => {
	// What the article pasted: CallWithBearerToken listed with the model ARNs.
	const articlePolicy: PolicyDocument = {
		Version: '2012-10-17',
		Statement: [
			{
				Effect: 'Allow',
				Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:CallWithBearerToken'],
				Resource: [foundationModelArn('us-west-2', HAIKU_35), foundationModelArn('us-west-2', TITAN_V2)],
			},
		],
	};

	it('does not let an API key authenticate, because CallWithBearerToken is only ever checked against "*"', () => {
		expect(decide(asPolicy(articlePolicy), bearerTokenRequest('LONG_TERM'))).toBe('implicitDeny');
		expect(decide(asPolicy(articlePolicy), bearerTokenRequest('SHORT_TERM'))).toBe('implicitDeny');
	});

	it('is a shape the compiler never produces: CallWithBearerToken only ever on "*"', () => {
		const ids = [HAIKU_35, TITAN_V2, `us.${HAIKU_45}`, `global.${HAIKU_45}`, 'amazon.nova-lite-v1:0', 'meta.llama3-1-8b-instruct-v1:0'];
		let compiledCount = 0;
		for (let mask = 1; mask < 1 << ids.length; mask++) {
			const chosen = ids.filter((_, index) => mask & (1 << index));
			for (const apiKeyTypes of [['LONG_TERM'], ['LONG_TERM', 'SHORT_TERM'], []] as const) {
				let compiled;
				try {
					compiled = plan({modelIds: chosen, apiKeyTypes}).compiled;
				} catch (error) {
					// Some combinations of several profiles exceed IAM's inline size limit: refused, never truncated.
					expect((error as Error).message).toMatch(/more than the 2048 IAM allows/);
					continue;
				}
				compiledCount++;
				for (const statement of statementsOf(compiled.document)) {
					const actions = [statement.Action ?? []].flat();
					if (actions.includes('bedrock:CallWithBearerToken')) {
						expect(statement.Resource).toBe('*');
						expect(actions).toEqual(['bedrock:CallWithBearerToken']);
					}
				}
				expect(decide(asPolicy(compiled.document), bearerTokenRequest('LONG_TERM'))).toBe(apiKeyTypes.length > 0 ? 'allowed' : 'implicitDeny');
			}
		}
		expect(compiledCount).toBeGreaterThan(100);
	});
});

describe('inference profiles', () => {
	for (const scope of ['us', 'global'] as const) {
		const profileId = `${scope}.${HAIKU_45}`;
		const result = plan({modelIds: [profileId]});
		const policies = asPolicy(result.compiled.document);
		const target = result.request.targets[0]!;
		if (target.kind !== 'system-profile') throw new Error('expected a system profile');
		const profileArn = inferenceProfileArn('us-west-2', account, profileId);
		const context = {'bedrock:InferenceProfileArn': profileArn};

		it(`${scope}: allows the call through the profile from the source Region and every destination model with the profile context`, () => {
			expect(target.profileArn).toBe(profileArn);
			expect(target.destinationModelArns.length).toBeGreaterThanOrEqual(3);
			expect(decide(policies, {action: 'bedrock:InvokeModel', resource: profileArn, context})).toBe('allowed');
			for (const arn of target.destinationModelArns) {
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: arn, context})).toBe('allowed');
				expect(decide(policies, {action: 'bedrock:InvokeModelWithResponseStream', resource: arn, context})).toBe('allowed');
			}
		});

		it(`${scope}: denies the bare destination model without the profile context`, () => {
			for (const arn of target.destinationModelArns) {
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: arn})).not.toBe('allowed');
				// Nor through another profile of the same model.
				const other = inferenceProfileArn('us-west-2', account, `${scope === 'us' ? 'global' : 'us'}.${HAIKU_45}`);
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: arn, context: {'bedrock:InferenceProfileArn': other}})).not.toBe('allowed');
			}
		});

		if (scope === 'global') {
			it('global: also allows the region-less model ARN, only through the profile', () => {
				const regionless = `arn:aws:bedrock:::foundation-model/${HAIKU_45}`;
				expect(target.regionlessModelArn).toBe(regionless);
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: regionless, context})).toBe('allowed');
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: regionless})).not.toBe('allowed');
				for (const request of invocationRequests(target, 'bedrock:InvokeModel')) expect(decide(policies, request)).toBe('allowed');
			});
			it('global: the 31 destination Regions are one wildcard by default, which fits an inline policy with room to spare', () => {
				expect(target.destinationModelArns.length).toBeGreaterThan(20);
				expect(result.compiled.compacted).toBe(false);
				expect(result.compiled.size).toBeLessThanOrEqual(INLINE_USER_POLICY_LIMIT);
			});
			it('global, exact: the 31 ARNs listed one by one do not fit an inline policy, and are never folded behind the choice', () => {
				expect(() => plan({modelIds: [profileId], destinations: 'exact'})).toThrow(/more than the 2048/);
				const managed = plan({modelIds: [profileId], destinations: 'exact', policyType: 'auto'});
				expect(managed.placement.kind).toBe('managed');
				const statement = statementsOf(managed.compiled.document).find((s) => s.Sid?.startsWith('InvokeDestinationsOf'));
				expect(statement?.Resource).toEqual([...target.destinationModelArns, target.regionlessModelArn].sort());
			});
		} else {
			it('us: by default one Region wildcard scoped by the profile, in its own statement', () => {
				expect(result.compiled.compacted).toBe(false);
				const statement = statementsOf(result.compiled.document).find((s) => s.Sid?.startsWith('InvokeDestinationsOf'));
				expect(statement?.Resource).toEqual([`arn:aws:bedrock:*::foundation-model/${HAIKU_45}`]);
				expect(statement?.Condition).toEqual({StringEquals: {'bedrock:InferenceProfileArn': profileArn}});
			});
			it('us, exact: lists the destination ARNs as the catalog has them', () => {
				const exact = plan({modelIds: [profileId], destinations: 'exact'});
				const statement = statementsOf(exact.compiled.document).find((s) => s.Sid?.startsWith('InvokeDestinationsOf'));
				expect(statement?.Resource).toEqual(target.destinationModelArns);
				expect(exact.compiled.purposes.find((p) => p.role === 'profile-destinations')).toMatchObject({form: 'exact'});
			});
			it('a Region AWS adds to the profile later: the wildcard keeps working through the profile only; the exact list refuses it', () => {
				const added = {action: 'bedrock:InvokeModel', resource: foundationModelArn('ca-central-1', HAIKU_45), context};
				expect(target.destinationModelArns).not.toContain(added.resource);
				expect(decide(policies, added)).toBe('allowed');
				expect(decide(policies, {action: 'bedrock:InvokeModel', resource: added.resource})).not.toBe('allowed');
				const exact = plan({modelIds: [profileId], destinations: 'exact'});
				expect(decide(asPolicy(exact.compiled.document), added)).not.toBe('allowed');
			});
		}
	}

	it('an application inference profile: the profile ARN plus the models of the profile it copies', () => {
		const appArn = `arn:aws:bedrock:us-west-2:${account}:application-inference-profile/a1b2c3d4e5f6`;
		const result = plan({modelIds: [`${appArn}=us.${HAIKU_45}`]});
		const policies = asPolicy(result.compiled.document);
		const target = result.request.targets[0]!;
		for (const request of invocationRequests(target, 'bedrock:InvokeModel')) expect(decide(policies, request)).toBe('allowed');
		expect(decide(policies, {action: 'bedrock:InvokeModel', resource: foundationModelArn('us-east-1', HAIKU_45)})).not.toBe('allowed');
	});
});

describe('two Claude profiles and an embedding model: the smallest form, still exact in effect', () => {
	const SONNET = 'anthropic.claude-sonnet-4-6';
	const result = plan({modelIds: [`us.${HAIKU_45}`, `us.${SONNET}`, TITAN_V2]});
	const policies = asPolicy(result.compiled.document);
	const withFullAccess: NamedPolicy[] = [...policies, {name: 'full', document: AmazonBedrockFullAccess.document}];

	it("fits IAM's inline limit by leaving out statement ids and writing bedrock:InvokeModel*", () => {
		expect(result.compiled.size).toBeLessThanOrEqual(INLINE_USER_POLICY_LIMIT);
		expect(result.compiled.compacted).toBe(true);
		expect(statementsOf(result.compiled.document).every((statement) => statement.Sid === undefined)).toBe(true);
	});

	it('allows each chosen path and denies the others, alone and with AmazonBedrockFullAccess, by our evaluator and iam-simulate', async () => {
		for (const set of [policies, withFullAccess]) {
			for (const target of result.request.targets) {
				for (const request of invocationRequests(target, 'bedrock:InvokeModelWithResponseStream')) {
					expect(decide(set, request)).toBe('allowed');
					expect((await askIamSimulate(set, request)).decision).toBe('allowed');
				}
			}
			for (const denied of [
				{action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', HAIKU_45)},
				{action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', 'amazon.nova-lite-v1:0')},
				{action: 'bedrock:InvokeModel', resource: inferenceProfileArn('us-west-2', account, `global.${HAIKU_45}`)},
				{
					action: 'bedrock:InvokeModel',
					resource: foundationModelArn('us-east-1', SONNET),
					context: {'bedrock:InferenceProfileArn': inferenceProfileArn('us-west-2', account, `global.${SONNET}`)},
				},
			]) {
				expect(decide(set, denied), JSON.stringify(denied)).not.toBe('allowed');
				expect((await askIamSimulate(set, denied)).decision, JSON.stringify(denied)).not.toBe('allowed');
			}
		}
	});
});

describe('the guardrail', () => {
	const chosen = [TITAN_V2, `us.${HAIKU_45}`];
	const result = plan({modelIds: chosen});
	const withFullAccess: NamedPolicy[] = [
		...asPolicy(result.compiled.document),
		{name: AmazonBedrockFullAccess.arn, document: AmazonBedrockFullAccess.document},
	];

	it('keeps every model not chosen denied even with AmazonBedrockFullAccess attached', () => {
		const region = 'us-west-2';
		let checked = 0;
		for (const model of catalog.models) {
			if (model.modelId === TITAN_V2) continue;
			// Haiku 4.5 is chosen, through the us. profile only: called directly it must stay denied too.
			for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']) {
				const direct = foundationModelArn(region, model.modelId);
				expect(decide(withFullAccess, {action, resource: direct}), `${action} ${model.modelId}`).toBe('explicitDeny');
				checked++;
			}
		}
		for (const profile of catalog.profiles.filter((p) => p.profileId !== `us.${HAIKU_45}`)) {
			expect(decide(withFullAccess, {action: 'bedrock:InvokeModel', resource: inferenceProfileArn(region, account, profile.profileId)})).toBe('explicitDeny');
			checked++;
		}
		expect(checked).toBeGreaterThan(300);
	});

	it('iam-simulate agrees on a sample: other models denied, chosen ones allowed, with AmazonBedrockFullAccess attached', async () => {
		const oracle = async (request: AuthorizationRequest) => (await askIamSimulate(withFullAccess, request)).decision;
		for (const model of ['amazon.nova-lite-v1:0', 'anthropic.claude-3-opus-20240229-v1:0', 'cohere.embed-english-v3']) {
			expect(await oracle({action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', model)})).toBe('explicitDeny');
		}
		expect(await oracle({action: 'bedrock:InvokeModel', resource: foundationModelArn('us-east-1', HAIKU_45)})).toBe('explicitDeny');
		// iam-simulate's service data has no region-less ARNs, so the us. profile (no global) is the one sampled.
		for (const target of result.request.targets) {
			for (const request of invocationRequests(target, 'bedrock:InvokeModel')) expect(await oracle(request)).toBe('allowed');
		}
	});

	it('still lets the chosen models through with AmazonBedrockFullAccess attached', () => {
		for (const target of result.request.targets) {
			for (const request of invocationRequests(target, 'bedrock:InvokeModel')) expect(decide(withFullAccess, request)).toBe('allowed');
		}
	});

	it('without the guardrail, a broad managed policy widens the key (the reason it is on by default)', () => {
		const open = plan({modelIds: chosen, guardrail: false});
		const policies: NamedPolicy[] = [...asPolicy(open.compiled.document), {name: 'full', document: AmazonBedrockFullAccess.document}];
		expect(decide(policies, {action: 'bedrock:InvokeModel', resource: foundationModelArn('us-west-2', 'amazon.nova-lite-v1:0')})).toBe('allowed');
	});
});

describe('options', () => {
	it('access key only: no CallWithBearerToken statement at all', () => {
		const result = plan({modelIds: [TITAN_V2], apiKeyTypes: []});
		expect(result.compiled.json).not.toContain('CallWithBearerToken');
	});

	it('streaming off: InvokeModelWithResponseStream is not allowed', () => {
		const result = plan({modelIds: [TITAN_V2], streaming: false});
		const arn = foundationModelArn('us-west-2', TITAN_V2);
		expect(decide(asPolicy(result.compiled.document), {action: 'bedrock:InvokeModel', resource: arn})).toBe('allowed');
		expect(decide(asPolicy(result.compiled.document), {action: 'bedrock:InvokeModelWithResponseStream', resource: arn})).not.toBe('allowed');
	});

	it('expiry: everything is denied after the time, and allowed before it', () => {
		const result = plan({modelIds: [TITAN_V2], expiresAt: '2026-12-31T00:00:00.000Z'});
		const arn = foundationModelArn('us-west-2', TITAN_V2);
		const at = (time: string) => ({action: 'bedrock:InvokeModel', resource: arn, context: {'aws:CurrentTime': time}});
		expect(decide(asPolicy(result.compiled.document), at('2026-12-30T23:59:59Z'))).toBe('allowed');
		expect(decide(asPolicy(result.compiled.document), at('2026-12-31T00:00:01Z'))).toBe('explicitDeny');
		expect(result.compiled.json).toContain('"aws:CurrentTime": "2026-12-31T00:00:00Z"');
	});

	it('explains every statement in English and Japanese', async () => {
		const {ja} = await import('../../../source/core/i18n/ja.js');
		const {explainStatement} = await import('../../../source/core/policy/explain.js');
		// Managed, so each profile keeps its own statement (inline it would need the merged form).
		const result = plan({modelIds: [TITAN_V2, `global.${HAIKU_45}`], expiresAt: '2026-12-31T00:00:00Z', policyType: 'managed'});
		expect(result.compiled.purposes.map((p) => p.role)).toEqual([
			'api-key',
			'invoke-models',
			'invoke-profiles',
			'profile-destinations',
			'guardrail',
			'guardrail-profiles',
			'guardrail-mantle',
			'expiry',
		]);
		for (const purpose of result.compiled.purposes) {
			expect(explainStatement(purpose, en)).toMatch(/[a-z]{3}/);
			expect(explainStatement(purpose, ja)).toMatch(/[\u3040-\u30ff]/);
		}
		// The two forms of destinations say how they differ when AWS adds a Region.
		const exact = plan({modelIds: [`us.${HAIKU_45}`], destinations: 'exact'});
		const wildcardText = explainStatement(
			result.compiled.purposes.find((p) => p.role === 'profile-destinations')!,
			en,
		);
		const exactText = explainStatement(
			exact.compiled.purposes.find((p) => p.role === 'profile-destinations')!,
			en,
		);
		expect(wildcardText).toContain('when AWS adds a Region to the profile, the policy still covers it');
		expect(exactText).toContain('if AWS adds a Region to the profile, calls routed there fail');
		// The guardrail says what it does not cover.
		const guardrailText = explainStatement({role: 'guardrail'}, en);
		for (const gap of ['service role', 'agents', 'flows', 'batch', 'iam:PassRole']) expect(guardrailText).toContain(gap);
		expect(explainStatement({role: 'guardrail'}, ja)).toContain('iam:PassRole');
	});
});

describe('bad input', () => {
	const problemOf = (input: Partial<PolicyPlanInput>): Problem => {
		try {
			plan(input);
		} catch (error) {
			if (error instanceof Problem) return error;
			throw error;
		}
		throw new Error('expected a Problem');
	};

	it('an unknown id is a usage error that suggests the closest ids', () => {
		const problem = problemOf({modelIds: ['anthropic.claude-haiku-4-5']});
		expect(problem.kind).toBe('usage');
		expect(problem.message).toContain('"anthropic.claude-haiku-4-5" is not a model ID');
		expect(problem.fix).toContain(HAIKU_45);
	});

	it('a profile id without an account names --account', () => {
		const problem = problemOf({modelIds: [`us.${HAIKU_45}`], accountId: undefined});
		expect(problem.fix).toContain('--account');
	});

	it('a model not offered in the Region names the Regions that have it', () => {
		const problem = problemOf({modelIds: ['amazon.titan-embed-g1-text-02'], region: 'eu-west-1'});
		expect(problem.message).toContain('not offered in eu-west-1');
		expect(problem.fix).toContain('us-east-1, us-west-2');
	});

	it('a profile-only model called by its id names the profiles to use instead', () => {
		const problem = problemOf({modelIds: [HAIKU_45]});
		expect(problem.message).toContain('only served through an inference profile');
		expect(problem.fix).toContain(`us.${HAIKU_45}`);
		expect(problem.fix).toContain(`global.${HAIKU_45}`);
	});

	it('reports every bad id at once', () => {
		const problem = problemOf({modelIds: ['nope-1', TITAN_V2, 'nope-2']});
		expect(problem.message.split('\n')).toHaveLength(2);
	});

	it('the resolver never yields a target for an unknown id', () => {
		expect(resolveTargets(['x'], {catalog, region: 'us-west-2'}).targets).toEqual([]);
	});

	it('refuses a policy too large for an inline user policy, saying what to do', () => {
		const many = catalog.models.filter((m) => m.lifecycle === 'ACTIVE' && m.onDemandRegions.includes('us-west-2')).map((m) => m.modelId);
		expect(() =>
			compilePolicy({targets: resolveTargets(many, {catalog, region: 'us-west-2'}).targets, apiKeyTypes: ['LONG_TERM'], streaming: true, guardrail: true}),
		).toThrow(/more than the 2048/);
	});
});
