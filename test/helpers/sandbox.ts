/**
 * Test helpers: a sandbox on a random loopback port, and REAL AWS SDK v3 clients pointed at it
 * (no mocks). Each client gets explicit credentials or a token, never the developer's environment.
 */
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

import {AccessAnalyzerClient} from '@aws-sdk/client-accessanalyzer';
import {BedrockClient, CreateFoundationModelAgreementCommand, ListFoundationModelAgreementOffersCommand} from '@aws-sdk/client-bedrock';
import {BedrockRuntimeClient} from '@aws-sdk/client-bedrock-runtime';
import {
	CreateAccessKeyCommand,
	CreateServiceSpecificCredentialCommand,
	CreateUserCommand,
	IAMClient,
	ListServiceSpecificCredentialsCommand,
	PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {STSClient} from '@aws-sdk/client-sts';
import {createAwsSession, type AwsSession} from '../../source/aws/index.js';
import {startSandbox, type FaultRule, type FaultSpec, type RunningSandbox, type SandboxOptions} from '../../source/sandbox/index.js';
import {noteSandboxInternalError} from './sandbox-errors.js';

export interface AccessKey {
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
}

export interface ClientOptions {
	/** Defaults to the sandbox admin. */
	readonly credentials?: AccessKey;
	/** Defaults to 1, so a test sees the first answer rather than the SDK's retries. */
	readonly maxAttempts?: number;
	readonly region?: string;
}

const common = (sandbox: RunningSandbox, options: ClientOptions = {}) => ({
	region: options.region ?? sandbox.region,
	endpoint: sandbox.endpoint,
	// A copy: the SDK writes bookkeeping fields ($source) into the credentials object it is given.
	credentials: {...(options.credentials ?? {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey})},
	maxAttempts: options.maxAttempts ?? 1,
});

export const iamClient = (sandbox: RunningSandbox, options?: ClientOptions): IAMClient => new IAMClient(common(sandbox, options));
export const stsClient = (sandbox: RunningSandbox, options?: ClientOptions): STSClient => new STSClient(common(sandbox, options));
export const bedrockClient = (sandbox: RunningSandbox, options?: ClientOptions): BedrockClient => new BedrockClient(common(sandbox, options));

/** Subscribes the account to `modelId` as the console does: its first offer, then the agreement (the admin's Bedrock client unless given one). */
export async function subscribeWithSdk(target: RunningSandbox | BedrockClient, modelId: string): Promise<void> {
	const bedrock = target instanceof BedrockClient ? target : bedrockClient(target);
	const {offers} = await bedrock.send(new ListFoundationModelAgreementOffersCommand({modelId}));
	await bedrock.send(new CreateFoundationModelAgreementCommand({modelId, offerToken: offers![0]!.offerToken!}));
}
export const analyzerClient = (sandbox: RunningSandbox, options?: ClientOptions): AccessAnalyzerClient => new AccessAnalyzerClient(common(sandbox, options));
export const runtimeClient = (sandbox: RunningSandbox, options?: ClientOptions): BedrockRuntimeClient => new BedrockRuntimeClient(common(sandbox, options));

/** A Bedrock Runtime client that authenticates with an API key only (bearer), as the wizard's probes do. */
export const bearerRuntimeClient = (sandbox: RunningSandbox, token: string, options: {maxAttempts?: number; region?: string} = {}): BedrockRuntimeClient =>
	new BedrockRuntimeClient({
		region: options.region ?? sandbox.region,
		endpoint: sandbox.endpoint,
		token: {token},
		authSchemePreference: ['httpBearerAuth'],
		maxAttempts: options.maxAttempts ?? 1,
	});

export const bearerBedrockClient = (sandbox: RunningSandbox, token: string): BedrockClient =>
	new BedrockClient({region: sandbox.region, endpoint: sandbox.endpoint, token: {token}, authSchemePreference: ['httpBearerAuth'], maxAttempts: 1});

/**
 * Starts a sandbox on a free port; call `close()` in afterAll/afterEach. Its internal errors (a 5xx no
 * fault injected) fail the running test (test/setup.ts).
 */
export const startTestSandbox = (options: SandboxOptions = {}): Promise<RunningSandbox> =>
	startSandbox({
		port: 0,
		faults: '',
		...options,
		onInternalError: (error) => {
			noteSandboxInternalError(`sandbox internal error in ${error.where} (${error.status}): ${error.message}`);
			options.onInternalError?.(error);
		},
	});

export interface ProvisionedUser {
	readonly userName: string;
	readonly arn: string;
	readonly accessKey: AccessKey;
	readonly apiKey?: string;
}

/** An API key's policy that allows one foundation model in one Region, as a person writes it by hand. */
export const oneModelKeyPolicy = (modelId: string, region = 'us-west-2'): object => ({
	Version: '2012-10-17',
	Statement: [
		{Effect: 'Allow', Action: 'bedrock:CallWithBearerToken', Resource: '*'},
		{Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: `arn:aws:bedrock:${region}::foundation-model/${modelId}`},
	],
});

/** Creates a user with an inline policy, an access key and (optionally) a long-term API key, through the admin's IAM client. */
export async function provisionUser(
	sandbox: RunningSandbox,
	userName: string,
	policy: object | undefined,
	options: {apiKey?: boolean; credentialAgeDays?: number} = {},
): Promise<ProvisionedUser> {
	const iam = iamClient(sandbox);
	const created = await iam.send(new CreateUserCommand({UserName: userName}));
	if (policy) await iam.send(new PutUserPolicyCommand({UserName: userName, PolicyName: 'policy', PolicyDocument: JSON.stringify(policy)}));
	const key = await iam.send(new CreateAccessKeyCommand({UserName: userName}));
	let apiKey: string | undefined;
	if (options.apiKey) {
		const credential = await iam.send(
			new CreateServiceSpecificCredentialCommand({
				UserName: userName,
				ServiceName: 'bedrock.amazonaws.com',
				...(options.credentialAgeDays ? {CredentialAgeDays: options.credentialAgeDays} : {}),
			}),
		);
		apiKey = credential.ServiceSpecificCredential?.ServiceCredentialSecret;
	}
	return {
		userName,
		arn: created.User?.Arn ?? '',
		accessKey: {accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? ''},
		...(apiKey ? {apiKey} : {}),
	};
}

/** A new user holding `count` Bedrock API keys whose secrets nobody holds, as runs killed before they saved would leave it. Returns the keys' ids. */
export async function userWithApiKeys(sandbox: RunningSandbox, userName: string, count: number, options: {credentialAgeDays?: number} = {}): Promise<string[]> {
	const iam = iamClient(sandbox);
	await iam.send(new CreateUserCommand({UserName: userName}));
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const made = await iam.send(
			new CreateServiceSpecificCredentialCommand({
				UserName: userName,
				ServiceName: 'bedrock.amazonaws.com',
				...(options.credentialAgeDays ? {CredentialAgeDays: options.credentialAgeDays} : {}),
			}),
		);
		ids.push(made.ServiceSpecificCredential!.ServiceSpecificCredentialId!);
	}
	return ids;
}

