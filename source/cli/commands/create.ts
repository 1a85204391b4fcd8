import {bundledCatalog} from '../../core/catalog/index.js';
import {starterModels} from '../../core/catalog/presets.js';
import {messagesFor, type Messages} from '../../core/i18n/index.js';
import {Problem} from '../../core/problem.js';
import {usageSnippets} from '../../core/usage-snippets.js';
import type {KeyKind} from '../../flows/create/apply.js';
import type {CreateAnswers, CreateState} from '../../flows/create/machine.js';
import type {VerificationReport} from '../../core/verify/report.js';
import {ENV_FILE} from '../../flows/create/save.js';
import {systemClock} from '../../flows/bounded.js';
import {headlessCreateFrontEnd} from '../../headless/create-front-end.js';
import {chooseFrontEnd} from '../front-end-choice.js';
import {openTarget} from '../aws-target.js';
import type {CommandScope} from '../command-scope.js';
import {ExitCode, exitCodeFor} from '../exit-codes.js';
import {nodeFiles} from '../files.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';
import {formatTable} from '../text-table.js';
import {toolVersion} from '../version.js';

export interface CreateOptions {
	readonly userName?: string;
	readonly models?: readonly string[];
	readonly denyProbe?: readonly string[];
	readonly key?: readonly string[];
	readonly expiresInDays?: string;
	readonly guardrail: boolean;
	readonly streaming: boolean;
	readonly outDir?: string;
	readonly keepManagedPolicies: boolean;
	readonly replaceKeys?: boolean;
	readonly keepOnFailure: boolean;
	readonly verifyTimeout: string;
}

const keyKinds: readonly KeyKind[] = ['api-key', 'short-term', 'access-key'];
/** Short-term keys last at most 12 hours (docs/aws-facts.md, 'API keys'). */
const SHORT_TERM_SECONDS = 12 * 60 * 60;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

