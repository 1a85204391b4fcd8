/**
 * The workshop's spend guard (`workshop create --budget USD`; core/workshop/spend-guard.ts has its names and
 * documents): the deny policy, the execution role and its policy, the budget, and one action per 100 seats.
 * Every step starts from what AWS holds, so a re-run after any failure finishes the job, and a re-run with more
 * or fewer seats brings the actions' user lists to the seats (UpdateBudgetAction). Teardown removes the budget
 * and its actions before the seats (so the action cannot run half-way through), and the role and the deny
 * policy after them (an action that ran left the policy attached to the seats, which teardown deletes).
 *
 * A delayed cut-off, not a hard cap: AWS Budgets learns the spend from billing data, which AWS updates several
 * times a day, so the spend can pass the amount hours before the action runs (docs/aws-facts.md, 'Budgets').
 */
import {describeFailure, isAwsFailure} from '../../core/aws-failure.js';
import {samePolicyDocument} from '../../core/iam/index.js';
import type {Messages} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {CREATED_TAG, WORKSHOP_TAG, workshopPolicyTags} from '../../core/workshop/seat-names.js';
import {
	actionGroups,
	denyPolicyDocument,
	GUARD_ROLE_POLICY,
	rolePolicyDocument,
	spendGuardNames,
	trustPolicyDocument,
	type SpendGuardRecord,
} from '../../core/workshop/spend-guard.js';
import type {BudgetActionInfo, BudgetInfo, IamPort, SpendGuardPort} from '../ports.js';
import {deleteWorkshopPolicy} from './managed-policy.js';

export interface SpendGuardRequest {
	readonly event: string;
	readonly accountId: string;
	readonly amountUsd: number;
	readonly thresholdPercent: number;
	readonly email: string;
	/** Every seat's user, listed in the actions. */
	readonly userNames: readonly string[];
	readonly createdAt: string;
}

export interface SpendGuardDeps {
	readonly iam: IamPort;
	readonly guard: SpendGuardPort;
	readonly messages: Messages;
}

export type GuardPart = 'deny-policy' | 'role' | 'role-policy' | 'budget' | 'action';
export type GuardOutcome = 'created' | 'updated' | 'unchanged' | 'deleted';

export interface SpendGuardStep {
	readonly part: GuardPart;
	readonly name: string;
	readonly outcome: GuardOutcome;
}

/** What AWS holds of the guard now (status, teardown's plan). */
export interface SpendGuardState {
	readonly names: ReturnType<typeof spendGuardNames>;
	readonly budget?: BudgetInfo;
	/** The budget's actions that apply the workshop's deny policy. */
	readonly actions: readonly BudgetActionInfo[];
	readonly role: boolean;
	readonly denyPolicy: boolean;
}

/** The guard after create: the record workshop.json keeps, the actions as AWS reports them, and what this run did. */
export interface SpendGuardResult {
	readonly record: SpendGuardRecord;
	readonly actions: readonly BudgetActionInfo[];
	readonly steps: readonly SpendGuardStep[];
	/** The budget was there already with another amount: left as it is (AWS Budgets' console or teardown changes it). */
	readonly amountKept?: number;
}

/** Budgets' AccessDenied as the workshop's words: who may use Budgets, and what to do. */
function budgetsRefused(error: unknown, messages: Messages): unknown {
	if (isAwsFailure(error, 'refused')) return new Problem('aws-refused', ...messages.workshop.spendGuard.refused(describeFailure(error)));
	return error;
}

