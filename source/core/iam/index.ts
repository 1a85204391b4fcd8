export {evaluatePolicies, policyEvaluator} from './evaluate.js';
export {inlineUserPolicySizeLimit, parsePolicyDocument, policySizeWithoutWhitespace, samePolicyDocument, type PolicyParseResult} from './validate.js';
export {AdministratorAccess, AmazonBedrockFullAccess, AmazonBedrockLimitedAccess, awsManagedPolicies, type AwsManagedPolicy} from './aws-managed-policies.js';
export type {AuthorizationRequest, Decision, EvaluationResult, MalformedStatement, MatchedStatement, RequestContextValue} from './evaluation.js';
export type {ConditionBlock, ConditionValue, Effect, NamedPolicy, PolicyDocument, PolicyStatement} from './policy-document.js';