export async function createCommand(raw: Record<string, unknown>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const options = raw as unknown as CreateOptions;
	const messages = messagesFor(global.lang);
	const explicit = parseAnswers(options);
	const choice = chooseFrontEnd(global, io);
	if (choice.kind === 'tui') return (await import('./create-tui.js')).createTuiCommand(options, explicit, global, io, scope);
	if (choice.kind === 'headless') {
		// No prompt can fill the gaps: name every missing flag in one message (exit 2).
		const missing = [
			...(!global.sandbox && !(global.region ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION']) ? ['--region'] : []),
			...(!global.sandbox && !explicit.modelIds?.length ? ['--models'] : []),
		];
		if (missing.length > 0) throw new Problem('usage', ...messages.check.missingFlags(missing));
	}
	const opened = scope.use(await openTarget(global, io, {requireRegion: true}));
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	const {createAwsSession} = await import('../../aws/index.js');
	const session = scope.use(createAwsSession(opened.target!));
	const region = opened.target!.region;
	let modelIds = explicit.modelIds;
	if (!modelIds?.length && opened.sandbox && choice.kind === 'headless') {
		modelIds = starterModels(bundledCatalog(), region);
		log(`! ${messages.create.defaultModels(modelIds)}`);
	}
	const files = nodeFiles(io.cwd);
	const envPath = files.join(explicit.outDir, ENV_FILE);
	if (!global.yes && (await files.exists(envPath))) {
		const [message, fix] = messages.create.envExists(envPath);
		throw new Problem('usage', message, fix);
	}
	if (opened.sandbox)
		log(`• Sandbox: ${opened.sandbox.endpoint} (account ${opened.sandbox.accountId}, ${opened.sandbox.region}); nothing here touches real AWS.`);
	if (choice.notice) log(`! ${choice.notice}`);
	// Interactive front ends ask what flags left open; headless fills the defaults instead.
	const answers: CreateAnswers = {...(choice.kind === 'headless' ? withDefaults(explicit) : explicit), region, ...(modelIds ? {modelIds} : {})};
	const frontEnd =
		choice.kind === 'plain'
			? (await import('../../prompts/create-front-end.js')).plainCreateFrontEnd({
					yes: global.yes,
					messages,
					log,
					input: io.stdin,
					output: io.stderr,
					signal: scope.signal,
					onInterrupt: scope.interrupt,
					defaults: {userName: defaultUserName(), expiresInDays: DEFAULT_EXPIRY_DAYS},
				})
			: headlessCreateFrontEnd({yes: global.yes, messages, log});
	const {runCreate} = await import('../../flows/create/runner.js');
	const state = await runCreate(answers, frontEnd, {
		ports: session,
		files,
		messages,
		clock: systemClock,
		now: () => new Date(),
		signal: scope.signal,
		verifyBudgetMs: Number(options.verifyTimeout) * 1000,
		keepOnFailure: options.keepOnFailure,
		// A missing Marketplace subscription is fixed by the operator, never by widening the key: with --yes, or in the sandbox.
		subscribeWhenNeeded: global.yes || opened.sandbox !== undefined,
		shortTermSeconds: SHORT_TERM_SECONDS,
		toolVersion,
	});
	return finish(state, global, io, messages);
}

/** Only what the flags say; a front end asks for (or defaults) the rest. */
function parseAnswers(options: CreateOptions): CreateAnswers {
	const keys = options.key as KeyKind[] | undefined;
	const unknown = (keys ?? []).filter((key) => !keyKinds.includes(key));
	if (unknown.length > 0) throw new Problem('usage', `Unknown --key ${unknown.join(', ')}.`, `Use one or more of: ${keyKinds.join(', ')}.`);
	let expiresInDays: number | null | undefined;
	if (options.expiresInDays !== undefined) {
		if (options.expiresInDays === 'never') expiresInDays = null;
		else {
			const days = Number(options.expiresInDays);
			// IAM's CredentialAgeDays range.
			if (!Number.isInteger(days) || days < 1 || days > 36600)
				throw new Problem(
					'usage',
					`--expires-in-days "${options.expiresInDays}" is not a whole number of days from 1 to 36600.`,
					'Pass e.g. --expires-in-days 30, or --expires-in-days never.',
				);
			expiresInDays = days;
		}
	}
	if (options.userName !== undefined && !USER_NAME.test(options.userName)) {
		throw new Problem('usage', `--user-name "${options.userName}" is not a valid IAM user name.`, 'Use up to 64 letters, digits and + = , . @ _ - characters.');
	}
	const timeout = Number(options.verifyTimeout);
	if (!Number.isFinite(timeout) || timeout < 0)
		throw new Problem('usage', `--verify-timeout "${options.verifyTimeout}" is not a number of seconds.`, 'Pass e.g. --verify-timeout 120.');
	return {
		...(options.models?.length ? {modelIds: options.models} : {}),
		...(options.denyProbe?.length ? {denyProbeIds: options.denyProbe} : {}),
		...(keys ? {keyKinds: [...new Set(keys)]} : {}),
		...(expiresInDays !== undefined ? {expiresInDays} : {}),
		...(options.userName ? {userName: options.userName} : {}),
		guardrail: options.guardrail,
		streaming: options.streaming,
		keepManagedPolicies: options.keepManagedPolicies,
		// Unset, an interactive front end asks when the user holds keys; headless keeps them (or refuses at IAM's limit).
		...(options.replaceKeys ? {replaceKeys: true} : {}),
		outDir: options.outDir ?? '.',
	};
}

/** The answers a headless run takes when no flag gave them: a long-term API key for 30 days, a fresh user. */
export function withDefaults(answers: CreateAnswers): CreateAnswers {
	return {
		keyKinds: ['api-key'],
		expiresInDays: DEFAULT_EXPIRY_DAYS,
		userName: defaultUserName(),
		...answers,
	};
}

export const DEFAULT_EXPIRY_DAYS = 30;

/** Like the console's `BedrockAPIKey-xxxx`, but saying who made it and when. */
export function defaultUserName(): string {
	const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
	return `bedrock-key-${date}-${Math.random().toString(36).slice(2, 6)}`;
}

function finish(state: CreateState, global: GlobalOptions, io: CliIo, messages: Messages): number {
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	if (state.rollback) {
		if (state.rollback.failed.length === 0) log(`↶ ${messages.create.rolledBack(state.rollback.undone.length)}`);
		else {
			log(`✗ ${messages.create.rollbackFailed(state.rollback.failed.length)}`);
			for (const {entry, message} of state.rollback.failed) log(`  - ${entry.kind} (${entry.userName}): ${message}`);
		}
		const lost = (state.rollback.lost ?? []).flatMap((entry) => (entry.kind === 'old-key-deleted' ? [entry.keyId] : []));
		if (lost.length > 0) log(`! ${messages.create.heldKeys.lost(lost)}`);
	}
	if (state.status !== 'done') {
		// A "no" to a question (--plain) cancels without a problem of its own: exit 130, as Ctrl+C.
		const problem =
			state.problem ??
			(state.status === 'cancelled' ? new Problem('cancelled', 'Cancelled.') : new Problem('internal', 'The wizard stopped without finishing.'));
		const held = state.review?.heldKeys.keys ?? [];
		if (global.json) {
			const document = {
				error: {kind: problem.kind, message: problem.message, fix: problem.fix},
				...(state.report ? {report: state.report} : held.length > 0 ? {existingKeys: held} : {}),
			};
			io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
		}
		log(`✗ ${problem.message}`);
		if (problem.fix) log(`  ${problem.fix}`);
		if (global.debug && problem.stack) log(problem.stack);
		return exitCodeFor(problem.kind);
	}
	const report = state.report!;
	const saved = state.saved!;
	const out = global.json ? log : (line: string): void => void io.stdout.write(`${line}\n`);
	if (global.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
	const t = messages.create.table;
	out('');
	out(
		formatTable([
			['', t.model, t.call, t.auth, t.expected, t.outcome, t.latency],
			...report.probes.map((p) => [p.pass ? '✓' : '✗', p.model, p.operation, p.auth, p.expected, p.outcome, String(p.latencyMs)]),
		]),
	);
	out('');
	out(
		`${report.pass ? '✓' : '✗'} ${report.pass ? messages.create.works : messages.create.doesNotWork} ${messages.create.verified(report.probes.filter((p) => p.pass).length, report.probes.length, (report.elapsedMs / 1000).toFixed(1))}`,
	);
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
