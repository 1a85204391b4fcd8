/**
 * English messages: the source of truth for the message catalog's shape. Japanese (ja.ts) must provide
 * every key with the same signature, or the type-check fails. Japanese console terms follow the AWS console.
 */
import {checkEn} from './check.en.js';
import {clientsEn} from './clients.en.js';
import {problemsEn} from './problems.en.js';
import {questionsEn} from './questions.en.js';
import {quotaPlanEn} from './quota-plan.en.js';
import {runEn} from './run.en.js';
import {formatTime} from './time.js';
import {uiEn} from './ui.en.js';
import {workshopEn} from './workshop.en.js';
import {once} from '../once.js';

/** A problem's message and the fix to suggest. */
export type ProblemText = readonly [message: string, fix: string];

const list = (items: readonly string[]): string => items.join(', ');

/** The sizes of the policy as an inline and as a managed policy (core/policy/placement.ts). */
interface PlacementForms {
	readonly inline: {readonly size: number; readonly limit: number; readonly fits: boolean; readonly documents: number};
	readonly managed: {readonly size: number; readonly limit: number; readonly fits: boolean; readonly documents: number};
}
const tokenTypeName = (type: string): string => (type === 'LONG_TERM' ? 'long-term' : 'short-term');

/** A key an IAM user holds, as lists show it (never its secret). */
export interface KeyFacts {
	readonly type: 'api-key' | 'access-key';
	readonly id: string;
	readonly status: 'Active' | 'Inactive' | 'Expired';
	readonly createdAt?: string;
	readonly expiresAt?: string;
}

/** An ISO time to the minute, in the person's time zone, named: `2026-12-02 15:58 JST` (time.ts). */
export const minuteOf = (iso: string): string => formatTime(iso);
const keyTypeName = (type: KeyFacts['type'], count = 1): string =>
	type === 'api-key' ? `API key${count === 1 ? '' : 's'}` : `access key${count === 1 ? '' : 's'}`;
const keysWord = (count: number): string => `${count} key${count === 1 ? '' : 's'}`;
const keyLine = (key: KeyFacts): string =>
	`${keyTypeName(key.type)} ${key.id}: created ${key.createdAt ? minuteOf(key.createdAt) : '(unknown)'}, ${key.expiresAt ? `expires ${minuteOf(key.expiresAt)}` : key.type === 'api-key' ? 'never expires' : 'does not expire'}${key.status === 'Active' ? '' : ` (${key.status})`}`;

/**
 * The parts no command reads all of are made on first use: every command loads the whole English catalog,
 * and V8 compiles a function's words only when it first runs, so `policy` compiles none of the wizard's,
 * the workshop's or check's words (docs/contributing.md, 'The build').
 */
const parts = {
	ui: once(uiEn),
	workshop: once(workshopEn),
	quotaPlan: once(quotaPlanEn),
	run: once(runEn),
	questions: once(questionsEn),
	clients: once(clientsEn),
	check: once(checkEn),
};

