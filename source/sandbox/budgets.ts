/**
 * AWS Budgets (docs/architecture.md, 'The sandbox'): cost budgets and their actions, in the AWS JSON 1.1
 * protocol (`X-Amz-Target: AWSBudgetServiceGateway.<Operation>`), signed for `budgets` (at AWS one global
 * endpoint, budgets.amazonaws.com, signed for us-east-1). Served: CreateBudget, DescribeBudget,
 * DescribeBudgets, DeleteBudget (its actions with it), CreateBudgetAction, DescribeBudgetAction,
 * DescribeBudgetActionsForBudget, UpdateBudgetAction, DeleteBudgetAction and ExecuteBudgetAction, with
 * AWS's errors (NotFoundException, DuplicateRecordException, InvalidParameterException,
 * AccessDeniedException), authorised by the caller's IAM policies as the Service Authorization Reference
 * maps them: budgets:ViewBudget, budgets:ModifyBudget, budgets:<Operation> for the actions, and iam:PassRole
 * (iam:PassedToService budgets.amazonaws.com) on the execution role, which must exist.
 *
 * AWS learns the spend from billing data a few times a day; the sandbox has none. The operator sets a
 * budget's actual spend (`POST /_sandbox/budgets`, admin-route.ts, or `RunningSandbox.budgets.setSpend`), and
 * at once every action in STANDBY whose threshold it reaches runs: MANUAL approval makes it PENDING;
 * AUTOMATIC runs it as its execution role, as Budgets would: the role must trust budgets.amazonaws.com
 * (sts:AssumeRole, with aws:SourceAccount and aws:SourceArn in the context) and its policies must allow
 * iam:AttachUserPolicy on every listed user for the policy (iam:PolicyARN); then the policy is attached to
 * every user at once (EXECUTION_SUCCESS), else nothing is (EXECUTION_FAILURE). APPLY_IAM_POLICY is the only
 * action type the sandbox runs. The budgets live in memory: a restart (even with `--state`) forgets them.
 */
import {randomUUID} from 'node:crypto';
import {evaluatePolicies, parsePolicyDocument} from '../core/iam/index.js';
import type {NamedPolicy} from '../core/iam/policy-document.js';
import {AwsServiceError, type HandlerContext, type ServiceRouter} from './contracts.js';
import {jsonResponse} from './bedrock/rest-json.js';
import {readJson11Object} from './protocols/rest-json.js';
import {managedPolicy} from './iam/managed-policies.js';
import {managedPoliciesPerUser} from './iam/user-policies.js';
import type {AccountState} from './state/account.js';
import type {AccountData, RoleRecord} from './state/model.js';

export const BUDGETS_TARGET = 'AWSBudgetServiceGateway';
const BUDGETS_PRINCIPAL = 'budgets.amazonaws.com';

export type ActionStatus =
	| 'STANDBY'
	| 'PENDING'
	| 'EXECUTION_IN_PROGRESS'
	| 'EXECUTION_SUCCESS'
	| 'EXECUTION_FAILURE'
	| 'REVERSE_IN_PROGRESS'
	| 'REVERSE_SUCCESS'
	| 'REVERSE_FAILURE'
	| 'RESET_IN_PROGRESS'
	| 'RESET_FAILURE';

export interface SandboxBudgetAction {
	readonly id: string;
	readonly budgetName: string;
	notificationType: 'ACTUAL' | 'FORECASTED';
	readonly actionType: string;
	threshold: {value: number; type: 'PERCENTAGE' | 'ABSOLUTE_VALUE'};
	/** The Definition as given (IamActionDefinition: PolicyArn, Users, Groups, Roles). */
	definition: Record<string, unknown>;
	executionRoleArn: string;
	approvalModel: 'AUTOMATIC' | 'MANUAL';
	subscribers: ReadonlyArray<Record<string, unknown>>;
	status: ActionStatus;
	/** Why the last run failed (the sandbox's words; AWS records it in the action's history). */
	failure?: string;
}

