/**
 * What a runner reports when a step throws: one rule for every flow. A Problem stays as it is; an
 * AwsFailure (core/aws-failure.ts) becomes exit 3 in AWS's words; anything else is a bug.
 */
import {AwsFailure, failureProblem, type Localized} from '../core/aws-failure.js';
import {Problem} from '../core/problem.js';

/** `refusalFix`: the advice when AWS refused the call (the flow knows what permission it needed). */
export function asProblem(error: unknown, signal: AbortSignal | undefined, refusalFix?: Localized): Problem {
	if (error instanceof Problem) return error;
	if (signal?.aborted) return new Problem('cancelled', (messages) => messages.problems.run.cancelled());
	if (error instanceof AwsFailure) return failureProblem(error, refusalFix ? {fix: refusalFix} : {});
	const message = (error as Error | undefined)?.message ?? String(error);
	return new Problem('internal', (messages) => messages.problems.run.internal(message), {cause: error});
}
