/**
 * A hand-made HandlerContext for unit tests of the Bedrock and Bedrock Runtime routers: IAM is a list of
 * allowed `action resource` patterns (`*` wildcards, optional required context), state is in memory.
 */
import type {
	AccessDecision,
	AccountStore,
	Caller,
	HandlerContext,
	RuntimeCallRecord,
	SandboxHttpRequest,
	SandboxResponse,
	ServiceRouter,
} from '../../source/sandbox/contracts.js';

export const accountId = '123456789012';

export interface Grant {
	readonly action: string;
	readonly resource: string;
	/** Context keys that must be present with exactly these values (StringEquals). */
	readonly context?: Readonly<Record<string, string>>;
}

export interface FakeOptions {
	readonly method?: string;
	readonly path: string;
	readonly query?: Readonly<Record<string, string>>;
	readonly body?: unknown;
	readonly region?: string;
	/** Omit for a caller allowed everything (like root). */
	readonly allow?: readonly Grant[];
	readonly agreements?: readonly string[];
	readonly caller?: Partial<Caller>;
}

export interface AuthorizationRecord {
	readonly action: string;
	readonly resource: string;
	readonly context: Readonly<Record<string, unknown>> | undefined;
}

export interface FakeHandlerContext extends HandlerContext {
	readonly authorizations: AuthorizationRecord[];
	readonly calls: RuntimeCallRecord[];
	readonly agreements: Set<string>;
}

const glob = (pattern: string, value: string): boolean =>
	new RegExp(
		`^${pattern
			.split('*')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*')}$`,
	).test(value);

export function fakeContext(options: FakeOptions): FakeHandlerContext {
	const {path, method = 'GET', region = 'us-east-1'} = options;
	const body =
		options.body === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(options.body)
				? options.body
				: Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
	const request: SandboxHttpRequest = {
		method,
		rawPath: path,
		query: new URLSearchParams(options.query ?? {}),
		headers: {'content-type': 'application/json'},
		body,
	};
	const caller: Caller = {
		accountId,
		arn: `arn:aws:iam::${accountId}:user/alice`,
		kind: 'user',
		userName: 'alice',
		userId: 'AIDAEXAMPLE',
		auth: {type: 'bearer', tokenType: 'LONG_TERM'},
		...options.caller,
	};
	const authorizations: AuthorizationRecord[] = [];
	const calls: RuntimeCallRecord[] = [];
	const agreements = new Set(options.agreements ?? []);
	const account: AccountStore = {
		accountId,
		hasModelAgreement: (modelId) => agreements.has(modelId),
		modelAgreementStatus: (modelId) => (agreements.has(modelId) ? 'AVAILABLE' : 'NOT_AVAILABLE'),
		// Submitted, as most accounts have it (test/flows/create-use-case-form.test.ts plays the missing form).
		useCaseForm: () => 'eyJjb21wYW55TmFtZSI6IlRlc3QifQ==',
		submitUseCaseForm: () => undefined,
		legacyModelsInUse: () => [],
		addModelAgreement: (modelId) => void agreements.add(modelId),
		effectivePolicies: () => [],
		recordRuntimeCall: (entry) => void calls.push(entry),
	};
	const authorize = (action: string, resource: string, context?: Readonly<Record<string, unknown>>): AccessDecision => {
		authorizations.push({action, resource, context});
		const allowed =
			options.allow === undefined ||
			options.allow.some(
				(grant) =>
					glob(grant.action, action) && glob(grant.resource, resource) && Object.entries(grant.context ?? {}).every(([key, value]) => context?.[key] === value),
			);
		return allowed
			? {allowed}
			: {
					allowed,
					message: `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
				};
	};
	return {request, caller, region, requestId: 'req-1', now: new Date('2026-11-29T10:00:00Z'), authorize, account, authorizations, calls, agreements};
}

/** Routes the context's request and runs the handler; fails the test if no route matches. */
export async function dispatch(router: ServiceRouter, context: HandlerContext): Promise<SandboxResponse> {
	const route = router(context.request);
	if (!route) throw new Error(`no route for ${context.request.method} ${context.request.rawPath}`);
	return route.handle(context);
}

export function jsonBody(response: SandboxResponse): Record<string, unknown> {
	return JSON.parse(String(response.body)) as Record<string, unknown>;
}

export const marketplaceGrants: readonly Grant[] = [
	{action: 'aws-marketplace:Subscribe', resource: '*'},
	{action: 'aws-marketplace:ViewSubscriptions', resource: '*'},
];
