import type {PolicyDocument} from './policy-document.js';

/**
 * The AWS managed policies the wizard meets (the Bedrock console attaches AmazonBedrockLimitedAccess to
 * every API-key user it creates) and the sandbox bundles, as their real documents.
 *
 * Sources (AWS's own GetPolicyVersion output, as mirrored by the zoph-io/MAMIP and zoph-io/IAMTrail
 * trackers of AWS managed policies; cross-checked against the statement heads on
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html):
 * - AdministratorAccess: v1, 2015-02-06 (unchanged since).
 * - AmazonBedrockFullAccess: v11, 2026-08-04 (the current default version).
 * - AmazonBedrockLimitedAccess: v7, 2026-03-23. The reference page lists a later v9 (edited 2026-08-04),
 *   but no full text of v8/v9 could be found; v7 is reproduced verbatim rather than guessed. AWS only adds
 *   permissions to managed policies, so v9 grants at least what v7 grants.
 */

export interface AwsManagedPolicy {
	readonly name: string;
	readonly arn: string;
	/** The default version this document was taken from. */
	readonly version: string;
	readonly document: PolicyDocument;
}

const managedPolicyArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;

export const AdministratorAccess: AwsManagedPolicy = {
	name: 'AdministratorAccess',
	arn: managedPolicyArn('AdministratorAccess'),
	version: 'v1',
	document: {
		Version: '2012-10-17',
		Statement: [{Effect: 'Allow', Action: '*', Resource: '*'}],
	},
};

const marketplaceFromBedrock = {
	Sid: 'MarketplaceOperationsFromBedrockFor3pModels',
	Effect: 'Allow',
	Action: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions', 'aws-marketplace:Unsubscribe'],
	Resource: '*',
	Condition: {StringEquals: {'aws:CalledViaLast': 'bedrock.amazonaws.com'}},
} as const;

const describeKey = {Sid: 'DescribeKey', Effect: 'Allow', Action: ['kms:DescribeKey'], Resource: 'arn:*:kms:*:::*'} as const;

