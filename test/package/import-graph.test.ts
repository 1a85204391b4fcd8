/**
 * Each command loads only what it uses (issue 19). From the built dist/: `--help`, `check --help`,
 * `policy` and `sandbox` load no chunk that holds Ink, React or the AWS SDK; headless `check` and
 * `cleanup` load the SDK they call, and neither Ink nor React; a plain run of `policy` starts from
 * dist/policy.js, without commander (cli/policy-quick.ts). Checked twice: in esbuild's import graph
 * of the build (dist/meta.json: what the entry imports before any `await import`), and at run time, with
 * a module-loader hook recording every file the process loads (test/helpers/record-loads.mjs). A static
 * `import ... from 'ink'` in cli/program.ts, or in anything it imports, fails both.
 */
import {execFile, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {staticClosure as closureOf, type MetaOutputs} from '../helpers/meta-graph.js';
import {adminEnv, oneModelKeyPolicy, provisionUser, startTestSandbox} from '../helpers/sandbox.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const recorder = pathToFileURL(join(ROOT, 'test', 'helpers', 'record-loads.mjs')).href;
const NOVA_LITE = 'amazon.nova-lite-v1:0';

let meta: MetaOutputs;
let work: string;
let sandbox: RunningSandbox;

const ink = /node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout)\//;
const sdk = /node_modules\/@(aws-sdk|smithy|aws)\//;
const ui = /^source\/ui\/(?!theme\.ts$)/;

/** The source files (esbuild's inputs) inside the given output files. */
const inputsOf = (outputs: Iterable<string>): string[] =>
	[...new Set([...outputs].flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {})))].sort();

const staticClosure = (output: string): Set<string> => closureOf(meta, output);

/** The chunk esbuild made for a source file given to `await import()`. */
const chunkOf = (source: string): string => {
	const found = Object.entries(meta.outputs).find(([, output]) => (output as {entryPoint?: string}).entryPoint === source)?.[0];
	expect(found, `no chunk for ${source}`).toBeDefined();
	return found!;
};

/** Runs the built CLI with the loader hook; returns the source files of every bundle file it loaded. */
async function loadedBy(name: string, args: readonly string[], env: Record<string, string> = {}, entry?: string): Promise<string[]> {
	const record = join(work, `${name}.loads`);
	writeFileSync(record, '');
	await run(process.execPath, ['--import', recorder, join(ROOT, 'dist', 'cli.js'), ...args], {
		cwd: work,
		env: {...process.env, ...env, BKW_RECORD_LOADS: record, LANG: 'en_US.UTF-8'},
	}).catch((error: {code?: number; stderr?: string}) => {
		throw new Error(`${name} exited ${error.code}: ${error.stderr}`);
	});
	return loadedInputs(record, entry);
}

