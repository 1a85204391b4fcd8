/**
 * The words of Problems raised where no other catalog has them: bad flags, AWS failures nobody worked
 * around, a run that stopped, the workshop's and the policy compiler's own checks. Each is a message and
 * a fix (ProblemText); Japanese (problems.ja.ts) has the same shape, enforced by its type.
 */
import type {ProblemText} from './en.js';
import type {GuardrailRefusal} from '../aws-failure.js';

const list = (items: readonly string[]): string => items.join(', ');
const EXAMPLE_UNTIL = '2026-11-20T18:00:00+09:00';

export const problemsEn = {
	run: {
		cancelled: (): ProblemText => ['Cancelled.', ''],
		cancelledApplying: (): ProblemText => ['Cancelled while applying.', ''],
		cancelledVerifying: (): ProblemText => ['Cancelled during verification.', ''],
		cancelledChecking: (): ProblemText => ['Cancelled during the check.', ''],
		wizardStopped: (): ProblemText => ['The wizard stopped without finishing.', ''],
		checkStopped: (): ProblemText => ['The check stopped without a result.', ''],
		/** A bug, or a failure nothing recognised: its own words, for the report. */
		internal: (message: string): ProblemText => [message, 'Run again with --debug, and report it if it persists.'],
		unexpected: (message: string): ProblemText => [`Unexpected failure: ${message}`, 'Run again with --debug for details, and report it if it persists.'],
		adminReadFix: 'Check the admin credentials have IAM read access (and Access Analyzer for the comparison).',
	},
	aws: {
		noCredentials: (): ProblemText => [
			'No AWS credentials were found (no profile, environment variables, SSO session or instance role).',
			'Sign in first: `aws sso login --profile NAME` (or `aws login`) and pass --profile NAME, run it in AWS CloudShell, or practise without an account with --sandbox.',
		],
		clockSkew: (operation: string, message: string): ProblemText => [
			`AWS refused ${operation} because this computer's clock is more than 15 minutes off: ${message}`,
			'Set the clock right (turn on automatic time: `sudo timedatectl set-ntp true` on Linux, Date & Time settings on macOS or Windows) and run again.',
		],
		credentialsRejected: (operation: string, message: string): ProblemText => [
			`AWS did not accept your credentials for ${operation}: ${message}`,
			'Sign in again (aws sso login / aws login), pick a profile with --profile, or practise with --sandbox.',
		],
		unreachable: (operation: string, message: string): ProblemText => [
			`Could not reach AWS for ${operation}: ${message}`,
			'Check the network, proxy settings and --endpoint-url.',
		],
		serverError: (operation: string, code: string, message: string): ProblemText => [
			`AWS failed ${operation} with a server error: ${code}: ${message}`,
			"The failure is on AWS's side, not in your permissions: run the same command again in a few minutes.",
		],
		refused: (operation: string, code: string, message: string, fix?: string): ProblemText => [
			`AWS refused ${operation}: ${code}: ${message}`,
			fix ?? 'Ask an administrator for this permission, or use credentials that have it.',
		],
		/**
		 * The fix of a refusal by a guardrail above the caller's own policies, as AWS's message names it
		 * (`explicit`: "with an explicit deny in a …", else "because no … allows").
		 */
		guardrailFix: (guardrail: GuardrailRefusal, explicit: boolean): string =>
			guardrail === 'permissions-boundary'
				? explicit
					? "A Deny in the permissions boundary on your user refused it, not your own policies: ask the account's admin to lift it or to remove the boundary from your user."
					: "The permissions boundary on your user does not allow it (a boundary grants nothing, it caps what your policies allow): ask the account's admin to add this call to it or to remove it from your user; adding to your own policies cannot help."
				: guardrail === 'session-policy'
					? 'The session policy your credentials were issued with does not allow it: sign in again without it, or with one that allows this call.'
					: `${explicit ? 'A Deny in a' : 'No'} ${guardrail === 'service-control-policy' ? 'service control policy' : 'resource control policy'} of your organisation ${explicit ? 'refused it' : 'allows it'}: ask the organisation's admin to allow it; nothing in your account's policies can.`,
		/** What `refused` names when no single operation is known. */
		someCall: 'a call this command needed',
		/** The fix of a 4xx that no permission would help (a quota, a conflict, a bad request). */
		fixTheCause: 'Fix the cause and run again.',
		profileNoCredentials: (profile: string, message: string): ProblemText => [
			`The profile "${profile}" gave no credentials: ${message}`,
			'Check the profile name (aws configure list-profiles), or sign in to it (aws sso login --profile NAME).',
		],
		managedPolicyNotOurs: (arn: string): ProblemText => [
			`A managed policy ${arn} exists but was not made by this tool (it lacks the tag bedrock-key-wizard:managed=true), so it is left alone.`,
			'Delete or rename that policy, choose another --user-name, or pass --policy-type inline.',
		],
		preflightMissing: (arn: string, actions: readonly string[], userArn: string): ProblemText => [
			`Your credentials (${arn}) may not make ${actions.length} of the AWS calls this needs: ${list(actions)}.`,
			`Ask an administrator to allow them (the IAM ones on ${userArn}; nothing was changed), or use credentials that have them.`,
		],
		/**
		 * IAM's LimitExceeded when create makes the key, although the review counted room for it: the user holds
		 * IAM's 2 keys of that type (`ids`: those it holds now, when they could be listed; `aws`: AWS's words).
		 */
		keyLimitReached: (userName: string, type: 'api-key' | 'access-key', ids: readonly string[], aws: string): ProblemText => [
			`IAM refused the new ${type === 'api-key' ? 'API key' : 'access key'} (${aws}): IAM user ${userName} already holds 2 ${type === 'api-key' ? 'API keys' : 'access keys'}, IAM's limit per user${ids.length > 0 ? ` (${list(ids)})` : ''}. One was made after this run counted them, by someone else or another run.`,
			`Run again with --replace-keys (old keys are deleted to make room, the rest once the new key works), or delete one you no longer need first: ${
				type === 'api-key'
					? `aws iam delete-service-specific-credential --user-name ${userName} --service-specific-credential-id ID`
					: `aws iam delete-access-key --user-name ${userName} --access-key-id ID`
			} (or in the IAM console, the user's Security credentials tab).`,
		],
		/**
		 * The pre-flight's refusal where the simulator says a guardrail refused (PermissionsBoundaryDecisionDetail,
		 * OrganizationsDecisionDetail): `boundary` and `organisation` are the calls each does not allow; `own` the
		 * rest, refused by the operator's own policies.
		 */
		preflightGuardrail: (
			arn: string,
			refused: {readonly boundary: readonly string[]; readonly organisation: readonly string[]; readonly own: readonly string[]},
			userArn: string,
		): ProblemText => [
			[
				`Your credentials (${arn}) may not make ${refused.boundary.length + refused.organisation.length + refused.own.length} of the AWS calls this needs, held back by a guardrail above your own policies:`,
				...(refused.boundary.length > 0 ? [`the permissions boundary on your user does not allow ${list(refused.boundary)};`] : []),
				...(refused.organisation.length > 0 ? [`a service control policy of your organisation does not allow ${list(refused.organisation)};`] : []),
				...(refused.own.length > 0 ? [`your own policies do not allow ${list(refused.own)};`] : []),
				'adding to your own policies cannot lift a guardrail.',
			].join(' '),
			[
				...(refused.boundary.length > 0
					? ["Ask the account's admin to add these calls to your permissions boundary, or to remove the boundary from your user."]
					: []),
				...(refused.organisation.length > 0 ? ["Ask the organisation's admin to allow them in its service control policies."] : []),
				`(The IAM calls are on ${userArn}; nothing was changed.) Or use credentials these guardrails allow.`,
			].join(' '),
		],
	},
	flags: {
		notRegionName: (region: string): ProblemText => [`"${region}" is not an AWS Region name.`, 'Pass one like --region us-west-2 or --region ap-northeast-1.'],
		noRegion: (): ProblemText => ['No Region was given.', 'Pass --region (e.g. --region us-west-2), or set AWS_REGION.'],
		sandboxWithEndpoint: (): ProblemText => [
			'--sandbox and --endpoint-url cannot be used together.',
			'Use --sandbox for the built-in sandbox, or --endpoint-url for one already running.',
		],
		policyNoRegion: (): ProblemText => ['No Region was given.', 'Pass --region, e.g. --region us-west-2 (or set AWS_REGION).'],
		policyRegion: (region: string, regions: readonly string[]): ProblemText => [
			`"${region}" is not a Region where Bedrock is offered.`,
			`Use one of: ${list(regions)}.`,
		],
		account: (value: string): ProblemText => [
			`--account "${value}" is not a 12-digit AWS account ID.`,
			'Pass the account ID shown at the top right of the AWS console, digits only.',
		],
		positive: (flag: string, value: string, integer: boolean, example: number): ProblemText => [
			`${flag} "${value}" is not a ${integer ? 'whole ' : ''}number above 0.`,
			`Pass e.g. ${flag} ${example}.`,
		],
		wholeNumber: (flag: string, min: number, max: number, value: string, example: string): ProblemText => [
			`${flag} must be a whole number from ${min} to ${max}, got "${value}".`,
			`For example: ${flag} ${example}.`,
		],
	},
	sandbox: {
		state: (message: string): ProblemText => [message, 'Fix or remove the file, or pass another --state path.'],
		faults: (message: string): ProblemText => [`BKW_SANDBOX_FAULTS: ${message}`, 'Use operation:kind:times[:latencyMs], e.g. Converse:throttle:2.'],
		orgPolicy: (message: string): ProblemText => [
			`--org-policy: ${message}`,
			'Give a readable file holding one IAM policy document (JSON), as for a service control policy.',
		],
		legacyInUse: (message: string): ProblemText => [
			`--legacy-in-use: ${message}`,
			'Pass all, or the ids of LEGACY models separated by commas, e.g. --legacy-in-use anthropic.claude-3-haiku-20240307-v1:0.',
		],
		portInUse: (port: number, host: string): ProblemText => [
			`Port ${port} on ${host} is already in use.`,
			'Stop whatever uses it, choose another --port, or leave --port out to get a free one.',
		],
		host: (host: string): ProblemText => [
			`--host ${host} is not an IP address of this machine.`,
			'Give one of its addresses (such as 192.168.1.20), or 0.0.0.0 for every one; leave --host out to stay on 127.0.0.1.',
		],
	},
	workshop: {
		noEventName: (): ProblemText => ['No event name was given.', 'Pass --name, e.g. --name tokyo-summit-2026.'],
		eventName: (name: string): ProblemText => [
			`The event name "${name}" cannot be used.`,
			'Use 1 to 128 letters, digits, spaces and _ . : / = + - @ characters, e.g. --name "tokyo-summit-2026".',
		],
		noSeats: (): ProblemText => ['The number of seats was not given.', 'Pass --seats, e.g. --seats 30.'],
		seats: (value: string, max: number): ProblemText => [`--seats "${value}" is not a whole number from 1 to ${max}.`, 'Pass e.g. --seats 30.'],
		noModels: (): ProblemText => [
			'No models were chosen.',
			'Pass --models with model or inference profile ids, e.g. --models us.anthropic.claude-haiku-4-5-20251001-v1:0,amazon.titan-embed-text-v2:0.',
		],
		expiryBoth: (): ProblemText => [
			'--expires-in-days and --until were both given.',
			'Pass one of them: --until for the end of the class, or --expires-in-days.',
		],
		expiresInDays: (value: string, max: number): ProblemText => [
			`--expires-in-days "${value}" is not a whole number of days from 1 to ${max}.`,
			`Pass e.g. --expires-in-days 1, or --until ${EXAMPLE_UNTIL}.`,
		],
		noEnd: (): ProblemText => [
			'A workshop key needs an end: none was given.',
			`Pass --until with the end of the class (e.g. --until ${EXAMPLE_UNTIL}), or --expires-in-days 1.`,
		],
		untilPast: (until: string): ProblemText => [`--until "${until}" is in the past.`, `Give a time after now, with its offset, e.g. --until ${EXAMPLE_UNTIL}.`],
		alreadyStopped: (days: string): ProblemText => [
			`The workshop's keys already stopped working (${days} days after it was created).`,
			`Give a time after now, with its offset, e.g. --until ${EXAMPLE_UNTIL}.`,
		],
		untilTooFar: (until: string, max: number): ProblemText => [`--until "${until}" is more than ${max} days away.`, 'Give an end within 100 years.'],
		untilUnreadable: (text: string): ProblemText => [
			`--until "${text}" is not a time this tool can read.`,
			`Give an ISO 8601 time with its offset, e.g. ${EXAMPLE_UNTIL} or 2026-11-20T09:00:00Z.`,
		],
		manifestNotJson: (path: string): ProblemText => [
			`${path} is not valid JSON.`,
			'Restore it, or run workshop create again with the same flags to write it anew.',
		],
		manifestNotWorkshop: (path: string): ProblemText => [
			`${path} is not a workshop file of this tool.`,
			'Check --out-dir, or run workshop create again with the same flags to write it anew.',
		],
	},
	policy: {
		noModel: (): ProblemText => ['No model was chosen, so the policy would allow nothing.', 'Pass at least one model id with --models.'],
		expiryNotDate: (value: string): ProblemText => [`The expiry time "${value}" is not a date.`, 'Give an ISO 8601 time such as 2026-12-31T23:59:59Z.'],
		tooLarge: (models: number, size: number, limit: number, managed: boolean): ProblemText => [
			`The policy for these ${models} models needs ${size} characters, more than the ${limit} IAM allows in ${managed ? 'a managed policy' : 'an inline user policy'}.`,
			managed
				? 'Choose fewer models, or split them across several keys.'
				: 'Choose fewer models, or (for the policy command) --policy-type managed, which IAM allows 6,144 characters.',
		],
		tooLargeToSplit: (models: number, size: number, limit: number, policies: number): ProblemText => [
			`The policy for these ${models} models needs ${size} characters, more than fits in ${policies} managed policies of ${limit} characters each (the most IAM attaches to one user by default), or one of its statements alone exceeds ${limit}.`,
			'Choose fewer models, or split them across several keys. Nothing was cut short.',
		],
		/** The requests of the self-check, as its failure names them. */
		row: {
			apiKey: (tokenType: string) => `API key ${tokenType}`,
			call: (id: string, streaming: boolean) => `${id}${streaming ? ' (stream)' : ''}`,
			direct: (modelId: string, region: string) => `${modelId} in ${region}`,
		},
		selfCheck: (names: readonly string[]): ProblemText => [
			`The compiled policy failed its own simulation for: ${list(names)}.`,
			'This is a bug in bedrock-key-wizard; please report it with the command you ran.',
		],
	},
};

export type ProblemMessages = typeof problemsEn;
