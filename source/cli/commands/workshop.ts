/**
 * `workshop create | status | teardown`: flags in, a paced and retrying IAM session, progress on stderr,
 * a summary on stdout (or `--json`). The flows decide; this file only wires and prints.
 */
import {readdir} from 'node:fs/promises';
import {resolve} from 'node:path';
import {bundledCatalog} from '../../core/catalog/index.js';
import {starterModels} from '../../core/catalog/presets.js';
import {messagesFor, type Messages} from '../../core/i18n/index.js';
import type {ProblemText} from '../../core/i18n/en.js';
import {Problem} from '../../core/problem.js';
import {resolveExpiry} from '../../core/workshop/expiry.js';
import {validateEventName, validateSeatCount} from '../../core/workshop/seat-names.js';
import {systemClock} from '../../flows/bounded.js';
import type {AwsPorts, IamPort} from '../../flows/ports.js';
import {createAdaptiveGate, type AdaptiveGate} from '../../flows/workshop/adaptive-gate.js';
import type {WorkshopFiles} from '../../flows/workshop/files.js';
import {foreignFolder, locateWorkshop, unknownEvent, type LocatedWorkshop} from '../../flows/workshop/locate.js';
import type {WorkshopChangePlan} from '../../flows/workshop/create.js';
import {retryingIam} from '../../flows/workshop/retrying-iam.js';
import type {WorkshopStatus} from '../../flows/workshop/status.js';
import {openTarget, type OpenedTarget} from '../aws-target.js';
import {promptStreams, type CommandScope} from '../command-scope.js';
import {ExitCode} from '../exit-codes.js';
import {nodeFiles} from '../files.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {printCreateSummary, printQuotaPlan, printStatus, printTeardown, progressPrinter} from './workshop-output.js';
import {DEFAULT_SEAT_RATE, increasesToFile, type SeatRate} from '../../core/workshop/quota-plan.js';
import {describeFailure} from '../../core/aws-failure.js';
import {parseBudgetAmount, parseBudgetEmail, parseThresholdPercent, USERS_PER_ACTION, type SpendGuardRecord} from '../../core/workshop/spend-guard.js';

export interface WorkshopRun {
	readonly messages: Messages;
	readonly opened: OpenedTarget;
	readonly ports: AwsPorts;
	/** Paced by the gate, retrying throttled and repeatable calls. */
	readonly iam: IamPort;
	readonly gate: AdaptiveGate;
	readonly files: WorkshopFiles;
	readonly signal: AbortSignal;
	readonly log: (line: string) => void;
}

/** IAM's rate limits are per account and unpublished; 10 requests/s stays clear of them in practice. */
const DEFAULT_MAX_RPS = 10;
const DEFAULT_CONCURRENCY = 8;

export function workshopFiles(cwd: string): WorkshopFiles {
	return {
		...nodeFiles(cwd),
		folders: (directory) =>
			readdir(resolve(cwd, directory), {withFileTypes: true}).then(
				(entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
				() => [],
			),
	};
}

/**
 * The workshop's folder and saved request (flows/workshop/locate.ts), and the flags the run goes on with: the
 * saved Region unless --region is given, the saved endpoint unless --endpoint-url or --sandbox is.
 */
async function findWorkshop(
	options: Record<string, unknown>,
	global: GlobalOptions,
	io: CliIo,
): Promise<{readonly event: string; readonly located: LocatedWorkshop; readonly global: GlobalOptions}> {
	const messages = messagesFor(global.lang);
	const named = typeof options['name'] === 'string' ? validateEventName(options['name']) : undefined;
	const located = await locateWorkshop(
		{...(named !== undefined ? {event: named} : {}), ...(typeof options['outDir'] === 'string' ? {outDir: options['outDir']} : {})},
		workshopFiles(io.cwd),
		messages,
	);
	const event = located.event;
	if (event === undefined) throw new Problem('usage', (m) => m.problems.workshop.noEventName());
	const manifest = located.manifest;
	if (!manifest) return {event, located, global};
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	log(`• ${messages.workshop.locate.using(event, located.looked.at(-1)!)}`);
	const endpointUrl = !global.endpointUrl && !global.sandbox ? manifest.endpointUrl : undefined;
	if (endpointUrl) log(`• ${messages.workshop.locate.savedEndpoint(endpointUrl)}`);
	return {event, located, global: {...global, region: global.region ?? manifest.region, ...(endpointUrl ? {endpointUrl} : {})}};
}

const positive = (flag: string, value: unknown, fallback: number, integer: boolean): number => {
	if (value === undefined) return fallback;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
		throw new Problem('usage', (m) => m.problems.flags.positive(flag, String(value), integer, fallback));
	}
	return number;
};

