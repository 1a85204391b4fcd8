/** 日本語のメッセージ。用語は AWS コンソールの日本語表記に合わせる (APIキー、推論プロファイル、リージョン、モデルID)。 */
import {checkJa} from './check.ja.js';
import {clientsJa} from './clients.ja.js';
import {minuteOf, type KeyFacts, type Messages, type ProblemText} from './en.js';
import {problemsJa} from './problems.ja.js';
import {questionsJa} from './questions.ja.js';
import {quotaPlanJa} from './quota-plan.ja.js';
import {journalKindJa, runJa} from './run.ja.js';
import {formatTime} from './time.js';
import {uiJa} from './ui.ja.js';
import {workshopJa} from './workshop.ja.js';

const guardrailJa: Record<string, string> = {
	'service control policy': 'サービスコントロールポリシー',
	'resource control policy': 'リソースコントロールポリシー',
	'permissions boundary': 'アクセス許可の境界',
};

const list = (items: readonly string[]): string => items.join('、');
const tokenTypeName = (type: string): string => (type === 'LONG_TERM' ? '長期' : '短期');
const keyTypeName = (type: KeyFacts['type']): string => (type === 'api-key' ? 'APIキー' : 'アクセスキー');
const statusName = {Active: '有効', Inactive: '無効', Expired: '期限切れ'} as const;
const keyLine = (key: KeyFacts): string =>
	`${keyTypeName(key.type)} ${key.id}: 作成 ${key.createdAt ? minuteOf(key.createdAt) : '(不明)'}、${key.expiresAt ? `有効期限 ${minuteOf(key.expiresAt)}` : key.type === 'api-key' ? '有効期限なし' : '有効期限はありません'}${key.status === 'Active' ? '' : ` (${statusName[key.status]})`}`;

