/**
 * One definition of each question (flows/create/questions.ts), rendered by every front end. For each
 * question of the table: its flag is one of create's options, with its --help line; its words are in
 * every language; and when the machine waits for it alone, the TUI shows it, --plain asks it, and
 * headless (which cannot ask) stops naming its flag. A question added to the table but not to a front
 * end fails here.
 */
import {PassThrough} from 'node:stream';
import {Option} from 'commander';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {languages, messagesFor, type Messages} from '../../source/core/i18n/index.js';
import {planPolicy} from '../../source/core/policy/index.js';
import {Problem} from '../../source/core/problem.js';
import type {HeldKey} from '../../source/flows/create/existing-keys.js';
import {createReducer, initialCreateState, type CreateAnswers, type CreateState} from '../../source/flows/create/machine.js';
import {createQuestions, flagHelp, isAnswered, missingFlags, questionIds, readCreateFlags, type AskedQuestionId} from '../../source/flows/create/questions.js';
import type {GitStatus, PlannedFiles, Review} from '../../source/flows/create/review.js';
import {attributeName} from '../../source/flows/question.js';
import {headlessCreateFrontEnd} from '../../source/headless/create-front-end.js';
import type {LinePrompts} from '../../source/prompts/line-prompts.js';
import {plainCreateFrontEnd} from '../../source/prompts/create-front-end.js';
import {CreateTuiStore} from '../../source/ui/create-store.js';
import {TuiRoot} from '../../source/ui/tui-root.js';
import {runCliCaptured} from '../helpers/cli.js';

