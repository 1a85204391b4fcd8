export {
	compilePolicy,
	INLINE_USER_POLICY_LIMIT,
	MANAGED_POLICY_LIMIT,
	type BearerTokenType,
	type DestinationForm,
	type PolicyKind,
	type CompiledPolicy,
	type PolicyRequest,
	type StatementPurpose,
} from './compile.js';
export {describeTargetProblem, describeWarning, explainStatement} from './explain.js';
export {bearerTokenRequest, invocationRequests, mantleRequests, PROFILE_CONTEXT_KEY, type InvokeAction} from './invocation-requests.js';
export {planPolicy, type PolicyPlan, type PolicyPlanInput} from './plan.js';
export {
	MANAGED_POLICIES_PER_USER,
	MANAGED_POLICY_PATH,
	managedPolicyNames,
	placePolicy,
	policySizeLimit,
	type PolicyPlacement,
	type PolicyType,
} from './placement.js';
export {assertMatrixHolds, simulatePolicy, type MatrixRow} from './simulate.js';
export {invocationId, resolveTargets, systemProfileTarget, type InvocationTarget, type TargetProblem, type TargetWarning} from './targets.js';
