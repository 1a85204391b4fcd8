/**
 * English words of create's questions, one entry per question of the table in
 * source/flows/create/questions.ts (the entry's key is the question's id). `label` is what the TUI
 * shows beside or above its field, `prompt` what --plain asks on one line, `help` the flag's line in
 * --help; `invalid` and `required` are said when an answer is refused, `invalidFlag` when a flag's value
 * is. Japanese (questions.ja.ts) must give every key with the same signature, or the type-check fails.
 */
import type {ProblemText} from './en.js';

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export const questionsEn = () => ({
	region: {
		label: 'Which Region will the key call Bedrock in?',
		prompt: 'AWS Region',
		invalid: 'A Region looks like us-west-2.',
	},
	modelIds: {
		label: (region: string) => `Which models may the key call in ${region}?`,
		prompt: 'Models the key may call (space to pick, enter to accept)',
		required: 'Pick at least one model.',
		help: 'foundation model ids or inference profile ids, comma-separated',
	},
	denyProbeIds: {
		help: 'models that must be denied (default: chosen among ACTIVE models not allowed)',
	},
	keyKinds: {
		label: 'Key',
		prompt: 'Kinds of key',
		choices: {
			'api-key': 'Long-term API key (one secret, expires when you say)',
			'short-term': 'Short-term API key (up to 12 hours; also makes an access key to sign it)',
			'access-key': 'Access key (SigV4, for the AWS CLI and SDKs)',
		},
		required: 'Choose at least one kind of key.',
		invalidFlag: (values: readonly string[], kinds: readonly string[]): ProblemText => [
			`Unknown --key ${values.join(', ')}.`,
			`Use one or more of: ${kinds.join(', ')}.`,
		],
		help: (kinds: readonly string[], byDefault: string) =>
			`${kinds.map((kind) => (kind === byDefault ? `${kind} (default)` : kind)).join(', ')}; repeatable or comma-separated`,
	},
	expiresInDays: {
		label: 'Expires in',
		prompt: 'Days until the API key expires (or "never")',
		days: (days: number) => plural(days, 'day'),
		never: 'never',
		invalid: (min: number, max: number) => `A whole number of days from ${min} to ${max}, or "never".`,
		invalidFlag: (value: string, min: number, max: number): ProblemText => [
			`--expires-in-days "${value}" is not a whole number of days from ${min} to ${max}.`,
			'Pass e.g. --expires-in-days 30, or --expires-in-days never.',
		],
		help: (byDefault: number) => `days until the long-term API key expires, or "never" (default: ${byDefault})`,
	},
	userName: {
		label: 'IAM user',
		prompt: 'IAM user name for the key',
		invalid: 'Use 1 to 64 letters, digits and + = , . @ _ - characters.',
		invalidFlag: (value: string): ProblemText => [
			`--user-name "${value}" is not a valid IAM user name.`,
			'Use 1 to 64 letters, digits and + = , . @ _ - characters.',
		],
		help: 'IAM user for the key (default: bedrock-key-<date>-<random>)',
	},
	guardrail: {
		help: 'leave out the explicit Deny of every other model',
	},
	streaming: {
		help: 'do not allow the streaming APIs',
	},
	policyType: {
		label: 'Policy',
		prompt: 'Policy type (auto, inline or managed)',
		choices: {
			auto: 'auto (inline if it fits)',
			inline: 'inline',
			managed: 'managed',
		},
		invalid: 'One of auto, inline or managed.',
		invalidFlag: (value: string, types: readonly string[]): ProblemText => [
			`--policy-type "${value}" is not a policy type.`,
			`Use one of: ${types.join(', ')}.`,
		],
		help: (types: readonly string[], byDefault: string) =>
			`${types.map((type) => (type === byDefault ? `${type} (default)` : type)).join(', ')}: an inline user policy (2,048 characters, shared with the user's other inline policies), a customer managed policy under /bedrock-key-wizard/ (6,144), or inline when it fits`,
	},
	useCaseFormFile: {
		help: "a JSON file with Anthropic's one-time use-case form (companyName, companyWebsite, intendedUsers, industryOption, otherIndustryOption, useCases), submitted if the account has not",
	},
	destinations: {
		help: "a profile's destination models: any-region (one Region wildcard scoped to the profile; keeps working when AWS adds a Region) or exact (each Region's ARN as listed today)",
		invalidFlag: (value: string, forms: readonly string[]): ProblemText => [`--destinations "${value}" is not a form.`, `Use one of: ${forms.join(', ')}.`],
	},
	outDir: {
		help: 'where to write policy.json, .env and bedrock-key-report.json (default: this folder)',
		label: 'Save to',
		prompt: 'Folder to save policy.json, .env and the report in',
		/** Under the field: where the default comes from. */
		hint: (hasEnv: boolean): string =>
			hasEnv ? 'this folder already has a .env, so a new folder named after the user' : 'this folder (it has no .env); type another to save there',
		invalid: 'Type a folder (. is this one).',
		invalidFlag: (): ProblemText => ['--out-dir is empty.', 'Name a folder, or leave the flag out to save in this folder.'],
	},
	keepManagedPolicies: {
		help: 'do not detach AmazonBedrockLimitedAccess/FullAccess from an existing user',
	},
	replaceKeys: {
		prompt: (userName: string, count: number) => `Delete the ${plural(count, 'key')} ${userName} already holds once the new key works and is saved?`,
		promptAtLimit: (userName: string) =>
			`IAM allows 2 per user, so the new key needs room: delete ${userName}'s old keys (only as many as needed before the new key is made, the rest once it works)?`,
		choices: {
			keep: 'Keep them (they stay valid)',
			delete: 'Delete them once the new key works',
			deleteAtLimit: 'Delete them (the new key needs room)',
			back: 'Back to the review',
		},
		help: "delete the API keys and access keys an existing user already holds, once the new key works (needed when it holds IAM's limit of 2)",
	},
	useCaseForm: {
		/** The question at the review, when the account has not submitted it and no --use-case-form FILE was given. */
		prompt: (model: string) =>
			`Anthropic's one-time use-case form has not been submitted for this account, so a key for ${model} could not work yet. AWS asks for it once per account (or once in the organisation's management account). How do you want to submit it?`,
		choices: {
			fill: 'Fill in the form here (sent with your credentials before anything is made)',
			console: "I'll submit it in the AWS console",
			back: 'Back: choose other models',
		},
		/** Where the console takes the form (docs/aws-facts.md, "Anthropic's use-case form"). */
		console: [
			'In the Amazon Bedrock console (https://console.aws.amazon.com/bedrock/), open Model catalog, choose any Anthropic model and submit its use case details.',
			'AWS grants access as soon as the form is submitted; come back here and check again.',
		],
		consolePrompt: 'When you have submitted it:',
		consoleChoices: {check: 'Check again', fill: 'Fill in the form here instead', back: 'Back: choose other models'},
		checking: 'Asking AWS whether the use-case form is there (GetUseCaseForModelAccess)…',
		stillMissing: 'AWS still has no use-case form for this account (GetUseCaseForModelAccess). Submit it in the console, then check again.',
		submitted: "AWS has the account's use-case form now: Anthropic models can be used.",
		/** Above the fields, and on the review once they are answered. */
		fillIntro:
			"Anthropic's use-case form: your answers go to AWS (PutUseCaseForModelAccess) with your credentials when you accept the review, before anything is made.",
		filled: (company: string) => `Anthropic's use-case form: answered for ${company}; sent to AWS before anything is made.`,
		fields: {
			companyName: {label: 'Company name', hint: ''},
			companyWebsite: {label: 'Company website', hint: 'e.g. https://example.com'},
			intendedUsers: {
				label: 'Intended users',
				hint: "a number: AWS's own example sends 0 (internal users); AWS does not document the other values",
			},
			industryOption: {label: 'Industry', hint: 'e.g. Education, Energy, Technology (AWS does not document the list)'},
			otherIndustryOption: {label: 'Other industry', hint: 'may stay empty'},
			useCases: {label: 'What the models will be used for', hint: ''},
		},
		required: 'This field needs an answer.',
	},
	subscribe: {
		prompt: (models: readonly string[]) =>
			`${models.join(', ')} ${models.length === 1 ? 'needs' : 'need'} an AWS Marketplace subscription for this account. Subscribe the account with your credentials (the key gets no Marketplace permission)?`,
		choices: {yes: 'Subscribe the account', back: 'Back to the review'},
		help: 'subscribe the account in AWS Marketplace to the chosen third-party models that need it, with your credentials (never the key)',
	},
	existingFiles: {
		help: 'with --yes, files already in --out-dir are overwritten (a .env kept aside as .env.<time>.bak first)',
		prompt: (paths: readonly string[]) =>
			`${paths.length === 1 ? 'This file is' : 'These files are'} already there: ${paths.join(', ')}. Save under new names, overwrite, or cancel (nothing is made in AWS)?`,
		choices: {
			'new-name': (names: readonly string[]) => `Save under new names: ${names.join(', ')}`,
			overwrite: 'Overwrite (a .env is kept aside as .env.<time>.bak first)',
			cancel: 'Cancel: make nothing, write nothing',
		},
		/** --plain: the choices by number. */
		numbered: (choices: readonly string[]) => choices.map((choice, index) => `${index + 1}) ${choice}`).join('\n  '),
		invalid: (count: number) => `Type a number from 1 to ${count}.`,
	},
	gitignore: {
		help: "add the .env (and the clients' files that hold the key, or Claude Code's settings.local.json) to .gitignore when git would pick them up",
		prompt: (paths: readonly string[]) =>
			paths.length === 1
				? `${paths[0]} is inside a git work tree that does not ignore it: add it to .gitignore, so the key is never committed?`
				: `${paths.join(', ')} are inside a git work tree that does not ignore them: add them to .gitignore, so the key is never committed?`,
		choices: {add: 'Add it to .gitignore', leave: 'Leave .gitignore as it is'},
	},
	confirmed: {
		label: 'Press enter to make these changes in AWS, esc to change your answers.',
		prompt: (existingUser: string | undefined) =>
			`Apply this to your AWS account${existingUser ? ` (IAM user ${existingUser} already exists and will be updated)` : ''}?`,
	},
	keepOnFailure: {
		help: 'do not roll back what was created when a step fails',
	},
	subscriptionTimeout: {
		invalidFlag: (value: string, example: number): ProblemText => [
			`--subscription-timeout "${value}" is not a number of seconds.`,
			`Pass e.g. --subscription-timeout ${example}.`,
		],
		help: 'how long to wait for a new AWS Marketplace subscription to take effect (AWS says 2 to 15 minutes)',
	},
	verifyTimeout: {
		invalidFlag: (value: string, example: number): ProblemText => [
			`--verify-timeout "${value}" is not a number of seconds.`,
			`Pass e.g. --verify-timeout ${example}.`,
		],
		help: 'how long to wait for IAM propagation during verification',
	},
	clients: {
		label: 'What will use this key?',
		/** Under the TUI's list: what picking none means. */
		none: "None picked: Bedrock's own APIs only (Converse, InvokeModel).",
		prompt: 'What will use this key? (space to pick, enter to accept)',
		choices: {
			'claude-code': 'Claude Code',
			openai: 'OpenAI SDK / compatible tools',
			codex: 'Codex CLI',
			litellm: 'LiteLLM',
			'vercel-ai': 'Vercel AI SDK',
			boto3: 'boto3 / AWS CLI',
			curl: 'curl / other',
		},
		help: (kinds: readonly string[]) =>
			`what will use the key, repeatable (${kinds.join(', ')}): the policy gains what those clients need, verification probes the surfaces they call, and their configuration files are written`,
		invalidFlag: (values: readonly string[], kinds: readonly string[]): ProblemText => [
			`Unknown --client ${values.join(', ')}.`,
			`Use one or more of: ${kinds.join(', ')}.`,
		],
	},
	mantle: {
		help: 'also allow the chosen models on the Mantle endpoint (bedrock-mantle), and deny Mantle for every other model',
	},
	claudeKeyFrom: {
		label: 'Where does Claude Code read the key from?',
		prompt: 'Where does Claude Code read the key from?',
		/** Under the question: what Claude Code reads by itself. */
		note: "Claude Code reads its settings' env block and the environment it starts in; it does not read a .env by itself.",
		choices: {
			dotenv: '.env: start Claude Code with the .env loaded (the key in one file)',
			env: 'The environment: you set AWS_BEARER_TOKEN_BEDROCK yourself',
			settings: 'Its settings: the key in the env block (0600, kept out of git)',
		},
		help: (sources: readonly string[], byDefault: string) =>
			`with --client claude-code, where Claude Code reads the key from (${sources.join(', ')}; default ${byDefault}): the .env loaded when it starts, the environment, or its settings file`,
		invalidFlag: (value: string, sources: readonly string[]): ProblemText => [`Unknown --claude-key-from ${value}.`, `Use one of: ${sources.join(', ')}.`],
	},
	claudeSettings: {
		label: 'Which Claude Code settings file gets the model pins?',
		prompt: 'Which Claude Code settings file gets the model pins?',
		choices: {
			project: "This project's .claude/settings.local.json",
			user: 'Your ~/.claude/settings.json, for every project (merged)',
		},
		help: (files: readonly string[], byDefault: string) =>
			`with --client claude-code, which settings file gets the model pins (${files.join(', ')}; default ${byDefault}): the project's .claude/settings.local.json, or ~/.claude/settings.json merged`,
		invalidFlag: (value: string, files: readonly string[]): ProblemText => [`Unknown --claude-settings ${value}.`, `Use one of: ${files.join(', ')}.`],
	},
});

export type QuestionMessages = ReturnType<typeof questionsEn>;
