/**
 * `check` without prompts: the key must come from the environment, stdin or a profile; tightening
 * happens only with --tighten. Progress goes to stderr as short ✓/✗ lines. The same printer serves
 * the line-prompt front end, so both show the same thing.
 */
import type {Messages} from '../core/i18n/en.js';
import {Problem} from '../core/problem.js';
import type {CheckState} from '../flows/check/machine.js';
import type {CheckFrontEnd} from '../flows/check/runner.js';

export function headlessCheckFrontEnd(options: {readonly tighten: boolean; readonly messages: Messages; readonly log: (line: string) => void}): CheckFrontEnd {
	return {
		askKey() {
			const [message, fix] = options.messages.check.missingFlags([options.messages.check.keySource]);
			throw new Problem('usage', message, fix);
		},
		async confirmTighten() {
			if (!options.tighten) options.log(`  ${options.messages.check.tighten.hint}`);
			return options.tighten;
		},
		onState: checkProgressPrinter(options.messages, options.log),
	};
}

/** Prints each thing once, as it becomes known. */
export function checkProgressPrinter(messages: Messages, log: (line: string) => void): (state: CheckState) => void {
	const text = messages.check;
	let notices = 0;
	let reports = 0;
	let lastReport: string | undefined;
	let userPrinted: unknown;
	let proposalPrinted = false;
	let planned = false;
	let tightenedPrinted = false;
	return (state) => {
		for (const notice of state.notices.slice(notices)) log(`! ${notice}`);
		notices = state.notices.length;
		if (state.mode && !planned && state.probes.length > 0) {
			planned = true;
			log(`• ${state.mode === 'discovery' ? text.discovering(state.probes.length, state.region) : text.checking(state.probes.length, state.region)}`);
		}
		if (state.report && `${state.report.createdAt}/${state.report.elapsedMs}` !== lastReport && state.step === 'inspect') {
			// inspect() refines the same report (principal, policy source): print each verification once.
			lastReport = `${state.report.createdAt}/${state.report.elapsedMs}`;
			reports++;
			if (state.mode !== 'discovery') {
				for (const result of state.report.probes) {
					const verdict = result.expected === 'deny' && result.pass ? messages.ui.verify.deniedAsExpected : messages.ui.verify[result.outcome];
					log(
						`${result.pass ? '✓' : '✗'} ${result.model} ${result.operation} (${result.auth}): ${verdict}${result.pass ? '' : ` — ${result.diagnosis ?? ''}`}`,
					);
				}
			}
			if (state.report.principal !== 'unknown' && reports === 1) log(`• ${text.principal(state.report.principal)}`);
		}
		if (state.user && state.user !== userPrinted) {
			userPrinted = state.user;
			const user = state.user;
			const u = text.user;
			log(
				`• ${u.heading(user.userName)}: ${user.createdAt && user.ageDays !== undefined ? `${u.created(user.createdAt, user.ageDays)}, ` : ''}${user.managedByTool ? u.managed : u.notManaged}`,
			);
			log(`  ${u.inline(user.inline.map((policy) => policy.name))}`);
			log(`  ${u.attached(user.attached.map((policy) => policy.name))}`);
			for (const apiKey of user.apiKeys) log(`  ${u.apiKey(apiKey.credentialId, apiKey.status, apiKey.ageDays, apiKey.expiresAt)}`);
			for (const accessKey of user.accessKeys) log(`  ${u.accessKey(accessKey.accessKeyId, accessKey.status)}`);
			for (const policy of user.broad) log(`! ${u.broad(policy.name)}`);
			if (!user.guardrail) log(`! ${u.noGuardrail}`);
			for (const apiKey of user.apiKeys) if (!apiKey.expiresAt && apiKey.status === 'Active') log(`! ${u.neverExpires(apiKey.credentialId)}`);
		}
		if (state.proposal && !proposalPrinted) {
			proposalPrinted = true;
			const t = text.tighten;
			log(`• ${t.proposal(state.proposal.modelIds)}`);
			for (const line of state.proposal.plan.compiled.json.trimEnd().split('\n')) log(`    ${line}`);
			if (state.proposal.managed) log(`  ${t.managed(state.proposal.managed.map((part) => part.name))}`);
			for (const policy of [...state.proposal.detach, ...state.proposal.staleManaged]) log(`  ${t.detach(policy.name)}`);
			log(
				`${state.proposal.noNewAccess === 'PASS' ? '✓' : '!'} ${state.proposal.noNewAccess ? t.noNewAccess(state.proposal.noNewAccess) : t.noNewAccessUnavailable}`,
			);
			if (state.proposal.notCompared.length > 0) log(`! ${t.notCompared(state.proposal.notCompared)}`);
		}
		if (state.tightened && !tightenedPrinted && state.user) {
			tightenedPrinted = true;
			log(`✓ ${text.tighten.applied(state.user.userName)}`);
		}
	};
}
