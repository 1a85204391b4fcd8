/** @cloud-copilot/iam-simulate (AGPL-3.0) as a test oracle: imported only from test/, never from source/. */
import {runSimulation} from '@cloud-copilot/iam-simulate';
import type {AuthorizationRequest, Decision} from '../../source/core/iam/evaluation.js';
import type {NamedPolicy} from '../../source/core/iam/policy-document.js';

const decisionOf = {Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny'} as const satisfies Record<string, Decision>;

export interface OracleAnswer {
	readonly decision: Decision;
	/** Context keys iam-simulate dropped because AWS never sends them for this action and resource type. */
	readonly ignoredContextKeys: readonly string[];
}

export async function askIamSimulate(policies: readonly NamedPolicy[], request: AuthorizationRequest): Promise<OracleAnswer> {
	const result = await runSimulation(
		{
			request: {
				principal: 'arn:aws:iam::123456789012:user/alice',
				action: request.action,
				resource: {resource: request.resource, accountId: '123456789012'},
				contextVariables: Object.fromEntries(
					Object.entries(request.context ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]]),
				),
			},
			identityPolicies: policies.map((policy) => ({name: policy.name, policy: policy.document})),
			serviceControlPolicies: [],
			resourceControlPolicies: [],
		},
		{},
	);
	if (result.resultType === 'error') {
		throw new Error(`iam-simulate refused the input: ${JSON.stringify(result.errors)}`);
	}
	const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
	return {decision: decisionOf[result.overallResult], ignoredContextKeys: ignored};
}