/** Opens the target and a session whose every IAM request goes through one adaptive gate; the scope closes both. */
async function openWorkshop(
	options: Record<string, unknown>,
	global: GlobalOptions,
	io: CliIo,
	scope: CommandScope,
	work: (run: WorkshopRun) => Promise<number>,
): Promise<number> {
	const messages = messagesFor(global.lang);
	const maxRps = positive('--max-rps', options['maxRps'], DEFAULT_MAX_RPS, false);
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	const opened = scope.use(await openTarget(global, io, {requireRegion: true}));
	const gate = createAdaptiveGate({maxRps, clock: systemClock, onSlowDown: (rps) => log(`! ${messages.workshop.create.slowedDown(rps.toFixed(1))}`)});
	const {createAwsSession} = await import('../../aws/index.js');
	// One attempt per SDK call: retrying is the flow's business, since only it knows which calls may be repeated.
	const session = scope.use(createAwsSession(opened.target!, {iamGate: gate, iamMaxAttempts: 1}));
	if (opened.sandbox) log(`• ${messages.run.sandbox.banner(opened.sandbox.endpoint, opened.sandbox.accountId, opened.sandbox.region)}`);
	const iam = retryingIam(session.iam, {clock: systemClock, signal: scope.signal});
	return work({messages, opened, ports: session, iam, gate, files: workshopFiles(io.cwd), signal: scope.signal, log});
}

const policyTypes = ['auto', 'inline', 'managed'] as const;
/** Commander has checked the choice; without it, the saved workshop's placement, else auto. */
const policyTypeOf = (options: Record<string, unknown>, saved: string | undefined): (typeof policyTypes)[number] =>
	policyTypes.find((type) => type === options['policyType']) ?? policyTypes.find((type) => type === saved) ?? 'auto';

/**
 * Asks before a run changes existing seats (their policy, or a new key): --yes says yes; a terminal is asked;
 * anywhere else the run stops with nothing changed, naming --yes.
 */
function confirmChanges(global: GlobalOptions, io: CliIo, scope: CommandScope, messages: Messages): (plan: WorkshopChangePlan) => Promise<boolean> {
	return () => askUnlessYes(global, io, scope, messages, messages.workshop.plan);
}

/** --yes says yes; a terminal is asked `question`; anywhere else `needsYes` is the error. */
async function askUnlessYes(
	global: GlobalOptions,
	io: CliIo,
	scope: CommandScope,
	messages: Messages,
	text: {readonly question: string; readonly needsYes: ProblemText},
): Promise<boolean> {
	if (global.yes) return true;
	const {chooseFrontEnd} = await import('../front-end-choice.js');
	if (chooseFrontEnd(global, io).kind === 'headless') throw new Problem('usage', ...text.needsYes);
	const {inquirerPrompts} = await import('../../prompts/line-prompts.js');
	return inquirerPrompts({...promptStreams(io, scope), words: messages.run.prompt}).confirm(text.question, false);
}

/**
 * No workshop.json found, so the handouts cannot be read: an unknown event, another event's folder, or where
 * it was looked for and how many seats IAM holds (rather than call every key lost).
 */
async function missingWorkshop(run: WorkshopRun, event: string, located: LocatedWorkshop): Promise<Problem> {
	const {takeInventory} = await import('../../flows/workshop/inventory.js');
	const seats = (await takeInventory(run.iam, event)).seats.size;
	if (seats === 0) return unknownEvent(run.iam, event, run.messages);
	if (located.foreign) return foreignFolder(located, run.messages);
	return new Problem('usage', ...run.messages.workshop.locate.missing(event, located.looked, seats));
}

