/**
 * The one retry and reconcile strategy for creates. Creating a key is not idempotent: if IAM made it but
 * the reply was lost (a dropped connection, a timeout, a 5xx after the commit), a blind retry makes a
 * second key, and nobody holds the first one's secret. So creates are tried one attempt at a time, and
 * after an `ambiguous` failure anything new that we do not hold is removed before trying again
 * (reconcile by listing). The flows rely on it (flows/ports.ts, IamPort) and never reconcile themselves.
 * The calls throw AwsFailure (aws/errors.ts), so this decides on kinds.
 */
import {isAwsFailure, isTransient} from '../core/aws-failure.js';

export interface ReconciledCreate<T> {
	readonly attempts: number;
	/** Ids that exist now (e.g. the user's API key ids). */
	list(): Promise<readonly string[]>;
	/** One attempt, no SDK retries. */
	create(): Promise<T>;
	remove(id: string): Promise<void>;
	readonly sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface OneAttemptRetry<T> {
	readonly attempts: number;
	/** One attempt, no SDK retries. */
	run(): Promise<T>;
	/** After a failure: set things right, and return a result if the failed call is found to have worked after all. */
	recover?(error: unknown, attempt: number): Promise<{readonly value: T} | undefined>;
	readonly sleep?: (ms: number) => Promise<void>;
}

/** Retries what is worth retrying (throttled, ambiguous), with backoff, giving `recover` a look first. */
export async function retryOneAttemptAtATime<T>(spec: OneAttemptRetry<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await spec.run();
		} catch (error) {
			const recovered = await spec.recover?.(error, attempt);
			if (recovered) return recovered.value;
			if (attempt >= spec.attempts || !isTransient(error)) throw error;
			await (spec.sleep ?? pause)(Math.min(2000, 100 * 2 ** attempt));
		}
	}
}

export async function createReconciled<T>(spec: ReconciledCreate<T>): Promise<T> {
	// Without permission to list, a create still works; only a lost reply can then not be reconciled.
	const list = async (): Promise<readonly string[] | undefined> => {
		try {
			return await spec.list();
		} catch (error) {
			if (isAwsFailure(error, 'refused')) return undefined;
			throw error;
		}
	};
	const listed = await list();
	const before = new Set(listed ?? []);
	return retryOneAttemptAtATime({
		attempts: spec.attempts,
		run: spec.create,
		recover: async (error) => {
			if (!listed || !isAwsFailure(error, 'ambiguous')) return undefined;
			// Reconciling is itself a few calls that may be throttled or lose a reply: tried again like the create.
			const removeNew = async (): Promise<void> => {
				for (const id of (await list()) ?? []) {
					if (before.has(id)) continue;
					await spec.remove(id).catch((failure: unknown) => {
						if (!isAwsFailure(failure, 'not-found')) throw failure;
					});
				}
			};
			try {
				await retryOneAttemptAtATime({attempts: spec.attempts, run: removeNew, ...(spec.sleep ? {sleep: spec.sleep} : {})});
			} catch {
				// Not reconciled: the caller sees the create's own ambiguous failure, which nobody repeats blindly.
				throw error;
			}
			return undefined;
		},
		...(spec.sleep ? {sleep: spec.sleep} : {}),
	});
}