export interface SandboxBudget {
	readonly name: string;
	limit: {amount: number; unit: string};
	readonly timeUnit: string;
	readonly budgetType: string;
	readonly costFilters?: unknown;
	readonly costTypes?: unknown;
	readonly created: Date;
	actualSpend: number;
	forecastedSpend: number;
	lastUpdated: Date;
	readonly actions: SandboxBudgetAction[];
}

/** A number as Budgets writes amounts: a decimal string, `100.0` for a whole number. */
const amountText = (value: number): string => (Number.isInteger(value) ? `${value}.0` : String(value));

const invalid = (message: string): AwsServiceError => new AwsServiceError('InvalidParameterException', message, 400);

export class BudgetBook {
	readonly #budgets = new Map<string, SandboxBudget>();

	constructor(private readonly state: AccountState) {}

	list(): readonly SandboxBudget[] {
		return [...this.#budgets.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	get(name: string): SandboxBudget | undefined {
		return this.#budgets.get(name);
	}

	add(budget: SandboxBudget): void {
		this.#budgets.set(budget.name, budget);
	}

	delete(name: string): boolean {
		return this.#budgets.delete(name);
	}

	/**
	 * The spend AWS would have learnt from billing data: set, and every action in STANDBY whose threshold it
	 * reaches runs at once. Returns the budget, or undefined when there is none of that name.
	 */
	setSpend(name: string, spend: {readonly actual?: number; readonly forecasted?: number}, now: Date): SandboxBudget | undefined {
		const budget = this.#budgets.get(name);
		if (!budget) return undefined;
		if (spend.actual !== undefined) budget.actualSpend = spend.actual;
		if (spend.forecasted !== undefined) budget.forecastedSpend = spend.forecasted;
		budget.lastUpdated = now;
		for (const action of budget.actions) {
			if (action.status !== 'STANDBY' || !crossed(budget, action)) continue;
			if (action.approvalModel === 'MANUAL') action.status = 'PENDING';
			else this.run(budget, action);
		}
		return budget;
	}

	/** Runs an APPLY_IAM_POLICY action as its execution role: every listed user gets the policy, or none does. */
	run(budget: SandboxBudget, action: SandboxBudgetAction): void {
		const failure = this.#runFailure(budget, action);
		action.status = failure ? 'EXECUTION_FAILURE' : 'EXECUTION_SUCCESS';
		if (failure) action.failure = failure;
		else delete action.failure;
	}

	/** Takes the policy back off the listed users (REVERSE_BUDGET_ACTION). */
	reverse(action: SandboxBudgetAction): void {
		const {policyArn, users} = iamDefinition(action);
		this.state.mutate((data) => {
			for (const user of data.users) {
				if (users.includes(user.userName) && user.attachedPolicies.includes(policyArn))
					user.attachedPolicies = user.attachedPolicies.filter((arn) => arn !== policyArn);
			}
		});
		action.status = 'REVERSE_SUCCESS';
	}

	#runFailure(budget: SandboxBudget, action: SandboxBudgetAction): string | undefined {
		if (action.actionType !== 'APPLY_IAM_POLICY') return `The sandbox runs APPLY_IAM_POLICY actions only, not ${action.actionType}.`;
		const data = this.state.live().data;
		const role = (data.roles ?? []).find((candidate) => candidate.arn === action.executionRoleArn);
		if (!role) return `The execution role ${action.executionRoleArn} does not exist.`;
		const budgetArn = `arn:aws:budgets::${this.state.accountId}:budget/${budget.name}`;
		if (!trustsBudgets(role, this.state.accountId, budgetArn)) return `The execution role ${role.arn} does not let ${BUDGETS_PRINCIPAL} assume it.`;
		const {policyArn, users} = iamDefinition(action);
		if (!managedPolicy(policyArn) && !data.policies.some((policy) => policy.arn === policyArn))
			return `Policy ${policyArn} does not exist or is not attachable.`;
		const rolePolicies = policiesOf(role);
		for (const userName of users) {
			const user = data.users.find((candidate) => candidate.userName === userName);
			if (!user) return `The user with name ${userName} cannot be found.`;
			const decision = evaluatePolicies(rolePolicies, {action: 'iam:AttachUserPolicy', resource: user.arn, context: {'iam:PolicyARN': policyArn}}).decision;
			if (decision !== 'allowed') return `${role.arn} is not authorized to perform: iam:AttachUserPolicy on resource: ${user.arn} for policy ${policyArn}.`;
		}
		try {
			this.state.mutate((draft) => attachToUsers(draft, users, policyArn));
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
		return undefined;
	}
}

function attachToUsers(data: AccountData, users: readonly string[], policyArn: string): void {
	for (const user of data.users) {
		if (!users.includes(user.userName) || user.attachedPolicies.includes(policyArn)) continue;
		if (user.attachedPolicies.length >= managedPoliciesPerUser) throw new Error(`Cannot exceed quota for PoliciesPerUser: ${managedPoliciesPerUser}`);
		user.attachedPolicies = [...user.attachedPolicies, policyArn];
	}
}

function crossed(budget: SandboxBudget, action: SandboxBudgetAction): boolean {
	const spend = action.notificationType === 'ACTUAL' ? budget.actualSpend : budget.forecastedSpend;
	const threshold = action.threshold.type === 'PERCENTAGE' ? (budget.limit.amount * action.threshold.value) / 100 : action.threshold.value;
	return spend >= threshold;
}

function iamDefinition(action: SandboxBudgetAction): {policyArn: string; users: string[]} {
	const definition = (action.definition['IamActionDefinition'] ?? {}) as {PolicyArn?: unknown; Users?: unknown};
	return {
		policyArn: typeof definition.PolicyArn === 'string' ? definition.PolicyArn : '',
		users: Array.isArray(definition.Users) ? definition.Users.filter((user): user is string => typeof user === 'string') : [],
	};
}

function policiesOf(role: RoleRecord): NamedPolicy[] {
	const policies: NamedPolicy[] = [];
	for (const [name, text] of Object.entries(role.inlinePolicies)) {
		const parsed = parsePolicyDocument(text);
		if (parsed.ok) policies.push({name, document: parsed.document});
	}
	return policies;
}

/** Whether the role's trust policy lets Budgets assume it: a statement naming the service, evaluated without its Principal. */
function trustsBudgets(role: RoleRecord, accountId: string, budgetArn: string): boolean {
	let trust: {Statement?: unknown};
	try {
		trust = JSON.parse(role.assumeRolePolicyDocument) as {Statement?: unknown};
	} catch {
		return false;
	}
	const statements = (Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement]) as Array<Record<string, unknown>>;
	const forBudgets = statements
		.filter((statement) => {
			const service = (statement['Principal'] as {Service?: unknown} | undefined)?.Service;
			return service === BUDGETS_PRINCIPAL || (Array.isArray(service) && service.includes(BUDGETS_PRINCIPAL));
		})
		.map((statement) => {
			const rest: Record<string, unknown> = {...statement, Resource: '*'};
			delete rest['Principal'];
			return rest;
		});
	if (forBudgets.length === 0) return false;
	const parsed = parsePolicyDocument(JSON.stringify({Version: '2012-10-17', Statement: forBudgets}));
	if (!parsed.ok) return false;
	const context = {'aws:SourceAccount': accountId, 'aws:SourceArn': budgetArn};
	return evaluatePolicies([{name: 'trust', document: parsed.document}], {action: 'sts:AssumeRole', resource: role.arn, context}).decision === 'allowed';
}

