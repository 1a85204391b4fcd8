/**
 * What a run says while it works, in every front end: the flows' notices, the sandbox's banners and the
 * probe lines of the line-by-line output. Japanese (run.ja.ts) has the same shape, enforced by its type.
 */

export const runEn = () => ({
	notice: {
		rootUser: 'You are signed in as the account root user. It works, but an IAM role or user is safer.',
		rootUserPreflight:
			'You are signed in as the account root user, which may do everything. Prefer an IAM role or user with only the permissions this tool needs.',
		preflightNotSimulatable:
			'Your permissions could not be checked in advance (this kind of principal cannot be simulated); any refusal will be reported as it happens.',
		preflightCannotTell: (actions: readonly string[], keys: readonly string[]) =>
			`Whether you may make ${actions.join(', ')} could not be told in advance: your policy's conditions need ${keys.join(', ')}, which only the real call carries; a refusal will be reported as it happens.`,
		preflightFailed: (errorName: string) => `Your permissions could not be checked in advance (${errorName}); any refusal will be reported as it happens.`,
		analyzerUnavailable: (errorName?: string) =>
			`Access Analyzer was not available to your credentials; the offline evaluator checked the policy instead.${errorName ? ` (${errorName})` : ''}`,
		catalogFallback: (reason: string, asOf: string) =>
			`The live model catalog could not be read (${reason}); using the catalog bundled with this tool (${asOf}).`,
		subscriptionsUnchecked: (errorName: string) =>
			`Whether the account is subscribed to the chosen third-party models in AWS Marketplace could not be checked (${errorName}: bedrock:GetFoundationModelAvailability); a missing subscription will show in the live calls.`,
		reportNotUpdated: (path: string, message: string) => `${path} could not be updated with the deleted keys: ${message}`,
		envTracked: (path: string, fileName: string) => `${path} is inside a git work tree and not ignored: add "${fileName}" to .gitignore before you commit.`,
		/** One finding of Access Analyzer's ValidatePolicy: its type and code, and its message in AWS's words. */
		analyzerFinding: (type: string, code: string, message: string) => `Access Analyzer ${type}: ${code}: ${message}`,
	},
	sandbox: {
		banner: (endpoint: string, accountId: string, region: string) => `Sandbox: ${endpoint} (account ${accountId}, ${region}); nothing here touches real AWS.`,
		listening: (endpoint: string, regionalEndpoint: string, propagationDelayMs: number, statePath: string | undefined) =>
			`Sandbox AWS listening on ${endpoint} (other Regions: --endpoint-url ${regionalEndpoint}; IAM changes reach Bedrock after ${propagationDelayMs} ms${statePath ? `; state in ${statePath}, which holds every secret in clear text: keep it in a private directory` : ''}). Ctrl+C stops it.`,
		stopped: (signal: string) => `Sandbox stopped (${signal}).`,
		/** `--host` with an address other than loopback: the sandbox is open to the network. */
		shared: (address: string, port: number) =>
			`! The sandbox listens on ${address} port ${port}: anyone who can reach this machine can call it. It is a practice AWS for a class, not a multi-tenant service: hand out the attendees' own keys, never the admin's credentials or the adminToken, use it on a network you trust, and stop it after the class. The control route (/_sandbox/faults) still answers this machine only, with the adminToken.`,
		internalError: (where: string, message: string) => `internal error in ${where}: ${message} (a bug in the sandbox, not AWS)`,
		internalErrors: (count: number, details: readonly string[]) =>
			`The sandbox had ${count} internal error${count === 1 ? '' : 's'} (a bug in the sandbox, not AWS): ${details.join('; ')}`,
	},
	probe: {
		/** What a probe expected, as the tables show it. */
		expected: {allow: 'allow', deny: 'deny'},
		/** One failed check of a workshop seat (verification.json and the status output). */
		seatFailure: (model: string, operation: string, expected: string, outcome: string, diagnosis: string | undefined) =>
			`${model} ${operation}: expected ${expected}, got ${outcome}${diagnosis ? ` (${diagnosis})` : ''}`,
	},
	/** What a line-by-line question (--plain, @inquirer) shows besides its own words. */
	prompt: {
		/** The key help under a multiple choice; undefined keeps @inquirer/checkbox's own (English). */
		pickHelp: undefined as string | undefined,
		/** A yes/no answer, as shown once given. */
		answer: (yes: boolean): string => (yes ? 'Yes' : 'No'),
	},
	/** A journal entry of the apply step that could not be undone: what it was, whose, and why. */
	rollbackFailedEntry: (kind: string, userName: string, message: string) => `${kind} (${userName}): ${message}`,
	/** A journal entry of the apply step kept instead of undone: what it was, and whose. */
	keptEntry: (kind: string, userName: string) => `${kind} (${userName})`,
});

export type RunMessages = ReturnType<typeof runEn>;
