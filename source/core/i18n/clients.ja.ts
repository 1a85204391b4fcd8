/** キーを使うクライアントについての文言 (issue 18)。形は clients.en.ts と同じ。 */
import type {ClientsMessages} from './clients.en.js';

const list = (items: readonly string[]): string => items.join('、');

export const clientsJa: ClientsMessages = {
	explain: {
		mantleApiKey: () =>
			'このユーザーの APIキーで Mantle エンドポイントに認証できるようにします (bedrock-mantle:CallWithBearerToken)。Bedrock の APIキーは別の権限体系の Mantle でも使えます。リソースタイプがないため "*" のみです。bedrock-mantle:BearerTokenType の値が確認できていないため、キーの種類では限定していません。',
		mantleInference: (mantleIds) =>
			`Mantle エンドポイントで ${list(mantleIds)} を呼び出せるようにします (このリージョンのこのアカウントのプロジェクトでの bedrock-mantle:CreateInference)。bedrock-mantle:Model の条件で Mantle のモデルIDを指定しているので、それ以外は呼び出せません。`,
		guardrailMantleModels: (mantleIds) =>
			`${list(mantleIds)} 以外のモデルを指定する Mantle のアクション (推論、トークン数の計算、ファインチューニング) をすべて拒否します。後から AmazonBedrockFullAccess のような広いポリシーがアタッチされても有効です。モデルを指定しない Mantle のアクション (モデル一覧、プロジェクト、ファイル) は対象外です。`,
		readProfiles: (profileIds) =>
			`推論プロファイル ${list(profileIds)} を読めるようにします (bedrock:GetInferenceProfile)。Claude Code はモデルを呼び出す前にこれを読みます。ないと、新しいモデルごとに Claude Code の要求が 1 回失敗して再試行になります。`,
		listProfiles: () =>
			'推論プロファイルの一覧を取得できるようにします (bedrock:ListInferenceProfiles)。Claude Code がモデルを探すときに使います。このアクションにはリソースタイプがないため、IAM は "*" でしか一致させません。一覧で見えるのは名前だけで、呼び出せるのは選んだモデルだけです。',
	},
	files: {
		written: (path, surface, modelIds, secret) =>
			`${path} を書きました${secret ? ' (モード 0600: キーが入っています)' : ''}。${surface}、モデル ${list(modelIds)}。`,
		notOverwritten: (path) => `${path} は既にあるため上書きしていません。別の場所に移してからもう一度実行すると書き込みます。`,
		gitUnignored: (path) => `${path} にはキーが入っており、git に取り込まれる状態です。.gitignore に追加してください。`,
		gitIgnored: (path) => `${path} は git に無視されます。リポジトリの無視設定で既に除外されています。`,
		merged: (path, kept, removed) =>
			`${path} にモデルの指定を統合しました${kept ? `。元のファイルは ${kept} に残してあります` : ''}。ほかの設定は変えていません。${removed.length > 0 ? `古いキーが新しいキーより優先されないよう、${list(removed)} を取り除きました。` : ''}`,
		settingsInvalid: (path, reason) => [
			`${path} は統合できる Claude Code の設定ファイルではありません: ${reason === 'not-json' ? 'JSON として正しくありません' : reason === 'not-an-object' ? 'JSON のオブジェクトではありません' : '"env" がオブジェクトではありません'}。`,
			'ファイルを直す (または別の場所に移す) か、--claude-settings project でこのプロジェクトの .claude/settings.local.json を使ってから、もう一度実行してください。何も変更していません。',
		],
		claudeDotenv: (envFile) =>
			`Claude Code は ${envFile} からキーを受け取ります。Claude Code は .env を自分では読まないため、このファイルを読み込んで起動してください (サブシェルで実行するので、キーは今のシェルに残りません):`,
		claudeEnv: (variables) =>
			`Claude Code は起動時の環境変数からキーを受け取ります (設定ファイルにキーはありません)。${list(variables)} をシークレットの置き場所 (シェルの設定、シークレット管理ツール) に設定してください。たとえば .env から:`,
		claudeSettings: (path) => `Claude Code は ${path} (モード 0600) からキーを読みます。このプロジェクトで claude を起動してください。`,
		claudeSettingsUser: (path) => `Claude Code は ${path} (モード 0600) からキーを読みます。すべてのプロジェクトで使われます。`,
		exportLine: 'Claude Code を起動するシェルで設定してください (r でキーを表示、c でこの行をコピー):',
		claudeFlagsAlone: (flags) => [
			`${flags.join(' と ')} は Claude Code のためのフラグですが、クライアントに Claude Code が含まれていません。`,
			'--client claude-code を加えるか、これらのフラグを外してください。',
		],
	},
	check: {
		settingsUnreadable: (path, reason) => [
			`${path} から Claude Code の設定を読めません (${reason})。`,
			'"env" オブジェクトを含む設定ファイル (.claude/settings.local.json など) を --settings で指定してください。',
		],
		noSettings: (paths) => [
			`このフォルダーからは Claude Code の設定ファイル (${paths.join('、')}) がどれも見つかりません。`,
			'ウィザードが設定ファイルを書いたプロジェクトのフォルダーで check を実行するか、--settings FILE を指定してください。',
		],
		slots: (path) => `${path} にある Claude Code のモデル:`,
		slot: (slot, variable, modelId) => `  ${slot}: ${modelId} (${variable})`,
		unpinned: (slot, variable) =>
			`  ${slot}: 固定されていません (${variable})。Claude Code は自身の既定のモデルを使います。既定はバージョンごとに変わり、キーで呼び出せないモデルのこともあります。`,
		slotFails: (slot, variable, modelId, path) =>
			`✗ ${slot} スロットは失敗します。キーは ${modelId} を呼び出せません。${path} の "${variable}": "${modelId}" の行を、キーで呼び出せるモデルに変えてください。`,
		unsupported: (client, supported) => [
			`check --client ${client} には対応していません。このクライアントの設定はコードの中にあり、ウィザードが書くファイルではありません。`,
			`--client ${supported.join('、--client ')} (と --settings FILE) を使うか、コードが呼び出すモデルを --expect-allowed で指定してください。`,
		],
		configUnreadable: (client, path, reason) =>
			(
				({
					openai: [
						`${path} から OpenAI SDK の設定を読めません (${reason})。`,
						'ウィザードが書いた .env (openai.env。OPENAI_BASE_URL とモデルを含む) を --settings で指定してください。',
					],
					codex: [
						`${path} から Codex の設定を読めません (${reason})。`,
						'Codex の config.toml (codex-config.toml または ~/.codex/config.toml) を --settings で指定してください。',
					],
					litellm: [
						`${path} から LiteLLM の設定を読めません (${reason})。`,
						'model_list を含む LiteLLM の config.yaml (litellm-config.yaml) を --settings で指定してください。読めるのはブロック形式のマッピングとリスト、引用符なしまたは引用符付きの値で、アンカーやタグは読めません。',
					],
				}) as const
			)[client],
		lineUnreadable: (lineNumber, text) => `${lineNumber} 行目「${text}」を読めません`,
		noModels: (path) => `${path} にはモデルの指定がありません。確認するものがありません。`,
		models: (client, path) => `${path} にある ${client} が呼び出すモデル:`,
		call: (entry, modelId, operation) => (entry === modelId ? `  ${modelId} (${operation})` : `  ${entry}: ${modelId} (${operation})`),
		unpinnedEntry: (entry, line) =>
			`  ${entry}: 固定されていません (${line})。クライアントは自身の既定のモデルを使います。キーで呼び出せないモデルのこともあります。`,
		skipped: (entry, line) => `  ${entry}: Bedrock のモデルではありません (${line})。このキーを使わないため確認しません。`,
		keyFromFile: (path, variable) => `確認するキーは ${path} にあるもの (${variable}) で、クライアントが送るキーです。`,
		entryFails: (entry, modelId, line, lineNumber, path) =>
			`✗ ${entry === modelId ? modelId : `エントリ ${entry} (${modelId})`} は失敗します。キーはこのクライアントの呼び出し方ではこのモデルを呼び出せません。${path} の${lineNumber !== undefined ? ` ${lineNumber} 行目` : ''} ${line} を、キーで呼び出せるモデルに変えてください。`,
		fault: (line, lineNumber, expected, path) =>
			`✗ ${path} の ${lineNumber} 行目 ${line} があると、キーにかかわらずクライアントは失敗します。${expected} に変えてください。`,
	},
};