export async function workshopCreateCommand(options: Record<string, unknown>, flags: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const {event, located, global} = await findWorkshop(options, flags, io);
	const saved = located.manifest;
	// Writing there would put this event's workshop.json over another's.
	if (located.foreign) throw foreignFolder(located, messagesFor(global.lang));
	if (options['seats'] === undefined && !saved) throw new Problem('usage', (m) => m.problems.workshop.noSeats());
	const seats = validateSeatCount((options['seats'] as string | undefined) ?? saved!.seats);
	const concurrency = positive('--concurrency', options['concurrency'], DEFAULT_CONCURRENCY, true);
	const given = options['expiresInDays'] !== undefined || options['until'] !== undefined;
	const expiry = {
		...(options['expiresInDays'] !== undefined ? {expiresInDays: String(options['expiresInDays'])} : {}),
		...(options['until'] !== undefined ? {until: String(options['until'])} : {}),
		// Neither flag: the saved end stays.
		...(!given && saved ? {until: saved.expiresAt} : {}),
	};
	// Bad flags are reported before any AWS call; the flow resolves the end again from the workshop's first run.
	resolveExpiry(expiry, new Date());
	const budget = budgetOf(options, saved?.budget);
	return openWorkshop(options, global, io, scope, async (run) => {
		const region = run.opened.target!.region;
		let modelIds = (options['models'] as string[] | undefined) ?? [...(saved?.models ?? [])];
		if (modelIds.length === 0 && run.opened.sandbox) {
			modelIds = [...starterModels(bundledCatalog(), region)];
			run.log(`! ${run.messages.create.defaultModels(modelIds)}`);
		}
		if (modelIds.length === 0) throw new Problem('usage', ...run.messages.problems.workshop.noModels());
		// Quotas before anything is made: the first thing that breaks a real class (a notice when they cannot be read).
		await quotaCheck(run, {region, seats, modelIds, rate: seatRateOf(options)}, global, io);
		const outDir = located.directory;
		if (budget) printGuardPlan(run, budget, seats);
		const {runWorkshopCreate} = await import('../../flows/workshop/create.js');
		const progress = progressPrinter(run, io, seats);
		const summary = await runWorkshopCreate(
			{
				event,
				seats,
				region,
				modelIds,
				expiry,
				outDir,
				concurrency,
				policyType: policyTypeOf(options, saved?.policy?.type),
				...(global.endpointUrl || run.opened.sandbox ? {endpointUrl: run.opened.target!.endpointUrl!} : {}),
				...(budget ? {budget} : {}),
			},
			{
				ports: run.ports,
				iam: run.iam,
				files: run.files,
				messages: run.messages,
				now: () => new Date(),
				signal: run.signal,
				confirm: confirmChanges(global, io, scope, run.messages),
				...(budget ? {guard: (await import('../../aws/spend-guard.js')).createSpendGuardPort(run.opened.target!)} : {}),
			},
			(createEvent) =>
				createEvent.type === 'spend-guard'
					? run.log(`✓ ${run.messages.workshop.spendGuard.step(createEvent.step.part, createEvent.step.name, createEvent.step.outcome)}`)
					: progress(createEvent, event, region),
		);
		const stats = run.gate.stats();
		const iam = {requests: stats.requests, throttles: stats.throttles, maxRps: stats.maxRps, observedMaxPerSecond: stats.observedMaxPerSecond};
		if (global.json) io.stdout.write(`${JSON.stringify({command: 'workshop create', ...summary, iam}, null, 2)}\n`);
		printCreateSummary(summary, run, global.json ? run.log : (line) => void io.stdout.write(`${line}\n`));
		if (summary.spendGuard) printGuardResult(run, summary.spendGuard, budget!);
		if (summary.spendGuardFailure) {
			run.log(`✗ ${summary.spendGuardFailure.message}`);
			if (summary.spendGuardFailure.fix) run.log(`  ${summary.spendGuardFailure.fix}`);
		}
		if (summary.cancelled) return ExitCode.cancelled;
		return summary.counts.failed > 0 || summary.spendGuardFailure ? ExitCode.awsRefused : ExitCode.ok;
	});
}

