/**
 * Live verification of a key: allowed probes first, polled with backoff while IAM propagates (bounded);
 * forbidden probes only after an allowed one has passed, since before that a refusal proves nothing.
 */
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import type {KeyCredentials} from '../../core/secret.js';
import {
	classifyAnswer,
	iamActionOf,
	isIamDenialOf,
	isMantleDenial,
	isPaymentRefusal,
	mayBePropagating,
	organisationDenial,
	outcomeOf,
	type ProbeFinding,
} from '../../core/verify/classify.js';
import {isMantleOperation} from '../../core/verify/probe-bodies.js';
import type {ProbeAuth, ProbeSpec} from '../../core/verify/probe-plan.js';
import type {ProbeResult} from '../../core/verify/report.js';
import {mapBounded, type Clock} from '../bounded.js';
import type {ProbePort} from '../ports.js';

export type VerifyEvent =
	| {readonly type: 'probe-started'; readonly index: number; readonly attempt: number}
	| {readonly type: 'probe-result'; readonly index: number; readonly result: ProbeResult; readonly final: boolean}
	| {readonly type: 'waiting-for-propagation'; readonly elapsedMs: number; readonly pending: number; readonly nextTryInMs: number};

export interface VerifyInput {
	readonly probes: readonly ProbeSpec[];
	readonly credentials: Partial<Record<ProbeAuth, KeyCredentials>>;
	readonly region: string;
	readonly port: ProbePort;
	readonly messages: Messages;
	readonly clock: Clock;
	/** How long to wait for IAM propagation in all (AWS gives no bound; ~2 minutes is the usual ceiling). */
	readonly budgetMs: number;
	readonly concurrency?: number;
	readonly onEvent?: (event: VerifyEvent) => void;
	readonly signal?: AbortSignal;
	/** Awaited before each call with the key: the front end holds the run here while it asks first (create's quit dialog). */
	readonly gate?: () => Promise<void>;
}

export interface VerifyOutcome {
	readonly results: readonly ProbeResult[];
	readonly elapsedMs: number;
}

/** Enough to run a typical plan (chosen models, streaming, two forbidden ones) in one round trip. */
const DEFAULT_CONCURRENCY = 10;

/**
 * Quick at first, then once a second: a refused call costs nothing (IAM rejects it before the model runs),
 * and a longer gap would add up to that much to every wait for propagation.
 */
const backoff = (attempt: number): number => Math.min(1000, 250 * 2 ** Math.max(0, attempt - 1));