const budgetArn = (context: HandlerContext, name: string): string => `arn:aws:budgets::${context.account.accountId}:budget/${name}`;

function requireAllowed(context: HandlerContext, action: string, resource: string, extra?: Readonly<Record<string, string>>): void {
	const decision = context.authorize(action, resource, extra);
	if (!decision.allowed) throw new AwsServiceError('AccessDeniedException', decision.message ?? `User is not authorized to perform: ${action}`, 400);
}

/** The account the call names: Budgets answers for the caller's own account only. */
function requireAccount(body: Record<string, unknown>, context: HandlerContext): void {
	const account = body['AccountId'];
	if (typeof account !== 'string' || !/^\d{12}$/.test(account)) throw invalid('AccountId must be the 12 digits of an AWS account.');
	if (account !== context.account.accountId)
		throw new AwsServiceError('AccessDeniedException', `User: ${context.caller.arn} is not authorized to access the budgets of account ${account}.`, 400);
}

function budgetName(value: unknown): string {
	if (typeof value !== 'string' || value.length < 1 || value.length > 100 || /[:\\]/.test(value) || /\/action\//.test(value))
		throw invalid('BudgetName must be 1 to 100 characters, without ":" or "\\".');
	return value;
}

function existingBudget(book: BudgetBook, name: string): SandboxBudget {
	const budget = book.get(name);
	if (!budget) throw new AwsServiceError('NotFoundException', `Unable to get budget: ${name} - the budget doesn't exist.`, 400);
	return budget;
}

function existingAction(budget: SandboxBudget, id: unknown): SandboxBudgetAction {
	const action = budget.actions.find((candidate) => candidate.id === id);
	if (!action)
		throw new AwsServiceError('NotFoundException', `Unable to get budget action: ${String(id)} - the action doesn't exist for budget ${budget.name}.`, 400);
	return action;
}

function spendOf(value: unknown, member: string): {amount: number; unit: string} {
	const spend = value as {Amount?: unknown; Unit?: unknown} | undefined;
	const amount = typeof spend?.Amount === 'string' && /^([0-9]*\.)?[0-9]+$/.test(spend.Amount) ? Number(spend.Amount) : Number.NaN;
	if (!Number.isFinite(amount) || amount <= 0) throw invalid(`${member}.Amount must be a positive number, written as a string.`);
	if (typeof spend?.Unit !== 'string' || spend.Unit === '') throw invalid(`${member}.Unit is required.`);
	return {amount, unit: spend.Unit};
}

function thresholdOf(value: unknown): SandboxBudgetAction['threshold'] {
	const threshold = value as {ActionThresholdValue?: unknown; ActionThresholdType?: unknown} | undefined;
	const amount = threshold?.ActionThresholdValue;
	const type = threshold?.ActionThresholdType;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
		throw invalid('ActionThreshold.ActionThresholdValue must be a number of at least 0.');
	if (type !== 'PERCENTAGE' && type !== 'ABSOLUTE_VALUE') throw invalid('ActionThreshold.ActionThresholdType must be PERCENTAGE or ABSOLUTE_VALUE.');
	return {value: amount, type};
}

const ROLE_ARN = /^arn:aws:iam::\d{12}:role(\/[\x21-\x7f]+\/|\/)[\w+=,.@-]+$/;
const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/[\x21-\x7f]+\/|\/)[\w+=,.@-]+$/;

