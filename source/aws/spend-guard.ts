/**
 * The workshop's spend guard (docs/aws-facts.md, 'Budgets'): AWS Budgets through AWS JSON 1.1 signed for
 * `budgets` (json11.ts: one global endpoint, budgets.amazonaws.com, signed for us-east-1; no SDK client for
 * seven calls), and the execution role through the IAM client every session bundles already.
 */
import {
	CreateRoleCommand,
	DeleteRoleCommand,
	DeleteRolePolicyCommand,
	GetRoleCommand,
	IAMClient,
	PutRolePolicyCommand,
	paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import {isAwsFailure} from '../core/aws-failure.js';
import {budgetAmountText} from '../core/workshop/spend-guard.js';
import type {BudgetActionInfo, BudgetActionSpec, SpendGuardPort} from '../flows/ports.js';
import {operatorClientConfig, type AwsTarget} from './client-config.js';
import {translateErrors} from './errors.js';
import {json11Caller} from './json11.js';

/** AWS Budgets answers on one global endpoint, signed for us-east-1 (the sandbox's endpoint when one is given). */
const BUDGETS_ENDPOINT = 'https://budgets.amazonaws.com';

interface ActionShape {
	ActionId?: string;
	Status?: string;
	NotificationType?: string;
	ApprovalModel?: string;
	ExecutionRoleArn?: string;
	ActionThreshold?: {ActionThresholdValue?: number; ActionThresholdType?: string};
	Definition?: {IamActionDefinition?: {PolicyArn?: string; Users?: string[]}};
}

const actionInfo = (action: ActionShape): BudgetActionInfo => ({
	id: action.ActionId ?? '',
	status: action.Status ?? '',
	thresholdValue: action.ActionThreshold?.ActionThresholdValue ?? 0,
	thresholdType: action.ActionThreshold?.ActionThresholdType ?? '',
	notificationType: action.NotificationType ?? '',
	approvalModel: action.ApprovalModel ?? '',
	executionRoleArn: action.ExecutionRoleArn ?? '',
	...(action.Definition?.IamActionDefinition?.PolicyArn ? {policyArn: action.Definition.IamActionDefinition.PolicyArn} : {}),
	users: action.Definition?.IamActionDefinition?.Users ?? [],
});

const actionBody = (spec: BudgetActionSpec) => ({
	NotificationType: 'ACTUAL',
	ActionThreshold: {ActionThresholdValue: spec.thresholdPercent, ActionThresholdType: 'PERCENTAGE'},
	Definition: {IamActionDefinition: {PolicyArn: spec.policyArn, Users: [...spec.users]}},
	ExecutionRoleArn: spec.executionRoleArn,
	ApprovalModel: 'AUTOMATIC',
	Subscribers: [{SubscriptionType: 'EMAIL', Address: spec.email}],
});

export function createSpendGuardPort(target: AwsTarget): SpendGuardPort {
	const call = json11Caller({...target, endpointUrl: target.endpointUrl ?? BUDGETS_ENDPOINT}, 'us-east-1', 'budgets', 'AWSBudgetServiceGateway');
	const iam = new IAMClient(operatorClientConfig(target, 'us-east-1'));
	translateErrors(iam, 'iam');
	const absentIfNotFound = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
		try {
			return await read();
		} catch (error) {
			if (isAwsFailure(error, 'not-found')) return undefined;
			throw error;
		}
	};

	return {
		getBudget: (accountId, budgetName) =>
			absentIfNotFound(async () => {
				const {Budget: budget} = await call<{
					Budget?: {
						BudgetName?: string;
						BudgetLimit?: {Amount?: string; Unit?: string};
						TimeUnit?: string;
						CalculatedSpend?: {ActualSpend?: {Amount?: string}};
					};
				}>('DescribeBudget', {AccountId: accountId, BudgetName: budgetName});
				const actual = budget?.CalculatedSpend?.ActualSpend?.Amount;
				return {
					name: budget?.BudgetName ?? budgetName,
					amount: Number(budget?.BudgetLimit?.Amount ?? 0),
					unit: budget?.BudgetLimit?.Unit ?? 'USD',
					timeUnit: budget?.TimeUnit ?? '',
					...(actual !== undefined ? {actualSpend: Number(actual)} : {}),
				};
			}),
		async createBudget(accountId, budgetName, amountUsd) {
			await call('CreateBudget', {
				AccountId: accountId,
				Budget: {BudgetName: budgetName, BudgetLimit: {Amount: budgetAmountText(amountUsd), Unit: 'USD'}, TimeUnit: 'MONTHLY', BudgetType: 'COST'},
			});
		},
		async deleteBudget(accountId, budgetName) {
			await call('DeleteBudget', {AccountId: accountId, BudgetName: budgetName});
		},
		async listBudgetActions(accountId, budgetName) {
			const actions: BudgetActionInfo[] = [];
			let token: string | undefined;
			do {
				const page = await call<{Actions?: ActionShape[]; NextToken?: string}>('DescribeBudgetActionsForBudget', {
					AccountId: accountId,
					BudgetName: budgetName,
					...(token ? {NextToken: token} : {}),
				});
				actions.push(...(page.Actions ?? []).map(actionInfo));
				token = page.NextToken;
			} while (token);
			return actions;
		},
		async createBudgetAction(accountId, spec) {
			const made = await call<{ActionId?: string}>('CreateBudgetAction', {
				AccountId: accountId,
				BudgetName: spec.budgetName,
				ActionType: 'APPLY_IAM_POLICY',
				...actionBody(spec),
			});
			return made.ActionId ?? '';
		},
		async updateBudgetAction(accountId, actionId, spec) {
			await call('UpdateBudgetAction', {AccountId: accountId, BudgetName: spec.budgetName, ActionId: actionId, ...actionBody(spec)});
		},
		async deleteBudgetAction(accountId, budgetName, actionId) {
			await call('DeleteBudgetAction', {AccountId: accountId, BudgetName: budgetName, ActionId: actionId});
		},
		getRole: (roleName) =>
			absentIfNotFound(async () => {
				const {Role: role} = await iam.send(new GetRoleCommand({RoleName: roleName}));
				return {arn: role?.Arn ?? '', tags: Object.fromEntries((role?.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']))};
			}),
		async createRole(roleName, path, trustPolicy, tags) {
			const {Role: role} = await iam.send(
				new CreateRoleCommand({
					RoleName: roleName,
					Path: path,
					AssumeRolePolicyDocument: trustPolicy,
					Tags: Object.entries(tags).map(([Key, Value]) => ({Key, Value})),
				}),
			);
			return role?.Arn ?? '';
		},
		async putRolePolicy(roleName, policyName, document) {
			await iam.send(new PutRolePolicyCommand({RoleName: roleName, PolicyName: policyName, PolicyDocument: document}));
		},
		async listRolePolicies(roleName) {
			const names: string[] = [];
			for await (const page of paginateListRolePolicies({client: iam}, {RoleName: roleName})) names.push(...(page.PolicyNames ?? []));
			return names;
		},
		async deleteRolePolicy(roleName, policyName) {
			await iam.send(new DeleteRolePolicyCommand({RoleName: roleName, PolicyName: policyName}));
		},
		async deleteRole(roleName) {
			await iam.send(new DeleteRoleCommand({RoleName: roleName}));
		},
	};
}
