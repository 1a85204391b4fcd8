/** The composition root of everything AWS: one place builds the clients for a target. */
import type {AccessAnalyzerClient} from '@aws-sdk/client-accessanalyzer';
import {BedrockClient} from '@aws-sdk/client-bedrock';
import {IAMClient} from '@aws-sdk/client-iam';
import {STSClient} from '@aws-sdk/client-sts';
import type {AnalyzerPort, AwsPorts, ProbePort, RequestGate} from '../flows/ports.js';
import {createAgreementPort} from './agreements.js';
import {createCatalogPort} from './catalog.js';
import {operatorClientConfig, type AwsTarget} from './client-config.js';
import {createIdentityPort} from './identity.js';
import {createIamPort} from './iam.js';
import {translateErrors} from './errors.js';
import {gateRequests} from './request-gate.js';
import {shortTermKeyPort} from './short-term-keys.js';
import {once} from '../core/once.js';

export type {AwsTarget} from './client-config.js';
export {describePrincipal} from './identity.js';

export interface AwsSession extends AwsPorts {
	/** Closes every client's connections. */
	close(): void;
}

export interface SessionOptions {
	/** Paces every IAM request (workshops make hundreds); with it, the caller does its own retries. */
	readonly iamGate?: RequestGate;
	/** Attempts per IAM call (SDK default retry mode); 1 when the caller must see each failure itself. */
	readonly iamMaxAttempts?: number;
	/** Attempts per create of a user or key, each reconciled after a lost reply (aws/reconciled-create.ts). */
	readonly createAttempts?: number;
	/**
	 * false: the run calls no model (cleanup), so Bedrock Runtime's and Access Analyzer's clients load only
	 * at a first call. By default they start loading with the session, and are there before it.
	 */
	readonly callsModels?: boolean;
}

export function createAwsSession(target: AwsTarget, options: SessionOptions = {}): AwsSession {
	const config = operatorClientConfig(target);
	// IAM is global; its endpoint lives in us-east-1 (commercial partition).
	const iam = new IAMClient({...operatorClientConfig(target, 'us-east-1'), ...(options.iamMaxAttempts ? {maxAttempts: options.iamMaxAttempts} : {})});
	// Creates go one attempt at a time, retried with reconciliation (aws/reconciled-create.ts).
	const iamOnce = new IAMClient({...operatorClientConfig(target, 'us-east-1'), maxAttempts: 1});
	if (options.iamGate) {
		gateRequests(iam, options.iamGate);
		gateRequests(iamOnce, options.iamGate);
	}
	const sts = new STSClient(config);
	const bedrockClients = new Map<string, BedrockClient>();
	const bedrockFor = (region: string): BedrockClient => {
		let client = bedrockClients.get(region);
		if (!client) {
			bedrockClients.set(region, (client = new BedrockClient(operatorClientConfig(target, region))));
			translateErrors(client, 'bedrock');
		}
		return client;
	};
	// Access Analyzer and Bedrock Runtime (the probes) are chunks of their own, loaded with the session
	// unless the run calls no model: cleanup loads neither SDK client (test/package/import-graph.test.ts).
	let analyzer: AccessAnalyzerClient | undefined;
	const analyzerPort = once(async (): Promise<AnalyzerPort> => {
		const opened = (await import('./analyzer.js')).openAnalyzer(config);
		analyzer = opened.client;
		return opened.port;
	});
	const probePort = once(async (): Promise<ProbePort> => (await import('./probes.js')).createProbePort(target.endpointUrl, target.requestTimeoutMs));
	// Loading them takes a moment: begun now, it never delays a call, nor the verification's timing.
	if (options.callsModels !== false) {
		void probePort();
		void analyzerPort();
	}
	// Every client throws AwsFailure, never the SDK's exceptions: the flows see one error model.
	translateErrors(iam, 'iam');
	translateErrors(iamOnce, 'iam');
	translateErrors(sts, 'sts');
	return {
		identity: createIdentityPort(sts),
		catalog: createCatalogPort(bedrockFor),
		iam: createIamPort(iam, iamOnce, options.createAttempts ?? 4),
		analyzer: {
			validate: async (document) => (await analyzerPort()).validate(document),
			checkAccessNotGranted: async (document, actions, resources) => (await analyzerPort()).checkAccessNotGranted(document, actions, resources),
			checkNoNewAccess: async (newDocument, existingDocument) => (await analyzerPort()).checkNoNewAccess(newDocument, existingDocument),
		},
		probes: {run: async (call) => (await probePort()).run(call)},
		shortTermKeys: shortTermKeyPort,
		agreements: createAgreementPort(bedrockFor(target.region)),
		close() {
			for (const client of [iam, iamOnce, sts, ...(analyzer ? [analyzer] : []), ...bedrockClients.values()]) client.destroy();
		},
	};
}
