/**
 * `policy`'s quick start (cli/policy-quick.ts) against commander (cli/program.ts): for every argv it
 * reads, the command gets what commander would have given it (its options and the global options, key
 * by key) and the run prints the same and exits the same; every argv it does not read is left to
 * commander. Checked on chosen cases and on generated argv built from the flags of both tables, valid
 * and not.
 */
import {PassThrough} from 'node:stream';
import fc from 'fast-check';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {GlobalOptions} from '../../source/cli/global-options.js';
import type {CliIo} from '../../source/cli/io.js';
import {globalFlags, policyFlags} from '../../source/cli/flag-table.js';
import {readPolicyArgv, runPolicy} from '../../source/cli/policy-quick.js';
import {runCli} from '../../source/cli/program.js';
import {recordSuite} from '../helpers/summary.js';

/** What the policy command was handed, by whichever reader ran it. */
const handed: Array<{options: Record<string, unknown>; global: GlobalOptions}> = [];
vi.mock('../../source/cli/commands/policy.js', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../../source/cli/commands/policy.js')>();
	return {
		...actual,
		policyCommand: (options: Record<string, unknown>, global: GlobalOptions, ...rest: [CliIo, never]) => {
			handed.push({options: {...options}, global});
			return actual.policyCommand(options, global, ...rest);
		},
	};
});
afterEach(() => void handed.splice(0));

interface Captured {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly handed: (typeof handed)[number] | undefined;
}

async function captured(argv: readonly string[], via: 'commander' | 'quick', env: Record<string, string> = {}): Promise<Captured> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	const io: CliIo = {stdout, stderr, stdin: new PassThrough(), env: {LANG: 'en_US.UTF-8', ...env}, cwd: process.cwd()};
	handed.splice(0);
	const read = readPolicyArgv(argv);
	if (via === 'quick' && !read) throw new Error(`the quick start does not read ${JSON.stringify(argv)}`);
	const code = via === 'quick' ? await runPolicy(read!, argv, io) : await runCli(argv, io);
	// With --debug a failure prints its stack trace, whose frames name the reader that ran.
	return {code, stdout: out, stderr: err.replace(/^ +at .*\n/gm, ''), handed: handed[0]};
}

/** Both readers on one argv: the same options handed over, the same output and exit code. */
async function expectSame(argv: readonly string[], env: Record<string, string> = {}): Promise<Captured> {
	const commander = await captured(argv, 'commander', env);
	const quick = await captured(argv, 'quick', env);
	expect(quick.handed, 'the command ran under commander and the quick start alike').toEqual(commander.handed);
	expect(quick).toEqual(commander);
	return quick;
}

const NOVA = 'amazon.nova-lite-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const PROFILE = 'us.amazon.nova-micro-v1:0';

