/**
 * Policy safety as a property: for random catalogs and random choices, the compiled policy allows exactly
 * the chosen models through the paths a client will use, and nothing else, with the guardrail on or off and
 * either form of profile destinations (Region wildcard or exact list); with the guardrail on and
 * AmazonBedrockFullAccess attached, no other model and no bedrock-mantle action is allowed. Judged by our
 * evaluator and by iam-simulate. `FC_RUNS=500 npm test` for a longer run.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Catalog, CatalogModel, CatalogProfile} from '../../../source/core/catalog/types.js';
import {evaluatePolicies} from '../../../source/core/iam/evaluate.js';
import type {AuthorizationRequest, Decision} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy} from '../../../source/core/iam/policy-document.js';
import {AmazonBedrockFullAccess} from '../../../source/core/iam/aws-managed-policies.js';
import {PolicyTooLarge} from '../../../source/core/policy/compile.js';
import {bearerTokenRequest, mantleRequests} from '../../../source/core/policy/invocation-requests.js';
import {compilePolicy, invocationRequests, resolveTargets, type BearerTokenType, type InvocationTarget} from '../../../source/core/policy/index.js';
import {mantleModelId} from '../../../source/core/catalog/mantle.js';
import {askIamSimulate} from '../../helpers/iam-simulate.js';
import {recordSuite} from '../../helpers/summary.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 60);
const regions = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1'] as const;
const usRegions = regions.filter((region) => region.startsWith('us-'));
const account = '123456789012';

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);

const modelArb = (index: number) =>
	fc
		.record({
			kind: fc.constantFrom('chat' as const, 'embedding' as const),
			onDemandRegions: subset(regions),
			usProfile: fc.option(fc.record({sources: subset(usRegions), destinations: fc.subarray([...usRegions], {minLength: 1})}), {nil: undefined}),
			globalProfile: fc.boolean(),
		})
		.map(({kind, onDemandRegions, usProfile, globalProfile}) => {
			// Ids as long as real ones (anthropic.claude-haiku-4-5-20251001-v1:0), so the size-saving forms get exercised too.
			const modelId = `vendor${index % 3}.model-family-${index}-20261129-v1:0`;
			const model: CatalogModel = {
				modelId,
				provider: `Vendor ${index % 3}`,
				name: `Model ${index}`,
				kind,
				inputModalities: ['TEXT'],
				outputModalities: [kind === 'chat' ? 'TEXT' : 'EMBEDDING'],
				streaming: true,
				lifecycle: 'ACTIVE',
				onDemandRegions,
				profileOnlyRegions: [],
				thirdParty: false,
			};
			const profiles: CatalogProfile[] = [];
			if (usProfile && usProfile.sources.length > 0) {
				profiles.push({
					profileId: `us.${modelId}`,
					modelId,
					scope: 'us',
					sourceRegions: usProfile.sources,
					destinationsBySourceRegion: Object.fromEntries(usProfile.sources.map((source) => [source, [...new Set([source, ...usProfile.destinations])].sort()])),
				});
			}
			if (globalProfile)
				profiles.push({
					profileId: `global.${modelId}`,
					modelId,
					scope: 'global',
					sourceRegions: [...regions],
					destinationsBySourceRegion: Object.fromEntries(regions.map((source) => [source, [...regions]])),
				});
			return {model, profiles};
		});

const catalogArb = fc.integer({min: 2, max: 6}).chain((count) =>
	fc.tuple(...Array.from({length: count}, (_, index) => modelArb(index))).map((entries): Catalog => ({
		origin: 'snapshot',
		asOf: '2026-11-29',
		regions,
		models: entries.map((entry) => entry.model),
		profiles: entries.flatMap((entry) => entry.profiles),
	})),
);

/** Every way a client can call some model from the region: bare ids where on demand, and every profile. */
function callableTargets(catalog: Catalog, region: string): InvocationTarget[] {
	const ids = [
		...catalog.models.filter((m) => m.onDemandRegions.includes(region)).map((m) => m.modelId),
		...catalog.profiles.filter((p) => p.sourceRegions.includes(region)).map((p) => p.profileId),
	];
	return [...resolveTargets(ids, {catalog, region, accountId: account}).targets];
}