/** The ids of the Bedrock API keys `userName` holds, in IAM's order. */
export const apiKeyIds = async (sandbox: RunningSandbox, userName: string): Promise<string[]> =>
	(
		(await iamClient(sandbox).send(new ListServiceSpecificCredentialsCommand({UserName: userName, ServiceName: 'bedrock.amazonaws.com'})))
			.ServiceSpecificCredentials ?? []
	).map((key) => key.ServiceSpecificCredentialId!);

/**
 * A request to a sandbox's control route (`/_sandbox/faults`, or `/_sandbox/account`) as its operator makes it: the admin token
 * from the sandbox's JSON line (or RunningSandbox.adminToken), and a JSON body when there is one.
 */
export const controlRoute = (
	endpoint: string,
	adminToken: string,
	init: {method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; route?: 'faults' | 'account' | 'quotas' | 'budgets'} = {},
): Promise<Response> =>
	fetch(`${endpoint}/_sandbox/${init.route ?? 'faults'}`, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers: {authorization: `Bearer ${adminToken}`, ...(init.body === undefined ? {} : {'content-type': 'application/json'})},
		...(init.body === undefined ? {} : {body: JSON.stringify(init.body)}),
	});

/** Awaits a rejected promise and returns the error, failing if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<Error & {$metadata?: {httpStatusCode?: number}; $fault?: string}> {
	try {
		await promise;
	} catch (error) {
		return error as Error & {$metadata?: {httpStatusCode?: number}};
	}
	throw new Error('expected the call to fail, but it succeeded');
}

/** A fault that never fired proves nothing: the test that set it fails. */
export class FaultNeverFiredError extends Error {
	override name = 'FaultNeverFiredError';
}

/**
 * Runs `work` with one fault rule in force (and no other), then clears the sandbox's faults; fails if the
 * rule never fired. See withFaultCounted for how often it did.
 */
export async function withFault<T>(sandbox: RunningSandbox, spec: FaultSpec, work: () => Promise<T>): Promise<T> {
	return (await withFaultCounted(sandbox, spec, work)).result;
}

export async function withFaultCounted<T>(sandbox: RunningSandbox, spec: FaultSpec, work: () => Promise<T>): Promise<{result: T; fired: number}> {
	const {result, fired} = await withFaults(sandbox, [spec], work);
	return {result, fired: fired[0]!};
}

/** withFault for several rules at once (one on an apply step and one on its rollback, say): each must fire. */
export async function withFaults<T>(sandbox: RunningSandbox, specs: readonly FaultSpec[], work: () => Promise<T>): Promise<{result: T; fired: number[]}> {
	sandbox.faults.clear();
	const rules: FaultRule[] = specs.map((spec) => sandbox.faults.add(spec));
	let result: T;
	try {
		result = await work();
	} finally {
		sandbox.faults.clear();
	}
	const silent = specs
		.filter((_spec, index) => rules[index]!.fired === 0)
		.map((spec) => `${spec.operation}:${spec.kind}${spec.after ? ` after ${spec.after}` : ''}`);
	if (silent.length > 0)
		throw new FaultNeverFiredError(`The fault${silent.length === 1 ? '' : 's'} ${silent.join(', ')} never fired: the case injected nothing there.`);
	return {result, fired: rules.map((rule) => rule.fired)};
}

/** The environment that makes a CLI run act as the sandbox's admin (credentials by env var, never argv). */
export const adminEnv = (sandbox: RunningSandbox): Record<string, string> => ({
	AWS_ACCESS_KEY_ID: sandbox.admin.accessKeyId,
	AWS_SECRET_ACCESS_KEY: sandbox.admin.secretAccessKey,
});

/** The tool's own AWS adapters (the real SDK clients) acting as the sandbox's admin. */
export const adminSession = (sandbox: RunningSandbox, region = 'us-west-2'): AwsSession =>
	createAwsSession({
		region,
		endpointUrl: sandbox.endpoint,
		credentials: {accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey},
	});
