/**
 * The sandbox: a local AWS (IAM, STS, Access Analyzer, Bedrock, Bedrock Runtime) on 127.0.0.1 that
 * the unmodified AWS SDK clients reach through an endpoint override. See docs/architecture.md, 'The sandbox'.
 */
import {iamUserArn} from '../core/arn.js';
import {bundledCatalog} from '../core/catalog/index.js';
import {AdministratorAccess} from '../core/iam/index.js';
import {createAccessAnalyzerRouter} from './access-analyzer.js';
import {createBedrockRouter} from './bedrock/index.js';
import {FaultInjector, parseFaultList} from './faults.js';
import {createPlatform, guessProtocol} from './platform.js';
import {queryError, iamNamespace} from './protocols/query-xml.js';
import {jsonError} from './protocols/rest-json.js';
import {createRuntimeRouter} from './runtime/index.js';
import {startTransport} from './server.js';
import {AccountState} from './state/account.js';
import {newAccessKeyId, newRequestId, newSecretAccessKey, newUserId} from './state/ids.js';
import {emptyAccount, type AccountData} from './state/model.js';
import {loadState} from './state/persistence.js';
import {AwsServiceError, type SandboxInternalError, type SandboxResponse} from './contracts.js';

export {AwsServiceError, type SandboxInternalError} from './contracts.js';
export type {AccountState} from './state/account.js';
export {FaultInjector, parseFaultList, type FaultKind, type FaultRule, type FaultSpec, FaultSpecError} from './faults.js';
export {SandboxStateError} from './state/persistence.js';

export const sandboxAccountId = '123456789012';
export const sandboxAdminUserName = 'sandbox-admin';
/** AWS caps request bodies per service; 10 MiB is above anything the wizard sends. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	readonly port?: number;
	/** Keep the account in this JSON file (created if missing). */
	readonly statePath?: string;
	/** How long IAM changes take to reach Bedrock and Bedrock Runtime (default 0). */
	readonly propagationDelayMs?: number;
	readonly region?: string;
	readonly clock?: () => Date;
	/**
	 * Fault rules in the `BKW_SANDBOX_FAULTS` syntax (none by default). The sandbox reads no environment of
	 * its own: the command passes that variable from its environment (cli/).
	 */
	readonly faults?: string;
	readonly maxBodyBytes?: number;
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
	/**
	 * The endpoint with the Region in a path prefix (`{region}` to fill in), as AWS has one host name per
	 * Region: calls with a long-term API key carry no Region of their own, so this is how they name one.
	 */
	readonly regionalEndpoint: string;
	readonly port: number;
	readonly region: string;
	readonly accountId: string;
	readonly admin: SandboxAdmin;
	readonly faults: FaultInjector;
	readonly store: AccountState;
	/** Every internal error so far (see SandboxOptions.onInternalError). */
	readonly internalErrors: readonly SandboxInternalError[];
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const region = options.region ?? 'us-west-2';
	const clock = options.clock ?? (() => new Date());
	const data = (options.statePath ? loadState(options.statePath) : undefined) ?? emptyAccount(sandboxAccountId);
	const admin = ensureAdmin(data, clock());
	const state = new AccountState({
		data,
		clock,
		propagationDelayMs: options.propagationDelayMs ?? 0,
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

	const catalog = bundledCatalog();
	const handle = createPlatform({
		state,
		faults,
		region,
		clock,
		bedrock: createBedrockRouter({catalog}),
		runtime: createRuntimeRouter({catalog}),
		accessAnalyzer: createAccessAnalyzerRouter(),
		...(options.log ? {log: options.log} : {}),
		onInternalError,
	});
	const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
	const transport = await startTransport({
		host: '127.0.0.1',
		port: options.port ?? 0,
		maxBodyBytes,
		handle,
		tooLarge: (headers) =>
			protocolError(headers, new AwsServiceError('RequestEntityTooLarge', `Request body is larger than the ${maxBodyBytes} bytes this endpoint accepts.`, 413)),
		internalError: (headers) => protocolError(headers, new AwsServiceError('InternalFailure', 'An internal error occurred.', 500)),
		onFailure: (error) => onInternalError({where: 'transport', status: 0, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error)}),
	});

	let closed = false;
	return {
		endpoint: `http://127.0.0.1:${transport.port}`,
		regionalEndpoint: `http://127.0.0.1:${transport.port}/region/{region}`,
		port: transport.port,
		region,
		accountId: data.accountId,
		admin,
		faults,
		store: state,
		internalErrors,
		close: async () => {
			if (closed) return;
			closed = true;
			await transport.close();
			state.flush();
		},
	};
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