const TITAN = 'amazon.titan-embed-text-v2:0';
const USER = 'q-user';
const ACCOUNT = '123456789012';
const CLAUDE = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const identity = {accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/admin`, kind: 'user' as const, name: 'admin'};

/** Every answer given: each case takes one away. */
const everything: CreateAnswers = {
	region: 'us-west-2',
	modelIds: [TITAN],
	keyKinds: ['api-key'],
	expiresInDays: 30,
	userName: USER,
	policyType: 'auto',
	guardrail: true,
	streaming: true,
	keepManagedPolicies: false,
	outDir: '.',
};

const apiKey = (id: string): HeldKey => ({type: 'api-key', id, status: 'Active', createdAt: '2026-11-01T00:00:00Z'});
const ENV = '/work/project/.env';
/** The Review's files: with `existing`, a .env already there; with `git`, what git says of it. */
const planned = (options: {readonly existing?: boolean; readonly git?: GitStatus} = {}): PlannedFiles => ({
	policy: '/work/project/policy.json',
	env: ENV,
	report: '/work/project/bedrock-key-report.json',
	existing: options.existing ? ['env'] : [],
	newNames: options.existing ? {env: `${ENV}.bedrock`} : {},
	git: {env: options.git ?? 'not-in-repository', ...(options.existing ? {newEnv: options.git ?? 'not-in-repository'} : {})},
});

function review(
	options: {
		readonly held?: readonly HeldKey[];
		readonly existing?: boolean;
		readonly subscriptions?: Review['subscriptions'];
		readonly files?: PlannedFiles;
		readonly useCaseForm?: Review['useCaseForm'];
	} = {},
): Review {
	const plan = planPolicy(
		{catalog: bundledCatalog(), region: 'us-west-2', accountId: ACCOUNT, modelIds: [TITAN], apiKeyTypes: ['LONG_TERM'], streaming: true, guardrail: true},
		messagesFor('en'),
	);
	const userArn = `arn:aws:iam::${ACCOUNT}:user/${USER}`;
	return {
		plan,
		subscriptions: options.subscriptions ?? [],
		...(options.useCaseForm ? {useCaseForm: options.useCaseForm} : {}),
		userName: USER,
		userArn,
		...(options.existing ? {existingUser: {userName: USER, arn: userArn, tags: {}}} : {}),
		heldKeys: {keys: options.held ?? []},
		files: options.files ?? planned(),
		inlineBudget: 2048,
		detach: [],
		staleManaged: [],
		kept: [],
		preflight: {checked: true},
		analyzer: {},
	};
}

/**
 * How the machine comes to wait for each asked question alone, and the words each front end must show
 * for it. A question the table asks without a case here is a type error.
 */
const cases: {
	readonly [K in AskedQuestionId]: {
		readonly review?: Review;
		/** The question as --plain asks it. */
		readonly plain: (m: Messages) => string;
		/** What the TUI shows of it. */
		readonly tui: (m: Messages) => string;
		/** Headless goes on without it (a warning after the save) rather than stopping to name its flag. */
		readonly headlessGoesOn?: true;
	};
} = {
	region: {plain: (m) => m.questions.region.prompt, tui: (m) => m.questions.region.label},
	modelIds: {plain: (m) => m.questions.modelIds.prompt, tui: (m) => m.questions.modelIds.label('us-west-2')},
	keyKinds: {plain: (m) => m.questions.keyKinds.prompt, tui: (m) => m.questions.keyKinds.choices['short-term']},
	expiresInDays: {plain: (m) => m.questions.expiresInDays.prompt, tui: (m) => `${m.questions.expiresInDays.label}:`},
	userName: {plain: (m) => m.questions.userName.prompt, tui: (m) => `${m.questions.userName.label}:`},
	policyType: {plain: (m) => m.questions.policyType.prompt, tui: (m) => `${m.questions.policyType.label}:`},
	outDir: {plain: (m) => m.questions.outDir.prompt, tui: (m) => `${m.questions.outDir.label}:`},
	// Anthropic's use-case form not submitted for the account, so headless cannot go on without --use-case-form FILE.
	useCaseForm: {
		review: review({useCaseForm: 'missing'}),
		plain: (m) => m.questions.useCaseForm.prompt(TITAN),
		tui: (m) => m.questions.useCaseForm.prompt(TITAN),
	},
	// A model the account is not subscribed to, so headless cannot go on without --subscribe.
	subscribe: {
		review: review({subscriptions: [{modelId: CLAUDE, status: 'NOT_AVAILABLE'}]}),
		plain: (m) => m.questions.subscribe.prompt([CLAUDE]),
		tui: (m) => m.questions.subscribe.prompt([CLAUDE]),
	},
	// At IAM's limit of 2, so headless cannot go on without --replace-keys.
	replaceKeys: {
		review: review({held: [apiKey('ACCAOLD1'), apiKey('ACCAOLD2')]}),
		plain: (m) => m.questions.replaceKeys.promptAtLimit(USER),
		tui: (m) => m.questions.replaceKeys.promptAtLimit(USER),
	},
	// A .env already there, so headless cannot go on without --yes.
	existingFiles: {
		review: review({files: planned({existing: true})}),
		plain: (m) => m.questions.existingFiles.prompt([ENV]),
		tui: (m) => m.questions.existingFiles.prompt([ENV]),
	},
	// A .env that git would pick up: headless warns after the save (or adds it with --gitignore).
	gitignore: {
		review: review({files: planned({git: 'tracked-or-unignored'})}),
		plain: (m) => m.questions.gitignore.prompt([ENV]),
		tui: (m) => m.questions.gitignore.prompt([ENV]),
		headlessGoesOn: true,
	},
	// An existing user, so headless cannot go on without --yes.
	confirmed: {review: review({existing: true}), plain: (m) => m.questions.confirmed.prompt(USER), tui: (m) => m.questions.confirmed.label},
};

const asked = questionIds.filter((id): id is AskedQuestionId => createQuestions[id].step !== undefined);

/** The machine, driven by its own events, waiting at the question's step with only that question open. */
function waitingFor(id: AskedQuestionId): CreateState {
	const question = createQuestions[id];
	let state = initialCreateState({...everything, [id]: undefined});
	state = createReducer(state, {type: 'LOADED', identity});
	state = createReducer(state, {type: 'LOADED', catalog: {catalog: bundledCatalog(), region: 'us-west-2'}});
	if (question.step === 'review') state = createReducer(state, {type: 'LOADED', review: cases[id].review ?? review()});
	expect([state.step, state.status], id).toEqual([question.step, 'waiting-for-answer']);
	return state;
}

/** Line prompts that answer with the default (or the first choice) and remember what they asked. */
function recordingPrompts(): {prompts: LinePrompts; asked: string[]} {
	const asked: string[] = [];
	return {
		asked,
		prompts: {
			text: async (message, options) => (asked.push(message), options?.default ?? 'us-west-2'),
			confirm: async (message) => (asked.push(message), true),
			pickMany: async (message, choices) => {
				asked.push(message);
				const checked = choices.filter((choice) => choice.checked);
				return (checked.length > 0 ? checked : choices.slice(0, 1)).map((choice) => choice.value);
			},
			secret: async (message) => (asked.push(message), ''),
			choose: async (message, choices) => (asked.push(message), choices[0]!.value),
		},
	};
}

/** Ink wraps long lines: compare without white space. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('every question of create, in every front end', () => {
	it('the table asks the questions of the four asking steps, in their order', () => {
		expect(asked).toEqual([
			'region',
			'modelIds',
			'keyKinds',
			'expiresInDays',
			'userName',
			'policyType',
			'outDir',
			'useCaseForm',
			'subscribe',
			'replaceKeys',
			'existingFiles',
			'gitignore',
			'confirmed',
		]);
	});

	it("each flag is one of create's options (or the program's), with its --help line", async () => {
		const help = (await runCliCaptured(['create', '--help'])).stdout;
		const [own = '', global = ''] = help.split(/^Global Options:$/m);
		for (const id of questionIds) {
			const {flag} = createQuestions[id];
			const spec = `${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
			expect(flag.global ? global : own, `${id}: ${spec}`).toContain(`  ${spec}`);
			// Commander keeps the value where the table reads it back.
			expect(new Option(spec).attributeName(), id).toBe(attributeName(flag));
			if (flag.global) continue;
			const line = flagHelp(id, messagesFor('en').questions);
			expect(line, `${id} has no --help line`).toBeTruthy();
			expect(squeezed(own)).toContain(squeezed(line!.slice(0, 30)));
		}
	});

	it('each question has its words in every language', () => {
		const english = messagesFor('en');
		for (const language of languages) {
			const m = messagesFor(language);
			for (const id of questionIds) {
				expect(m.questions[id], `${language}: ${id}`).toBeDefined();
				if (!createQuestions[id].flag.global) expect(flagHelp(id, m.questions), `${language}: --help of ${id}`).toBeTruthy();
			}
			for (const id of asked) {
				for (const words of [cases[id].plain(m), cases[id].tui(m)]) expect(words, `${language}: ${id}`).toBeTruthy();
				if (language !== 'en') expect(cases[id].plain(m), `${language}: ${id} is not translated`).not.toBe(cases[id].plain(english));
			}
		}
	});

	for (const language of languages) {
		const m = messagesFor(language);
		for (const id of asked) {
			it(`${id} (${language}): --plain asks it and takes the answer`, async () => {
				const {prompts, asked: questions} = recordingPrompts();
				const frontEnd = plainCreateFrontEnd({yes: false, messages: m, log: () => {}, input: new PassThrough(), output: new PassThrough(), prompts});
				const event = await frontEnd.ask(waitingFor(id));
				expect(questions).toContain(cases[id].plain(m));
				expect(event.type).toBe('ANSWER');
				if (event.type === 'ANSWER') expect(isAnswered(id, event.answers), `${id} answered`).toBe(true);
			});

			it(`${id} (${language}): the TUI shows it`, async () => {
				const store = new CreateTuiStore();
				const app = render(
					<TuiRoot
						store={store}
						host={{defaultUserName: USER, regionCatalog: bundledCatalog()}}
						messages={m}
						explain={false}
						colour={false}
						motion={false}
						columns={120}
						rows={40}
					/>,
				);
				try {
					store.connected({kind: 'sandbox', endpoint: 'http://127.0.0.1:1'});
					void store.frontEnd.ask(waitingFor(id));
					const wanted = squeezed(cases[id].tui(m));
					const shown = (): boolean => squeezed(app.lastFrame() ?? '').includes(wanted);
					// The welcome screen comes first; the question about held keys follows the review's enter.
					for (let enters = 0; enters <= 2 && !shown(); enters++) {
						for (let waited = 0; waited < 500 && !shown(); waited += 10) await sleep(10);
						if (!shown()) app.stdin.write('\r');
					}
					expect(shown(), `${id} is not on the screen:\n${app.lastFrame() ?? ''}`).toBe(true);
				} finally {
					app.unmount();
				}
			});
		}
	}

	for (const id of asked.filter((id) => cases[id].headlessGoesOn)) {
		it(`${id}: headless, which cannot ask, goes on without it`, async () => {
			const frontEnd = headlessCreateFrontEnd({yes: false, messages: messagesFor('en'), log: () => {}});
			const event = await frontEnd.ask(waitingFor(id));
			expect(event).toEqual({type: 'ANSWER', answers: {confirmed: true}});
		});
	}

	for (const id of asked.filter((id) => !cases[id].headlessGoesOn)) {
		it(`${id}: headless, which cannot ask, names ${createQuestions[id].flag.name}`, async () => {
			const frontEnd = headlessCreateFrontEnd({yes: false, messages: messagesFor('en'), log: () => {}});
			let problem: Problem | undefined;
			try {
				const event = await frontEnd.ask(waitingFor(id));
				if (event.type === 'FAILED') problem = event.problem;
			} catch (error) {
				problem = error as Problem;
			}
			expect(problem, `${id}: headless went on`).toBeInstanceOf(Problem);
			expect(problem!.kind).toBe('usage');
			expect(`${problem!.message} ${problem!.fix ?? ''}`).toContain(createQuestions[id].flag.name);
		});
	}

	it('a run that cannot ask names every flag it misses at once, in the order of the table', () => {
		expect(missingFlags({})).toEqual(['--region', '--models', '--key', '--expires-in-days', '--user-name', '--policy-type', '--out-dir']);
		// The sandbox has a Region and the starter models; the key options have defaults.
		expect(missingFlags({}, {sandbox: true})).toEqual(['--key', '--expires-in-days', '--user-name', '--policy-type', '--out-dir']);
		expect(missingFlags({...everything, expiresInDays: null})).toEqual([]);
	});

	it('without flags, the answers are the defaults the table gives', () => {
		expect(readCreateFlags({})).toEqual({
			answers: {destinations: 'any-region', guardrail: true, streaming: true, keepManagedPolicies: false},
			verifyTimeout: 120,
			subscriptionTimeout: 900,
			keepOnFailure: false,
		});
		const flags = readCreateFlags({key: ['access-key', 'api-key', 'access-key'], expiresInDays: 'never', userName: 'a.b@c', models: []});
		expect(flags.answers).toMatchObject({keyKinds: ['access-key', 'api-key'], expiresInDays: null, userName: 'a.b@c'});
		expect(flags.answers.modelIds).toBeUndefined();
	});

	it("a flag's value the question refuses is a usage error naming the flag, in the person's language", () => {
		const refused = (options: Record<string, unknown>): Problem => {
			try {
				readCreateFlags(options);
			} catch (error) {
				return error as Problem;
			}
			throw new Error('accepted');
		};
		expect(refused({key: ['bogus', 'api-key', 'nope']}).message).toBe('Unknown --key bogus, nope.');
		expect(refused({expiresInDays: '36601'}).message).toContain('--expires-in-days "36601"');
		expect(refused({userName: 'has space'}).textIn(messagesFor('ja')).message).toContain('--user-name "has space" は');
		expect(refused({verifyTimeout: 'soon'}).kind).toBe('usage');
	});
});
