/**
 * The sandbox: a local AWS (IAM, STS, Access Analyzer, Bedrock, Bedrock Runtime, Mantle) on 127.0.0.1 that
 * the unmodified AWS SDK clients reach through an endpoint override. See docs/architecture.md, 'The sandbox'.
 */
import {randomBytes} from 'node:crypto';
import {isIP} from 'node:net';
import {iamUserArn} from '../core/arn.js';
import {bundledCatalog, findModel, findProfile, type Catalog} from '../core/catalog/index.js';
import {AdministratorAccess, parsePolicyDocument} from '../core/iam/index.js';
import type {NamedPolicy} from '../core/iam/policy-document.js';
import {AccountSettingsError, type AccountControl} from './admin-route.js';
import {createAccessAnalyzerRouter} from './access-analyzer.js';
import {createBedrockRouter} from './bedrock/index.js';
import {FaultInjector, parseFaultList} from './faults.js';
import {createPlatform, guessProtocol} from './platform.js';
import {queryError, iamNamespace} from './protocols/query-xml.js';
import {jsonError} from './protocols/rest-json.js';
import {createRuntimeRouter} from './runtime/index.js';
import {createServiceQuotasRouter, QuotaBook} from './service-quotas.js';
import {createCloudTrailRouter} from './cloudtrail.js';
import {BudgetBook, createBudgetsRouter} from './budgets.js';
import {createMantleRouter, mantlePrefix} from './mantle/index.js';
import {startTransport, type TransportLimits} from './server.js';
import {AccountState, type LegacyModelsInUse, type SubscriptionOutcome} from './state/account.js';
import {newAccessKeyId, newRequestId, newSecretAccessKey, newUserId} from './state/ids.js';
import {emptyAccount, isSubscriptionOutcome, type AccountData} from './state/model.js';
import {loadState} from './state/persistence.js';
import {AwsServiceError, type SandboxInternalError, type SandboxResponse} from './contracts.js';

export {AwsServiceError, type SandboxInternalError} from './contracts.js';
export type {AccountState} from './state/account.js';
export {FaultInjector, parseFaultList, type FaultKind, type FaultRule, type FaultSpec, FaultSpecError} from './faults.js';
export {SandboxStateError} from './state/persistence.js';
export {maxFaultRules} from './faults.js';
export {defaultTransportLimits, type TransportLimits} from './server.js';

export const sandboxAccountId = '123456789012';
export const sandboxAdminUserName = 'sandbox-admin';
/** AWS caps request bodies per service; 10 MiB is above anything the wizard sends. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	readonly port?: number;
	/**
	 * The address to listen on: 127.0.0.1 by default. Another (a LAN address, 0.0.0.0) shares the sandbox
	 * with the network, for a class; the control route still answers this machine only, with the token.
	 */
	readonly host?: string;
	/**
	 * The token `/_sandbox/` requires (`Authorization: Bearer …`); a random one by default. At least 32
	 * characters.
	 */
	readonly adminToken?: string;
	/** Header and request timeouts, and the bytes of request bodies held at once (server.ts). */
	readonly limits?: Partial<TransportLimits>;
	/** Keep the account in this JSON file (created if missing). */
	readonly statePath?: string;
	/** How long IAM changes take to reach Bedrock and Bedrock Runtime (default 0). */
	readonly propagationDelayMs?: number;
	/** How long a new AWS Marketplace subscription stays PENDING before the model answers (default 0). */
	readonly subscriptionDelayMs?: number;
	/** Anthropic's use-case form for the account: submitted (default) or missing, so Anthropic models refuse calls until it is. */
	readonly useCaseForm?: 'missing' | 'submitted';
	/**
	 * How a subscription ends once its delay is over: `available` (default), or `error`, as for an account
	 * without a valid payment method: GetFoundationModelAvailability says ERROR with an errorMessage, and the
	 * model refuses calls in AWS's words (docs/aws-facts.md, 'Model access and AWS Marketplace').
	 */
	readonly subscriptionOutcome?: SubscriptionOutcome;
	/**
	 * The LEGACY models the account has used recently (`'all'`, or model or inference profile ids): they answer;
	 * every other LEGACY model refuses as AWS's do for an account that has not used it (none by default).
	 */
	readonly legacyModelsInUse?: LegacyModelsInUse;
	readonly region?: string;
	readonly clock?: () => Date;
	/**
	 * Fault rules in the `BKW_SANDBOX_FAULTS` syntax (none by default). The sandbox reads no environment of
	 * its own: the command passes that variable from its environment (cli/).
	 */
	readonly faults?: string;
	readonly maxBodyBytes?: number;
	/**
	 * Service control policies of the organisation the account is in (JSON documents, `--org-policy FILE`),
	 * evaluated over every principal beside AWS's default FullAWSAccess (authorize.ts).
	 */
	readonly serviceControlPolicies?: ReadonlyArray<{readonly name: string; readonly document: string}>;
	/** Receives one line per request (method, service, operation, status, time; never a secret). */
	readonly log?: (line: string) => void;
	/** Told of every 5xx (or cut-off reply) that no injected fault asked for: a bug in the sandbox, not AWS. */
	readonly onInternalError?: (error: SandboxInternalError) => void;
}