/** The Definition of an APPLY_IAM_POLICY action: a policy ARN and 1 to 100 users (or groups, or roles). */
function definitionOf(value: unknown, actionType: string): Record<string, unknown> {
	const definition = value as {IamActionDefinition?: {PolicyArn?: unknown; Users?: unknown; Groups?: unknown; Roles?: unknown}} | undefined;
	if (actionType !== 'APPLY_IAM_POLICY') {
		if (!definition || typeof definition !== 'object') throw invalid('Definition is required.');
		return definition as Record<string, unknown>;
	}
	const iam = definition?.IamActionDefinition;
	if (!iam || typeof iam !== 'object') throw invalid('An APPLY_IAM_POLICY action needs Definition.IamActionDefinition.');
	if (typeof iam.PolicyArn !== 'string' || !POLICY_ARN.test(iam.PolicyArn)) throw invalid('IamActionDefinition.PolicyArn must be the ARN of an IAM policy.');
	for (const member of ['Users', 'Groups', 'Roles'] as const) {
		const list = iam[member];
		if (list === undefined) continue;
		if (
			!Array.isArray(list) ||
			list.length < 1 ||
			list.length > 100 ||
			!list.every((name) => typeof name === 'string' && /^([\x21-\x7f]+\/)?[\w+=,.@-]+$/.test(name))
		)
			throw invalid(`IamActionDefinition.${member} must list 1 to 100 names.`);
	}
	if (iam.Users === undefined && iam.Groups === undefined && iam.Roles === undefined) throw invalid('IamActionDefinition needs Users, Groups or Roles.');
	return {IamActionDefinition: iam};
}

