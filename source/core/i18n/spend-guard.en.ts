/** The workshop's spend guard (`workshop create --budget`, status, teardown), English: the shape spend-guard.ja.ts must match. */
import type {ProblemText} from './en.js';

type Part = 'deny-policy' | 'role' | 'role-policy' | 'budget' | 'action';
type Outcome = 'created' | 'updated' | 'unchanged' | 'deleted';

const partNames: Readonly<Record<Part, string>> = {
	'deny-policy': 'deny policy',
	role: 'execution role',
	'role-policy': "execution role's policy",
	budget: 'budget',
	action: 'budget action',
};

const usd = (amount: number): string => `${Number.isInteger(amount) ? amount : amount.toFixed(2)} USD`;

export const spendGuardEn = () => ({
	badAmount: (value: string): ProblemText => [
		`--budget must be a positive amount of US dollars, with at most two decimals, not "${value}".`,
		'Give the most the class may spend this month, e.g. --budget 50 or --budget 12.50.',
	],
	badThreshold: (value: string): ProblemText => [
		`--budget-threshold must be a percentage above 0 and at most 1000, not "${value}".`,
		'Give the share of the budget at which the keys are cut off, e.g. --budget-threshold 80 (the default is 100).',
	],
	badEmail: (value: string): ProblemText => [
		`--budget-email must be an e-mail address, not "${value}".`,
		'AWS Budgets writes there when it cuts the keys off, e.g. --budget-email instructor@example.com.',
	],
	needsEmail: [
		'--budget needs --budget-email: AWS Budgets requires someone to tell when its action runs.',
		"Add --budget-email with the instructor's address, e.g. --budget-email instructor@example.com.",
	] as ProblemText,
	refused: (reason: string): ProblemText => [
		`AWS Budgets or IAM refused the spend guard: ${reason}`,
		'Budgets needs budgets:ModifyBudget, budgets:ViewBudget, budgets:CreateBudgetAction, budgets:DescribeBudgetActionsForBudget, budgets:UpdateBudgetAction and budgets:DeleteBudgetAction, iam:PassRole for the role (to budgets.amazonaws.com), and IAM role permissions; in an organisation, a member account may be barred from Budgets by its management account. Run it with such permissions, or without --budget.',
	],
	roleNotOurs: (arn: string): ProblemText => [
		`The role ${arn} exists but is not this workshop's (it lacks the workshop's tag).`,
		'Delete or rename that role, or use another event name.',
	],
	plan: (amount: number, percent: number, seats: number, actions: number) =>
		`Spend guard: a monthly cost budget of ${usd(amount)}; when the actual spend reaches ${percent}% of it, AWS Budgets attaches a policy denying all Amazon Bedrock calls to every seat (${seats} ${seats === 1 ? 'seat' : 'seats'}, ${actions} ${actions === 1 ? 'action' : 'actions'}).`,
	notHardCap:
		'This is a delayed cut-off, not a hard cap: AWS Budgets learns the spend from billing data, which AWS updates only several times a day (it promises no shorter delay), so the class can spend past the amount for hours before the keys stop.',
	wholeAccount: "The budget counts the account's whole cost this month, not only this class's: earlier or other spending brings the cut-off forward.",
	email: (address: string) => `AWS Budgets writes to ${address} when the action runs.`,
	step: (part: Part, name: string, outcome: Outcome) => `${partNames[part]} ${name}: ${outcome}`,
	amountKept: (kept: number, asked: number) =>
		`The budget exists already with ${usd(kept)}, not ${usd(asked)}: it was left as it is (change it in the AWS Budgets console, or tear the workshop down first).`,
	ranAlready: (status: string) =>
		`A budget action has already run (${status}): seats added since then are not cut off by it. Tear down and create the workshop again for a fresh guard.`,
	statusHeading: 'Spend guard',
	statusLine: (amount: number, spend: number | undefined, percent: number | undefined) =>
		`budget ${usd(amount)} a month, spend known so far ${spend === undefined ? 'unknown' : usd(spend)}${percent === undefined ? '' : `, cut-off at ${percent}%`}`,
	actionLine: (id: string, status: string, users: number) => `action ${id}: ${status} (${users} ${users === 1 ? 'seat' : 'seats'})`,
	statusLate: 'AWS learns the spend from billing data several times a day: the figure above can be hours old.',
	noBudget: 'no budget (create with --budget to add one)',
	missingParts: (parts: string) => `Left from an earlier guard without its budget: ${parts}. Teardown removes them.`,
	teardownPlan: (budget: string | undefined, actions: number, role: boolean, policy: boolean) =>
		`Spend guard: ${[budget ? `budget ${budget} with ${actions} ${actions === 1 ? 'action' : 'actions'}` : undefined, role ? 'its execution role' : undefined, policy ? 'its deny policy' : undefined].filter(Boolean).join(', ')}`,
	removed: (part: Part, name: string) => `${partNames[part]} ${name} deleted`,
	left: (part: Part, name: string, reason: string) => `${partNames[part]} ${name} is left: ${reason}`,
	leftBecauseSeats: 'The execution role and the deny policy are left until every seat is gone; run teardown again.',
});

export type SpendGuardMessages = ReturnType<typeof spendGuardEn>;
