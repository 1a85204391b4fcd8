/**
 * policy --format terraform|cloudformation: parsed with a real HCL parser and a YAML parser, the embedded
 * policy must equal what --format json prints, byte for byte after parsing.
 */
import {parse as parseHcl} from '@cdktf/hcl2json';
import {parse as parseYaml} from 'yaml';
import {describe, expect, it} from 'vitest';
import {escapeHclTemplates} from '../../source/core/policy/formats/terraform.js';
import {runCliCaptured} from '../helpers/cli.js';

const MODELS = ['--region', 'us-west-2', '--account', '123456789012', '--models', 'us.anthropic.claude-haiku-4-5-20251001-v1:0,amazon.titan-embed-text-v2:0'];

async function policyJson(models: readonly string[] = MODELS): Promise<unknown> {
	const run = await runCliCaptured(['policy', ...models, '--format', 'json']);
	expect(run.code).toBe(0);
	return JSON.parse(run.stdout);
}

/** Haiku 4.5, Sonnet 5 and Opus 5 through us. profiles, and Titan: too large inline, one managed policy. */
const MANAGED = [
	'--region',
	'us-west-2',
	'--account',
	'123456789012',
	'--models',
	'us.anthropic.claude-haiku-4-5-20251001-v1:0,us.anthropic.claude-sonnet-5,us.anthropic.claude-opus-5,amazon.titan-embed-text-v2:0',
];
/** Fourteen profiles: more than one managed policy holds, so split. */
const SPLIT = [
	'--region',
	'us-west-2',
	'--account',
	'123456789012',
	'--models',
	'us.anthropic.claude-haiku-4-5-20251001-v1:0,us.anthropic.claude-sonnet-4-5-20250929-v1:0,us.anthropic.claude-sonnet-4-6,us.anthropic.claude-sonnet-5,us.anthropic.claude-opus-4-1-20250805-v1:0,us.anthropic.claude-opus-4-5-20251101-v1:0,us.anthropic.claude-opus-4-6-v1,us.anthropic.claude-opus-4-7,us.anthropic.claude-opus-4-8,us.anthropic.claude-opus-5,us.amazon.nova-micro-v1:0,us.amazon.nova-pro-v1:0,us.anthropic.claude-haiku-5-5,us.anthropic.claude-fable-5',
];

type ManagedHcl = {
	resource: {
		aws_iam_policy: Record<string, Array<{name: string; path: string; description: string; policy: string}>>;
		aws_iam_user_policy_attachment: Record<string, Array<{user: string; policy_arn: string}>>;
	};
	variable?: {bedrock_user_name: unknown[]};
};