export async function workshopStatusCommand(options: Record<string, unknown>, flags: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const {event, located, global} = await findWorkshop(options, flags, io);
	const concurrency = positive('--concurrency', options['concurrency'], DEFAULT_CONCURRENCY, true);
	const budgetMs = positive('--verify-timeout', options['verifyTimeout'], 120, false) * 1000;
	// --watch alone: every minute (IAM and CloudTrail are read again each time).
	const watchSeconds = options['watch'] === undefined ? undefined : positive('--watch', options['watch'] === true ? undefined : options['watch'], 60, false);
	return openWorkshop(options, global, io, scope, async (run) => {
		const outDir = located.directory;
		const {readWorkshopStatus, verifyWorkshop} = await import('../../flows/workshop/status.js');
		if (!located.manifest) throw await missingWorkshop(run, event, located);
		const readStatus = async (): Promise<WorkshopStatus> => {
			const read = await readWorkshopStatus(
				{event, outDir},
				{iam: run.iam, files: run.files, now: () => new Date(), policyCheck: {ports: run.ports, messages: run.messages}},
			);
			return {...read, region: read.region ?? run.opened.target!.region};
		};
		let status = await readStatus();
		if (status.seats.length === 0) throw await unknownEvent(run.iam, event, run.messages);
		const readActivity = seatActivityReader(run, located.manifest.createdAt);
		let watching = false;
		const verify = options['verify'] === true;
		const verifyDeps = {
			ports: run.ports,
			files: run.files,
			messages: run.messages,
			clock: systemClock,
			now: () => new Date(),
			concurrency,
			budgetMs,
			signal: run.signal,
		};
		const {chooseFrontEnd} = await import('../front-end-choice.js');
		const choice = chooseFrontEnd(global, io);
		const dashboard = choice.kind === 'tui';
		if (choice.notice) run.log(`! ${choice.notice}`);
		if (watchSeconds !== undefined && !dashboard) run.log(`! ${run.messages.workshop.status.watchNeedsTerminal}`);
		if (dashboard) {
			const {showWorkshopDashboard} = await import('../../ui/workshop/show-dashboard.js');
			status = await showWorkshopDashboard({
				status,
				messages: run.messages,
				holdTerminal: scope.holdTerminal,
				readActivity,
				...(verify ? {verify: (onEvent) => verifyWorkshop(status, outDir, verifyDeps, onEvent)} : {}),
				...(watchSeconds !== undefined
					? {
							watch: {
								everyMs: watchSeconds * 1000,
								signal: run.signal,
								refresh: async () => readActivity(await readStatus()),
								// Ctrl+C from here on ends the watch: everything asked for was done.
								started: () => void (watching = true),
							},
						}
					: {}),
			});
		} else {
			status = await readActivity(status);
		}
		if (!dashboard && verify) {
			status = await verifyWorkshop(status, outDir, verifyDeps, (verifyEvent) => {
				if (verifyEvent.type !== 'verified') return;
				const {pass, at, passed, total} = verifyEvent.verification;
				const words = run.messages.workshop.status.verification;
				run.log(`${run.messages.workshop.status.columns.seat} ${verifyEvent.seat}: ${pass ? words.pass(at) : words.fail(at, total - passed)}`);
			});
		}
		const guard = located.manifest.budget ? await guardStatus(run, event) : undefined;
		if (global.json) io.stdout.write(`${JSON.stringify({command: 'workshop status', ...status, ...(guard ? {spendGuard: guard} : {})}, null, 2)}\n`);
		else if (!dashboard) printStatus(status, run.messages, (line) => void io.stdout.write(`${line}\n`), verify);
		if (guard) printGuardStatus(run.messages, guard, global.json || dashboard ? run.log : (line) => void io.stdout.write(`${line}\n`));
		const verified = status.seats.filter((seat) => seat.lastVerification);
		// Stopped part-way: the seats not verified yet were skipped, so neither a pass nor a fail is known.
		// (Ctrl+C is how a watch ends.)
		if (run.signal.aborted && !watching) return ExitCode.cancelled;
		return verify && verified.some((seat) => !seat.lastVerification!.pass) ? ExitCode.verificationFailed : ExitCode.ok;
	});
}

/** Reads each seat's calls from CloudTrail's event history since the workshop was made (flows/workshop/activity.ts). */
function seatActivityReader(run: WorkshopRun, since: string): (status: WorkshopStatus) => Promise<WorkshopStatus> {
	return async (status) => {
		const [{createActivityPort}, {readSeatActivity}] = await Promise.all([import('../../aws/cloudtrail.js'), import('../../flows/workshop/activity.js')]);
		return readSeatActivity(status, createActivityPort(run.opened.target!), {now: new Date(), since});
	};
}

