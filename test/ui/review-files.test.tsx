/**
 * The Review screen's questions about files (issue 16, item 1), in English and Japanese: a file already there is
 * named, and enter asks about it (new names first, overwrite, cancel) before the review is accepted; a .env that
 * git would pick up asks about .gitignore; --yes (overwrite) asks nothing and says the file is replaced.
 */
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import {planPolicy} from '../../source/core/policy/index.js';
import type {PlannedFiles, Review} from '../../source/flows/create/review.js';
import {ReviewScreen, type ReviewAnswers} from '../../source/ui/screens/review-screen.js';
import {UiContext} from '../../source/ui/ui-context.js';

const ENV = '/work/project/.env';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Ink wraps long lines: compare without white space. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');

function review(files: PlannedFiles): Review {
	const plan = planPolicy(
		{
			catalog: bundledCatalog(),
			region: 'us-west-2',
			accountId: '123456789012',
			modelIds: ['amazon.titan-embed-text-v2:0'],
			apiKeyTypes: ['LONG_TERM'],
			streaming: true,
			guardrail: true,
		},
		messagesFor('en'),
	);
	return {
		plan,
		subscriptions: [],
		userName: 'files-user',
		userArn: 'arn:aws:iam::123456789012:user/files-user',
		heldKeys: {keys: []},
		files,
		inlineBudget: 2048,
		detach: [],
		staleManaged: [],
		kept: [],
		preflight: {checked: true},
		analyzer: {},
	};
}

const files = (git: PlannedFiles['git']): PlannedFiles => ({
	policy: '/work/project/policy.json',
	env: ENV,
	report: '/work/project/bedrock-key-report.json',
	existing: ['env'],
	newNames: {env: `${ENV}.bedrock`},
	git,
});

function show(lang: 'en' | 'ja', planned: PlannedFiles, existingFiles?: 'overwrite') {
	const outcome: {confirmed?: ReviewAnswers; cancelled?: boolean} = {};
	const app = render(
		<UiContext.Provider value={{messages: messagesFor(lang), colour: false, motion: false, columns: 80, rows: 24}}>
			<ReviewScreen
				review={review(planned)}
				region="us-west-2"
				keyKinds={['api-key']}
				{...(existingFiles ? {existingFiles} : {})}
				active
				height={10}
				onConfirm={(answers) => (outcome.confirmed = answers)}
				onCancel={() => (outcome.cancelled = true)}
				onBack={() => {}}
				onQuit={() => {}}
			/>
		</UiContext.Provider>,
	);
	const until = async (check: () => boolean): Promise<void> => {
		for (let waited = 0; waited < 1000 && !check(); waited += 10) await sleep(10);
	};
	const press = async (...keys: string[]): Promise<void> => {
		// A question just drawn takes its keys once its list listens (after React's effects).
		await sleep(100);
		for (const key of keys) {
			app.stdin.write(key);
			await sleep(30);
		}
	};
	return {app, outcome, until, press, frame: () => squeezed(app.lastFrame() ?? '')};
}

for (const lang of ['en', 'ja'] as const) {
	const m = messagesFor(lang);
	const words = m.questions;
	describe(`the Review's files (${lang})`, () => {
		it('names the .env already there, and enter asks before anything: new names (the first choice), then .gitignore for the new name', async () => {
			const r = show(lang, files({env: 'ignored', newEnv: 'tracked-or-unignored'}));
			try {
				await r.until(() => r.frame().includes(squeezed(m.create.files.existing([ENV]))));
				expect(r.frame()).toContain(squeezed(m.create.files.existing([ENV])));
				await r.press('\r');
				await r.until(() => r.frame().includes(squeezed(words.existingFiles.prompt([ENV]))));
				for (const choice of [
					words.existingFiles.choices['new-name']([`${ENV}.bedrock`]),
					words.existingFiles.choices.overwrite,
					words.existingFiles.choices.cancel,
				])
					expect(r.frame()).toContain(squeezed(choice));
				await r.press('\r');
				await r.until(() => r.frame().includes(squeezed(words.gitignore.prompt([`${ENV}.bedrock`]))));
				expect(r.frame()).toContain(squeezed(words.gitignore.choices.add));
				expect(r.outcome.confirmed).toBeUndefined();
				await r.press('\r');
				await r.until(() => r.outcome.confirmed !== undefined);
				expect(r.outcome.confirmed).toEqual({existingFiles: 'new-name', gitignore: true});
			} finally {
				r.app.unmount();
			}
		});

		it('cancel, the third choice, ends the run: nothing confirmed', async () => {
			const r = show(lang, files({env: 'not-in-repository', newEnv: 'not-in-repository'}));
			try {
				await r.press('\r');
				await r.until(() => r.frame().includes(squeezed(words.existingFiles.choices.cancel)));
				await r.press('\u001B[B', '\u001B[B', '\r');
				await r.until(() => r.outcome.cancelled === true);
				expect(r.outcome).toEqual({cancelled: true});
			} finally {
				r.app.unmount();
			}
		});

		it('with --yes (overwrite) nothing is asked, and the Review does not say it will ask', async () => {
			const r = show(lang, files({env: 'not-in-repository', newEnv: 'not-in-repository'}), 'overwrite');
			try {
				await r.until(() => r.frame().includes(squeezed(words.confirmed.label)));
				expect(r.frame()).not.toContain(squeezed(m.create.files.existing([ENV])));
				await r.press('\r');
				await r.until(() => r.outcome.confirmed !== undefined);
				expect(r.outcome.confirmed).toEqual({});
				expect(r.frame()).not.toContain(squeezed(words.existingFiles.prompt([ENV])));
			} finally {
				r.app.unmount();
			}
		});
	});
}
