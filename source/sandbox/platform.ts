/**
 * The request pipeline between the transport and the services: find the service (SigV4 credential
 * scope, or the path for bearer requests) and the operation, apply injected faults, authenticate,
 * check `bedrock:CallWithBearerToken` for API keys, call the handler with a HandlerContext, and render
 * every failure as an AWS error in the service's protocol.
 */
import {randomUUID} from 'node:crypto';
import {handleAdminRoute, type AdminRouteOptions} from './admin-route.js';
import {authenticateBearer} from './auth/bearer.js';
import {incompleteSignature, missingAuthentication, regionMismatch, type Protocol} from './auth/errors.js';
import {authenticateSigV4, readClaim, scopeService} from './auth/sigv4-request.js';
import {authorize, type AuthorizationScope} from './authorize.js';
import {
	AwsServiceError,
	type Caller,
	type HandlerContext,
	type SandboxHttpRequest,
	type SandboxInternalError,
	type SandboxResponse,
	type ServiceRoute,
	type ServiceRouter,
} from './contracts.js';
import type {FaultInjector} from './faults.js';
import type {QueryAction} from './iam/common.js';
import {iamActions} from './iam/index.js';
import {iamNamespace, queryError, queryResponse, QueryInput, stsNamespace} from './protocols/query-xml.js';
import {json11Error, jsonError} from './protocols/rest-json.js';
import {mantlePrefix} from './mantle/index.js';
import {renderCompatibleError} from './protocols/compatible-errors.js';
import type {ConnectionInfo, Outcome} from './server.js';
import type {AccountState} from './state/account.js';
import type {NamedPolicy} from '../core/iam/policy-document.js';
import {stsActions} from './sts.js';

export interface PlatformOptions {
	readonly state: AccountState;
	readonly faults: FaultInjector;
	readonly region: string;
	readonly clock: () => Date;
	readonly bedrock: ServiceRouter;
	readonly runtime: ServiceRouter;
	readonly accessAnalyzer: ServiceRouter;
	/** The Mantle endpoint, under the path prefix `/mantle` (mantle/index.ts). */
	readonly mantle: ServiceRouter;
	/** Service Quotas (service-quotas.ts); not served when absent. */
	readonly serviceQuotas?: ServiceRouter;
	/** CloudTrail's event history (cloudtrail.ts); not served when absent. */
	readonly cloudTrail?: ServiceRouter;
	/** AWS Budgets (budgets.ts); not served when absent. */
	readonly budgets?: ServiceRouter;
	/** Who may use `/_sandbox/` (admin-route.ts). */
	readonly admin: AdminRouteOptions;
	/** The organisation's service control policies over the account (authorize.ts). */
	readonly serviceControlPolicies: readonly NamedPolicy[];
	/** One line per request (never a secret); off when undefined. */
	readonly log?: (line: string) => void;
	/** Every 5xx no injected fault asked for (a sandbox bug). */
	readonly onInternalError?: (error: SandboxInternalError) => void;
}

type ServiceId = 'iam' | 'sts' | 'bedrock' | 'access-analyzer' | 'mantle' | 'servicequotas' | 'budgets' | 'cloudtrail';

interface QueryService {
	readonly protocol: 'query';
	readonly namespace: string;
	readonly version: string;
	readonly actions: Readonly<Record<string, QueryAction>>;
}

const queryServices: Readonly<Record<string, QueryService>> = {
	iam: {protocol: 'query', namespace: iamNamespace, version: '2010-05-08', actions: iamActions},
	sts: {protocol: 'query', namespace: stsNamespace, version: '2011-06-15', actions: stsActions},
};

const protocolOf = (service: ServiceId): Protocol => (service === 'iam' || service === 'sts' ? 'query' : 'json');

export function render(error: AwsServiceError, protocol: Protocol, service: ServiceId, requestId: string, path = '/'): SandboxResponse {
	// Mantle, and bedrock-runtime's OpenAI-compatible and Anthropic surfaces, answer in their vendor's shape.
	if (service === 'mantle' || (service === 'bedrock' && (path.startsWith('/openai/') || path.startsWith('/anthropic/'))))
		return renderCompatibleError(error, path, requestId);
	if (service === 'servicequotas' || service === 'budgets' || service === 'cloudtrail') return json11Error(error, requestId);
	return protocol === 'query' ? queryError(error, service === 'sts' ? stsNamespace : iamNamespace, requestId) : jsonError(error, requestId);
}

