/**
 * The create wizard on screen. It renders the store's snapshot and turns keys into the machine's
 * events; it holds no AWS logic. Finished steps (the answers once applied, the apply log, the final
 * checks) move into <Static>, so the live area stays short and nothing flickers.
 */
import {Box, Static, Text, useInput} from 'ink';
import {useState, useSyncExternalStore, type ReactNode} from 'react';
import type {Catalog} from '../core/catalog/index.js';
import type {ClientKind} from '../core/clients/index.js';
import type {KeyKind} from '../flows/create/apply.js';
import type {CreateState} from '../flows/create/machine.js';
import {createQuestions} from '../flows/create/questions.js';
import {changesMade, unsavedKeyMade} from './apply-rows.js';
import {screenOf} from './create-screen.js';
import type {CreateTuiStore} from './create-store.js';
import {ExplainPanel, explainPanelRows} from './components/explain-panel.js';
import {Footer} from './components/footer.js';
import type {ListFocus} from './components/use-select-list.js';
import {Header} from './components/header.js';
import {ProbeTable} from './components/probe-table.js';
import {QuitDialog} from './components/quit-dialog.js';
import {Spinner} from './components/spinner.js';
import {GuidedConsole, type GuidedHost, type GuidedList} from './guided/guided-console.js';
import {screenKeys} from './screen-keys.js';
import {ApplySteps} from './screens/apply-screen.js';
import {DoneScreen} from './screens/done-screen.js';
import {ErrorScreen, KeptChanges, LostKeys, RolledBack} from './screens/error-screen.js';
import {KeyScreen} from './screens/key-screen.js';
import {ModelsScreen} from './screens/models-screen.js';
import {ClientsScreen} from './screens/clients-screen.js';
import {ClaudeCodeScreen, type ClaudeCodeAnswers} from './screens/claude-code-screen.js';
import {RegionScreen} from './screens/region-screen.js';
import {ReviewScreen, type ReviewAsking} from './screens/review-screen.js';
import {SignedOutScreen} from './screens/signed-out-screen.js';
import {plannedRows, VerifyScreen} from './screens/verify-screen.js';
import {WelcomeScreen} from './screens/welcome-screen.js';
import {colourOf} from './theme.js';
import {useUi} from './use-ui.js';

/** The smallest terminal every screen fits (measured on the screen captures at 80x24 and narrower). */
export const MIN_COLUMNS = 46;
export const MIN_ROWS = 14;

/** The notices shown above a screen: the newest ones. */
const NOTICES_SHOWN = 2;
/** Rows a select list keeps around its items: the filter line, "more above" and "more below". */
const LIST_CHROME_ROWS = 3;
/** Rows around a scroll view's lines: its position line, and the one line the review and done screens put under it. */
const SCROLL_CHROME_ROWS = 2;
/**
 * The rows of a frame that are not a screen's list, at their most; what is left of the terminal is the
 * list's. Every screen's body is its title, its list and the list's chrome, so one budget fits them all.
 */
const FRAME_ROWS =
	1 + // the header
	1 + // the body's top margin
	1 + // the screen's title
	LIST_CHROME_ROWS +
	3 + // the footer and its top margin (the footer wraps to two lines at 80 columns)
	NOTICES_SHOWN +
	1; // to spare: Ink clears the whole terminal on every frame as tall as it, which flickers
/** However small the terminal (above MIN_ROWS), a list shows at least this many rows. */
const MIN_LIST_ROWS = 4;
/** The Review's key kinds before any are answered: one array, so the Review's lines are not made again each render. */
const DEFAULT_KEY_KINDS: readonly KeyKind[] = ['api-key'];
/** Walkthrough mode opens the whole explanation only where the screen keeps this many rows beside it. */
const MIN_EXPLAINED_ROWS = 8;