export async function ensureSpendGuard(
	request: SpendGuardRequest,
	deps: SpendGuardDeps,
	onStep: (step: SpendGuardStep) => void = () => {},
): Promise<SpendGuardResult> {
	const {guard, messages} = deps;
	const names = spendGuardNames(request.event, request.accountId);
	const steps: SpendGuardStep[] = [];
	const step = (part: GuardPart, name: string, outcome: GuardOutcome): void => {
		const entry = {part, name, outcome};
		steps.push(entry);
		onStep(entry);
	};
	try {
		step('deny-policy', names.policyName, await ensureDenyPolicy(request, names, deps));
		step('role', names.roleName, await ensureRole(request, names, deps));
		await guard.putRolePolicy(names.roleName, GUARD_ROLE_POLICY, rolePolicyDocument(request.event, request.accountId, request.userNames, names.policyArn));
		step('role-policy', GUARD_ROLE_POLICY, 'updated');
		const budget = await guard.getBudget(request.accountId, names.budgetName);
		if (!budget) {
			try {
				await guard.createBudget(request.accountId, names.budgetName, request.amountUsd);
			} catch (error) {
				// A lost reply, or another run making it meanwhile: it is there now.
				if (!isAwsFailure(error, 'conflict', 'ambiguous') || !(await guard.getBudget(request.accountId, names.budgetName))) throw error;
			}
		}
		step('budget', names.budgetName, budget ? 'unchanged' : 'created');
		const record: SpendGuardRecord = {
			...names,
			amountUsd: budget?.amount ?? request.amountUsd,
			thresholdPercent: request.thresholdPercent,
			email: request.email,
		};
		const actions = await ensureActions(request, names, deps, step);
		return {record, actions, steps, ...(budget && budget.amount !== request.amountUsd ? {amountKept: budget.amount} : {})};
	} catch (error) {
		throw budgetsRefused(error, messages);
	}
}

async function ensureDenyPolicy(request: SpendGuardRequest, names: SpendGuardState['names'], {iam, messages}: SpendGuardDeps): Promise<GuardOutcome> {
	const document = denyPolicyDocument();
	const ours = async (): Promise<{document: string} | undefined> => {
		const found = await iam.getManagedPolicy(names.policyArn);
		if (found && found.tags[WORKSHOP_TAG] !== request.event) throw new Problem('aws-refused', ...messages.workshop.create.policyNotOurs(names.policyArn));
		return found;
	};
	const found = await ours();
	if (found) {
		if (samePolicyDocument(found.document, document)) return 'unchanged';
		await iam.createPolicyVersion(names.policyArn, document);
		return 'updated';
	}
	try {
		await iam.createManagedPolicy(names.policyName, names.rolePath, document, workshopPolicyTags(request.event, request.createdAt));
	} catch (error) {
		if (!isAwsFailure(error, 'ambiguous', 'conflict') || !(await ours())) throw error;
	}
	return 'created';
}

async function ensureRole(request: SpendGuardRequest, names: SpendGuardState['names'], {guard, messages}: SpendGuardDeps): Promise<GuardOutcome> {
	const ours = async (): Promise<boolean> => {
		const role = await guard.getRole(names.roleName);
		if (role && role.tags[WORKSHOP_TAG] !== request.event) throw new Problem('aws-refused', ...messages.workshop.spendGuard.roleNotOurs(names.roleArn));
		return role !== undefined;
	};
	if (await ours()) return 'unchanged';
	try {
		await guard.createRole(names.roleName, names.rolePath, trustPolicyDocument(), {[WORKSHOP_TAG]: request.event, [CREATED_TAG]: request.createdAt});
	} catch (error) {
		if (!isAwsFailure(error, 'ambiguous', 'conflict') || !(await ours())) throw error;
	}
	return 'created';
}

/** One action per 100 seats, each listing its seats; extra actions of ours (fewer seats now) deleted. */
async function ensureActions(
	request: SpendGuardRequest,
	names: SpendGuardState['names'],
	{guard}: SpendGuardDeps,
	step: (part: GuardPart, name: string, outcome: GuardOutcome) => void,
): Promise<BudgetActionInfo[]> {
	const existing = (await guard.listBudgetActions(request.accountId, names.budgetName)).filter((action) => action.policyArn === names.policyArn);
	const groups = actionGroups(request.userNames);
	for (const [index, users] of groups.entries()) {
		const spec = {
			budgetName: names.budgetName,
			policyArn: names.policyArn,
			users,
			executionRoleArn: names.roleArn,
			thresholdPercent: request.thresholdPercent,
			email: request.email,
		};
		const action = existing[index];
		if (!action) {
			step('action', await guard.createBudgetAction(request.accountId, spec), 'created');
			continue;
		}
		const same =
			action.thresholdValue === request.thresholdPercent &&
			action.thresholdType === 'PERCENTAGE' &&
			action.executionRoleArn === names.roleArn &&
			[...action.users].sort().join('\n') === users.join('\n');
		if (!same) await guard.updateBudgetAction(request.accountId, action.id, spec);
		step('action', action.id, same ? 'unchanged' : 'updated');
	}
	for (const extra of existing.slice(groups.length)) {
		await guard.deleteBudgetAction(request.accountId, names.budgetName, extra.id);
		step('action', extra.id, 'deleted');
	}
	return [...(await guard.listBudgetActions(request.accountId, names.budgetName))].filter((action) => action.policyArn === names.policyArn);
}

