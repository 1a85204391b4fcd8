/**
 * Messages of `check`, `cleanup` and the missing-flag errors of every command without a prompt.
 * The Japanese file (check.ja.ts) has the same shape, enforced by its type.
 */
import type {ProblemText} from './en.js';
import {formatDay, formatTime} from './time.js';

const list = (items: readonly string[]): string => items.join(', ');

export const checkEn = () => ({
	tui: {
		title: 'Check a Bedrock key',
		key: (masked: string, kind: string) => `Key ${masked} (${kind})`,
		running: (count: number) => `${count} more check${count === 1 ? '' : 's'} running…`,
		tightenQuestion: "Apply the least-privilege policy above to the key's user? (y/n)",
		keys: 'ctrl+c stop',
		/** Access Analyzer's verdict on the proposal, in its own words (PASS or FAIL). */
		noNewAccess: (result: string) => `Access Analyzer CheckNoNewAccess: ${result}`,
	},
	keyShape: {
		empty: ['The API key is empty.', 'Paste the whole key (it starts with ABSK or bedrock-api-key-).'] as ProblemText,
		'inner-whitespace': [
			'The API key contains spaces or line breaks, so it was cut or wrapped when copied.',
			'Copy the key again in one piece; it has no spaces.',
		] as ProblemText,
		'presigned-url': [
			'That is the presigned URL inside a short-term API key, not the key itself.',
			'A short-term key is "bedrock-api-key-" followed by that URL in base64: use the key exactly as the token generator printed it.',
		] as ProblemText,
		'access-key-id': [
			'That is an access key ID (AKIA…/ASIA…), not a Bedrock API key.',
			'To check an access key, put it in a profile and pass --profile NAME; an API key starts with ABSK or bedrock-api-key-.',
		] as ProblemText,
		'secret-access-key': [
			'That looks like a secret access key, not a Bedrock API key.',
			'To check an access key, put it in a profile and pass --profile NAME; an API key starts with ABSK or bedrock-api-key-.',
		] as ProblemText,
		'unknown-prefix': [
			'That is not a Bedrock API key: it starts with neither ABSK (long-term) nor bedrock-api-key- (short-term).',
			'Check what you pasted; Bedrock answers such a value with "Invalid API Key format".',
		] as ProblemText,
		'short-term-unreadable': [
			'The short-term API key cannot be decoded (its base64 part is damaged or cut).',
			'Copy the whole key again, or make a new one.',
		] as ProblemText,
	},
	shortTermExpired: (expiresAt: string) =>
		[`This short-term API key expired at ${formatTime(expiresAt)}.`, 'Make a new one (short-term keys last at most 12 hours).'] as ProblemText,
	shortTermOtherRegion: (keyRegion: string, region: string) =>
		[
			`This short-term API key was made for ${keyRegion}, but the check is for ${region}: short-term keys work only in their own Region.`,
			`Check it with --region ${keyRegion}, or make a key for ${region}.`,
		] as ProblemText,
	cleanedKey: (what: readonly string[]) => `Removed ${list(what)} from the pasted key.`,
	/** Why a report is not one `check --report` can read, when it is valid JSON. */
	reportNoProbes: 'no probes with model, operation and expected',
	cleaned: {'env-prefix': 'the AWS_BEARER_TOKEN_BEDROCK= prefix', 'bearer-prefix': 'the "Bearer" header prefix', quotes: 'quotes'},
	keyOnArgv: [
		'--api-key is not accepted: a key on the command line is saved in your shell history and visible to every process on this machine (ps).',
		'Set AWS_BEARER_TOKEN_BEDROCK, pipe the key with --api-key-stdin, or run in a terminal to be asked for it (masked).',
	] as ProblemText,
	missingFlags: (flags: readonly string[]) =>
		[
			`Missing answers, and no prompt can ask for them here (no terminal, CI, --json or --no-input): ${list(flags)}.`,
			`Pass ${list(flags)} and run again.`,
		] as ProblemText,
	keySource: 'AWS_BEARER_TOKEN_BEDROCK (or --api-key-stdin, or --profile)',
	stdinEmpty: [
		'--api-key-stdin was given, but nothing came on standard input.',
		'Pipe the key in, e.g. `pass show bedrock-key | bedrock-key-wizard check --api-key-stdin`.',
	] as ProblemText,
	profileIsTemporary: (profile: string) =>
		[
			`The profile ${profile} gives temporary credentials (a role or SSO session), not a key user's access key.`,
			'Check a Bedrock API key, or the profile of the IAM user that holds the key.',
		] as ProblemText,
	reportUnreadable: (path: string, reason: string) =>
		[
			`${path} is not a bedrock-key-report.json this tool can read (${reason}).`,
			'Pass the report that create saved, or use --expect-allowed/--expect-denied.',
		] as ProblemText,
	promptKey: 'Bedrock API key (input hidden)',
	checking: (count: number, region: string) => `Checking the key with ${count} live call${count === 1 ? '' : 's'} in ${region}…`,
	discovering: (count: number, region: string) =>
		`No expectations given: trying the ${count} ACTIVE chat and embedding models of ${region}, one cheap call each…`,
	/** check with no expectations: one table of what the key can and cannot call, grouped. */
	discovery: {
		title: (allowed: number, tried: number, region: string) => `The key can call ${allowed} of the ${tried} models tried in ${region}:`,
		allowed: (count: number) => `Allowed (${count})`,
		iamRefused: (count: number) => `Refused by IAM (${count}): the key's policies do not allow them`,
		other: (count: number) => `Not usable for another reason (${count})`,
		/** One reason of the "other" group: our words, then AWS's own (quoted) when it said more. */
		reason: (reason: string, count: number, aws?: string) => `${reason} (${count})${aws ? ` AWS said: "${aws}"` : ''}`,
		none: 'none',
		/** The TUI's line while the models are tried. */
		progress: (done: number, total: number, allowed: number, refused: number, other: number) =>
			`Tried ${done} of ${total}: ${allowed} allowed, ${refused} refused by IAM, ${other} not usable for another reason…`,
	},
	/** AWS rejected the key itself: every call answered the same, before any model was considered. */
	keyRejected: (calls: number, reason: string, fix: string, aws?: string): ProblemText => [
		`AWS rejected the key itself, so no model could be checked (${calls === 1 ? 'the first call was' : `all ${calls} calls were`} answered the same): ${reason}${aws ? ` AWS said: "${aws}"` : ''}`,
		fix,
	],
	principal: (arn: string) => `The key belongs to ${arn}.`,
	principalUnknown:
		'Which IAM user holds the key could not be told: no call was refused with a message naming it. Pass --user-name with --admin-profile to inspect the user.',
	passed: 'Every expectation held: allowed calls answered, forbidden ones were denied.',
	failed: (models: readonly string[]) =>
		`The key does not behave as expected${models.length > 0 ? `; it can call forbidden ${models.length === 1 ? 'model' : 'models'} ${list(models)}` : ''}.`,
	user: {
		heading: (userName: string) => `IAM user ${userName}`,
		created: (date: string, days: number) => `made ${formatDay(date)} (${days} day${days === 1 ? '' : 's'} ago)`,
		managed: 'made by bedrock-key-wizard',
		notManaged: 'not made by bedrock-key-wizard',
		inline: (names: readonly string[]) => `inline policies: ${names.length > 0 ? list(names) : 'none'}`,
		attached: (names: readonly string[]) => `attached managed policies: ${names.length > 0 ? list(names) : 'none'}`,
		broad: (name: string) => `${name} lets this user call every model (and more): the key is not limited to what it needs.`,
		noGuardrail: 'No guardrail: no Deny limits InvokeModel to the chosen models, so any broad policy attached later widens the key.',
		apiKey: (id: string, status: string, ageDays: number | undefined, expiresAt: string | undefined) =>
			`API key ${id}: ${status}${ageDays !== undefined ? `, ${ageDays} day${ageDays === 1 ? '' : 's'} old` : ''}, ${expiresAt ? `expires ${formatDay(expiresAt)}` : 'never expires'}`,
		neverExpires: (id: string) => `API key ${id} never expires: set an expiry (create one with --expires-in-days and delete this one).`,
		accessKey: (id: string, status: string) => `access key ${id}: ${status}`,
		notFound: (userName: string) => `IAM user ${userName} was not found with the admin credentials.`,
	},
	tighten: {
		proposal: (models: readonly string[]) => `A least-privilege policy for what the key is expected to call (${list(models)}):`,
		detach: (name: string) => `would detach ${name}`,
		noNewAccess: (result: string): string =>
			result === 'PASS'
				? 'Access Analyzer CheckNoNewAccess: PASS — the new policy grants nothing the user does not already have.'
				: 'Access Analyzer CheckNoNewAccess: FAIL — the new policy would grant something the user does not have now.',
		noNewAccessUnavailable: 'Access Analyzer CheckNoNewAccess was not available to the admin credentials; the offline evaluator checked the policy instead.',
		notCompared: (names: readonly string[]) => `Not compared (their documents are not known to this tool): ${list(names)}.`,
		confirm: 'Apply the least-privilege policy to this user now?',
		hint: 'Run again with --tighten to apply it.',
		needsExpectations: 'To propose a least-privilege policy, say what the key should call: --expect-allowed or --report.',
		applied: (userName: string) => `Applied the least-privilege policy to ${userName}; checking again while IAM propagates…`,
		refusedBroader: 'Not applied: Access Analyzer says the new policy would grant new access.',
		managed: (names: readonly string[]) =>
			`It does not fit in an inline policy beside the user's others: it goes in the customer managed ${names.length === 1 ? 'policy' : 'policies'} ${list(names)}.`,
		rolledBack: (count: number) =>
			`Tightening failed part-way; its ${count} change${count === 1 ? ' was' : 's were'} undone, so the user holds what it held before.`,
		notUndone: (count: number) => `Tightening failed part-way, and ${count} of its changes could not be undone:`,
	},
	cleanup: {
		nothing: 'Nothing to clean up: no IAM user tagged bedrock-key-wizard:managed=true matches, and no policy of ours is left detached.',
		found: (count: number) => `${count} IAM user${count === 1 ? '' : 's'} made by bedrock-key-wizard:`,
		user: (userName: string, age: string, keys: string) => `${userName}  (${age})  ${keys}`,
		age: (days: number | undefined): string => (days === undefined ? 'age unknown' : `${days} day${days === 1 ? '' : 's'} old`),
		keys: (apiKeys: number, accessKeys: number, nextExpiry: string | undefined) =>
			`${apiKeys} API key${apiKeys === 1 ? '' : 's'}${nextExpiry ? ` (expires ${formatDay(nextExpiry)})` : ''}, ${accessKeys} access key${accessKeys === 1 ? '' : 's'}`,
		foundPolicies: (count: number) =>
			`${count} customer managed polic${count === 1 ? 'y' : 'ies'} made by bedrock-key-wizard, attached to nothing (left by a stopped run, or a user deleted by hand):`,
		policy: (name: string, age: string) => `${name}  (${age})`,
		policyDeleted: (arn: string) => `removed detached policy ${arn}`,
		dryRun: 'Dry run: nothing was deleted. Run again with --yes to delete these users and everything attached to them.',
		confirm: (users: number, policies: number) =>
			`Delete ${[
				users > 0 ? `${users} user${users === 1 ? '' : 's'} and their keys and policies` : '',
				policies > 0 ? `${policies} detached polic${policies === 1 ? 'y' : 'ies'}` : '',
			]
				.filter(Boolean)
				.join(' and ')}?`,
		deleting: (userName: string) => `Deleting ${userName}…`,
		step: (kind: string, id: string) => `removed ${kind} ${id}`,
		deleted: (count: number, policies: number) =>
			`Deleted ${count} user${count === 1 ? '' : 's'}${policies > 0 ? ` and ${policies} detached polic${policies === 1 ? 'y' : 'ies'}` : ''}.`,
		failed: (userName: string, message: string) => `Could not delete ${userName}: ${message}`,
		notManaged: (userName: string) =>
			[
				`IAM user ${userName} is not tagged bedrock-key-wizard:managed=true, so cleanup leaves it alone.`,
				'Delete users this tool did not make in the IAM console or with the AWS CLI.',
			] as ProblemText,
		badDuration: (value: string) => [`--older-than "${value}" is not a duration.`, 'Write a number and a unit: 30m, 12h, 7d or 2w.'] as ProblemText,
		cancelled: (deleted: number, total: number) =>
			[
				deleted === 0 ? 'Cancelled: nothing was deleted.' : `Cancelled after deleting ${deleted} of ${total} user${total === 1 ? '' : 's'}.`,
				'Run cleanup again to see (and delete) what is left; a user it had started on was finished first.',
			] as ProblemText,
	},
});
