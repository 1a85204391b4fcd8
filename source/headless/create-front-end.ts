/**
 * The create wizard without a terminal UI: every answer comes from flags; a missing one is an error that
 * names the flag. Progress goes to stderr as short ✓/✗ lines (no animation), so stdout stays clean.
 */
import type {Messages} from '../core/i18n/en.js';
import {Problem} from '../core/problem.js';
import type {ApplyEvent} from '../flows/create/apply.js';
import type {CreateFrontEnd} from '../flows/create/runner.js';
import type {CreateState} from '../flows/create/machine.js';
import {roomToMake, typesAtLimit} from '../flows/create/existing-keys.js';
import {createQuestions, missingFlags, useCaseFormModel} from '../flows/create/questions.js';
import {existingPaths, fileLines, modelsToSubscribe, subscriptionLines} from '../flows/create/review.js';

export interface HeadlessOptions {
	readonly yes: boolean;
	/** Subscribe the account to models that need it without asking: --subscribe or --yes, or the in-process sandbox. */
	readonly subscribe?: boolean;
	readonly messages: Messages;
	readonly log: (line: string) => void;
	/** The keys an existing user holds are asked about (the --plain front end), not only reported. */
	readonly asksAboutKeys?: boolean;
}

export function headlessCreateFrontEnd(options: HeadlessOptions): CreateFrontEnd {
	const {messages, log} = options;
	let applyPrinted = 0;
	let noticesPrinted = 0;
	let reviewPrinted = false;
	let lastWaitingLine = -Infinity;
	let lastSubscriptionLine = -Infinity;
	let subscribedPrinted = false;
	const probesPrinted = new Set<number>();

	return {
		async ask(state) {
			switch (state.step) {
				case 'region':
				case 'models':
				case 'key':
					// Every missing answer at once, so one more run is enough.
					throw new Problem('usage', ...messages.check.missingFlags(missingFlags(state.answers)));
				case 'review': {
					const review = state.review!;
					const full = typesAtLimit(review.heldKeys.keys, state.answers.keyKinds ?? ['api-key']);
					if (full.length > 0 && state.answers.replaceKeys !== true) {
						// FAILED rather than a throw, so the run's end (and --json's one document) can name the keys found.
						const [message, fix] = messages.create.heldKeys.atLimit(
							review.userName,
							full[0]!,
							review.heldKeys.keys.filter((key) => key.type === full[0]),
							!options.yes,
						);
						return {type: 'FAILED', problem: new Problem('usage', message, fix)};
					}
					if (review.existingUser && !options.yes) {
						const [message, fix] = messages.create.existingUserNeedsYes(review.userName);
						throw new Problem('usage', message, fix);
					}
					// Files already there are overwritten only with --yes (a .env kept aside first); the command refused earlier without it.
					const there = review.files ? existingPaths(review.files) : [];
					if (there.length > 0 && state.answers.existingFiles === undefined && !options.yes)
						return {type: 'FAILED', problem: new Problem('usage', ...messages.create.existingNeedYes(there))};
					const files = there.length > 0 && state.answers.existingFiles === undefined ? ({existingFiles: 'overwrite'} as const) : {};
					// Anthropic's use-case form cannot be asked here: --use-case-form FILE answers it, else nothing is made.
					if (createQuestions.useCaseForm.askedWhen?.(state.answers, review) && state.answers.useCaseForm === undefined) {
						return {type: 'FAILED', problem: new Problem('usage', ...messages.create.useCaseForm.missing(useCaseFormModel(review)))};
					}
					const needed = modelsToSubscribe(review);
					if (needed.length > 0 && state.answers.subscribe === undefined) {
						if (!(options.subscribe ?? options.yes)) return {type: 'FAILED', problem: new Problem('usage', ...messages.create.subscription.declined(needed))};
						return {type: 'ANSWER', answers: {confirmed: true, subscribe: true, ...files}};
					}
					return {type: 'ANSWER', answers: {confirmed: true, ...files}};
				}
				default:
					throw new Error(`Nothing to ask at step ${state.step}`);
			}
		},
		onState(state: CreateState) {
			for (const notice of state.notices.slice(noticesPrinted)) log(`! ${notice}`);
			noticesPrinted = state.notices.length;
			if (state.review && !reviewPrinted) {
				reviewPrinted = true;
				printReview(state, messages, log, options.asksAboutKeys === true, options.yes);
			}
			for (const event of state.applyLog.slice(applyPrinted)) {
				const line = applyLine(event, messages);
				if (line) log(line);
			}
			applyPrinted = state.applyLog.length;
			if (state.subscriptionWait && state.subscriptionWait.elapsedMs - lastSubscriptionLine >= 5000 && state.subscriptionWait.models.length > 0) {
				lastSubscriptionLine = state.subscriptionWait.elapsedMs;
				log(`… ${messages.create.subscription.waiting(Math.round(state.subscriptionWait.elapsedMs / 1000), state.subscriptionWait.models)}`);
			}
			if (state.subscriptionWait && state.subscriptionWait.models.length === 0 && !subscribedPrinted) {
				subscribedPrinted = true;
				log(`✓ ${messages.create.subscription.available(Math.round(state.subscriptionWait.elapsedMs / 1000))}`);
			}
			if (state.step === 'verify' && state.waitingSinceMs !== undefined && state.waitingSinceMs - lastWaitingLine >= 5000) {
				lastWaitingLine = state.waitingSinceMs;
				const pending = state.probes.filter((probe) => probe && !probe.pass).length;
				log(`… ${messages.create.waiting(Math.round(state.waitingSinceMs / 1000), pending)}`);
			}
			if (state.verification) {
				state.verification.results.forEach((result, index) => {
					if (probesPrinted.has(index)) return;
					probesPrinted.add(index);
					const verdict = result.expected === 'deny' && result.pass ? messages.ui.verify.deniedAsExpected : messages.ui.verify[result.outcome];
					log(
						`${result.pass ? '✓' : '✗'} ${result.model} ${result.operation} (${result.auth}): ${verdict}${result.pass ? '' : ` — ${result.diagnosis ?? ''}`}`,
					);
				});
			}
		},
	};
}