/** What AWS holds of the guard: the budget and its actions, the role, the deny policy. */
export async function readSpendGuard(event: string, accountId: string, deps: SpendGuardDeps): Promise<SpendGuardState> {
	const names = spendGuardNames(event, accountId);
	try {
		const [budget, role, policy] = await Promise.all([
			deps.guard.getBudget(accountId, names.budgetName),
			deps.guard.getRole(names.roleName),
			deps.iam.getManagedPolicy(names.policyArn),
		]);
		const actions = budget ? (await deps.guard.listBudgetActions(accountId, names.budgetName)).filter((action) => action.policyArn === names.policyArn) : [];
		return {
			names,
			...(budget ? {budget} : {}),
			actions,
			role: role?.tags[WORKSHOP_TAG] === event,
			denyPolicy: policy?.tags[WORKSHOP_TAG] === event,
		};
	} catch (error) {
		throw budgetsRefused(error, deps.messages);
	}
}

/** Whether anything of the guard is in AWS. */
export const guardPresent = (state: SpendGuardState): boolean => state.budget !== undefined || state.role || state.denyPolicy;

/** Before the seats go: the budget's actions, then the budget. Parts already gone count as removed. */
export async function removeBudget(
	state: SpendGuardState,
	accountId: string,
	deps: SpendGuardDeps,
	onStep: (step: SpendGuardStep) => void = () => {},
): Promise<void> {
	const {guard} = deps;
	if (!state.budget) return;
	try {
		for (const action of state.actions) {
			await ignoreNotFound(() => guard.deleteBudgetAction(accountId, state.names.budgetName, action.id));
			onStep({part: 'action', name: action.id, outcome: 'deleted'});
		}
		await ignoreNotFound(() => guard.deleteBudget(accountId, state.names.budgetName));
		onStep({part: 'budget', name: state.names.budgetName, outcome: 'deleted'});
	} catch (error) {
		throw budgetsRefused(error, deps.messages);
	}
}

/**
 * After the seats: the role (its inline policies first: DeleteConflict otherwise) and the deny policy. Returns
 * what is left (a deny policy still attached to something that is not a seat is left and named).
 */
export async function removeGuardIam(
	state: SpendGuardState,
	deps: SpendGuardDeps,
	onStep: (step: SpendGuardStep) => void = () => {},
): Promise<ReadonlyArray<{readonly part: GuardPart; readonly name: string; readonly reason: string}>> {
	const left: Array<{part: GuardPart; name: string; reason: string}> = [];
	if (state.role) {
		try {
			for (const policy of await deps.guard.listRolePolicies(state.names.roleName))
				await ignoreNotFound(() => deps.guard.deleteRolePolicy(state.names.roleName, policy));
			await ignoreNotFound(() => deps.guard.deleteRole(state.names.roleName));
			onStep({part: 'role', name: state.names.roleName, outcome: 'deleted'});
		} catch (error) {
			left.push({part: 'role', name: state.names.roleName, reason: describeFailure(error)});
		}
	}
	if (state.denyPolicy) {
		const deletion = await deleteWorkshopPolicy(deps.iam, state.names.policyArn);
		if (deletion.outcome === 'deleted') onStep({part: 'deny-policy', name: state.names.policyName, outcome: 'deleted'});
		else
			left.push({
				part: 'deny-policy',
				name: state.names.policyName,
				reason: deletion.outcome === 'failed' ? describeFailure(deletion.reason) : deps.messages.workshop.create.stalePolicyAttached(state.names.policyName),
			});
	}
	return left;
}

async function ignoreNotFound(work: () => Promise<void>): Promise<void> {
	try {
		await work();
	} catch (error) {
		if (!isAwsFailure(error, 'not-found')) throw error;
	}
}
