/**
 * The `--json` output of `check` (schemas/check.v1.json): the verification report of the contract at
 * the top level, plus a `check` section with what only `check` knows. Never a secret: the key appears
 * masked (its kind and length).
 */
import {summarizeDiscovery} from '../../core/verify/discovery.js';
import type {VerificationReport} from '../../core/verify/report.js';
import type {CheckState} from './machine.js';

export type CheckDocument = VerificationReport & {readonly check: Record<string, unknown>};

export function checkDocument(state: CheckState): CheckDocument | undefined {
	if (!state.report) return undefined;
	const {key, user, proposal} = state;
	return {
		...state.report,
		check: {
			mode: state.mode ?? 'expectations',
			key: key
				? {
						auth: key.auth,
						masked: key.masked,
						...(key.tokenType ? {tokenType: key.tokenType} : {}),
						...(key.shortTerm ? {region: key.shortTerm.region, expiresAt: key.shortTerm.expiresAt} : {}),
					}
				: {},
			...(state.mode === 'discovery'
				? {
						discovery: {
							tried: state.probes.length,
							callable: state.probes.filter((probe) => probe?.outcome === 'allowed').map((probe) => probe!.model),
							refused: state.probes
								.filter((probe) => probe && probe.outcome !== 'allowed')
								.map((probe) => ({model: probe!.model, finding: probe!.finding, ...(probe!.errorCode ? {errorCode: probe!.errorCode} : {})})),
							groups: discoveryGroups(state),
						},
					}
				: {}),
			...(user
				? {
						user: {
							userName: user.userName,
							arn: user.arn,
							...(user.createdAt ? {createdAt: user.createdAt} : {}),
							...(user.ageDays !== undefined ? {ageDays: user.ageDays} : {}),
							managedByTool: user.managedByTool,
							inlinePolicies: user.inline.map((policy) => policy.name),
							attachedPolicies: user.attached.map((policy) => policy.arn),
							customerManagedPolicies: user.customerManaged.map((policy) => policy.arn),
							broadPolicies: user.broad.map((policy) => policy.arn),
							guardrail: user.guardrail,
							apiKeys: user.apiKeys.map((apiKey) => ({
								id: apiKey.credentialId,
								status: apiKey.status,
								...(apiKey.createdAt ? {createdAt: apiKey.createdAt} : {}),
								...(apiKey.ageDays !== undefined ? {ageDays: apiKey.ageDays} : {}),
								expiresAt: apiKey.expiresAt ?? null,
							})),
							accessKeys: user.accessKeys.map((accessKey) => ({
								id: accessKey.accessKeyId,
								status: accessKey.status,
								...(accessKey.createdAt ? {createdAt: accessKey.createdAt} : {}),
							})),
						},
					}
				: {}),
			...(proposal
				? {
						tighten: {
							models: proposal.modelIds,
							policy: proposal.plan.compiled.document,
							placement: proposal.managed ? 'managed' : 'inline',
							...(proposal.managed ? {managedPolicies: proposal.managed.map((part) => part.arn)} : {}),
							detach: [...proposal.detach, ...proposal.staleManaged].map((policy) => policy.arn),
							noNewAccess: proposal.noNewAccess ?? null,
							notCompared: proposal.notCompared,
							applied: state.tightened === true,
						},
					}
				: {}),
		},
	};
}

/** The grouped table (core/verify/discovery.ts): allowed, refused by IAM, not usable for another reason (why, once per group). */
function discoveryGroups(state: CheckState): Record<string, unknown> {
	const {allowed, iamRefused, other} = summarizeDiscovery(state.probes);
	return {allowed, iamRefused, other};
}

/** Forbidden models the key could call: what a failed check names. */
export const forbiddenCallable = (state: CheckState): readonly string[] => [
	...new Set((state.report?.probes ?? []).filter((probe) => probe.expected === 'deny' && probe.outcome === 'allowed').map((probe) => probe.model)),
];
