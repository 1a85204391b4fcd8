/**
 * The least-privilege policy compiler (docs/architecture.md, 'The policy compiler'). Deterministic: the same request
 * always gives the same document, byte for byte (statement order, Sids, sorted ARNs, 2-space JSON).
 */
import type {PolicyDocument, PolicyStatement} from '../iam/policy-document.js';
import {Problem} from '../problem.js';
import {mantleModelId} from '../catalog/mantle.js';
import {MANTLE_MODEL_CONTEXT_KEY, PROFILE_CONTEXT_KEY} from './invocation-requests.js';
import {invocationId, type InvocationTarget} from './targets.js';
import {compareText} from '../text-order.js';

export type BearerTokenType = 'LONG_TERM' | 'SHORT_TERM';

export interface PolicyRequest {
	readonly targets: readonly InvocationTarget[];
	/** Which API keys may authenticate; empty when the user gets only an access key (SigV4). */
	readonly apiKeyTypes: readonly BearerTokenType[];
	readonly streaming: boolean;
	/** The explicit Deny of every other model (default on). */
	readonly guardrail: boolean;
	/** ISO 8601 time after which every Bedrock call is denied. */
	readonly expiresAt?: string;
	/** Where the document will live, which sets its size limit (default inline). */
	readonly policyKind?: PolicyKind;
	/**
	 * For an inline policy: the characters left of IAM's 2,048, which all inline policies of a user share
	 * (an existing user's other inline policies count). Default: all 2,048.
	 */
	readonly inlineBudget?: number;
	/**
	 * How a profile's destination models are written (default `any-region`): one Region wildcard scoped by
	 * `bedrock:InferenceProfileArn`, which stays right when AWS adds a Region to the profile; or `exact`, each
	 * destination Region's ARN as the catalog lists it today, which fails calls routed to a Region added later.
	 */
	readonly destinations?: DestinationForm;
	/**
	 * Mantle use is chosen (default off): the chosen models are allowed on the Mantle endpoint too
	 * (`bedrock-mantle:CreateInference` scoped by `bedrock-mantle:Model` to their Mantle ids, and
	 * `bedrock-mantle:CallWithBearerToken` for API keys), and the guardrail denies Mantle inference for every
	 * other model instead of all of Mantle.
	 */
	readonly mantle?: boolean;
	/**
	 * The client reads inference profiles (Claude Code does, docs/aws-facts.md, 'Clients'): allow
	 * `bedrock:GetInferenceProfile` on the chosen profiles and `bedrock:ListInferenceProfiles` (which has
	 * no resource type, so only `*`). Default off.
	 */
	readonly profileReads?: boolean;
}

export type DestinationForm = 'any-region' | 'exact';

/** Why each statement is there, for the explanation (one entry per statement, same order). */
export type StatementPurpose =
	| {readonly role: 'api-key'; readonly tokenTypes: readonly BearerTokenType[]}
	| {readonly role: 'invoke-models'; readonly modelIds: readonly string[]; readonly streaming: boolean}
	| {readonly role: 'invoke-profiles'; readonly profileIds: readonly string[]; readonly streaming: boolean}
	| {
			readonly role: 'profile-destinations';
			readonly profileId: string;
			readonly modelId: string;
			readonly regions: readonly string[];
			readonly regionless: boolean;
			/** One Region wildcard scoped by the profile (`any-region`), or each destination ARN (`exact`). */
			readonly form: DestinationForm;
	  }
	| {readonly role: 'profile-models-any-region'; readonly profileIds: readonly string[]; readonly modelIds: readonly string[]}
	| {readonly role: 'guardrail'}
	| {readonly role: 'guardrail-profiles'; readonly profileIds: readonly string[]}
	| {readonly role: 'guardrail-mantle'}
	| {readonly role: 'mantle-api-key'}
	| {readonly role: 'mantle-inference'; readonly mantleIds: readonly string[]}
	| {readonly role: 'guardrail-mantle-models'; readonly mantleIds: readonly string[]}
	| {readonly role: 'read-profiles'; readonly profileIds: readonly string[]}
	| {readonly role: 'list-profiles'}
	| {readonly role: 'expiry'; readonly expiresAt: string};