export interface TuiHost {
	/** The user name offered first (the same default as the headless path). */
	readonly defaultUserName: string;
	/** For the Region picker's model counts, before any live catalog is loaded. */
	readonly regionCatalog: Catalog;
	/** The Region the cursor starts on: --region, AWS_REGION, the profile's or the sandbox's. */
	readonly defaultRegion?: () => string | undefined;
	readonly userExists?: (userName: string) => Promise<boolean | undefined>;
	/** The current folder already holds a .env: the key screen offers a new folder named after the user. */
	readonly folderHasEnv?: boolean;
	readonly guided?: GuidedHost;
}

export interface CreateAppProps {
	readonly store: CreateTuiStore;
	readonly host: TuiHost;
	/** Walkthrough mode: explanations open from the start (--explain). */
	readonly explain: boolean;
}

interface StaticItem {
	readonly id: string;
	readonly node: ReactNode;
}

export function CreateApp({store, host, explain}: CreateAppProps) {
	const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
	const {messages, colour, columns, rows} = useUi();
	const t = messages.ui;
	const [explainOpen, setExplainOpen] = useState(explain);
	// Walkthrough mode: the panel starts open where it leaves the screen room, collapsed to one line where it
	// does not (80x24); ? expands or collapses it, and the choice holds on the next screens.
	const [explainExpanded, setExplainExpanded] = useState<boolean | undefined>(undefined);
	const [welcomed, setWelcomed] = useState(false);
	const [confirmQuit, setConfirmQuit] = useState(false);
	const [keyRevealed, setKeyRevealed] = useState(false);
	const [askingOnReview, setAskingOnReview] = useState<ReviewAsking>(false);
	// "What will use this key?": answered on the models step's first screen, sent with the models (none: not asked yet).
	const [clientsPicked, setClientsPicked] = useState<readonly ClientKind[] | undefined>(undefined);
	// Esc on the models list after that question asks it again, with the answer given.
	const [clientsAgain, setClientsAgain] = useState(false);
	// With Claude Code among them: where it reads the key and which settings file (sent with the models too).
	const [claudePicked, setClaudePicked] = useState<ClaudeCodeAnswers | undefined>(undefined);
	const [claudeAgain, setClaudeAgain] = useState(false);
	// Where the Region or models list sends its keys (the footer names the keys of that place).
	const [listFocus, setListFocus] = useState<ListFocus>('filter');
	// The guided console's Region and models stages are those lists too.
	const [guidedList, setGuidedList] = useState<GuidedList | undefined>(undefined);
	const [finished, setFinished] = useState<StaticItem[]>([]);
	const phase = snapshot.phase;
	const state: CreateState | undefined = phase.kind === 'wizard' || phase.kind === 'finished' ? phase.state : undefined;

	const changes = state && !state.saved && phase.kind === 'wizard' ? changesMade(state.applyLog) : 0;
	// A key made but not yet saved cannot be kept: nobody would hold its secret.
	const keepable = !(state && !state.saved && unsavedKeyMade(state.applyLog));
	// The dialog belongs to a run under way; a run that ended behind it (its last step was already past the gate) closes it.
	const quitDialog = confirmQuit && phase.kind === 'wizard';
	const requestQuit = (): void => {
		if (changes > 0) {
			// The run stops at its next step boundary until the dialog is answered: the count it shows stays true.
			store.holdRun();
			setConfirmQuit(true);
		} else store.quit(false);
	};

	const {screen, topic} = screenOf(phase, welcomed);
	// The models step opens with "What will use this key?" unless --client (or an earlier pass) answered it.
	const askClients = screen === 'models' && ((state?.answers.clients === undefined && clientsPicked === undefined) || clientsAgain);
	// Then, with Claude Code picked, its two questions, unless flags answered both (or an earlier pass did).
	const claudeAnswered = state?.answers.claudeKeyFrom !== undefined && state.answers.claudeSettings !== undefined;
	const askClaude =
		screen === 'models' &&
		!askClients &&
		(clientsPicked ?? state?.answers.clients ?? []).includes('claude-code') &&
		((!claudeAnswered && claudePicked === undefined) || claudeAgain);
	const active = !quitDialog;
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	// The whole explanation's rows, measured (every paragraph wrapped) only while the panel is open, and once a render.
	const explainFullRows = explainOpen ? explainPanelRows(messages.ui.explain[topic], columns) : 0;
	const explainCollapsed = explain && !(explainExpanded ?? rows - FRAME_ROWS - explainFullRows >= MIN_EXPLAINED_ROWS);

	useInput((input, key) => {
		if (quitDialog) {
			// Ctrl+C again is the dialog's first choice: roll back and quit.
			if (input === 'r' || (key.ctrl && input === 'c')) store.quit(false);
			else if (input === 'k' && keepable) store.quit(true);
			else if (key.escape) {
				setConfirmQuit(false);
				store.releaseRun();
			}
			return;
		}
		if (key.ctrl && input === 'c') return requestQuit();
		// In a typed field of a review question (the use-case form), ? is a character of the answer.
		if (input === '?' && askingOnReview !== 'text') return explain ? setExplainExpanded(explainCollapsed) : setExplainOpen((open) => !open);
		if (input === 'q' && (tooSmall || screen === 'working' || screen === 'connecting')) requestQuit();
	});

	// Irreversible steps go to <Static>: once applied, the answers and the apply log never change again.
	// <Static> prints each item once, in order, so the list only grows (a retry adds the new run's items).
	// Set while rendering, as React's "storing information from previous renders" does: React renders again
	// at once, before anything reaches the terminal, so no frame shows a step in neither place.
	// A dialog whose run has ended behind it is closed, so a retry's run does not open with it.
	if (confirmQuit && phase.kind !== 'wizard') setConfirmQuit(false);
	const newlyFinished = state ? staticItemsOf(state, phase.kind === 'finished').filter((item) => !finished.some((done) => done.id === item.id)) : [];
	if (newlyFinished.length > 0) setFinished([...finished, ...newlyFinished]);

	// --explain keeps the panel open (? expands or collapses it), so a collapsed panel is an open one: one row.
	const explainRows = explainCollapsed ? explainPanelRows([], columns, true) : explainFullRows;
	// The rows a screen's list or scroll view may use.
	const height = Math.max(MIN_LIST_ROWS, rows - FRAME_ROWS - explainRows);
	const scrollHeight = height + LIST_CHROME_ROWS - SCROLL_CHROME_ROWS;

	let body: ReactNode = null;
	if (phase.kind === 'connecting')
		body = (
			<Text>
				<Spinner /> {phase.what ?? t.connecting}
			</Text>
		);
	else if (phase.kind === 'signed-out')
		body = <SignedOutScreen message={phase.message} {...(phase.fix ? {fix: phase.fix} : {})} active={active} onChoose={(choice) => store.choose(choice)} />;
	else if (phase.kind === 'guided')
		body = host.guided ? (
			<GuidedConsole host={host.guided} active={active} height={height} onDone={() => store.guidedFinished()} onList={setGuidedList} />
		) : null;
	else if (phase.kind === 'finished') {
		const s = phase.state;
		if (screen === 'done')
			body = <DoneScreen state={s} active={active} height={scrollHeight} onExit={() => store.afterStop('quit')} onReveal={setKeyRevealed} />;
		else if (screen === 'error') body = <ErrorScreen state={s} active={active} onChoose={(choice) => store.afterStop(choice)} />;
		else body = <Cancelled state={s} />;
	} else if (state) {
		const remembered = snapshot.remembered;
		const step = state.step;
		if (screen === 'welcome')
			body = (
				<WelcomeScreen
					identity={state.identity!}
					{...(snapshot.source ? {source: snapshot.source} : {})}
					{...(snapshot.endpointUrl ? {endpointUrl: snapshot.endpointUrl} : {})}
					active={active}
					onNext={() => setWelcomed(true)}
					onQuit={requestQuit}
				/>
			);
		else if (screen === 'region') {
			const initialRegion = remembered.region ?? host.defaultRegion?.();
			body = (
				<RegionScreen
					catalog={host.regionCatalog}
					{...(initialRegion ? {initial: initialRegion} : {})}
					active={active}
					height={height}
					onChoose={(region) => store.answer({type: 'ANSWER', answers: {region}})}
					onBack={() => setWelcomed(false)}
					onQuit={requestQuit}
					onFocus={setListFocus}
				/>
			);
		} else if (screen === 'models' && askClients)
			body = (
				<ClientsScreen
					{...((clientsPicked ?? remembered.clients) ? {initial: clientsPicked ?? remembered.clients} : {})}
					active={active}
					height={height}
					onChoose={(clients) => {
						setClientsPicked(clients);
						setClientsAgain(false);
						setClaudeAgain(clients.includes('claude-code') && claudePicked !== undefined);
					}}
					onBack={() => {
						setClientsAgain(false);
						store.answer({type: 'BACK'});
					}}
					onQuit={requestQuit}
				/>
			);
		else if (screen === 'models' && askClaude)
			body = (
				<ClaudeCodeScreen
					{...((claudePicked ?? remembered.claudeKeyFrom)
						? {initial: claudePicked ?? {claudeKeyFrom: remembered.claudeKeyFrom, claudeSettings: remembered.claudeSettings}}
						: {})}
					given={{
						...(state.answers.claudeKeyFrom ? {claudeKeyFrom: state.answers.claudeKeyFrom} : {}),
						...(state.answers.claudeSettings ? {claudeSettings: state.answers.claudeSettings} : {}),
					}}
					active={active}
					onChoose={(answers) => {
						setClaudePicked(answers);
						setClaudeAgain(false);
					}}
					onBack={() => {
						setClaudeAgain(false);
						if (clientsPicked) setClientsAgain(true);
						else store.answer({type: 'BACK'});
					}}
					onQuit={requestQuit}
				/>
			);
		else if (screen === 'models') {
			const clients = clientsPicked ?? state.answers.clients ?? [];
			const claudeAsked = clients.includes('claude-code') && claudePicked !== undefined;
			// Claude Code pre-picks one model per slot family, as --plain does (unless this list was answered before with the same clients).
			const sameClients = (remembered.clients ?? state.answers.clients ?? []).join() === clients.join();
			const initial =
				remembered.modelIds && sameClients ? remembered.modelIds : clients.includes('claude-code') ? modelIdsDefault(state, clients) : remembered.modelIds;
			body = (
				<ModelsScreen
					catalog={state.catalog!.catalog}
					region={state.answers.region!}
					clients={clients}
					{...(initial ? {initial} : {})}
					active={active}
					height={height}
					onChoose={(modelIds) =>
						store.answer({
							type: 'ANSWER',
							answers: {modelIds, ...(clientsPicked ? {clients: clientsPicked} : {}), ...(claudeAsked ? claudePicked : {})},
						})
					}
					// Back from the list asked after "What will use this key?" (and Claude Code's questions) goes to them.
					onBack={() => (claudeAsked ? setClaudeAgain(true) : clientsPicked ? setClientsAgain(true) : store.answer({type: 'BACK'}))}
					onQuit={requestQuit}
					onFocus={setListFocus}
				/>
			);
		} else if (screen === 'key')
			body = (
				<KeyScreen
					initial={{
						...(remembered.keyKinds ? {keyKinds: remembered.keyKinds} : {}),
						...(remembered.expiresInDays !== undefined ? {expiresInDays: remembered.expiresInDays} : {}),
						...(remembered.userName ? {userName: remembered.userName} : {}),
						...(remembered.policyType ? {policyType: remembered.policyType} : {}),
						...((remembered.outDir ?? state.answers.outDir) ? {outDir: remembered.outDir ?? state.answers.outDir} : {}),
					}}
					defaultUserName={host.defaultUserName}
					{...(host.folderHasEnv ? {folderHasEnv: true} : {})}
					active={active}
					{...(host.userExists ? {userExists: host.userExists} : {})}
					onChoose={(answer) => store.answer({type: 'ANSWER', answers: answer})}
					onBack={() => store.answer({type: 'BACK'})}
					onQuit={requestQuit}
				/>
			);
		else if (screen === 'review')
			body = (
				<ReviewScreen
					review={state.review!}
					region={state.answers.region!}
					keyKinds={state.answers.keyKinds ?? DEFAULT_KEY_KINDS}
					{...(state.answers.replaceKeys !== undefined ? {replaceKeys: state.answers.replaceKeys} : {})}
					{...(state.answers.subscribe !== undefined ? {subscribe: state.answers.subscribe} : {})}
					{...(state.answers.existingFiles !== undefined ? {existingFiles: state.answers.existingFiles} : {})}
					{...(state.answers.gitignore !== undefined ? {gitignore: state.answers.gitignore} : {})}
					{...(state.answers.useCaseFormFile !== undefined ? {useCaseFormFile: true} : {})}
					{...(state.useCaseFormCheck ? {useCaseFormCheck: state.useCaseFormCheck} : {})}
					onCheckUseCaseForm={() => store.answer({type: 'CHECK_USE_CASE_FORM'})}
					onOtherModels={() => store.answer({type: 'ANSWER', answers: {modelIds: undefined}})}
					onCancel={() => store.quit(false)}
					active={active}
					height={scrollHeight}
					onConfirm={(answers) => store.answer({type: 'ANSWER', answers: {confirmed: true, ...answers}})}
					onBack={() => store.answer({type: 'BACK'})}
					onQuit={requestQuit}
					onAsking={setAskingOnReview}
				/>
			);
		else if (step === 'apply')
			body = (
				<Box flexDirection="column">
					<ApplySteps log={state.applyLog} />
					{state.subscriptionWait && state.subscriptionWait.models.length > 0 ? (
						<Text>
							<Spinner /> {messages.create.subscription.waiting(Math.round(state.subscriptionWait.elapsedMs / 1000), state.subscriptionWait.models)}
						</Text>
					) : null}
				</Box>
			);
		else if (step === 'verify' || step === 'save') body = <VerifyScreen state={state} />;
		else
			body = (
				<Text>
					<Spinner />{' '}
					{step === 'credentials'
						? t.connecting
						: step === 'review' && state.useCaseFormCheck === 'checking'
							? messages.questions.useCaseForm.checking
							: `${t.steps[step]}…`}
				</Text>
			);
	}

	const notices = phase.kind === 'wizard' ? phase.state.notices.slice(-NOTICES_SHOWN) : [];
	// Below this no screen can show its question and its keys: say so rather than draw a broken layout.
	if (tooSmall) {
		return (
			<Box flexDirection="column" width={columns}>
				<Text bold>{t.title}</Text>
				<Text>{t.tooSmall(columns, rows, MIN_COLUMNS, MIN_ROWS)}</Text>
			</Box>
		);
	}
	return (
		<>
			<Static items={finished}>
				{(item) => (
					<Box key={item.id} width={columns}>
						{item.node}
					</Box>
				)}
			</Static>
			<Box flexDirection="column" width={columns}>
				<Header {...(state ? {step: state.step} : {})} />
				{notices.map((notice) => (
					<Text key={notice} color={colourOf('warn', colour)}>
						! {notice}
					</Text>
				))}
				<Box flexDirection="column" marginTop={1}>
					{body}
				</Box>
				{explainOpen ? <ExplainPanel topic={topic} collapsed={explainCollapsed} /> : null}
				{quitDialog ? <QuitDialog changes={changes} keepable={keepable} /> : null}
				<Footer
					keys={
						screen === 'guided' && guidedList && !quitDialog
							? screenKeys(guidedList.screen, messages, guidedList.focus)
							: screenKeys(
									quitDialog
										? keepable
											? 'quit-dialog'
											: 'quit-dialog-no-keep'
										: screen === 'review' && askingOnReview
											? askingOnReview === 'text'
												? 'review-text'
												: 'review-question'
											: askClients
												? 'clients'
												: askClaude
													? 'review-question'
													: screen === 'done' && keyRevealed
														? 'done-revealed'
														: screen,
									messages,
									listFocus,
								)
					}
				/>
			</Box>
		</>
	);
}