/** hcl2json gives an expression attribute as `${<expression>}`; the expression must be jsonencode(<JSON>). */
function jsonencodeArgument(expression: string): unknown {
	const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
	expect(match, expression.slice(0, 80)).not.toBeNull();
	return JSON.parse(match![1]!.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
}

describe('policy --format terraform', () => {
	it('is one aws_iam_user_policy whose jsonencode(...) holds exactly the JSON policy, with the user as a variable', async () => {
		const run = await runCliCaptured(['policy', ...MODELS, '--format', 'terraform']);
		expect(run.code, run.stderr).toBe(0);
		const hcl = (await parseHcl('main.tf', run.stdout)) as {
			resource: {aws_iam_user_policy: {bedrock_key_wizard: Array<{name: string; user: string; policy: string}>}};
			variable: {bedrock_user_name: unknown[]};
		};
		expect(Object.keys(hcl.resource)).toEqual(['aws_iam_user_policy']);
		const [resource] = hcl.resource.aws_iam_user_policy.bedrock_key_wizard;
		expect(resource!.name).toBe('bedrock-key-wizard');
		expect(resource!.user).toBe('${var.bedrock_user_name}');
		expect(hcl.variable.bedrock_user_name).toHaveLength(1);
		expect(jsonencodeArgument(resource!.policy)).toEqual(await policyJson());
	});

	it('names the user when --user-name is given (no variable)', async () => {
		const run = await runCliCaptured(['policy', ...MODELS, '--format', 'terraform', '--user-name', 'alice']);
		const hcl = (await parseHcl('main.tf', run.stdout)) as {resource: {aws_iam_user_policy: {bedrock_key_wizard: Array<{user: string}>}}; variable?: unknown};
		expect(hcl.resource.aws_iam_user_policy.bedrock_key_wizard[0]!.user).toBe('alice');
		expect(hcl.variable).toBeUndefined();
	});

	it('escapes HCL template sequences, so an IAM policy variable stays literal', () => {
		expect(escapeHclTemplates('{"Resource": "arn:aws:iam::*:user/${aws:username}", "x": "%{y}"}')).toBe(
			'{"Resource": "arn:aws:iam::*:user/$${aws:username}", "x": "%%{y}"}',
		);
	});
});

describe('policy --format terraform, managed', () => {
	it('is an aws_iam_policy under /bedrock-key-wizard/ holding exactly the JSON policy, attached to the user', async () => {
		const run = await runCliCaptured(['policy', ...MANAGED, '--format', 'terraform']);
		expect(run.code, run.stderr).toBe(0);
		const hcl = (await parseHcl('main.tf', run.stdout)) as ManagedHcl;
		expect(Object.keys(hcl.resource).sort()).toEqual(['aws_iam_policy', 'aws_iam_user_policy_attachment']);
		const [policy] = hcl.resource.aws_iam_policy['bedrock_key_wizard']!;
		expect(policy!.name).toBe('bedrock-key-wizard');
		expect(policy!.path).toBe('/bedrock-key-wizard/');
		expect(jsonencodeArgument(policy!.policy)).toEqual(await policyJson(MANAGED));
		const [attachment] = hcl.resource.aws_iam_user_policy_attachment['bedrock_key_wizard']!;
		expect(attachment).toEqual({user: '${var.bedrock_user_name}', policy_arn: '${aws_iam_policy.bedrock_key_wizard.arn}'});
		expect(hcl.variable?.bedrock_user_name).toHaveLength(1);
	});

	it('split: one aws_iam_policy and one attachment per part, named after the user, the parts equal to the JSON array', async () => {
		const run = await runCliCaptured(['policy', ...SPLIT, '--format', 'terraform', '--user-name', 'alice']);
		expect(run.code, run.stderr).toBe(0);
		const hcl = (await parseHcl('main.tf', run.stdout)) as ManagedHcl;
		const parts = (await policyJson([...SPLIT, '--user-name', 'alice'])) as unknown[];
		expect(parts.length).toBeGreaterThan(1);
		const names = parts.map((_, index) => `bedrock_key_wizard_${index + 1}`);
		expect(Object.keys(hcl.resource.aws_iam_policy)).toEqual(names);
		names.forEach((name, index) => {
			const policy = hcl.resource.aws_iam_policy[name]![0]!;
			expect(policy.name).toBe(`bedrock-key-wizard-alice-${index + 1}`);
			expect(jsonencodeArgument(policy.policy)).toEqual(parts[index]);
			expect(hcl.resource.aws_iam_user_policy_attachment[name]![0]).toEqual({user: 'alice', policy_arn: `\${aws_iam_policy.${name}.arn}`});
		});
		expect(hcl.variable).toBeUndefined();
	});
});

type Template = {
	AWSTemplateFormatVersion: string;
	Parameters: {UserName: {Default: string}};
	Resources: Record<string, {Type: string; Properties: Record<string, unknown>}>;
};

describe('policy --format cloudformation, managed', () => {
	it('is an AWS::IAM::ManagedPolicy under /bedrock-key-wizard/ with Users, holding exactly the JSON policy; JSON and YAML parsers agree', async () => {
		const run = await runCliCaptured(['policy', ...MANAGED, '--format', 'cloudformation', '--user-name', 'alice']);
		expect(run.code, run.stderr).toBe(0);
		const template = JSON.parse(run.stdout) as Template;
		expect(parseYaml(run.stdout)).toEqual(template);
		const resources = Object.values(template.Resources);
		expect(resources).toHaveLength(1);
		expect(resources[0]!.Type).toBe('AWS::IAM::ManagedPolicy');
		expect(resources[0]!.Properties).toMatchObject({ManagedPolicyName: 'bedrock-key-wizard-alice', Path: '/bedrock-key-wizard/', Users: [{Ref: 'UserName'}]});
		expect(resources[0]!.Properties['PolicyDocument']).toEqual(await policyJson([...MANAGED, '--user-name', 'alice']));
		expect(template.Parameters.UserName.Default).toBe('alice');
	});

	it('split: one AWS::IAM::ManagedPolicy per part, in order', async () => {
		const run = await runCliCaptured(['policy', ...SPLIT, '--format', 'cloudformation']);
		expect(run.code, run.stderr).toBe(0);
		const template = parseYaml(run.stdout) as Template;
		const parts = (await policyJson(SPLIT)) as unknown[];
		const resources = Object.entries(template.Resources);
		expect(resources.map(([name]) => name)).toEqual(parts.map((_, index) => `BedrockKeyWizardPolicy${index + 1}`));
		resources.forEach(([, resource], index) => {
			expect(resource.Type).toBe('AWS::IAM::ManagedPolicy');
			expect(resource.Properties['ManagedPolicyName']).toBe(`bedrock-key-wizard-${index + 1}`);
			expect(resource.Properties['Users']).toEqual([{Ref: 'UserName'}]);
			expect(resource.Properties['PolicyDocument']).toEqual(parts[index]);
		});
	});
});

describe('policy --format cloudformation', () => {
	it('is a template with one AWS::IAM::UserPolicy holding exactly the JSON policy; JSON and YAML parsers agree', async () => {
		const run = await runCliCaptured(['policy', ...MODELS, '--format', 'cloudformation', '--user-name', 'alice']);
		expect(run.code, run.stderr).toBe(0);
		const template = JSON.parse(run.stdout) as {
			AWSTemplateFormatVersion: string;
			Parameters: {UserName: {Default: string}};
			Resources: Record<string, {Type: string; Properties: {PolicyName: string; UserName: unknown; PolicyDocument: unknown}}>;
		};
		expect(parseYaml(run.stdout)).toEqual(template);
		expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
		const resources = Object.values(template.Resources);
		expect(resources).toHaveLength(1);
		expect(resources[0]!.Type).toBe('AWS::IAM::UserPolicy');
		expect(resources[0]!.Properties.PolicyName).toBe('bedrock-key-wizard');
		expect(resources[0]!.Properties.UserName).toEqual({Ref: 'UserName'});
		expect(template.Parameters.UserName.Default).toBe('alice');
		expect(resources[0]!.Properties.PolicyDocument).toEqual(await policyJson());
	});
});

describe('policy --json', () => {
	it('wraps any format in one versioned document: the policy as an object, the formatted output, warnings', async () => {
		const run = await runCliCaptured(['policy', ...MODELS, '--format', 'terraform', '--json']);
		expect(run.code, run.stderr).toBe(0);
		const document = JSON.parse(run.stdout) as {
			schemaVersion: number;
			command: string;
			format: string;
			policy: unknown;
			output: string;
			matrix: Array<{pass: boolean}>;
		};
		expect(document).toMatchObject({schemaVersion: 1, command: 'policy', format: 'terraform'});
		expect(document.policy).toEqual(await policyJson());
		expect(document.output).toContain('aws_iam_user_policy');
		expect(document.matrix.every((row) => row.pass)).toBe(true);
	});

	it('with --format json (the default) carries no separate output: the policy is the output', async () => {
		const run = await runCliCaptured(['policy', ...MODELS, '--json']);
		const document = JSON.parse(run.stdout) as Record<string, unknown>;
		expect(document['output']).toBeUndefined();
		expect(document['policy']).toEqual(await policyJson());
	});
});
