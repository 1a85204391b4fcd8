/** Words about the clients a key is for (issue 18): the policy's client statements, the question, the files and snippets. */
const list = (items: readonly string[]): string => items.join(', ');

export const clientsEn = {
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
	},
	/** `check --client claude-code --settings FILE` (cli/commands/check.ts). */
	check: {
		onlyClaudeCode: (client: string): readonly [string, string] => [
			`check --client ${client} is not supported yet.`,
			'Use --client claude-code with --settings, or --expect-allowed for other clients.',
		],
		settingsUnreadable: (path: string, reason: string): readonly [string, string] => [
			`Cannot read Claude Code settings from ${path} (${reason}).`,
			'Pass --settings with a settings file holding an "env" object, such as .claude/settings.local.json.',
		],
		slots: (path: string) => `Claude Code's models in ${path}:`,
		slot: (slot: string, variable: string, modelId: string) => `  ${slot}: ${modelId} (${variable})`,
		unpinned: (slot: string, variable: string) =>
			`  ${slot}: not pinned (${variable}), so Claude Code uses its own default, which changes between versions and may be a model the key cannot call.`,
		slotFails: (slot: string, variable: string, modelId: string, path: string) =>
			`✗ The ${slot} slot would fail: the key cannot call ${modelId}. Change the line "${variable}": "${modelId}" in ${path} to a model the key may call.`,
	},
};

export type ClientsMessages = typeof clientsEn;