export async function workshopTeardownCommand(options: Record<string, unknown>, flags: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const {event, located, global} = await findWorkshop(options, flags, io);
	const concurrency = positive('--concurrency', options['concurrency'], DEFAULT_CONCURRENCY, true);
	return openWorkshop(options, global, io, scope, async (run) => {
		const {planWorkshopTeardown, runWorkshopTeardown} = await import('../../flows/workshop/teardown.js');
		const plan = await planWorkshopTeardown(run.iam, event);
		const guard = await guardForTeardown(run, event, located.manifest?.budget !== undefined);
		const empty = plan.users.length === 0 && plan.policies.length === 0 && !guard;
		// Nothing in IAM and no workshop.json of it either: a mistyped name, not a finished teardown.
		if (empty && !located.manifest) throw await unknownEvent(run.iam, event, run.messages);
		if (!empty && !located.manifest) run.log(`! ${run.messages.workshop.locate.noFolder(located.looked)}`);
		const out = global.json ? run.log : (line: string): void => void io.stdout.write(`${line}\n`);
		if (guard)
			run.log(
				`• ${run.messages.workshop.spendGuard.teardownPlan(guard.state.budget ? guard.state.names.budgetName : undefined, guard.state.actions.length, guard.state.role, guard.state.denyPolicy)}`,
			);
		if (!global.yes || empty) {
			if (global.json)
				io.stdout.write(
					`${JSON.stringify(
						{
							command: 'workshop teardown',
							schemaVersion: 1,
							event,
							dryRun: true,
							planned: plan.users,
							plannedPolicies: plan.policies,
							lookalikes: plan.lookalikes,
						},
						null,
						2,
					)}\n`,
				);
			printTeardown(plan, undefined, run.messages, out, located.directory);
			return ExitCode.ok;
		}
		printTeardown(plan, undefined, run.messages, run.log, located.directory, true);
		// The budget first: its action must not run half-way through the teardown.
		const guardRemoved: string[] = [];
		const guardLeft: Array<{part: string; name: string; reason: string}> = [];
		const onGuardStep = (step: {part: 'deny-policy' | 'role' | 'role-policy' | 'budget' | 'action'; name: string}): void => {
			guardRemoved.push(`${step.part}:${step.name}`);
			run.log(`✓ ${run.messages.workshop.spendGuard.removed(step.part, step.name)}`);
		};
		if (guard) await guard.module.removeBudget(guard.state, guard.accountId, guard.deps, onGuardStep);
		const summary = await runWorkshopTeardown(plan, {iam: run.iam, concurrency, signal: run.signal}, (teardownEvent) => {
			if (teardownEvent.type === 'failed') run.log(`✗ ${run.messages.workshop.teardown.failed(teardownEvent.userName, teardownEvent.reason)}`);
			else if (!io.stderr.isTTY && (teardownEvent.done % 10 === 0 || teardownEvent.done === plan.users.length))
				run.log(`… ${teardownEvent.done}/${plan.users.length}`);
		});
		// The role and the deny policy once no seat is left (an action that ran attached the policy to them).
		if (guard && summary.remaining === 0 && !run.signal.aborted) {
			for (const left of await guard.module.removeGuardIam(guard.state, guard.deps, onGuardStep)) {
				guardLeft.push(left);
				run.log(`✗ ${run.messages.workshop.spendGuard.left(left.part, left.name, left.reason)}`);
			}
		} else if (guard && (guard.state.role || guard.state.denyPolicy)) {
			guardLeft.push({part: 'role', name: guard.state.names.roleName, reason: run.messages.workshop.spendGuard.leftBecauseSeats});
			run.log(`! ${run.messages.workshop.spendGuard.leftBecauseSeats}`);
		}
		const spendGuard = guard ? {spendGuard: {removed: guardRemoved, left: guardLeft}} : {};
		if (global.json) io.stdout.write(`${JSON.stringify({command: 'workshop teardown', ...summary, ...spendGuard}, null, 2)}\n`);
		printTeardown(plan, summary, run.messages, out, located.directory);
		if (summary.cancelled) return ExitCode.cancelled;
		return summary.failed.length > 0 || summary.remaining > 0 || summary.policies.remaining > 0 || guardLeft.length > 0 ? ExitCode.awsRefused : ExitCode.ok;
	});
}

/**
 * `--budget`, `--budget-threshold`, `--budget-email`, each else the saved workshop's: the spend guard create
 * makes, or undefined without one. Checked before any AWS call.
 */
function budgetOf(
	options: Record<string, unknown>,
	saved: SpendGuardRecord | undefined,
): {amountUsd: number; thresholdPercent: number; email: string} | undefined {
	const amountUsd = options['budget'] !== undefined ? parseBudgetAmount(options['budget']) : saved?.amountUsd;
	if (amountUsd === undefined) return undefined;
	const email = options['budgetEmail'] !== undefined ? parseBudgetEmail(options['budgetEmail']) : saved?.email;
	if (email === undefined) throw new Problem('usage', (m) => m.workshop.spendGuard.needsEmail);
	const thresholdPercent =
		options['budgetThreshold'] !== undefined
			? parseThresholdPercent(options['budgetThreshold'])
			: (saved?.thresholdPercent ?? parseThresholdPercent(undefined));
	return {amountUsd, thresholdPercent, email};
}

/** The spend guard in create's plan, before anything is made, with what it cannot do. */
function printGuardPlan(run: WorkshopRun, budget: {amountUsd: number; thresholdPercent: number; email: string}, seats: number): void {
	const words = run.messages.workshop.spendGuard;
	run.log(`• ${words.plan(budget.amountUsd, budget.thresholdPercent, seats, Math.ceil(seats / USERS_PER_ACTION))}`);
	run.log(`  ${words.notHardCap}`);
	run.log(`  ${words.wholeAccount}`);
	run.log(`  ${words.email(budget.email)}`);
}

function printGuardResult(
	run: WorkshopRun,
	guard: NonNullable<Awaited<ReturnType<typeof import('../../flows/workshop/create.js').runWorkshopCreate>>['spendGuard']>,
	budget: {amountUsd: number},
): void {
	const words = run.messages.workshop.spendGuard;
	if (guard.amountKept !== undefined) run.log(`! ${words.amountKept(guard.amountKept, budget.amountUsd)}`);
	const ran = guard.actions.find((action) => action.status !== 'STANDBY');
	if (ran) run.log(`! ${words.ranAlready(ran.status)}`);
	run.log(`! ${words.notHardCap}`);
}

