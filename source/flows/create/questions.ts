/**
 * Every question of create, defined once (docs/architecture.md, 'Questions'): the flag that answers it,
 * how a flag's value or a typed answer becomes the answer and when it is refused, its default and
 * choices, and the step of the machine that waits for it. Its words (the TUI's label, the --plain
 * prompt, the --help line, what is said when an answer is refused) are in the message catalogs under
 * the same id (core/i18n/questions.en.ts). The TUI, --plain and headless render from this table;
 * commander's options for create are made from it (cli/program.ts), and so is the error of a run that
 * cannot ask, naming every flag it misses. test/flows/create-questions.test.tsx checks that every
 * front end asks every question.
 */
import {API_KEY_AGE_DAYS, isApiKeyAgeDays, isIamUserName, isRegionName} from '../../core/aws-limits.js';
import type {Catalog} from '../../core/catalog/index.js';
import {clientKinds, type ClientKind} from '../../core/clients/index.js';
import {
	claudeKeySources,
	claudeSettingsFiles,
	DEFAULT_CLAUDE_KEY_SOURCE,
	DEFAULT_CLAUDE_SETTINGS_FILE,
	defaultClaudeCodeModels,
} from '../../core/clients/claude-code.js';
import {starterModels} from '../../core/catalog/presets.js';
import type {ProblemText} from '../../core/i18n/en.js';
import type {QuestionMessages} from '../../core/i18n/questions.en.js';
import type {PolicyType} from '../../core/policy/index.js';
import type {DestinationForm} from '../../core/policy/compile.js';
import {Problem} from '../../core/problem.js';
import {attributeName, parseSeconds, type Flag} from '../question.js';
import type {UseCaseForm} from '../ports.js';
import type {CreateAnswers, CreateStep} from './machine.js';
import {existingPaths, filesGitWouldPickUp, needsSubscription, type ExistingFilesChoice, type Review} from './review.js';

/** Where the policy lives (core/policy/placement.ts): `auto` is inline when it fits beside the user's other inline policies, else managed. */
export const policyTypes = ['auto', 'inline', 'managed'] as const satisfies readonly PolicyType[];
export const DEFAULT_POLICY_TYPE: PolicyType = 'auto';

/** How a profile's destination models are written (core/policy/compile.ts): the default keeps working when AWS adds a Region. */
export const destinationForms = ['any-region', 'exact'] as const satisfies readonly DestinationForm[];

/** The kinds of key create makes, in the order every front end lists them. */
export const keyKinds = ['api-key', 'short-term', 'access-key'] as const;
export type KeyKind = (typeof keyKinds)[number];

/** What answers each question: create's answers, and the two settings of its runs. */
export interface CreateValues extends CreateAnswers {
	/** Seconds to wait for IAM propagation while verifying. */
	readonly verifyTimeout: number;
	/** Seconds to wait for a new Marketplace subscription to become AVAILABLE. */
	readonly subscriptionTimeout: number;
	readonly keepOnFailure: boolean;
}

/** A question's id: the field its answer fills, and its key in the questions catalog. */
export type QuestionId = keyof QuestionMessages;
type Value<K extends QuestionId> = Exclude<CreateValues[K], undefined>;
type Item<T> = T extends readonly (infer I)[] ? I : T;

/** The steps of the create machine that wait for a person. */
export type AskingStep = Extract<CreateStep, 'region' | 'models' | 'key' | 'review'>;

/** What a default may depend on: the starter models are the Region's. */
export interface DefaultContext {
	readonly catalog?: Catalog;
	readonly region?: string;
	/** The folder's default depends on the user's name and whether this folder already holds a .env. */
	readonly userName?: string;
	readonly folderHasEnv?: boolean;
	/** What will use the key: Claude Code's default models are one per slot family (core/clients/claude-code.ts). */
	readonly clients?: readonly ClientKind[];
}

/** This folder, or a new folder named after the user when this one already holds a .env (issue: never clobber it). */
export function defaultOutDir(userName: string | undefined, folderHasEnv: boolean | undefined): string {
	return folderHasEnv && userName ? `./${userName}` : '.';
}

/** What to do with files already there (review.ts); cancel is not an answer but the end of the run. */
export const existingFilesChoices = ['new-name', 'overwrite'] as const satisfies readonly ExistingFilesChoice[];

