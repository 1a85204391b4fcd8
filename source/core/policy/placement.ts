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

/** How the policy fares in one form: its size against that form's limit (several documents when split). */
export interface PlacementForm {
	readonly size: number;
	readonly limit: number;
	readonly fits: boolean;
	readonly documents: number;
}

export interface PolicyPlacement {
	readonly kind: PolicyKind;
	/** Both forms side by side, whichever was chosen: what the Review shows so the choice can be understood. */
	readonly forms: {readonly inline: PlacementForm; readonly managed: PlacementForm};
	/** The whole policy, as one document (what is explained and shown). */
	readonly compiled: CompiledPolicy;
	/** The documents to create: one, or several managed policies when one would exceed 6,144 characters. */
	readonly parts: readonly CompiledPolicy[];
}

export function placePolicy(request: PolicyRequest, type: PolicyType): PolicyPlacement {
	const inline = tryCompile({...request, policyKind: 'inline'});
	const managed = tryCompile({...request, policyKind: 'managed'});
	let splitPlacement: Omit<PolicyPlacement, 'forms'> | undefined;
	let splitRefusal: Problem | undefined;
	if (!managed.compiled) {
		try {
			splitPlacement = split(request);
		} catch (error) {
			if (!(error instanceof Problem)) throw error;
			splitRefusal = error;
		}
	}
	const inlineLimit = Math.min(INLINE_USER_POLICY_LIMIT, request.inlineBudget ?? INLINE_USER_POLICY_LIMIT);
	const forms = {
		inline: inline.compiled
			? {size: inline.compiled.size, limit: inlineLimit, fits: true, documents: 1}
			: {size: inline.tooLarge.size, limit: inline.tooLarge.limit, fits: false, documents: 1},
		managed: managed.compiled
			? {size: managed.compiled.size, limit: MANAGED_POLICY_LIMIT, fits: true, documents: 1}
			: splitPlacement
				? {size: splitPlacement.compiled.size, limit: MANAGED_POLICY_LIMIT, fits: true, documents: splitPlacement.parts.length}
				: {size: managed.tooLarge.size, limit: MANAGED_POLICY_LIMIT, fits: false, documents: 1},
	};
	if (type === 'inline' || (type === 'auto' && inline.compiled)) {
		if (!inline.compiled) throw inline.tooLarge;
		return {kind: 'inline', compiled: inline.compiled, parts: [inline.compiled], forms};
	}
	if (managed.compiled) return {kind: 'managed', compiled: managed.compiled, parts: [managed.compiled], forms};
	if (splitPlacement) return {...splitPlacement, forms};
	throw splitRefusal!;
}

type Attempt = {readonly compiled: CompiledPolicy; readonly tooLarge?: undefined} | {readonly compiled?: undefined; readonly tooLarge: PolicyTooLarge};

function tryCompile(request: PolicyRequest): Attempt {
	try {
		return {compiled: compilePolicy(request)};
	} catch (error) {
		if (error instanceof PolicyTooLarge) return {tooLarge: error};
		throw error;
	}
}

/**
 * Several managed policies: the statements of the most readable form, in order, each policy filled as far
 * as it goes (deterministic). A single statement larger than a managed policy cannot be split without
 * changing its meaning (a NotResource Deny cut in two denies everything), so that is refused too.
 */
function split(request: PolicyRequest): Omit<PolicyPlacement, 'forms'> {
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
