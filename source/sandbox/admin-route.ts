/**
 * `/_sandbox/account`: the real-account obstacles of the running sandbox (GET reads them; POST changes any
 * of `subscriptionDelayMs`, `subscriptionOutcome` ('available' | 'error'), `useCaseForm` ('missing' |
 * 'submitted'), `serviceControlPolicies` ([{name, document}], replacing the list), `legacyModelsInUse` ('all'
 * or a list of model ids, replacing it)), as `sandbox --subscription-delay-ms`, `--subscription-outcome`,
 * `--use-case-form`, `--org-policy` and `--legacy-in-use` set them at start.
 *
 * `/_sandbox/quotas`: the account's Bedrock quotas (service-quotas.ts). GET lists them (code, name, kind, model,
 * value) and the increase requests; POST sets one, `{"code": "L-…", "value": 1000}` or
 * `{"modelId": "anthropic.claude-haiku-4-5-20251001-v1:0", "kind": "cross-region-tpm", "value": 1000}`.
 *
 * `/_sandbox/budgets`: AWS Budgets' budgets (budgets.ts). GET lists them (name, limit, actual spend, actions with
 * their status, threshold, policy and users); POST sets a budget's spend as AWS's billing data would,
 * `{"budgetName": "bkw-workshop-x", "actualSpend": 120}` (and `forecastedSpend`), which at once runs every action
 * in STANDBY whose threshold it reaches.
 *
 * `/_sandbox/faults`: the control route for fault injection (see faults.ts).
 * GET lists the rules with calls left (`faults`) and every rule since the last clear with how often it
 * fired (`history`); POST adds one (or a list) as JSON `{operation, kind, times?, latencyMs?, after?}`;
 * DELETE clears them.
 *
 * Only the sandbox's operator may use it (docs/security.md, 'The control route'):
 * - the client runs on this machine (loopback, or an address of ours when `--host` shares the sandbox);
 * - it names the sandbox by an address of ours in `Host` (and in `Origin`, if it sends one), so a web page
 *   that rebinds its own name to 127.0.0.1 is refused;
 * - it sends `Authorization: Bearer <adminToken>`, the token in the sandbox's JSON line;
 * - a POST says `Content-Type: application/json` (a page's form or `text/plain` request cannot);
 * - the rules stay within FaultInjector's cap.
 */
import {timingSafeEqual} from 'node:crypto';
import type {SandboxHttpRequest, SandboxResponse} from './contracts.js';
import {FaultSpecError, type FaultInjector, type FaultSpec} from './faults.js';
import type {ConnectionInfo} from './server.js';
import type {QuotaBook, QuotaKind} from './service-quotas.js';
import type {BudgetBook} from './budgets.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

export interface AdminRouteOptions {
	readonly token: string;
	/** The address the sandbox listens on (named in Host by clients that reach it there). */
	readonly host: string;
	/** The account's obstacles, read and changed by `/_sandbox/account`. */
	readonly account?: AccountControl;
	/** The account's Bedrock quotas, read and set by `/_sandbox/quotas`. */
	readonly quotas?: QuotaBook;
	/** AWS Budgets' budgets, read and given a spend by `/_sandbox/budgets`. */
	readonly budgets?: BudgetBook;
	/** The sandbox's clock (when a spend is set). */
	readonly clock?: () => Date;
}

export interface AccountSettings {
	readonly subscriptionDelayMs: number;
	readonly subscriptionOutcome: 'available' | 'error';
	readonly useCaseForm: 'missing' | 'submitted';
	/** The names of the service control policies in force, every one evaluated. */
	readonly serviceControlPolicies: readonly string[];
	readonly legacyModelsInUse: 'all' | readonly string[];
}

export interface AccountControl {
	settings(): AccountSettings;
	/** Throws AccountSettingsError for a value it refuses (a 400 naming it). */
	update(patch: Readonly<Record<string, unknown>>): void;
}

export class AccountSettingsError extends Error {
	override name = 'AccountSettingsError';
}

const reply = (status: number, value: unknown): SandboxResponse => ({status, headers: {'content-type': 'application/json'}, body: JSON.stringify(value)});

/** `[::1]` for an IPv6 address, as it appears in a Host header; others as they are. */
const hostName = (address: string): string => (address.includes(':') ? `[${address.replace(/^::ffff:/, '')}]` : address);

