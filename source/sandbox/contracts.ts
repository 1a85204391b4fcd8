/**
 * The seams inside the sandbox: the platform (server, auth, state, IAM/STS/Access Analyzer)
 * hands each authenticated request to a service handler through these types.
 * Bedrock and Bedrock Runtime handlers live in sandbox/bedrock/ and sandbox/runtime/ and see only this.
 */
import type {NamedPolicy} from '../core/iam/policy-document.js';
import type {RequestContextValue} from '../core/iam/evaluation.js';

export interface SandboxHttpRequest {
	readonly method: string;
	/** Path as received, still percent-encoded (e.g. `/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse`). */
	readonly rawPath: string;
	readonly query: URLSearchParams;
	/** Header names in lower case. */
	readonly headers: Readonly<Record<string, string>>;
	readonly body: Buffer;
}

export type CallerAuth =
	| {readonly type: 'sigv4'; readonly accessKeyId: string}
	| {readonly type: 'bearer'; readonly tokenType: 'LONG_TERM' | 'SHORT_TERM'; readonly credentialId?: string};

export interface Caller {
	readonly accountId: string;
	/** `arn:aws:iam::<account>:user/<name>` or `arn:aws:iam::<account>:root`. */
	readonly arn: string;
	readonly kind: 'user' | 'root';
	readonly userName?: string;
	readonly userId: string;
	readonly auth: CallerAuth;
}

export interface SandboxResponse {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: string | Buffer;
	/** For event-stream responses: already-encoded frames, written in order (body is then ignored). */
	readonly frames?: AsyncIterable<Buffer> | Iterable<Buffer>;
}

/**
 * A 5xx (or a reply cut off) that no injected fault asked for: a bug in the sandbox, not a bad day at AWS.
 * Reported through `onInternalError` and kept in `RunningSandbox.internalErrors`.
 */
export interface SandboxInternalError {
	/** `iam CreateUser`, `bedrock Converse`; `transport` when the failure was outside any service. */
	readonly where: string;
	/** The status sent, or 0 when the connection was closed instead. */
	readonly status: number;
	readonly message: string;
}

/** An AWS-shaped error a handler throws; the platform renders it in the service's protocol. */
export class AwsServiceError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status: number,
		readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
	) {
		super(message);
		this.name = code;
	}
}

export interface AccessDecision {
	readonly allowed: boolean;
	/** AWS's message, e.g. `User: arn:... is not authorized to perform: bedrock:InvokeModel on resource: arn:... because no identity-based policy allows the bedrock:InvokeModel action`. */
	readonly message?: string;
}

export interface HandlerContext {
	readonly request: SandboxHttpRequest;
	readonly caller: Caller;
	/** The region of the request (SigV4 scope, or the short-term key's region, else the sandbox's default). */
	readonly region: string;
	readonly requestId: string;
	readonly now: Date;
	/**
	 * Evaluates the organisation's service control policies, then the caller's identity policies and
	 * permissions boundary **as the runtime sees them** (after the propagation delay); root is held only by
	 * the service control policies (sandbox/authorize.ts). Extra context keys (e.g. `bedrock:InferenceProfileArn`) are merged with
	 * the global ones the platform knows (aws:CurrentTime, aws:username, bedrock:bearerTokenType...).
	 */
	authorize(action: string, resource: string, context?: Readonly<Record<string, RequestContextValue>>): AccessDecision;
	/** The organisation's service control policies over the account (`--org-policy`), for the simulator (iam/simulate.ts). */
	readonly serviceControlPolicies?: readonly NamedPolicy[];
	/** The account-wide state a Bedrock handler needs. */
	readonly account: AccountStore;
}

export interface AccountStore {
	readonly accountId: string;
	/** Model ids with an AWS Marketplace agreement (subscription) in this account. */
	hasModelAgreement(modelId: string): boolean;
	/**
	 * The agreement as GetFoundationModelAvailability reports it: PENDING for `--subscription-delay-ms` after it
	 * was made, then AVAILABLE, or ERROR under `--subscription-outcome error`.
	 */
	modelAgreementStatus(modelId: string): 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR';
	addModelAgreement(modelId: string): void;
	/** Anthropic's use-case form for the account, as submitted (its formData, base64), or undefined while it is missing. */
	useCaseForm(): string | undefined;
	submitUseCaseForm(formData: string): void;
	/** The LEGACY models the account has used recently (`--legacy-in-use`): they answer; other LEGACY models refuse. */
	legacyModelsInUse(): 'all' | readonly string[];
	/** The caller's policies in force at runtime (for diagnostics). */
	effectivePolicies(caller: Caller): readonly NamedPolicy[];
	/** Records a runtime call (for tests proving which principal made each probe). */
	recordRuntimeCall(entry: RuntimeCallRecord): void;
}

export interface RuntimeCallRecord {
	readonly at: string;
	readonly principalArn: string;
	readonly auth: CallerAuth['type'];
	readonly operation: string;
	readonly modelId: string;
	readonly outcome: 'ok' | string;
	/** The caller's User-Agent (CloudTrail's `userAgent`). */
	readonly userAgent?: string;
	/** The Region the call was made in (CloudTrail keeps each Region's events apart). */
	readonly region?: string;
}

export type ServiceHandler = (context: HandlerContext) => Promise<SandboxResponse>;

/** One operation of a REST-JSON service, found from the request's method and path. */
export interface ServiceRoute {
	/** AWS operation name, e.g. `Converse`, `ListFoundationModels` (fault injection and logs key on it). */
	readonly operation: string;
	readonly handle: ServiceHandler;
}

/** Returns the route for a request, or undefined when the path is not one of the service's operations. */
export type ServiceRouter = (request: SandboxHttpRequest) => ServiceRoute | undefined;