export const ja: Messages = {
	ui: uiJa,
	workshop: workshopJa,
	quotaPlan: quotaPlanJa,
	problems: problemsJa,
	run: runJa,
	questions: questionsJa,
	clients: clientsJa,
	policy: {
		explain: {
			apiKey: (tokenTypes) =>
				`このユーザーの${tokenTypes.map(tokenTypeName).join('・')}APIキーで Bedrock に認証できるようにします (bedrock:CallWithBearerToken)。このアクションにはリソースタイプがないため、IAM は "*" でしか一致させません。bedrock:bearerTokenType の条件で、その種類のキーだけに限定しています。`,
			invokeModels: (modelIds, streaming) =>
				`このリージョンで ${list(modelIds)} をモデルIDで呼び出せるようにします (InvokeModel と Converse${streaming ? '、およびそのストリーミング版' : '。ストリーミングは許可しません'})。`,
			invokeProfiles: (profileIds, streaming) =>
				`推論プロファイル ${list(profileIds)} を呼び出せるようにします (InvokeModel と Converse${streaming ? '、およびそのストリーミング版' : '。ストリーミングは許可しません'})。`,
			profileDestinations: (profileId, modelId, regions, regionless, form) =>
				`${profileId} 経由の呼び出しは宛先リージョン (現在は ${regions.length} 個: ${list(regions)}) のいずれかで ${modelId} が処理し、IAM はそのリージョンのモデルも確認します。${
					form === 'any-region'
						? 'リージョンはワイルドカード (arn:aws:bedrock:*::) 1 つで書いています。AWS がプロファイルにリージョンを追加してもポリシーはそのまま使え、条件によりこのプロファイル経由でしか許可しないので、許可が広がることもありません。'
						: 'リージョンは現在のものを 1 つずつ列挙しています。AWS がプロファイルにリージョンを追加すると、そこへ振り分けられた呼び出しはポリシーを作り直すまで失敗します (既定のワイルドカード形式ではこの問題は起きません)。'
				}${regionless ? 'グローバルプロファイルのため、リージョンのないモデル ARN も必要です。' : ''}モデルを直接呼び出すことは拒否されたままです。`,
			profileModelsAnyRegion: (profileIds, modelIds) =>
				`${list(profileIds)} 経由の呼び出しは、プロファイルの宛先リージョンで ${list(modelIds)} が処理し、IAM はそのモデルも確認します。リージョンはワイルドカード (arn:aws:bedrock:*::) 1 つで書くので AWS がリージョンを追加しても使え、サイズを節約するためプロファイルをまとめて 1 つのステートメントにしています。条件によって選んだプロファイル経由でのみ許可し、モデルを直接呼び出すことは拒否されたままです。`,
			guardrail: () =>
				'ほかのモデルやプロファイルの呼び出しを明示的に拒否します。後から AmazonBedrockFullAccess のような広い管理ポリシーがアタッチされても有効です。明示的な Deny は常に Allow より優先されます。対象外のもの: このユーザーとしてではなくサービスロールで AWS が行う処理 (エージェント、フロー、バッチ推論ジョブなど) と、ユーザーがサービスに渡せるロール (iam:PassRole)。ユーザーには iam:PassRole やそれらを開始する権限を与えないでください。',
			guardrailProfiles: (profileIds) =>
				`${list(profileIds)} の背後にあるモデルを、そのプロファイル経由以外で呼び出すことを拒否します。後から広いポリシーがアタッチされても、モデルを直接呼び出せるようにはなりません。`,
			guardrailMantle: () =>
				'Mantle エンドポイントのすべてのアクション (bedrock-mantle:*。CreateInference と CallWithBearerToken を含む) を拒否します。Bedrock の API キーは別の権限体系の Mantle でも使えるため、これがないと後から広いポリシー (AmazonBedrockFullAccess は bedrock-mantle:* を許可します) がアタッチされたとき、キーで Mantle 経由であらゆるモデルを呼び出せてしまいます。',
			expiry: (expiresAt) =>
				`${formatTime(expiresAt)} 以降は、ほかに何がアタッチされていても、両方のエンドポイント (bedrock:* と bedrock-mantle:*) で Bedrock の呼び出しをすべて拒否します。`,
		},
		warning: {
			legacy: (id, name, date) =>
				`${name} (${id}) はレガシーモデルです${date ? `。${date} にサポート終了 (EOL) になります` : ''}。ポリシーでは許可しますが、現行モデルへの移行を計画してください。`,
			endOfLife: (id, name, date) =>
				`${name} (${id}) はサポート終了 (EOL) です${date ? ` (${date})` : ''}。Bedrock はもう提供していないため、ポリシーに関係なく呼び出しは失敗します。`,
			compacted: () =>
				'IAM のサイズ上限に収めるため、プロファイルの宛先を 1 つのステートメントにまとめました (それでも足りない場合は、ステートメント ID を省き、呼び出しアクションを bedrock:InvokeModel* と書いています)。許可と拒否の内容は変わりません。',
		},
		problem: {
			unknownId: (id, suggestions) =>
				[
					`"${id}" はこのツールが知っているモデルIDでも推論プロファイルIDでもありません。`,
					suggestions.length > 0 ? `もしかして: ${list(suggestions)}` : 'Bedrock コンソールのモデルカタログで ID を確認してください。',
				] as ProblemText,
			needsAccount: (id) =>
				[
					`"${id}" は推論プロファイルで、その ARN には AWS アカウント ID が入ります。`,
					'--account 123456789012 (12 桁のアカウント ID) を指定するか、認証情報を設定して実行してください (自動で調べます)。',
				] as ProblemText,
			notInRegion: (id, region, regions) =>
				[
					`${id} は ${region} では提供されていません。`,
					regions.length > 0 ? `提供しているリージョン: ${list(regions)}。--region でいずれかを指定してください。` : '提供しているリージョンはもうありません。',
				] as ProblemText,
			needsProfile: (id, region, profileIds) =>
				[
					`${id} は ${region} ではモデルIDで直接呼び出せません。推論プロファイル経由でのみ提供されています。`,
					`代わりにプロファイル ID を指定してください: ${list(profileIds)}`,
				] as ProblemText,
			profileNotInRegion: (id, region, sourceRegions) =>
				[
					`推論プロファイル ${id} は ${region} から呼び出せません。`,
					sourceRegions.length > 0 ? `呼び出せるリージョン: ${list(sourceRegions)}` : 'カタログに呼び出し元リージョンがありません。',
				] as ProblemText,
			several: (count) => `これら ${count} 個の ID を直してから、もう一度実行してください。`,
			applicationProfileNeedsModel: (id) =>
				[
					`アプリケーション推論プロファイル ${id} に、コピー元のモデルが指定されていません。`,
					'<プロファイル ARN>=<モデルIDまたはプロファイルID> の形で指定してください。例: arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc123=us.anthropic.claude-haiku-4-5-20251001-v1:0',
				] as ProblemText,
		},
		matrix: {
			title: 'このポリシーで許可されること (オフラインの IAM 評価器で確認)',
			request: 'リクエスト',
			expected: '期待',
			decision: '判定',
			allowed: '許可',
			denied: '拒否',
			asExpected: '期待どおり',
			unexpected: '期待と異なる',
			apiKeyRow: (tokenType) => `${tokenTypeName(tokenType)}APIキーで認証`,
			callRow: (id, streaming) => `${id} を${streaming ? 'ストリーミングで' : ''}呼び出す`,
			directRow: (modelId, region) => `${region} で ${modelId} を直接呼び出す`,
		},
		size: (size, limit) => `${limit} 文字中 ${size} 文字`,
		placement: (kind, parts) =>
			kind === 'inline' ? 'ユーザーのインラインポリシー' : parts === 1 ? 'カスタマー管理ポリシー' : `カスタマー管理ポリシー ${parts} 個`,
		part: (name, index, count) => `管理ポリシー ${index + 1}/${count}: ${name}`,
		managedWarning: (parts, size) =>
			parts === 1
				? `ポリシーには ${size} 文字が必要で、IAM がインラインポリシーに許す 2,048 文字を超えるため、ユーザーにアタッチするカスタマー管理ポリシー (6,144 文字まで) として書いています。`
				: `ポリシーには ${size} 文字が必要で、管理ポリシー 1 つ (6,144 文字) に収まらないため、同じユーザーにアタッチする ${parts} 個のカスタマー管理ポリシーに分けています。IAM はそれらをまとめて評価します。1 ユーザーにアタッチできる管理ポリシーは既定で 10 個までで、すでにアタッチされているものも数えます。`,
		heading: {
			policy: 'ポリシー',
			explanation: '各ステートメントの説明',
			warnings: '警告',
		},
	},
	verify: {
		finding: {
			allowed: ['モデルが応答しました。', ''] as ProblemText,
			'iam-denied': [
				'IAM が呼び出しを拒否しました。キーのポリシーに許可するステートメントがないか、Deny に一致しています。',
				'このモデルを許可するはずなら、ポリシーにその ARN (プロファイル経由なら全宛先リージョン) があるか確認してください。変更直後なら IAM の反映を待ってください。',
			] as ProblemText,
			'bearer-denied': [
				'モデルを試す前に APIキーが拒否されました。bedrock:CallWithBearerToken が許可されていません。',
				'bedrock:CallWithBearerToken を "Resource": "*" で許可してください (リソースタイプがないため、モデル ARN を並べても一致しません)。',
			] as ProblemText,
			'invalid-key': [
				'キーが受け付けられませんでした (不明、削除済み、無効化、期限切れ、または APIキーではない)。形式は先に確認済みのため、正しい形式のキーでは、ユーザーに bedrock:CallWithBearerToken が拒否されている可能性もあります (AWS はどちらも "Invalid API Key format" と答えます)。',
				'キー全体を貼り付けたか確認してください。新しいキーは使えるまで 1 分ほどかかることがあります。削除や期限切れなら新しいキーを作成し、そうでなければユーザーのポリシーが "*" に対して bedrock:CallWithBearerToken を許可しているか確認してください。',
			] as ProblemText,
			'region-mismatch': [
				'このリージョンではキーが使えません (短期キーは作成したリージョンに限定されます)。',
				'キーを作成したリージョンで使うか、このリージョン用に新しいキーを作成してください。',
			] as ProblemText,
			marketplace: [
				'AWS Marketplace のサブスクリプションがなく、キーにはサブスクライブする権限がないため、モデルが拒否されました。',
				'キーに Marketplace の権限を与えるのではなく、管理者が一度サブスクライブしてください (ウィザードはあなたの認証情報でモデル契約を作成できます)。',
			] as ProblemText,
			'org-denied': [
				'キーのポリシーではなく、組織のガードレール (サービスコントロールポリシー、リソースコントロールポリシー、またはアクセス許可の境界) が拒否しました。',
				'キーをどう変えても直りません。組織の管理者に相談してください。',
			] as ProblemText,
			'legacy-unused': [
				'AWS はこのモデルをレガシーとし、最近使ったアカウントにだけ提供しています。このアカウントは使っていません。',
				'アクティブなモデルを選んでください (ウィザードが一覧を出します)。このアカウントでレガシーモデルを使えるようには戻せません。',
			] as ProblemText,
			'use-case-form': [
				'Anthropic のモデルには、アカウントごとに一度ユースケースの申請が必要です。',
				'Bedrock コンソール (モデルカタログ → Anthropic のモデル) で一度申請してから、もう一度確認してください。',
			] as ProblemText,
			'needs-profile': [
				'このモデルはここではモデルIDで直接呼び出せません。推論プロファイル経由でのみ提供されています。',
				'推論プロファイル ID (例: us.… や global.…) で呼び出し、そのプロファイルをポリシーで許可してください。',
			] as ProblemText,
			'end-of-life': ['このモデルはサポート終了 (EOL) で、Bedrock はもう提供していません。', '現行のモデルを選んでください。'] as ProblemText,
			'invalid-model': ['このリージョンの Bedrock はこのモデルIDを知りません。', 'ID とリージョンを確認してください。'] as ProblemText,
			throttled: [
				'Bedrock が呼び出しをスロットリングしました。',
				'少し待ってからもう一度確認してください。続く場合はクォータの引き上げを申請してください。',
			] as ProblemText,
			'server-error': ['Bedrock がサーバーエラーで失敗しました。', 'しばらくしてからもう一度確認してください。'] as ProblemText,
			network: ['呼び出しが Bedrock に届きませんでした (ネットワーク)。', '接続、プロキシ、--endpoint-url を確認してください。'] as ProblemText,
			other: ['このツールが認識できない理由で呼び出しが失敗しました。', '--debug を付けて実行すると、エラーの全文が表示されます。'] as ProblemText,
		},
		organisationDenied: (guardrail, action, region, viaProfile, explicit) => {
			const name = guardrailJa[guardrail] ?? guardrail;
			const where = region === 'unspecified' ? 'リージョン "unspecified" (グローバルプロファイルのリージョンなしのモデルを IAM はこう見ます)' : region;
			const regions = viaProfile
				? `推論プロファイルのすべての宛先リージョン${region === 'unspecified' ? ' (とグローバルプロファイルの "unspecified" リージョン)' : ` (${region} を含む)`}で`
				: `${region} で`;
			const owner = guardrail === 'permissions boundary' ? 'キーの IAM ユーザーの' : '組織またはアカウントの';
			const why = explicit
				? `キーのポリシーではなく${owner} ${name} の明示的な拒否で拒否されました`
				: `キーのポリシーではなく、${owner} ${name} が許可していないため拒否されました (${name} はそれ自体では何も許可しませんが、許可していないものは拒否します)`;
			const instead = viaProfile
				? '許可されたリージョンのプロファイル (またはオンデマンドのモデル) を選んでください。'
				: `${name}が許可するリージョンを使ってください。`;
			return [
				`${where} での ${action} は、${why}。再試行してもキーを広げても解決しません。`,
				guardrail === 'permissions boundary'
					? explicit
						? `キーのユーザーのアクセス許可の境界から、${regions}の ${action} の拒否 (Deny) を外すか、境界そのものをユーザーから外すようアカウントの管理者に依頼するか、${instead}`
						: `${regions}の ${action} をキーのユーザーのアクセス許可の境界に追加するか、境界そのものをユーザーから外すようアカウントの管理者に依頼するか、${instead}`
					: explicit
						? `${regions} ${action} を許可する (${name}の拒否を外す) よう組織の管理者に依頼するか、${instead}`
						: `${regions} ${action} を許可する Allow をこのアカウントにかかる${name}に追加する (組織のすべての階層で許可が必要です) よう組織の管理者に依頼するか、${instead}`,
			];
		},
		marketplacePayment: [
			'アカウントの AWS Marketplace サブスクリプションが失敗したため、モデルが拒否されました: アカウントに有効な支払い方法がありません (INVALID_PAYMENT_INSTRUMENT)。キーのポリシーが原因ではありません。',
			'請求とコスト管理コンソール (お支払い設定) で支払い方法を追加または修正してから、もう一度確認してください。AWS は修正後に数分待つよう案内しています。',
		] as ProblemText,
		deniedOther: [
			'IAM が拒否したのはこの呼び出しとこのモデル以外 (別のアクションまたはリソース) で、このモデルが禁止されている証明にはなりません。',
			'--debug で拒否の内容を確認し、このキーがこのポリシーのユーザーのものか確かめてください。',
		] as ProblemText,
		notJudged: [
			'未実施: 許可されるはずの呼び出しが 1 つも成功していないため、ここでの拒否は何も証明しません。',
			'先に許可される呼び出しを直してから、もう一度確認してください。',
		] as ProblemText,
		unexpectedAllow: (target) =>
			[
				`キーが ${target} を呼び出せてしまいます。これは許可してはいけません。`,
				'ユーザーに広いポリシー (AmazonBedrockLimitedAccess、AmazonBedrockFullAccess) やグループがないか確認してください。ガードレールの Deny を有効にしていれば防げます。',
			] as ProblemText,
	},
	check: checkJa,
	create: {
		step: {
			'submit-use-case-form': () => 'Anthropic のユースケースフォームをアカウントで提出 (あなたの回答、あなたの認証情報で)',
			'subscribe-model': (detail) => `AWS Marketplace でアカウントを ${detail} にサブスクライブ (あなたの認証情報で。キーには Marketplace の権限を与えません)`,
			'create-user': (detail) => `IAMユーザー ${detail} を作成`,
			'put-policy': (detail) => `インラインポリシー ${detail} を設定`,
			'create-managed-policy': (detail) => `カスタマー管理ポリシー ${detail} を作成`,
			'prune-policy-version': (detail) => `管理ポリシー ${detail} の最も古いバージョンを削除 (IAM の上限は 5 個)`,
			'create-policy-version': (detail) => `管理ポリシー ${detail} の新しいデフォルトバージョンを作成`,
			'attach-managed-policy': (detail) => `管理ポリシー ${detail} をアタッチ`,
			'delete-inline-policy': (detail) => `インラインポリシー ${detail} を削除 (ポリシーは管理ポリシーに移行)`,
			'delete-stale-managed-policy': (detail) => `管理ポリシー ${detail} を削除 (ポリシーはインラインに移行。新しいキーは動作し、保存済み)`,
			'detach-managed-policy': (detail) => `管理ポリシー ${detail} をデタッチ`,
			'delete-old-key': (detail) => `古いキー ${detail} を削除 (IAM の上限 2 個に空きを作るため)`,
			'create-api-key': () => '長期 APIキーを生成',
			'create-access-key': () => 'アクセスキーを作成',
			'mint-short-term-key': () => '短期 APIキーを生成 (新しいアクセスキーで署名)',
			'retire-old-key': (detail) => `古いキー ${detail} を削除 (新しいキーは動作し、保存済み)`,
		},
		rollbackEntry: (kind, detail) => `取り消し: ${journalKindJa[kind] ?? kind} ${detail}`,
		rolledBack: (count) => `${count} 件の変更を取り消しました。この実行で作ったものは何も残っていません。`,
		rollbackFailed: (count) => `${count} 件の変更を取り消せませんでした。手動で (または cleanup で) 削除してください:`,
		filesUndone: {
			removed: (paths) => `この実行で書いたファイルを削除しました: ${paths.join(', ')}`,
			restored: (path) => `${path} をこの実行の前の内容に戻しました。`,
			failed: (path, message) => `${path} を削除または元に戻せませんでした (${message})。この実行で書いた内容が残っています。手動で削除してください。`,
		},
		nothingMade: 'AWS には何も作っていません。',
		notUndone: {
			rolledBack: (count) => `この実行で IAM に行った ${count} 件の変更を取り消しました。キーに関わるものは何も残っていません。`,
			subscriptions: (models) => `${list(models)} の AWS Marketplace サブスクリプションはアカウントのもの (キーより前に作成) なので、取り消さずに残ります。`,
			useCaseForm: 'Anthropic のユースケースフォームはアカウントとして送信済みのまま (キーより前に送信) で、取り消しません。',
		},
		keptChanges: (count) => `この実行で行った ${count} 件の変更を取り消さずに残しました。不要になったら手動で (または cleanup で) 削除してください:`,
		target: {
			sandbox: (endpoint) =>
				`このキーは組み込みのサンドボックス (${endpoint}) の中にだけあります。ウィザードの実行中は使えますが、終了するとサンドボックスごとキーもなくなります。下の例はサンドボックスを呼び出します。`,
			endpoint: (endpoint) => `このキーは AWS ではなく ${endpoint} (--endpoint-url) で作られました。下の例はそこを呼び出します。`,
		},
		useCaseForm: {
			missingLine: 'このアカウントでは Anthropic の一度きりのユースケースフォームが未提出です。提出するまで Anthropic のモデルはすべての呼び出しを拒否します。',
			missing: (model) =>
				[
					`このアカウントでは Anthropic のユースケースフォームが未提出のため、${model} のキーはまだ使えません。何も作成していません。`,
					'Bedrock コンソール (モデルカタログ → 任意の Anthropic モデル → ユースケースの詳細を提出) で一度提出するか、companyName、companyWebsite、intendedUsers、industryOption、otherIndustryOption、useCases を持つ JSON オブジェクトのファイルを --use-case-form FILE で指定して、もう一度実行してください (--json や --no-input を付けずに端末で実行すると、ウィザードがフォームを尋ねます)。',
				] as ProblemText,
			badFile: (path, why) =>
				[
					`--use-case-form ${path}: 「${why}」`,
					'companyName、companyWebsite、intendedUsers、industryOption、otherIndustryOption、useCases の文字列を持つ JSON オブジェクトを指定してください。',
				] as ProblemText,
		},
		subscription: {
			needed: (models) =>
				`AWS Marketplace: このアカウントは ${list(models)} にサブスクライブしていません。サブスクライブするまで呼び出しは失敗します。あなたの認証情報でアカウントを一度サブスクライブします (キーには Marketplace の権限を与えません)。`,
			pending: (models) => `AWS Marketplace: ${list(models)} のサブスクリプションは AWS が準備中です。キーを確認する前に完了を待ちます。`,
			failedBefore: (modelId, message) => `AWS Marketplace: ${modelId} への前回のサブスクリプションは失敗しました: 「${message}」`,
			waiting: (seconds, models) =>
				`AWS Marketplace が ${list(models)} をアカウントで使えるようにするのを待っています (${seconds} 秒経過。AWS によると 2〜15 分。IAM の反映待ちとは別です)…`,
			available: (seconds) => `AWS Marketplace: 選んだすべてのモデルがアカウントで使えるようになりました (${seconds} 秒後)。`,
			declined: (models) =>
				[
					`サブスクライブしませんでした: ${list(models)} はこのアカウントで AWS Marketplace のサブスクリプションが必要なため、キーを作っても使えません。何も作成していません。`,
					'あなたの認証情報でアカウントをサブスクライブするには --subscribe (または --yes) を付けるか、別のモデルを選んでください。',
				] as ProblemText,
			failed: (modelId, status, message) =>
				[
					`AWS Marketplace は ${modelId} をアカウントで使えるようにしませんでした (${status}${message ? `: 「${message}」` : ''})。何も作成していません。`,
					'アカウントがサブスクライブできるか (支払い方法、AWS Marketplace の権限、組織のポリシー) を確認してから、もう一度実行してください。',
				] as ProblemText,
			timedOut: (models, seconds) =>
				[
					`${seconds} 秒待っても AWS Marketplace は ${list(models)} を使えるようにしていません。何も作成していません。サブスクリプション自体は続いています。`,
					'数分後に同じコマンドをもう一度実行するか、--subscription-timeout で待ち時間を延ばしてください。',
				] as ProblemText,
		},
		review: (userName, models, region) => `IAMユーザー ${userName} のキー: ${region} の ${list(models)}`,
		existingUser: (userName) => `IAMユーザー ${userName} は既に存在します。インラインポリシー "bedrock-key-wizard" を置き換えます。`,
		existingUserManaged: (userName) =>
			`IAMユーザー ${userName} は既に存在します。このツールの管理ポリシーをアタッチします (他のインラインポリシーはそのまま)。`,
		existingUserNeedsYes: (userName) =>
			[
				`IAMユーザー ${userName} は既に存在し、変更には確認が必要です。`,
				'--yes を付けて再実行すると更新します (変更内容は上の確認表示のとおり)。または別の --user-name を指定してください。',
			] as ProblemText,
		heldKeys: {
			title: (userName, count) => `IAMユーザー ${userName} は既に ${count} 個のキーを持っています:`,
			key: keyLine,
			staysValid: (count) =>
				`${count === 1 ? 'このキー' : 'これらのキー'}は、誰もシークレットを持っていなくても (保存前に止まった実行が残したキーなど)、削除されるか期限が切れるまで有効です。新しいキーが動作した後に削除するには --replace-keys を付けてください。`,
			willDelete: (count) => `${count === 1 ? 'このキー' : 'これらのキー'}は、新しいキーが確認に合格して保存された後に削除します (--replace-keys)。`,
			makeRoom: (ids) =>
				`IAM ではユーザーあたり 2 個までのため、新しいキーを作る直前に ${list(ids)} を削除します。削除したキーは、その後に実行が失敗しても元に戻せません。`,
			atLimit: (userName, type, keys, withYes = false) =>
				[
					`IAMユーザー ${userName} は既に${keyTypeName(type)}を ${keys.length} 個持っており、IAM のユーザーあたりの上限に達しているため新しく作れません: ${keys.map(keyLine).join('; ')}。何も変更していません。`,
					`${withYes ? '--replace-keys --yes' : '--replace-keys'} を付けて再実行すると削除します (新しいキーを作る前に必要な数だけ、残りは新しいキーが動作した後)。または別の --user-name を指定してください。`,
				] as ProblemText,
			listRefused: (userName, errorName) =>
				`IAMユーザー ${userName} が持つキーを一覧できませんでした (${errorName})。持っているキーがあれば有効なまま残ります。`,
			listRefusedReplacing: (userName, errorName) =>
				[
					`お使いの認証情報では IAMユーザー ${userName} のキーを一覧できないため (${errorName})、置き換えられません。何も変更していません。`,
					'そのユーザーに対する iam:ListServiceSpecificCredentials と iam:ListAccessKeys を許可するか、--replace-keys なしで実行してください。',
				] as ProblemText,
			deleted: (key) => `古い${keyTypeName(key.type)} ${key.id} を削除しました`,
			deleteFailed: (key, error) => `古い${keyTypeName(key.type)} ${key.id} を削除できませんでした: 「${error}」`,
			deleteFailedFix: (userName) =>
				`新しいキーは動作し、保存済みです。古いキーは手動で削除してください: aws iam delete-service-specific-credential --user-name ${userName} --service-specific-credential-id ID (APIキー)、aws iam delete-access-key --user-name ${userName} --access-key-id ID (アクセスキー)。`,
			keptUnverified: (count) => `新しいキーが確認に合格しなかったため、ユーザーが以前から持っていた ${count} 個のキーは残しました。`,
			stillHeld: (userName, count) => `IAMユーザー ${userName} には以前からのキーが ${count} 個残っており、削除されるか期限が切れるまで有効です:`,
			lost: (ids) => `失敗の前に空きを作るため削除したキーは元に戻せません: ${list(ids)}。`,
			declinedAtLimit: '何も変更していません。ユーザーが IAM の上限までキーを持っている間は、新しいキーを作れません。',
		},
		lifetime: {
			shortTermExpires: (iso) =>
				`短期キーは ${formatTime(iso)} (UTC では ${iso.replace(/\.\d{3}Z$/, 'Z')}) に使えなくなります。.env のアクセスキーで新しく作れます。`,
			accessKeyPermanent: (id, userName, signsShortTerm) =>
				`アクセスキー ${id}${signsShortTerm ? ' (短期キーに署名します)' : ''} は削除するまで有効です。不要になったら: aws iam delete-access-key --user-name ${userName} --access-key-id ${id}`,
		},
		files: {
			heading: '書き込むファイル:',
			env: (path) => `${path} (モード 0600: キー)`,
			exists: '(既にあります)',
			replaces: '(既存のファイルを置き換えます。.env は先に .env.<時刻>.bak として残します)',
			besides: (path) => `(${path} の隣。元のファイルはそのまま)`,
			existing: (paths) => `既にあるファイル: ${paths.join('、')}。確認なしには上書きしません。何かを作る前に、別の名前・上書き・中止から選べます。`,
			gitUnignored: (path) => `${path} は git の作業ツリー内で無視されない場所です。キーがコミットされるおそれがあります。`,
			localUnignored: (path) =>
				`${path} は git の作業ツリー内で無視されない場所です。Claude Code の慣例ではこのファイルは git に入れません (Claude Code が自分でこのファイルを作るときにだけ、git の無視リストに加えます)。`,
			merged: '(統合: ほかの設定はそのまま。先に写しを残します)',
			created: '(新規)',
			secret: '(モード 0600: キー)',
			gitIgnored: '(git は無視します)',
		},
		existingNeedYes: (paths) =>
			[
				`${paths.join('、')} は既に存在し、上書きされます。`,
				'--out-dir で別の場所に保存するか、--yes で上書きしてください (.env は先に .env.<時刻>.bak として残します)。',
			] as ProblemText,
		savedUnderNewNames: (paths) => `既にあったファイルの隣に、別の名前で保存しました: ${paths.join('、')}。`,
		gitignoreAdded: (line, gitignore) => `${gitignore} に ${line} を追加しました。git はキーのファイルを拾いません。`,
		envKeptAside: (path, kept) => `${path} は既にありました。元の内容は ${kept} に残しています (モードはそのまま)。必要なものを戻してください。`,
		willDetach: (name) => `${name} をデタッチします (すべてのモデルを許可するため)。`,
		keeps: (name) => `${name} はアタッチしたままにします。`,
		placedInline: (size, budget) =>
			budget < 2048
				? `インラインポリシー bedrock-key-wizard: ${budget} 文字中 ${size} 文字 (IAM の上限 2,048 文字の残りはユーザーの他のインラインポリシーが使用)。`
				: `インラインポリシー bedrock-key-wizard: 2,048 文字中 ${size} 文字。`,
		placedManaged: (names, size) =>
			`カスタマー管理ポリシー ${list(names)} (/bedrock-key-wizard/ 配下、ユーザーにアタッチ): ${size} 文字 (IAM の上限は 1 つあたり 6,144 文字)。`,
		placementForms: (forms, chosen) => {
			const one = (name: string, form: (typeof forms)['inline'], kind: 'inline' | 'managed'): string =>
				`${name} ${form.size.toLocaleString('ja')}/${form.limit.toLocaleString('ja')}${form.documents > 1 ? ` (${form.documents} 個に分割)` : ''}${form.fits ? '' : ' (超過)'}${kind === chosen ? ' ◂ 採用' : ''}`;
			return `形式ごとの文字数: ${one('インライン', forms.inline, 'inline')} · ${one('管理ポリシー', forms.managed, 'managed')}`;
		},
		managedPolicyUpdated: (name) => `${name} は以前の実行で作成済みです。新しいデフォルトバージョンを作ります (IAM の上限 5 個に収まるよう古いものから削除)。`,
		willDeleteInline: '以前の実行で作ったインラインポリシー bedrock-key-wizard を削除します (管理ポリシーに置き換え)。',
		willDetachStale: (name) => `以前の実行でこのツールが作った管理ポリシー ${name} をデタッチします (インラインポリシーに置き換え)。`,
		policyChanged: 'インラインポリシーが変わります (新しい内容は policy.json)。',
		policyUnchanged: 'インラインポリシーは変わりません。',
		waiting: (seconds, pending) => `IAM が新しいキーとポリシーを反映するのを待っています (${seconds} 秒経過、再試行 ${pending} 件)…`,
		verified: (passed, total, seconds) => `${total} 件中 ${passed} 件の確認に合格 (${seconds} 秒)。`,
		works: 'キーは選んだモデルだけを呼び出せます。許可したモデルは応答し、禁止したモデルは拒否されました。',
		doesNotWork: 'キーが意図どおりに動作していません。上の不合格の確認を見てください。',
		saved: '保存先',
		secretFile: (path) => `${path} (モード 0600: キーを含みます。ほかには表示しません)`,
		usage: '使い方',
		notices: 'お知らせ',
		table: {model: 'モデル / プロファイル', call: '呼び出し', auth: '認証', expected: '期待', outcome: '結果', latency: 'ms'},
		defaultModels: (models) => `--models の指定がないため、入門用の組み合わせ ${list(models)} (チャット 1 つ + 埋め込み 1 つ) を使います。`,
	},
};
