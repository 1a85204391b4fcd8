/** `check`・`cleanup`・入力不足エラーの日本語メッセージ。形は check.en.ts と同じ(型で強制)。 */
import type {ProblemText} from './en.js';
import type {checkEn} from './check.en.js';
import {formatDay, formatTime} from './time.js';

const list = (items: readonly string[]): string => items.join('、');

export const checkJa: ReturnType<typeof checkEn> = {
	tui: {
		title: 'Bedrock キーの確認',
		key: (masked, kind) =>
			`キー ${masked} (${({LONG_TERM: '長期 APIキー', SHORT_TERM: '短期 APIキー', 'api-key': 'APIキー', sigv4: 'アクセスキー'} as Record<string, string>)[kind] ?? kind})`,
		running: (count) => `確認中 ${count} 件…`,
		tightenQuestion: '上の最小権限ポリシーをキーのユーザーに適用しますか? (y/n)',
		keys: 'ctrl+c 中止',
		noNewAccess: (result) => `Access Analyzer CheckNoNewAccess: ${result}`,
	},
	keyShape: {
		empty: ['API キーが空です。', 'キー全体を貼り付けてください(ABSK または bedrock-api-key- で始まります)。'] as ProblemText,
		'inner-whitespace': [
			'API キーに空白や改行が含まれています。コピー時に途切れたか折り返されています。',
			'キーを一続きでコピーし直してください(キーに空白はありません)。',
		] as ProblemText,
		'presigned-url': [
			'それは短期 API キーの中にある署名付き URL で、キーそのものではありません。',
			'短期キーは "bedrock-api-key-" にその URL の base64 を続けたものです。トークン生成ツールが出力したとおりに使ってください。',
		] as ProblemText,
		'access-key-id': [
			'それはアクセスキー ID(AKIA…/ASIA…)で、Bedrock API キーではありません。',
			'アクセスキーを確認するにはプロファイルに設定して --profile NAME を指定してください。API キーは ABSK または bedrock-api-key- で始まります。',
		] as ProblemText,
		'secret-access-key': [
			'それはシークレットアクセスキーのようで、Bedrock API キーではありません。',
			'アクセスキーを確認するにはプロファイルに設定して --profile NAME を指定してください。API キーは ABSK または bedrock-api-key- で始まります。',
		] as ProblemText,
		'unknown-prefix': [
			'Bedrock API キーではありません。ABSK(長期)でも bedrock-api-key-(短期)でも始まっていません。',
			'貼り付けた内容を確認してください。Bedrock はこのような値に "Invalid API Key format" と返します。',
		] as ProblemText,
		'short-term-unreadable': [
			'短期 API キーを復号できません(base64 部分が壊れているか途切れています)。',
			'キー全体をコピーし直すか、新しいキーを作成してください。',
		] as ProblemText,
	},
	shortTermExpired: (expiresAt: string) =>
		[
			`この短期 API キーは ${formatTime(expiresAt)} に期限切れになりました。`,
			'新しいキーを作成してください(短期キーの有効期間は最長 12 時間です)。',
		] as ProblemText,
	shortTermOtherRegion: (keyRegion: string, region: string) =>
		[
			`この短期 API キーは ${keyRegion} 用ですが、確認先は ${region} です。短期キーは作成したリージョンでのみ使えます。`,
			`--region ${keyRegion} で確認するか、${region} 用のキーを作成してください。`,
		] as ProblemText,
	cleanedKey: (what: readonly string[]) => `貼り付けたキーから ${list(what)} を取り除きました。`,
	reportNoProbes: 'model・operation・expected のそろった probes がありません',
	cleaned: {'env-prefix': '先頭の AWS_BEARER_TOKEN_BEDROCK=', 'bearer-prefix': 'ヘッダーの "Bearer" の部分', quotes: '引用符'},
	keyOnArgv: [
		'--api-key は受け付けません。コマンドラインのキーはシェル履歴に残り、このマシンのすべてのプロセスから(ps で)見えます。',
		'AWS_BEARER_TOKEN_BEDROCK を設定するか、--api-key-stdin でパイプするか、ターミナルで実行して(非表示で)入力してください。',
	] as ProblemText,
	missingFlags: (flags: readonly string[]) =>
		[
			`回答が足りませんが、ここでは質問できません(ターミナルなし、CI、--json または --no-input): ${list(flags)}。`,
			`${list(flags)} を指定して再実行してください。`,
		] as ProblemText,
	keySource: 'AWS_BEARER_TOKEN_BEDROCK(または --api-key-stdin、--profile)',
	stdinEmpty: [
		'--api-key-stdin が指定されましたが、標準入力に何もありません。',
		'キーをパイプで渡してください。例: `pass show bedrock-key | bedrock-key-wizard check --api-key-stdin`',
	] as ProblemText,
	profileIsTemporary: (profile: string) =>
		[
			`プロファイル ${profile} は一時的な認証情報(ロールまたは SSO セッション)で、キー用ユーザーのアクセスキーではありません。`,
			'Bedrock API キー、またはキーを持つ IAM ユーザーのプロファイルを確認してください。',
		] as ProblemText,
	reportUnreadable: (path: string, reason: string) =>
		[
			`${path} はこのツールが読める bedrock-key-report.json ではありません(「${reason}」)。`,
			'create が保存したレポートを指定するか、--expect-allowed/--expect-denied を使ってください。',
		] as ProblemText,
	promptKey: 'Bedrock API キー(入力は表示されません)',
	checking: (count: number, region: string) => `${region} で ${count} 件の実際の呼び出しによりキーを確認しています…`,
	discovering: (count: number, region: string) =>
		`期待値の指定がないため、${region} の ACTIVE なチャット・埋め込みモデル ${count} 件をそれぞれ安価な呼び出しで試します…`,
	discovery: {
		title: (allowed: number, tried: number, region: string) => `${region} で試した ${tried} 件のモデルのうち、このキーが呼び出せるのは ${allowed} 件です:`,
		allowed: (count: number) => `許可 (${count} 件)`,
		iamRefused: (count: number) => `IAM が拒否 (${count} 件): キーのポリシーが許可していません`,
		other: (count: number) => `ほかの理由で使えない (${count} 件)`,
		reason: (reason: string, count: number, aws?: string) => `${reason} (${count} 件)${aws ? ` AWS の応答:「${aws}」` : ''}`,
		none: 'なし',
		progress: (done: number, total: number, allowed: number, refused: number, other: number) =>
			`${total} 件中 ${done} 件を試しました: 許可 ${allowed} 件、IAM が拒否 ${refused} 件、ほかの理由で使えない ${other} 件…`,
	},
	keyRejected: (calls: number, reason: string, fix: string, aws?: string): ProblemText => [
		`AWS がキーそのものを拒否したため、モデルを確認できませんでした (${calls === 1 ? '最初の呼び出し' : `${calls} 件すべての呼び出し`}が同じ応答でした): ${reason}${aws ? ` AWS の応答:「${aws}」` : ''}`,
		fix,
	],
	principal: (arn: string) => `このキーの所有者は ${arn} です。`,
	principalUnknown:
		'キーを持つ IAM ユーザーを特定できませんでした(ユーザー名を含む拒否メッセージがありませんでした)。ユーザーを調べるには --admin-profile と --user-name を指定してください。',
	passed: 'すべての期待どおりでした。許可した呼び出しは応答し、禁止した呼び出しは拒否されました。',
	failed: (models: readonly string[]) => `キーが期待どおりに動作しません${models.length > 0 ? `。禁止したモデル ${list(models)} を呼び出せます` : ''}。`,
	user: {
		heading: (userName: string) => `IAM ユーザー ${userName}`,
		created: (date: string, days: number) => `${formatDay(date)} 作成(${days} 日前)`,
		managed: 'bedrock-key-wizard が作成',
		notManaged: 'bedrock-key-wizard が作成したものではありません',
		inline: (names: readonly string[]) => `インラインポリシー: ${names.length > 0 ? list(names) : 'なし'}`,
		attached: (names: readonly string[]) => `アタッチされた管理ポリシー: ${names.length > 0 ? list(names) : 'なし'}`,
		broad: (name: string) => `${name} はこのユーザーにすべてのモデル(とそれ以上)の呼び出しを許可します。キーは必要な範囲に限定されていません。`,
		noGuardrail: 'ガードレールがありません。InvokeModel を選んだモデルに限定する Deny がないため、後から広いポリシーがアタッチされるとキーの権限が広がります。',
		apiKey: (id: string, status: string, ageDays: number | undefined, expiresAt: string | undefined) =>
			`API キー ${id}: ${status}${ageDays !== undefined ? `、作成から ${ageDays} 日` : ''}、${expiresAt ? `有効期限 ${formatDay(expiresAt)}` : '有効期限なし'}`,
		neverExpires: (id: string) => `API キー ${id} には有効期限がありません。期限付きのキーを --expires-in-days で作成し、このキーを削除してください。`,
		accessKey: (id: string, status: string) => `アクセスキー ${id}: ${status}`,
		notFound: (userName: string) => `管理者の認証情報で IAM ユーザー ${userName} が見つかりませんでした。`,
	},
	tighten: {
		proposal: (models: readonly string[]) => `キーが呼び出すべきモデル(${list(models)})に限定した最小権限ポリシー:`,
		detach: (name: string) => `${name} をデタッチします`,
		noNewAccess: (result: string): string =>
			result === 'PASS'
				? 'Access Analyzer CheckNoNewAccess: PASS — 新しいポリシーはユーザーが現在持っていない権限を何も与えません。'
				: 'Access Analyzer CheckNoNewAccess: FAIL — 新しいポリシーはユーザーが現在持っていない権限を与えます。',
		noNewAccessUnavailable: '管理者の認証情報では Access Analyzer CheckNoNewAccess を使えなかったため、オフラインの評価器でポリシーを確認しました。',
		notCompared: (names: readonly string[]) => `比較対象外(このツールはドキュメントを知りません): ${list(names)}。`,
		confirm: 'このユーザーに最小権限ポリシーを今すぐ適用しますか?',
		hint: '適用するには --tighten を付けて再実行してください。',
		needsExpectations: '最小権限ポリシーを提案するには、キーが呼び出すべきものを --expect-allowed または --report で指定してください。',
		applied: (userName: string) => `${userName} に最小権限ポリシーを適用しました。IAM の反映を待ちながら再確認しています…`,
		refusedBroader: '適用しませんでした。Access Analyzer によると新しいポリシーは新たな権限を与えます。',
		managed: (names) => `ユーザーの他のインラインポリシーと合わせるとインラインに収まらないため、カスタマー管理ポリシー ${list(names)} に入れます。`,
		rolledBack: (count) => `絞り込みが途中で失敗しました。変更 ${count} 件を元に戻したため、ユーザーの権限は以前のままです。`,
		notUndone: (count) => `絞り込みが途中で失敗し、変更のうち ${count} 件を元に戻せませんでした:`,
	},
	cleanup: {
		nothing:
			'削除対象はありません。bedrock-key-wizard:managed=true タグの付いた該当 IAM ユーザーも、どこにもアタッチされていないこのツールのポリシーもありません。',
		found: (count: number) => `bedrock-key-wizard が作成した IAM ユーザー ${count} 件:`,
		user: (userName: string, age: string, keys: string) => `${userName}  (${age})  ${keys}`,
		age: (days: number | undefined): string => (days === undefined ? '作成日不明' : `作成から ${days} 日`),
		keys: (apiKeys: number, accessKeys: number, nextExpiry: string | undefined) =>
			`API キー ${apiKeys} 件${nextExpiry ? `(有効期限 ${formatDay(nextExpiry)})` : ''}、アクセスキー ${accessKeys} 件`,
		dryRun: 'ドライランです。何も削除していません。これらのユーザーと関連するすべてを削除するには --yes を付けて再実行してください。',
		foundPolicies: (count: number) =>
			`bedrock-key-wizard が作成し、どこにもアタッチされていないカスタマー管理ポリシー ${count} 件(中断した実行か、手で削除されたユーザーの残り):`,
		policy: (name: string, age: string) => `${name}  (${age})`,
		policyDeleted: (arn: string) => `アタッチされていないポリシー ${arn} を削除しました`,
		confirm: (users: number, policies: number) =>
			`${[users > 0 ? `${users} 件のユーザーとそのキー・ポリシー` : '', policies > 0 ? `アタッチされていないポリシー ${policies} 件` : ''].filter(Boolean).join('と')}を削除しますか?`,
		deleting: (userName: string) => `${userName} を削除しています…`,
		step: (kind: string, id: string) => `${kind} ${id} を削除しました`,
		deleted: (count: number, policies: number) => `${count} 件のユーザー${policies > 0 ? `とアタッチされていないポリシー ${policies} 件` : ''}を削除しました。`,
		failed: (userName: string, message: string) => `${userName} を削除できませんでした: 「${message}」`,
		notManaged: (userName: string) =>
			[
				`IAM ユーザー ${userName} には bedrock-key-wizard:managed=true タグがないため、cleanup は触れません。`,
				'このツールが作成していないユーザーは IAM コンソールか AWS CLI で削除してください。',
			] as ProblemText,
		badDuration: (value: string) => [`--older-than "${value}" は期間ではありません。`, '数値と単位で指定してください: 30m、12h、7d、2w。'] as ProblemText,
		cancelled: (deleted: number, total: number) =>
			[
				deleted === 0 ? '中止しました: 何も削除していません。' : `中止しました: ${total} 人中 ${deleted} 人の IAM ユーザーを削除しました。`,
				'残りを確かめて削除するには、cleanup をもう一度実行してください。削除を始めていたユーザーは最後まで削除しました。',
			] as ProblemText,
	},
};