export interface CompiledPolicy {
	readonly document: PolicyDocument;
	/** The document as written to policy.json and sent to IAM: 2-space JSON with a final newline. */
	readonly json: string;
	readonly purposes: readonly StatementPurpose[];
	/** IAM counts the size of a policy without whitespace. */
	readonly size: number;
	/** A size-saving form was needed (profiles merged into one statement, or no Sids and `bedrock:InvokeModel*`). */
	readonly compacted: boolean;
}

/** IAM quota: an inline user policy holds at most 2,048 characters, whitespace not counted. */
export const INLINE_USER_POLICY_LIMIT = 2048;
/** IAM quota: a customer managed policy holds at most 6,144 characters, whitespace not counted. */
export const MANAGED_POLICY_LIMIT = 6144;

export type PolicyKind = 'inline' | 'managed';

/** A policy document as shown (pretty JSON) and its size as IAM counts it (without whitespace). */
export function renderDocument(statements: readonly PolicyStatement[]): Pick<CompiledPolicy, 'document' | 'json' | 'size'> {
	const document: PolicyDocument = {Version: '2012-10-17', Statement: [...statements]};
	return {document, json: `${JSON.stringify(document, null, 2)}\n`, size: JSON.stringify(document).length};
}

/** The statements of a document, whose Statement may be one statement or a list. */
export const statementsOf = (document: PolicyDocument): PolicyStatement[] =>
	(Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as PolicyStatement[];

const INVOKE = 'bedrock:InvokeModel';
const INVOKE_STREAM = 'bedrock:InvokeModelWithResponseStream';
/** Every action of the Mantle endpoint, CreateInference and CallWithBearerToken among them. */
export const MANTLE_ALL = 'bedrock-mantle:*';
const MANTLE_BEARER = 'bedrock-mantle:CallWithBearerToken';
const MANTLE_INFERENCE = 'bedrock-mantle:CreateInference';

/**
 * The Mantle projects of the targets' Region and account (any project: the account's default one is
 * `default`); the account is `*` when no target names it (on-demand models only). The models are held by
 * the `bedrock-mantle:Model` condition, not by the resource.
 */
function mantleProjectArn(targets: readonly InvocationTarget[]): string {
	const arns = targets.map((t) => (t.kind === 'foundation-model' ? t.modelArn : t.profileArn));
	const region = arns.map((arn) => arn.split(':')[3] ?? '').find(Boolean) ?? '*';
	const account = targets.flatMap((t) => (t.kind === 'foundation-model' ? [] : [t.profileArn.split(':')[4] ?? ''])).find(Boolean) ?? '*';
	return `arn:aws:bedrock-mantle:${region}:${account}:project/*`;
}

/** The one refusal of the compiler that is about the choice, not a bug: no form of the policy fits IAM's limit. */
export class PolicyTooLarge extends Problem {
	constructor(
		readonly size: number,
		readonly limit: number,
		models: number,
		managed: boolean,
	) {
		super('usage', (m) => m.problems.policy.tooLarge(models, size, limit, managed));
	}
}

export function compilePolicy(request: PolicyRequest): CompiledPolicy {
	checkRequest(request);
	const limit = request.policyKind === 'managed' ? MANAGED_POLICY_LIMIT : Math.min(INLINE_USER_POLICY_LIMIT, request.inlineBudget ?? INLINE_USER_POLICY_LIMIT);
	const forms = compactionForms(request);
	for (const [index, form] of forms.entries()) {
		const compiled = compileForm(request, form);
		if (compiled.size <= limit) return compiled;
		if (index === forms.length - 1) throw new PolicyTooLarge(compiled.size, limit, request.targets.length, request.policyKind === 'managed');
	}
	throw new Error('unreachable');
}

function checkRequest(request: PolicyRequest): void {
	if (request.targets.length === 0) throw new Problem('usage', (m) => m.problems.policy.noModel());
	if (request.expiresAt !== undefined && Number.isNaN(Date.parse(request.expiresAt))) {
		const expiresAt = request.expiresAt;
		throw new Problem('usage', (m) => m.problems.policy.expiryNotDate(expiresAt));
	}
}

/**
 * The forms tried in turn until one fits IAM's limit. The Region wildcard is the default, so what is left
 * to save is the per-profile statements (merged into one) and the Sids (with `bedrock:InvokeModel*`).
 * An exact destination list is what was asked for, so it is never folded into the wildcard behind the
 * person's back: it only loses its Sids, then is refused.
 */
export type CompiledForm = 'any-region' | 'exact' | 'merged' | 'minimal-merged' | 'minimal-exact';

export const compactionForms = (request: PolicyRequest): readonly CompiledForm[] =>
	request.destinations === 'exact' ? ['exact', 'minimal-exact'] : ['any-region', 'merged', 'minimal-merged'];

/** One form of the policy, whatever its size. */
export function compileForm(request: PolicyRequest, form: CompiledForm): CompiledPolicy {
	checkRequest(request);
	switch (form) {
		case 'minimal-merged':
			return minimal(build(request, 'merged'));
		case 'minimal-exact':
			return minimal(build(request, 'exact'));
		default:
			return build(request, form);
	}
}

type BuildLevel = 'exact' | 'any-region' | 'merged';

const INVOKE_BOTH = [INVOKE, INVOKE_STREAM].join(',');

/**
 * The last resort before refusing: statement ids are optional, and `bedrock:InvokeModel*` names the two
 * invoke actions (plus the bidirectional stream) on the same chosen resources, in a quarter of the space.
 * Every Deny, condition and resource stays as it was, so what is allowed and denied does not change for
 * the calls the policy is for (the property test holds this level to the same bar).
 */
function minimal(compiled: CompiledPolicy): CompiledPolicy {
	const slim = statementsOf(compiled.document).map(({Sid: _sid, ...statement}) =>
		Array.isArray(statement.Action) && statement.Action.join(',') === INVOKE_BOTH ? {...statement, Action: 'bedrock:InvokeModel*'} : statement,
	);
	return {...compiled, ...renderDocument(slim), compacted: true};
}

function build(request: PolicyRequest, level: BuildLevel): CompiledPolicy {
	const targets = [...request.targets].sort((a, b) => compareText(invocationId(a), invocationId(b)));
	const actions = request.streaming ? [INVOKE, INVOKE_STREAM] : [INVOKE];
	const statements: PolicyStatement[] = [];
	const purposes: StatementPurpose[] = [];
	const add = (statement: PolicyStatement, purpose: StatementPurpose): void => {
		statements.push(statement);
		purposes.push(purpose);
	};

	if (request.apiKeyTypes.length > 0) {
		const tokenTypes = [...new Set(request.apiKeyTypes)].sort();
		add(
			{
				Sid: 'AllowApiKeyAuthentication',
				Effect: 'Allow',
				Action: 'bedrock:CallWithBearerToken',
				// No resource type: a statement naming model ARNs here would never match (the article's mistake).
				Resource: '*',
				Condition: {StringEquals: {'bedrock:bearerTokenType': oneOrMany(tokenTypes)}},
			},
			{role: 'api-key', tokenTypes},
		);
	}

	const onDemand = targets.filter((t) => t.kind === 'foundation-model');
	if (onDemand.length > 0) {
		add(
			{Sid: 'InvokeChosenModels', Effect: 'Allow', Action: actions, Resource: sortedUnique(onDemand.map((t) => t.modelArn))},
			{role: 'invoke-models', modelIds: onDemand.map((t) => t.model.modelId), streaming: request.streaming},
		);
	}

	const viaProfile = targets.filter((t) => t.kind !== 'foundation-model');
	if (viaProfile.length > 0) {
		add(
			{Sid: 'InvokeChosenInferenceProfiles', Effect: 'Allow', Action: actions, Resource: sortedUnique(viaProfile.map((t) => t.profileArn))},
			{role: 'invoke-profiles', profileIds: viaProfile.map(invocationId), streaming: request.streaming},
		);
	}
	if (level === 'merged' && viaProfile.length > 0) {
		// Smallest form: one statement for every profile. A profile only ever routes to its own model,
		// so pairing any listed model with any listed profile allows nothing more.
		const modelIds = sortedUnique(viaProfile.map(profileModelId));
		add(
			{
				Sid: 'InvokeModelsThroughChosenProfiles',
				Effect: 'Allow',
				Action: actions,
				Resource: modelIds.map(anyRegionModelArn),
				Condition: {StringEquals: {[PROFILE_CONTEXT_KEY]: sortedUnique(viaProfile.map((t) => t.profileArn))}},
			},
			{role: 'profile-models-any-region', profileIds: viaProfile.map(invocationId), modelIds},
		);
	}
	for (const target of level === 'merged' ? [] : viaProfile) {
		const modelId = profileModelId(target);
		const form: DestinationForm = level === 'exact' ? 'exact' : 'any-region';
		// `arn:aws:bedrock:*::` also matches the region-less ARN a global profile needs, since * matches nothing too.
		const resources =
			form === 'any-region'
				? [anyRegionModelArn(modelId)]
				: sortedUnique([...target.destinationModelArns, ...(target.regionlessModelArn ? [target.regionlessModelArn] : [])]);
		add(
			{
				Sid: `InvokeDestinationsOf${sidPart(invocationId(target))}`,
				Effect: 'Allow',
				Action: actions,
				Resource: resources,
				// Only through this profile: the same model ARNs called directly stay denied.
				Condition: {StringEquals: {[PROFILE_CONTEXT_KEY]: target.profileArn}},
			},
			{
				role: 'profile-destinations',
				profileId: invocationId(target),
				modelId,
				regions: target.destinationModelArns.map((arn) => arn.split(':')[3] ?? ''),
				regionless: target.regionlessModelArn !== undefined,
				form,
			},
		);
	}

	if (request.profileReads === true) {
		// Only system and application profiles have ARNs to read; ListInferenceProfiles has no resource type.
		if (viaProfile.length > 0)
			add(
				{
					Sid: 'ReadChosenInferenceProfiles',
					Effect: 'Allow',
					Action: 'bedrock:GetInferenceProfile',
					Resource: sortedUnique(viaProfile.map((t) => t.profileArn)),
				},
				{role: 'read-profiles', profileIds: viaProfile.map(invocationId)},
			);
		add({Sid: 'ListInferenceProfiles', Effect: 'Allow', Action: 'bedrock:ListInferenceProfiles', Resource: '*'}, {role: 'list-profiles'});
	}

	const mantleIds = request.mantle === true ? sortedUnique(targets.map((t) => mantleModelId(t.model?.modelId ?? invocationId(t)))) : [];
	if (request.mantle === true) {
		if (request.apiKeyTypes.length > 0)
			// No condition on the token type: the values of bedrock-mantle:BearerTokenType are not confirmed.
			add({Sid: 'AllowMantleApiKeyAuthentication', Effect: 'Allow', Action: MANTLE_BEARER, Resource: '*'}, {role: 'mantle-api-key'});
		add(
			{
				Sid: 'InvokeChosenModelsOnMantle',
				Effect: 'Allow',
				Action: MANTLE_INFERENCE,
				Resource: mantleProjectArn(targets),
				Condition: {StringEquals: {[MANTLE_MODEL_CONTEXT_KEY]: oneOrMany(mantleIds)}},
			},
			{role: 'mantle-inference', mantleIds},
		);
	}

	if (request.guardrail) addGuardrail(onDemand, viaProfile, add);
	if (request.guardrail && request.mantle === true) {
		// Every Mantle action that names a model (inference, token counts, fine-tuning) is denied for any other
		// model, whatever a broad policy attached later allows; the Null test keeps actions without a model
		// (CallWithBearerToken, ListModels) out of it, since StringNotEquals also matches an absent key.
		add(
			{
				Sid: 'DenyOtherModelsOnMantle',
				Effect: 'Deny',
				Action: MANTLE_ALL,
				Resource: '*',
				Condition: {
					StringNotEquals: {[MANTLE_MODEL_CONTEXT_KEY]: oneOrMany(mantleIds)},
					Null: {[MANTLE_MODEL_CONTEXT_KEY]: 'false'},
				},
			},
			{role: 'guardrail-mantle-models', mantleIds},
		);
	}
	if (request.guardrail && request.mantle !== true) {
		// API keys also work on the Mantle endpoint, authorised by its own namespace: a broad policy attached
		// later (AmazonBedrockFullAccess grants bedrock-mantle:*) would open every Mantle model to the key.
		add({Sid: 'DenyBedrockMantle', Effect: 'Deny', Action: MANTLE_ALL, Resource: '*'}, {role: 'guardrail-mantle'});
	}
	if (request.expiresAt !== undefined) {
		const expiresAt = new Date(request.expiresAt).toISOString().replace('.000Z', 'Z');
		add(
			{
				Sid: 'DenyAfterExpiry',
				Effect: 'Deny',
				// Both endpoints: bedrock-runtime (bedrock:*) and Mantle (bedrock-mantle:*).
				Action: ['bedrock:*', MANTLE_ALL],
				Resource: '*',
				Condition: {DateGreaterThan: {'aws:CurrentTime': expiresAt}},
			},
			{role: 'expiry', expiresAt},
		);
	}

	return {...renderDocument(statements), purposes, compacted: level === 'merged'};
}

type OnDemandTarget = Extract<InvocationTarget, {kind: 'foundation-model'}>;
type ProfileTarget = Exclude<InvocationTarget, {kind: 'foundation-model'}>;

/**
 * Two explicit Denies, so a broad policy attached later (AmazonBedrockFullAccess) cannot widen the key:
 * every model or profile not chosen is denied; and the models behind a chosen profile are denied unless
 * the call comes through one of the chosen profiles. The second is what lets the first leave those models
 * out in every Region with one wildcard ARN each, which keeps the policy small.
 */
function addGuardrail(
	onDemand: readonly OnDemandTarget[],
	viaProfile: readonly ProfileTarget[],
	add: (statement: PolicyStatement, purpose: StatementPurpose) => void,
): void {
	const onDemandArns = new Set(onDemand.map((t) => t.modelArn));
	const onDemandModels = new Set(onDemand.map((t) => t.model.modelId));
	const profileModelArns = viaProfile.flatMap((target) => {
		const modelId = profileModelId(target);
		// A model also chosen by id here must stay callable directly in this Region: list its other ARNs exactly.
		if (!onDemandModels.has(modelId)) return [anyRegionModelArn(modelId)];
		return [...target.destinationModelArns, ...(target.regionlessModelArn ? [target.regionlessModelArn] : [])].filter((arn) => !onDemandArns.has(arn));
	});
	add(
		{
			Sid: 'DenyEveryOtherModel',
			Effect: 'Deny',
			// InvokeModel* also covers the streaming and bidirectional APIs a broad policy might allow.
			Action: 'bedrock:InvokeModel*',
			NotResource: sortedUnique([...onDemandArns, ...viaProfile.map((t) => t.profileArn), ...profileModelArns]),
		},
		{role: 'guardrail'},
	);
	if (profileModelArns.length === 0) return;
	add(
		{
			Sid: 'DenyProfileModelsOutsideTheirProfiles',
			Effect: 'Deny',
			Action: 'bedrock:InvokeModel*',
			Resource: sortedUnique(profileModelArns),
			// StringNotEquals also matches when the key is absent, i.e. a direct call.
			Condition: {StringNotEquals: {[PROFILE_CONTEXT_KEY]: sortedUnique(viaProfile.map((t) => t.profileArn))}},
		},
		{role: 'guardrail-profiles', profileIds: viaProfile.map(invocationId)},
	);
}

const anyRegionModelArn = (modelId: string): string => `arn:aws:bedrock:*::foundation-model/${modelId}`;

const profileModelId = (target: ProfileTarget): string => target.model?.modelId ?? modelIdOfArn(target.destinationModelArns[0] ?? '');

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();
/** A condition's values: one value alone, as IAM's examples write it, else the list. */
const oneOrMany = (values: readonly string[]): string | readonly string[] => (values.length === 1 ? values[0]! : values);

const modelIdOfArn = (arn: string): string => arn.slice(arn.indexOf('foundation-model/') + 'foundation-model/'.length);

/** Sids are alphanumeric: `us.anthropic.claude-haiku-4-5-20251001-v1:0` -> `UsAnthropicClaudeHaiku4520251001V10`. */
function sidPart(id: string): string {
	const tail = id.includes('application-inference-profile/') ? `App${id.split('/').pop() ?? ''}` : id;
	return tail
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((part) => part[0]!.toUpperCase() + part.slice(1))
		.join('');
}
