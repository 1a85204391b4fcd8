/** Words about the clients a key is for (issue 18): the policy's client statements, the question, the files and snippets. */
const list = (items: readonly string[]): string => items.join(', ');

export const clientsEn = () => ({
	explain: {
		mantleApiKey: () =>
			'Lets API keys of this user sign in to the Mantle endpoint (bedrock-mantle:CallWithBearerToken), which Bedrock API keys reach under a separate set of permissions. It has no resource type, so only "*"; it is not limited by key kind, because the values of bedrock-mantle:BearerTokenType are not confirmed.',
		mantleInference: (mantleIds: readonly string[]) =>
			`Lets the user call ${list(mantleIds)} on the Mantle endpoint (bedrock-mantle:CreateInference on this account's projects in this Region), and only those: the bedrock-mantle:Model condition names them by their Mantle IDs.`,
		guardrailMantleModels: (mantleIds: readonly string[]) =>
			`Denies every Mantle action that names a model other than ${list(mantleIds)} (inference, token counts, fine-tuning), even if a broad policy such as AmazonBedrockFullAccess is attached later. Mantle actions that name no model (listing models, projects, files) are not covered by it.`,
		readProfiles: (profileIds: readonly string[]) =>
			`Lets the user read the inference profile${profileIds.length > 1 ? 's' : ''} ${list(profileIds)} (bedrock:GetInferenceProfile), which Claude Code asks for before it calls a model; without it, each new model costs Claude Code a failed request and a retry.`,
		listProfiles: () =>
			'Lets the user list inference profiles (bedrock:ListInferenceProfiles), which Claude Code does to find its models. The action has no resource type, so IAM only matches it on "*"; listing shows names, and calling stays limited to the chosen models.',
	},
	/** The clients' configuration files, written after the key's (flows/create/client-files.ts). */
	files: {
		written: (path: string, surface: string, modelIds: readonly string[], secret: boolean) =>
			`Wrote ${path}${secret ? ' (mode 0600: the key is inside)' : ''}: ${surface}, models ${list(modelIds)}.`,
		notOverwritten: (path: string) => `${path} is already there and was not overwritten; move it away and run again to have it written.`,
		gitUnignored: (path: string) => `${path} holds the key and git would pick it up: add it to .gitignore.`,
		/** A private file (the key inside, or Claude Code's settings.local.json) that git already ignores. */
		gitIgnored: (path: string) => `git ignores ${path}: the repository's ignore rules already cover it.`,
		/** The user's Claude Code settings, merged; `kept`: the copy of the file as it was. */
		merged: (path: string, kept: string | undefined, removed: readonly string[]) =>
			`Merged the model pins into ${path}${kept ? `; the file as it was is kept in ${kept}` : ''}; its other settings are unchanged.${removed.length > 0 ? ` Took out ${list(removed)}: an older key there would have been used instead of the new one.` : ''}`,
		/** The user's Claude Code settings are not a JSON object: nothing is made, nothing written. */
		settingsInvalid: (path: string, reason: 'not-json' | 'not-an-object' | 'env-not-an-object'): readonly [string, string] => [
			`${path} is not a Claude Code settings file the wizard can merge into: ${reason === 'not-json' ? 'it is not valid JSON' : reason === 'not-an-object' ? 'it is not a JSON object' : 'its "env" is not an object'}.`,
			`Fix the file (or move it away) and run again, or pass --claude-settings project for this project's .claude/settings.local.json. Nothing was changed.`,
		],
		/** How Claude Code gets the key (core/clients/claude-code.ts, claudeKeyCommand): a sentence, then the command on its own line. */
		claudeDotenv: (envFile: string) =>
			`Claude Code takes the key from ${envFile}: it does not read a .env by itself, so start it with the file loaded (in a subshell, so the key stays out of your shell):`,
		claudeEnv: (variables: readonly string[]) =>
			`Claude Code takes the key from the environment it starts in (its settings hold none): set ${list(variables)} where you keep secrets (your shell profile, a secret manager), for instance from the .env:`,
		claudeSettings: (path: string) => `Claude Code takes the key from ${path} (mode 0600): start it with claude in this project.`,
		claudeSettingsUser: (path: string) => `Claude Code takes the key from ${path} (mode 0600), in every project.`,
		/** The TUI's Done screen (env): the export line, the key masked until revealed. */
		exportLine: 'Set it in the shell that starts Claude Code (r shows the key, c copies the line):',
		/** Headless: --claude-key-from or --claude-settings without --client claude-code. */
		claudeFlagsAlone: (flags: readonly string[]): readonly [string, string] => [
			`${flags.join(' and ')} ${flags.length === 1 ? 'applies' : 'apply'} only to Claude Code, which is not among the clients.`,
			'Add --client claude-code, or leave them out.',
		],
	},
	/** `check --client NAME [--settings FILE]` (cli/client-doctor.ts): Claude Code's slots, then the other clients' entries. */
	check: {
		settingsUnreadable: (path: string, reason: string): readonly [string, string] => [
			`Cannot read Claude Code settings from ${path} (${reason}).`,
			'Pass --settings with a settings file holding an "env" object, such as .claude/settings.local.json.',
		],
		noSettings: (paths: readonly string[]): readonly [string, string] => [
			`Found none of Claude Code's settings files (${paths.join(', ')}) from this folder.`,
			'Run check in the project folder the wizard wrote them in, or pass --settings FILE.',
		],
		slots: (path: string) => `Claude Code's models in ${path}:`,
		slot: (slot: string, variable: string, modelId: string) => `  ${slot}: ${modelId} (${variable})`,
		unpinned: (slot: string, variable: string) =>
			`  ${slot}: not pinned (${variable}), so Claude Code uses its own default, which changes between versions and may be a model the key cannot call.`,
		slotFails: (slot: string, variable: string, modelId: string, path: string) =>
			`✗ The ${slot} slot would fail: the key cannot call ${modelId}. Change the line "${variable}": "${modelId}" in ${path} to a model the key may call.`,
		/** The other clients' configurations (core/clients/doctor.ts): openai, codex, litellm. */
		unsupported: (client: string, supported: readonly string[]): readonly [string, string] => [
			`check --client ${client} is not supported: that client is configured in code, not in a file the wizard writes.`,
			`Use --client ${supported.join(', --client ')} (with --settings FILE), or --expect-allowed with the models your code calls.`,
		],
		configUnreadable: (client: 'openai' | 'codex' | 'litellm', path: string, reason: string): readonly [string, string] =>
			(
				({
					openai: [
						`Cannot read the OpenAI SDK's settings from ${path} (${reason}).`,
						'Pass --settings with the .env the wizard wrote (openai.env), holding OPENAI_BASE_URL and the models.',
					],
					codex: [
						`Cannot read Codex's configuration from ${path} (${reason}).`,
						'Pass --settings with a Codex config.toml (codex-config.toml, or ~/.codex/config.toml).',
					],
					litellm: [
						`Cannot read LiteLLM's configuration from ${path} (${reason}).`,
						'Pass --settings with a LiteLLM config.yaml holding a model_list (litellm-config.yaml); the reader takes block mappings and lists of plain or quoted values, without anchors or tags.',
					],
				}) as const
			)[client],
		lineUnreadable: (lineNumber: number, text: string) => `line ${lineNumber}, "${text}", cannot be read`,
		noModels: (path: string) => `${path} names no model: nothing to probe.`,
		models: (client: string, path: string) => `The models ${client} would call, from ${path}:`,
		call: (entry: string, modelId: string, operation: string) => (entry === modelId ? `  ${modelId} (${operation})` : `  ${entry}: ${modelId} (${operation})`),
		unpinnedEntry: (entry: string, line: string) =>
			`  ${entry}: not pinned (${line}), so the client uses its own default, which may be a model the key cannot call.`,
		skipped: (entry: string, line: string) => `  ${entry}: not a Bedrock model (${line}); it does not use this key, so it is not checked.`,
		keyFromFile: (path: string, variable: string) => `The key checked is the one in ${path} (${variable}), which the client sends.`,
		entryFails: (entry: string, modelId: string, line: string, lineNumber: number | undefined, path: string) =>
			`✗ ${entry === modelId ? modelId : `The entry ${entry} (${modelId})`} would fail: the key cannot call it on this client's surface. Change the line ${lineNumber !== undefined ? `${lineNumber} ` : ''}${line} in ${path} to a model the key may call.`,
		fault: (line: string, lineNumber: number, expected: string, path: string) =>
			`✗ Line ${lineNumber} of ${path}, ${line}, makes the client fail whatever the key: change it to ${expected}.`,
	},
});

export type ClientsMessages = ReturnType<typeof clientsEn>;