export interface Question<T> {
	readonly flag: Flag;
	/** The step that waits for it, whose screen or prompt asks it; none: only its flag answers it. */
	readonly step?: AskingStep;
	/**
	 * With no flag and nobody to ask (headless): 'default' takes the default; 'required' stops the run and
	 * names the flag, except in the sandbox, which has a Region and takes the default models.
	 */
	readonly whenUnanswered?: 'default' | 'required';
	/** A flag's value, one item of a list flag, or a typed answer → the answer; undefined when it is not one. */
	readonly parse?: (text: string) => Item<T> | undefined;
	/** The answer as it is typed, for a prompt's default (`never`, `30`). */
	readonly format?: (value: T) => string;
	/** The words of a usage Problem for the flag values `parse` refused, in the catalog's language. */
	readonly invalidFlag?: (rejected: readonly string[], words: QuestionMessages) => ProblemText;
	readonly default?: (context: DefaultContext) => T | undefined;
	/** The flag's line in --help, when its words need more than the catalog's `help` (the kinds, a default). */
	readonly help?: (words: QuestionMessages) => string;
	/** What may be picked, in the order every front end shows it. */
	readonly choices?: readonly Item<T>[];
	/** Asked only when this holds (given the answers so far, and at the review what it found); otherwise the default is taken. */
	readonly askedWhen?: (answers: Partial<CreateAnswers>, review?: Pick<Review, 'heldKeys' | 'subscriptions' | 'files' | 'useCaseForm'>) => boolean;
	/** Its flag is that question's (read there, once): the flag answers the other question, a person answers this one. */
	readonly flagOf?: QuestionId;
}

/** The fields of Anthropic's use-case form, in the order the TUI and --plain ask them (docs/aws-facts.md, "Anthropic's use-case form"). */
export const useCaseFormFields = [
	'companyName',
	'companyWebsite',
	'intendedUsers',
	'industryOption',
	'otherIndustryOption',
	'useCases',
] as const satisfies readonly (keyof UseCaseForm)[];
export type UseCaseFormField = (typeof useCaseFormFields)[number];
/** Every field needs an answer but the other industry, which AWS's own example leaves empty. */
export const useCaseFieldRequired = (field: UseCaseFormField): boolean => field !== 'otherIndustryOption';
/** What a field starts with: intendedUsers as AWS's example sends it (the meaning of the values is not documented). */
export const useCaseFieldDefault: Readonly<Partial<Record<UseCaseFormField, string>>> = {intendedUsers: '0'};
/** The chosen Anthropic model the use-case form is for (the first), as the question names it. */
export const useCaseFormModel = (review: Pick<Review, 'plan'>): string => {
	const targets = review.plan.request.targets;
	return (targets.find((target) => target.requestedId.includes('anthropic.')) ?? targets[0])?.requestedId ?? '';
};

/** Like the console's `BedrockAPIKey-xxxx`, but saying who made it and when. */
export function defaultUserName(): string {
	const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
	return `bedrock-key-${date}-${Math.random().toString(36).slice(2, 6)}`;
}

const parseExpiry = (text: string): number | null | undefined => {
	if (text === 'never') return null;
	const days = Number(text);
	return isApiKeyAgeDays(days) ? days : undefined;
};

const VERIFY_TIMEOUT_SECONDS = 120;
/** AWS says a Marketplace subscription can take 2 to 15 minutes to take effect (docs/aws-facts.md). */
export const SUBSCRIPTION_TIMEOUT_SECONDS = 900;
const DEFAULT_EXPIRY_DAYS = 30;
/** A long-term API key: the console's kind of key. */
const DEFAULT_KEY_KIND: KeyKind = 'api-key';

