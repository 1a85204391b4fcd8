/**
 * The live checks for a key: each chosen model through the id a client will use (must answer), and
 * models that must be refused. Each probe is the cheapest call that proves access (docs/aws-facts.md, 'Model request bodies').
 */
import type {ModelKind} from '../catalog/types.js';
import {invocationId, type InvocationTarget} from '../policy/targets.js';
import {probeRequest, type ProbeRequest} from './probe-bodies.js';
import {surfaceProbe, type Surface} from './surfaces.js';
import {compareText} from '../text-order.js';

export type ProbeAuth = 'api-key' | 'sigv4';
export type Expectation = 'allow' | 'deny';

export interface ProbeSpec {
	/** The model id, profile id or ARN passed as `modelId`. */
	readonly target: string;
	/** The foundation model behind it, where known. */
	readonly modelId?: string;
	readonly kind?: ModelKind;
	readonly request: ProbeRequest;
	readonly auth: ProbeAuth;
	readonly expected: Expectation;
}

export interface ProbePlanInput {
	readonly allowed: readonly InvocationTarget[];
	readonly denied: readonly InvocationTarget[];
	readonly auth: readonly ProbeAuth[];
	/** Also prove the streaming APIs for models that stream (when the policy allows them). */
	readonly streaming: boolean;
	/**
	 * The surfaces the key's clients use (default: bedrock-runtime's Converse/InvokeModel only). The
	 * compatible ones and Mantle are probed with the API key, for each model the surface serves, allowed and
	 * forbidden alike.
	 */
	readonly surfaces?: readonly Surface[];
	/** Mantle was not chosen: prove the key is refused there (one chosen chat model, with the API key). */
	readonly mantleRefused?: boolean;
}

export function planProbes(input: ProbePlanInput): readonly ProbeSpec[] {
	const probes: ProbeSpec[] = [];
	// In id order, like the policy: the same choices give the same report whatever order they were picked in.
	const byId = (targets: readonly InvocationTarget[]): InvocationTarget[] => [...targets].sort((a, b) => compareText(invocationId(a), invocationId(b)));
	for (const auth of input.auth) {
		for (const target of byId(input.allowed)) {
			probes.push(spec(target, auth, 'allow', false));
			if (input.streaming && target.model?.streaming && target.model.kind === 'chat') probes.push(spec(target, auth, 'allow', true));
		}
	}
	// Denials are the same whichever way the key signs in; one auth mode is enough, the first.
	const auth = input.auth[0];
	if (auth) for (const target of byId(input.denied)) probes.push(spec(target, auth, 'deny', false));
	// The other surfaces take API keys (their clients send nothing else), each model it serves, allowed then forbidden.
	if (input.auth.includes('api-key')) {
		for (const surface of (input.surfaces ?? []).filter((s): s is Exclude<Surface, 'runtime'> => s !== 'runtime')) {
			for (const [targets, expected] of [
				[input.allowed, 'allow'],
				[input.denied, 'deny'],
			] as const) {
				for (const target of byId(targets)) {
					const probe = surfaceProbe(surface, target);
					if (probe) probes.push({...probe, ...modelOf(target), auth: 'api-key', expected});
				}
			}
		}
		if (input.mantleRefused && !input.surfaces?.includes('mantle')) {
			const served = byId(input.allowed)
				.map((target) => ({target, probe: surfaceProbe('mantle', target)}))
				.find(({probe}) => probe !== undefined);
			if (served?.probe) probes.push({...served.probe, ...modelOf(served.target), auth: 'api-key', expected: 'deny'});
		}
	}
	return probes;
}

const modelOf = (target: InvocationTarget): Pick<ProbeSpec, 'modelId' | 'kind'> =>
	target.model ? {modelId: target.model.modelId, kind: target.model.kind} : {};

function spec(target: InvocationTarget, auth: ProbeAuth, expected: Expectation, streaming: boolean): ProbeSpec {
	const id = invocationId(target);
	return {
		target: id,
		...(target.model ? {modelId: target.model.modelId, kind: target.model.kind} : {}),
		request: probeRequest(target.model, streaming),
		auth,
		expected,
	};
}