function subscribersOf(value: unknown): Array<Record<string, unknown>> {
	if (!Array.isArray(value) || value.length < 1 || value.length > 11) throw invalid('Subscribers must list 1 to 11 subscribers.');
	for (const subscriber of value as Array<{SubscriptionType?: unknown; Address?: unknown}>) {
		if (subscriber?.SubscriptionType !== 'EMAIL' && subscriber?.SubscriptionType !== 'SNS') throw invalid('Subscriber.SubscriptionType must be EMAIL or SNS.');
		if (typeof subscriber.Address !== 'string' || subscriber.Address.length === 0) throw invalid('Subscriber.Address is required.');
	}
	return value as Array<Record<string, unknown>>;
}

/** The execution role must exist, and the caller may pass it to Budgets (iam:PassRole, iam:PassedToService). */
function requireExecutionRole(value: unknown, context: HandlerContext, state: AccountState): string {
	if (typeof value !== 'string' || !ROLE_ARN.test(value)) throw invalid('ExecutionRoleArn must be the ARN of an IAM role.');
	requireAllowed(context, 'iam:PassRole', value, {'iam:PassedToService': BUDGETS_PRINCIPAL});
	if (!(state.live().data.roles ?? []).some((role) => role.arn === value)) throw invalid(`The execution role ${value} does not exist.`);
	return value;
}

const budgetJson = (budget: SandboxBudget) => {
	const start = new Date(Date.UTC(budget.created.getUTCFullYear(), budget.created.getUTCMonth(), 1));
	return {
		BudgetName: budget.name,
		BudgetLimit: {Amount: amountText(budget.limit.amount), Unit: budget.limit.unit},
		...(budget.costFilters ? {CostFilters: budget.costFilters} : {}),
		...(budget.costTypes ? {CostTypes: budget.costTypes} : {}),
		TimeUnit: budget.timeUnit,
		TimePeriod: {Start: start.getTime() / 1000, End: 3706473600},
		CalculatedSpend: {
			ActualSpend: {Amount: amountText(budget.actualSpend), Unit: budget.limit.unit},
			ForecastedSpend: {Amount: amountText(budget.forecastedSpend), Unit: budget.limit.unit},
		},
		BudgetType: budget.budgetType,
		LastUpdatedTime: budget.lastUpdated.getTime() / 1000,
	};
};

const actionJson = (action: SandboxBudgetAction) => ({
	ActionId: action.id,
	BudgetName: action.budgetName,
	NotificationType: action.notificationType,
	ActionType: action.actionType,
	ActionThreshold: {ActionThresholdValue: action.threshold.value, ActionThresholdType: action.threshold.type},
	Definition: action.definition,
	ExecutionRoleArn: action.executionRoleArn,
	ApprovalModel: action.approvalModel,
	Status: action.status,
	Subscribers: action.subscribers,
});

type Operation = (book: BudgetBook, body: Record<string, unknown>, context: HandlerContext, state: AccountState) => unknown;

const PAGE = 100;

function paged<T>(items: readonly T[], body: Record<string, unknown>): {page: T[]; next?: string} {
	const token = body['NextToken'];
	const start = typeof token === 'string' ? Number(token) : 0;
	if (!Number.isInteger(start) || start < 0) throw new AwsServiceError('InvalidNextTokenException', 'The next token is not valid.', 400);
	const size = typeof body['MaxResults'] === 'number' ? Math.max(1, Math.min(PAGE, body['MaxResults'])) : PAGE;
	return {page: items.slice(start, start + size), ...(start + size < items.length ? {next: String(start + size)} : {})};
}