type GuardModule = typeof import('../../flows/workshop/spend-guard.js');
type GuardState = Awaited<ReturnType<GuardModule['readSpendGuard']>>;

async function guardDeps(run: WorkshopRun): Promise<{module: GuardModule; accountId: string; deps: Parameters<GuardModule['readSpendGuard']>[2]}> {
	const [module, {createSpendGuardPort}, identity] = await Promise.all([
		import('../../flows/workshop/spend-guard.js'),
		import('../../aws/spend-guard.js'),
		run.ports.identity.whoAmI(),
	]);
	return {module, accountId: identity.accountId, deps: {iam: run.iam, guard: createSpendGuardPort(run.opened.target!), messages: run.messages}};
}

/** What status shows of the guard workshop.json records: AWS's view, or why it cannot be read. */
async function guardStatus(run: WorkshopRun, event: string): Promise<GuardState | {readonly unreadable: string}> {
	try {
		const {module, accountId, deps} = await guardDeps(run);
		return await module.readSpendGuard(event, accountId, deps);
	} catch (error) {
		return {unreadable: error instanceof Problem ? error.textIn(run.messages).message : describeFailure(error)};
	}
}

function printGuardStatus(messages: Messages, guard: GuardState | {readonly unreadable: string}, out: (line: string) => void): void {
	const words = messages.workshop.spendGuard;
	out('');
	if ('unreadable' in guard) {
		out(`${words.statusHeading}: ✗ ${guard.unreadable}`);
		return;
	}
	if (!guard.budget) {
		out(`${words.statusHeading}: ${words.noBudget}`);
		if (guard.role || guard.denyPolicy)
			out(`  ${words.missingParts([guard.role ? guard.names.roleName : '', guard.denyPolicy ? guard.names.policyName : ''].filter(Boolean).join(', '))}`);
		return;
	}
	const percent = guard.actions[0]?.thresholdType === 'PERCENTAGE' ? guard.actions[0].thresholdValue : undefined;
	out(`${words.statusHeading}: ${words.statusLine(guard.budget.amount, guard.budget.actualSpend, percent)}`);
	for (const action of guard.actions) out(`  ${words.actionLine(action.id, action.status, action.users.length)}`);
	out(`  ${words.statusLate}`);
}

/**
 * The guard teardown removes: read when workshop.json records one, and otherwise too (a guard left by a run
 * that lost its folder), except that a Budgets that cannot be read then simply has none to remove.
 */
async function guardForTeardown(
	run: WorkshopRun,
	event: string,
	recorded: boolean,
): Promise<(Awaited<ReturnType<typeof guardDeps>> & {state: GuardState}) | undefined> {
	const loaded = await guardDeps(run);
	try {
		const state = await loaded.module.readSpendGuard(event, loaded.accountId, loaded.deps);
		return loaded.module.guardPresent(state) ? {...loaded, state} : undefined;
	} catch (error) {
		// Without a recorded guard, a Budgets that cannot be read (refused, unreachable) has none to remove.
		if (!recorded) return undefined;
		throw error;
	}
}

/** `--rpm`, `--input-tokens`, `--output-tokens`, `--hours`: the expected rate of one seat. */
function seatRateOf(options: Record<string, unknown>): SeatRate {
	return {
		requestsPerMinute: positive('--rpm', options['rpm'], DEFAULT_SEAT_RATE.requestsPerMinute, false),
		inputTokens: positive('--input-tokens', options['inputTokens'], DEFAULT_SEAT_RATE.inputTokens, true),
		outputTokens: positive('--output-tokens', options['outputTokens'], DEFAULT_SEAT_RATE.outputTokens, true),
		hours: positive('--hours', options['hours'], DEFAULT_SEAT_RATE.hours, false),
	};
}

/** The quota plan `workshop create` shows first, on stderr with its progress: the Ink table in a terminal, else plain. */
async function quotaCheck(
	run: WorkshopRun,
	request: {region: string; seats: number; modelIds: readonly string[]; rate: SeatRate},
	global: GlobalOptions,
	io: CliIo,
): Promise<void> {
	const [{createQuotasPort}, {readQuotaPlan}, {chooseFrontEnd}] = await Promise.all([
		import('../../aws/service-quotas.js'),
		import('../../flows/workshop/quotas.js'),
		import('../front-end-choice.js'),
	]);
	try {
		const reading = await readQuotaPlan(request, {catalog: run.ports.catalog, quotas: createQuotasPort(run.opened.target!)});
		if (chooseFrontEnd(global, io).kind === 'tui' && io.stderr.isTTY) {
			const {showQuotaPlan} = await import('../../ui/quota-plan/show-quota-plan.js');
			await showQuotaPlan({plan: reading.plan, region: reading.region, messages: run.messages, lang: global.lang, stdout: io.stderr as NodeJS.WriteStream});
		} else printQuotaPlan(reading, run.messages, run.log, global.lang);
		const short = reading.plan.rows.filter((row) => row.verdict === 'short').length;
		if (short > 0) run.log(`! ${run.messages.workshop.quotas.createShort(short)}`);
	} catch (error) {
		run.log(`! ${run.messages.workshop.quotas.unreadable(describeFailure(error))}`);
	}
}

