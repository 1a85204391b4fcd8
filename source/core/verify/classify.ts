/**
 * What a probe's answer means. AWS tells these cases apart only by exception name and message text
 * (docs/aws-facts.md, 'Runtime errors'), so that is what we read.
 */
import {whoRefused, type RefusedBy} from '../aws-failure.js';
import {isMantleOperation} from './probe-bodies.js';

/** What the AWS call returned, reduced to what classification needs (never a secret). */
export interface ProbeAnswer {
	readonly ok: boolean;
	readonly errorName?: string;
	readonly message?: string;
	readonly httpStatus?: number;
	/** Node's error code for failures below HTTP (ECONNREFUSED, ETIMEDOUT...). */
	readonly networkCode?: string;
}

export type ProbeFinding =
	| 'allowed'
	| 'iam-denied'
	| 'bearer-denied'
	| 'invalid-key'
	| 'region-mismatch'
	| 'marketplace'
	| 'use-case-form'
	/** Refused by the organisation (a service or resource control policy) or a permissions boundary: not the key's policy. */
	| 'org-denied'
	/** A LEGACY model the account has not used recently: AWS no longer serves it to this account. */
	| 'legacy-unused'
	| 'needs-profile'
	| 'end-of-life'
	| 'invalid-model'
	| 'throttled'
	| 'server-error'
	| 'network'
	| 'other';

/** The report's three outcomes: only an IAM refusal of the model call counts as "denied". */
export type ProbeOutcome = 'allowed' | 'denied' | 'error';

export function classifyAnswer(answer: ProbeAnswer): ProbeFinding {
	if (answer.ok) return 'allowed';
	const name = answer.errorName ?? '';
	const message = answer.message ?? '';
	const status = answer.httpStatus;
	if (
		status === undefined &&
		(answer.networkCode !== undefined || /ECONN|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up|TimeoutError/i.test(`${name} ${message}`))
	)
		return 'network';
	if (/ThrottlingException|TooManyRequests|Throttling|ServiceQuotaExceeded/.test(name) || status === 429) return 'throttled';
	if (/AWS Marketplace/i.test(message)) return 'marketplace';
	if (/use case details|use-case form/i.test(message)) return 'use-case-form';
	if (organisationDenial(message)) return 'org-denied';
	if (/marked by provider as Legacy/i.test(message)) return 'legacy-unused';
	// On Mantle both the sign-in and the inference are the key's policy speaking about Mantle use (its model is in
	// the bedrock-mantle:Model condition, not in the message).
	if (isMantleDenial(message)) return 'iam-denied';
	if (/bedrock:CallWithBearerToken/.test(message)) return 'bearer-denied';
	if (/not authorized to perform: bedrock:InvokeModel/.test(message)) return 'iam-denied';
	if (
		/Invalid API Key format|Authentication failed: Please make sure your API Key is valid|security token included in the request is invalid|UnrecognizedClient|InvalidClientTokenId|API key.*(expired|invalid)|Bearer token.*(expired|invalid)/i.test(
			`${name} ${message}`,
		)
	)
		return 'invalid-key';
	if (/region/i.test(message) && /(SignatureDoesNotMatch|InvalidSignature|credential|key)/i.test(`${name} ${message}`)) return 'region-mismatch';
	if (/on-demand throughput isn.t supported/i.test(message)) return 'needs-profile';
	if (/end of its life/i.test(message)) return 'end-of-life';
	if (/provided model identifier is invalid/i.test(message)) return 'invalid-model';
	if (status !== undefined && status >= 500) return 'server-error';
	return 'other';
}

/** The IAM action a runtime operation is authorized as (Converse is InvokeModel; the streaming calls share one action). */
export const iamActionOf = (operation: string): string =>
	operation === 'ConverseStream' || operation === 'InvokeModelWithResponseStream'
		? 'bedrock:InvokeModelWithResponseStream'
		: isMantleOperation(operation)
			? 'bedrock-mantle:CreateInference'
			: 'bedrock:InvokeModel';

/**
 * A refusal on Mantle by the key's policy: of the inference (CreateInference, whose resource is the project,
 * the model being in the condition) or of the key's sign-in there (CallWithBearerToken, when Mantle is denied
 * altogether).
 */
export const isMantleDenial = (message: string | undefined): boolean =>
	/not authorized to perform: bedrock-mantle:(?:CreateInference|CallWithBearerToken)\b/.test(message ?? '');

