/**
 * The policy as a CloudFormation template: one `AWS::IAM::UserPolicy` (inline), or an
 * `AWS::IAM::ManagedPolicy` attached to the user through `Users` per document (managed; several when the
 * policy was split). Written as JSON, which every YAML parser (and `aws cloudformation deploy`) also
 * reads, so one output serves both kinds of template.
 */
import type {PolicyKind} from '../compile.js';
import {description} from './terraform.js';

export interface CloudFormationPolicy {
	readonly policyJson: string;
	readonly policyName: string;
}

export interface CloudFormationInput {
	readonly kind?: PolicyKind;
	/** One document, or (managed only) several, in order. */
	readonly policies: readonly CloudFormationPolicy[];
	/** The path of managed policies. */
	readonly path?: string;
	/** The default of the UserName parameter, when given. */
	readonly userName?: string;
	readonly region: string;
}

export function renderCloudFormation(input: CloudFormationInput): string {
	const resources: Record<string, unknown> = {};
	if (input.kind !== 'managed') {
		const [policy] = input.policies;
		resources['BedrockKeyWizardPolicy'] = {
			Type: 'AWS::IAM::UserPolicy',
			Properties: {
				PolicyName: policy!.policyName,
				UserName: {Ref: 'UserName'},
				PolicyDocument: JSON.parse(policy!.policyJson) as unknown,
			},
		};
	} else {
		input.policies.forEach((policy, index) => {
			resources[input.policies.length === 1 ? 'BedrockKeyWizardPolicy' : `BedrockKeyWizardPolicy${index + 1}`] = {
				Type: 'AWS::IAM::ManagedPolicy',
				Properties: {
					ManagedPolicyName: policy.policyName,
					Path: input.path ?? '/',
					Description: description(input.region, index, input.policies.length),
					Users: [{Ref: 'UserName'}],
					PolicyDocument: JSON.parse(policy.policyJson) as unknown,
				},
			};
		});
	}
	const template = {
		AWSTemplateFormatVersion: '2010-09-09',
		Description: `Least-privilege Amazon Bedrock policy (${input.region}), made by bedrock-key-wizard.`,
		Parameters: {
			UserName: {Type: 'String', Description: 'IAM user that holds the Bedrock API key', ...(input.userName !== undefined ? {Default: input.userName} : {})},
		},
		Resources: resources,
	};
	return `${JSON.stringify(template, null, 2)}\n`;
}