export async function verifyKey(input: VerifyInput): Promise<VerifyOutcome> {
	const started = input.clock.now();
	const results: Array<ProbeResult | undefined> = input.probes.map(() => undefined);
	const attempts = input.probes.map(() => 0);
	// Time held at the gate (create's quit dialog) is not the key's: the budget for propagation leaves it out.
	let heldMs = 0;
	let heldUntil = started;
	const elapsed = (): number => input.clock.now() - started - heldMs;

	const runOnce = async (index: number): Promise<{result: ProbeResult; retry: boolean}> => {
		if (input.gate) {
			const before = input.clock.now();
			await input.gate();
			// Probes held together count their wait once.
			const after = input.clock.now();
			heldMs += Math.max(0, after - Math.max(before, heldUntil));
			heldUntil = Math.max(heldUntil, after);
			if (input.signal?.aborted) throw new Problem('cancelled', (m) => m.problems.run.cancelledVerifying());
		}
		const spec = input.probes[index]!;
		const credentials = input.credentials[spec.auth];
		attempts[index]! += 1;
		input.onEvent?.({type: 'probe-started', index, attempt: attempts[index]!});
		if (!credentials) throw new Error(`No ${spec.auth} credentials for probe ${spec.target}`);
		const answer = await input.port.run({target: spec.target, request: spec.request, credentials, region: input.region});
		const finding = classifyAnswer(answer);
		const outcome = outcomeOf(finding);
		// A forbidden probe passes only on IAM's own denial of this call's action on this model or profile.
		// Anything else (an unknown key, a refused bearer grant) may be the key not yet propagated.
		const pass =
			spec.expected === 'allow'
				? outcome === 'allowed'
				: isMantleOperation(spec.request.operation)
					? finding === 'iam-denied' && isMantleDenial(answer.message)
					: finding === 'iam-denied' && isIamDenialOf(answer.message, iamActionOf(spec.request.operation), [spec.target, spec.modelId ?? '']);
		let retry = false;
		if (!pass && elapsed() < input.budgetMs) {
			// A grant just removed may still be in force somewhere: a forbidden model that answers gets the same patience.
			if (mayBePropagating(finding) || (spec.expected === 'deny' && outcome === 'allowed')) retry = true;
			// A missing Marketplace subscription is not waited for here: create subscribes (and waits for AWS) before the key exists.
		}
		const result: ProbeResult = {
			...probeIdentity(spec),
			outcome,
			pass,
			latencyMs: answer.latencyMs,
			attempts: attempts[index]!,
			finding,
			...(answer.usage ? {tokens: {input: answer.usage.inputTokens, output: answer.usage.outputTokens}} : {}),
			...(answer.errorName ? {errorCode: answer.errorName} : {}),
			...(answer.message && !answer.ok ? {errorMessage: answer.message} : {}),
			...diagnosisFor(spec, finding, pass, input.messages, answer.message, input.region),
		};
		return {result, retry};
	};

	const allowIndices = input.probes.flatMap((probe, index) => (probe.expected === 'allow' ? [index] : []));
	const denyIndices = input.probes.flatMap((probe, index) => (probe.expected === 'deny' ? [index] : []));
	let pendingAllow = allowIndices;
	let pendingDeny = denyIndices;
	let anAllowedPassed = allowIndices.length === 0;
	let round = 0;
	while ((pendingAllow.length > 0 || pendingDeny.length > 0) && !input.signal?.aborted) {
		round++;
		// The forbidden probes ride along in the first round (one round trip when IAM has already
		// propagated), but a refusal only counts in a round where an allowed call has also gone through.
		const withDeny = anAllowedPassed || round === 1;
		const batch = [...pendingAllow, ...(withDeny ? pendingDeny : [])];
		const outcomes = await mapBounded(batch, input.concurrency ?? DEFAULT_CONCURRENCY, async (index) => ({index, ...(await runOnce(index))}));
		anAllowedPassed ||= outcomes.some(({index, result}) => input.probes[index]!.expected === 'allow' && result.pass);
		const nextAllow: number[] = [];
		const nextDeny: number[] = withDeny ? [] : pendingDeny;
		for (const {index, result, retry} of outcomes) {
			const isAllow = input.probes[index]!.expected === 'allow';
			if (!isAllow && !anAllowedPassed) {
				nextDeny.push(index);
				continue;
			}
			results[index] = result;
			input.onEvent?.({type: 'probe-result', index, result, final: !retry});
			if (retry) (isAllow ? nextAllow : nextDeny).push(index);
		}
		pendingAllow = nextAllow;
		pendingDeny = nextDeny;
		// Every allowed probe has its final answer and none passed: a refusal now would prove nothing.
		if (!anAllowedPassed && pendingAllow.length === 0) break;
		// An allowed call just went through and the forbidden ones have not run since: run them now.
		const denyDue = anAllowedPassed && !withDeny;
		if (!denyDue && (pendingAllow.length > 0 || pendingDeny.length > 0)) {
			const wait = Math.min(backoff(round), Math.max(0, input.budgetMs - elapsed()));
			input.onEvent?.({type: 'waiting-for-propagation', elapsedMs: elapsed(), pending: pendingAllow.length + pendingDeny.length, nextTryInMs: wait});
			await input.clock.sleep(wait);
		}
	}
	if (!anAllowedPassed) {
		for (const index of denyIndices) {
			const spec = input.probes[index]!;
			const [message, fix] = input.messages.verify.notJudged;
			results[index] = {
				...probeIdentity(spec),
				outcome: 'error',
				pass: false,
				latencyMs: 0,
				attempts: attempts[index]!,
				finding: 'other',
				diagnosis: `${message} ${fix}`,
			};
			input.onEvent?.({type: 'probe-result', index, result: results[index]!, final: true});
		}
	}
	return {results: results.map((result) => result!), elapsedMs: elapsed()};
}

/** What a result says about the probe it answers. */
const probeIdentity = (spec: ProbeSpec): Pick<ProbeResult, 'model' | 'operation' | 'auth' | 'expected'> => ({
	model: spec.target,
	operation: spec.request.operation,
	auth: spec.auth,
	expected: spec.expected,
});

function diagnosisFor(
	spec: ProbeSpec,
	finding: ProbeFinding,
	pass: boolean,
	messages: Messages,
	errorMessage: string | undefined,
	region: string,
): {diagnosis?: string} {
	if (pass && (finding === 'allowed' || finding === 'iam-denied')) return {};
	if (!pass && finding === 'allowed') {
		const [message, fix] = messages.verify.unexpectedAllow(spec.target);
		return {diagnosis: `${message} ${fix}`};
	}
	if (finding === 'org-denied') {
		const denial = organisationDenial(errorMessage);
		const [message, fix] = messages.verify.organisationDenied(
			denial?.guardrail ?? 'service control policy',
			denial?.action ?? iamActionOf(spec.request.operation),
			denial?.region ?? region,
			// A refusal of the key's sign-in (CallWithBearerToken, no resource) is not about the profile's destinations.
			spec.target !== spec.modelId && denial?.resource !== undefined,
			denial?.explicit ?? true,
		);
		return {diagnosis: `${message} ${fix}`};
	}
	const [message, fix] =
		!pass && spec.expected === 'deny' && finding === 'iam-denied'
			? messages.verify.deniedOther
			: // A subscription AWS could not complete: the account's payment method, not a missing subscription (docs/aws-facts.md).
				finding === 'marketplace' && isPaymentRefusal(errorMessage)
				? messages.verify.marketplacePayment
				: messages.verify.finding[finding];
	return {diagnosis: fix ? `${message} ${fix}` : message};
}
