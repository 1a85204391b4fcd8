/**
 * The sandbox's evaluation (core/iam) knows the bedrock-mantle actions: with AmazonBedrockFullAccess attached,
 * a user holding the compiled policy (guardrail on) is refused every Mantle action by SimulatePrincipalPolicy,
 * while a user with FullAccess alone is allowed them: the side door the guardrail closes.
 */
import {CheckAccessNotGrantedCommand} from '@aws-sdk/client-accessanalyzer';
import {AttachUserPolicyCommand, CreateUserCommand, PutUserPolicyCommand, SimulatePrincipalPolicyCommand} from '@aws-sdk/client-iam';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {bundledCatalog} from '../../source/core/catalog/index.js';
import {en} from '../../source/core/i18n/en.js';
import {planPolicy} from '../../source/core/policy/index.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {AmazonBedrockFullAccess} from '../../source/core/iam/aws-managed-policies.js';
import {analyzerClient, iamClient, startTestSandbox} from '../helpers/sandbox.js';

const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess';

let sandbox: RunningSandbox;
let account: string;
beforeAll(async () => {
	sandbox = await startTestSandbox();
	account = sandbox.admin.arn.split(':')[4]!;
});
afterAll(async () => {
	await sandbox.close();
});

const mantleDecisions = async (userName: string): Promise<string[]> => {
	const iam = iamClient(sandbox);
	const user = `arn:aws:iam::${account}:user/${userName}`;
	const inference = await iam.send(
		new SimulatePrincipalPolicyCommand({
			PolicySourceArn: user,
			ActionNames: ['bedrock-mantle:CreateInference'],
			ResourceArns: [`arn:aws:bedrock-mantle:us-west-2:${account}:project/default`],
			ContextEntries: [{ContextKeyName: 'bedrock-mantle:Model', ContextKeyValues: ['openai.gpt-oss-120b'], ContextKeyType: 'string'}],
		}),
	);
	const signIn = await iam.send(
		new SimulatePrincipalPolicyCommand({PolicySourceArn: user, ActionNames: ['bedrock-mantle:CallWithBearerToken'], ResourceArns: ['*']}),
	);
	return [...(inference.EvaluationResults ?? []), ...(signIn.EvaluationResults ?? [])].map((entry) => entry.EvalDecision ?? '');
};

describe('the Mantle side door in the sandbox', () => {
	test('with AmazonBedrockFullAccess attached: refused with the guardrail, allowed without any policy of ours', async () => {
		const iam = iamClient(sandbox);
		const plan = planPolicy(
			{
				catalog: bundledCatalog(),
				region: 'us-west-2',
				accountId: account,
				modelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0'],
				apiKeyTypes: ['LONG_TERM'],
				streaming: true,
				guardrail: true,
			},
			en,
		);
		for (const userName of ['guarded', 'open']) {
			await iam.send(new CreateUserCommand({UserName: userName}));
			await iam.send(new AttachUserPolicyCommand({UserName: userName, PolicyArn: FULL_ACCESS}));
		}
		await iam.send(new PutUserPolicyCommand({UserName: 'guarded', PolicyName: 'bedrock-key-wizard', PolicyDocument: plan.compiled.json}));
		expect(await mantleDecisions('guarded')).toEqual(['explicitDeny', 'explicitDeny']);
		expect(await mantleDecisions('open')).toEqual(['allowed', 'allowed']);
	});

	test('Access Analyzer CheckAccessNotGranted: the compiled policy grants no Mantle action (PASS); AmazonBedrockFullAccess does (FAIL)', async () => {
		const plan = planPolicy(
			{
				catalog: bundledCatalog(),
				region: 'us-west-2',
				accountId: account,
				modelIds: ['amazon.titan-embed-text-v2:0'],
				apiKeyTypes: ['LONG_TERM'],
				streaming: true,
				guardrail: true,
			},
			en,
		);
		const check = async (policyDocument: string) =>
			(
				await analyzerClient(sandbox).send(
					new CheckAccessNotGrantedCommand({
						policyDocument,
						policyType: 'IDENTITY_POLICY',
						access: [{actions: ['bedrock-mantle:CreateInference', 'bedrock-mantle:CallWithBearerToken']}],
					}),
				)
			).result;
		expect(await check(plan.compiled.json)).toBe('PASS');
		expect(await check(JSON.stringify(AmazonBedrockFullAccess.document))).toBe('FAIL');
	});
});