describe("policy's quick start reads argv as commander does", () => {
	it.each([
		[['policy', '--region', 'us-west-2', '--models', NOVA]],
		[['policy', '--models', `${NOVA},${TITAN}`, '--region=us-west-2', '--format', 'text']],
		[['policy', '--region', 'us-west-2', '--models', NOVA, '--models', `${TITAN}, ,`, '--policy-type', 'managed', '--destinations=exact']],
		[['policy', '--region', 'us-west-2', '--account', '123456789012', '--models', PROFILE, '--auth', 'both', '--no-guardrail', '--no-streaming']],
		[['policy', '--region', 'us-west-2', '--models', NOVA, '--expires', '2030-01-01T00:00:00Z', '--format', 'terraform', '--user-name', 'alice']],
		[['policy', '--region', 'us-west-2', '--models', NOVA, '--format', 'cloudformation', '--json']],
		[['policy', '--json', '--lang', 'ja', '--region', 'us-west-2', '--models', NOVA, '--format', 'text']],
		[
			[
				'policy',
				'--profile',
				'admin',
				'--endpoint-url',
				'http://127.0.0.1:9',
				'--sandbox',
				'--no-input',
				'--plain',
				'--yes',
				'--explain',
				'--region',
				'us-east-1',
				'--models',
				NOVA,
			],
		],
		[['policy', '--region', 'us-west-2', '--models', NOVA, '--format', 'json', '--format', 'text', '--lang', 'en']],
	])('%j: the same options, output and exit code', async (argv) => {
		const run = await expectSame(argv);
		expect(run.code).toBe(0);
		expect(run.handed).toBeDefined();
	});

	it.each([
		[['policy', '--models', NOVA], {}],
		[['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v9'], {}],
		[['policy', '--region', 'us-west-2', '--models', PROFILE], {}],
		[['policy', '--region', 'xx-nowhere-1', '--models', NOVA, '--json'], {}],
		[['policy', '--region', 'us-west-2', '--account', '12', '--models', NOVA, '--json', '--debug'], {}],
		[['policy', '--region', 'us-west-2', '--models', 'amazon.nova-lite-v9', '--lang', 'ja'], {}],
		[['policy', '--models', NOVA, '--region', 'us-west-2', '--format', 'text'], {LANG: 'C'}],
		[['policy', '--models', NOVA], {AWS_REGION: 'eu-central-1', LANG: 'ja_JP.UTF-8'}],
	])('%j (env %j): the same refusal, in the same words and exit code', async (argv, env) => {
		await expectSame(argv, env);
	});

	it.each([
		[['policy']],
		[['policy', '--help']],
		[['policy', '-h', '--models', NOVA]],
		[['policy', '--models', NOVA, 'extra']],
		[['policy', '--models', NOVA, '--']],
		[['policy', '--models', NOVA, '--guardrail']],
		[['policy', '--models', NOVA, '--format', 'yaml']],
		[['policy', '--models', NOVA, '--lang', 'fr']],
		[['policy', '--models']],
		[['policy', '--models=']],
		[['policy', '--models', NOVA, '--region']],
		[['policy', '--models', NOVA, '--region', '--json']],
		[['policy', '--models', NOVA, '--json=true']],
		[['policy', '--models', NOVA, '--no-guardrail=1']],
		[['policy', '--models', NOVA, '--modles', NOVA]],
		[['policy', '--models', NOVA, '-V']],
		[['policy', '--models', NOVA, '--budget', '5']],
		[['--region', 'us-west-2', 'policy', '--models', NOVA]],
		[['create', '--models', NOVA]],
	])('%j is left to commander', (argv) => {
		expect(readPolicyArgv(argv)).toBeUndefined();
	});

	it('generated argv: read alike by both, or left to commander', async () => {
		// Each flag of both tables, with a value commander takes (or, now and then, one it refuses), spelled
		// `--flag value` or `--flag=value`; now and then a word that is no such flag.
		const values = ['us-west-2', 'us-east-1', NOVA, `${TITAN},${NOVA}`, '123456789012', 'alice', '2030-01-01T00:00:00Z', 'x', ''];
		const flag = fc.constantFrom(...globalFlags, ...policyFlags).chain((spec) => {
			const name = spec.flags.split(' ')[0]!;
			if (!spec.flags.includes(' ')) return fc.constant([name]);
			return fc
				.tuple(fc.constantFrom(...(spec.choices ?? values), ...(spec.choices ? ['x'] : [])), fc.boolean())
				.map(([value, joined]) => (joined ? [`${name}=${value}`] : [name, value]));
		});
		const noise = fc.constantFrom(['--help'], ['-h'], ['--'], ['extra'], ['--guardrail'], ['--models='], ['--region'], ['--json=1']);
		const words = fc.array(fc.oneof({weight: 12, arbitrary: flag}, {weight: 1, arbitrary: noise}), {maxLength: 8}).map((parts) => parts.flat());
		const runs = Number(process.env['FC_RUNS'] ?? 60);
		let read = 0;
		await fc.assert(
			fc.asyncProperty(words, fc.boolean(), async (rest, withModels) => {
				const argv = ['policy', ...(withModels ? ['--models', NOVA] : []), ...rest];
				if (!readPolicyArgv(argv)) return;
				await expectSame(argv);
				read++;
			}),
			{numRuns: runs},
		);
		// Not a property of argv the quick start never reads: a good share of the cases ran both ways.
		expect(read).toBeGreaterThan(runs / 10);
		recordSuite({suite: "policy's quick start vs commander (generated argv)", cases: read});
	}, 120_000);
});