/** The order of this table is the order the questions are asked, listed and named. */
const table = {
	region: {
		flag: {name: '--region', value: '<region>', global: true},
		step: 'region',
		whenUnanswered: 'required',
		parse: (text) => (isRegionName(text) ? text : undefined),
	},
	modelIds: {
		flag: {name: '--models', value: '<ids>', list: true},
		step: 'models',
		whenUnanswered: 'required',
		parse: (text) => text,
		default: ({catalog, region, clients}) =>
			catalog && region ? (clients?.includes('claude-code') ? [...defaultClaudeCodeModels(catalog, region)] : starterModels(catalog, region)) : undefined,
	},
	denyProbeIds: {
		flag: {name: '--deny-probe', value: '<ids>', list: true},
		parse: (text) => text,
	},
	keyKinds: {
		flag: {name: '--key', value: '<kind>', list: true},
		step: 'key',
		whenUnanswered: 'default',
		parse: (text) => keyKinds.find((kind) => kind === text),
		invalidFlag: (rejected, words) => words.keyKinds.invalidFlag(rejected, keyKinds),
		help: (words) => words.keyKinds.help(keyKinds, DEFAULT_KEY_KIND),
		default: () => [DEFAULT_KEY_KIND],
		choices: keyKinds,
	},
	expiresInDays: {
		flag: {name: '--expires-in-days', value: '<days>'},
		step: 'key',
		whenUnanswered: 'default',
		parse: parseExpiry,
		format: (days) => (days === null ? 'never' : String(days)),
		invalidFlag: ([value], words) => words.expiresInDays.invalidFlag(value ?? '', API_KEY_AGE_DAYS.min, API_KEY_AGE_DAYS.max),
		help: (words) => words.expiresInDays.help(DEFAULT_EXPIRY_DAYS),
		default: () => DEFAULT_EXPIRY_DAYS,
		/** The choices people make most; --expires-in-days and --plain take any number. */
		choices: [1, 7, 30, 90, 365, null],
		// Only a long-term API key expires by itself; the others take the default, unused.
		askedWhen: (answers) => answers.keyKinds?.includes('api-key') ?? true,
	},
	userName: {
		flag: {name: '--user-name', value: '<name>'},
		step: 'key',
		whenUnanswered: 'default',
		parse: (text) => (isIamUserName(text) ? text : undefined),
		invalidFlag: ([value], words) => words.userName.invalidFlag(value ?? ''),
		default: () => defaultUserName(),
	},
	// Where the policy lives: the key screen's last row, --plain's last key question; headless takes auto.
	policyType: {
		flag: {name: '--policy-type', value: '<type>'},
		step: 'key',
		whenUnanswered: 'default',
		parse: (text) => policyTypes.find((type) => type === text),
		invalidFlag: ([value], words) => words.policyType.invalidFlag(value ?? '', policyTypes),
		help: (words) => words.policyType.help(policyTypes, DEFAULT_POLICY_TYPE),
		default: () => DEFAULT_POLICY_TYPE,
		choices: policyTypes,
	},
	// Only a flag: the Review explains the form it wrote (each statement's explanation says which).
	destinations: {
		flag: {name: '--destinations', value: '<form>', default: 'any-region'},
		parse: (text) => destinationForms.find((form) => form === text),
		invalidFlag: ([value], words) => words.destinations.invalidFlag(value ?? '', destinationForms),
	},
	// Only a flag: the file is read by the command (cli/use-case-form.ts), never by the flow.
	useCaseFormFile: {flag: {name: '--use-case-form', value: '<file>'}, parse: (text) => text},
	// What will use the key (repeatable): the policy, the probes and the client files follow (core/clients/).
	clients: {
		flag: {name: '--client', value: '<name>', list: true},
		parse: (text) => clientKinds.find((kind) => kind === text),
		invalidFlag: (rejected, words) => words.clients.invalidFlag(rejected, clientKinds),
		help: (words) => words.clients.help(clientKinds),
		choices: clientKinds,
	},
	mantle: {flag: {name: '--mantle'}},
	// With Claude Code among the clients: where it reads the key, and which settings file gets the pins. The TUI
	// and --plain ask both just after "What will use this key?"; headless takes the defaults (the runner's).
	claudeKeyFrom: {
		flag: {name: '--claude-key-from', value: '<where>'},
		parse: (text) => claudeKeySources.find((source) => source === text),
		invalidFlag: ([value], words) => words.claudeKeyFrom.invalidFlag(value ?? '', claudeKeySources),
		help: (words) => words.claudeKeyFrom.help(claudeKeySources, DEFAULT_CLAUDE_KEY_SOURCE),
		default: () => DEFAULT_CLAUDE_KEY_SOURCE,
		choices: claudeKeySources,
	},
	claudeSettings: {
		flag: {name: '--claude-settings', value: '<file>'},
		parse: (text) => claudeSettingsFiles.find((file) => file === text),
		invalidFlag: ([value], words) => words.claudeSettings.invalidFlag(value ?? '', claudeSettingsFiles),
		help: (words) => words.claudeSettings.help(claudeSettingsFiles, DEFAULT_CLAUDE_SETTINGS_FILE),
		default: () => DEFAULT_CLAUDE_SETTINGS_FILE,
		choices: claudeSettingsFiles,
	},
	guardrail: {flag: {name: '--no-guardrail'}},
	streaming: {flag: {name: '--no-streaming'}},
	// Where the files go: the key screen's last row, --plain's last key question; headless takes this folder.
	outDir: {
		flag: {name: '--out-dir', value: '<dir>'},
		step: 'key',
		whenUnanswered: 'default',
		parse: (text) => (text.trim() === '' ? undefined : text.trim()),
		invalidFlag: (_, words) => words.outDir.invalidFlag(),
		default: ({userName, folderHasEnv}) => defaultOutDir(userName, folderHasEnv),
	},
	keepManagedPolicies: {flag: {name: '--keep-managed-policies', default: false}},
	// Anthropic's one-time use-case form, missing for the account and no --use-case-form FILE: the TUI and --plain ask
	// its fields on screen (or point to the console and check again: CHECK_USE_CASE_FORM); headless needs the file (runner.ts).
	useCaseForm: {
		flag: {name: '--use-case-form', value: '<file>'},
		flagOf: 'useCaseFormFile',
		help: (words) => words.useCaseFormFile.help,
		step: 'review',
		askedWhen: (answers, review) => review?.useCaseForm === 'missing' && answers.useCaseFormFile === undefined,
	},
	// A chosen third-party model the account is not subscribed to: the TUI and --plain ask; headless needs --subscribe or --yes (runner.ts).
	subscribe: {flag: {name: '--subscribe'}, step: 'review', askedWhen: (_, review) => (review?.subscriptions ?? []).some(needsSubscription)},
	// Unset, an interactive front end asks when the user holds keys; headless keeps them (or refuses at IAM's limit).
	replaceKeys: {flag: {name: '--replace-keys'}, step: 'review', askedWhen: (_, review) => (review?.heldKeys.keys.length ?? 0) > 0},
	// Files already where the run would write: new names, overwrite, or cancel (the TUI and --plain ask; headless needs --yes).
	existingFiles: {
		flag: {name: '--yes', global: true},
		step: 'review',
		choices: existingFilesChoices,
		askedWhen: (_, review) => (review?.files ? existingPaths(review.files).length : 0) > 0,
	},
	// A .env (or a client's file with the key, or Claude Code's settings.local.json) that git would pick up: offer to
	// add them to .gitignore (headless: --gitignore, else a warning after the save).
	gitignore: {
		flag: {name: '--gitignore'},
		step: 'review',
		askedWhen: (answers, review) => review?.files !== undefined && filesGitWouldPickUp(review.files, answers.existingFiles).length > 0,
	},
	// The review is accepted: asked by the TUI and --plain; headless accepts it, but an existing user needs --yes.
	confirmed: {flag: {name: '--yes', global: true}, step: 'review'},
	keepOnFailure: {flag: {name: '--keep-on-failure', default: false}},
	subscriptionTimeout: {
		flag: {name: '--subscription-timeout', value: '<seconds>', default: String(SUBSCRIPTION_TIMEOUT_SECONDS)},
		parse: parseSeconds,
		invalidFlag: ([value], words) => words.subscriptionTimeout.invalidFlag(value ?? '', SUBSCRIPTION_TIMEOUT_SECONDS),
	},
	verifyTimeout: {
		flag: {name: '--verify-timeout', value: '<seconds>', default: String(VERIFY_TIMEOUT_SECONDS)},
		parse: parseSeconds,
		invalidFlag: ([value], words) => words.verifyTimeout.invalidFlag(value ?? '', VERIFY_TIMEOUT_SECONDS),
	},
} satisfies {readonly [K in QuestionId]: Question<Value<K>>};

