/** 実行中の文言 (フローのお知らせ、サンドボックスの表示、1 行ずつの出力の確認結果)。形は run.en.ts と同じ。 */
import type {RunMessages} from './run.en.js';

/** ロールバックの記録の種類 (apply.ts の JournalEntry['kind'])。 */
export const journalKindJa: Readonly<Record<string, string>> = {
	'user-created': '作成した IAMユーザー',
	'policy-put': '設定したインラインポリシー',
	'managed-policy-detached': 'デタッチした管理ポリシー',
	'managed-policy-created': '作成した管理ポリシー',
	'policy-version-created': '作成したポリシーバージョン',
	'managed-policy-attached': 'アタッチした管理ポリシー',
	'policy-deleted': '削除したインラインポリシー',
	'api-key-created': '生成した APIキー',
	'access-key-created': '作成したアクセスキー',
	'old-key-deleted': '削除した古いキー',
};

export const runJa: RunMessages = {
	notice: {
		rootUser: 'アカウントのルートユーザーでサインインしています。動作はしますが、IAM ロールか IAMユーザーのほうが安全です。',
		rootUserPreflight:
			'アカウントのルートユーザーでサインインしており、何でもできる状態です。このツールに必要な許可だけを持つ IAM ロールか IAMユーザーを使ってください。',
		preflightNotSimulatable:
			'お使いの認証情報の許可を事前に確認できませんでした (この種類のプリンシパルはシミュレーションできません)。拒否があれば、その時点で報告します。',
		preflightCannotTell: (actions, keys) =>
			`${actions.join('、')} を実行できるかは事前に判断できませんでした。ポリシーの条件が ${keys.join('、')} を必要とし、それは実際の呼び出しにしか含まれません。拒否された場合はその時点で報告します。`,
		preflightFailed: (errorName) => `お使いの認証情報の許可を事前に確認できませんでした (${errorName})。拒否があれば、その時点で報告します。`,
		analyzerUnavailable: (errorName) =>
			`お使いの認証情報では Access Analyzer を使えなかったため、オフラインの評価器でポリシーを確認しました。${errorName ? ` (${errorName})` : ''}`,
		catalogFallback: (reason, asOf) => `最新のモデルカタログを読めなかったため (「${reason}」)、このツールに同梱のカタログ (${asOf}) を使います。`,
		subscriptionsUnchecked: (errorName) =>
			`選んだサードパーティモデルに AWS Marketplace でサブスクライブ済みかを確認できませんでした (${errorName}: bedrock:GetFoundationModelAvailability)。サブスクリプションがなければ実際の呼び出しで分かります。`,
		reportNotUpdated: (path, message) => `${path} に削除したキーを書き込めませんでした: 「${message}」`,
		envTracked: (path, fileName) =>
			`${path} は git の作業ツリー内にあり、無視されていません。コミットする前に "${fileName}" を .gitignore に追加してください。`,
		analyzerFinding: (type, code, message) => `Access Analyzer ${type}: ${code}: 「${message}」`,
	},
	sandbox: {
		banner: (endpoint, accountId, region) => `サンドボックス: ${endpoint} (アカウント ${accountId}、${region})。ここでの操作は本物の AWS に一切触れません。`,
		listening: (endpoint, regionalEndpoint, propagationDelayMs, statePath) =>
			`サンドボックスの AWS が ${endpoint} で待ち受けています (ほかのリージョン: --endpoint-url ${regionalEndpoint}、IAM の変更は ${propagationDelayMs} ms 後に Bedrock に反映${statePath ? `、状態は ${statePath} (すべてのシークレットを平文で保持します。自分だけが読めるディレクトリに置いてください)` : ''})。Ctrl+C で止まります。`,
		stopped: (signal) => `サンドボックスを止めました (${signal})。`,
		shared: (address, port) =>
			`! サンドボックスは ${address} のポート ${port} で待ち受けています。このマシンに届く人は誰でも呼び出せます。これは授業用の練習の AWS で、マルチテナントのサービスではありません。参加者には本人のキーだけを渡し、管理者の認証情報や adminToken は渡さないでください。信頼できるネットワークで使い、授業が終わったら止めてください。制御ルート (/_sandbox/faults) は引き続きこのマシンからだけ、adminToken 付きで応答します。`,
		internalError: (where, message) => `${where} で内部エラー: 「${message}」 (AWS ではなくサンドボックスの不具合)`,
		internalErrors: (count, details) => `サンドボックスで内部エラーが ${count} 件ありました (AWS ではなくサンドボックスの不具合): ${details.join('; ')}`,
	},
	probe: {
		expected: {allow: '許可', deny: '拒否'},
		seatFailure: (model, operation, expected, outcome, diagnosis) =>
			`${model} ${operation}: 期待は${expected}、結果は${outcome}${diagnosis ? ` (${diagnosis})` : ''}`,
	},
	prompt: {
		pickHelp: '↑↓ 移動 • space 選択 • a すべて • i 反転 • ⏎ 決定',
		answer: (yes) => (yes ? 'はい' : 'いいえ'),
	},
	rollbackFailedEntry: (kind, userName, message) => `${journalKindJa[kind] ?? kind} (${userName}): 「${message}」`,
	keptEntry: (kind, userName) => `${journalKindJa[kind] ?? kind} (${userName})`,
};