function fromThisMachine(connection: ConnectionInfo): boolean {
	return loopback.has(connection.remoteAddress) || (connection.remoteAddress !== '' && connection.remoteAddress === connection.localAddress);
}

/** The `host:port` values that name this sandbox: loopback, the address it listens on, and the one this connection reached. */
function ownAuthorities(connection: ConnectionInfo, options: AdminRouteOptions): Set<string> {
	const names = new Set([...loopbackNames, hostName(options.host), hostName(connection.localAddress), connection.localAddress.replace(/^::ffff:/, '')]);
	return new Set([...names].filter(Boolean).map((name) => `${name}:${connection.localPort}`.toLowerCase()));
}

function tokenMatches(given: string | undefined, token: string): boolean {
	const match = /^Bearer\s+(\S+)$/i.exec(given ?? '');
	if (!match) return false;
	const a = Buffer.from(match[1] ?? '', 'utf8');
	const b = Buffer.from(token, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

export function handleAdminRoute(request: SandboxHttpRequest, connection: ConnectionInfo, faults: FaultInjector, options: AdminRouteOptions): SandboxResponse {
	if (!fromThisMachine(connection)) return reply(403, {message: 'The sandbox control routes answer clients on this machine only.'});
	const authorities = ownAuthorities(connection, options);
	const host = (request.headers['host'] ?? '').toLowerCase();
	if (!authorities.has(host))
		return reply(403, {message: `The Host header must name this sandbox (such as 127.0.0.1:${connection.localPort}), not ${JSON.stringify(host)}.`});
	const origin = request.headers['origin'];
	if (origin !== undefined && !authorities.has(origin.toLowerCase().replace(/^http:\/\//, '')))
		return reply(403, {message: `Requests from the web page ${JSON.stringify(origin)} are refused.`});
	if (!tokenMatches(request.headers['authorization'], options.token))
		return reply(401, {message: 'Send the adminToken of the sandbox\'s JSON line as "Authorization: Bearer <adminToken>".'});
	if (request.rawPath === '/_sandbox/account' && options.account) return accountRoute(request, options.account);
	if (request.rawPath === '/_sandbox/quotas' && options.quotas) return quotasRoute(request, options.quotas);
	if (request.rawPath === '/_sandbox/budgets' && options.budgets) return budgetsRoute(request, options.budgets, options.clock ?? (() => new Date()));
	if (request.rawPath !== '/_sandbox/faults')
		return reply(404, {
			message: `No sandbox control route ${request.rawPath}; try /_sandbox/faults, /_sandbox/account, /_sandbox/quotas or /_sandbox/budgets.`,
		});
	if (request.method === 'GET') return reply(200, {faults: faults.list(), history: faults.history()});
	if (request.method === 'DELETE') {
		faults.clear();
		return reply(200, {faults: [], history: []});
	}
	if (request.method !== 'POST') return reply(405, {message: 'Use GET, POST or DELETE.'});
	if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
		return reply(415, {message: 'Send the rules as Content-Type: application/json.'});
	let specs: FaultSpec[];
	try {
		const parsed: unknown = JSON.parse(request.body.toString('utf8'));
		specs = (Array.isArray(parsed) ? parsed : [parsed]) as FaultSpec[];
	} catch {
		return reply(400, {message: 'The body must be JSON: {"operation": "Converse", "kind": "throttle", "times": 2}.'});
	}
	try {
		faults.addAll(specs);
	} catch (error) {
		if (error instanceof FaultSpecError) return reply(400, {message: error.message});
		throw error;
	}
	return reply(200, {faults: faults.list(), history: faults.history()});
}

function accountRoute(request: SandboxHttpRequest, account: AccountControl): SandboxResponse {
	if (request.method === 'GET') return reply(200, account.settings());
	if (request.method !== 'POST') return reply(405, {message: 'Use GET or POST.'});
	if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
		return reply(415, {message: 'Send the settings as Content-Type: application/json.'});
	let patch: unknown;
	try {
		patch = JSON.parse(request.body.toString('utf8'));
	} catch {
		return reply(400, {message: 'The body must be JSON: {"subscriptionDelayMs": 20000, "useCaseForm": "missing"}.'});
	}
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return reply(400, {message: 'The body must be one JSON object.'});
	try {
		account.update(patch as Record<string, unknown>);
	} catch (error) {
		if (error instanceof AccountSettingsError) return reply(400, {message: error.message});
		throw error;
	}
	return reply(200, account.settings());
}

function quotasRoute(request: SandboxHttpRequest, quotas: QuotaBook): SandboxResponse {
	const listing = () => ({
		quotas: quotas.list().map(({code, name, kind, modelId, value}) => ({code, name, kind, modelId, value})),
		requests: quotas.requests().map((entry) => ({id: entry.id, code: entry.quota.code, desiredValue: entry.desiredValue, status: entry.status})),
	});
	if (request.method === 'GET') return reply(200, listing());
	if (request.method !== 'POST') return reply(405, {message: 'Use GET or POST.'});
	if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
		return reply(415, {message: 'Send the quota as Content-Type: application/json.'});
	let body: {code?: unknown; name?: unknown; modelId?: unknown; kind?: unknown; value?: unknown};
	try {
		body = JSON.parse(request.body.toString('utf8')) as typeof body;
	} catch {
		return reply(400, {message: 'The body must be JSON: {"code": "L-12345678", "value": 1000}.'});
	}
	if (typeof body !== 'object' || body === null || typeof body.value !== 'number' || !Number.isFinite(body.value) || body.value < 0)
		return reply(400, {message: 'Give "value", a number of at least 0, and "code", "name", or "modelId" with "kind".'});
	const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
	const code = text(body.code);
	const name = text(body.name);
	const modelId = text(body.modelId);
	const kind = text(body.kind) as QuotaKind | undefined;
	const quota = quotas.set({...(code ? {code} : {}), ...(name ? {name} : {}), ...(modelId ? {modelId} : {}), ...(kind ? {kind} : {})}, body.value);
	if (!quota) return reply(404, {message: 'No such quota: see GET /_sandbox/quotas for the codes, names, models and kinds.'});
	return reply(200, listing());
}

function budgetsRoute(request: SandboxHttpRequest, budgets: BudgetBook, clock: () => Date): SandboxResponse {
	const listing = () => ({
		budgets: budgets.list().map((budget) => ({
			name: budget.name,
			limit: budget.limit,
			actualSpend: budget.actualSpend,
			forecastedSpend: budget.forecastedSpend,
			actions: budget.actions.map((action) => {
				const iam = (action.definition['IamActionDefinition'] ?? {}) as {PolicyArn?: string; Users?: string[]};
				return {
					id: action.id,
					status: action.status,
					threshold: action.threshold,
					notificationType: action.notificationType,
					approvalModel: action.approvalModel,
					policyArn: iam.PolicyArn,
					users: iam.Users ?? [],
					...(action.failure ? {failure: action.failure} : {}),
				};
			}),
		})),
	});
	if (request.method === 'GET') return reply(200, listing());
	if (request.method !== 'POST') return reply(405, {message: 'Use GET or POST.'});
	if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
		return reply(415, {message: 'Send the spend as Content-Type: application/json.'});
	let body: {budgetName?: unknown; actualSpend?: unknown; forecastedSpend?: unknown};
	try {
		body = JSON.parse(request.body.toString('utf8')) as typeof body;
	} catch {
		return reply(400, {message: 'The body must be JSON: {"budgetName": "bkw-workshop-x", "actualSpend": 120}.'});
	}
	const amount = (value: unknown): number | undefined | false =>
		value === undefined ? undefined : typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : false;
	const actual = amount(body?.actualSpend);
	const forecasted = amount(body?.forecastedSpend);
	if (typeof body?.budgetName !== 'string' || actual === false || forecasted === false || (actual === undefined && forecasted === undefined))
		return reply(400, {message: 'Give "budgetName" and "actualSpend" (or "forecastedSpend"), a number of at least 0 in the budget\'s unit.'});
	const budget = budgets.setSpend(body.budgetName, {...(actual !== undefined ? {actual} : {}), ...(forecasted !== undefined ? {forecasted} : {})}, clock());
	if (!budget) return reply(404, {message: `No budget ${JSON.stringify(body.budgetName)}: see GET /_sandbox/budgets.`});
	return reply(200, listing());
}
