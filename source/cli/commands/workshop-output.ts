/** What `workshop` prints: progress on stderr while it works, then a summary (never a key). */
import type {Messages} from '../../core/i18n/index.js';
import {formatTime} from '../../core/i18n/time.js';
import type {WorkshopChangePlan, WorkshopCreateEvent, WorkshopCreateSummary} from '../../flows/workshop/create.js';
import type {WorkshopStatus} from '../../flows/workshop/status.js';
import type {TeardownPlan, TeardownSummary} from '../../flows/workshop/teardown.js';
import type {CliIo} from '../io.js';
import type {QuotaReading} from '../../flows/workshop/quotas.js';
import {formatTable} from '../text-table.js';
import type {WorkshopRun} from './workshop.js';

/** On a terminal one line redrawn in place; elsewhere a line every tenth of the class (no animation in logs). */
export function progressPrinter(run: WorkshopRun, io: CliIo, seats: number): (event: WorkshopCreateEvent, name: string, region: string) => void {
	const text = run.messages.workshop.create;
	const tty = Boolean(io.stderr.isTTY);
	const step = Math.max(1, Math.ceil(seats / 10));
	let live = false;
	const line = (message: string): void => {
		if (live) io.stderr.write('\r\x1b[K');
		live = false;
		run.log(message);
	};
	return (event, name, region) => {
		switch (event.type) {
			case 'planned':
				line(`• ${text.planned(name, event.seats, region, event.models, event.expiresAt)}`);
				if (event.existing > 0) line(`• ${text.found(event.existing, event.complete)}`);
				return;
			case 'change-plan':
				printChangePlan(event.plan, run.messages, line);
				return;
			case 'catalog-fallback':
				line(`! ${run.messages.create.notices}: ${event.reason}`);
				return;
			case 'lookalike':
				line(`! ${run.messages.workshop.teardown.lookalike(event.userName)}`);
				return;
			case 'managed-policy':
				line(`• ${text.managedPolicy[event.outcome](event.name)}`);
				return;
			case 'stale-policy':
				if (event.deleted) line(`• ${text.staleDeleted(event.name)}`);
				return;
			case 'lost-secret':
				line(`! ${text.lostSecret(event.seat, event.userName)}`);
				return;
			case 'seat': {
				if (event.outcome === 'failed') line(`✗ ${text.seat.failed(event.seat, event.userName, event.reason ?? '')}`);
				else if (event.outcome === 'rotated' || event.outcome === 'completed') line(`✓ ${text.seat[event.outcome](event.seat, event.userName)}`);
				const progress = text.progress(event.done, seats, run.gate.stats().currentRps.toFixed(1));
				if (tty) {
					io.stderr.write(`\r\x1b[K… ${progress}`);
					live = true;
					if (event.done === seats) line('');
				} else if (event.done % step === 0 || event.done === seats) line(`… ${progress}`);
			}
		}
	};
}

/** The changes a run would make to existing seats, before it asks. */
export function printChangePlan(plan: WorkshopChangePlan, messages: Messages, out: (line: string) => void): void {
	const text = messages.workshop.plan;
	out(`! ${text.heading(plan.event)}`);
	const policy = plan.policy;
	if (policy) {
		if (policy.modelsAdded.length > 0 || policy.modelsRemoved.length > 0) out(`  - ${text.models(policy.modelsAdded, policy.modelsRemoved)}`);
		if (policy.end) out(`  - ${text.end(policy.end.from, policy.end.to)}`);
		if (policy.region) out(`  - ${text.region(policy.region.from, policy.region.to)}`);
		if (policy.placement) out(`  - ${text.placement(policy.placement.from, policy.placement.to)}`);
		if (policy.unknownBefore) out(`  - ${text.unknownBefore}`);
		out(`  ${text.policies(plan.existingSeats)}`);
	}
	if (plan.rotations.length > 0) {
		out(`  ${text.rotations(plan.rotations)}`);
		out(`  ${text.rotationsHint}`);
	}
}

export function printCreateSummary(summary: WorkshopCreateSummary, run: WorkshopRun, out: (line: string) => void): void {
	const text = run.messages.workshop.create;
	const {counts} = summary;
	out('');
	out(
		`${summary.ready === summary.seats ? '✓' : '✗'} ${text.summary(summary.ready, summary.seats)} ${text.counts(counts.created, counts.rotated, counts.completed, counts.unchanged)}`,
	);
	for (const seat of summary.seatList.filter((entry) => entry.outcome === 'failed'))
		out(`  ✗ ${text.seat.failed(seat.seat, seat.userName, seat.reason ?? '')}`);
	if (counts.failed > 0) {
		const [message, fix] = text.failures(counts.failed);
		out(`✗ ${message}`);
		out(`  ${fix}`);
	}
	if (summary.cancelled) out(`! ${run.messages.workshop.cancelled}`);
	out(`  ${text.handouts(summary.files.directory)}`);
	out(`  ${text.roster(summary.files.roster)}`);
	for (const warning of summary.warnings) out(`! ${warning}`);
}