export interface SandboxAdmin {
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	readonly arn: string;
}

export interface RunningSandbox {
	readonly endpoint: string;
	/** The address the sandbox listens on (SandboxOptions.host). */
	readonly host: string;
	/** What `/_sandbox/` requires in `Authorization: Bearer …` (admin-route.ts). */
	readonly adminToken: string;
	/**
	 * The endpoint with the Region in a path prefix (`{region}` to fill in), as AWS has one host name per
	 * Region: calls with a long-term API key carry no Region of their own, so this is how they name one.
	 */
	readonly regionalEndpoint: string;
	/**
	 * The Mantle endpoint (`bedrock-mantle.{region}.api.aws` at AWS): the path prefix `/mantle`, after the
	 * Region's prefix (`{region}` to fill in), e.g. `http://127.0.0.1:PORT/region/us-west-2/mantle`; a client's
	 * base URL adds `/v1`, `/openai/v1` or `/anthropic` to it.
	 */
	readonly mantleEndpoint: string;
	readonly port: number;
	readonly region: string;
	readonly accountId: string;
	readonly admin: SandboxAdmin;
	readonly faults: FaultInjector;
	readonly store: AccountState;
	/** The account's Bedrock quotas (service-quotas.ts): set a value to make the runtime throttle past it. */
	readonly quotas: QuotaBook;
	/** AWS Budgets' budgets and actions (budgets.ts): set a budget's spend to run its actions. */
	readonly budgets: BudgetBook;
	/** Every internal error so far (see SandboxOptions.onInternalError). */
	readonly internalErrors: readonly SandboxInternalError[];
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const region = options.region ?? 'us-west-2';
	const host = options.host ?? '127.0.0.1';
	if (isIP(host) === 0) throw new SandboxHostError(`The sandbox listens on an IP address, not ${JSON.stringify(host)}.`);
	const adminToken = options.adminToken ?? randomBytes(32).toString('base64url');
	// The control route may be reached over a network only with a token no one can guess in place.
	if (adminToken.length < 32 || !/^[\x21-\x7e]+$/.test(adminToken))
		throw new SandboxHostError('The sandbox admin token must be at least 32 visible ASCII characters.');
	const clock = options.clock ?? (() => new Date());
	const parseScp = ({name, document}: {readonly name: string; readonly document: string}): NamedPolicy => {
		const parsed = parsePolicyDocument(document);
		if (!parsed.ok) throw new SandboxPolicyError(`The service control policy ${name} is not a policy: ${parsed.errors.join('; ')}`);
		return {name, document: parsed.document};
	};
	const catalog = bundledCatalog();
	const data = (options.statePath ? loadState(options.statePath) : undefined) ?? emptyAccount(sandboxAccountId);
	// The obstacles a state file kept, unless the options (the command's flags) say otherwise.
	const settings = {
		subscriptionDelayMs: options.subscriptionDelayMs ?? data.settings?.subscriptionDelayMs ?? 0,
		subscriptionOutcome: options.subscriptionOutcome ?? data.settings?.subscriptionOutcome ?? 'available',
		useCaseForm: options.useCaseForm ?? data.settings?.useCaseForm ?? 'submitted',
		serviceControlPolicies: options.serviceControlPolicies ?? data.settings?.serviceControlPolicies ?? [],
		legacyModelsInUse: legacyModelIds(
			catalog,
			options.legacyModelsInUse ?? data.settings?.legacyModelsInUse ?? [],
			(message) => new SandboxSettingsError(message),
		),
	};
	data.settings = settings;
	// One list, read by every authorization and replaced in place by `/_sandbox/account`.
	const serviceControlPolicies: NamedPolicy[] = settings.serviceControlPolicies.map(parseScp);
	const admin = ensureAdmin(data, clock());
	const state = new AccountState({
		data,
		clock,
		propagationDelayMs: options.propagationDelayMs ?? 0,
		subscriptionDelayMs: settings.subscriptionDelayMs,
		subscriptionOutcome: settings.subscriptionOutcome,
		useCaseForm: settings.useCaseForm,
		legacyModelsInUse: settings.legacyModelsInUse,
		...(options.statePath ? {statePath: options.statePath} : {}),
	});
	state.flush();