/**
 * `workshop plan`: the account's quotas for the workshop's models against the class's need, and on
 * confirmation (a question in a terminal, --yes elsewhere) the increase requests for what falls short.
 */
export async function workshopPlanCommand(options: Record<string, unknown>, flags: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	let global = flags;
	let saved: LocatedWorkshop['manifest'];
	// A plan comes before any workshop: without --name, a workshop.json found here only supplies defaults.
	try {
		const found = await findWorkshop(options, flags, io);
		global = found.global;
		saved = found.located.manifest;
	} catch (error) {
		if (!(error instanceof Problem) || error.kind !== 'usage' || typeof options['name'] === 'string') throw error;
	}
	if (options['seats'] === undefined && !saved) throw new Problem('usage', (m) => m.problems.workshop.noSeats());
	const seats = validateSeatCount((options['seats'] as string | undefined) ?? saved!.seats);
	const rate = seatRateOf(options);
	return openWorkshop(options, global, io, scope, async (run) => {
		const region = run.opened.target!.region;
		let modelIds = (options['models'] as string[] | undefined) ?? [...(saved?.models ?? [])];
		if (modelIds.length === 0 && run.opened.sandbox) modelIds = [...starterModels(bundledCatalog(), region)];
		if (modelIds.length === 0) throw new Problem('usage', ...run.messages.problems.workshop.noModels());
		const [{createQuotasPort}, {readQuotaPlan, fileQuotaIncreases}] = await Promise.all([
			import('../../aws/service-quotas.js'),
			import('../../flows/workshop/quotas.js'),
		]);
		const quotas = createQuotasPort(run.opened.target!);
		const reading = await readQuotaPlan({region, seats, modelIds, rate}, {catalog: run.ports.catalog, quotas});
		const text = run.messages.workshop.quotas;
		const out = global.json ? run.log : (line: string): void => void io.stdout.write(`${line}\n`);
		const {chooseFrontEnd} = await import('../front-end-choice.js');
		const frontEnd = chooseFrontEnd(global, io);
		if (frontEnd.notice) run.log(`! ${frontEnd.notice}`);
		// In a terminal, a table per model and the verdict in words (ui/quota-plan/); elsewhere the plain table.
		if (frontEnd.kind === 'tui') {
			const {showQuotaPlan} = await import('../../ui/quota-plan/show-quota-plan.js');
			await showQuotaPlan({plan: reading.plan, region, messages: run.messages, lang: global.lang, stdout: io.stdout as NodeJS.WriteStream});
		} else printQuotaPlan(reading, run.messages, out, global.lang);
		// The saved spend guard, which create keeps.
		if (saved?.budget) printGuardPlan(run, saved.budget, seats);
		const wanted = increasesToFile(reading.plan);
		let outcomes: Awaited<ReturnType<typeof fileQuotaIncreases>> = [];
		if (wanted.length > 0) {
			out('');
			out(text.notAutomatic);
			out(text.offer(wanted.length));
			for (const {row, desiredValue} of wanted) out(`  - ${text.offerLine(row.quotaName, row.value ?? 0, desiredValue)}`);
			let file = global.yes;
			if (!file && frontEnd.kind !== 'headless') {
				const {inquirerPrompts} = await import('../../prompts/line-prompts.js');
				file = await inquirerPrompts({...promptStreams(io, scope), words: run.messages.run.prompt}).confirm(text.question(wanted.length), false);
			}
			if (file) {
				outcomes = await fileQuotaIncreases(reading, quotas);
				for (const outcome of outcomes) {
					if (outcome.outcome === 'filed') out(`✓ ${text.filed(outcome.row.quotaName, outcome.desiredValue, outcome.request.id, outcome.request.status)}`);
					else if (outcome.outcome === 'pending') out(`• ${text.pending(outcome.row.quotaName, outcome.request.desiredValue, outcome.request.status)}`);
					else out(`✗ ${text.failed(outcome.row.quotaName, describeFailure(outcome.reason))}`);
				}
			} else out(text.needsYes);
		}
		if (global.json)
			io.stdout.write(
				`${JSON.stringify(
					{
						command: 'workshop plan',
						schemaVersion: 1,
						region,
						seats,
						rate,
						verdict: reading.plan.verdict,
						rows: reading.plan.rows,
						skipped: reading.plan.skipped,
						pending: reading.pending,
						increases: outcomes.map((outcome) => ({
							quotaCode: outcome.row.quotaCode,
							quotaName: outcome.row.quotaName,
							desiredValue: outcome.desiredValue,
							outcome: outcome.outcome,
							...(outcome.outcome === 'failed' ? {reason: describeFailure(outcome.reason)} : {id: outcome.request.id, status: outcome.request.status}),
						})),
					},
					null,
					2,
				)}\n`,
			);
		return outcomes.some((outcome) => outcome.outcome === 'failed') ? ExitCode.awsRefused : ExitCode.ok;
	});
}

