/** 作成の質問の日本語 (形は questions.en.ts のとおり)。 */
import type {ProblemText} from './en.js';
import type {QuestionMessages} from './questions.en.js';

export const questionsJa: QuestionMessages = {
	region: {
		label: 'キーで Bedrock を呼び出すリージョンはどれですか?',
		prompt: 'AWS リージョン',
		invalid: 'リージョンは us-west-2 のような形です。',
	},
	modelIds: {
		label: (region) => `${region} でキーが呼び出せるモデルはどれですか?`,
		prompt: 'キーが呼び出せるモデル (space で選択、enter で決定)',
		required: 'モデルを 1 つ以上選んでください。',
		help: '基盤モデル ID または推論プロファイル ID (カンマ区切り)',
	},
	denyProbeIds: {
		help: '拒否されるべきモデル (既定: 許可していない ACTIVE なモデルから選択)',
	},
	keyKinds: {
		label: 'キー',
		prompt: 'キーの種類',
		choices: {
			'api-key': '長期 APIキー (シークレット 1 つ、有効期限を指定)',
			'short-term': '短期 APIキー (最長 12 時間。署名用にアクセスキーも作成)',
			'access-key': 'アクセスキー (SigV4。AWS CLI や SDK 向け)',
		},
		required: 'キーの種類を 1 つ以上選んでください。',
		invalidFlag: (values, kinds): ProblemText => [
			`--key ${values.join(', ')} は不明な種類です。`,
			`次のうち 1 つ以上を指定してください: ${kinds.join(', ')}。`,
		],
		help: (kinds, byDefault) => `${kinds.map((kind) => (kind === byDefault ? `${kind} (既定)` : kind)).join('、')}。複数回またはカンマ区切りで指定可`,
	},
	expiresInDays: {
		label: '有効期限',
		prompt: 'APIキーの有効期限までの日数 (または "never")',
		days: (days) => `${days} 日`,
		never: 'なし',
		invalid: (min, max) => `${min}〜${max} の整数の日数、または "never" を入力してください。`,
		invalidFlag: (value, min, max): ProblemText => [
			`--expires-in-days "${value}" は ${min}〜${max} の整数の日数ではありません。`,
			'例: --expires-in-days 30、または --expires-in-days never を指定してください。',
		],
		help: (byDefault) => `長期 APIキーの有効期限までの日数、または "never" (既定: ${byDefault})`,
	},
	userName: {
		label: 'IAMユーザー',
		prompt: 'キーを作る IAMユーザー名',
		invalid: '1〜64 文字の英数字と + = , . @ _ - が使えます。',
		invalidFlag: (value): ProblemText => [`--user-name "${value}" は IAMユーザー名として使えません。`, '1〜64 文字の英数字と + = , . @ _ - が使えます。'],
		help: 'キーを作る IAMユーザー (既定: bedrock-key-<日付>-<ランダム>)',
	},
	guardrail: {
		help: 'ほかのすべてのモデルを明示的に拒否する Deny を入れない',
	},
	streaming: {
		help: 'ストリーミング API を許可しない',
	},
	policyType: {
		label: 'ポリシー',
		prompt: 'ポリシーの種類 (auto、inline、managed)',
		choices: {
			auto: 'auto (収まればインライン)',
			inline: 'inline',
			managed: 'managed',
		},
		invalid: 'auto、inline、managed のいずれかです。',
		invalidFlag: (value, types): ProblemText => [
			`--policy-type "${value}" はポリシーの種類ではありません。`,
			`次のいずれかを指定してください: ${types.join(', ')}。`,
		],
		help: (types, byDefault) =>
			`${types.map((type) => (type === byDefault ? `${type} (既定)` : type)).join(', ')}: インラインのユーザーポリシー (2,048 文字、ユーザーの他のインラインポリシーと共有)、/bedrock-key-wizard/ のカスタマー管理ポリシー (6,144 文字)、または収まればインライン`,
	},
	useCaseFormFile: {
		help: 'Anthropic の一度きりのユースケースフォーム (companyName、companyWebsite、intendedUsers、industryOption、otherIndustryOption、useCases) の JSON ファイル。アカウントで未提出なら提出します',
	},
	destinations: {
		help: 'プロファイルの宛先モデルの書き方: any-region (プロファイルで絞った 1 つのリージョンワイルドカード。AWS がリージョンを追加しても使い続けられます) または exact (現在のリージョンごとの ARN)',
		invalidFlag: (value, forms) => [`--destinations "${value}" は書き方の指定ではありません。`, `次のいずれかを指定してください: ${forms.join(', ')}。`],
	},
	outDir: {
		help: 'policy.json、.env、bedrock-key-report.json の保存先 (既定: このフォルダー)',
		label: '保存先',
		prompt: 'policy.json、.env、レポートを保存するフォルダー',
		hint: (hasEnv) =>
			hasEnv
				? 'このフォルダーには既に .env があるため、ユーザー名の新しいフォルダー'
				: 'このフォルダー (.env はありません)。別の場所に保存するには入力してください',
		invalid: 'フォルダーを入力してください (. はこのフォルダー)。',
		invalidFlag: () => ['--out-dir が空です。', 'フォルダーを指定するか、このフォルダーに保存するならフラグを省いてください。'],
	},
	keepManagedPolicies: {
		help: '既存のユーザーから AmazonBedrockLimitedAccess/FullAccess をデタッチしない',
	},
	replaceKeys: {
		prompt: (userName, count) => `${userName} が既に持っている ${count} 個のキーを、新しいキーが動作して保存された後に削除しますか?`,
		promptAtLimit: (userName) =>
			`IAM ではユーザーあたり 2 個までのため、新しいキーには空きが必要です。${userName} の古いキーを削除しますか (新しいキーを作る前に必要な数だけ、残りは新しいキーが動作した後)?`,
		choices: {
			keep: '残す (有効なまま)',
			delete: '新しいキーが動作した後に削除する',
			deleteAtLimit: '削除する (新しいキーに空きが必要)',
			back: '確認画面に戻る',
		},
		help: '既存のユーザーが持っている APIキーとアクセスキーを、新しいキーが動作した後に削除する (IAM の上限の 2 個を持っている場合は必須)',
	},
	useCaseForm: {
		prompt: (model) =>
			`このアカウントでは Anthropic の一度きりのユースケースフォームが未提出のため、${model} のキーはまだ使えません。AWS はアカウントごとに一度 (または組織の管理アカウントで一度) の提出を求めています。どの方法で提出しますか?`,
		choices: {
			fill: 'ここでフォームに入力する (何かを作る前に、あなたの認証情報で送信)',
			console: 'AWS コンソールで自分で提出する',
			back: '戻る: 別のモデルを選ぶ',
		},
		console: [
			'Amazon Bedrock コンソール (https://console.aws.amazon.com/bedrock/) でモデルカタログを開き、任意の Anthropic モデルを選んでユースケースの詳細を提出してください。',
			'フォームを提出するとすぐにアクセスが許可されます (AWS)。提出したら、ここに戻ってもう一度確認してください。',
		],
		consolePrompt: '提出したら:',
		consoleChoices: {check: 'もう一度確認する', fill: '代わりにここでフォームに入力する', back: '戻る: 別のモデルを選ぶ'},
		checking: 'ユースケースフォームが提出済みか AWS に確認しています (GetUseCaseForModelAccess)…',
		stillMissing:
			'このアカウントのユースケースフォームはまだ AWS にありません (GetUseCaseForModelAccess)。コンソールで提出してから、もう一度確認してください。',
		submitted: 'このアカウントのユースケースフォームが AWS に届きました。Anthropic のモデルを使えます。',
		fillIntro: 'Anthropic のユースケースフォーム: 確認画面で承認すると、何かを作る前にあなたの認証情報で AWS に送信します (PutUseCaseForModelAccess)。',
		filled: (company) => `Anthropic のユースケースフォーム: ${company} として入力済み。何かを作る前に AWS に送信します。`,
		fields: {
			companyName: {label: '会社名', hint: ''},
			companyWebsite: {label: '会社のウェブサイト', hint: '例: https://example.com'},
			intendedUsers: {label: '想定ユーザー', hint: '数字: AWS 自身の例は 0 (社内ユーザー) を送っています。ほかの値は AWS が文書化していません'},
			industryOption: {label: '業種', hint: '例: Education、Energy、Technology (一覧は AWS が文書化していません)'},
			otherIndustryOption: {label: 'その他の業種', hint: '空のままでもかまいません'},
			useCases: {label: 'モデルの用途', hint: ''},
		},
		required: 'この項目は入力が必要です。',
	},
	subscribe: {
		prompt: (models) =>
			`${models.join('、')} はこのアカウントで AWS Marketplace のサブスクリプションが必要です。あなたの認証情報でアカウントをサブスクライブしますか (キーには Marketplace の権限を与えません)?`,
		choices: {yes: 'アカウントをサブスクライブする', back: '確認画面に戻る'},
		help: '選んだサードパーティモデルのうち必要なものに、あなたの認証情報で AWS Marketplace のサブスクリプションを作成します (キーには権限を与えません)',
	},
	existingFiles: {
		help: '--yes を付けると、--out-dir に既にあるファイルを上書きします (.env は先に .env.<時刻>.bak として残します)',
		prompt: (paths) =>
			`次のファイルが既にあります: ${paths.join('、')}。別の名前で保存しますか、上書きしますか、それとも中止しますか (AWS には何も作りません)?`,
		choices: {
			'new-name': (names) => `別の名前で保存: ${names.join('、')}`,
			overwrite: '上書きする (.env は先に .env.<時刻>.bak として残します)',
			cancel: '中止する: 何も作らず、何も書きません',
		},
		numbered: (choices) => choices.map((choice, index) => `${index + 1}) ${choice}`).join('\n  '),
		invalid: (count) => `1 から ${count} までの番号を入力してください。`,
	},
	gitignore: {
		help: '.env (とキーが入るクライアントのファイル、Claude Code の settings.local.json) が git に取り込まれる状態のとき、.gitignore に追加します',
		prompt: (paths) => `${paths.join('、')} は git の作業ツリー内にあり、無視されていません。キーがコミットされないよう .gitignore に追加しますか?`,
		choices: {add: '.gitignore に追加する', leave: '.gitignore は変更しない'},
	},
	confirmed: {
		label: 'enter で AWS に変更を加えます。esc で回答を変更します。',
		prompt: (existingUser) => `AWS アカウントに適用しますか${existingUser ? ` (IAMユーザー ${existingUser} は既に存在し、更新されます)` : ''}?`,
	},
	keepOnFailure: {
		help: 'ステップが失敗しても、作成したものを取り消さない',
	},
	subscriptionTimeout: {
		invalidFlag: (value, example) => [`--subscription-timeout "${value}" は秒数ではありません。`, `例: --subscription-timeout ${example}`],
		help: '新しい AWS Marketplace サブスクリプションが有効になるまで待つ時間 (AWS によると 2〜15 分)',
	},
	verifyTimeout: {
		invalidFlag: (value, example): ProblemText => [
			`--verify-timeout "${value}" は秒数ではありません。`,
			`例: --verify-timeout ${example} を指定してください。`,
		],
		help: '検証中に IAM の反映を待つ時間',
	},
	clients: {
		label: 'このキーを何で使いますか?',
		none: '何も選ばなければ Bedrock 自体の API (Converse、InvokeModel) だけです。',
		prompt: 'このキーを何で使いますか? (スペースで選択、Enter で決定)',
		choices: {
			'claude-code': 'Claude Code',
			openai: 'OpenAI SDK / 互換ツール',
			codex: 'Codex CLI',
			litellm: 'LiteLLM',
			'vercel-ai': 'Vercel AI SDK',
			boto3: 'boto3 / AWS CLI',
			curl: 'curl / その他',
		},
		help: (kinds) =>
			`キーを使うもの (複数指定可: ${kinds.join(', ')})。そのクライアントに必要な許可をポリシーに加え、呼び出す経路を検証し、設定ファイルを書き出します`,
		invalidFlag: (values, kinds): ProblemText => [`--client ${values.join(', ')} は不明です。`, `次のいずれかを指定してください: ${kinds.join(', ')}。`],
	},
	mantle: {
		help: '選んだモデルを Mantle エンドポイント (bedrock-mantle) でも許可し、ほかのモデルは Mantle でも拒否します',
	},
	claudeKeyFrom: {
		label: 'Claude Code はキーをどこから読みますか?',
		prompt: 'Claude Code はキーをどこから読みますか?',
		note: 'Claude Code が読むのは設定ファイルの env ブロックと起動時の環境変数で、.env は自分では読みません。',
		choices: {
			dotenv: '.env: .env を読み込んで起動 (キーは 1 ファイルだけ)',
			env: '環境変数: AWS_BEARER_TOKEN_BEDROCK を自分で設定',
			settings: '設定ファイル: env ブロックにキー (0600、git から除外)',
		},
		help: (sources, byDefault) =>
			`--client claude-code のとき、Claude Code がキーを読む場所 (${sources.join('、')}。既定は ${byDefault}): 起動時に読み込む .env、環境変数、または設定ファイル`,
		invalidFlag: (value, sources) => [`--claude-key-from ${value} は使えません。`, `次のいずれかを指定してください: ${sources.join('、')}。`],
	},
	claudeSettings: {
		label: 'モデルの指定をどの Claude Code 設定ファイルに書きますか?',
		prompt: 'モデルの指定をどの Claude Code 設定ファイルに書きますか?',
		choices: {
			project: 'このプロジェクトの .claude/settings.local.json',
			user: '~/.claude/settings.json (全プロジェクト向け、統合)',
		},
		help: (files, byDefault) =>
			`--client claude-code のとき、モデルの指定を書く設定ファイル (${files.join('、')}。既定は ${byDefault}): プロジェクトの .claude/settings.local.json、または ~/.claude/settings.json に統合`,
		invalidFlag: (value, files) => [`--claude-settings ${value} は使えません。`, `次のいずれかを指定してください: ${files.join('、')}。`],
	},
};