const scenarioArb = catalogArb.chain((catalog) =>
	fc.record({
		catalog: fc.constant(catalog),
		region: fc.constantFrom(...regions),
		guardrail: fc.boolean(),
		streaming: fc.boolean(),
		// No API key at all (an access key only), a long-term key, a short-term one, or both.
		apiKeyTypes: fc.subarray<BearerTokenType>(['LONG_TERM', 'SHORT_TERM']),
		// The Region wildcard scoped by the profile (the default), or each destination listed.
		destinations: fc.constantFrom('any-region' as const, 'exact' as const),
		// The clients' needs (issue 18): Mantle for the chosen models, and Claude Code's profile reads.
		mantle: fc.boolean(),
		profileReads: fc.boolean(),
		pick: fc.array(fc.nat(), {minLength: 1, maxLength: 3}),
	}),
);

interface Scenario {
	readonly policies: NamedPolicy[];
	readonly chosen: InvocationTarget[];
	readonly others: InvocationTarget[];
	readonly guardrail: boolean;
	readonly streaming: boolean;
	readonly apiKeyTypes: readonly BearerTokenType[];
	readonly form: 'exact' | 'compacted';
	readonly region: string;
	readonly mantle: boolean;
	readonly profileReads: boolean;
}

type ScenarioInput = {
	catalog: Catalog;
	region: string;
	guardrail: boolean;
	streaming: boolean;
	apiKeyTypes: BearerTokenType[];
	destinations: 'any-region' | 'exact';
	mantle: boolean;
	profileReads: boolean;
	pick: number[];
};

/** A scenario to judge, or 'too-large' when the compiler refused because no form fits IAM's limit. Any other exception fails. */
function build(input: ScenarioInput): Scenario | 'too-large' | undefined {
	const all = callableTargets(input.catalog, input.region);
	if (all.length === 0) return undefined;
	const chosen = [...new Set(input.pick.map((n) => all[n % all.length]!))];
	let compiled;
	try {
		compiled = compilePolicy({
			targets: chosen,
			apiKeyTypes: input.apiKeyTypes,
			streaming: input.streaming,
			guardrail: input.guardrail,
			destinations: input.destinations,
			mantle: input.mantle,
			profileReads: input.profileReads,
			// The clients' statements take room: a managed policy when they are asked for, as the wizard would choose.
			...(input.mantle || input.profileReads ? {policyKind: 'managed' as const} : {}),
		});
	} catch (error) {
		// Refused, never truncated, which is safe; anything else is a compiler bug and fails the property.
		if (error instanceof PolicyTooLarge) return 'too-large';
		throw error;
	}
	const chosenIds = new Set(chosen.map((t) => t.requestedId));
	// A different way to the same model (say, its other profile) is a different target: it must be denied too.
	const others = all.filter((t) => !chosenIds.has(t.requestedId));
	return {
		policies: [{name: 'compiled', document: compiled.document}],
		chosen,
		others,
		guardrail: input.guardrail,
		streaming: input.streaming,
		apiKeyTypes: input.apiKeyTypes,
		form: compiled.compacted ? 'compacted' : 'exact',
		region: input.region,
		mantle: input.mantle,
		profileReads: input.profileReads,
	};
}

type Judge = (policies: readonly NamedPolicy[], request: AuthorizationRequest) => Promise<Decision>;
const ours: Judge = async (policies, request) => evaluatePolicies(policies, request).decision;

/** iam-simulate, counting the requests it actually judged (a minimum is required, so a run that skipped everything fails). */
const oracleJudged = {requests: 0};
const oracle: Judge = async (policies, request) => {
	const {decision} = await askIamSimulate(policies, request);
	oracleJudged.requests++;
	return decision;
};

