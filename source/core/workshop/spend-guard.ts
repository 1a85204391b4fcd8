/**
 * The workshop's spend guard (`workshop create --budget USD`): an AWS Budgets cost budget whose action, once
 * the actual spend crosses the threshold, attaches the workshop's deny policy to every seat (docs/aws-facts.md,
 * 'Budgets'). The names, documents and checks here are pure; flows/workshop/spend-guard.ts makes them.
 *
 * - the deny policy: a customer managed policy denying `bedrock:*` and `bedrock-mantle:*`, under our path and
 *   tagged with the event like the workshop's own policies (but not named like them, so create never takes it
 *   for a stale placement);
 * - the execution role, trusted by budgets.amazonaws.com alone, whose one inline policy allows
 *   iam:AttachUserPolicy and iam:DetachUserPolicy on the seats' users only, and only for the deny policy
 *   (iam:PolicyARN); the seats are named one by one while their ARNs fit in IAM's 10,240 characters, else by
 *   the seats' name prefix;
 * - the budget: COST, MONTHLY, in USD, named after the event;
 * - the actions: APPLY_IAM_POLICY, ACTUAL spend, AUTOMATIC, one per 100 seats (an action lists at most 100
 *   users), subscribed by e-mail (Budgets requires at least one subscriber).
 */
import {customerPolicyArn, iamRoleArn, iamUserArn} from '../arn.js';
import {MANAGED_POLICY_PATH} from '../policy/placement.js';
import {Problem} from '../problem.js';
import {SEAT_NAME_PREFIX, seatUserPrefix} from './seat-names.js';

/** AWS Budgets' service principal, the only one the execution role trusts. */
export const BUDGETS_SERVICE = 'budgets.amazonaws.com';
/** An APPLY_IAM_POLICY action lists at most 100 users (AWS Budgets' IamActionDefinition). */
export const USERS_PER_ACTION = 100;
/** The role's inline policy: what Budgets may do as it. */
export const GUARD_ROLE_POLICY = 'apply-workshop-deny';
export const DEFAULT_THRESHOLD_PERCENT = 100;
/** IAM's role names are at most 64 characters. */
const ROLE_NAME_LIMIT = 64;
/** Below IAM's 10,240 characters for a role's inline policies, with room for the rest of the document. */
const ROLE_POLICY_ROOM = 9000;

export interface SpendGuardNames {
	readonly budgetName: string;
	readonly roleName: string;
	readonly rolePath: string;
	readonly roleArn: string;
	readonly policyName: string;
	readonly policyArn: string;
}

/** What workshop.json records of the guard (never a secret). */
export interface SpendGuardRecord extends SpendGuardNames {
	readonly amountUsd: number;
	readonly thresholdPercent: number;
	readonly email: string;
}

export function spendGuardNames(event: string, accountId: string): SpendGuardNames {
	const slug = seatUserPrefix(event).slice(SEAT_NAME_PREFIX.length, -1);
	const prefix = seatUserPrefix(event);
	const roleName = `${prefix.slice(0, ROLE_NAME_LIMIT - 'budget'.length)}budget`;
	const policyName = `bedrock-key-wizard-workshop-${slug}-deny`;
	return {
		budgetName: `bedrock-key-wizard-workshop-${slug}`,
		roleName,
		rolePath: MANAGED_POLICY_PATH,
		roleArn: iamRoleArn(accountId, roleName, MANAGED_POLICY_PATH),
		policyName,
		policyArn: customerPolicyArn(accountId, MANAGED_POLICY_PATH, policyName),
	};
}

/** The policy the action attaches: no Bedrock or Mantle call of any kind, whatever else the seat holds. */
export function denyPolicyDocument(): string {
	return JSON.stringify({
		Version: '2012-10-17',
		Statement: [{Sid: 'WorkshopBudgetReached', Effect: 'Deny', Action: ['bedrock:*', 'bedrock-mantle:*'], Resource: '*'}],
	});
}

/**
 * Budgets alone may assume the role. No aws:SourceAccount or aws:SourceArn condition: AWS's Budgets guide does
 * not say which of them Budgets sends, and a condition it does not meet would stop the action from ever
 * running; the role can do nothing but attach the deny policy to the seats.
 */
export function trustPolicyDocument(): string {
	return JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: BUDGETS_SERVICE}, Action: 'sts:AssumeRole'}]});
}

/** Attach and detach the deny policy, on the seats' users only: each by name while they fit, else the seats' prefix. */
export function rolePolicyDocument(event: string, accountId: string, userNames: readonly string[], policyArn: string): string {
	const arns = userNames.map((name) => iamUserArn(accountId, name)).sort();
	const listed = arns.reduce((sum, arn) => sum + arn.length + 3, 0) <= ROLE_POLICY_ROOM;
	return JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'ApplyWorkshopDenyToSeats',
				Effect: 'Allow',
				Action: ['iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
				Resource: listed && arns.length > 0 ? arns : iamUserArn(accountId, `${seatUserPrefix(event)}*`),
				Condition: {ArnEquals: {'iam:PolicyARN': policyArn}},
			},
		],
	});
}

/** The seats' users in groups of at most 100, one budget action each, in name order. */
export function actionGroups(userNames: readonly string[]): string[][] {
	const sorted = [...userNames].sort();
	const groups: string[][] = [];
	for (let start = 0; start < sorted.length; start += USERS_PER_ACTION) groups.push(sorted.slice(start, start + USERS_PER_ACTION));
	return groups;
}

/** `--budget`: a positive amount of US dollars, at most two decimals (AWS Budgets keeps amounts as decimal strings). */
export function parseBudgetAmount(value: unknown): number {
	const text = String(value).trim();
	const amount = Number(text);
	if (!/^\d+(\.\d{1,2})?$/.test(text) || !Number.isFinite(amount) || amount <= 0 || amount > 1_000_000_000)
		throw new Problem('usage', (m) => m.workshop.spendGuard.badAmount(String(value)));
	return amount;
}

/** `--budget-threshold`: the percentage of the amount at which the action runs, above 0 and at most 1,000. */
export function parseThresholdPercent(value: unknown): number {
	if (value === undefined) return DEFAULT_THRESHOLD_PERCENT;
	const percent = Number(value);
	if (!Number.isFinite(percent) || percent <= 0 || percent > 1000) throw new Problem('usage', (m) => m.workshop.spendGuard.badThreshold(String(value)));
	return percent;
}

/** `--budget-email`: AWS Budgets requires a subscriber for an action; it writes there when the action runs. */
export function parseBudgetEmail(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) || text.length > 320) throw new Problem('usage', (m) => m.workshop.spendGuard.badEmail(String(value ?? '')));
	return text;
}

/** The amount as Budgets takes it: a decimal string. */
export const budgetAmountText = (amount: number): string => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));
