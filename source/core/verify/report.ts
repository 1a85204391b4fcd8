/**
 * The verification report (docs/architecture.md, 'The CLI contract'): the `--json` output of create and check, and
 * bedrock-key-report.json. It never holds a secret: only ids, ARNs, outcomes and AWS's messages.
 */
import type {ProbeAuth, Expectation} from './probe-plan.js';
import type {ProbeFinding, ProbeOutcome} from './classify.js';
import type {CompatibleOperation} from './probe-bodies.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface ProbeResult {
	/** The id or ARN passed as modelId. */
	readonly model: string;
	/** The call made: bedrock-runtime's own, or a compatible surface's (core/verify/probe-bodies.ts). */
	readonly operation: 'Converse' | 'ConverseStream' | 'InvokeModel' | 'InvokeModelWithResponseStream' | CompatibleOperation;
	readonly auth: ProbeAuth;
	readonly expected: Expectation;
	readonly outcome: ProbeOutcome;
	readonly pass: boolean;
	readonly latencyMs: number;
	readonly attempts: number;
	readonly finding: ProbeFinding;
	/** Tokens the probe consumed (a denied probe: none; IAM refuses it before the model runs). */
	readonly tokens?: {readonly input: number; readonly output: number};
	readonly errorCode?: string;
	readonly errorMessage?: string;
	/** Plain-language cause and fix, when the probe did not pass or was not a clean answer. */
	readonly diagnosis?: string;
}

/** A key the user held before this run, and what became of it: ids and times only, never a secret. */
export interface ExistingKeyRecord {
	readonly type: 'api-key' | 'access-key';
	readonly id: string;
	readonly status: 'Active' | 'Inactive' | 'Expired';
	readonly createdAt?: string;
	readonly expiresAt?: string;
	/** `to-delete`: the run stopped after saving and before deleting it (it is still there). */
	readonly action: 'kept' | 'deleted' | 'delete-failed' | 'to-delete';
	/** Deleted before the new key was made: the user held as many as IAM allows. */
	readonly madeRoom?: boolean;
	/** Why it could not be deleted, in AWS's words. */
	readonly error?: string;
}

export type ReportTarget = {readonly kind: 'aws'} | {readonly kind: 'sandbox' | 'endpoint'; readonly endpoint: string};

export interface VerificationReport {
	readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
	readonly tool: {readonly name: 'bedrock-key-wizard'; readonly version: string};
	readonly createdAt: string;
	readonly region: string;
	readonly principal: string;
	/** Where the key's permissions come from, e.g. `inline:bedrock-key-wizard` or `attached:...`. */
	readonly policySource: string;
	readonly probes: readonly ProbeResult[];
	readonly pass: boolean;
	readonly elapsedMs: number;
	readonly notices?: readonly string[];
	/** Where the key was made: real AWS, the wizard's built-in sandbox (gone when the wizard exits), or another endpoint (--endpoint-url). */
	readonly target?: ReportTarget;
	readonly userName?: string;
	readonly keys?: ReadonlyArray<{readonly type: 'api-key' | 'short-term' | 'access-key'; readonly id?: string; readonly expiresAt?: string}>;
	/** Keys the user held before this run (an existing user), and whether they were kept or deleted. */
	readonly existingKeys?: readonly ExistingKeyRecord[];
	/** Where the policy lives (create): inline or customer managed, its size and the limit it was held to. */
	readonly policy?: {readonly type: 'inline' | 'managed'; readonly size: number; readonly limit: number; readonly names: readonly string[]};
	readonly analyzer?: {readonly findings?: ReadonlyArray<{type: string; code: string; message: string}>; readonly accessNotGranted?: 'PASS' | 'FAIL'};
}

/** A report passes when there was something to prove and every probe held. */
export const reportPasses = (probes: readonly ProbeResult[]): boolean => probes.length > 0 && probes.every((probe) => probe.pass);
