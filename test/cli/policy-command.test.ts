import {describe, expect, it} from 'vitest';
import {runCliCaptured} from '../helpers/cli.js';

const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';

describe('bedrock-key-wizard policy', () => {
	it('prints the policy alone as JSON, with warnings on stderr', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'anthropic.claude-3-5-haiku-20241022-v1:0,amazon.titan-embed-text-v2:0']);
		expect(run.code).toBe(0);
		const policy = JSON.parse(run.stdout) as {Statement: Array<{Sid: string}>};
		expect(policy.Statement.map((s) => s.Sid)).toEqual(['AllowApiKeyAuthentication', 'InvokeChosenModels', 'DenyEveryOtherModel', 'DenyBedrockMantle']);
		expect(run.stderr).toContain('end of life (2026-06-19)');
	});

	it('text: adds the explanation and the allow/deny matrix', async () => {
		const run = await runCliCaptured([
			'policy',
			'--region',
			'us-west-2',
			'--account',
			'123456789012',
			'--models',
			`us.${HAIKU_45},amazon.titan-embed-text-v2:0`,
			'--format',
			'text',
		]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('What each statement does');
		expect(run.stdout).toMatch(/✓ +API key \(long-term\) signs in +allowed/);
		expect(run.stdout).toMatch(new RegExp(`✓ +call us\\.${HAIKU_45.replace(/[.]/g, '\\.')} +allowed`));
		expect(run.stdout).toMatch(/✓ +call \S+ +denied +as expected/);
		expect(run.stdout).not.toContain('✗');
	});

	it('text in Japanese, with columns aligned by display width', async () => {
		const run = await runCliCaptured(['policy', '--lang', 'ja', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0', '--format', 'text']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('各ステートメントの説明');
		const rows = run.stdout.split('\n').filter((line) => line.startsWith('  ✓'));
		expect(rows.length).toBeGreaterThan(3);
	});

	it('--auth access-key leaves CallWithBearerToken out', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0', '--auth', 'access-key']);
		expect(run.code).toBe(0);
		expect(run.stdout).not.toContain('CallWithBearerToken');
	});

	it('an unknown model id exits 2 and suggests the closest ids', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v3']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('"amazon.titan-embed-text-v3" is not a model ID');
		expect(run.stderr).toContain('amazon.titan-embed-text-v2:0');
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it('a profile id without --account exits 2 naming --account', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', `us.${HAIKU_45}`]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--account');
	});

	it('a model not offered in the Region names the Regions that have it', async () => {
		const run = await runCliCaptured(['policy', '--region', 'eu-west-1', '--models', 'amazon.titan-embed-g1-text-02']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('us-east-1, us-west-2');
	});

	it('missing --region or --models, or a bad flag value, exits 2', async () => {
		expect((await runCliCaptured(['policy', '--models', 'amazon.titan-embed-text-v2:0'])).code).toBe(2);
		expect((await runCliCaptured(['policy', '--region', 'us-west-2'])).code).toBe(2);
		expect((await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'x', '--format', 'yaml'])).code).toBe(2);
		expect((await runCliCaptured(['policy', '--region', 'mars-1', '--models', 'amazon.titan-embed-text-v2:0'])).stderr).toContain('not a Region');
		expect((await runCliCaptured(['policy', '--region', 'us-west-2', '--account', '12', '--models', 'amazon.titan-embed-text-v2:0'])).code).toBe(2);
	});

	it('10 models: --policy-type inline refuses (the error names managed); auto (the default) writes a managed policy and says so', async () => {
		const models =
			'amazon.titan-embed-text-v2:0,amazon.nova-lite-v1:0,us.amazon.nova-micro-v1:0,us.amazon.nova-pro-v1:0,meta.llama3-1-8b-instruct-v1:0,mistral.mistral-large-2407-v1:0,cohere.embed-english-v3,us.anthropic.claude-haiku-4-5-20251001-v1:0,openai.gpt-oss-20b-1:0,deepseek.v3-v1:0';
		const inline = await runCliCaptured(['policy', '--region', 'us-west-2', '--account', '123456789012', '--policy-type', 'inline', '--models', models]);
		expect(inline.code).toBe(2);
		expect(inline.stderr).toMatch(/needs \d+ characters, more than the 2048 IAM allows in an inline user policy/);
		expect(inline.stderr).toContain('--policy-type managed');
		for (const type of [[], ['--policy-type', 'auto'], ['--policy-type', 'managed']]) {
			const managed = await runCliCaptured(['policy', '--region', 'us-west-2', '--account', '123456789012', ...type, '--models', models, '--json']);
			expect(managed.code, managed.stderr).toBe(0);
			const document = JSON.parse(managed.stdout) as {
				policyType: string;
				size: number;
				sizeLimit: number;
				policies: Array<{name: string; path: string; size: number}>;
			};
			expect(document.policyType).toBe('managed');
			expect(document.size).toBeGreaterThan(2048);
			expect(document.sizeLimit).toBe(6144);
			expect(document.policies).toEqual([{name: 'bedrock-key-wizard', path: '/bedrock-key-wizard/', size: document.size, document: expect.any(Object)}]);
		}
		const auto = await runCliCaptured(['policy', '--region', 'us-west-2', '--account', '123456789012', '--models', models]);
		expect(JSON.stringify(JSON.parse(auto.stdout)).length).toBeLessThanOrEqual(6144);
		expect(auto.stderr).toContain('written as a customer managed policy');
	});

	it('a small policy stays inline under auto, and --json says which type and how large', async () => {
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--models', 'amazon.titan-embed-text-v2:0', '--json']);
		const document = JSON.parse(run.stdout) as {
			policyType: string;
			policyName: string;
			size: number;
			sizeLimit: number;
			policies: Array<{name: string; size: number}>;
		};
		expect(document).toMatchObject({policyType: 'inline', policyName: 'bedrock-key-wizard', sizeLimit: 2048, destinations: 'any-region'});
		expect(document.policies).toEqual([{name: 'bedrock-key-wizard', size: document.size, document: expect.any(Object)}]);
		expect(run.stderr).toBe('');
	});

	it('many profiles: split across several managed policies (a JSON array of documents), each within 6,144', async () => {
		const profiles = [
			'us.anthropic.claude-haiku-4-5-20251001-v1:0',
			'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
			'us.anthropic.claude-sonnet-4-6',
			'us.anthropic.claude-sonnet-5',
			'us.anthropic.claude-opus-4-1-20250805-v1:0',
			'us.anthropic.claude-opus-4-5-20251101-v1:0',
			'us.anthropic.claude-opus-4-6-v1',
			'us.anthropic.claude-opus-4-7',
			'us.anthropic.claude-opus-4-8',
			'us.anthropic.claude-opus-5',
			'us.amazon.nova-micro-v1:0',
			'us.amazon.nova-pro-v1:0',
			'us.anthropic.claude-haiku-5-5',
			'us.anthropic.claude-fable-5',
		].join(',');
		const run = await runCliCaptured(['policy', '--region', 'us-west-2', '--account', '123456789012', '--user-name', 'alice', '--models', profiles]);
		expect(run.code, run.stderr).toBe(0);
		const documents = JSON.parse(run.stdout) as Array<{Statement: unknown[]}>;
		expect(documents.length).toBeGreaterThan(1);
		expect(documents.length).toBeLessThanOrEqual(10);
		for (const document of documents) expect(JSON.stringify(document).length).toBeLessThanOrEqual(6144);
		expect(run.stderr).toMatch(new RegExp(`split into ${documents.length} customer managed policies`));
		const text = await runCliCaptured([
			'policy',
			'--region',
			'us-west-2',
			'--account',
			'123456789012',
			'--user-name',
			'alice',
			'--models',
			profiles,
			'--format',
			'text',
		]);
		expect(text.stdout).toContain(`Managed policy 1 of ${documents.length}: bedrock-key-wizard-alice-1`);
		expect(text.stdout).not.toContain('✗');
	});

	it('--destinations exact lists each destination Region; any-region (the default) writes one wildcard', async () => {
		const args = ['policy', '--region', 'us-west-2', '--account', '123456789012', '--models', 'us.anthropic.claude-haiku-4-5-20251001-v1:0'];
		const wildcard = await runCliCaptured(args);
		expect(wildcard.stdout).toContain('arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0');
		expect(wildcard.stdout).not.toContain('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5');
		const exact = await runCliCaptured([...args, '--destinations', 'exact', '--format', 'text']);
		expect(exact.code, exact.stderr).toBe(0);
		expect(exact.stdout).toContain('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0');
		expect(exact.stdout).toContain('if AWS adds a Region to the profile, calls routed there fail');
		expect((await runCliCaptured([...args, '--destinations', 'some'])).code).toBe(2);
	});

	it('takes the Region from AWS_REGION', async () => {
		const run = await runCliCaptured(['policy', '--models', 'amazon.titan-embed-text-v2:0'], {env: {AWS_REGION: 'us-east-1'}});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0');
	});

	it('--version and --help exit 0', async () => {
		expect((await runCliCaptured(['--version'])).code).toBe(0);
		const help = await runCliCaptured(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('policy');
	});
});
