/**
 * What ships, as a new user gets it: `npm pack` (the launcher, the entry and every chunk it imports, test
 * 1), `npx` of the tarball on an empty npm cache, then `npm install --global` of the tarball into a fresh
 * prefix on an empty npm cache, then each front end of the installed command driven in a real
 * pseudo-terminal (tmux): headless create, `check` at its masked prompt (full-screen and --plain), the
 * workshop dashboard, and create in the full-screen wizard and --plain (line by line) on the built-in
 * sandbox. Each must reach its last line and exit 0. A build change that breaks one mode (the bundle's
 * one-string-width alias once broke every @inquirer prompt) fails here, not in a user's terminal.
 * A sandbox started with the installed command's own `sandbox` serves the runs that need an endpoint.
 */
import {execFile, spawn, type ChildProcessByStdio} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join, resolve} from 'node:path';
import type {Readable} from 'node:stream';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeInTmux, expectTerminalRestored, Terminal, walkToKeyOptions} from '../helpers/terminal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const run = promisify(execFile);
/** Under a loaded 2-core machine the whole pack + install has taken ~20 s; screens are polled, never slept on. */
const WAIT_MS = 90_000;
const TARBALL_LIMIT_BYTES = 600_000;

/** The environment a user's shell would have: none of the npm_* variables `npm test` exports to its scripts. */
const userEnv = (): Record<string, string> =>
	Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^npm_/i.test(entry[0])));

interface SandboxInfo {
	readonly endpoint: string;
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
}

const terminal = new Terminal('bkw-package');
let work: string;
let tarball: string;
let bin: string;
let sandbox: ChildProcessByStdio<null, Readable, Readable> | undefined;
let sandboxInfo: SandboxInfo;
/** Where the headless create saved alice's key (.env) and report. */
let aliceDir: string | undefined;
/** The admin's credentials, for the environment only (never a command line). */
const adminEnv = (): Record<string, string> => ({AWS_ACCESS_KEY_ID: sandboxInfo.accessKeyId, AWS_SECRET_ACCESS_KEY: sandboxInfo.secretAccessKey});
const target = (): string => `--endpoint-url ${sandboxInfo.endpoint} --region us-west-2`;

/** Starts the installed command's own sandbox and reads the one JSON line it announces itself with. */
async function startInstalledSandbox(): Promise<SandboxInfo> {
	const child = spawn(bin, ['sandbox', '--propagation-delay-ms', '300'], {cwd: work, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	sandbox = child;
	let out = '';
	let err = '';
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	return new Promise((done, fail) => {
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString('utf8');
			const line = out.split('\n')[0];
			if (out.includes('\n') && line) done(JSON.parse(line) as SandboxInfo);
		});
		child.on('exit', (code) => fail(new Error(`The installed sandbox exited (${code}) before announcing itself: ${err}`)));
	});
}

