/** IAM's actions (Query protocol, Version 2010-05-08) as the sandbox serves them. */
import {accessKeyActions} from './access-keys.js';
import type {QueryAction} from './common.js';
import {managedPolicyActions} from './customer-policies.js';
import {serviceCredentialActions} from './service-credentials.js';
import {withSimulationLimits} from './limits.js';
import {simulationActions} from './simulate.js';
import {policyActions} from './user-policies.js';
import {roleActions} from './roles.js';
import {userActions} from './users.js';

export const iamActions: Readonly<Record<string, QueryAction>> = {
	...userActions,
	...accessKeyActions,
	...serviceCredentialActions,
	...policyActions,
	...managedPolicyActions,
	...roleActions,
	...withSimulationLimits(simulationActions),
};