const operations: Readonly<Record<string, Operation>> = {
	CreateBudget(book, body, context) {
		requireAccount(body, context);
		const given = body['Budget'] as Record<string, unknown> | undefined;
		if (!given || typeof given !== 'object') throw invalid('Budget is required.');
		const name = budgetName(given['BudgetName']);
		requireAllowed(context, 'budgets:ModifyBudget', budgetArn(context, name));
		const budgetType = given['BudgetType'];
		if (!['USAGE', 'COST', 'RI_UTILIZATION', 'RI_COVERAGE', 'SAVINGS_PLANS_UTILIZATION', 'SAVINGS_PLANS_COVERAGE'].includes(String(budgetType)))
			throw invalid('BudgetType must be one of USAGE, COST, RI_UTILIZATION, RI_COVERAGE, SAVINGS_PLANS_UTILIZATION, SAVINGS_PLANS_COVERAGE.');
		if (!['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY', 'CUSTOM'].includes(String(given['TimeUnit'])))
			throw invalid('TimeUnit must be one of DAILY, MONTHLY, QUARTERLY, ANNUALLY, CUSTOM.');
		const limit = spendOf(given['BudgetLimit'], 'BudgetLimit');
		if (book.get(name)) throw new AwsServiceError('DuplicateRecordException', `Error creating budget: ${name} - the budget already exists.`, 400);
		book.add({
			name,
			limit,
			timeUnit: String(given['TimeUnit']),
			budgetType: String(budgetType),
			...(given['CostFilters'] ? {costFilters: given['CostFilters']} : {}),
			...(given['CostTypes'] ? {costTypes: given['CostTypes']} : {}),
			created: context.now,
			actualSpend: 0,
			forecastedSpend: 0,
			lastUpdated: context.now,
			actions: [],
		});
		return {};
	},
	DescribeBudget(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:ViewBudget', budgetArn(context, name));
		return {Budget: budgetJson(existingBudget(book, name))};
	},
	DescribeBudgets(book, body, context) {
		requireAccount(body, context);
		requireAllowed(context, 'budgets:ViewBudget', budgetArn(context, '*'));
		const {page, next} = paged(book.list(), body);
		return {Budgets: page.map(budgetJson), ...(next ? {NextToken: next} : {})};
	},
	DeleteBudget(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:ModifyBudget', budgetArn(context, name));
		if (!book.delete(name)) throw new AwsServiceError('NotFoundException', `Unable to delete budget: ${name} - the budget doesn't exist.`, 400);
		return {};
	},
	CreateBudgetAction(book, body, context, state) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:CreateBudgetAction', budgetArn(context, name));
		const notificationType = body['NotificationType'];
		if (notificationType !== 'ACTUAL' && notificationType !== 'FORECASTED') throw invalid('NotificationType must be ACTUAL or FORECASTED.');
		const actionType = String(body['ActionType']);
		if (!['APPLY_IAM_POLICY', 'APPLY_SCP_POLICY', 'RUN_SSM_DOCUMENTS'].includes(actionType))
			throw invalid('ActionType must be APPLY_IAM_POLICY, APPLY_SCP_POLICY or RUN_SSM_DOCUMENTS.');
		const approvalModel = body['ApprovalModel'];
		if (approvalModel !== 'AUTOMATIC' && approvalModel !== 'MANUAL') throw invalid('ApprovalModel must be AUTOMATIC or MANUAL.');
		const threshold = thresholdOf(body['ActionThreshold']);
		const definition = definitionOf(body['Definition'], actionType);
		const subscribers = subscribersOf(body['Subscribers']);
		const executionRoleArn = requireExecutionRole(body['ExecutionRoleArn'], context, state);
		const budget = existingBudget(book, name);
		const action: SandboxBudgetAction = {
			id: randomUUID(),
			budgetName: name,
			notificationType,
			actionType,
			threshold,
			definition,
			executionRoleArn,
			approvalModel,
			subscribers,
			status: 'STANDBY',
		};
		budget.actions.push(action);
		return {AccountId: context.account.accountId, BudgetName: name, ActionId: action.id};
	},
	DescribeBudgetAction(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:DescribeBudgetAction', `${budgetArn(context, name)}/action/${String(body['ActionId'])}`);
		const action = existingAction(existingBudget(book, name), body['ActionId']);
		return {AccountId: context.account.accountId, BudgetName: name, Action: actionJson(action)};
	},
	DescribeBudgetActionsForBudget(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:DescribeBudgetActionsForBudget', budgetArn(context, name));
		const {page, next} = paged(existingBudget(book, name).actions, body);
		return {Actions: page.map(actionJson), ...(next ? {NextToken: next} : {})};
	},
	UpdateBudgetAction(book, body, context, state) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:UpdateBudgetAction', `${budgetArn(context, name)}/action/${String(body['ActionId'])}`);
		const action = existingAction(existingBudget(book, name), body['ActionId']);
		const old = actionJson(action);
		if (body['NotificationType'] !== undefined) {
			if (body['NotificationType'] !== 'ACTUAL' && body['NotificationType'] !== 'FORECASTED') throw invalid('NotificationType must be ACTUAL or FORECASTED.');
			action.notificationType = body['NotificationType'];
		}
		if (body['ActionThreshold'] !== undefined) action.threshold = thresholdOf(body['ActionThreshold']);
		if (body['Definition'] !== undefined) action.definition = definitionOf(body['Definition'], action.actionType);
		if (body['ExecutionRoleArn'] !== undefined) action.executionRoleArn = requireExecutionRole(body['ExecutionRoleArn'], context, state);
		if (body['ApprovalModel'] !== undefined) {
			if (body['ApprovalModel'] !== 'AUTOMATIC' && body['ApprovalModel'] !== 'MANUAL') throw invalid('ApprovalModel must be AUTOMATIC or MANUAL.');
			action.approvalModel = body['ApprovalModel'];
		}
		if (body['Subscribers'] !== undefined) action.subscribers = subscribersOf(body['Subscribers']);
		return {AccountId: context.account.accountId, BudgetName: name, OldAction: old, NewAction: actionJson(action)};
	},
	DeleteBudgetAction(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:DeleteBudgetAction', `${budgetArn(context, name)}/action/${String(body['ActionId'])}`);
		const budget = existingBudget(book, name);
		const action = existingAction(budget, body['ActionId']);
		budget.actions.splice(budget.actions.indexOf(action), 1);
		return {AccountId: context.account.accountId, BudgetName: name, Action: actionJson(action)};
	},
	ExecuteBudgetAction(book, body, context) {
		requireAccount(body, context);
		const name = budgetName(body['BudgetName']);
		requireAllowed(context, 'budgets:ExecuteBudgetAction', `${budgetArn(context, name)}/action/${String(body['ActionId'])}`);
		const budget = existingBudget(book, name);
		const action = existingAction(budget, body['ActionId']);
		const type = body['ExecutionType'];
		const locked = (): AwsServiceError =>
			new AwsServiceError('ResourceLockedException', `The action is ${action.status}: ${String(type)} does not apply to it.`, 400);
		if (type === 'APPROVE_BUDGET_ACTION') {
			if (action.status !== 'PENDING') throw locked();
			book.run(budget, action);
		} else if (type === 'RETRY_BUDGET_ACTION') {
			if (action.status !== 'EXECUTION_FAILURE') throw locked();
			book.run(budget, action);
		} else if (type === 'REVERSE_BUDGET_ACTION') {
			if (action.status !== 'EXECUTION_SUCCESS') throw locked();
			book.reverse(action);
		} else if (type === 'RESET_BUDGET_ACTION') {
			action.status = 'STANDBY';
		} else throw invalid('ExecutionType must be APPROVE_BUDGET_ACTION, RETRY_BUDGET_ACTION, REVERSE_BUDGET_ACTION or RESET_BUDGET_ACTION.');
		return {AccountId: context.account.accountId, BudgetName: name, ActionId: action.id, ExecutionType: type};
	},
};

export function createBudgetsRouter(book: BudgetBook, state: AccountState): ServiceRouter {
	return (request) => {
		const target = request.headers['x-amz-target'] ?? '';
		const [prefix, name] = target.split('.');
		if (request.method !== 'POST' || prefix !== BUDGETS_TARGET || !name) return undefined;
		const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
		if (!operation) return undefined;
		return {operation: name, handle: async (context) => jsonResponse(context, operation(book, readJson11Object(request), context, state))};
	};
}