export function printStatus(status: WorkshopStatus, messages: Messages, out: (line: string) => void, verified: boolean): void {
	const text = messages.workshop.status;
	out(text.heading(status.event, status.region ?? '?'));
	out('');
	const c = text.columns;
	const activity = status.activity !== undefined;
	out(
		formatTable([
			[c.seat, c.user, c.key, c.state, c.expires, c.verified, ...(activity ? [c.activity] : [])],
			...status.seats.map((seat) => [...statusRow(seat, messages), ...(activity ? [activityCell(seat, status, messages)] : [])]),
		]),
	);
	out('');
	out(text.summary(status.ready, status.seats.length));
	if (status.activity?.source === 'cloudtrail') out(text.activity.source(status.activity.from, status.activity.complete));
	else if (status.activity) out(`! ${text.activity.unavailable(status.activity.reason)}`);
	if (verified) {
		const checked = status.seats.filter((seat) => seat.lastVerification);
		out(text.verifySummary(checked.filter((seat) => seat.lastVerification!.pass).length, checked.length));
		for (const seat of checked.filter((entry) => !entry.lastVerification!.pass))
			for (const failure of seat.lastVerification!.failures) out(`  ✗ ${seat.seat}: ${failure}`);
	}
	for (const name of status.lookalikes) out(`! ${messages.workshop.teardown.lookalike(name)}`);
}

export function statusRow(seat: WorkshopStatus['seats'][number], messages: Messages): string[] {
	const text = messages.workshop.status;
	const verification = seat.lastVerification;
	const verified = !verification
		? text.verification.never
		: verification.pass
			? text.verification.pass(verification.at)
			: text.verification.fail(verification.at, verification.total - verification.passed);
	return [
		String(seat.seat),
		seat.userName ?? '-',
		seat.credentialId ?? '-',
		`${seat.state === 'ready' ? '✓' : '✗'} ${text.state[seat.state]}`,
		seat.expiresAt ? formatTime(seat.expiresAt) : '-',
		verified,
	];
}

/** A seat's calls as CloudTrail shows them, or that nothing can be known (never "0 calls" for an unknown). */
export function activityCell(seat: WorkshopStatus['seats'][number], status: WorkshopStatus, messages: Messages): string {
	const text = messages.workshop.status.activity;
	if (status.activity?.source !== 'cloudtrail' || !seat.userName) return text.unknown;
	const activity = seat.activity;
	return activity?.lastAt ? text.calls(activity.calls, activity.refused, activity.lastAt) : text.none;
}

export function printTeardown(
	plan: TeardownPlan,
	summary: TeardownSummary | undefined,
	messages: Messages,
	out: (line: string) => void,
	directory: string,
	deleting = false,
): void {
	const text = messages.workshop.teardown;
	if (!summary) {
		if (plan.users.length === 0 && plan.policies.length === 0) {
			out(`✓ ${text.nothing(plan.event)}`);
		} else {
			out(
				`• ${text.plan(
					plan.event,
					plan.users.length,
					plan.users.reduce((sum, user) => sum + user.apiKeys, 0),
				)}`,
			);
			for (const user of plan.users) out(`  - ${text.seatLine(user.userName, user.seat, user.apiKeys)}`);
			for (const policy of plan.policies) out(`  - ${text.policyLine(policy.name)}`);
		}
		for (const name of plan.lookalikes) out(`! ${text.lookalike(name)}`);
		if (!deleting && (plan.users.length > 0 || plan.policies.length > 0)) {
			const [message, fix] = text.dryRun;
			out(message);
			out(`  ${fix}`);
		}
		return;
	}
	out(`${summary.failed.length === 0 ? '✓' : '✗'} ${text.done(summary.deleted.length)}`);
	if (summary.failed.length > 0) {
		const [message, fix] = text.failures(summary.failed.length);
		out(`✗ ${message}`);
		out(`  ${fix}`);
	}
	for (const name of summary.policies.deleted) out(`✓ ${text.policyDeleted(name)}`);
	for (const policy of summary.policies.left) {
		if (policy.attachedElsewhere) {
			const [message, fix] = text.policyAttachedElsewhere(policy.name);
			out(`✗ ${message}`);
			out(`  ${fix}`);
		} else out(`✗ ${text.policyFailed(policy.name, policy.reason ?? '')}`);
	}
	const waiting = summary.policies.remaining - summary.policies.left.length;
	if (waiting > 0) out(`! ${text.policiesWaiting(waiting)}`);
	if (summary.cancelled) out(`! ${messages.workshop.cancelled}`);
	if (summary.remaining === 0 && summary.policies.remaining === 0) out(`✓ ${text.nothing(plan.event)}`);
	out(`  ${text.handoutsDead(directory)}`);
}

const count = (value: number | undefined, lang: string): string => (value === undefined ? '-' : value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US'));

/** The quota plan as a table, with what the verdicts mean (workshop plan, and before workshop create). */
export function printQuotaPlan(reading: QuotaReading, messages: Messages, out: (line: string) => void, lang: string): void {
	const text = messages.workshop.quotas;
	const {plan} = reading;
	out(text.heading(plan.seats, reading.region, plan.rate.requestsPerMinute, plan.rate.inputTokens, plan.rate.outputTokens, plan.rate.hours));
	const c = text.columns;
	if (plan.rows.length > 0) {
		out(
			formatTable([
				[c.model, c.quota, c.value, c.need, c.headroom, c.verdict],
				...plan.rows.map((row) => [
					row.modelName,
					`${text.measure[row.measure]} (${text.route(row.crossRegion)})`,
					count(row.value, lang),
					count(row.need, lang),
					count(row.headroom, lang),
					text.verdict[row.verdict] ?? row.verdict,
				]),
			]),
		);
	}
	for (const row of plan.rows.filter((entry, index, all) => entry.burndown > 1 && all.findIndex((other) => other.modelName === entry.modelName) === index))
		out(`  ${text.burndown(row.modelName, row.burndown)}`);
	if (plan.skipped.length > 0) out(`  ${text.skipped(plan.skipped)}`);
	if (plan.rows.some((row) => row.verdict === 'unknown')) out(`  ${text.unknown}`);
	const short = plan.rows.filter((row) => row.verdict === 'short').length;
	out(short > 0 ? text.short(short) : plan.verdict === 'ok' ? text.ok : '');
}