type InvokeAction = 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream';
const invokeActions: readonly InvokeAction[] = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** A call succeeds only if every request on its path is allowed. */
async function callAllowed(
	judge: Judge,
	policies: readonly NamedPolicy[],
	target: InvocationTarget,
	action: InvokeAction,
	skipRegionless: boolean,
): Promise<boolean> {
	for (const request of invocationRequests(target, action)) {
		if (skipRegionless && request.resource.startsWith('arn:aws:bedrock:::')) continue;
		if ((await judge(policies, request)) !== 'allowed') return false;
	}
	return true;
}

async function checkProperty(scenario: Scenario, judge: Judge, skipRegionless: boolean): Promise<void> {
	for (const action of invokeActions) {
		// Streaming is allowed for the chosen models exactly when it was asked for.
		const chosenMay = action === 'bedrock:InvokeModel' || scenario.streaming;
		for (const target of scenario.chosen)
			expect(await callAllowed(judge, scenario.policies, target, action, skipRegionless), `${action} chosen ${target.requestedId}`).toBe(chosenMay);
		for (const target of scenario.others)
			expect(await callAllowed(judge, scenario.policies, target, action, skipRegionless), `${action} not chosen ${target.requestedId}`).toBe(false);
	}
	// The API key gets in exactly with the token types asked for (an access-key-only policy lets none in).
	for (const tokenType of ['LONG_TERM', 'SHORT_TERM'] as const) {
		expect(await judge(scenario.policies, bearerTokenRequest(tokenType)), `CallWithBearerToken ${tokenType}`).toBe(
			scenario.apiKeyTypes.includes(tokenType) ? 'allowed' : 'implicitDeny',
		);
	}
	// Through a chosen profile, the destination models may not be called directly (unless chosen by id there).
	const directlyChosen = new Set(scenario.chosen.flatMap((t) => (t.kind === 'foundation-model' ? [t.modelArn] : [])));
	for (const target of scenario.chosen) {
		if (target.kind === 'foundation-model') continue;
		for (const arn of target.destinationModelArns) {
			if (directlyChosen.has(arn)) continue;
			for (const action of invokeActions) expect(await judge(scenario.policies, {action, resource: arn}), `direct ${action} ${arn}`).not.toBe('allowed');
		}
	}
	if (scenario.guardrail) {
		// A broad managed policy attached later cannot widen the key to another model, streamed or not.
		const widened = [...scenario.policies, {name: AmazonBedrockFullAccess.arn, document: AmazonBedrockFullAccess.document}];
		for (const target of scenario.chosen) expect(await callAllowed(judge, widened, target, 'bedrock:InvokeModel', skipRegionless)).toBe(true);
		for (const action of invokeActions) {
			for (const target of scenario.others)
				expect(await callAllowed(judge, widened, target, action, skipRegionless), `with FullAccess: ${action} ${target.requestedId}`).toBe(false);
		}
		// Nor open the Mantle endpoint (AmazonBedrockFullAccess grants bedrock-mantle:*): without Mantle chosen,
		// no Mantle action is allowed; with it, no model but the chosen ones.
		const chosenMantle = scenario.mantle ? new Set(scenario.chosen.map((t) => mantleModelId(t.model?.modelId ?? t.requestedId))) : new Set<string>();
		for (const model of ['openai.gpt-oss-120b', ...scenario.chosen.map((t) => mantleModelId(t.model?.modelId ?? t.requestedId))]) {
			for (const tokenType of ['LONG_TERM', 'SHORT_TERM'] as const) {
				const [bearer, inference] = mantleRequests(scenario.region, account, model, tokenType);
				if (!scenario.mantle) {
					for (const request of [bearer!, inference!])
						expect(await judge(widened, request), `with FullAccess: ${request.action} ${model}`).toBe('explicitDeny');
				} else {
					expect(await judge(widened, inference!), `with FullAccess, Mantle chosen: ${model}`).toBe(chosenMantle.has(model) ? 'allowed' : 'explicitDeny');
				}
			}
		}
	}
	// Mantle, when chosen: the chosen models there (and the key signs in where API keys were asked for), no other.
	if (scenario.mantle) {
		for (const target of scenario.chosen) {
			const model = mantleModelId(target.model?.modelId ?? target.requestedId);
			const [bearer, inference] = mantleRequests(scenario.region, account, model);
			expect(await judge(scenario.policies, inference!), `Mantle ${model}`).toBe('allowed');
			expect(await judge(scenario.policies, bearer!), `Mantle sign-in`).toBe(scenario.apiKeyTypes.length > 0 ? 'allowed' : 'implicitDeny');
		}
		expect(await judge(scenario.policies, mantleRequests(scenario.region, account, 'other.unchosen-model')[1]!)).not.toBe('allowed');
	} else {
		for (const request of mantleRequests(scenario.region, account, 'openai.gpt-oss-120b')) expect(await judge(scenario.policies, request)).not.toBe('allowed');
	}
	// Claude Code's reads: GetInferenceProfile on the chosen profiles only; ListInferenceProfiles when asked for.
	const profileArns = (targets: readonly InvocationTarget[]) => targets.flatMap((t) => (t.kind === 'foundation-model' ? [] : [t.profileArn]));
	for (const arn of profileArns(scenario.chosen))
		expect(await judge(scenario.policies, {action: 'bedrock:GetInferenceProfile', resource: arn}), `GetInferenceProfile ${arn}`).toBe(
			scenario.profileReads ? 'allowed' : 'implicitDeny',
		);
	for (const arn of profileArns(scenario.others).filter((arn) => !profileArns(scenario.chosen).includes(arn)))
		expect(await judge(scenario.policies, {action: 'bedrock:GetInferenceProfile', resource: arn}), `GetInferenceProfile not chosen ${arn}`).toBe(
			'implicitDeny',
		);
	expect(await judge(scenario.policies, {action: 'bedrock:ListInferenceProfiles', resource: '*'})).toBe(scenario.profileReads ? 'allowed' : 'implicitDeny');
}

