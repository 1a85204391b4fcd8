/** IAM Access Analyzer: AWS's own linter, and a proof that the forbidden models are not granted. */
import {
	AccessAnalyzerClient,
	type AccessAnalyzerClientConfig,
	CheckAccessNotGrantedCommand,
	CheckNoNewAccessCommand,
	ValidatePolicyCommand,
} from '@aws-sdk/client-accessanalyzer';
import type {AnalyzerFinding, AnalyzerPort} from '../flows/ports.js';
import {isAwsFailure} from '../core/aws-failure.js';
import {translateErrors} from './errors.js';

/**
 * The client is made here, from the named exports this file uses, so that the bundle keeps these three
 * commands only: a dynamic import() of the SDK package keeps all of its ~40 commands (about 14 KB of the
 * tarball). The caller destroys the client it gets back.
 */
export function openAnalyzer(config: AccessAnalyzerClientConfig): {readonly client: AccessAnalyzerClient; readonly port: AnalyzerPort} {
	const client = new AccessAnalyzerClient(config);
	translateErrors(client, 'access-analyzer');
	return {client, port: createAnalyzerPort(client)};
}

function createAnalyzerPort(client: AccessAnalyzerClient): AnalyzerPort {
	/** Not permitted (or not offered by the endpoint) is a notice, not a failure: undefined. */
	const optional = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
		try {
			return await call();
		} catch (error) {
			if (isAwsFailure(error, 'refused', 'unsupported', 'not-found', 'unauthenticated')) return undefined;
			throw error;
		}
	};
	return {
		validate: (document) =>
			optional(async () => {
				const findings: AnalyzerFinding[] = [];
				let nextToken: string | undefined;
				do {
					const page = await client.send(
						new ValidatePolicyCommand({policyDocument: document, policyType: 'IDENTITY_POLICY', ...(nextToken ? {nextToken} : {})}),
					);
					for (const finding of page.findings ?? []) {
						findings.push({type: finding.findingType as AnalyzerFinding['type'], code: finding.issueCode ?? '', message: finding.findingDetails ?? ''});
					}
					nextToken = page.nextToken;
				} while (nextToken);
				return findings;
			}),
		checkAccessNotGranted: (document, actions, resources) =>
			optional(async () => {
				const answer = await client.send(
					new CheckAccessNotGrantedCommand({
						policyDocument: document,
						policyType: 'IDENTITY_POLICY',
						access: [{actions: [...actions], resources: [...resources]}],
					}),
				);
				return answer.result === 'PASS' ? 'PASS' : 'FAIL';
			}),
		checkNoNewAccess: (newDocument, existingDocument) =>
			optional(async () => {
				const answer = await client.send(
					new CheckNoNewAccessCommand({newPolicyDocument: newDocument, existingPolicyDocument: existingDocument, policyType: 'IDENTITY_POLICY'}),
				);
				return answer.result === 'PASS' ? 'PASS' : 'FAIL';
			}),
	};
}
