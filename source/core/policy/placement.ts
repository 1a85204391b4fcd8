/**
 * Where the policy lives in IAM, and in how many documents: an inline user policy (2,048 characters), one
 * customer managed policy (6,144), or, beyond that, several managed policies attached to the same user (IAM
 * evaluates every attached policy together, so statements split across them mean what they meant together).
 * It never cuts: what does not fit in the most a user may have attached is refused.
 */
import type {PolicyStatement} from '../iam/policy-document.js';
import {Problem} from '../problem.js';
import {
	compactionForms,
	compileForm,
	compilePolicy,
	INLINE_USER_POLICY_LIMIT,
	MANAGED_POLICY_LIMIT,
	PolicyTooLarge,
	renderDocument,
	statementsOf,
	type CompiledPolicy,
	type PolicyKind,
	type PolicyRequest,
	type StatementPurpose,
} from './compile.js';

/** `auto`: inline when it fits, else managed (split when one managed policy is not enough). */
export type PolicyType = 'auto' | PolicyKind;

/** IAM quota: managed policies attached to one user, by default (20 after a quota increase). */
export const MANAGED_POLICIES_PER_USER = 10;

export interface PolicyPlacement {
	readonly kind: PolicyKind;
	/** The whole policy, as one document (what is explained and shown). */
	readonly compiled: CompiledPolicy;
	/** The documents to create: one, or several managed policies when one would exceed 6,144 characters. */
	readonly parts: readonly CompiledPolicy[];
}

export function placePolicy(request: PolicyRequest, type: PolicyType): PolicyPlacement {
	if (type === 'inline') return single('inline', compilePolicy({...request, policyKind: 'inline'}));
	if (type === 'auto') {
		try {
			return single('inline', compilePolicy({...request, policyKind: 'inline'}));
		} catch (error) {
			if (!(error instanceof PolicyTooLarge)) throw error;
		}
	}
	try {
		return single('managed', compilePolicy({...request, policyKind: 'managed'}));
	} catch (error) {
		if (!(error instanceof PolicyTooLarge)) throw error;
	}
	return split(request);
}

const single = (kind: PolicyKind, compiled: CompiledPolicy): PolicyPlacement => ({kind, compiled, parts: [compiled]});

/**
 * Several managed policies: the statements of the most readable form, in order, each policy filled as far
 * as it goes (deterministic). A single statement larger than a managed policy cannot be split without
 * changing its meaning (a NotResource Deny cut in two denies everything), so that is refused too.
 */
function split(request: PolicyRequest): PolicyPlacement {
	const managed: PolicyRequest = {...request, policyKind: 'managed'};
	let smallest = Number.POSITIVE_INFINITY;
	for (const form of [compactionForms(managed)[0]!, 'minimal-merged' as const]) {
		const whole = compileForm(managed, form);
		smallest = Math.min(smallest, whole.size);
		const parts = pack(whole);
		if (parts && parts.length <= MANAGED_POLICIES_PER_USER) return {kind: 'managed', compiled: whole, parts};
	}
	const models = request.targets.length;
	throw new Problem('usage', (m) => m.problems.policy.tooLargeToSplit(models, smallest, MANAGED_POLICY_LIMIT, MANAGED_POLICIES_PER_USER));
}

function pack(whole: CompiledPolicy): CompiledPolicy[] | undefined {
	const statements = statementsOf(whole.document);
	const parts: Array<{statements: PolicyStatement[]; purposes: StatementPurpose[]}> = [];
	for (const [index, statement] of statements.entries()) {
		const purpose = whole.purposes[index]!;
		const last = parts.at(-1);
		if (last && sizeOf([...last.statements, statement]) <= MANAGED_POLICY_LIMIT) {
			last.statements.push(statement);
			last.purposes.push(purpose);
			continue;
		}
		if (sizeOf([statement]) > MANAGED_POLICY_LIMIT) return undefined;
		parts.push({statements: [statement], purposes: [purpose]});
	}
	return parts.map(({statements: own, purposes}) => ({...renderDocument(own), purposes, compacted: whole.compacted}));
}

/** A document's size without rendering its pretty JSON (called for every statement while packing). */
const sizeOf = (statements: readonly PolicyStatement[]): number => JSON.stringify({Version: '2012-10-17', Statement: statements}).length;

/** The size limit of one document of this kind. */
export const policySizeLimit = (kind: PolicyKind): number => (kind === 'managed' ? MANAGED_POLICY_LIMIT : INLINE_USER_POLICY_LIMIT);

/** Managed policies the tool makes live under a path of their own, so they are easy to find and never collide. */
export const MANAGED_POLICY_PATH = '/bedrock-key-wizard/';

/**
 * The names of the managed policies for a user: `bedrock-key-wizard-<user>` (or `bedrock-key-wizard` when
 * no user is named), with `-1`, `-2`… when the policy was split. A policy name may hold 128 characters;
 * a user name at most 64.
 */
export function managedPolicyNames(userName: string | undefined, count: number): readonly string[] {
	const base = userName === undefined ? 'bedrock-key-wizard' : `bedrock-key-wizard-${userName}`;
	return count === 1 ? [base] : Array.from({length: count}, (_, index) => `${base}-${index + 1}`);
}
