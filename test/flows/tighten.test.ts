/**
 * proposeTightening and Access Analyzer's CheckNoNewAccess: "not available" (the port's undefined) is a
 * proposal without a verdict, which the front ends name; any other failure surfaces instead of being
 * taken for "not available".
 */
import {describe, expect, it} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {messagesFor} from '../../source/core/i18n/index.js';
import {proposeTightening, type TightenInput} from '../../source/flows/check/tighten.js';
import type {AnalyzerPort} from '../../source/flows/ports.js';

const input: TightenInput = {
	catalog: bundledCatalog(),
	region: 'us-west-2',
	accountId: '123456789012',
	modelIds: ['amazon.titan-embed-text-v2:0'],
	tokenType: 'LONG_TERM',
	streaming: false,
	user: {
		userName: 'alice',
		arn: 'arn:aws:iam::123456789012:user/alice',
		managedByTool: true,
		inline: [],
		attached: [{name: 'AmazonBedrockFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}],
		customerManaged: [],
		broad: [{name: 'AmazonBedrockFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess'}],
		guardrail: false,
		apiKeys: [],
		accessKeys: [],
	},
};

/** One model fits inline: no managed policy is looked up, so IAM is never called. */
const noIam = {
	getManagedPolicy: () => Promise.reject(new Error('not called for an inline policy')),
	listPolicyVersions: () => Promise.reject(new Error('not called for an inline policy')),
};

const analyzer = (checkNoNewAccess: AnalyzerPort['checkNoNewAccess']) => ({
	iam: noIam,
	analyzer: {
		validate: async () => [],
		checkAccessNotGranted: async () => 'PASS' as const,
		checkNoNewAccess,
	} satisfies AnalyzerPort,
});

describe('proposeTightening', () => {
	it("carries Access Analyzer's verdict on the proposal, compared with what the user holds", async () => {
		let compared: {proposed: string; existing: string} | undefined;
		const proposal = await proposeTightening(
			input,
			analyzer(async (proposed, existing) => {
				compared = {proposed, existing};
				return 'PASS';
			}),
			messagesFor('en'),
		);
		expect(proposal.noNewAccess).toBe('PASS');
		expect(compared?.proposed).toBe(proposal.plan.compiled.json);
		expect(compared?.existing).toContain('bedrock:*');
		expect(proposal.detach.map((policy) => policy.name)).toEqual(['AmazonBedrockFullAccess']);
	});

	it('Access Analyzer not available (the port says undefined): the proposal still stands, without a verdict', async () => {
		const proposal = await proposeTightening(
			input,
			analyzer(async () => undefined),
			messagesFor('en'),
		);
		expect(proposal.noNewAccess).toBeUndefined();
		expect(proposal.plan.compiled.json).toContain('amazon.titan-embed-text-v2:0');
	});

	it('any other failure of CheckNoNewAccess surfaces: it is not passed off as "not available"', async () => {
		const failure = Object.assign(new Error('We encountered an internal error. Please try again.'), {name: 'InternalServerException'});
		await expect(
			proposeTightening(
				input,
				analyzer(async () => {
					throw failure;
				}),
				messagesFor('en'),
			),
		).rejects.toBe(failure);
	});
});