	const faults = new FaultInjector();
	for (const spec of parseFaultList(options.faults ?? '')) faults.add(spec);

	const internalErrors: SandboxInternalError[] = [];
	const onInternalError = (error: SandboxInternalError): void => {
		internalErrors.push(error);
		options.log?.(`internal error in ${error.where}: ${error.message}`);
		options.onInternalError?.(error);
	};

	const quotas = new QuotaBook(catalog);
	// Quotas set and increases requested are kept with --state (as users and keys are).
	if (data.quotas) quotas.restore(data.quotas);
	quotas.onChange = () => state.mutate((draft) => void (draft.quotas = quotas.snapshot()));
	const budgets = new BudgetBook(state);
	const handle = createPlatform({
		state,
		faults,
		region,
		clock,
		bedrock: createBedrockRouter({catalog}),
		runtime: createRuntimeRouter({catalog, quotas}),
		serviceQuotas: createServiceQuotasRouter(quotas),
		cloudTrail: createCloudTrailRouter({records: () => state.runtimeCalls(), accountId: data.accountId}),
		budgets: createBudgetsRouter(budgets, state),
		accessAnalyzer: createAccessAnalyzerRouter(),
		mantle: createMantleRouter({catalog, quotas}),
		admin: {token: adminToken, host, account: accountControl(state, serviceControlPolicies, parseScp, catalog), quotas, budgets, clock},
		serviceControlPolicies,
		...(options.log ? {log: options.log} : {}),
		onInternalError,
	});
	const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
	const transport = await startTransport({
		host,
		port: options.port ?? 0,
		maxBodyBytes,
		...(options.limits ? {limits: options.limits} : {}),
		handle,
		tooLarge: (headers) =>
			protocolError(headers, new AwsServiceError('RequestEntityTooLarge', `Request body is larger than the ${maxBodyBytes} bytes this endpoint accepts.`, 413)),
		busy: (headers) =>
			protocolError(
				headers,
				guessProtocol(headers) === 'query'
					? new AwsServiceError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503)
					: new AwsServiceError('ServiceUnavailableException', 'Service is unavailable. Try again later.', 503),
			),
		internalError: (headers) => protocolError(headers, new AwsServiceError('InternalFailure', 'An internal error occurred.', 500)),
		onFailure: (error) => onInternalError({where: 'transport', status: 0, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error)}),
	});

	let closed = false;
	// Every interface includes loopback: this machine reaches the sandbox there.
	const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : isIP(host) === 6 ? `[${host}]` : host;
	return {
		endpoint: `http://${reachable}:${transport.port}`,
		regionalEndpoint: `http://${reachable}:${transport.port}/region/{region}`,
		mantleEndpoint: `http://${reachable}:${transport.port}/region/{region}${mantlePrefix}`,
		host,
		adminToken,
		port: transport.port,
		region,
		accountId: data.accountId,
		admin,
		faults,
		store: state,
		quotas,
		budgets,
		internalErrors,
		close: async () => {
			if (closed) return;
			closed = true;
			await transport.close();
			state.flush();
		},
	};
}

