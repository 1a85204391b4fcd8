/**
 * The sandbox's Bedrock quotas survive a restart with `--state`: a value set through the control route and an
 * increase filed with the tool's own Service Quotas client (aws/service-quotas.ts) are read back after the
 * sandbox starts again from the same file; a file whose quotas are damaged is refused, naming it.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {createQuotasPort} from '../../source/aws/service-quotas.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {controlRoute, startTestSandbox} from '../helpers/sandbox.js';

const HAIKU = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const port = (sandbox: RunningSandbox) => createQuotasPort({region: sandbox.region, endpointUrl: sandbox.endpoint, credentials: sandbox.admin});

describe('quotas in the state file', () => {
	it('keeps a value set and an increase requested across a restart', async () => {
		const statePath = join(mkdtempSync(join(tmpdir(), 'bkw-quota-state-')), 'sandbox.json');
		const first = await startTestSandbox({statePath});
		const code = first.quotas.of(HAIKU, 'cross-region-tpm')!.code;
		try {
			const set = await controlRoute(first.endpoint, first.adminToken, {route: 'quotas', body: {modelId: HAIKU, kind: 'cross-region-tpm', value: 1234}});
			expect(set.status).toBe(200);
			const filed = await port(first).requestIncrease('bedrock', code, 500_000);
			expect(filed.status).toBe('PENDING');
		} finally {
			await first.close();
		}
		const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {quotas: {values: Record<string, number>; requests: Array<{code: string}>}};
		expect(saved.quotas.values).toEqual({[code]: 1234});
		expect(saved.quotas.requests.map((request) => request.code)).toEqual([code]);

		const second = await startTestSandbox({statePath});
		try {
			const quotas = await port(second).list('bedrock');
			expect(quotas.find((quota) => quota.code === code)!.value).toBe(1234);
			// A quota nobody set keeps the sandbox's default.
			expect(quotas.find((quota) => quota.code === second.quotas.of(HAIKU, 'on-demand-tpm')!.code)!.value).toBe(
				second.quotas.of(HAIKU, 'on-demand-tpm')!.value,
			);
			const pending = await port(second).pendingRequests('bedrock');
			expect(pending.map((request) => [request.quotaCode, request.desiredValue, request.status])).toEqual([[code, 500_000, 'PENDING']]);
			// The restored value is enforced as set.
			expect(second.quotas.get(code)!.enforced).toBe(true);
		} finally {
			await second.close();
		}
	});

	it('refuses a state file whose quotas are damaged, naming it', async () => {
		const statePath = join(mkdtempSync(join(tmpdir(), 'bkw-quota-bad-')), 'sandbox.json');
		const first = await startTestSandbox({statePath});
		await first.close();
		const data = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
		writeFileSync(statePath, JSON.stringify({...data, quotas: {values: {'L-1': 'many'}, requests: []}}), {mode: 0o600});
		await expect(startTestSandbox({statePath})).rejects.toThrow(/sandbox\.json cannot be used: a quota value is not a number/);
	});
});