/**
 * Whether a refusal is IAM's own denial of `action` on one of `resources` (the probe's model or profile id
 * or ARN, or the foundation model behind a profile): "User: … is not authorized to perform: ACTION on
 * resource: ARN …". Only that proves a forbidden model is refused by the policy: any other refusal (an
 * unknown key, a missing bearer grant, another action) may just mean the key has not propagated yet.
 */
export function isIamDenialOf(message: string | undefined, action: string, resources: readonly string[]): boolean {
	const match = /not authorized to perform: (\S+) on resource: (\S+)/.exec(message ?? '');
	if (!match || match[1] !== action) return false;
	const resource = match[2]!;
	return resources.some((name) => name !== '' && (resource === name || resource.endsWith(`/${name}`)));
}

export const outcomeOf = (finding: ProbeFinding): ProbeOutcome => (finding === 'allowed' ? 'allowed' : finding === 'iam-denied' ? 'denied' : 'error');

/**
 * While IAM propagates, a new key or policy is refused for a while (docs/aws-facts.md, 'IAM propagation':
 * AWS gives no bound). These findings may change on retry; the others will not.
 */
export const mayBePropagating = (finding: ProbeFinding): boolean =>
	finding === 'iam-denied' ||
	finding === 'bearer-denied' ||
	finding === 'invalid-key' ||
	finding === 'throttled' ||
	finding === 'server-error' ||
	finding === 'network';

/**
 * The caller IAM names in a refusal ("User: arn:aws:iam::123456789012:user/alice is not authorized to
 * perform: …"): how `check` learns whose key it holds (flows/check/principal.ts).
 */
export function refusedPrincipalArn(message: string | undefined): string | undefined {
	return /User: (arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[^\s]+) is not authorized/.exec(message ?? '')?.[1];
}

/**
 * A Marketplace refusal that is about the account's payment method: the subscription was made and AWS could
 * not complete it (docs/aws-facts.md, 'Model access and AWS Marketplace'). Still the `marketplace` finding.
 */
export const isPaymentRefusal = (message: string | undefined): boolean => /INVALID_PAYMENT_INSTRUMENT/.test(message ?? '');

export type OrganisationGuardrail = 'service control policy' | 'resource control policy' | 'permissions boundary';

/** What organisationDenial reads from a refusal by a guardrail. */
export interface OrganisationDenial {
	readonly guardrail: OrganisationGuardrail;
	/**
	 * "with an explicit deny in a …": a Deny statement matched (it must be lifted). Otherwise "because no …
	 * allows": the guardrail has no Allow for the call (one must be added). AWS warns that a service control
	 * policy may say "due to an explicit deny" even when no Allow is the reason (docs/aws-facts.md, 'Organisation guardrails').
	 */
	readonly explicit: boolean;
	readonly action?: string;
	readonly resource?: string;
	readonly region?: string;
}

/**
 * A refusal that comes from above the key's own policies (docs/aws-facts.md, 'Organisation guardrails'):
 * "… is not authorized to perform: ACTION on resource: ARN with an explicit deny in a service control
 * policy" (or a resource control policy, or a permissions boundary; or "because no … allows the ACTION
 * action", or "due to an explicit deny in a Service Control Policy"). Which guardrail, whether it denied
 * or just did not allow, the action, and the Region of the resource ("unspecified" for a region-less model
 * ARN). A session policy is left out: an API key's calls carry none (it is the IAM user's own).
 */
export function organisationDenial(message: string | undefined): OrganisationDenial | undefined {
	const {refusedBy, explicitDeny} = whoRefused(message ?? '');
	const guardrail = refusedBy === undefined ? undefined : guardrailWords[refusedBy];
	if (!guardrail) return undefined;
	const call = /not authorized to perform: (\S+)(?: on resource: (\S+))?/.exec(message ?? '');
	const resource = call?.[2];
	const region = resource?.startsWith('arn:') ? resource.split(':')[3] || 'unspecified' : undefined;
	return {guardrail, explicit: explicitDeny === true, ...(call?.[1] ? {action: call[1]} : {}), ...(resource ? {resource} : {}), ...(region ? {region} : {})};
}

/** The guardrails a probe's refusal can name (who refused: core/aws-failure.ts), in the words messages use. */
const guardrailWords: Partial<Record<RefusedBy, OrganisationGuardrail>> = {
	'service-control-policy': 'service control policy',
	'resource-control-policy': 'resource control policy',
	'permissions-boundary': 'permissions boundary',
};
