/**
 * The policy as Terraform. Inline: one `aws_iam_user_policy`. Managed: an `aws_iam_policy` and an
 * `aws_iam_user_policy_attachment` per document (several when the policy was split). Each `policy` is
 * `jsonencode(<the JSON policy>)`: HCL's object constructor accepts `"key": value` and JSON arrays, so the
 * JSON text is a valid HCL expression once `${` and `%{` (template interpolation and directives in HCL
 * strings) are escaped.
 */
import type {PolicyKind} from '../compile.js';

export interface TerraformPolicy {
	/** The compiled policy, exactly as `policy --format json` prints it. */
	readonly policyJson: string;
	readonly policyName: string;
}

export interface TerraformInput {
	readonly kind?: PolicyKind;
	/** One document, or (managed only) several, in order. */
	readonly policies: readonly TerraformPolicy[];
	/** The path of managed policies. */
	readonly path?: string;
	/** When given, the user is written in; otherwise the module takes it as a variable. */
	readonly userName?: string;
	readonly region: string;
}

/** `${` and `%{` start templates in HCL strings; doubling the sign makes them literal. */
export const escapeHclTemplates = (text: string): string => text.replace(/([$%])\{/g, (_match, sign: string) => `${sign}${sign}{`);

const RESOURCE = 'bedrock_key_wizard';

export function renderTerraform(input: TerraformInput): string {
	const user = input.userName === undefined ? 'var.bedrock_user_name' : JSON.stringify(input.userName);
	const lines = [`# Least-privilege Amazon Bedrock policy (${input.region}), made by bedrock-key-wizard.`];
	if (input.userName === undefined) {
		lines.push('variable "bedrock_user_name" {', '  description = "IAM user that holds the Bedrock API key"', '  type        = string', '}', '');
	}
	if (input.kind !== 'managed') {
		const [policy] = input.policies;
		lines.push(
			`resource "aws_iam_user_policy" "${RESOURCE}" {`,
			`  name   = ${JSON.stringify(policy!.policyName)}`,
			`  user   = ${user}`,
			`  policy = jsonencode(${body(policy!.policyJson)})`,
			'}',
		);
		return `${lines.join('\n')}\n`;
	}
	input.policies.forEach((policy, index) => {
		const resource = input.policies.length === 1 ? RESOURCE : `${RESOURCE}_${index + 1}`;
		if (index > 0) lines.push('');
		lines.push(
			`resource "aws_iam_policy" "${resource}" {`,
			`  name        = ${JSON.stringify(policy.policyName)}`,
			`  path        = ${JSON.stringify(input.path ?? '/')}`,
			`  description = ${JSON.stringify(description(input.region, index, input.policies.length))}`,
			`  policy      = jsonencode(${body(policy.policyJson)})`,
			'}',
			'',
			`resource "aws_iam_user_policy_attachment" "${resource}" {`,
			`  user       = ${user}`,
			`  policy_arn = aws_iam_policy.${resource}.arn`,
			'}',
		);
	});
	return `${lines.join('\n')}\n`;
}

const body = (policyJson: string): string =>
	escapeHclTemplates(policyJson.trimEnd())
		.split('\n')
		.map((line, index) => (index === 0 ? line : `  ${line}`))
		.join('\n');

/** The description of a managed policy (one of several when split). */
export const description = (region: string, index: number, count: number): string =>
	`Least-privilege Amazon Bedrock policy (${region}), made by bedrock-key-wizard${count > 1 ? ` (part ${index + 1} of ${count})` : ''}.`;