/** A `host` or admin token the sandbox cannot listen with. */
export class SandboxHostError extends Error {
	override name = 'SandboxHostError';
}

/** A service control policy given to the sandbox that does not parse as a policy. */
export class SandboxPolicyError extends Error {
	override name = 'SandboxPolicyError';
}

/** Another account setting the sandbox cannot play (a LEGACY model it does not know). */
export class SandboxSettingsError extends Error {
	override name = 'SandboxSettingsError';
}

/**
 * `--legacy-in-use` / `legacyModelsInUse`: `'all'`, or ids the catalog knows, each a foundation model id or an
 * inference profile id (kept as its model's id, since that is what the account has used); anything else is
 * refused by `refuse`, naming it.
 */
export function legacyModelIds(catalog: Catalog, value: unknown, refuse: (message: string) => Error): LegacyModelsInUse {
	if (value === 'all') return 'all';
	if (!Array.isArray(value) || value.some((id) => typeof id !== 'string'))
		throw refuse('legacyModelsInUse must be "all" or a list of model ids, such as ["anthropic.claude-3-haiku-20240307-v1:0"].');
	const ids = (value as string[]).map((id) => id.trim()).filter((id) => id !== '');
	const unknown = ids.filter((id) => !findModel(catalog, id) && !findProfile(catalog, id));
	if (unknown.length > 0)
		throw refuse(
			`Unknown model ${unknown.map((id) => JSON.stringify(id)).join(', ')}: give foundation model or inference profile ids, such as anthropic.claude-3-haiku-20240307-v1:0, or "all".`,
		);
	return [...new Set(ids.map((id) => findModel(catalog, id)?.modelId ?? findProfile(catalog, id)!.modelId))];
}

function protocolError(headers: Readonly<Record<string, string>>, error: AwsServiceError): SandboxResponse {
	const requestId = newRequestId();
	return guessProtocol(headers) === 'query' ? queryError(error, iamNamespace, requestId) : jsonError(error, requestId);
}

/**
 * The admin identity: an IAM user with AdministratorAccess attached (so simulating its policies means
 * something) and one access key. A loaded state keeps its admin; a damaged admin is repaired.
 */
function ensureAdmin(data: AccountData, now: Date): SandboxAdmin {
	let user = data.users.find((candidate) => candidate.userName === sandboxAdminUserName);
	if (!user) {
		user = {
			userName: sandboxAdminUserName,
			userId: newUserId(),
			path: '/',
			arn: iamUserArn(data.accountId, sandboxAdminUserName),
			createDate: now.toISOString(),
			tags: [],
			inlinePolicies: {},
			attachedPolicies: [],
		};
		data.users.push(user);
	}
	if (!user.attachedPolicies.includes(AdministratorAccess.arn)) user.attachedPolicies.push(AdministratorAccess.arn);
	let key = data.accessKeys.find((candidate) => candidate.userName === sandboxAdminUserName && candidate.status === 'Active');
	if (!key) {
		const own = data.accessKeys.filter((candidate) => candidate.userName === sandboxAdminUserName);
		// Keep within the 2-keys quota: an inactive leftover makes room for the new key.
		if (own.length >= 2) data.accessKeys = data.accessKeys.filter((candidate) => candidate !== own[0]);
		key = {
			accessKeyId: newAccessKeyId(),
			secretAccessKey: newSecretAccessKey(),
			userName: sandboxAdminUserName,
			status: 'Active',
			createDate: now.toISOString(),
		};
		data.accessKeys.push(key);
	}
	return {accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, arn: user.arn};
}

