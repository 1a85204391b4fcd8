/** ワークショップの支出ガード (`workshop create --budget`、status、teardown)。形は spend-guard.en.ts と同じ。 */
import type {ProblemText} from './en.js';
import type {SpendGuardMessages} from './spend-guard.en.js';

const partNames = {
	'deny-policy': '拒否ポリシー',
	role: '実行ロール',
	'role-policy': '実行ロールのポリシー',
	budget: '予算',
	action: '予算アクション',
} as const;

const outcomes = {created: '作成しました', updated: '更新しました', unchanged: '変更なし', deleted: '削除しました'} as const;

const usd = (amount: number): string => `${Number.isInteger(amount) ? amount : amount.toFixed(2)} USD`;

export const spendGuardJa: SpendGuardMessages = {
	badAmount: (value): ProblemText => [
		`--budget には小数点以下 2 桁までの正の米ドル金額を指定してください (「${value}」は使えません)。`,
		'今月このクラスで使ってよい上限を指定します。例: --budget 50、--budget 12.50',
	],
	badThreshold: (value): ProblemText => [
		`--budget-threshold には 0 より大きく 1000 以下のパーセントを指定してください (「${value}」は使えません)。`,
		'予算の何パーセントでキーを止めるかを指定します。例: --budget-threshold 80 (既定は 100)',
	],
	badEmail: (value): ProblemText => [
		`--budget-email にはメールアドレスを指定してください (「${value}」は使えません)。`,
		'AWS Budgets がキーを止めたときにここへ知らせます。例: --budget-email instructor@example.com',
	],
	needsEmail: [
		'--budget には --budget-email が必要です。AWS Budgets はアクションの実行を知らせる宛先を必須としています。',
		'講師のアドレスを --budget-email で指定してください。例: --budget-email instructor@example.com',
	],
	refused: (reason): ProblemText => [
		`AWS Budgets または IAM が支出ガードを拒否しました: ${reason}`,
		'Budgets には budgets:ModifyBudget、budgets:ViewBudget、budgets:CreateBudgetAction、budgets:DescribeBudgetActionsForBudget、budgets:UpdateBudgetAction、budgets:DeleteBudgetAction、ロールの iam:PassRole (budgets.amazonaws.com 宛て)、IAM ロールの権限が必要です。組織では、管理アカウントがメンバーアカウントの Budgets を禁じていることがあります。これらの権限で実行するか、--budget なしで実行してください。',
	],
	roleNotOurs: (arn): ProblemText => [
		`ロール ${arn} は存在しますが、このワークショップのものではありません (ワークショップのタグがありません)。`,
		'そのロールを削除するか名前を変えるか、別のイベント名を使ってください。',
	],
	plan: (amount, percent, seats, actions) =>
		`支出ガード: 月額 ${usd(amount)} のコスト予算。実際の支出がその ${percent}% に達すると、AWS Budgets が Amazon Bedrock の呼び出しをすべて拒否するポリシーを全座席に付けます (${seats} 座席、アクション ${actions} 件)。`,
	notHardCap:
		'これは遅れて効く停止で、上限の保証ではありません。AWS Budgets は請求データから支出を知りますが、AWS がそれを更新するのは 1 日に数回だけで (これより短い遅れは保証されていません)、キーが止まるまでの数時間に金額を超えて使われることがあります。',
	wholeAccount: '予算はこのクラスの分だけでなく、今月のアカウント全体のコストを数えます。それまでの支出やほかの利用があると、早く止まります。',
	email: (address) => `アクションが実行されると、AWS Budgets が ${address} に知らせます。`,
	step: (part, name, outcome) => `${partNames[part]} ${name}: ${outcomes[outcome]}`,
	amountKept: (kept, asked) =>
		`予算は ${usd(asked)} ではなく ${usd(kept)} ですでに存在するため、そのままにしました (AWS Budgets のコンソールで変えるか、先にワークショップを後片付けしてください)。`,
	ranAlready: (status) =>
		`予算アクションはすでに実行されています (${status})。その後に追加した座席は止まりません。新しいガードにするには、後片付けしてからワークショップを作り直してください。`,
	statusHeading: '支出ガード',
	statusLine: (amount, spend, percent) =>
		`予算 月額 ${usd(amount)}、これまでに分かっている支出 ${spend === undefined ? '不明' : usd(spend)}${percent === undefined ? '' : `、${percent}% で停止`}`,
	actionLine: (id, status, users) => `アクション ${id}: ${status} (${users} 座席)`,
	statusLate: 'AWS は請求データから 1 日に数回支出を知ります。上の金額は数時間前のものかもしれません。',
	noBudget: '予算なし (--budget を付けて create すると追加できます)',
	missingParts: (parts) => `予算のない以前のガードの残り: ${parts}。後片付けで削除されます。`,
	teardownPlan: (budget, actions, role, policy) =>
		`支出ガード: ${[budget ? `予算 ${budget} (アクション ${actions} 件)` : undefined, role ? '実行ロール' : undefined, policy ? '拒否ポリシー' : undefined].filter(Boolean).join('、')}`,
	removed: (part, name) => `${partNames[part]} ${name} を削除しました`,
	left: (part, name, reason) => `${partNames[part]} ${name} は残っています: ${reason}`,
	leftBecauseSeats: '実行ロールと拒否ポリシーは、すべての座席がなくなるまで残します。もう一度 teardown を実行してください。',
};
