/**
 * What `check` with no expectations found (docs/architecture.md, 'The create flow', check): every model tried
 * once, grouped as what the key can call, what IAM refused, and what is not usable for another reason (the
 * reason named once per group), instead of one diagnosis per model. And the case where no model was
 * considered at all: AWS rejected the key itself, so every call answers the same.
 */
import type {ProbeFinding} from './classify.js';
import type {ProbeResult} from './report.js';

/** Not usable for one reason: the models that answered so, and AWS's words of the first of them. */
export interface DiscoveryGroup {
	readonly finding: ProbeFinding;
	readonly models: readonly string[];
	readonly errorCode?: string;
	readonly errorMessage?: string;
}

export interface DiscoverySummary {
	readonly tried: number;
	readonly allowed: readonly string[];
	/** Refused by IAM: no statement of the key's policies allows the call, or a Deny matched. */
	readonly iamRefused: readonly string[];
	/** Not usable for another reason, one group per reason in the order first seen. */
	readonly other: readonly DiscoveryGroup[];
}

/** The results of discovery's probes (undefined: not answered yet) as the three groups. */
export function summarizeDiscovery(results: readonly (ProbeResult | undefined)[]): DiscoverySummary {
	const allowed: string[] = [];
	const iamRefused: string[] = [];
	const other = new Map<ProbeFinding, {models: string[]; errorCode?: string; errorMessage?: string}>();
	let tried = 0;
	for (const result of results) {
		if (!result) continue;
		tried++;
		if (result.finding === 'allowed') allowed.push(result.model);
		else if (result.finding === 'iam-denied') iamRefused.push(result.model);
		else {
			const group = other.get(result.finding);
			if (group) group.models.push(result.model);
			else
				other.set(result.finding, {
					models: [result.model],
					...(result.errorCode ? {errorCode: result.errorCode} : {}),
					...(result.errorMessage ? {errorMessage: result.errorMessage} : {}),
				});
		}
	}
	return {tried, allowed, iamRefused, other: [...other].map(([finding, group]) => ({finding, ...group}))};
}

/**
 * Findings about the key, not the model: AWS answers every call the same (an unknown, deleted or expired
 * key; bedrock:CallWithBearerToken denied to its user; a short-term key of another Region).
 */
const keyFindings: ReadonlySet<ProbeFinding> = new Set(['invalid-key', 'bearer-denied', 'region-mismatch']);

const isKeyRejection = (finding: ProbeFinding): boolean => keyFindings.has(finding);

/** AWS rejected the key itself: every call that should answer got the same finding about the key (else undefined). */
export function keyRejection(
	results: readonly (ProbeResult | undefined)[],
): {readonly finding: ProbeFinding; readonly calls: number; readonly errorMessage?: string} | undefined {
	const all = results.filter((result): result is ProbeResult => result !== undefined);
	// The calls that should have answered: a forbidden model's probe is not even tried when none did.
	const allowed = all.filter((result) => result.expected === 'allow');
	const answered = allowed.length > 0 ? allowed : all;
	const first = answered[0];
	if (!first || !isKeyRejection(first.finding) || answered.some((result) => result.finding !== first.finding)) return undefined;
	return {finding: first.finding, calls: answered.length, ...(first.errorMessage ? {errorMessage: first.errorMessage} : {})};
}
