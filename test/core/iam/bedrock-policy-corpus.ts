import type {AuthorizationRequest} from '../../../source/core/iam/evaluation.js';
import type {ConditionBlock, PolicyStatement} from '../../../source/core/iam/policy-document.js';

/**
 * A seeded generator of Bedrock-shaped identity policies and requests for the differential test.
 * Everything it produces is something iam-simulate's service data knows (actions, resource types), so a
 * disagreement is about evaluation, never about unknown input.
 */

export interface CorpusCase {
	readonly index: number;
	readonly statements: PolicyStatement[][];
	readonly request: AuthorizationRequest;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const account = '123456789012';
const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
const modelIds = [
	'anthropic.claude-3-haiku-20240307-v1:0',
	'anthropic.claude-sonnet-4-20250514-v1:0',
	'amazon.titan-embed-text-v2:0',
	'meta.llama3-8b-instruct-v1:0',
	'amazon.nova-lite-v1:0',
];
const profileIds = ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'eu.amazon.nova-lite-v1:0', 'global.anthropic.claude-sonnet-4-20250514-v1:0'];

const foundationModelArn = (region: string, modelId: string) => `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
const inferenceProfileArn = (region: string, profileId: string) => `arn:aws:bedrock:${region}:${account}:inference-profile/${profileId}`;
/** The Mantle endpoint authorises inference on a project (the account's default project is `default`). */
const mantleProjectArn = (region: string, project: string) => `arn:aws:bedrock-mantle:${region}:${account}:project/${project}`;
const mantleModels = ['anthropic.claude-haiku-4-5', 'openai.gpt-oss-120b', 'qwen.qwen3-32b'];

/** Actions with the resource kinds IAM authorizes them on ('*' = no resource type). */
const actions: ReadonlyArray<{name: string; resources: ReadonlyArray<'model' | 'profile' | 'project' | '*'>}> = [
	{name: 'bedrock:InvokeModel', resources: ['model', 'model', 'profile']},
	{name: 'bedrock:InvokeModelWithResponseStream', resources: ['model', 'profile']},
	{name: 'bedrock:CallWithBearerToken', resources: ['*']},
	{name: 'bedrock:ListFoundationModels', resources: ['*']},
	{name: 'bedrock:GetFoundationModel', resources: ['model']},
	{name: 'bedrock:GetInferenceProfile', resources: ['profile']},
	{name: 'aws-marketplace:Subscribe', resources: ['*']},
	{name: 'aws-marketplace:ViewSubscriptions', resources: ['*']},
	// The Mantle endpoint's own namespace (Service Authorization Reference, bedrock-mantle).
	{name: 'bedrock-mantle:CreateInference', resources: ['project']},
	{name: 'bedrock-mantle:CallWithBearerToken', resources: ['*']},
];

const actionPatterns = [
	'bedrock:InvokeModel',
	'bedrock:InvokeModelWithResponseStream',
	'bedrock:invokemodel',
	'bedrock:Invoke*',
	'bedrock:InvokeModel*',
	'bedrock:CallWithBearerToken',
	'bedrock:List*',
	'bedrock:Get*',
	'bedrock:*',
	'bedrock:?nvokeModel',
	'aws-marketplace:Subscribe',
	'aws-marketplace:*',
	'bedrock-mantle:*',
	'bedrock-mantle:CreateInference',
	'bedrock-mantle:CallWithBearerToken',
	'bedrock-mantle:List*',
	'*',
];

export function generateCorpus(seed: number, size: number): CorpusCase[] {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const chance = (probability: number) => random() < probability;
	const some = <T>(items: readonly T[], max: number): T[] => {
		const count = 1 + Math.floor(random() * max);
		return Array.from({length: count}, () => pick(items));
	};
	const oneOrList = <T>(items: T[]): T | T[] => (items.length === 1 && chance(0.5) ? items[0]! : items);

	const resourcePattern = (): string =>
		pick([
			'*',
			foundationModelArn(pick(regions), pick(modelIds)),
			foundationModelArn(pick(regions), pick(modelIds)),
			inferenceProfileArn(pick(regions), pick(profileIds)),
			`arn:aws:bedrock:*::foundation-model/*`,
			`arn:aws:bedrock:${pick(regions)}::foundation-model/anthropic.*`,
			`arn:aws:bedrock:us-*::foundation-model/*`,
			`arn:aws:bedrock:us-?ast-1::foundation-model/*`,
			`arn:aws:bedrock:*:${account}:inference-profile/*`,
			`arn:aws:bedrock:*:*:inference-profile/us.*`,
			`arn:aws:bedrock:*::foundation-model/*-v1:0`,
			`arn:aws:bedrock:${pick(regions)}::foundation-model/\${aws:username}`,
			`arn:aws:bedrock:*:\${aws:PrincipalAccount}:inference-profile/*`,
			// A `*` ending a segment runs across the following colons (AWS "can expand to match beyond the colon boundaries").
			`arn:aws:bedrock:us-east-1:*`,
			`arn:aws:bedrock:*`,
			`arn:aws:bedrock:*:*:*`,
			mantleProjectArn(pick(regions), 'default'),
			`arn:aws:bedrock-mantle:*:*:project/*`,
		]);

	const condition = (): ConditionBlock => {
		const profile = inferenceProfileArn(pick(regions), pick(profileIds));
		const choices: Array<() => ConditionBlock> = [
			() => ({StringEquals: {'bedrock:InferenceProfileArn': chance(0.7) ? profile : [profile, inferenceProfileArn(pick(regions), pick(profileIds))]}}),
			() => ({StringLike: {'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${account}:inference-profile/${pick(['us.*', 'eu.*', 'global.*'])}`}}),
			() => ({StringNotEquals: {'bedrock:InferenceProfileArn': profile}}),
			() => ({StringEqualsIfExists: {'bedrock:InferenceProfileArn': profile}}),
			() => ({ArnLike: {'bedrock:InferenceProfileArn': `arn:aws:bedrock:*:${account}:inference-profile/*`}}),
			() => ({ArnNotEquals: {'bedrock:InferenceProfileArn': profile}}),
			() => ({Null: {'bedrock:InferenceProfileArn': pick(['true', 'false'])}}),
			() => ({StringEquals: {'bedrock:bearerTokenType': pick(['SHORT_TERM', 'LONG_TERM'])}}),
			() => ({StringEquals: {'bedrock-mantle:Model': pick(mantleModels)}}),
			() => ({StringNotLike: {'bedrock-mantle:Model': 'anthropic.*'}}),
			() => ({StringEqualsIgnoreCase: {'bedrock:bearerTokenType': 'short_term'}}),
			() => ({DateLessThan: {'aws:CurrentTime': pick(['2026-06-01T00:00:00Z', '2027-01-01T00:00:00Z', '2025-12-31'])}}),
			() => ({DateGreaterThanEquals: {'aws:CurrentTime': '2026-01-01T00:00:00Z'}}),
			() => ({StringEquals: {'aws:CalledViaLast': 'bedrock.amazonaws.com'}}),
			() => ({Bool: {'aws:SecureTransport': pick(['true', 'false'])}}),
			() => ({BoolIfExists: {'aws:MultiFactorAuthPresent': 'true'}}),
			() => ({NumericLessThan: {'aws:MultiFactorAuthAge': pick([600, '3600'])}}),
			() => ({IpAddress: {'aws:SourceIp': pick(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'])}}),
			() => ({NotIpAddress: {'aws:SourceIp': '203.0.113.0/24'}}),
			() => ({'ForAnyValue:StringEquals': {'aws:TagKeys': ['team', 'cost-center']}}),
			() => ({'ForAllValues:StringLike': {'aws:TagKeys': ['team', 'project-*']}}),
			() => ({'ForAnyValue:StringNotLike': {'aws:TagKeys': 'project-*'}}),
			() => ({StringEquals: {'aws:PrincipalTag/team': pick(['ml', '${aws:username}'])}}),
			() => ({StringLike: {'aws:userid': `AIDA*:\${aws:username}`}}),
			() => ({StringNotEqualsIfExists: {'aws:PrincipalTag/team': 'ml'}}),
			() => ({StringEquals: {'Bedrock:InferenceProfileARN': profile}}),
			() => ({'ForAllValues:StringNotEquals': {'aws:TagKeys': 'owner'}}),
			() => ({Null: {'aws:TagKeys': 'false', 'aws:SourceIp': 'true'}}),
		];
		const block: Record<string, Record<string, unknown>> = {};
		for (const make of some(choices, 2)) {
			for (const [operator, keys] of Object.entries(make())) {
				block[operator] = {...block[operator], ...keys};
			}
		}
		return block as ConditionBlock;
	};

	let sidCounter = 0;
	const statement = (): PolicyStatement => {
		// The compiler's Mantle guardrail, as it writes it, among the random statements.
		if (chance(0.08)) return {Effect: 'Deny', Action: 'bedrock-mantle:*', Resource: '*'};
		const effect = chance(0.7) ? 'Allow' : 'Deny';
		const actionList = oneOrList(some(actionPatterns, 3));
		const resourceList = oneOrList(some([resourcePattern(), resourcePattern(), resourcePattern()], 3));
		return {
			...(chance(0.2) ? {Sid: `S${(sidCounter += 1)}`} : {}),
			Effect: effect,
			...(chance(0.8) ? {Action: actionList} : {NotAction: actionList}),
			...(chance(0.75) ? {Resource: resourceList} : {NotResource: resourceList}),
			...(chance(0.45) ? {Condition: condition()} : {}),
		};
	};

	const requestFor = (): AuthorizationRequest => {
		const action = pick(actions);
		const kind = pick(action.resources);
		const region = pick(regions);
		const resource =
			kind === '*'
				? '*'
				: kind === 'model'
					? foundationModelArn(region, pick(modelIds))
					: kind === 'project'
						? mantleProjectArn(region, pick(['default', 'team-a']))
						: inferenceProfileArn(region, pick(profileIds));
		const context: Record<string, string | string[]> = {};
		if (kind === 'model' && chance(0.5)) {
			context['bedrock:InferenceProfileArn'] = inferenceProfileArn(pick(regions), pick(profileIds));
		}
		if (action.name === 'bedrock:CallWithBearerToken' && chance(0.8)) {
			context['bedrock:bearerTokenType'] = pick(['SHORT_TERM', 'LONG_TERM']);
		}
		if (action.name === 'bedrock-mantle:CallWithBearerToken' && chance(0.8)) {
			context['bedrock-mantle:BearerTokenType'] = pick(['SHORT_TERM', 'LONG_TERM']);
		}
		if (action.name === 'bedrock-mantle:CreateInference' && chance(0.8)) {
			context['bedrock-mantle:Model'] = pick(mantleModels);
		}
		if (chance(0.7)) {
			context['aws:CurrentTime'] = pick(['2025-11-30T12:00:00Z', '2026-03-15T08:30:00Z', '2026-09-01T00:00:00Z']);
		}
		if (chance(0.4)) {
			context['aws:CalledViaLast'] = pick(['bedrock.amazonaws.com', 'cloudformation.amazonaws.com']);
		}
		if (chance(0.5)) {
			context['aws:SecureTransport'] = pick(['true', 'false']);
		}
		if (chance(0.3)) {
			context['aws:MultiFactorAuthPresent'] = 'true';
			context['aws:MultiFactorAuthAge'] = pick(['120', '5000']);
		}
		if (chance(0.5)) {
			context['aws:SourceIp'] = pick(['203.0.113.25', '198.51.100.7', '192.0.2.1', '2001:db8::42', '2001:db9::1']);
		}
		if (chance(0.4)) {
			context['aws:TagKeys'] = some(['team', 'cost-center', 'project-x', 'owner'], 3);
		}
		if (chance(0.5)) {
			context['aws:PrincipalTag/team'] = pick(['ml', 'alice', 'web']);
		}
		// The caller's identity keys, present on every signed request.
		context['aws:username'] = pick(['alice', 'anthropic.claude-3-haiku-20240307-v1:0', 'bob']);
		context['aws:userid'] = `AIDAEXAMPLE:${context['aws:username']}`;
		context['aws:PrincipalAccount'] = account;
		return {action: action.name, resource, context};
	};

	return Array.from({length: size}, (_, index) => ({
		index,
		statements: Array.from({length: chance(0.3) ? 2 : 1}, () => Array.from({length: 1 + Math.floor(random() * 4)}, statement)),
		request: requestFor(),
	}));
}
