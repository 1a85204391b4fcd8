/** ワークショップの文言 (配布資料、進捗、状況、後片付け)。形は workshop.en.ts と同じ。 */
import type {ProblemText} from './en.js';
import {formatTime} from './time.js';
import {withUtc, type WorkshopMessages} from './workshop.en.js';
import {spendGuardJa} from './spend-guard.ja.js';

export const workshopJa: WorkshopMessages = {
	spendGuard: spendGuardJa,
	handout: {
		title: (event, seat) => `${event}: 座席 ${seat}`,
		intro: (expiresAt) =>
			`ワークショップ用の、あなた専用の Amazon Bedrock APIキーです。下に挙げたモデルだけを呼び出せ、それ以外は呼び出せません。${withUtc(expiresAt)} に使えなくなります。`,
		keyHeading: 'あなたのキー',
		keyHowTo: '次の 2 行を、プロジェクトのフォルダーに `.env` という名前のファイルで保存してください:',
		privacy: 'このキーはあなただけのものです。`.env` をコミットしたり、チャットに貼ったり、このページを共有したりしないでください。',
		detailsHeading: '詳細',
		region: 'リージョン',
		expires: '有効期限',
		user: 'IAM ユーザー',
		keyId: 'キー ID',
		modelsHeading: '呼び出せるモデル',
		othersDenied: 'ほかのモデルは拒否されます (AccessDeniedException)。これはポリシーが正しく働いている証拠で、間違いではありません。',
		usageHeading: '使い方',
		checkHeading: '動作を確かめる',
		checkHowTo:
			'`.env` を読み込んでから (上の最初のスニペット)、次を実行してください。各モデルを 1 回ずつ呼び出し、許可されるものと拒否されるものを表示します:',
	},
	create: {
		planned: (event, seats, region, models, expiresAt) =>
			`ワークショップ「${event}」: ${region} に ${seats} 席、モデルは ${models.join('、')}。キーは ${formatTime(expiresAt)} に使えなくなります。`,
		found: (existing, complete) => `このイベントの座席が IAM にすでに ${existing} 席あります (完成済み ${complete} 席)。足りないものだけを作ります。`,
		seat: {
			completed: (seat, userName) => `座席 ${seat}: ${userName} を仕上げました (前回の実行で途中だったもの)`,
			rotated: (seat, userName) => `座席 ${seat}: ${userName} に新しいキーを発行しました (古いキーは削除)`,
			failed: (seat, userName, reason) => `座席 ${seat}: ${userName} は失敗しました: 「${reason}」`,
		},
		lostSecret: (seat, userName) =>
			`座席 ${seat} (${userName}) にはキーがありますが、それを載せた配布資料がありません。キーは作成時に一度しか表示されないため、ローテーションします (新しいキーを作り、古いキーを削除)。`,
		progress: (done, total, rps) => `${done}/${total} 席完了 (IAM へのリクエスト ${rps} 件/秒)`,
		slowedDown: (rps) => `IAM がスロットリングしています。${rps} 件/秒に落とします。`,
		gitTracked: (directory) =>
			[
				`${directory} は git の作業ツリーの中にあり、無視されていません。中の配布資料にはキーが書かれています。`,
				`コミットする前に "${directory}/" を .gitignore に加えるか、配布資料をリポジトリの外に移してください。`,
			] as ProblemText,
		summary: (ready, seats) => `${seats} 席中 ${ready} 席の準備ができました。`,
		counts: (created, rotated, completed, unchanged) => `新規 ${created}、ローテーション ${rotated}、仕上げ ${completed}、完成済み ${unchanged}。`,
		failures: (failed) =>
			[`${failed} 席を完成できませんでした。`, '同じコマンドをもう一度実行してください。あるものは再利用し、足りないものだけを作ります。'] as ProblemText,
		handouts: (directory) => `配布資料 (1 席 1 枚、モード 0600、キーが書かれています): ${directory}`,
		roster: (path) => `名簿 (キーは含みません): ${path}`,
		nameTaken: (userName) =>
			[
				`IAM ユーザー ${userName} はすでに存在し、このイベントのタグが付いていません。`,
				'そのユーザーには手を付けません。イベントに別の --name を付けるか、そのユーザーの名前を変えるか削除してください。',
			] as ProblemText,
		managedPolicy: {
			created: (name) => `カスタマー管理ポリシー ${name} を作成しました。すべての座席にアタッチします。`,
			updated: (name) => `カスタマー管理ポリシー ${name} に新しいデフォルトバージョンを作成しました。すべての座席にアタッチします。`,
			unchanged: (name) => `カスタマー管理ポリシー ${name} はすでに最新です。すべての座席にアタッチします。`,
		},
		policyNotOurs: (arn) =>
			[
				`管理ポリシー ${arn} がすでに存在しますが、このイベントのタグが付いていないため、手を付けません。`,
				'そのポリシーを削除するか名前を変えるか、イベントに別の --name を付けてください。インラインに収まるなら --policy-type inline も使えます。',
			] as ProblemText,
		staleDeleted: (name) => `管理ポリシー ${name} を削除しました。座席ではもう使っていません。`,
		stalePolicyAttached: (name) => `${name} は、このワークショップの座席ではないユーザー、グループ、またはロールにまだアタッチされています`,
		stalePolicyLeft: (name, reason) =>
			`以前の実行で作った管理ポリシー ${name} は座席ではもう使っていませんが、残しました: ${reason}。同じコマンドをもう一度実行するか、IAM で削除してください。`,
	},
	status: {
		heading: (event, region) => `ワークショップ「${event}」(${region})`,
		columns: {
			seat: '座席',
			user: 'IAM ユーザー',
			key: 'キー',
			state: '状態',
			expires: '有効期限',
			verified: '最終確認',
			activity: '利用状況',
			keyAge: 'キーの経過',
			checkedAt: '確認時刻',
			result: '結果',
			calls: '呼び出し',
			lastCall: '最終呼び出し',
		},
		state: {
			ready: '準備完了',
			'no-user': 'ユーザーなし',
			'no-key': 'キーなし',
			'lost-secret': '配布資料にないキー',
			inactive: 'キーが無効',
			expired: '期限切れ',
			'extra-keys': '余分なキー',
			'no-policy': 'ポリシーなし',
			'stale-policy': 'ポリシーが古い',
		},
		verification: {
			never: '未確認',
			pass: (at) => `✓ 動作 OK (${formatTime(at)})`,
			fail: (at, failed) => `✗ ${failed} 件の確認に失敗 (${formatTime(at)})`,
		},
		summary: (ready, seats) => `${seats} 席中 ${ready} 席が準備完了です。`,
		verifySummary: (passed, checked) => `${checked} 席中 ${passed} 席の動作を確認しました。`,
		noSeats: (event) =>
			[
				`「${event}」の座席が IAM に見つかりません。`,
				'--name が workshop create のときと同じか確かめるか、先にワークショップを作成してください。',
			] as ProblemText,
		needsManifest: (path) =>
			[
				`--verify にはワークショップのファイルが必要ですが、${path} が見つかりません。`,
				'workshop create で指定した --out-dir を渡してください。',
			] as ProblemText,
		legend: '✓ 動作 OK   ✗ 確認に失敗   ! 準備未完了   ○ 未確認   … 確認中',
		activity: {
			calls: (calls, refused, lastAt) => `${calls} 回${refused > 0 ? ` (うち拒否 ${refused} 回)` : ''}、最終 ${formatTime(lastAt)}`,
			count: (calls, refused) => (refused > 0 ? `${calls} (${refused}✗)` : String(calls)),
			none: '記録なし',
			unknown: '不明',
			reading: '読み込み中…',
			source: (from, complete) =>
				`利用状況: CloudTrail のイベント履歴 (${formatTime(from)} ${complete ? '以降' : 'まで遡って読んだ範囲。それより前の呼び出しは数えていません'}) の InvokeModel、Converse とそのストリーミング版を IAM ユーザーごとに数えています。CloudTrail に載るのは通常、呼び出しの約 5 分後で、保証はありません。OpenAI 互換 API や Mantle 経由の呼び出しは含まれません。このツール自身の確認 (--verify) は数えていません。`,
			sourceShort: (from) => `利用状況: CloudTrail (${formatTime(from)} 以降、通常約 5 分遅れ)`,
			unavailable: (reason) =>
				`利用状況: 不明です。CloudTrail のイベント履歴を読めませんでした (「${reason}」)。各座席の呼び出しを見るには cloudtrail:LookupEvents を許可してください。`,
			unavailableShort: '利用状況: 不明 (CloudTrail を読めません)',
			readingShort: '利用状況: CloudTrail のイベント履歴を読み込み中…',
		},
		age: (minutes) =>
			minutes >= 1440
				? `${Math.floor(minutes / 1440)}日${Math.floor((minutes % 1440) / 60)}時間`
				: minutes >= 60
					? `${Math.floor(minutes / 60)}時間${minutes % 60}分`
					: `${minutes}分`,
		dashboard: {
			times: (zone) => `時刻は ${zone}`,
			result: {works: '✓ 動作 OK', failed: (failed) => `✗ ${failed} 件失敗`, checking: '… 確認中', never: '○ 未確認'},
			map: '全座席:',
			updated: (at, seconds) => `${formatTime(at)} に更新。${seconds} 秒ごとに更新します。q か Ctrl+C で終了`,
			refreshFailed: (reason) => `前回の更新に失敗しました (「${reason}」)。再試行します`,
		},
		watchNeedsTerminal: '--watch はターミナルでダッシュボードを表示し続けます。ここでは状態を一度だけ表示します。',
		needsAttention: '対応が必要な座席:',
		more: (count) => `… ほか ${count} 席 (workshop status --json で確認できます)`,
	},
	teardown: {
		plan: (event, users, keys) => `ワークショップ「${event}」: 削除するのは IAM ユーザー ${users} 人と APIキー ${keys} 個です。`,
		seatLine: (userName, seat, keys) => `${userName} (座席 ${seat}、APIキー ${keys} 個)`,
		policyLine: (name) => `${name} (座席が共有するカスタマー管理ポリシー。座席の後に削除します)`,
		policyDeleted: (name) => `カスタマー管理ポリシー ${name} をバージョンごと削除しました。`,
		policyAttachedElsewhere: (name) =>
			[
				`カスタマー管理ポリシー ${name} は残しました。このワークショップの座席ではないユーザー、グループ、またはロールにまだアタッチされています。`,
				'そちらでデタッチしてから (IAM コンソールのポリシーの「アタッチされたエンティティ」タブ)、同じ後片付けをもう一度実行してください。',
			] as ProblemText,
		policyFailed: (name, reason) => `カスタマー管理ポリシー ${name} を削除できませんでした: ${reason}`,
		policiesWaiting: (count) =>
			`ワークショップのカスタマー管理ポリシー ${count} 個は、すべての座席を削除するまで残します。同じ後片付けをもう一度実行してください。`,
		lookalike: (userName) => `対象外: ${userName} はこのイベントの座席に似た名前ですが、イベントのタグが付いていません。`,
		dryRun: ['ドライランです。何も削除していません。', '削除するには --yes を付けてもう一度実行してください。'] as ProblemText,
		deleted: (userName) => `${userName} と、その持ち物をすべて削除しました`,
		failed: (userName, reason) => `${userName} を削除できませんでした: 「${reason}」`,
		nothing: (event) => `ワークショップ「${event}」のものは IAM に何も残っていません。`,
		done: (deleted) => `IAM ユーザー ${deleted} 人を、キーとポリシーごと削除しました。`,
		failures: (failed) =>
			[`${failed} 人のユーザーを削除できませんでした。`, '同じ teardown をもう一度実行してください。止まったところから続けます。'] as ProblemText,
		handoutsDead: (directory) => `${directory} にあるキーはもう使えません。不要になったらフォルダーを削除してください。`,
	},
	locate: {
		otherEvent: (path, found, asked) =>
			[
				`${path} は「${found}」の workshop.json で、「${asked}」のものではありません。`,
				`「${asked}」の --out-dir (その workshop create が書き込んだフォルダー) を渡すか、--name "${found}" を指定してください。`,
			] as ProblemText,
		noName: (found) =>
			(found.length === 0
				? [
						'--name がなく、このフォルダーにも、ここにある bkw-* フォルダーにも workshop.json が見つかりません。',
						'--name <イベント名> を渡してください (ファイルが別の場所にあるときは --out-dir <フォルダー> も)。',
					]
				: [
						`--name がなく、ワークショップが ${found.length} 件見つかりました: ${found.map((entry) => `「${entry.event}」(${entry.path})`).join('、')}。`,
						'--name <イベント名> で 1 つを選んでください。',
					]) as ProblemText,
		missing: (event, looked, seats) =>
			[
				`「${event}」の workshop.json が見つからないため (探した場所: ${looked.join('、')})、配布資料を読めません。IAM にはこのイベントの座席が ${seats} 席あります。`,
				'--out-dir <workshop create が書き込んだフォルダー> を渡すか (workshop.json と配布資料があるフォルダー)、そのフォルダーでコマンドを実行してください。',
			] as ProblemText,
		unknownEvent: (event, known) =>
			[
				`「${event}」の座席は IAM に見つかりません。このイベントのタグが付いたユーザーがいません。`,
				known.length > 0
					? `このアカウントのワークショップ: ${known.map((entry) => `「${entry.event}」(${entry.seats} 席)`).join('、')}。--name を確かめてください (workshop create に渡したものと同じである必要があります)。`
					: 'このアカウントにワークショップはありません。--name、アカウント (--profile)、エンドポイントを確かめるか、先にワークショップを作成してください。',
			] as ProblemText,
		using: (event, path) =>
			`ワークショップ「${event}」(${path}): リージョン、モデル、終了時刻、エンドポイントは、別の値を渡さない限りここに保存されたものを使います。`,
		savedEndpoint: (endpoint) => `workshop.json に保存されたエンドポイントを呼び出します: ${endpoint} (別のものを使うには --endpoint-url を渡してください)。`,
		noFolder: (looked) =>
			`workshop.json が見つかりません (探した場所: ${looked.join('、')})。配布資料のフォルダーが分からないので、座席を削除したあとでご自身で削除してください。`,
	},
	plan: {
		heading: (event) => `ワークショップ「${event}」にはすでに座席があり、この実行で次のように変わります:`,
		models: (added, removed) => `モデル: ${[...added.map((id) => `+ ${id}`), ...removed.map((id) => `- ${id}`)].join('、')}`,
		end: (from, to) => `終了時刻: ${formatTime(from)} -> ${formatTime(to)}`,
		region: (from, to) => `リージョン: ${from} -> ${to}`,
		placement: (from, to) => `ポリシーの置き場所: ${from} -> ${to}`,
		unknownBefore: '座席のポリシーが、今回計画したものと異なります (以前の内容を記録した workshop.json がありません)',
		policies: (seats) => `${seats} 席のポリシーを、参加者がキーを使っている最中でも、すぐに置き換えます。`,
		rotations: (seats) =>
			`${seats.length} 席に新しいキーを発行し、古いキーはすぐに削除します (ここにはそのキーを載せた配布資料がなく、キーは一度しか表示されないため): 座席 ${seats.join('、')}。`,
		rotationsHint: '配布資料が別のフォルダーにあるなら、代わりに --out-dir <そのフォルダー> を渡してください。そうすれば新しいキーは不要です。',
		question: 'この計画を実行しますか?',
		needsYes: [
			'何も変更していません。上の計画には確認が必要です。',
			'実行するには --yes を付けてもう一度実行してください。ワークショップをそのままにするには、変更したフラグを外してください。',
		] as ProblemText,
		declined: ['何も変更していません。', '計画を実行するには、もう一度実行して「はい」と答えるか、変更したフラグを外してください。'] as ProblemText,
		refusedRotation: (seat) =>
			`座席 ${seat} には計画になかった新しいキーが必要になったため、何も変更していません。同じコマンドをもう一度実行して計画を確認してください。`,
	},
	cleanup: {
		seatRefused: (userName, event, seat) =>
			[
				`${userName} はワークショップ「${event}」の座席 ${seat} です。削除すると、その参加者のキーが使えなくなります。`,
				`クラス全体なら workshop teardown --name "${event}" を使ってください。それでもこの座席を削除するには --include-workshops を付けてください。`,
			] as ProblemText,
		seatsLeftOut: (seats, events) =>
			`対象外: ${events.map((event) => `ワークショップ「${event}」`).join('、')}の座席 ${seats} 席。含めるには --include-workshops を付けるか、workshop teardown を使ってください。`,
		seatOf: (event, seat) => `ワークショップ「${event}」の座席 ${seat}`,
	},
	quotas: {
		heading: (seats, region, rpm, input, output, hours) =>
			`${region} の ${seats} 席のクォータ: 1 席あたり毎分 ${rpm} リクエスト (入力 ${input.toLocaleString('ja-JP')} トークン、出力 ${output.toLocaleString('ja-JP')} トークン)、1 日 ${hours} 時間として計算します。`,
		columns: {model: 'モデル', quota: 'クォータ', value: '現在の値', need: 'クラスに必要', headroom: '余裕', verdict: '判定'},
		measure: {'tokens-per-minute': 'トークン/分', 'requests-per-minute': 'リクエスト/分', 'tokens-per-day': 'トークン/日'},
		route: (crossRegion) => (crossRegion ? 'クロスリージョン' : 'オンデマンド'),
		verdict: {ok: '✓ 足りる', short: '✗ 不足', unknown: '? 見つからない'},
		burndown: (model, factor) =>
			`${model}: 出力トークンは 1 個あたり ${factor} 個分としてトークンのクォータに数えられます (AWS のバーンダウンレート。AWS が変更することがあります)。`,
		skipped: (ids) => `計画の対象外 (テキストモデルではなく、クォータの名前が異なります): ${ids.join('、')}。`,
		unknown:
			'? Service Quotas にこの名前のクォータがありません。AWS が別の名前で扱っているか、このリージョンでモデルを提供していない可能性があります。Service Quotas コンソールで確かめてください。',
		ok: '✓ この利用ペースなら、クォータはクラスに足ります。',
		short: (count) => `✗ ${count} 個のクォータが不足しています。授業中に参加者が「Too many tokens」(ThrottlingException) を受けます。`,
		notAutomatic:
			'引き上げは自動ではありません。AWS が申請ごとに審査し、想定する利用量を尋ねることがあり、今のクォータを使っていないアカウントは断られることもあり、数時間から数日かかります。授業よりずっと前に申請してください。',
		offer: (count) => `申請する引き上げリクエスト ${count} 件 (トークン/分のクォータ。AWS サポートが同じケースでモデルのほかのクォータも提案します):`,
		offerLine: (name, from, to) => `${name}: ${from.toLocaleString('ja-JP')} -> ${to.toLocaleString('ja-JP')}`,
		question: (count) => `クォータ引き上げリクエスト ${count} 件を今すぐ申請しますか?`,
		needsYes: '何も申請していません。申請するには --yes を付けてもう一度実行するか、Service Quotas コンソールで申請してください。',
		filed: (name, to, id, status) => `申請しました: ${name} を ${to.toLocaleString('ja-JP')} に (リクエスト ${id}、${status})。`,
		pending: (name, to, status) => `申請済み: ${name} を ${to.toLocaleString('ja-JP')} に (${status})。もう一度は申請しません。`,
		failed: (name, reason) => `${name} を申請できませんでした: ${reason}`,
		unreadable: (reason) =>
			`アカウントの Bedrock クォータを読めませんでした (${reason})。授業中にスロットリングされるかもしれません。workshop plan か Service Quotas コンソールで確かめてください。`,
		createShort: (count) =>
			`このクラスには ${count} 個のクォータが不足しています (上を参照)。workshop plan --yes で引き上げを申請してください。引き上げには時間がかかります。`,
	},
	rotate: {
		heading: (count) =>
			`${count} 席のキーを 1 席ずつローテーションします: 座席の 2 つ目の枠に新しいキーを作り、配布資料を書き換え、新しいキーを実際に確かめてから、古いキーを無効 (Inactive) にして削除します。`,
		seatLine: (seat, userName, keyId) => `座席 ${seat}: ${userName}、キー ${keyId} が使えなくなります`,
		grace: (seconds) => (seconds > 0 ? `古いキーは無効にしてから ${seconds} 秒後に削除します。` : '古いキーは無効にしたらすぐに削除します。'),
		handoutsTell: '参加者に新しい配布資料を渡してください。新しいキーの確認が通った時点で、古いキーは使えなくなります。',
		question: 'これらのキーをローテーションしますか?',
		needsYes: [
			'何もローテーションしていません。ローテーションには確認が必要です。',
			'ローテーションするには --yes を付けてもう一度実行してください。',
		] as ProblemText,
		declined: ['何もローテーションしていません。', 'ローテーションするには、もう一度実行して「はい」と答えてください。'] as ProblemText,
		step: {
			created: (seat, keyId) => `座席 ${seat}: 新しいキー ${keyId} を作成しました`,
			handout: (seat, keyId) => `座席 ${seat}: 配布資料をキー ${keyId} で書き換えました`,
			verified: (seat, keyId) => `座席 ${seat}: 新しいキー ${keyId} は動作します`,
			inactive: (seat, keyId) => `座席 ${seat}: 古いキー ${keyId} を無効にしました`,
			deleted: (seat, keyId) => `座席 ${seat}: 古いキー ${keyId} を削除しました`,
		},
		noSeat: (seat) => `座席 ${seat} のユーザーが IAM にいません`,
		noHandout: (seat, userName) =>
			`座席 ${seat} (${userName}): ここにはそのキーを載せた配布資料がないため、渡すものがありません。配布資料の --out-dir を渡すか、workshop create でキーを作成してください`,
		verifyFailed: (seat, userName, failures) =>
			`座席 ${seat} (${userName}): 新しいキーが確認に通らなかったため、古いキーは使えるまま残しました (同じ rotate をもう一度実行してください): ${failures.join('、')}`,
		done: (rotated, total) => `${total} 席中 ${rotated} 席をローテーションしました。`,
		noSeatsGiven: ['ローテーションする座席が指定されていません。', '--seat <番号> (複数可) か --all を渡してください。'] as ProblemText,
		badSeat: (value) => [`--seat "${value}" は座席番号ではありません。`, '1 以上の整数を渡してください (例: --seat 2)。'] as ProblemText,
	},
	cancelled: 'キャンセルしました。ここまでの作業は残してあります。同じコマンドをもう一度実行すると続きから進みます。',
};