const apisWithAllResourceAccess = {
	Sid: 'APIsWithAllResourceAccess',
	Effect: 'Allow',
	Action: ['iam:ListRoles', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
	Resource: '*',
} as const;

const sageMakerEndpointResources = ['arn:aws:sagemaker:*:*:endpoint/*', 'arn:aws:sagemaker:*:*:endpoint-config/*', 'arn:aws:sagemaker:*:*:model/*'];

const bedrockMarketplaceTagKeys = ['sagemaker-sdk:bedrock', 'bedrock:marketplace-registration-status', 'sagemaker-studio:hub-content-arn'];

export const AmazonBedrockFullAccess: AwsManagedPolicy = {
	name: 'AmazonBedrockFullAccess',
	arn: managedPolicyArn('AmazonBedrockFullAccess'),
	version: 'v11',
	document: {
		Version: '2012-10-17',
		Statement: [
			{Sid: 'BedrockAll', Effect: 'Allow', Action: ['bedrock:*'], Resource: '*'},
			{Sid: 'BedrockMantleAll', Effect: 'Allow', Action: ['bedrock-mantle:*'], Resource: '*'},
			{
				Sid: 'BedrockWebSearch',
				Effect: 'Allow',
				Action: ['bedrock-websearch:InvokeSearch', 'bedrock-websearch:InvokeFetch'],
				Resource: 'arn:aws:bedrock-websearch:*:*:*',
			},
			describeKey,
			apisWithAllResourceAccess,
			{
				Sid: 'MarketplaceModelEndpointMutatingAPIs',
				Effect: 'Allow',
				Action: ['sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig', 'sagemaker:CreateModel', 'sagemaker:DeleteEndpoint', 'sagemaker:UpdateEndpoint'],
				Resource: sageMakerEndpointResources,
				Condition: {StringEquals: {'aws:CalledViaLast': 'bedrock.amazonaws.com', 'aws:ResourceTag/sagemaker-sdk:bedrock': 'compatible'}},
			},
			{
				Sid: 'MarketplaceModelEndpointAddTagsOperations',
				Effect: 'Allow',
				Action: ['sagemaker:AddTags'],
				Resource: sageMakerEndpointResources,
				Condition: {
					'ForAllValues:StringEquals': {'aws:TagKeys': bedrockMarketplaceTagKeys},
					StringLike: {
						'aws:RequestTag/sagemaker-sdk:bedrock': 'compatible',
						'aws:RequestTag/bedrock:marketplace-registration-status': 'registered',
						'aws:RequestTag/sagemaker-studio:hub-content-arn': 'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*',
					},
				},
			},
			{
				Sid: 'MarketplaceModelEndpointDeleteTagsOperations',
				Effect: 'Allow',
				Action: ['sagemaker:DeleteTags'],
				Resource: sageMakerEndpointResources,
				Condition: {
					'ForAllValues:StringEquals': {'aws:TagKeys': bedrockMarketplaceTagKeys},
					StringLike: {
						'aws:ResourceTag/sagemaker-sdk:bedrock': 'compatible',
						'aws:ResourceTag/bedrock:marketplace-registration-status': 'registered',
						'aws:ResourceTag/sagemaker-studio:hub-content-arn': 'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*',
					},
				},
			},
			{
				Sid: 'MarketplaceModelEndpointNonMutatingAPIs',
				Effect: 'Allow',
				Action: [
					'sagemaker:DescribeEndpoint',
					'sagemaker:DescribeEndpointConfig',
					'sagemaker:DescribeModel',
					'sagemaker:DescribeInferenceComponent',
					'sagemaker:ListEndpoints',
					'sagemaker:ListTags',
				],
				Resource: sageMakerEndpointResources,
				Condition: {StringEquals: {'aws:CalledViaLast': 'bedrock.amazonaws.com'}},
			},
			{
				Sid: 'MarketplaceModelEndpointInvokingOperations',
				Effect: 'Allow',
				Action: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'],
				Resource: ['arn:aws:sagemaker:*:*:endpoint/*'],
				Condition: {StringEquals: {'aws:CalledViaLast': 'bedrock.amazonaws.com', 'aws:ResourceTag/sagemaker-sdk:bedrock': 'compatible'}},
			},
			{
				Sid: 'DiscoveringMarketplaceModel',
				Effect: 'Allow',
				Action: ['sagemaker:DescribeHubContent'],
				Resource: ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*', 'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub'],
			},
			{
				Sid: 'AllowMarketplaceModelsListing',
				Effect: 'Allow',
				Action: ['sagemaker:ListHubContents'],
				Resource: 'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub',
			},
			{
				Sid: 'PassRoleToSageMaker',
				Effect: 'Allow',
				Action: ['iam:PassRole'],
				Resource: ['arn:aws:iam::*:role/*SageMaker*ForBedrock*'],
				Condition: {StringEquals: {'iam:PassedToService': ['sagemaker.amazonaws.com', 'bedrock.amazonaws.com']}},
			},
			{
				Sid: 'PassRoleToBedrock',
				Effect: 'Allow',
				Action: ['iam:PassRole'],
				Resource: 'arn:aws:iam::*:role/*AmazonBedrock*',
				Condition: {StringEquals: {'iam:PassedToService': ['bedrock.amazonaws.com']}},
			},
			marketplaceFromBedrock,
		],
	},
};

export const AmazonBedrockLimitedAccess: AwsManagedPolicy = {
	name: 'AmazonBedrockLimitedAccess',
	arn: managedPolicyArn('AmazonBedrockLimitedAccess'),
	version: 'v7',
	document: {
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'BedrockAPIs',
				Effect: 'Allow',
				Action: [
					'bedrock:Get*',
					'bedrock:List*',
					'bedrock:CallWithBearerToken',
					'bedrock:BatchDeleteEvaluationJob',
					'bedrock:CancelAutomatedReasoningPolicyBuildWorkflow',
					'bedrock:CreateAutomatedReasoningPolicy',
					'bedrock:CreateAutomatedReasoningPolicyTestCase',
					'bedrock:CreateAutomatedReasoningPolicyVersion',
					'bedrock:CreateEvaluationJob',
					'bedrock:CreateGuardrail',
					'bedrock:CreateGuardrailVersion',
					'bedrock:CreateInferenceProfile',
					'bedrock:CreateModelCopyJob',
					'bedrock:CreateModelCustomizationJob',
					'bedrock:CreateModelImportJob',
					'bedrock:CreateModelInvocationJob',
					'bedrock:CreatePromptRouter',
					'bedrock:CreateProvisionedModelThroughput',
					'bedrock:DeleteAutomatedReasoningPolicy',
					'bedrock:DeleteAutomatedReasoningPolicyBuildWorkflow',
					'bedrock:DeleteAutomatedReasoningPolicyTestCase',
					'bedrock:DeleteCustomModel',
					'bedrock:DeleteGuardrail',
					'bedrock:DeleteImportedModel',
					'bedrock:DeleteInferenceProfile',
					'bedrock:DeletePromptRouter',
					'bedrock:DeleteProvisionedModelThroughput',
					'bedrock:ExportAutomatedReasoningPolicyVersion',
					'bedrock:StartAutomatedReasoningPolicyBuildWorkflow',
					'bedrock:StartAutomatedReasoningPolicyTestWorkflow',
					'bedrock:StopEvaluationJob',
					'bedrock:StopModelCustomizationJob',
					'bedrock:StopModelInvocationJob',
					'bedrock:TagResource',
					'bedrock:UntagResource',
					'bedrock:UpdateAutomatedReasoningPolicy',
					'bedrock:UpdateAutomatedReasoningPolicyAnnotations',
					'bedrock:UpdateAutomatedReasoningPolicyTestCase',
					'bedrock:UpdateGuardrail',
					'bedrock:UpdateProvisionedModelThroughput',
					'bedrock:ApplyGuardrail',
					'bedrock:InvokeAutomatedReasoningPolicy',
					'bedrock:InvokeModel',
					'bedrock:InvokeModelWithResponseStream',
				],
				Resource: '*',
			},
			describeKey,
			apisWithAllResourceAccess,
			{
				Sid: 'BedrockMantleAPIs',
				Effect: 'Allow',
				Action: ['bedrock-mantle:CallWithBearerToken', 'bedrock-mantle:Get*', 'bedrock-mantle:List*', 'bedrock-mantle:CreateInference'],
				Resource: '*',
			},
			marketplaceFromBedrock,
		],
	},
};

export const awsManagedPolicies: readonly AwsManagedPolicy[] = [AdministratorAccess, AmazonBedrockFullAccess, AmazonBedrockLimitedAccess];