/** `/_sandbox/account`: the obstacles of a real account, read and changed while the sandbox runs. */
function accountControl(
	state: AccountState,
	serviceControlPolicies: NamedPolicy[],
	parse: (policy: {readonly name: string; readonly document: string}) => NamedPolicy,
	catalog: Catalog,
): AccountControl {
	return {
		settings: () => ({
			subscriptionDelayMs: state.subscriptionDelayMs,
			subscriptionOutcome: state.subscriptionOutcome,
			useCaseForm: state.useCaseForm() === undefined ? 'missing' : 'submitted',
			serviceControlPolicies: serviceControlPolicies.map((policy) => policy.name),
			legacyModelsInUse: state.legacyModelsInUse(),
		}),
		update(patch) {
			const {subscriptionDelayMs, subscriptionOutcome, useCaseForm, serviceControlPolicies: policies, legacyModelsInUse: legacy} = patch;
			const known = ['subscriptionDelayMs', 'subscriptionOutcome', 'useCaseForm', 'serviceControlPolicies', 'legacyModelsInUse'];
			const unknown = Object.keys(patch).filter((key) => !known.includes(key));
			if (unknown.length > 0) throw new AccountSettingsError(`Unknown settings: ${unknown.join(', ')}.`);
			if (
				subscriptionDelayMs !== undefined &&
				(!Number.isInteger(subscriptionDelayMs) || (subscriptionDelayMs as number) < 0 || (subscriptionDelayMs as number) > 3_600_000)
			)
				throw new AccountSettingsError('subscriptionDelayMs must be a whole number of milliseconds from 0 to 3,600,000.');
			if (useCaseForm !== undefined && useCaseForm !== 'missing' && useCaseForm !== 'submitted')
				throw new AccountSettingsError('useCaseForm must be "missing" or "submitted".');
			if (subscriptionOutcome !== undefined && !isSubscriptionOutcome(subscriptionOutcome))
				throw new AccountSettingsError('subscriptionOutcome must be "available" or "error".');
			const legacyModels = legacy === undefined ? undefined : legacyModelIds(catalog, legacy, (message) => new AccountSettingsError(message));
			let parsed: NamedPolicy[] | undefined;
			if (policies !== undefined) {
				if (!Array.isArray(policies)) throw new AccountSettingsError('serviceControlPolicies must be a list of {name, document}.');
				try {
					parsed = policies.map((policy: {name?: unknown; document?: unknown}) => {
						if (typeof policy?.name !== 'string' || typeof policy.document !== 'string')
							throw new AccountSettingsError('Each service control policy needs a name and a document (a JSON string).');
						return parse({name: policy.name, document: policy.document});
					});
				} catch (error) {
					throw error instanceof AccountSettingsError ? error : new AccountSettingsError((error as Error).message);
				}
			}
			// Checked in full before anything changes; kept in the state file, so a restart plays them again.
			state.mutate((data) => {
				data.settings = {
					...data.settings,
					...(subscriptionDelayMs !== undefined ? {subscriptionDelayMs: subscriptionDelayMs as number} : {}),
					...(subscriptionOutcome !== undefined ? {subscriptionOutcome} : {}),
					...(useCaseForm !== undefined ? {useCaseForm: useCaseForm as 'missing' | 'submitted'} : {}),
					...(legacyModels !== undefined ? {legacyModelsInUse: legacyModels} : {}),
					...(policies !== undefined
						? {serviceControlPolicies: (policies as Array<{name: string; document: string}>).map(({name, document}) => ({name, document}))}
						: {}),
				};
			});
			if (subscriptionDelayMs !== undefined) state.subscriptionDelayMs = subscriptionDelayMs as number;
			if (subscriptionOutcome !== undefined) state.subscriptionOutcome = subscriptionOutcome;
			if (useCaseForm !== undefined) state.setUseCaseForm(useCaseForm);
			if (legacyModels !== undefined) state.setLegacyModelsInUse(legacyModels);
			if (parsed) serviceControlPolicies.splice(0, serviceControlPolicies.length, ...parsed);
		},
	};
}