describe('the compiled policy allows exactly the chosen models (property)', () => {
	it(`by our evaluator, ${RUNS} random catalogs and choices`, async () => {
		let judged = 0;
		let compacted = 0;
		let tooLarge = 0;
		await fc.assert(
			fc.asyncProperty(scenarioArb, async (input) => {
				const scenario = build(input);
				if (scenario === 'too-large') tooLarge++;
				if (!scenario || scenario === 'too-large') return;
				judged++;
				if (scenario.form !== 'exact') compacted++;
				await checkProperty(scenario, ours, false);
			}),
			{numRuns: RUNS, seed: Number(process.env['FC_SEED'] ?? 20261129)},
		);
		expect(judged).toBeGreaterThan(RUNS / 2);
		// Some of them needed a size-saving form (wildcard destinations, or no ids and InvokeModel*).
		expect(compacted).toBeGreaterThan(0);
		expect(tooLarge).toBeLessThan(RUNS / 4);
		recordSuite({suite: 'policy property (our evaluator)', cases: judged});
	});

	it(`by iam-simulate, ${Math.ceil(RUNS / 4)} random catalogs and choices (region-less ARNs aside: its data lacks them)`, async () => {
		const runs = Math.ceil(RUNS / 4);
		let judged = 0;
		oracleJudged.requests = 0;
		await fc.assert(
			fc.asyncProperty(scenarioArb, async (input) => {
				const scenario = build(input);
				if (!scenario || scenario === 'too-large') return;
				judged++;
				await checkProperty(scenario, oracle, true);
			}),
			{numRuns: runs, seed: Number(process.env['FC_SEED'] ?? 20261129)},
		);
		// The oracle must have judged most scenarios, and many requests in each (both actions, both token types).
		expect(judged).toBeGreaterThan(runs / 2);
		expect(oracleJudged.requests).toBeGreaterThan(judged * 8);
		recordSuite({suite: 'policy property (iam-simulate)', cases: judged});
	});
});