/**
 * `workshop rotate --seat N | --all`: one seat at a time, a new key in the second slot, the handout rewritten,
 * the new key verified, then the old key Inactive and deleted after --grace (flows/workshop/rotate.ts).
 */
export async function workshopRotateCommand(options: Record<string, unknown>, flags: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const {event, located, global} = await findWorkshop(options, flags, io);
	const messages = messagesFor(global.lang);
	const text = messages.workshop.rotate;
	const given = (options['seat'] as string[] | undefined) ?? [];
	const numbers = given.map((value) => {
		const seat = Number(value);
		if (!Number.isInteger(seat) || seat < 1) throw new Problem('usage', ...text.badSeat(value));
		return seat;
	});
	if (numbers.length === 0 && options['all'] !== true) throw new Problem('usage', ...text.noSeatsGiven);
	const graceText = options['grace'] === undefined ? '0' : String(options['grace']);
	const grace = Number(graceText);
	if (!Number.isFinite(grace) || grace < 0) throw new Problem('usage', (m) => m.problems.flags.positive('--grace', graceText, false, 0));
	const budgetMs = positive('--verify-timeout', options['verifyTimeout'], 120, false) * 1000;
	return openWorkshop(options, global, io, scope, async (run) => {
		const manifest = located.manifest;
		if (!manifest) throw await missingWorkshop(run, event, located);
		const seats = options['all'] === true ? Array.from({length: manifest.seats}, (_, index) => index + 1) : [...new Set(numbers)].sort((a, b) => a - b);
		const [{runWorkshopRotate}, {verifyWorkshop}] = await Promise.all([import('../../flows/workshop/rotate.js'), import('../../flows/workshop/status.js')]);
		const out = global.json ? run.log : (line: string): void => void io.stdout.write(`${line}\n`);
		const summary = await runWorkshopRotate(
			{event, outDir: located.directory, manifest, seats, graceMs: grace * 1000},
			{
				iam: run.iam,
				files: run.files,
				messages: run.messages,
				now: () => new Date(),
				signal: run.signal,
				async verify(status, seat) {
					const verified = await verifyWorkshop(status, located.directory, {
						ports: run.ports,
						files: run.files,
						messages: run.messages,
						clock: systemClock,
						now: () => new Date(),
						concurrency: 1,
						budgetMs,
						signal: run.signal,
					});
					return verified.seats.find((entry) => entry.seat === seat)?.lastVerification;
				},
				sleep: (ms) =>
					new Promise<void>((resolve) => {
						const timer = setTimeout(resolve, ms);
						run.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
					}),
				confirm: () => askUnlessYes(global, io, scope, run.messages, run.messages.workshop.rotate),
			},
			(rotateEvent) => {
				if (rotateEvent.type === 'plan') {
					run.log(`• ${text.heading(rotateEvent.seats.length)}`);
					for (const seat of rotateEvent.seats) run.log(`  - ${text.seatLine(seat.seat, seat.userName, seat.oldCredentialId)}`);
					run.log(`  ${text.grace(grace)}`);
					run.log(`  ${text.handoutsTell}`);
				} else if (rotateEvent.type === 'step') run.log(`✓ ${text.step[rotateEvent.step](rotateEvent.seat, rotateEvent.credentialId)}`);
				else run.log(`✗ ${rotateEvent.reason}`);
			},
		);
		if (global.json) io.stdout.write(`${JSON.stringify({command: 'workshop rotate', ...summary}, null, 2)}\n`);
		out(`${summary.failed.length === 0 ? '✓' : '✗'} ${text.done(summary.rotated.length, seats.length)}`);
		if (summary.cancelled) return ExitCode.cancelled;
		return summary.failed.length > 0 ? ExitCode.awsRefused : ExitCode.ok;
	});
}