export const en = {
	get ui() {
		return parts.ui();
	},
	get workshop() {
		return parts.workshop();
	},
	get quotaPlan() {
		return parts.quotaPlan();
	},
	problems: problemsEn,
	get run() {
		return parts.run();
	},
	get questions() {
		return parts.questions();
	},
	get clients() {
		return parts.clients();
	},
	policy: {
		explain: {
			apiKey: (tokenTypes: readonly string[]) =>
				`Lets ${tokenTypes.map(tokenTypeName).join(' and ')} API keys of this user sign in to Bedrock (bedrock:CallWithBearerToken). This action has no resource type, so IAM only matches it on "*"; the bedrock:bearerTokenType condition limits it to those kinds of key.`,
			invokeModels: (modelIds: readonly string[], streaming: boolean) =>
				`Lets the user call ${list(modelIds)} by model ID in this Region (InvokeModel and Converse${streaming ? ', and their streaming forms' : '; streaming is not allowed'}).`,
			invokeProfiles: (profileIds: readonly string[], streaming: boolean) =>
				`Lets the user call the inference profile${profileIds.length > 1 ? 's' : ''} ${list(profileIds)} (InvokeModel and Converse${streaming ? ', and their streaming forms' : '; streaming is not allowed'}).`,
			profileDestinations: (profileId: string, modelId: string, regions: readonly string[], regionless: boolean, form: 'any-region' | 'exact') =>
				`A call through ${profileId} is served by ${modelId} in one of its destination Regions (today ${regions.length}: ${list(regions)}), and IAM checks the model there too. ${
					form === 'any-region'
						? 'The Regions are written as one wildcard (arn:aws:bedrock:*::): when AWS adds a Region to the profile, the policy still covers it, and it grants nothing more, because the condition allows these model ARNs only through this profile. '
						: 'The Regions are listed one by one, exactly as today: if AWS adds a Region to the profile, calls routed there fail until the policy is made again (the default wildcard form does not have that problem). '
				}${regionless ? 'As a global profile it also needs the model ARN with no Region. ' : ''}Calling the model directly stays denied.`,
			profileModelsAnyRegion: (profileIds: readonly string[], modelIds: readonly string[]) =>
				`Calls through ${list(profileIds)} are served by ${list(modelIds)} in the profiles' destination Regions, and IAM checks the model there too. The Regions are written as one wildcard (arn:aws:bedrock:*::), which keeps working when AWS adds a Region, and to save space the profiles share one statement; the condition allows these models only through the chosen profiles: calling them directly stays denied.`,
			guardrail: () =>
				'Denies calling any other model or profile, even if a broad policy such as AmazonBedrockFullAccess is attached later. An explicit Deny always wins over an Allow. What it does not cover: work AWS does with a service role rather than as this user, such as agents, flows and batch inference jobs, and any role the user could pass to a service (iam:PassRole); keep the user without iam:PassRole and without permission to start those.',
			guardrailProfiles: (profileIds: readonly string[]) =>
				`Denies calling the models behind ${list(profileIds)} in any way other than through ${profileIds.length > 1 ? 'those profiles' : 'that profile'}, so a broad policy attached later cannot open them to direct calls.`,
			guardrailMantle: () =>
				'Denies every action of the Mantle endpoint (bedrock-mantle:*, including CreateInference and CallWithBearerToken). Bedrock API keys also work there, under a separate set of permissions, so without this a broad policy attached later (AmazonBedrockFullAccess grants bedrock-mantle:*) would let the key call any model through Mantle.',
			expiry: (expiresAt: string) =>
				`Denies every Bedrock call after ${formatTime(expiresAt)}, on both endpoints (bedrock:* and bedrock-mantle:*), whatever else is attached.`,
		},
		warning: {
			legacy: (id: string, name: string, date: string | undefined) =>
				`${name} (${id}) is a legacy model${date ? ` and reaches end of life on ${date}` : ''}. The policy allows it, but plan a move to a current model.`,
			endOfLife: (id: string, name: string, date: string | undefined) =>
				`${name} (${id}) has reached end of life${date ? ` (${date})` : ''}: Bedrock no longer serves it, so calls fail whatever the policy says.`,
			compacted: () =>
				"To stay within IAM's size limit, the profiles' destinations share one statement (and, where that was not enough, statement ids were left out and the invoke actions written as bedrock:InvokeModel*). What is allowed and denied is the same.",
		},
		problem: {
			unknownId: (id: string, suggestions: readonly string[]) =>
				[
					`"${id}" is not a model ID or inference profile ID this tool knows.`,
					suggestions.length > 0 ? `Did you mean: ${list(suggestions)}?` : "Check the ID in the Bedrock console's model catalog.",
				] as ProblemText,
			needsAccount: (id: string) =>
				[
					`"${id}" is an inference profile, and its ARN contains your AWS account ID.`,
					'Pass --account 123456789012 (your 12-digit account ID), or run with credentials so it can be looked up.',
				] as ProblemText,
			notInRegion: (id: string, region: string, regions: readonly string[]) =>
				[
					`${id} is not offered in ${region}.`,
					regions.length > 0 ? `Regions that have it: ${list(regions)}. Pass one of them with --region.` : 'No Region offers it any more.',
				] as ProblemText,
			needsProfile: (id: string, region: string, profileIds: readonly string[]) =>
				[
					`${id} cannot be called by its model ID in ${region}: it is only served through an inference profile.`,
					`Use a profile ID instead: ${list(profileIds)}.`,
				] as ProblemText,
			profileNotInRegion: (id: string, region: string, sourceRegions: readonly string[]) =>
				[
					`The inference profile ${id} cannot be called from ${region}.`,
					sourceRegions.length > 0 ? `It can be called from: ${list(sourceRegions)}.` : 'It has no source Region in the catalog.',
				] as ProblemText,
			several: (count: number) => `Fix these ${count} ids and run again.`,
			applicationProfileNeedsModel: (id: string) =>
				[
					`The application inference profile ${id} was given without the model it copies.`,
					'Write it as <profile ARN>=<model or profile ID>, e.g. arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc123=us.anthropic.claude-haiku-4-5-20251001-v1:0.',
				] as ProblemText,
		},
		matrix: {
			title: 'What this policy allows (checked by the offline IAM evaluator)',
			request: 'request',
			expected: 'expected',
			decision: 'decision',
			allowed: 'allowed',
			denied: 'denied',
			asExpected: 'as expected',
			unexpected: 'NOT as expected',
			apiKeyRow: (tokenType: string) => `API key (${tokenTypeName(tokenType)}) signs in`,
			callRow: (id: string, streaming: boolean) => `${streaming ? 'stream from' : 'call'} ${id}`,
			directRow: (modelId: string, region: string) => `call ${modelId} directly in ${region}`,
		},
		size: (size: number, limit: number) => `${size} of ${limit} characters`,
		/** Where the policy goes, as the policy command's text output heads it. */
		placement: (kind: 'inline' | 'managed', parts: number) =>
			kind === 'inline' ? 'an inline user policy' : parts === 1 ? 'a customer managed policy' : `${parts} customer managed policies`,
		/** One of several managed policies the policy was split into. */
		part: (name: string, index: number, count: number) => `Managed policy ${index + 1} of ${count}: ${name}`,
		managedWarning: (parts: number, size: number) =>
			parts === 1
				? `The policy needs ${size} characters, more than the 2,048 IAM allows in an inline user policy, so it is written as a customer managed policy (up to 6,144) to attach to the user.`
				: `The policy needs ${size} characters, more than one managed policy holds (6,144), so it is split into ${parts} customer managed policies to attach to the same user; IAM judges them together. A user may have 10 managed policies attached by default, counting any it already has.`,
		heading: {
			policy: 'Policy',
			explanation: 'What each statement does',
			warnings: 'Warnings',
		},
	},
	verify: {
		finding: {
			allowed: ['The model answered.', ''] as ProblemText,
			'iam-denied': [
				"IAM refused the call: no statement of the key's policies allows it, or a Deny matched.",
				'If this model should be allowed, check the policy lists its ARN (and, through a profile, every destination Region); right after a change, wait for IAM to propagate.',
			] as ProblemText,
			'bearer-denied': [
				'The API key was refused before any model was tried: bedrock:CallWithBearerToken is not allowed.',
				'Allow bedrock:CallWithBearerToken on "Resource": "*" (it has no resource type; listing model ARNs never matches it).',
			] as ProblemText,
			'invalid-key': [
				'The key was not accepted (unknown, deleted, inactive or expired, or not an API key at all). Its shape was checked first, so with a well-formed key AWS may also mean that bedrock:CallWithBearerToken is denied to its user: it answers "Invalid API Key format" for both.',
				'Check you pasted the whole key; a new key can take a minute to work. Make a new key if it was deleted or has expired; otherwise check the user\'s policies allow bedrock:CallWithBearerToken on "*".',
			] as ProblemText,
			'region-mismatch': [
				'The key does not work in this Region (short-term keys are bound to the Region they were made for).',
				'Use the key in its own Region, or make a new key for this one.',
			] as ProblemText,
			marketplace: [
				'Bedrock refused the model because its AWS Marketplace subscription is missing, and the key may not subscribe.',
				'Have an admin subscribe once (the wizard can create the model agreement with your credentials) rather than giving the key Marketplace permissions.',
			] as ProblemText,
			'org-denied': [
				"Refused by the organisation's guardrails (a service or resource control policy, or a permissions boundary), not by the key's policy.",
				"No change to the key can fix it: ask the organisation's admin.",
			] as ProblemText,
			'legacy-unused': [
				'AWS marks this model Legacy and serves it only to accounts that used it recently; this account has not.',
				'Choose an active model (the wizard lists them); a Legacy model cannot be brought back for this account.',
			] as ProblemText,
			'use-case-form': [
				'Anthropic models need a one-time use-case form for the account.',
				'Submit it once in the Bedrock console (model catalog → the Anthropic model), then check again.',
			] as ProblemText,
			'needs-profile': [
				'This model cannot be called by its model ID here; it is only served through an inference profile.',
				'Call it through an inference profile ID (for example us.… or global.…) and allow that profile in the policy.',
			] as ProblemText,
			'end-of-life': ['This model has reached end of life; Bedrock no longer serves it.', 'Choose a current model.'] as ProblemText,
			'invalid-model': ['Bedrock does not know this model ID in this Region.', 'Check the ID and the Region.'] as ProblemText,
			throttled: ['Bedrock throttled the call.', 'Wait a little and check again; ask for a quota increase if it persists.'] as ProblemText,
			'server-error': ['Bedrock failed with a server error.', 'Check again in a moment.'] as ProblemText,
			network: ['The call did not reach Bedrock (network).', 'Check the connection, proxy and --endpoint-url.'] as ProblemText,
			other: ['The call failed for a reason this tool does not recognise.', 'Run with --debug to see the full error.'] as ProblemText,
		},
		/**
		 * A refusal by a guardrail above the key's policy. `explicit`: a Deny matched ("with an explicit deny in a
		 * …", it must be lifted); otherwise the guardrail has no Allow for the call ("because no … allows", one
		 * must be added). A permissions boundary is the account's (on the key's user); the others the organisation's.
		 */
		organisationDenied: (guardrail: string, action: string, region: string, viaProfile: boolean, explicit: boolean): ProblemText => {
			const where = region === 'unspecified' ? 'the Region "unspecified" (how IAM sees a global profile\'s region-less model)' : region;
			const regions = viaProfile
				? `in every destination Region of the inference profile${region === 'unspecified' ? ' (and the "unspecified" Region of global profiles)' : ` (${region} among them)`}`
				: `in ${region}`;
			const owner = guardrail === 'permissions boundary' ? "the key's IAM user" : 'your organisation or account';
			const why = explicit
				? `with an explicit deny in a ${guardrail} of ${owner}, not by the key's policy`
				: `because no ${guardrail} of ${owner} allows it, not by the key's policy (a ${guardrail} grants nothing by itself, but refuses what it does not allow)`;
			const instead = viaProfile ? 'or choose a profile (or an on-demand model) whose Regions are allowed.' : `or use a Region the ${guardrail} allows.`;
			return [
				`${action} in ${where} was refused ${why}: retrying or widening the key cannot help.`,
				guardrail === 'permissions boundary'
					? explicit
						? `Ask the account's admin to lift the Deny of ${action} ${regions} in the permissions boundary of the key's user, or to remove that boundary from the user; ${instead}`
						: `Ask the account's admin to add ${action} ${regions} to the permissions boundary of the key's user, or to remove that boundary from the user; ${instead}`
					: explicit
						? `Ask the organisation's admin to allow ${action} ${regions} (lift the Deny in the ${guardrail}), ${instead}`
						: `Ask the organisation's admin to add an Allow for ${action} ${regions} to the ${guardrail.replace(/policy$/, 'policies')} over this account (every level of the organisation must allow it), ${instead}`,
			];
		},
		marketplacePayment: [
			"Bedrock refused the model because the account's AWS Marketplace subscription to it failed: AWS has no valid payment method for the account (INVALID_PAYMENT_INSTRUMENT). The key's policy is not the cause.",
			'Add or fix the payment method in the Billing and Cost Management console (Payment preferences), then check again; AWS asks to wait a few minutes after the fix.',
		] as ProblemText,
		deniedOther: [
			'IAM refused something other than this call on this model (another action or resource), which does not prove the model is forbidden.',
			'Run with --debug to see the refusal; check the key is the one this policy belongs to.',
		] as ProblemText,
		notJudged: [
			'Not tried: no allowed call succeeded, so a refusal here would prove nothing.',
			'Fix the allowed calls first, then check again.',
		] as ProblemText,
		unexpectedAllow: (target: string) =>
			[
				`The key can call ${target}, which it must not.`,
				'Look for a broad policy on the user (AmazonBedrockLimitedAccess, AmazonBedrockFullAccess), a group, or a permissions boundary missing; the guardrail Deny prevents this when it is on.',
			] as ProblemText,
	},
	get check() {
		return parts.check();
	},
	create: {
		step: {
			'submit-use-case-form': () => "Submit Anthropic's use-case form for the account (your answers, with your credentials)",
			'subscribe-model': (detail: string) => `Subscribe the account to ${detail} in AWS Marketplace (your credentials; the key gets no Marketplace permission)`,
			'create-user': (detail: string) => `Create IAM user ${detail}`,
			'put-policy': (detail: string) => `Put inline policy ${detail}`,
			'create-managed-policy': (detail: string) => `Create customer managed policy ${detail}`,
			'prune-policy-version': (detail: string) => `Delete the oldest version of managed policy ${detail} (IAM keeps 5)`,
			'create-policy-version': (detail: string) => `Make a new default version of managed policy ${detail}`,
			'attach-managed-policy': (detail: string) => `Attach managed policy ${detail}`,
			'delete-inline-policy': (detail: string) => `Delete inline policy ${detail} (the policy is managed now)`,
			'delete-stale-managed-policy': (detail: string) => `Delete managed policy ${detail} (the policy is inline now; the new key works and is saved)`,
			'detach-managed-policy': (detail: string) => `Detach managed policy ${detail}`,
			'delete-old-key': (detail: string) => `Delete old key ${detail} (to make room under IAM's limit of 2)`,
			'create-api-key': () => 'Create a long-term API key',
			'create-access-key': () => 'Create an access key',
			'mint-short-term-key': () => 'Make a short-term API key (signed with the new access key)',
			'retire-old-key': (detail: string) => `Delete old key ${detail} (the new key works and is saved)`,
		},
		rollbackEntry: (kind: string, detail: string) => `Undo: ${kind} ${detail}`,
		rolledBack: (count: number) => `Rolled back ${count} change${count === 1 ? '' : 's'}: nothing this run made is left.`,
		rollbackFailed: (count: number) =>
			`${count} change${count === 1 ? '' : 's'} could not be undone; remove ${count === 1 ? 'it' : 'them'} by hand (or run cleanup):`,
		/** The files a rolled-back run had written: deleted, or the earlier file put back (flows/create/written-files.ts). */
		filesUndone: {
			removed: (paths: readonly string[]) => `Deleted the file${paths.length === 1 ? '' : 's'} this run wrote: ${paths.join(', ')}`,
			restored: (path: string) => `Put ${path} back as it was before this run.`,
			failed: (path: string, message: string) => `Could not delete or put back ${path} (${message}): it holds what this run wrote; delete it by hand.`,
		},
		/** The end of a cancelled run that made nothing. */
		nothingMade: 'Nothing was made in AWS.',
		/** What a rollback does not take back: the account's own agreements, made for the chosen models before anything of the key. */
		notUndone: {
			rolledBack: (count: number) => `Rolled back ${count} change${count === 1 ? '' : 's'} in IAM: nothing of the key is left.`,
			subscriptions: (models: readonly string[]) =>
				`The AWS Marketplace subscription${models.length === 1 ? '' : 's'} to ${list(models)} ${models.length === 1 ? 'stays: it is' : 'stay: they are'} the account's (made before the key) and not undone.`,
			useCaseForm: "Anthropic's use-case form stays submitted: it is the account's (sent before the key) and not undone.",
		},
		/** The end of a failed or cancelled run that kept what it made (--keep-on-failure, or kept when quitting). */
		keptChanges: (count: number) =>
			`Kept the ${count} change${count === 1 ? '' : 's'} this run made (not rolled back); remove ${count === 1 ? 'it' : 'them'} by hand (or run cleanup) when no longer needed:`,
		/** Where the key lives, when it is not AWS (the report's target). */
		target: {
			sandbox: (endpoint: string) =>
				`This key exists only in the built-in sandbox (${endpoint}): it works while the wizard runs, and the sandbox and the key are gone when it exits. The snippets below call the sandbox.`,
			endpoint: (endpoint: string) => `This key was made at ${endpoint} (--endpoint-url), not in AWS; the snippets below call it there.`,
		},
		useCaseForm: {
			missingLine: "Anthropic's one-time use-case form has not been submitted for this account: Anthropic models refuse every call until it is.",
			missing: (model: string) =>
				[
					`Anthropic's use-case form has not been submitted for this account, so a key for ${model} could not work yet. Nothing was made.`,
					'Submit it once in the Bedrock console (Model catalog → any Anthropic model → submit use case details), or pass --use-case-form FILE with a JSON object of companyName, companyWebsite, intendedUsers, industryOption, otherIndustryOption and useCases; then run again (run in a terminal without --json or --no-input, the wizard asks for the form instead).',
				] as ProblemText,
			badFile: (path: string, why: string) =>
				[
					`--use-case-form ${path}: ${why}`,
					'Give a JSON object with the strings companyName, companyWebsite, intendedUsers, industryOption, otherIndustryOption and useCases.',
				] as ProblemText,
		},
		subscription: {
			/** In the Review: what the account's Marketplace agreements are for the chosen models. */
			needed: (models: readonly string[]) =>
				`AWS Marketplace: the account is not subscribed to ${list(models)}. Calls to ${models.length === 1 ? 'it' : 'them'} fail until it is; you subscribe the account once, with your credentials (the key gets no Marketplace permission).`,
			pending: (models: readonly string[]) =>
				`AWS Marketplace: the subscription to ${list(models)} is still being set up by AWS; the wizard waits for it before checking the key.`,
			failedBefore: (modelId: string, message: string) => `AWS Marketplace: the last subscription to ${modelId} failed: ${message}`,
			waiting: (seconds: number, models: readonly string[]) =>
				`Waiting for AWS Marketplace to make ${list(models)} available to the account (${seconds}s so far; AWS says 2 to 15 minutes; this is not IAM propagation)…`,
			available: (seconds: number) => `AWS Marketplace: every chosen model is available to the account (after ${seconds}s).`,
			declined: (models: readonly string[]) =>
				[
					`Not subscribed: ${list(models)} ${models.length === 1 ? 'needs' : 'need'} an AWS Marketplace subscription for this account, so a key for ${models.length === 1 ? 'it' : 'them'} could not work. Nothing was made.`,
					'Pass --subscribe (or --yes) to subscribe the account with your credentials, or choose other models.',
				] as ProblemText,
			failed: (modelId: string, status: string, message: string | undefined) =>
				[
					`AWS Marketplace did not make ${modelId} available to the account (${status}${message ? `: ${message}` : ''}). Nothing was made.`,
					'Check the account can subscribe (payment method, AWS Marketplace permissions, an organisation policy), then run again.',
				] as ProblemText,
			timedOut: (models: readonly string[], seconds: number) =>
				[
					`AWS Marketplace has not made ${list(models)} available after ${seconds}s. Nothing was made; the subscription itself goes on.`,
					'Run the same command again in a few minutes, or wait longer with --subscription-timeout.',
				] as ProblemText,
		},
		review: (userName: string, models: readonly string[], region: string) => `Key for IAM user ${userName}: ${list(models)} in ${region}`,
		existingUser: (userName: string) => `IAM user ${userName} already exists: its inline policy "bedrock-key-wizard" will be replaced.`,
		existingUserManaged: (userName: string) =>
			`IAM user ${userName} already exists: this tool's managed policy is attached to it (its other inline policies stay as they are).`,
		existingUserNeedsYes: (userName: string) =>
			[
				`IAM user ${userName} already exists, and changing it needs your confirmation.`,
				'Run again with --yes to update it (the review above shows what changes), or pick a new --user-name.',
			] as ProblemText,
		heldKeys: {
			title: (userName: string, count: number) => `IAM user ${userName} already holds ${keysWord(count)}:`,
			key: keyLine,
			staysValid: (count: number) =>
				`${count === 1 ? 'It stays' : 'They stay'} valid until deleted or expired, even if nobody holds the secret (a run stopped before it saved leaves such a key). Pass --replace-keys to delete ${count === 1 ? 'it' : 'them'} once the new key works.`,
			willDelete: (count: number) => `${count === 1 ? 'It' : 'They'} will be deleted once the new key has passed its checks and is saved (--replace-keys).`,
			makeRoom: (ids: readonly string[]) =>
				`IAM allows 2 per user, so ${list(ids)} will be deleted just before the new key is made; a deleted key cannot be restored, even if the run then fails.`,
			atLimit: (userName: string, type: KeyFacts['type'], keys: readonly KeyFacts[], withYes = false) =>
				[
					`IAM user ${userName} already holds ${keys.length} ${keyTypeName(type, keys.length)}, IAM's limit per user, so a new one cannot be made: ${keys.map(keyLine).join('; ')}. Nothing was changed.`,
					`Run again with ${withYes ? '--replace-keys --yes' : '--replace-keys'} to delete them (only as many as needed go before the new key is made, the rest once it works), or choose another --user-name.`,
				] as ProblemText,
			listRefused: (userName: string, errorName: string) =>
				`Could not list the keys IAM user ${userName} already holds (${errorName}): any it holds stay valid.`,
			listRefusedReplacing: (userName: string, errorName: string) =>
				[
					`Your credentials may not list the keys IAM user ${userName} holds (${errorName}), so they cannot be replaced. Nothing was changed.`,
					'Allow iam:ListServiceSpecificCredentials and iam:ListAccessKeys on the user, or run without --replace-keys.',
				] as ProblemText,
			deleted: (key: KeyFacts) => `Deleted old ${keyTypeName(key.type)} ${key.id}`,
			deleteFailed: (key: KeyFacts, error: string) => `Could not delete old ${keyTypeName(key.type)} ${key.id}: ${error}`,
			deleteFailedFix: (userName: string) =>
				`The new key works and is saved. Delete the old keys by hand: aws iam delete-service-specific-credential --user-name ${userName} --service-specific-credential-id ID (an API key), aws iam delete-access-key --user-name ${userName} --access-key-id ID (an access key).`,
			keptUnverified: (count: number) =>
				`The new key did not pass its checks, so the ${keysWord(count)} the user held before ${count === 1 ? 'was' : 'were'} kept.`,
			stillHeld: (userName: string, count: number) => `IAM user ${userName} still holds ${keysWord(count)} from before, each valid until deleted or expired:`,
			lost: (ids: readonly string[]) => `Deleted before the failure to make room, and cannot be restored: ${list(ids)}.`,
			declinedAtLimit: 'Nothing was changed: a new key cannot be made while the user holds as many as IAM allows.',
		},
		/** The end of a run: how long its keys live. */
		lifetime: {
			shortTermExpires: (iso: string) =>
				`The short-term key stops working at ${formatTime(iso)} (${iso.replace(/\.\d{3}Z$/, 'Z')} UTC); make another with the access key in .env.`,
			accessKeyPermanent: (id: string, userName: string, signsShortTerm: boolean) =>
				`The access key ${id}${signsShortTerm ? ' (it signs the short-term keys)' : ''} is permanent until deleted: when it is no longer needed, aws iam delete-access-key --user-name ${userName} --access-key-id ${id}`,
		},
		/** The Review's list of the files to be written. */
		files: {
			heading: 'Files it will write:',
			env: (path: string) => `${path} (mode 0600: the key)`,
			exists: '(already there)',
			replaces: '(replaces the file there; a .env is kept aside as .env.<time>.bak first)',
			besides: (path: string) => `(beside ${path}, which stays as it is)`,
			existing: (paths: readonly string[]) =>
				`Already there: ${paths.join(', ')}. Nothing is overwritten without asking: new names, overwrite, or cancel before anything is made.`,
			gitUnignored: (path: string) => `${path} would be inside a git work tree that does not ignore it: a key there could be committed.`,
			/** Claude Code's .claude/settings.local.json without the key, not ignored by git. */
			localUnignored: (path: string) =>
				`${path} would be inside a git work tree that does not ignore it; by Claude Code's convention this file stays out of git (Claude Code adds it to git's ignore list only when it makes the file itself).`,
			/** The user's Claude Code settings, already there: merged. */
			merged: '(merged: its other settings kept, a copy kept aside first)',
			created: '(new)',
			secret: '(mode 0600: the key)',
			gitIgnored: '(git ignores it)',
		},
		/** Headless: files already in --out-dir and no --yes. */
		existingNeedYes: (paths: readonly string[]) =>
			[
				`${paths.join(', ')} already ${paths.length === 1 ? 'exists' : 'exist'} and would be overwritten.`,
				'Pass --out-dir to save elsewhere, or --yes to overwrite (a .env is kept aside as .env.<time>.bak first).',
			] as ProblemText,
		savedUnderNewNames: (paths: readonly string[]) => `Saved under new names, beside the files that were there: ${paths.join(', ')}.`,
		gitignoreAdded: (line: string, gitignore: string) => `Added ${line} to ${gitignore}: git will not pick up the key file.`,
		envKeptAside: (path: string, kept: string) => `${path} already existed: its contents are kept in ${kept} (mode unchanged); copy back what you need.`,
		willDetach: (name: string) => `Will detach ${name} (it allows every model).`,
		keeps: (name: string) => `Keeps ${name} attached.`,
		placedInline: (size: number, budget: number) =>
			budget < 2048
				? `Inline policy bedrock-key-wizard: ${size} of ${budget} characters (the user's other inline policies take the rest of IAM's 2,048).`
				: `Inline policy bedrock-key-wizard: ${size} of 2,048 characters.`,
		placedManaged: (names: readonly string[], size: number) =>
			`Customer managed ${names.length === 1 ? 'policy' : 'policies'} ${list(names)} under /bedrock-key-wizard/, attached to the user: ${size} characters (IAM allows 6,144 in each).`,
		/** Both forms' sizes, whichever was chosen, so the choice can be understood. */
		placementForms: (forms: PlacementForms, chosen: 'inline' | 'managed') => {
			const one = (name: string, form: PlacementForms['inline'], kind: 'inline' | 'managed'): string =>
				`${name} ${form.size.toLocaleString('en')}/${form.limit.toLocaleString('en')}${form.documents > 1 ? ` in ${form.documents} policies` : ''}${form.fits ? '' : ' (too large)'}${kind === chosen ? ' ◂ chosen' : ''}`;
			return `Characters in each form: ${one('inline', forms.inline, 'inline')} · ${one('managed', forms.managed, 'managed')}`;
		},
		managedPolicyUpdated: (name: string) => `${name} exists from an earlier run: it gets a new default version (the oldest are pruned to stay within IAM's 5).`,
		willDeleteInline: 'The inline policy bedrock-key-wizard from an earlier run is deleted (the managed policy replaces it).',
		willDetachStale: (name: string) => `Will detach ${name}, this tool's managed policy from an earlier run (the inline policy replaces it).`,
		policyChanged: 'The inline policy changes (old → new shown in policy.json).',
		policyUnchanged: 'The inline policy stays the same.',
		waiting: (seconds: number, pending: number) =>
			`Waiting for IAM to propagate the new key and policy (${seconds}s so far, ${pending} call${pending === 1 ? '' : 's'} to retry)…`,
		verified: (passed: number, total: number, seconds: string) => `${passed} of ${total} checks passed in ${seconds}s.`,
		works: 'The key calls exactly the chosen models: allowed ones answered, forbidden ones were denied.',
		doesNotWork: 'The key does not behave as intended: see the failed checks above.',
		saved: 'Saved',
		secretFile: (path: string) => `${path} (mode 0600: holds the key; it is shown nowhere else)`,
		usage: 'Use it',
		notices: 'Notices',
		table: {model: 'model / profile', call: 'call', auth: 'auth', expected: 'expected', outcome: 'outcome', latency: 'ms'},
		defaultModels: (models: readonly string[]) => `No --models given: using the starter pair ${list(models)} (one chat model + one embedding model).`,
	},
};

export type Messages = typeof en;
