/**
 * Service Quotas (docs/aws-facts.md, 'Quotas'): the account's Amazon Bedrock quotas, and increase requests.
 * AWS JSON 1.1 signed for `servicequotas` (aws/json11.ts): no SDK client for three calls.
 */
import type {QuotaIncrease, QuotasPort, ServiceQuotaInfo} from '../flows/ports.js';
import type {AwsTarget} from './client-config.js';
import {json11Caller} from './json11.js';

export function createQuotasPort(target: AwsTarget, region = target.region): QuotasPort {
	const call = json11Caller(target, region, 'servicequotas', 'ServiceQuotasV20190624');

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