function printReview(state: CreateState, messages: Messages, log: (line: string) => void, asksAboutKeys: boolean, yes: boolean): void {
	const review = state.review!;
	const ids = review.plan.request.targets.map((target) => target.requestedId);
	log(`• ${messages.create.review(review.userName, ids, state.answers.region ?? '')}`);
	const managed = review.managed;
	log(
		`• ${
			managed
				? messages.create.placedManaged(
						managed.map((part) => part.name),
						review.plan.compiled.size,
					)
				: messages.create.placedInline(review.plan.compiled.size, review.inlineBudget)
		}`,
	);
	log(`  ${messages.create.placementForms(review.plan.placement.forms, review.plan.placement.kind)}`);
	if (review.existingUser) {
		log(`• ${managed ? messages.create.existingUserManaged(review.userName) : messages.create.existingUser(review.userName)}`);
		if (!managed) log(`• ${review.previousPolicy === review.plan.compiled.json ? messages.create.policyUnchanged : messages.create.policyChanged}`);
	}
	for (const part of managed ?? []) if (part.existing) log(`• ${messages.create.managedPolicyUpdated(part.name)}`);
	if (managed && review.previousPolicy !== undefined) log(`• ${messages.create.willDeleteInline}`);
	for (const policy of review.staleManaged) log(`• ${messages.create.willDetachStale(policy.name)}`);
	printHeldKeys(state, messages, log, asksAboutKeys);
	for (const line of subscriptionLines(review, messages)) log(line);
	// Headless overwrites files already there only with --yes (the run stops otherwise); --plain asks just after.
	const choice = state.answers.existingFiles ?? (yes && !asksAboutKeys ? 'overwrite' : undefined);
	fileLines(review, messages, choice).forEach((line, index) => log(index === 0 ? `• ${line}` : line));
	for (const policy of review.detach) log(`• ${messages.create.willDetach(policy.name)}`);
	for (const policy of review.kept) log(`• ${messages.create.keeps(policy.name)}`);
	for (const finding of review.analyzer.findings ?? []) log(`! ${messages.run.notice.analyzerFinding(finding.type, finding.code, finding.message)}`);
	if (review.analyzer.notice) log(`! ${review.analyzer.notice}`);
	if (review.preflight.notice) log(`! ${review.preflight.notice}`);
}

/** Never a live credential left in place without a word: what the user holds, and what happens to it. */
function printHeldKeys(state: CreateState, messages: Messages, log: (line: string) => void, asksAboutKeys: boolean): void {
	const held = state.review!.heldKeys.keys;
	if (held.length === 0) return;
	const t = messages.create.heldKeys;
	const kinds = state.answers.keyKinds ?? ['api-key'];
	log(`! ${t.title(state.review!.userName, held.length)}`);
	for (const key of held) log(`  - ${t.key(key)}`);
	if (state.answers.replaceKeys === true) {
		log(`• ${t.willDelete(held.length)}`);
		const room = roomToMake(held, kinds);
		if (room.length > 0) log(`! ${t.makeRoom(room.map((key) => key.id))}`);
	} else if (state.answers.replaceKeys === false || (!asksAboutKeys && typesAtLimit(held, kinds).length === 0)) log(`! ${t.staysValid(held.length)}`);
}

function applyLine(event: ApplyEvent, messages: Messages): string | undefined {
	if (event.type === 'step') {
		if (event.status === 'running') return undefined;
		const label = messages.create.step[event.step](event.status === 'failed' ? '' : (event.detail ?? ''));
		return event.status === 'done' ? `✓ ${label}` : `✗ ${label}: ${event.detail ?? ''}`;
	}
	if (event.status === 'running') return undefined;
	const detail =
		'credentialId' in event.entry
			? event.entry.credentialId
			: 'accessKeyId' in event.entry
				? event.entry.accessKeyId
				: 'keyId' in event.entry
					? event.entry.keyId
					: 'policyArn' in event.entry
						? event.entry.policyArn
						: event.entry.userName;
	return `${event.status === 'done' ? '↶' : '✗'} ${messages.create.rollbackEntry(event.entry.kind, detail)}${event.status === 'failed' ? `: ${event.detail ?? ''}` : ''}`;
}
