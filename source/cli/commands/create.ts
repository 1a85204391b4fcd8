import {readUseCaseForm} from '../use-case-form.js';
import {keyLifetimeLines, targetNotice} from '../../flows/create/review.js';
import {bundledCatalog} from '../../core/catalog/index.js';
import type {Messages} from '../../core/i18n/index.js';
import {Problem} from '../../core/problem.js';
import {usageSnippets} from '../../core/usage-snippets.js';
import {accountChanges} from '../../flows/create/apply.js';
import type {CreateAnswers, CreateState} from '../../flows/create/machine.js';
import {createQuestions, missingFlags, readCreateFlags, withDefaults} from '../../flows/create/questions.js';
import type {VerificationReport} from '../../core/verify/report.js';
import {ENV_FILE, fileNames} from '../../flows/create/save.js';
import {headlessCreateFrontEnd} from '../../headless/create-front-end.js';
import {chooseFrontEnd} from '../front-end-choice.js';
import {configuredRegion, openTarget, reportTarget} from '../aws-target.js';
import {promptStreams, type CommandScope} from '../command-scope.js';
import {ExitCode, exitCodeFor} from '../exit-codes.js';
import {nodeFiles} from '../files.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {probeResultsTable} from '../probe-results-text.js';
import {loadMessages} from '../messages.js';
import {toolVersion} from '../version.js';

/** `options`: commander's, made from the questions table (flows/create/questions.ts), which also reads them. */
export async function createCommand(options: Readonly<Record<string, unknown>>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const messages = await loadMessages(global.lang);
	const flags = readCreateFlags(options);
	const explicit = flags.answers;
	// Read and checked before anything runs: a bad file is a usage error naming it.
	const useCaseForm = readUseCaseForm(explicit.useCaseFormFile);
	const choice = chooseFrontEnd(global, io);
	if (choice.kind === 'tui') return (await import('./create-tui.js')).createTuiCommand(flags, global, io, scope, useCaseForm);
	if (choice.kind === 'headless') {
		// No prompt can fill the gaps: name every missing flag in one message (exit 2).
		const region = configuredRegion(global, io.env);
		const missing = missingFlags(withDefaults({...explicit, ...(region ? {region} : {})}), {sandbox: global.sandbox});
		if (missing.length > 0) throw new Problem('usage', ...messages.check.missingFlags(missing));
		// Claude Code's flags without Claude Code would be silently unused (the TUI and --plain may still pick it).
		const claudeFlags = [...(explicit.claudeKeyFrom ? ['--claude-key-from'] : []), ...(explicit.claudeSettings ? ['--claude-settings'] : [])];
		if (claudeFlags.length > 0 && !explicit.clients?.includes('claude-code'))
			throw new Problem('usage', ...messages.clients.files.claudeFlagsAlone(claudeFlags));
	}
	const opened = scope.use(await openTarget(global, io, {requireRegion: true}));
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	const {createAwsSession} = await import('../../aws/index.js');
	const session = scope.use(createAwsSession(opened.target!));
	const region = opened.target!.region;
	let modelIds = explicit.modelIds;
	if (!modelIds?.length && opened.sandbox && choice.kind === 'headless') {
		modelIds = createQuestions.modelIds.default?.({catalog: bundledCatalog(), region, ...(explicit.clients ? {clients: explicit.clients} : {})}) ?? [];
		log(`! ${messages.create.defaultModels(modelIds)}`);
	}
	const files = nodeFiles(io.cwd, io.env['HOME']);
	// Headless cannot ask about files already there: without --yes it stops before anything is made. The TUI and --plain ask on the Review.
	if (choice.kind === 'headless' && !global.yes) {
		// Only whether they are there: the Review's planFiles finds free names and asks git later, once.
		const paths: string[] = [];
		for (const name of Object.values(fileNames)) {
			const path = files.join(explicit.outDir ?? '.', name);
			if (await files.exists(path)) paths.push(path);
		}
		if (paths.length > 0) throw new Problem('usage', ...messages.create.existingNeedYes(paths));
	}
	// The folder offered first: this one, or a new one named after the user when this one already holds a .env.
	const folderHasEnv = await files.exists(files.join('.', ENV_FILE));
	if (opened.sandbox) log(`• ${messages.run.sandbox.banner(opened.sandbox.endpoint, opened.sandbox.accountId, opened.sandbox.region)}`);
	if (choice.notice) log(`! ${choice.notice}`);
	// Interactive front ends ask what flags left open; headless fills the defaults instead.
	// --yes answers the question about files already there: overwrite them (a .env kept aside first).
	const answers: CreateAnswers = {
		...(choice.kind === 'headless' ? withDefaults(explicit) : explicit),
		region,
		...(modelIds ? {modelIds} : {}),
		...(global.yes ? {existingFiles: 'overwrite' as const} : {}),
	};
	const frontEnd =
		choice.kind === 'plain'
			? (await import('../../prompts/create-front-end.js')).plainCreateFrontEnd({
					yes: global.yes,
					folderHasEnv,
					messages,
					log,
					...promptStreams(io, scope),
				})
			: headlessCreateFrontEnd({yes: global.yes, subscribe: global.yes || global.sandbox, messages, log});
	const {runCreateSession} = await import('../../flows/create/session.js');
	const {state} = await runCreateSession(answers, frontEnd, {
		ports: session,
		files,
		messages,
		signal: scope.signal,
		verifyTimeoutSeconds: flags.verifyTimeout,
		subscriptionTimeoutSeconds: flags.subscriptionTimeout,
		...(useCaseForm ? {useCaseForm} : {}),
		keepOnFailure: flags.keepOnFailure,
		target: reportTarget(opened),
		toolVersion,
	});
	return finish(state, global, io, messages);
}

