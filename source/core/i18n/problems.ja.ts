/** 他のカタログにない Problem の文言 (フラグの誤り、AWS の失敗、止まった実行、ワークショップとポリシーの検査)。形は problems.en.ts と同じ。 */
import type {ProblemText} from './en.js';
import type {ProblemMessages} from './problems.en.js';

const list = (items: readonly string[]): string => items.join('、');
const EXAMPLE_UNTIL = '2026-11-20T18:00:00+09:00';

export const problemsJa: ProblemMessages = {
	run: {
		cancelled: (): ProblemText => ['キャンセルしました。', ''],
		cancelledApplying: (): ProblemText => ['適用中にキャンセルしました。', ''],
		cancelledVerifying: (): ProblemText => ['検証中にキャンセルしました。', ''],
		cancelledChecking: (): ProblemText => ['確認中にキャンセルしました。', ''],
		wizardStopped: (): ProblemText => ['ウィザードが完了せずに止まりました。', ''],
		checkStopped: (): ProblemText => ['確認が結果を出さずに止まりました。', ''],
		internal: (message) => [`「${message}」`, '--debug を付けて再実行し、続くようなら報告してください。'],
		unexpected: (message) => [`予期しない失敗: 「${message}」`, '--debug を付けて再実行すると詳細がわかります。続くようなら報告してください。'],
		adminReadFix: '管理者の認証情報に IAM の読み取り権限 (比較には Access Analyzer も) があるか確認してください。',
	},
	aws: {
		noCredentials: () => [
			'AWS の認証情報が見つかりません (プロファイル、環境変数、SSO セッション、インスタンスロールのいずれもありません)。',
			'先にサインインしてください: `aws sso login --profile NAME` (または `aws login`) の後に --profile NAME を指定するか、AWS CloudShell で実行するか、--sandbox でアカウントなしで練習してください。',
		],
		clockSkew: (operation, message) => [
			`このコンピューターの時計が 15 分以上ずれているため、AWS が ${operation} を拒否しました: 「${message}」`,
			'時計を合わせてから再実行してください (時刻の自動設定をオンに: Linux では `sudo timedatectl set-ntp true`、macOS や Windows では日付と時刻の設定)。',
		],
		credentialsRejected: (operation, message) => [
			`AWS が ${operation} でお使いの認証情報を受け付けませんでした: 「${message}」`,
			'サインインし直す (`aws sso login` / `aws login`) か、--profile でプロファイルを選ぶか、--sandbox で練習してください。',
		],
		unreachable: (operation, message) => [
			`${operation} で AWS に接続できませんでした: 「${message}」`,
			'ネットワーク、プロキシの設定、--endpoint-url を確認してください。',
		],
		serverError: (operation, code, message) => [
			`AWS の ${operation} がサーバーエラーで失敗しました: ${code}: 「${message}」`,
			'失敗は AWS 側のもので、権限の問題ではありません。数分後に同じコマンドを再実行してください。',
		],
		refused: (operation, code, message, fix) => [
			`AWS が ${operation} を拒否しました: ${code}: 「${message}」`,
			fix ?? '管理者にこの権限を依頼するか、権限のある認証情報を使ってください。',
		],
		guardrailFix: (guardrail, explicit) =>
			guardrail === 'permissions-boundary'
				? explicit
					? 'ご自身のポリシーではなく、ユーザーのアクセス許可の境界の拒否 (Deny) で拒否されました。その拒否を外すか境界をユーザーから外すよう、アカウントの管理者に依頼してください。'
					: 'ユーザーのアクセス許可の境界がこの呼び出しを許可していません (境界は何も付与せず、ポリシーが許可する範囲を制限します)。この呼び出しを境界に追加するか境界をユーザーから外すよう、アカウントの管理者に依頼してください。ご自身のポリシーに追加しても解決しません。'
				: guardrail === 'session-policy'
					? '認証情報を発行したときのセッションポリシーがこの呼び出しを許可していません。セッションポリシーなしで、またはこの呼び出しを許可するものでサインインし直してください。'
					: `組織の${guardrail === 'service-control-policy' ? 'サービスコントロールポリシー' : 'リソースコントロールポリシー'}${explicit ? 'の拒否 (Deny) で拒否されました' : 'がこの呼び出しを許可していません'}。組織の管理者に許可を依頼してください。アカウント内のポリシーでは解決できません。`,
		someCall: 'このコマンドに必要な呼び出し',
		fixTheCause: '原因を直して再実行してください。',
		profileNoCredentials: (profile, message) => [
			`プロファイル "${profile}" から認証情報を得られませんでした: 「${message}」`,
			'プロファイル名を確認する (`aws configure list-profiles`) か、そのプロファイルでサインインしてください (`aws sso login --profile NAME`)。',
		],
		managedPolicyNotOurs: (arn) => [
			`管理ポリシー ${arn} が既にありますが、このツールが作ったもの (タグ bedrock-key-wizard:managed=true 付き) ではないため、変更しません。`,
			'そのポリシーを削除または名前を変更するか、別の --user-name を選ぶか、--policy-type inline を指定してください。',
		],
		preflightMissing: (arn, actions, userArn) => [
			`お使いの認証情報 (${arn}) では、必要な AWS の呼び出しのうち ${actions.length} 個を実行できない可能性があります: ${list(actions)}。`,
			`管理者にこれらの許可 (IAM の呼び出しは ${userArn} に対して) を依頼する (何も変更していません) か、権限のある認証情報を使ってください。`,
		],
		keyLimitReached: (userName, type, ids, aws) => [
			`IAM が新しい${type === 'api-key' ? 'APIキー' : 'アクセスキー'}の作成を拒否しました (${aws})。IAMユーザー ${userName} は既に${type === 'api-key' ? 'APIキー' : 'アクセスキー'}を 2 個 (IAM のユーザーあたりの上限) 持っています${ids.length > 0 ? ` (${list(ids)})` : ''}。この実行が数えた後に、別の人または別の実行が 1 個作りました。`,
			`--replace-keys を付けて再実行する (場所を空けるため古いキーを削除し、残りは新しいキーが動作した後に削除します) か、不要なキーを先に削除してください: ${
				type === 'api-key'
					? `aws iam delete-service-specific-credential --user-name ${userName} --service-specific-credential-id ID`
					: `aws iam delete-access-key --user-name ${userName} --access-key-id ID`
			} (または IAM コンソールのユーザーの「セキュリティ認証情報」タブ)。`,
		],
		preflightGuardrail: (arn, refused, userArn) => [
			[
				`お使いの認証情報 (${arn}) では、必要な AWS の呼び出しのうち ${refused.boundary.length + refused.organisation.length + refused.own.length} 個を実行できない可能性があります。ご自身のポリシーより上のガードレールが止めています:`,
				...(refused.boundary.length > 0 ? [`ユーザーのアクセス許可の境界が ${list(refused.boundary)} を許可していません。`] : []),
				...(refused.organisation.length > 0 ? [`組織のサービスコントロールポリシーが ${list(refused.organisation)} を許可していません。`] : []),
				...(refused.own.length > 0 ? [`ご自身のポリシーが ${list(refused.own)} を許可していません。`] : []),
				'ご自身のポリシーに追加してもガードレールは外れません。',
			].join(' '),
			[
				...(refused.boundary.length > 0
					? ['これらの呼び出しをアクセス許可の境界に追加するか、境界をユーザーから外すようアカウントの管理者に依頼してください。']
					: []),
				...(refused.organisation.length > 0 ? ['サービスコントロールポリシーで許可するよう組織の管理者に依頼してください。'] : []),
				`(IAM の呼び出しは ${userArn} に対してです。何も変更していません。) または、これらのガードレールが許可する認証情報を使ってください。`,
			].join(' '),
		],
	},
	flags: {
		notRegionName: (region) => [
			`"${region}" は AWS のリージョン名ではありません。`,
			'--region us-west-2 や --region ap-northeast-1 のように指定してください。',
		],
		noRegion: () => ['リージョンが指定されていません。', '--region を指定する (例: --region us-west-2) か、AWS_REGION を設定してください。'],
		sandboxWithEndpoint: () => [
			'--sandbox と --endpoint-url は同時に使えません。',
			'組み込みのサンドボックスには --sandbox、起動済みのものには --endpoint-url を使ってください。',
		],
		policyNoRegion: () => ['リージョンが指定されていません。', '--region を指定してください (例: --region us-west-2。または AWS_REGION を設定)。'],
		policyRegion: (region, regions) => [`"${region}" は Bedrock を提供しているリージョンではありません。`, `次のいずれかを使ってください: ${list(regions)}。`],
		account: (value) => [
			`--account "${value}" は 12 桁の AWS アカウント ID ではありません。`,
			'AWS コンソールの右上に表示されるアカウント ID を、数字だけで指定してください。',
		],
		positive: (flag, value, integer, example) => [`${flag} "${value}" は 0 より大きい${integer ? '整数' : '数'}ではありません。`, `例: ${flag} ${example}`],
		wholeNumber: (flag, min, max, value, example) => [
			`${flag} は ${min} から ${max} までの整数にしてください ("${value}" が指定されました)。`,
			`例: ${flag} ${example}`,
		],
	},
	sandbox: {
		state: (message) => [`「${message}」`, 'ファイルを直すか削除するか、別の --state のパスを指定してください。'],
		faults: (message) => [`BKW_SANDBOX_FAULTS: 「${message}」`, 'operation:kind:times[:latencyMs] の形で書いてください。例: Converse:throttle:2'],
		orgPolicy: (message) => [
			`--org-policy: 「${message}」`,
			'IAM ポリシードキュメント (JSON) を 1 つ含む読めるファイルを、サービスコントロールポリシーとして指定してください。',
		],
		legacyInUse: (message) => [
			`--legacy-in-use: 「${message}」`,
			'all か、LEGACY モデルの ID をカンマ区切りで指定してください (例: --legacy-in-use anthropic.claude-3-haiku-20240307-v1:0)。',
		],
		portInUse: (port, host) => [
			`${host} のポート ${port} は既に使われています。`,
			'使っているものを止めるか、別の --port を指定するか、--port を省いて空いているポートを使ってください。',
		],
		host: (host) => [
			`--host ${host} はこのマシンの IP アドレスではありません。`,
			'このマシンのアドレス (例: 192.168.1.20) を指定するか、すべてのアドレスなら 0.0.0.0 を指定してください。--host を省くと 127.0.0.1 のままです。',
		],
	},
	workshop: {
		noEventName: () => ['イベント名が指定されていません。', '--name を指定してください。例: --name tokyo-summit-2026'],
		eventName: (name) => [
			`イベント名 "${name}" は使えません。`,
			'文字、数字、空白と _ . : / = + - @ を 1 から 128 文字で使ってください。例: --name "tokyo-summit-2026"',
		],
		noSeats: () => ['座席数が指定されていません。', '--seats を指定してください。例: --seats 30'],
		seats: (value, max) => [`--seats "${value}" は 1 から ${max} までの整数ではありません。`, '例: --seats 30'],
		noModels: () => [
			'モデルが選ばれていません。',
			'--models にモデルIDまたは推論プロファイルIDを指定してください。例: --models us.anthropic.claude-haiku-4-5-20251001-v1:0,amazon.titan-embed-text-v2:0',
		],
		expiryBoth: () => [
			'--expires-in-days と --until が両方指定されています。',
			'どちらか一方を指定してください: 授業の終わりには --until、または --expires-in-days。',
		],
		expiresInDays: (value, max) => [
			`--expires-in-days "${value}" は 1 から ${max} までの整数の日数ではありません。`,
			`例: --expires-in-days 1、または --until ${EXAMPLE_UNTIL}`,
		],
		noEnd: () => [
			'ワークショップのキーには終わりが必要ですが、指定されていません。',
			`--until に授業の終わりを指定する (例: --until ${EXAMPLE_UNTIL}) か、--expires-in-days 1 を指定してください。`,
		],
		untilPast: (until) => [`--until "${until}" は過去の時刻です。`, `現在より後の時刻をオフセット付きで指定してください。例: --until ${EXAMPLE_UNTIL}`],
		alreadyStopped: (days) => [
			`このワークショップのキーは既に使えなくなっています (作成から ${days} 日後)。`,
			`現在より後の時刻をオフセット付きで指定してください。例: --until ${EXAMPLE_UNTIL}`,
		],
		untilTooFar: (until, max) => [`--until "${until}" は ${max} 日より先です。`, '100 年以内の終わりを指定してください。'],
		untilUnreadable: (text) => [
			`--until "${text}" はこのツールが読める時刻ではありません。`,
			`ISO 8601 の時刻をオフセット付きで指定してください。例: ${EXAMPLE_UNTIL} または 2026-11-20T09:00:00Z`,
		],
		manifestNotJson: (path) => [`${path} は正しい JSON ではありません。`, '元に戻すか、同じフラグで workshop create を再実行して書き直してください。'],
		manifestNotWorkshop: (path) => [
			`${path} はこのツールのワークショップファイルではありません。`,
			'--out-dir を確認するか、同じフラグで workshop create を再実行して書き直してください。',
		],
	},
	policy: {
		noModel: () => ['モデルが選ばれていないため、ポリシーは何も許可しません。', '--models でモデルIDを 1 つ以上指定してください。'],
		expiryNotDate: (value) => [`有効期限 "${value}" は日時ではありません。`, '2026-12-31T23:59:59Z のような ISO 8601 の時刻を指定してください。'],
		tooLarge: (models, size, limit, managed) => [
			`この ${models} 個のモデルのポリシーには ${size} 文字が必要で、IAM が${managed ? '管理ポリシー' : 'インラインポリシー'}に許す ${limit} 文字を超えます。`,
			managed
				? 'モデルを減らすか、複数のキーに分けてください。'
				: 'モデルを減らすか、(policy コマンドでは) --policy-type managed を使ってください。IAM は管理ポリシーに 6,144 文字まで許します。',
		],
		tooLargeToSplit: (models, size, limit, policies) => [
			`この ${models} 個のモデルのポリシーには ${size} 文字が必要で、${limit} 文字の管理ポリシー ${policies} 個 (IAM が 1 ユーザーに既定でアタッチできる上限) に収まらないか、1 つのステートメントだけで ${limit} 文字を超えます。`,
			'モデルを減らすか、複数のキーに分けてください。ポリシーを途中で切ることはしません。',
		],
		row: {
			apiKey: (tokenType) => `APIキー ${tokenType}`,
			call: (id, streaming) => `${id}${streaming ? ' (ストリーミング)' : ''}`,
			direct: (modelId, region) => `${region} の ${modelId}`,
		},
		selfCheck: (names) => [
			`コンパイルしたポリシーが自身のシミュレーションで失敗しました: ${list(names)}。`,
			'bedrock-key-wizard の不具合です。実行したコマンドを添えて報告してください。',
		],
	},
};