function loadedInputs(record: string, entry = 'dist/main.js'): string[] {
	const files = readFileSync(record, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((url) => relative(ROOT, fileURLToPath(url)));
	expect(files, 'the hook recorded the entry').toContain(entry);
	if (entry !== 'dist/main.js') expect(files, 'and not the whole command line').not.toContain('dist/main.js');
	return inputsOf(files.filter((file) => file.startsWith('dist/')));
}

beforeAll(async () => {
	await run('npm', ['run', 'build', '--silent'], {cwd: ROOT});
	meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8')) as MetaOutputs;
	work = mkdtempSync(join(tmpdir(), 'bkw-import-graph-'));
	sandbox = await startTestSandbox();
}, 120_000);

afterAll(async () => {
	await sandbox?.close();
	if (work) rmSync(work, {recursive: true, force: true});
});

describe('the import graph of the build (dist/meta.json)', () => {
	it('the entry loads commander and the command line, and none of Ink, React, the SDK, the sandbox or the catalogs', () => {
		const inputs = inputsOf(staticClosure('dist/main.js'));
		expect(inputs).toContain('source/cli/program.ts');
		expect(inputs.filter((input) => ink.test(input) || sdk.test(input) || ui.test(input))).toEqual([]);
		expect(inputs.filter((input) => /^source\/(sandbox|aws|flows)\/|i18n\/(en|ja)\.ts$|snapshot\.json$/.test(input))).toEqual([]);
	});

	it("policy's own entry loads its command, the catalogs it prints with, and neither commander, the other commands, Ink, React nor the SDK", () => {
		const inputs = inputsOf(staticClosure('dist/policy.js'));
		expect(inputs).toEqual(expect.arrayContaining(['source/cli/policy-quick.ts', 'source/cli/commands/policy.ts', 'source/core/catalog/snapshot.json']));
		expect(inputs.filter((input) => /node_modules\/commander\/|^source\/cli\/program\.ts$|^source\/cli\/commands\/(?!policy\.ts)/.test(input))).toEqual([]);
		expect(inputs.filter((input) => ink.test(input) || sdk.test(input) || ui.test(input) || /i18n\/ja\.ts$/.test(input))).toEqual([]);
	});

	it('the entry and policy load their code from a few files: the shared chunks each loads are joined (scripts/merge-chunks.mjs)', () => {
		// Node's loader spends ~0.4 ms on each file before any code runs; esbuild alone made ~20 for policy.
		expect(staticClosure('dist/policy.js').size).toBeLessThanOrEqual(4);
		expect(staticClosure('dist/main.js').size).toBeLessThanOrEqual(3);
		// The catalog stays a file of its own, loaded only where it is used.
		const catalog = [...staticClosure('dist/policy.js')].filter((output) => 'source/core/catalog/snapshot.json' in (meta.outputs[output]?.inputs ?? {}));
		expect(catalog).toHaveLength(1);
		expect(Object.keys(meta.outputs[catalog[0]!]!.inputs).filter((input) => !input.startsWith('source/core/catalog/'))).toEqual([]);
	});

	it.each(['policy', 'check', 'cleanup', 'sandbox'])('the %s command imports neither Ink nor React before it runs', (command) => {
		const inputs = inputsOf(staticClosure(chunkOf(`source/cli/commands/${command}.ts`)));
		expect(inputs.filter((input) => ink.test(input) || ui.test(input))).toEqual([]);
		if (command === 'policy' || command === 'sandbox') expect(inputs.filter((input) => sdk.test(input))).toEqual([]);
	});

	it('the TUI is a chunk of its own, which the create command imports only when it runs', () => {
		const tui = inputsOf(staticClosure(chunkOf('source/ui/start-create-tui.tsx')));
		expect(tui.some((input) => /node_modules\/ink\//.test(input))).toBe(true);
		expect(
			tui.filter((input) => sdk.test(input)),
			'the TUI loads the SDK after its first frame',
		).toEqual([]);
		expect(inputsOf(staticClosure(chunkOf('source/cli/commands/create.ts'))).filter((input) => ink.test(input))).toEqual([]);
		// Up to the first frame, in English: the entry, create, its TUI command and the TUI, and no Japanese.
		const firstFrame = inputsOf(
			['dist/main.js', ...['source/cli/commands/create.ts', 'source/cli/commands/create-tui.ts', 'source/ui/start-create-tui.tsx'].map(chunkOf)].flatMap(
				(output) => [...staticClosure(output)],
			),
		);
		expect(firstFrame.filter((input) => /i18n\/[a-z]*\.?ja\.ts$/.test(input))).toEqual([]);
	});
});

describe('what each command loads at run time (a module-loader hook)', () => {
	it.each([
		['help', ['--help']],
		['check-help', ['check', '--help']],
		['policy', ['policy', '--region', 'us-west-2', '--models', NOVA_LITE, '--format', 'text']],
	])(
		'%s loads neither Ink, React nor the SDK',
		async (name, args) => {
			const loaded = await loadedBy(name, args, {}, name === 'policy' ? 'dist/policy.js' : undefined);
			// policy's quick start reads its flags without commander (cli/policy-quick.ts).
			if (name === 'policy') expect(loaded.filter((input) => /node_modules\/commander\/|^source\/cli\/program\.ts$/.test(input))).toEqual([]);
			else expect(loaded).toContain('source/cli/program.ts');
			expect(loaded.filter((input) => ink.test(input) || sdk.test(input) || ui.test(input))).toEqual([]);
			if (name !== 'policy')
				expect(
					loaded.filter((input) => /i18n\/(en|ja)\.ts$/.test(input)),
					'--help needs no message catalog',
				).toEqual([]);
			else
				expect(
					loaded.filter((input) => /i18n\/ja\.ts$/.test(input)),
					'English only',
				).toEqual([]);
		},
		60_000,
	);

	it('policy --help goes from dist/policy.js to the whole command line, and commander shows it', async () => {
		const record = join(work, 'policy-help.loads');
		writeFileSync(record, '');
		const {stdout} = await run(process.execPath, ['--import', recorder, join(ROOT, 'dist', 'cli.js'), 'policy', '--help'], {
			cwd: work,
			env: {...process.env, BKW_RECORD_LOADS: record, LANG: 'en_US.UTF-8'},
		});
		expect(stdout).toContain('Usage: bedrock-key-wizard policy [options]');
		const files = readFileSync(record, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((url) => relative(ROOT, fileURLToPath(url)));
		expect(files).toEqual(expect.arrayContaining(['dist/policy.js', 'dist/main.js']));
		expect(inputsOf(files.filter((file) => file.startsWith('dist/'))).filter((input) => ink.test(input) || sdk.test(input))).toEqual([]);
	}, 60_000);

	it('sandbox serves without Ink, React or the SDK', async () => {
		const record = join(work, 'sandbox.loads');
		writeFileSync(record, '');
		const child = spawn(process.execPath, ['--import', recorder, join(ROOT, 'dist', 'cli.js'), 'sandbox', '--port', '0'], {
			cwd: work,
			env: {...process.env, BKW_RECORD_LOADS: record},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		await new Promise<void>((done, fail) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString('utf8');
				if (out.includes('\n')) done();
			});
			child.on('exit', (code) => fail(new Error(`sandbox exited ${code}`)));
		});
		const exited = new Promise((done) => child.once('exit', done));
		child.kill('SIGTERM');
		await exited;
		const loaded = loadedInputs(record);
		expect(loaded.some((input) => input.startsWith('source/sandbox/'))).toBe(true);
		expect(loaded.filter((input) => ink.test(input) || sdk.test(input) || ui.test(input))).toEqual([]);
	}, 60_000);

	it('headless cleanup and check call AWS through the SDK, without Ink or React', async () => {
		const target = ['--endpoint-url', sandbox.endpoint, '--region', 'us-west-2', '--no-input', '--json'];
		const cleanup = await loadedBy('cleanup', ['cleanup', ...target], adminEnv(sandbox));
		expect(cleanup.some((input) => /@aws-sdk\/client-iam\//.test(input))).toBe(true);
		expect(cleanup.filter((input) => ink.test(input) || ui.test(input))).toEqual([]);
		expect(
			cleanup.filter((input) => /@aws-sdk\/client-bedrock-runtime\//.test(input)),
			'cleanup calls no model',
		).toEqual([]);
		expect(
			cleanup.filter((input) => /@aws-sdk\/client-accessanalyzer\//.test(input)),
			'nor Access Analyzer',
		).toEqual([]);

		const user = await provisionUser(sandbox, 'graph-check', oneModelKeyPolicy(NOVA_LITE), {apiKey: true});
		const check = await loadedBy('check', ['check', ...target, '--expect-allowed', NOVA_LITE, '--verify-timeout', '5'], {
			AWS_BEARER_TOKEN_BEDROCK: user.apiKey!,
		});
		expect(check.some((input) => /@aws-sdk\/client-bedrock-runtime\//.test(input))).toBe(true);
		expect(check.filter((input) => ink.test(input) || ui.test(input))).toEqual([]);
	}, 120_000);
});