function finish(state: CreateState, global: GlobalOptions, io: CliIo, messages: Messages): number {
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	// What the run did for the account (a Marketplace subscription, the use-case form) is not undone: said, not hidden.
	const account = accountChanges(state.applyLog);
	const notUndone = [
		...(account.subscriptions.length > 0 ? [messages.create.notUndone.subscriptions(account.subscriptions)] : []),
		...(account.useCaseForm ? [messages.create.notUndone.useCaseForm] : []),
	];
	if (state.rollback) {
		if (state.rollback.failed.length === 0)
			log(
				`↶ ${notUndone.length > 0 ? messages.create.notUndone.rolledBack(state.rollback.undone.length) : messages.create.rolledBack(state.rollback.undone.length)}`,
			);
		else {
			log(`✗ ${messages.create.rollbackFailed(state.rollback.failed.length)}`);
			for (const {entry, message} of state.rollback.failed) log(`  - ${messages.run.rollbackFailedEntry(entry.kind, entry.userName, message)}`);
		}
		const files = state.rollback.files;
		if (files && files.removed.length > 0) log(`↶ ${messages.create.filesUndone.removed(files.removed)}`);
		for (const path of files?.restored ?? []) log(`↶ ${messages.create.filesUndone.restored(path)}`);
		for (const {path, message} of files?.failed ?? []) log(`✗ ${messages.create.filesUndone.failed(path, message)}`);
	}
	if (state.status !== 'done' && !state.kept) for (const line of notUndone) log(`! ${line}`);
	if (state.kept && state.kept.kept.length > 0) {
		log(`! ${messages.create.keptChanges(state.kept.kept.length)}`);
		for (const entry of state.kept.kept) log(`  - ${messages.run.keptEntry(entry.kind, entry.userName)}`);
	}
	const lost = (state.rollback?.lost ?? state.kept?.lost ?? []).flatMap((entry) => (entry.kind === 'old-key-deleted' ? [entry.keyId] : []));
	if (lost.length > 0) log(`! ${messages.create.heldKeys.lost(lost)}`);
	if (state.status !== 'done') {
		// A "no" to a question (--plain) cancels without a problem of its own: exit 130, as Ctrl+C.
		const problem =
			state.problem ??
			(state.status === 'cancelled'
				? new Problem('cancelled', ...messages.problems.run.cancelled())
				: new Problem('internal', ...messages.problems.run.wizardStopped()));
		const {message, fix} = problem.textIn(messages);
		const held = state.review?.heldKeys.keys ?? [];
		if (global.json) {
			const document = {
				error: {kind: problem.kind, message, fix},
				...(state.report ? {report: state.report} : held.length > 0 ? {existingKeys: held} : {}),
			};
			io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
		}
		log(`✗ ${message}`);
		if (fix) log(`  ${fix}`);
		if (global.debug && problem.stack) log(problem.stack);
		return exitCodeFor(problem.kind);
	}
	const report = state.report!;
	const saved = state.saved!;
	const out = global.json ? log : (line: string): void => void io.stdout.write(`${line}\n`);
	if (global.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
	out('');
	out(probeResultsTable(report.probes, messages));
	out('');
	out(
		`${report.pass ? '✓' : '✗'} ${report.pass ? messages.create.works : messages.create.doesNotWork} ${messages.create.verified(report.probes.filter((p) => p.pass).length, report.probes.length, (report.elapsedMs / 1000).toFixed(1))}`,
	);
	if (state.applied) for (const line of keyLifetimeLines(state.applied, state.review!.userName, messages)) out(`! ${line}`);
	const where = targetNotice(report.target, messages);
	if (where) out(`! ${where}`);
	out('');
	out(`${messages.create.saved}:`);
	out(`  ${saved.policy}`);
	if (saved.env) out(`  ${messages.create.secretFile(saved.env)}`);
	out(`  ${saved.report}`);
	for (const warning of saved.warnings) out(`! ${warning}`);
	const oldKeys = heldKeysOutcome(report, state.review!.userName, messages);
	for (const line of oldKeys.lines) out(line);
	if (saved.env) {
		const targets = state.review!.plan.request.targets;
		const chat = targets.find((target) => target.model?.kind === 'chat') ?? targets[0]!;
		const claude = targets.find((target) => target.model?.provider === 'Anthropic');
		out('');
		out(`${messages.create.usage}:`);
		for (const snippet of usageSnippets({
			envFile: saved.env,
			region: report.region,
			modelId: chat.requestedId,
			hasApiKey: Boolean(state.applied?.apiKey ?? state.applied?.shortTermKey),
			...(claude ? {claudeModelId: claude.requestedId} : {}),
			// Every Claude id: Claude Code's snippet pins each slot to one (as the Done screen's does).
			claudeModelIds: targets.filter((target) => target.model?.provider === 'Anthropic').map((target) => target.requestedId),
			...(report.target && report.target.kind !== 'aws' ? {endpoint: report.target.endpoint} : {}),
			clients: state.answers.clients ?? [],
			chatModelIds: targets.filter((target) => target.model?.kind === 'chat').map((target) => target.requestedId),
		})) {
			out(`  # ${snippet.title}`);
			for (const line of snippet.text.split('\n')) out(`  ${line}`);
		}
	}
	if (!report.pass) return ExitCode.verificationFailed;
	// The new key works, but an old key the person asked to delete is still live: AWS refused that (exit 3).
	return oldKeys.deleteFailed ? ExitCode.awsRefused : ExitCode.ok;
}

/** What became of the keys the user held before: the ones still live are named, and failures say how to finish the job. */
export function heldKeysOutcome(report: VerificationReport, userName: string, messages: Messages): {lines: string[]; deleteFailed: boolean} {
	const t = messages.create.heldKeys;
	const existing = report.existingKeys ?? [];
	const failed = existing.filter((key) => key.action === 'delete-failed');
	const live = existing.filter((key) => key.action === 'kept' || key.action === 'to-delete');
	const lines: string[] = [];
	for (const key of failed) lines.push(`✗ ${t.deleteFailed(key, key.error ?? '')}`);
	if (failed.length > 0) lines.push(`  ${t.deleteFailedFix(userName)}`);
	if (live.length > 0) {
		lines.push(`! ${t.stillHeld(userName, live.length)}`);
		for (const key of live) lines.push(`  - ${t.key(key)}`);
	}
	return {lines, deleteFailed: failed.length > 0};
}
