/**
 * `cleanup`: the users (and their keys and policies) this tool made, found by tag. A dry run unless
 * --yes, or a yes at the prompt in a terminal. `--json` prints one document (schemas/cleanup.v1.json).
 */
import {messagesFor, type Messages} from '../../core/i18n/index.js';
import {Problem} from '../../core/problem.js';
import {parseDuration} from '../../flows/cleanup/duration.js';
import type {CleanupFrontEnd, CleanupOutcome} from '../../flows/cleanup/runner.js';
import type {ManagedUser, OrphanPolicy} from '../../flows/cleanup/find-managed.js';
import {configuredRegion, openTarget} from '../aws-target.js';
import {optionValues} from '../option-values.js';
import {promptStreams, type CommandScope} from '../command-scope.js';
import {chooseFrontEnd} from '../front-end-choice.js';
import {ExitCode} from '../exit-codes.js';
import type {GlobalOptions} from '../global-options.js';
import type {CliIo} from '../io.js';

export interface CleanupCommandOptions {
	readonly olderThan?: string;
	readonly userName?: string;
	readonly includeWorkshops?: boolean;
}

export const CLEANUP_SCHEMA_VERSION = 1;

export async function cleanupCommand(raw: Readonly<Record<string, unknown>>, global: GlobalOptions, io: CliIo, scope: CommandScope): Promise<number> {
	const read = optionValues(raw);
	const options: CleanupCommandOptions = {
		olderThan: read.text('olderThan'),
		userName: read.text('userName'),
		includeWorkshops: raw['includeWorkshops'] === true,
	};
	const messages = messagesFor(global.lang);
	const text = messages.check.cleanup;
	const olderThanMs = options.olderThan !== undefined ? parseDuration(options.olderThan) : undefined;
	if (options.olderThan !== undefined && olderThanMs === undefined) throw new Problem('usage', ...text.badDuration(options.olderThan));
	const log = (line: string): void => void io.stderr.write(`${line}\n`);
	// Results on stdout (the list, what was deleted); with --json only the document is there.
	const out = global.json ? log : (line: string): void => void io.stdout.write(`${line}\n`);
	const choice = chooseFrontEnd(global, io);
	// IAM is global: any Region will do when none is configured.
	const opened = scope.use(
		await openTarget({...global, region: configuredRegion(global, io.env) ?? 'us-east-1'}, io, {
			requireRegion: true,
		}),
	);
	const {createAwsSession} = await import('../../aws/index.js');
	const session = scope.use(createAwsSession(opened.target!, {callsModels: false}));
	if (choice.notice) log(`! ${choice.notice}`);
	const frontEnd: CleanupFrontEnd = {
		async confirmDelete(users, policies) {
			if (global.yes) return true;
			if (choice.kind === 'headless') return false;
			const {inquirerPrompts} = await import('../../prompts/line-prompts.js');
			return inquirerPrompts({...promptStreams(io, scope), words: messages.run.prompt}).confirm(text.confirm(users.length, policies.length), false);
		},
		onEvent(event) {
			if (event.type === 'found') printList(event.users, event.policies, out, messages);
			if (event.type === 'seats-left-out') log(`! ${messages.workshop.cleanup.seatsLeftOut(event.seats, event.events)}`);
			if (event.type === 'policy-deleted') log(`  ✓ ${text.policyDeleted(event.arn)}`);
			if (event.type === 'policy-failed') log(`✗ ${text.failed(event.arn, event.message)}`);
			if (event.type === 'step') log(`  ✓ ${text.step(event.step.kind, event.step.id)}`);
			if (event.type === 'deleting') log(`• ${text.deleting(event.userName)}`);
			if (event.type === 'failed') log(`✗ ${text.failed(event.userName, event.message)}`);
		},
	};
	const {runCleanup} = await import('../../flows/cleanup/runner.js');
	const outcome = await runCleanup(frontEnd, {
		iam: session.iam,
		...(options.userName ? {userName: options.userName} : {}),
		...(olderThanMs !== undefined ? {olderThanMs} : {}),
		includeWorkshops: options.includeWorkshops === true,
		now: new Date(),
		messages,
		signal: scope.signal,
	});
	// Stopped: one error document under --json (written by the CLI), saying how far it got.
	if (outcome.cancelled) throw new Problem('cancelled', ...text.cancelled(outcome.deleted.length, outcome.users.length));
	if (global.json) io.stdout.write(`${JSON.stringify(cleanupDocument(outcome), null, 2)}\n`);
	if ((outcome.users.length > 0 || outcome.policies.length > 0) && outcome.dryRun) out(text.dryRun);
	const failed = outcome.failed.length + outcome.failedPolicies.length;
	if (!outcome.dryRun) out(`${failed === 0 ? '✓' : '✗'} ${text.deleted(outcome.deleted.length, outcome.deletedPolicies.length)}`);
	return failed > 0 ? ExitCode.awsRefused : ExitCode.ok;
}

function printList(users: readonly ManagedUser[], policies: readonly OrphanPolicy[], out: (line: string) => void, messages: Messages): void {
	const text = messages.check.cleanup;
	if (users.length === 0 && policies.length === 0) return out(text.nothing);
	if (users.length > 0) out(text.found(users.length));
	for (const user of users) {
		const seat = user.workshop ? ` (${messages.workshop.cleanup.seatOf(user.workshop.event, user.workshop.seat)})` : '';
		out(`  ${text.user(user.userName, text.age(user.ageDays), text.keys(user.apiKeys.length, user.accessKeys.length, user.nextExpiry))}${seat}`);
	}
	if (policies.length > 0) out(text.foundPolicies(policies.length));
	for (const policy of policies) out(`  ${text.policy(policy.name, text.age(policy.ageDays))}`);
}

export function cleanupDocument(outcome: CleanupOutcome): Record<string, unknown> {
	return {
		schemaVersion: CLEANUP_SCHEMA_VERSION,
		command: 'cleanup',
		dryRun: outcome.dryRun,
		users: outcome.users.map((user) => ({
			userName: user.userName,
			arn: user.arn,
			...(user.workshop ? {workshop: user.workshop} : {}),
			createdAt: user.createdAt ?? null,
			ageDays: user.ageDays ?? null,
			apiKeys: user.apiKeys.map((key) => ({id: key.credentialId, status: key.status, expiresAt: key.expiresAt ?? null})),
			accessKeys: user.accessKeys.map((key) => ({id: key.accessKeyId, status: key.status})),
			steps: user.steps,
		})),
		deleted: outcome.deleted,
		failed: outcome.failed,
		policies: outcome.policies.map((policy) => ({name: policy.name, arn: policy.arn, createdAt: policy.createdAt ?? null, ageDays: policy.ageDays ?? null})),
		deletedPolicies: outcome.deletedPolicies,
		failedPolicies: outcome.failedPolicies,
	};
}