describeInTmux('the packed tarball, installed globally, in a real terminal (tmux)', () => {
	beforeAll(async () => {
		work = mkdtempSync(join(tmpdir(), 'bkw-tarball-'));
		const packDir = join(work, 'pack');
		const prefix = join(work, 'prefix');
		const cache = join(work, 'empty-npm-cache');
		for (const dir of [packDir, prefix, cache]) mkdirSync(dir);
		// `npm pack` runs prepack (the build), as publishing does.
		await run('npm', ['pack', '--silent', '--pack-destination', packDir], {cwd: ROOT, env: userEnv()});
		const packed = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
		expect(packed).toHaveLength(1);
		tarball = join(packDir, packed[0]!);
		await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
			cwd: work,
			env: {...userEnv(), npm_config_cache: cache, npm_config_update_notifier: 'false'},
		});
		bin = join(prefix, 'bin', 'bedrock-key-wizard');
		expect(existsSync(bin), `npm install --global put no bedrock-key-wizard in ${prefix}/bin`).toBe(true);
		sandboxInfo = await startInstalledSandbox();
	}, 240_000);

	afterEach(() => terminal.closeSessions());

	afterAll(async () => {
		if (sandbox && sandbox.exitCode === null) {
			const exited = new Promise((done) => sandbox!.once('exit', done));
			sandbox.kill('SIGTERM');
			await exited;
		}
		if (work) rmSync(work, {recursive: true, force: true});
	});

	it(`holds the launcher, the bundle (with policy's own entry) and its chunks, README, LICENSE and package.json, no dependencies, under ${TARBALL_LIMIT_BYTES / 1000} kB`, async () => {
		const {stdout} = await run('tar', ['-tzf', tarball]);
		const files = stdout.trim().split('\n').sort();
		expect(files.filter((file) => !file.startsWith('package/dist/chunks/'))).toEqual([
			'package/LICENSE',
			'package/README.md',
			'package/dist/cli.js',
			'package/dist/main.js',
			'package/dist/policy.js',
			'package/package.json',
		]);
		const chunks = files.filter((file) => file.startsWith('package/dist/chunks/'));
		expect(chunks.length).toBeGreaterThan(10);
		expect(
			chunks.filter((file) => !/^package\/dist\/chunks\/[\w.-]+\.js$/.test(file) && file !== 'package/dist/chunks/yoga.wasm'),
			"only chunks and Ink's WebAssembly (no metafile, no half-written file)",
		).toEqual([]);
		// Every chunk the bundle imports, statically or with import(), is in the tarball.
		const unpacked = join(work, 'unpacked');
		mkdirSync(unpacked);
		await run('tar', ['-xzf', tarball, '-C', unpacked]);
		const missing: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.js'))) {
			const code = readFileSync(join(unpacked, file), 'utf8');
			for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["'](\.\.?\/[^"']+)["']/g)) {
				if (!existsSync(join(unpacked, dirname(file), specifier!))) missing.push(`${file} imports ${specifier}`);
			}
		}
		expect(missing).toEqual([]);
		const manifest = JSON.parse(readFileSync(join(work, 'prefix', 'lib', 'node_modules', 'bedrock-key-wizard', 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(manifest['dependencies'], 'the bundle carries everything it needs').toBeUndefined();
		expect(statSync(tarball).size).toBeLessThan(TARBALL_LIMIT_BYTES);
	});

	it('npx runs the tarball on an empty npm cache (policy, which loads its chunks)', async () => {
		const cache = mkdtempSync(join(tmpdir(), 'bkw-npx-cache-'));
		try {
			// As .ci/run does: a path npx reads as a package, not as a command to run.
			const {stdout} = await run('npx', ['--yes', `./${basename(tarball)}`, 'policy', '--region', 'us-west-2', '--models', NOVA_LITE, '--format', 'text'], {
				cwd: dirname(tarball),
				env: {...userEnv(), npm_config_cache: cache, npm_config_update_notifier: 'false'},
			});
			expect(stdout).toContain(`foundation-model/${NOVA_LITE}`);
		} finally {
			rmSync(cache, {recursive: true, force: true});
		}
	}, 120_000);

	it('headless create (--no-input --json) in a terminal prints one JSON report with every check passed, and exits 0', async () => {
		const t = terminal.start('headless', {
			command: `${bin} create --no-input ${target()} --models ${NOVA_LITE} --key api-key --expires-in-days 30 --user-name pkg-alice --out-dir alice --json > create.json`,
			env: {...adminEnv(), LANG: 'en_US.UTF-8'},
			waitMs: WAIT_MS,
		});
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expect(history).toMatch(/(\d+) of \1 checks passed/);
		const report = JSON.parse(readFileSync(join(t.dir, 'create.json'), 'utf8')) as {principal: string; probes: Array<{pass: boolean; expected: string}>};
		expect(report.principal).toBe('arn:aws:iam::123456789012:user/pkg-alice');
		expect(report.probes.filter((probe) => probe.expected === 'allow').length).toBeGreaterThan(0);
		expect(report.probes.filter((probe) => probe.expected === 'deny').length).toBeGreaterThan(0);
		expect(report.probes.every((probe) => probe.pass)).toBe(true);
		expect(statSync(join(t.dir, 'alice', '.env')).mode & 0o777).toBe(0o600);
		aliceDir = join(t.dir, 'alice');
	}, 120_000);

	const aliceKey = (): string => {
		expect(aliceDir, 'the headless create made the key this test checks').toBeDefined();
		return /^AWS_BEARER_TOKEN_BEDROCK=(.+)$/m.exec(readFileSync(join(aliceDir!, '.env'), 'utf8'))![1]!;
	};

	for (const plain of [false, true]) {
		const mode = plain ? 'check --plain' : 'check (full screen)';
		it(`${mode} takes the key at its masked prompt, never shows it, finds every expectation held, and exits 0`, async () => {
			const key = aliceKey();
			const t = terminal.start(plain ? 'check-plain' : 'check-tui', {
				command: `${bin} check ${plain ? '--plain ' : ''}${target()} --report ${join(aliceDir!, 'bedrock-key-report.json')}`,
				env: {LANG: 'en_US.UTF-8'},
				waitMs: WAIT_MS,
			});
			await t.waitFor('Bedrock API key (input hidden)');
			t.paste(key);
			// The masked echo of the pasted key: dots with a count (full screen) or stars (--plain).
			await t.waitFor(plain ? /\(input hidden\) \*{20}/ : /\(input hidden\): •+ \(\d+ characters\)/);
			t.keys('Enter');
			const {exitCode, history} = await t.finished();
			expect(exitCode, history).toBe(0);
			expect(history).toContain('✓ Every expectation held: allowed calls answered, forbidden ones were denied.');
			expect(history.includes(key), 'the key was shown on the screen').toBe(false);
			expect(readFileSync(t.raw, 'utf8').includes(key), 'the key was written to the terminal').toBe(false);
			if (!plain) expectTerminalRestored(t, history);
		}, 120_000);
	}

	it('workshop status --verify shows the dashboard with every seat working, and exits 0', async () => {
		const out = join(work, 'workshop');
		// The seats, made headless (no terminal: stdin is a pipe), as an organiser's script would.
		await run(
			bin,
			['workshop', 'create', ...target().split(' '), '--name', 'pkg', '--seats', '3', '--models', NOVA_LITE, '--expires-in-days', '1', '--out-dir', out],
			{
				cwd: work,
				env: {...userEnv(), ...adminEnv(), LANG: 'en_US.UTF-8'},
			},
		);
		const t = terminal.start('workshop', {
			command: `${bin} workshop status ${target()} --name pkg --verify --out-dir ${out}`,
			env: {...adminEnv(), LANG: 'en_US.UTF-8'},
			waitMs: WAIT_MS,
		});
		// One row per seat, each checked with its own key: its result and the calls CloudTrail has seen.
		await t.waitFor(/^3\s+bkw-pkg-003\s.*✓ works\s+none seen/m);
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		for (const seat of [1, 2, 3]) expect(history).toMatch(new RegExp(`^${seat}\\s+bkw-pkg-00${seat}\\s.*✓ works`, 'm'));
		expect(history).toContain('3 of 3 seats verified working.');
		expectTerminalRestored(t, history);
	}, 120_000);

	it('create --sandbox in the full-screen wizard, walked to the end, makes and proves a key and exits 0', async () => {
		const t = terminal.start('tui', {
			command: `${bin} --sandbox --out-dir keys`,
			env: {BKW_SANDBOX_PROPAGATION_MS: '300', LANG: 'en_US.UTF-8'},
			waitMs: WAIT_MS,
		});
		await walkToKeyOptions(t);
		await t.waitFor('✓ new user');
		t.keys('Enter');
		await t.waitFor('Review: what will be made for');
		t.keys('Enter');
		await t.waitFor('Subscribe the account with your credentials');
		t.keys('Enter');
		const done = await t.waitFor('Done: the key works exactly as chosen');
		expect(done).toMatch(/(\d+) of \1 checks passed/);
		t.keys('q');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expect(existsSync(join(t.dir, 'keys', '.env'))).toBe(true);
		expectTerminalRestored(t, history);
	}, 180_000);

	it('create --sandbox --plain, answered line by line, makes and proves a key and exits 0', async () => {
		const t = terminal.start('plain', {
			command: `${bin} --sandbox --plain --out-dir keys`,
			env: {BKW_SANDBOX_PROPAGATION_MS: '300', LANG: 'en_US.UTF-8'},
			waitMs: WAIT_MS,
		});
		await t.waitFor('? What will use this key');
		t.keys('Enter');
		await t.waitFor('? Models the key may call');
		t.keys('Enter');
		await t.waitFor('? Kinds of key');
		t.keys('Enter');
		await t.waitFor('? Days until the API key expires');
		await t.text('7');
		t.keys('Enter');
		await t.waitFor('? IAM user name for the key');
		await t.text('pkg-plain');
		t.keys('Enter');
		await t.waitFor('? Policy type');
		t.keys('Enter');
		// The subscription question (wrapped at 80 columns, so only its end is looked for).
		await t.waitFor('Marketplace permission)? (Y/n)');
		await t.text('y');
		t.keys('Enter');
		await t.waitFor('? Apply this to your AWS account?');
		await t.text('y');
		t.keys('Enter');
		const {exitCode, history} = await t.finished();
		expect(exitCode, history).toBe(0);
		expect(history).toContain('✔ IAM user name for the key pkg-plain');
		expect(history).toMatch(/✔ Policy type .*auto/);
		expect(history).toMatch(/(\d+) of \1 checks passed/);
		expect(history).toContain(`${join(t.dir, 'keys', '.env')} (mode 0600`);
		expect(existsSync(join(t.dir, 'keys', '.env'))).toBe(true);
	}, 180_000);
});
