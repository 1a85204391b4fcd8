/**
 * The allow/deny matrix: every request a client of the key will make, and the models it must not reach,
 * run through the offline evaluator. A compiled policy that fails its own matrix is a bug, never shown as ready.
 */
import type {AuthorizationRequest, Decision} from '../iam/evaluation.js';
import {policyEvaluator} from '../iam/evaluate.js';
import type {NamedPolicy, PolicyDocument} from '../iam/policy-document.js';
import {Problem} from '../problem.js';
import type {BearerTokenType, CompiledPolicy, PolicyRequest} from './compile.js';
import {bearerTokenRequest, invocationRequests, type InvokeAction} from './invocation-requests.js';
import {invocationId, type InvocationTarget} from './targets.js';

export type MatrixRow =
	| {readonly kind: 'api-key'; readonly tokenType: BearerTokenType; readonly expected: 'allow' | 'deny'; readonly decision: Decision; readonly pass: boolean}
	| {
			readonly kind: 'call';
			readonly id: string;
			readonly streaming: boolean;
			readonly expected: 'allow' | 'deny';
			readonly decision: Decision;
			readonly pass: boolean;
			/** For a denial: the first request IAM refuses. */
			readonly deniedRequest?: AuthorizationRequest;
	  }
	| {
			readonly kind: 'direct';
			readonly modelId: string;
			readonly region: string;
			readonly expected: 'deny';
			readonly decision: Decision;
			readonly pass: boolean;
	  };

export interface MatrixInput {
	readonly compiled: CompiledPolicy;
	readonly request: PolicyRequest;
	/** Models that must be denied (see core/verify/deny-probes.ts). */
	readonly denyProbes: readonly InvocationTarget[];
	/** Other policies attached to the same user (e.g. a managed policy), evaluated together. */
	readonly alongside?: readonly NamedPolicy[];
	/** The documents the policy was split into, judged together instead of the whole one. */
	readonly parts?: readonly PolicyDocument[];
}

export function simulatePolicy(input: MatrixInput): readonly MatrixRow[] {
	const own: NamedPolicy[] = input.parts
		? input.parts.map((document, index) => ({name: `bedrock-key-wizard-${index + 1}`, document}))
		: [{name: 'bedrock-key-wizard', document: input.compiled.document}];
	const policies: NamedPolicy[] = [...own, ...(input.alongside ?? [])];
	// Every row judges the same policies: their statements are checked once (policyEvaluator).
	const evaluate = policyEvaluator(policies);
	const decide = (request: AuthorizationRequest): Decision => evaluate(request).decision;
	const rows: MatrixRow[] = [];

	for (const tokenType of ['LONG_TERM', 'SHORT_TERM'] as const) {
		const expected = input.request.apiKeyTypes.includes(tokenType) ? 'allow' : 'deny';
		const decision = decide(bearerTokenRequest(tokenType));
		rows.push({kind: 'api-key', tokenType, expected, decision, pass: matches(expected, decision)});
	}

	const call = (target: InvocationTarget, expected: 'allow' | 'deny'): void => {
		for (const streaming of [false, true]) {
			const action: InvokeAction = streaming ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
			const wanted = streaming && !input.request.streaming ? 'deny' : expected;
			const outcome = decideCall(invocationRequests(target, action), decide);
			rows.push({
				kind: 'call',
				id: invocationId(target),
				streaming,
				expected: wanted,
				decision: outcome.decision,
				pass: matches(wanted, outcome.decision),
				...(outcome.denied ? {deniedRequest: outcome.denied} : {}),
			});
		}
	};
	for (const target of input.request.targets) call(target, 'allow');

	// A profile's destination models must not be callable directly (only through the profile).
	const onDemandArns = new Set(input.request.targets.flatMap((t) => (t.kind === 'foundation-model' ? [t.modelArn] : [])));
	for (const target of input.request.targets) {
		if (target.kind === 'foundation-model') continue;
		for (const arn of target.destinationModelArns) {
			if (onDemandArns.has(arn)) continue;
			const region = arn.split(':')[3] ?? '';
			const modelId = arn.slice(arn.indexOf('foundation-model/') + 'foundation-model/'.length);
			const decision = decide({action: 'bedrock:InvokeModel', resource: arn});
			rows.push({kind: 'direct', modelId, region, expected: 'deny', decision, pass: decision !== 'allowed'});
		}
	}

	for (const target of input.denyProbes) call(target, 'deny');
	return rows;
}

/** A call is allowed only if IAM allows every request on its path; the first refusal decides otherwise. */
function decideCall(
	requests: readonly AuthorizationRequest[],
	decide: (request: AuthorizationRequest) => Decision,
): {decision: Decision; denied?: AuthorizationRequest} {
	for (const request of requests) {
		const decision = decide(request);
		if (decision !== 'allowed') return {decision, denied: request};
	}
	return {decision: 'allowed'};
}

const matches = (expected: 'allow' | 'deny', decision: Decision): boolean => (expected === 'allow') === (decision === 'allowed');

/** Throws when the compiled policy does not do what it was compiled for. */
export function assertMatrixHolds(rows: readonly MatrixRow[]): void {
	const failing = rows.filter((row) => !row.pass);
	if (failing.length === 0) return;
	throw new Problem('internal', (m) => {
		const name = m.problems.policy.row;
		return m.problems.policy.selfCheck(
			failing.map((row) =>
				row.kind === 'api-key' ? name.apiKey(row.tokenType) : row.kind === 'call' ? name.call(row.id, row.streaming) : name.direct(row.modelId, row.region),
			),
		);
	});
}
