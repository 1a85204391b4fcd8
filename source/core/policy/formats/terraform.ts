/**
 * The policy as Terraform: one `aws_iam_user_policy` whose `policy` is `jsonencode(<the JSON policy>)`.
 * HCL's object constructor accepts `"key": value` and JSON arrays, so the JSON text is a valid HCL
 * expression once `${` and `%{` (template interpolation and directives in HCL strings) are escaped.
 */
export interface TerraformInput {
	/** The compiled policy, exactly as `policy --format json` prints it. */
	readonly policyJson: string;
	readonly policyName: string;
	/** When given, the user is written in; otherwise the module takes it as a variable. */
	readonly userName?: string;
	readonly region: string;
}

/** `${` and `%{` start templates in HCL strings; doubling the sign makes them literal. */
export const escapeHclTemplates = (text: string): string => text.replace(/([$%])\{/g, (_match, sign: string) => `${sign}${sign}{`);

export function renderTerraform(input: TerraformInput): string {
	const body = escapeHclTemplates(input.policyJson.trimEnd())
		.split('\n')
		.map((line, index) => (index === 0 ? line : `  ${line}`))
		.join('\n');
	const lines = [`# Least-privilege Amazon Bedrock policy (${input.region}), made by bedrock-key-wizard.`];
	if (input.userName === undefined) {
		lines.push('variable "bedrock_user_name" {', '  description = "IAM user that holds the Bedrock API key"', '  type        = string', '}', '');
	}
	lines.push(
		'resource "aws_iam_user_policy" "bedrock_key_wizard" {',
		`  name   = ${JSON.stringify(input.policyName)}`,
		`  user   = ${input.userName === undefined ? 'var.bedrock_user_name' : JSON.stringify(input.userName)}`,
		`  policy = jsonencode(${body})`,
		'}',
	);
	return `${lines.join('\n')}\n`;
}
