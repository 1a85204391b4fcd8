/** From what the person asked for to a checked policy: resolve, compile, simulate, refuse if it fails. */
import type {Catalog} from '../catalog/types.js';
import type {Messages} from '../i18n/en.js';
import type {NamedPolicy} from '../iam/policy-document.js';
import {Problem} from '../problem.js';
import {chooseDenyProbes} from '../verify/deny-probes.js';
import {type BearerTokenType, type CompiledPolicy, type DestinationForm, type PolicyKind, type PolicyRequest} from './compile.js';
import {describeTargetProblem} from './explain.js';
import {placePolicy, type PolicyPlacement, type PolicyType} from './placement.js';
import {assertMatrixHolds, simulatePolicy, type MatrixRow} from './simulate.js';
import {resolveTargets, type InvocationTarget, type TargetWarning} from './targets.js';

export interface PolicyPlanInput {
	readonly catalog: Catalog;
	readonly region: string;
	readonly accountId?: string;
	readonly modelIds: readonly string[];
	readonly apiKeyTypes: readonly BearerTokenType[];
	readonly streaming: boolean;
	readonly guardrail: boolean;
	readonly expiresAt?: string;
	/** Models that must be denied; by default chosen among ACTIVE models not allowed. */
	readonly denyProbeIds?: readonly string[];
	readonly alongside?: readonly NamedPolicy[];
	/** Inline, managed, or `auto` (inline when it fits, else managed); without it, `policyKind` (default inline). */
	readonly policyType?: PolicyType;
	readonly policyKind?: PolicyKind;
	/** What is left of the user's 2,048 inline characters after its other inline policies (default 2,048). */
	readonly inlineBudget?: number;
	/** Profile destinations as one Region wildcard (default) or each Region's ARN. */
	readonly destinations?: DestinationForm;
	/** Mantle use is chosen: the chosen models are allowed there too, and the guardrail denies Mantle for the rest only (default off). */
	readonly mantle?: boolean;
	/** The client reads inference profiles (Claude Code): GetInferenceProfile on the chosen ones, ListInferenceProfiles. */
	readonly profileReads?: boolean;
}

export interface PolicyPlan {
	readonly request: PolicyRequest;
	readonly compiled: CompiledPolicy;
	/** Inline or managed, and the documents to create (several managed policies when one is not enough). */
	readonly placement: PolicyPlacement;
	readonly matrix: readonly MatrixRow[];
	readonly warnings: readonly TargetWarning[];
	readonly denyProbes: readonly InvocationTarget[];
}

export function planPolicy(input: PolicyPlanInput, messages: Messages): PolicyPlan {
	const options = {catalog: input.catalog, region: input.region, ...(input.accountId ? {accountId: input.accountId} : {})};
	const resolved = resolveTargets(input.modelIds, options);
	const denyResolved = input.denyProbeIds ? resolveTargets(input.denyProbeIds, options) : undefined;
	const problems = [...resolved.problems, ...(denyResolved?.problems ?? [])];
	if (problems.length > 0) {
		const texts = problems.map((problem) => describeTargetProblem(problem, messages));
		if (texts.length === 1) throw new Problem('usage', texts[0]![0], texts[0]![1]);
		// Several at once: each with its own fix, so nobody has to run the command once per mistake.
		throw new Problem('usage', texts.map(([message, fix]) => `${message} ${fix}`).join('\n'), messages.policy.problem.several(texts.length));
	}
	const request: PolicyRequest = {
		targets: resolved.targets,
		apiKeyTypes: input.apiKeyTypes,
		streaming: input.streaming,
		guardrail: input.guardrail,
		...(input.expiresAt ? {expiresAt: input.expiresAt} : {}),
		...(input.destinations ? {destinations: input.destinations} : {}),
		...(input.inlineBudget !== undefined ? {inlineBudget: input.inlineBudget} : {}),
		...(input.mantle ? {mantle: true} : {}),
		...(input.profileReads ? {profileReads: true} : {}),
	};
	const placement = placePolicy(request, input.policyType ?? input.policyKind ?? 'inline');
	const compiled = placement.compiled;
	const denyProbes = denyResolved?.targets ?? chooseDenyProbes({...options, chosen: resolved.targets});
	const matrix = simulatePolicy({
		compiled,
		request,
		denyProbes,
		// Split across several managed policies: the matrix judges the parts together, as IAM will.
		...(placement.parts.length > 1 ? {parts: placement.parts.map((part) => part.document)} : {}),
		...(input.alongside ? {alongside: input.alongside} : {}),
	});
	assertMatrixHolds(matrix);
	return {request: {...request, policyKind: placement.kind}, compiled, placement, matrix, warnings: resolved.warnings, denyProbes};
}