export const createQuestions: {readonly [K in QuestionId]: Question<Value<K>>} = table;

/** The questions a step asks. */
export type QuestionsAt<S extends AskingStep> = {[K in QuestionId]: (typeof table)[K] extends {readonly step: S} ? K : never}[QuestionId];
/** The questions a person is asked (the others only a flag answers): each front end has a way to ask every one. */
export type AskedQuestionId = QuestionsAt<AskingStep>;

// Every answer has its question (and the catalog its words): a field of CreateAnswers without one is a type error here.
const _everyAnswerHasAQuestion: Exclude<keyof CreateValues, QuestionId> extends never ? true : never = true;

/** The table's ids in its order. */
export const questionIds = Object.keys(createQuestions) as readonly QuestionId[];

/** The questions a step asks, in order. */
export const questionsAt = <S extends AskingStep>(step: S): readonly QuestionsAt<S>[] =>
	questionIds.filter((id): id is QuestionsAt<S> => createQuestions[id].step === step);

/** The flag's line in --help, from the catalog; undefined for the program's own flags (their help is the program's). */
export function flagHelp(id: QuestionId, words: QuestionMessages): string | undefined {
	const custom = createQuestions[id].help;
	if (custom) return custom(words);
	const entry: object = words[id];
	return 'help' in entry && typeof entry.help === 'string' ? entry.help : undefined;
}

