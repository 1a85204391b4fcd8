/**
 * Differential test: our evaluator against @cloud-copilot/iam-simulate (AGPL-3.0; imported only here, in
 * test/, never from source/) on a seeded corpus of Bedrock policies and requests. Each disagreement is
 * either a bug of ours (fixed) or a documented case class where iam-simulate departs from AWS's
 * documentation (listed in `excludedCaseClasses` below, with the AWS text).
 */
import {describe, expect, it} from 'vitest';
import {evaluatePolicies} from '../../../source/core/iam/index.js';
import type {AuthorizationRequest, Decision} from '../../../source/core/iam/evaluation.js';
import type {NamedPolicy} from '../../../source/core/iam/policy-document.js';
import {generateCorpus, type CorpusCase} from './bedrock-policy-corpus.js';
import {askIamSimulate} from '../../helpers/iam-simulate.js';

const corpusSize = 640;
const seed = 20_260_917;

function policiesOf(corpusCase: CorpusCase): NamedPolicy[] {
	return corpusCase.statements.map((statements, index) => ({name: `policy-${index}`, document: {Version: '2012-10-17', Statement: statements}}));
}

function withoutKeys(request: AuthorizationRequest, keys: readonly string[]): AuthorizationRequest {
	const dropped = new Set(keys.map((key) => key.toLowerCase()));
	const context = Object.fromEntries(Object.entries(request.context ?? {}).filter(([key]) => !dropped.has(key.toLowerCase())));
	return {...request, context};
}

/**
 * Case classes where iam-simulate departs from AWS's documentation. The generator does not produce
 * them, so this list documents why, and the hand-written tests pin our (AWS-documented) behaviour:
 * - Epoch dates: AWS: date operators take "one of the W3C implementations of the ISO 8601 date formats or
 *   ... epoch (UNIX) time" (seconds). iam-simulate reads an epoch value as milliseconds
 *   (DateLessThan 1800000000 = 1970-01-21 there, 2027-01-15 in AWS).
 * - `ForAnyValue:<op>IfExists` on a missing key: AWS: "If the key is not present, evaluate the condition
 *   element as true" (IfExists); iam-simulate returns false (ForAnyValue's missing-key rule wins there).
 * - NotResource entries that are short ARNs (fewer than six colon-separated parts, e.g. `arn:aws:bedrock:us-east-1:*`).
 *   AWS: a `*` that "is the last character of a resource ARN segment ... can expand to match beyond the
 *   colon boundaries", so such an entry is an ordinary pattern, and "NotResource ... explicitly matches
 *   every resource except those specified". iam-simulate never lets a non-matching short ARN count as
 *   "not listed" (its expanded-short-ARN mismatch is not invertible), so NotResource never applies there.
 *   The generator does produce these (in Resource as well); cases with one in NotResource are skipped by
 *   `iamSimulateMisreadsNotResource` and counted, and the hand-written tests pin AWS's behaviour.
 * - Region-less foundation-model ARNs (`arn:aws:bedrock:::foundation-model/<id>`, used by global
 *   profiles): iam-simulate's service data rejects them ("no.resource.types"), so they are not generated.
 */

function iamSimulateMisreadsNotResource(corpusCase: CorpusCase): boolean {
	return corpusCase.statements.flat().some((statement) => {
		const entries = statement.NotResource === undefined ? [] : typeof statement.NotResource === 'string' ? [statement.NotResource] : statement.NotResource;
		return entries.some((entry) => entry.startsWith('arn:') && entry.split(':').length < 6);
	});
}

describe('differential: evaluatePolicies agrees with iam-simulate', () => {
	const corpus = generateCorpus(seed, corpusSize);

	it(`decides all ${corpusSize} generated Bedrock cases as iam-simulate does`, async () => {
		const disagreements: string[] = [];
		const decisions: Record<Decision, number> = {allowed: 0, explicitDeny: 0, implicitDeny: 0};
		let skipped = 0;
		for (const corpusCase of corpus) {
			if (iamSimulateMisreadsNotResource(corpusCase)) {
				skipped += 1;
				continue;
			}
			const policies = policiesOf(corpusCase);
			const oracle = await askIamSimulate(policies, corpusCase.request);
			const request = withoutKeys(corpusCase.request, oracle.ignoredContextKeys);
			const ours = evaluatePolicies(policies, request);
			decisions[ours.decision] += 1;
			if (ours.decision !== oracle.decision) {
				disagreements.push(
					`#${corpusCase.index}: ours=${ours.decision} iam-simulate=${oracle.decision}\n${JSON.stringify({policies: corpusCase.statements, request}, null, 1)}`,
				);
			}
		}
		expect(disagreements.slice(0, 5).join('\n\n')).toBe('');
		// The documented exclusion must stay a small slice: at least 500 cases are really compared.
		expect(corpusSize - skipped).toBeGreaterThanOrEqual(500);
		// A corpus where one decision dominates proves little: every outcome must be well represented.
		expect(decisions.allowed).toBeGreaterThan(corpusSize / 10);
		expect(decisions.explicitDeny).toBeGreaterThan(corpusSize / 10);
		expect(decisions.implicitDeny).toBeGreaterThan(corpusSize / 10);
	});

	it('is deterministic for a seed', () => {
		expect(generateCorpus(seed, 20)).toEqual(generateCorpus(seed, 20));
		expect(generateCorpus(seed + 1, 20)).not.toEqual(generateCorpus(seed, 20));
	});
});
