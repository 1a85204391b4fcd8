/**
 * Where AWS calls go: real AWS (default credential chain, --profile), an --endpoint-url, or a sandbox
 * started in-process by --sandbox. The rest of the tool cannot tell them apart.
 */
import type {ReportTarget} from '../core/verify/report.js';
import {isRegionName} from '../core/aws-limits.js';
import {Problem} from '../core/problem.js';
import type {AwsTarget} from '../aws/index.js';
import type {GlobalOptions} from './global-options.js';
import type {CliIo} from './io.js';
import {loadMessages} from './messages.js';

export interface OpenedTarget {
	readonly target: AwsTarget | undefined;
	readonly sandbox?: {readonly endpoint: string; readonly region: string; readonly accountId: string};
	close(): Promise<void>;
}

/** Propagation delay of a --sandbox run: long enough to show the wait, short enough for a demo. */
const SANDBOX_PROPAGATION_MS = 2000;

/** The Region the command was given: --region, else AWS_REGION or AWS_DEFAULT_REGION from its environment (as the AWS CLI reads them). */
export const configuredRegion = (global: Pick<GlobalOptions, 'region'>, env: CliIo['env']): string | undefined =>
	global.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];

/** A Region name has AWS's shape (core/aws-limits.ts); anything else is a typo. */
export function assertRegionName(region: string): void {
	if (!isRegionName(region)) {
		throw new Problem('usage', (m) => m.problems.flags.notRegionName(region));
	}
}

/** `BKW_AWS_TIMEOUT_MS`: how long one AWS request may take before it counts as lost (default 30 s). */
function requestTimeout(io: CliIo): {requestTimeoutMs?: number} {
	const value = Number(io.env['BKW_AWS_TIMEOUT_MS']);
	return Number.isFinite(value) && value > 0 ? {requestTimeoutMs: value} : {};
}

/** `BKW_SANDBOX_FAULTS` from the command's environment: the sandbox reads none of its own. */
export const sandboxFaults = (io: Pick<CliIo, 'env'>): {faults?: string} => {
	const faults = io.env['BKW_SANDBOX_FAULTS'];
	return faults ? {faults} : {};
};

export async function openTarget(global: GlobalOptions, io: CliIo, options: {requireRegion: boolean}): Promise<OpenedTarget> {
	if (global.sandbox) {
		if (global.endpointUrl) throw new Problem('usage', (m) => m.problems.flags.sandboxWithEndpoint());
		if (global.region) assertRegionName(global.region);
		const {startSandbox} = await import('../sandbox/index.js');
		const delay = Number(io.env['BKW_SANDBOX_PROPAGATION_MS'] ?? SANDBOX_PROPAGATION_MS);
		// A practice account's Marketplace subscriptions may be made to take a while, as AWS's do (2 to 15 minutes).
		const subscriptionDelay = Number(io.env['BKW_SANDBOX_SUBSCRIPTION_DELAY_MS'] ?? 0);
		const sandbox = await startSandbox({
			propagationDelayMs: Number.isFinite(delay) ? delay : SANDBOX_PROPAGATION_MS,
			...(Number.isFinite(subscriptionDelay) && subscriptionDelay > 0 ? {subscriptionDelayMs: subscriptionDelay} : {}),
			...sandboxFaults(io),
			...(global.region ? {region: global.region} : {}),
		});
		return {
			target: {
				region: sandbox.region,
				endpointUrl: sandbox.regionalEndpoint,
				credentials: {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey},
				...requestTimeout(io),
			},
			sandbox: {endpoint: sandbox.endpoint, region: sandbox.region, accountId: sandbox.accountId},
			close: async () => {
				await sandbox.close();
				// A 5xx no fault asked for is a sandbox bug: say so, or it passes for a bad day at AWS.
				const errors = sandbox.internalErrors;
				if (errors.length > 0) {
					const text = (await loadMessages(global.lang)).run.sandbox;
					io.stderr.write(
						`! ${text.internalErrors(
							errors.length,
							errors.map((error) => `${error.where}: ${error.message}`),
						)}\n`,
					);
				}
			},
		};
	}
	const region = configuredRegion(global, io.env);
	if (!region && options.requireRegion) throw new Problem('usage', (m) => m.problems.flags.noRegion());
	if (region) assertRegionName(region);
	// Explicit keys in the command's environment win (as in the SDK's chain); otherwise the SDK's full default chain.
	const accessKeyId = io.env['AWS_ACCESS_KEY_ID'];
	const secretAccessKey = io.env['AWS_SECRET_ACCESS_KEY'];
	const sessionToken = io.env['AWS_SESSION_TOKEN'];
	const credentials = !global.profile && accessKeyId && secretAccessKey ? {accessKeyId, secretAccessKey, ...(sessionToken ? {sessionToken} : {})} : undefined;
	return {
		target: region
			? {
					region,
					...requestTimeout(io),
					...(global.endpointUrl ? {endpointUrl: global.endpointUrl} : {}),
					...(global.profile ? {profile: global.profile} : {}),
					...(credentials ? {credentials} : {}),
				}
			: undefined,
		close: async () => {},
	};
}

/**
 * Where a run makes its key, for the report and the end of the run: the built-in sandbox (the key is gone
 * when the wizard exits), another endpoint (--endpoint-url), or AWS. The endpoint may hold `{region}`: the run
 * fills in the Region it makes the key in.
 */
export function reportTarget(opened: OpenedTarget | undefined): ReportTarget {
	const endpoint = opened?.target?.endpointUrl;
	if (opened?.sandbox && endpoint) return {kind: 'sandbox', endpoint};
	return endpoint ? {kind: 'endpoint', endpoint} : {kind: 'aws'};
}
