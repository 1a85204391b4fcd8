/** STS (Query protocol, Version 2011-06-15): GetCallerIdentity, which IAM never denies. */
import type {QueryAction} from './iam/common.js';

const getCallerIdentity: QueryAction = (call) => ({
	UserId: call.context.caller.userId,
	Account: call.context.caller.accountId,
	Arn: call.context.caller.arn,
});

export const stsActions: Readonly<Record<string, QueryAction>> = {GetCallerIdentity: getCallerIdentity};
