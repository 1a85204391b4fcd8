/**
 * Service Quotas (docs/aws-facts.md, 'Quotas'): the account's Amazon Bedrock quotas, and increase requests.
 * AWS JSON 1.1 signed with SigV4 for `servicequotas`, sent with fetch: the SDK's signer and hash, which the
 * other clients bundle already, rather than one more SDK client for three calls.
 */
import {Hash} from '@smithy/hash-node';
import {SignatureV4} from '@smithy/signature-v4';
import type {QuotaIncrease, QuotasPort, ServiceQuotaInfo} from '../flows/ports.js';
import {operatorClientConfig, requestHandlerOptions, type AwsTarget} from './client-config.js';
import {toAwsFailure} from './errors.js';

const TARGET = 'ServiceQuotasV20190624';

class QuotasError extends Error {
	readonly $metadata: {httpStatusCode: number; requestId?: string};
	constructor(name: string, message: string, status: number, requestId?: string) {
		super(message);
		this.name = name;
		this.$metadata = {httpStatusCode: status, ...(requestId ? {requestId} : {})};
	}
}

export function createQuotasPort(target: AwsTarget, region = target.region): QuotasPort {
	const config = operatorClientConfig(target, region);
	const endpoint = new URL(config.endpoint ?? `https://servicequotas.${region}.amazonaws.com`);
	const signer = new SignatureV4({credentials: config.credentials, region, service: 'servicequotas', sha256: Hash.bind(null, 'sha256')});
	const timeoutMs = requestHandlerOptions(target).requestTimeout;

	async function call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
		try {
			const body = JSON.stringify(input);
			const path = endpoint.pathname.replace(/\/$/, '') || '/';
			const signed = await signer.sign({
				method: 'POST',
				protocol: endpoint.protocol,
				hostname: endpoint.hostname,
				...(endpoint.port ? {port: Number(endpoint.port)} : {}),
				path,
				query: {},
				headers: {
					host: endpoint.host,
					'content-type': 'application/x-amz-json-1.1',
					'x-amz-target': `${TARGET}.${operation}`,
				},
				body,
			});
			const response = await fetch(`${endpoint.protocol}//${endpoint.host}${path}`, {
				method: 'POST',
				headers: signed.headers,
				body,
				signal: AbortSignal.timeout(timeoutMs),
			});
			const text = await response.text();
			const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
			if (!response.ok) {
				const type = String(parsed['__type'] ?? response.headers.get('x-amzn-errortype') ?? 'UnknownError')
					.split('#')
					.pop()!
					.split(':')[0]!;
				const message = String(parsed['message'] ?? parsed['Message'] ?? response.statusText);
				throw new QuotasError(type, message, response.status, response.headers.get('x-amzn-requestid') ?? undefined);
			}
			return parsed as T;
		} catch (error) {
			throw toAwsFailure(error, `servicequotas:${operation}`);
		}
	}

	const toInfo = (quota: Record<string, unknown>): ServiceQuotaInfo => ({
		code: String(quota['QuotaCode'] ?? ''),
		name: String(quota['QuotaName'] ?? ''),
		value: Number(quota['Value'] ?? 0),
		adjustable: quota['Adjustable'] === true,
	});

	return {
		async list(serviceCode) {
			const quotas: ServiceQuotaInfo[] = [];
			let token: string | undefined;
			do {
				const page = await call<{Quotas?: Array<Record<string, unknown>>; NextToken?: string}>('ListServiceQuotas', {
					ServiceCode: serviceCode,
					MaxResults: 100,
					...(token ? {NextToken: token} : {}),
				});
				quotas.push(...(page.Quotas ?? []).map(toInfo));
				token = page.NextToken;
			} while (token);
			return quotas;
		},
		async requestIncrease(serviceCode, quotaCode, desiredValue): Promise<QuotaIncrease> {
			const {RequestedQuota: asked} = await call<{RequestedQuota?: Record<string, unknown>}>('RequestServiceQuotaIncrease', {
				ServiceCode: serviceCode,
				QuotaCode: quotaCode,
				DesiredValue: desiredValue,
			});
			return {
				id: String(asked?.['Id'] ?? ''),
				quotaCode,
				desiredValue,
				status: String(asked?.['Status'] ?? 'PENDING'),
				...(asked?.['CaseId'] ? {caseId: String(asked['CaseId'])} : {}),
			};
		},
		async pendingRequests(serviceCode) {
			const {RequestedQuotas: history} = await call<{RequestedQuotas?: Array<Record<string, unknown>>}>('ListRequestedServiceQuotaChangeHistory', {
				ServiceCode: serviceCode,
			});
			return (history ?? [])
				.filter((entry) => ['PENDING', 'CASE_OPENED'].includes(String(entry['Status'])))
				.map((entry) => ({
					id: String(entry['Id'] ?? ''),
					quotaCode: String(entry['QuotaCode'] ?? ''),
					desiredValue: Number(entry['DesiredValue'] ?? 0),
					status: String(entry['Status']),
					...(entry['CaseId'] ? {caseId: String(entry['CaseId'])} : {}),
				}));
		},
	};
}