/** The question has its answer: a list with an item, a non-empty text, or any other value (null: never expires). */
export function isAnswered(id: QuestionId, answers: Partial<CreateValues>): boolean {
	const value: unknown = answers[id];
	if (Array.isArray(value)) return value.length > 0;
	return value !== undefined && value !== '';
}

/**
 * A flag's value as commander hands it over (a string, a list of strings or a boolean; undefined when
 * absent) → the answer, or undefined when the flag leaves it open. A value the question refuses is a
 * usage Problem naming the flag (every refused item of a list at once), worded in the person's language.
 */
export function answerFromFlag<K extends QuestionId>(id: K, raw: unknown): Value<K> | undefined {
	const question: Question<Value<K>> = createQuestions[id];
	const {flag} = question;
	const given = raw ?? flag.default;
	if (given === undefined) return (flag.name.startsWith('--no-') ? true : undefined) as Value<K> | undefined;
	if (!flag.value) {
		if (typeof given !== 'boolean') throw new Error(`${flag.name} should be a switch, but holds ${typeof given}`);
		return given as Value<K>;
	}
	const texts = flag.list ? list(given, flag) : [text(given, flag)];
	const parse = question.parse ?? ((value: string) => value as Item<Value<K>>);
	const parsed = texts.map((value) => ({value, answer: parse(value)}));
	const rejected = parsed.filter((item) => item.answer === undefined).map((item) => item.value);
	if (rejected.length > 0) {
		const {invalidFlag} = question;
		if (!invalidFlag) throw new Error(`${flag.name} refused ${rejected.join(', ')} with no words to say why`);
		throw new Problem('usage', (messages) => invalidFlag(rejected, messages.questions));
	}
	const answers = parsed.map((item) => item.answer!);
	if (!flag.list) return answers[0] as Value<K>;
	// An empty list answers nothing; a kind given twice is one kind.
	return (answers.length > 0 ? [...new Set(answers)] : undefined) as Value<K> | undefined;
}

const text = (value: unknown, flag: Flag): string => {
	if (typeof value !== 'string') throw new Error(`${flag.name} should hold a value, but holds ${typeof value}`);
	return value;
};
const list = (value: unknown, flag: Flag): readonly string[] => {
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new Error(`${flag.name} should hold a list, but holds ${typeof value}`);
	return value as readonly string[];
};

/** What create's own flags say (the program's flags, --region and --yes, are read apart). */
export interface CreateFlags {
	/** Only what the flags answer; a front end asks for (or defaults) the rest. */
	readonly answers: CreateAnswers;
	readonly verifyTimeout: number;
	readonly subscriptionTimeout: number;
	readonly keepOnFailure: boolean;
}

/** Commander's options for create (keyed by attribute name) → the answers they give, each checked by its question. */
export function readCreateFlags(options: Readonly<Record<string, unknown>>): CreateFlags {
	const values: Partial<Record<QuestionId, unknown>> = {};
	for (const id of questionIds) {
		const {flag, flagOf} = createQuestions[id];
		if (flag.global || flagOf) continue;
		const answer = answerFromFlag(id, options[attributeName(flag)]);
		if (answer !== undefined) values[id] = answer;
	}
	// Each value has its question's type (answerFromFlag); the loop over ids is more than TypeScript can follow.
	const {verifyTimeout, subscriptionTimeout, keepOnFailure, ...answers} = values as CreateValues;
	return {answers, verifyTimeout, subscriptionTimeout, keepOnFailure};
}

/** Headless: every question a flag left open that has a default takes it (a fresh user, a long-term API key for 30 days). */
export function withDefaults(answers: CreateAnswers, context: DefaultContext = {}): CreateAnswers {
	const filled: Partial<Record<QuestionId, unknown>> = {};
	for (const id of questionIds) {
		const question = createQuestions[id];
		if (question.whenUnanswered === 'default' && !isAnswered(id, answers)) filled[id] = question.default?.(context);
	}
	// Each default has its question's type (the table's); the loop over ids is more than TypeScript can follow.
	return {...answers, ...(filled as Partial<CreateAnswers>)};
}

/**
 * The flags that would answer what a run that cannot ask still misses, in the table's order: one
 * usage error names them all (exit 2). In the sandbox the Region and the starter models need none.
 */
export function missingFlags(answers: Partial<CreateAnswers>, options: {readonly sandbox?: boolean} = {}): string[] {
	return questionIds
		.filter((id) => {
			const question = createQuestions[id];
			if (question.step === undefined || question.step === 'review') return false;
			if (options.sandbox && question.whenUnanswered === 'required') return false;
			return !isAnswered(id, answers);
		})
		.map((id) => createQuestions[id].flag.name);
}