/** A body's protocol before we know its service: Query bodies are form-encoded. */
export const guessProtocol = (headers: Readonly<Record<string, string>>): Protocol =>
	(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? 'query' : 'json';

export function createPlatform(options: PlatformOptions): (request: SandboxHttpRequest, connection: ConnectionInfo) => Promise<Outcome> {
	const {state, faults, clock} = options;

	return async (signedRequest, connection) => {
		if (signedRequest.rawPath.startsWith('/_sandbox/')) return handleAdminRoute(signedRequest, connection, faults, options.admin);
		// Regional endpoints: AWS names the Region in the host name; one loopback port names it in a path
		// prefix, `/region/<name>/...`. Signatures cover the path as sent; routing sees it without the prefix.
		const regional = /^\/region\/([a-z0-9-]+)(\/.*)?$/.exec(signedRequest.rawPath);
		const unprefixed: SandboxHttpRequest = regional ? {...signedRequest, rawPath: regional[2] ?? '/'} : signedRequest;
		// The Mantle endpoint is another host name at AWS; here, the path prefix `/mantle` of the same port.
		const mantle = unprefixed.rawPath === mantlePrefix || unprefixed.rawPath.startsWith(`${mantlePrefix}/`);
		const request: SandboxHttpRequest = mantle ? {...unprefixed, rawPath: unprefixed.rawPath.slice(mantlePrefix.length) || '/'} : unprefixed;
		const requestId = randomUUID();
		const started = performance.now();
		let service: ServiceId = mantle ? 'mantle' : guessProtocol(request.headers) === 'query' ? 'iam' : 'bedrock';
		let operation = '-';
		let outcome: Outcome;
		let injected = false;
		let failure: unknown;
		try {
			// 1. Which service, and how the caller claims to be authenticated.
			const claim = readClaim(request);
			// The Messages surfaces also take the key as Anthropic's SDK sends it, in `x-api-key`.
			const bearer =
				request.headers['authorization']?.match(/^Bearer\s+(.*)$/i)?.[1]?.trim() ??
				(mantle || request.rawPath.startsWith('/anthropic/') ? request.headers['x-api-key']?.trim() : undefined);
			if (claim && 'error' in claim) {
				const named = scopeService(request);
				if (named !== undefined && knownScopes.has(named)) service = serviceFromScope(named);
				throw incompleteSignature(protocolOf(service), claim.error);
			}
			if (claim) service = mantle ? 'mantle' : serviceFromScope(claim.service);
			else if (bearer !== undefined) service = mantle ? 'mantle' : 'bedrock';
			else throw missingAuthentication(protocolOf(service));

			// 2. Which operation.
			const route = findOperation(service, request, options);
			operation = route.operation;

			// 3. Injected faults come before authentication, like an overloaded front door.
			const fault = faults.take(operation);
			if (fault?.kind === 'drop') return 'drop';
			if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
			if (fault && fault.kind !== 'latency' && fault.kind !== 'lost-reply') {
				injected = true;
				throw faultError(fault.kind, protocolOf(service));
			}

			// 4. Who is calling. IAM/STS/Access Analyzer read IAM's live state; Bedrock enforces the propagated one.
			const now = clock();
			const view = service === 'bedrock' || service === 'mantle' ? state.propagated() : state.live();
			let caller: Caller;
			// A Region named by the endpoint binds the signature's: AWS refuses a credential scoped to another
			// Region, and so does the sandbox rather than answer for the Region the signature names. The bare
			// endpoint names none and serves the Region the request was signed for.
			const endpointRegion = regional?.[1];
			let region = endpointRegion ?? options.region;
			if (claim) {
				if (endpointRegion !== undefined && claim.region !== endpointRegion) throw regionMismatch(protocolOf(service), claim.region);
				caller = authenticateSigV4(signedRequest, claim, view, now, protocolOf(service));
				region = claim.region;
			} else if (bearer !== undefined) {
				const identity = authenticateBearer(bearer, view, now);
				if (endpointRegion !== undefined && identity.region !== undefined && identity.region !== endpointRegion) throw regionMismatch('json', identity.region);
				caller = identity.caller;
				region = identity.region ?? region;
			} else {
				throw missingAuthentication(protocolOf(service));
			}
			const scope: AuthorizationScope = {
				caller,
				user: caller.userName ? view.user(caller.userName) : undefined,
				policies: caller.userName ? view.policiesOf(caller.userName) : [],
				permissionsBoundary: caller.userName ? view.boundaryOf(caller.userName) : undefined,
				serviceControlPolicies: options.serviceControlPolicies,
				// IAM has one endpoint, in US East (N. Virginia): its calls are requested in us-east-1 whatever Region
				// signed them, as policies see aws:RequestedRegion (docs/aws-facts.md, 'Organisation guardrails').
				region: service === 'iam' ? 'us-east-1' : region,
				now,
			};

			// 5. An API key works only where bedrock:CallWithBearerToken is allowed (on Mantle, its own action).
			if (caller.auth.type === 'bearer') {
				const decision =
					service === 'mantle'
						? authorize(scope, 'bedrock-mantle:CallWithBearerToken', '*', {'bedrock-mantle:BearerTokenType': caller.auth.tokenType})
						: authorize(scope, 'bedrock:CallWithBearerToken', '*');
				if (!decision.allowed) throw new AwsServiceError('AccessDeniedException', decision.message ?? 'Access denied', 403);
			}

			const context: HandlerContext = {
				request,
				caller,
				region,
				requestId,
				now,
				authorize: (action, resource, extra) => authorize(scope, action, resource, extra),
				serviceControlPolicies: options.serviceControlPolicies,
				account: state,
			};
			outcome = await route.handle(context);
			if (fault?.kind === 'lost-reply') return 'drop';
		} catch (error) {
			failure = error;
			if (error instanceof AwsServiceError) outcome = render(error, protocolOf(service), service, requestId, request.rawPath);
			else {
				const internal =
					protocolOf(service) === 'query'
						? new AwsServiceError('ServiceFailure', 'An internal error occurred.', 500)
						: new AwsServiceError('InternalServerException', 'An internal error occurred.', 500);
				outcome = render(internal, protocolOf(service), service, requestId, request.rawPath);
			}
		}
		if (options.log) options.log(`${request.method} ${service} ${operation} ${outcome.status} ${(performance.now() - started).toFixed(1)}ms`);
		if (outcome.status >= 500 && !injected) {
			const message = failure instanceof Error ? `${failure.name}: ${failure.message}` : failure === undefined ? `answered ${outcome.status}` : String(failure);
			options.onInternalError?.({where: `${service} ${operation}`, status: outcome.status, message});
		}
		return outcome;
	};
}

const knownScopes = new Set(['iam', 'sts', 'access-analyzer', 'bedrock', 'bedrock-runtime', 'bedrock-mantle', 'servicequotas', 'budgets', 'cloudtrail']);

function serviceFromScope(scopeService: string): ServiceId {
	switch (scopeService) {
		case 'iam':
		case 'sts':
		case 'access-analyzer':
		case 'servicequotas':
		case 'budgets':
		case 'cloudtrail':
			return scopeService;
		// The Bedrock Runtime client signs as `bedrock`; accept the endpoint prefix too.
		case 'bedrock':
		case 'bedrock-runtime':
			return 'bedrock';
		case 'bedrock-mantle':
			return 'mantle';
		default:
			throw new AwsServiceError(
				'UnrecognizedClientException',
				`The sandbox does not serve the service '${scopeService}' (it serves iam, sts, bedrock, bedrock-runtime, bedrock-mantle, access-analyzer, servicequotas, budgets and cloudtrail).`,
				400,
			);
	}
}

function findOperation(service: ServiceId, request: SandboxHttpRequest, options: PlatformOptions): ServiceRoute {
	const queryService = queryServices[service];
	if (queryService) {
		const input = QueryInput.fromRequest(request.body, request.query);
		const action = input.action;
		if (!action) throw new AwsServiceError('MissingAction', 'Missing Action', 400);
		const handler = Object.hasOwn(queryService.actions, action) ? queryService.actions[action] : undefined;
		if (!handler) throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version ${queryService.version}`, 400);
		return {
			operation: action,
			handle: async (context) => queryResponse(action, queryService.namespace, handler({input, context, state: options.state}), context.requestId),
		};
	}
	const route =
		service === 'access-analyzer'
			? options.accessAnalyzer(request)
			: service === 'servicequotas'
				? options.serviceQuotas?.(request)
				: service === 'budgets'
					? options.budgets?.(request)
					: service === 'cloudtrail'
						? options.cloudTrail?.(request)
						: service === 'mantle'
							? options.mantle(request)
							: (options.runtime(request) ?? options.bedrock(request));
	if (!route) throw new AwsServiceError('UnknownOperationException', `No operation matches ${request.method} ${request.rawPath}.`, 404);
	return route;
}

function faultError(kind: 'throttle' | '500' | '503' | 'drop', protocol: Protocol): AwsServiceError {
	if (kind === 'throttle') {
		return protocol === 'query'
			? new AwsServiceError('Throttling', 'Rate exceeded', 400)
			: new AwsServiceError('ThrottlingException', 'Too many requests, please wait before trying again.', 429);
	}
	if (kind === '503')
		return new AwsServiceError(protocol === 'query' ? 'ServiceUnavailable' : 'ServiceUnavailableException', 'Service is unavailable. Try again later.', 503);
	return new AwsServiceError(
		protocol === 'query' ? 'InternalFailure' : 'InternalServerException',
		'The request processing has failed because of an unknown error, exception or failure.',
		500,
	);
}
