/**
 * The policy as a CloudFormation template with one `AWS::IAM::UserPolicy`. Written as JSON, which every
 * YAML parser (and `aws cloudformation deploy`) also reads, so one output serves both kinds of template.
 */
export interface CloudFormationInput {
	readonly policyJson: string;
	readonly policyName: string;
	/** The default of the UserName parameter, when given. */
	readonly userName?: string;
	readonly region: string;
}

export function renderCloudFormation(input: CloudFormationInput): string {
	const template = {
		AWSTemplateFormatVersion: '2010-09-09',
		Description: `Least-privilege Amazon Bedrock policy (${input.region}), made by bedrock-key-wizard.`,
		Parameters: {
			UserName: {Type: 'String', Description: 'IAM user that holds the Bedrock API key', ...(input.userName !== undefined ? {Default: input.userName} : {})},
		},
		Resources: {
			BedrockKeyWizardPolicy: {
				Type: 'AWS::IAM::UserPolicy',
				Properties: {
					PolicyName: input.policyName,
					UserName: {Ref: 'UserName'},
					PolicyDocument: JSON.parse(input.policyJson) as unknown,
				},
			},
		},
	};
	return `${JSON.stringify(template, null, 2)}\n`;
}