/** The models question's default for these clients: Claude Code's one model per slot family (core/clients/claude-code.ts). */
function modelIdsDefault(state: CreateState, clients: readonly ClientKind[]): readonly string[] | undefined {
	return createQuestions.modelIds.default?.({catalog: state.catalog!.catalog, region: state.answers.region!, clients});
}

/** What goes to <Static> so far, each with an id that is the same in every render of the same run. */
function staticItemsOf(state: CreateState, finished: boolean): StaticItem[] {
	const key = `${state.answers.userName}:${state.review?.plan.compiled.size ?? ''}`;
	const items: StaticItem[] = [];
	if (state.review && (state.applyLog.length > 0 || state.applied)) items.push({id: `summary:${key}`, node: <Summary state={state} />});
	if (state.verification || (finished && state.applyLog.length > 0)) items.push({id: `apply:${key}`, node: <ApplySteps log={state.applyLog} />});
	if (finished && state.verification) items.push({id: `verify:${key}`, node: <VerifyStatic state={state} />});
	return items;
}

/** The answers, once applied: a short record above the live area. */
function Summary({state}: {readonly state: CreateState}) {
	const {messages, colour} = useUi();
	const t = messages.ui;
	const words = messages.questions;
	const a = state.answers;
	const keys = (a.keyKinds ?? []).map((kind) => words.keyKinds.choices[kind].split(' (')[0]).join(', ');
	const expiry = a.keyKinds?.includes('api-key')
		? ` · ${words.expiresInDays.label}: ${a.expiresInDays === null || a.expiresInDays === undefined ? words.expiresInDays.never : words.expiresInDays.days(a.expiresInDays)}`
		: '';
	const line = (label: string, value: string) => (
		<Text>
			<Text color={colourOf('good', colour)}>✓</Text> {label}: {value}
		</Text>
	);
	return (
		<Box flexDirection="column">
			{line(t.steps.credentials, `${state.identity?.arn ?? ''}`)}
			{line(t.steps.region, a.region ?? '')}
			{line(t.steps.models, (a.modelIds ?? []).join(', '))}
			{line(t.steps.key, `${keys}${expiry} · ${words.userName.label}: ${a.userName ?? ''}`)}
		</Box>
	);
}

function VerifyStatic({state}: {readonly state: CreateState}) {
	const {messages} = useUi();
	return (
		<Box flexDirection="column" marginBottom={1}>
			<Text bold>{messages.ui.verify.title}</Text>
			<ProbeTable rows={plannedRows(state)} />
		</Box>
	);
}

/** A quit's last frame: what is left in AWS (nothing, or each change named) and what became of the files. */
function Cancelled({state}: {readonly state: CreateState}) {
	const {messages} = useUi();
	// Nothing at all: not even a subscription for the account (RolledBack names those).
	const madeNothing = !state.rollback && !state.kept && changesMade(state.applyLog) === 0;
	return (
		<Box flexDirection="column">
			<Text bold>{messages.ui.cancelled}</Text>
			{madeNothing ? <Text>{messages.create.nothingMade}</Text> : null}
			<RolledBack state={state} />
			<KeptChanges state={state} />
			<LostKeys state={state} />
		</Box>
	);
}
