/**
 * create is the default command, so a mistyped command used to reach it as an argument ("too many
 * arguments for 'create'"). Now the unknown command is named with the closest real one (exit 2), and
 * create without a command name still runs.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {closest, editDistance} from '../../source/cli/closest.js';
import {runCliCaptured} from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('an unknown command', () => {
	it('the real CLI: `chek` names the command and the closest one, exit 2, no stack trace', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'chek'], {
			cwd: ROOT,
			encoding: 'utf8',
			env: {...process.env, LANG: 'en_US.UTF-8', CI: 'true'},
		});
		expect(run.status).toBe(2);
		expect(run.stderr).toContain("Unknown command 'chek'. Did you mean 'check'?");
		expect(run.stderr).not.toContain('too many arguments');
		expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
		expect(run.stdout).toBe('');
	});

	for (const [typed, meant] of [
		['creat', 'create'],
		['polcy', 'policy'],
		['cleanpu', 'cleanup'],
		['sandbx', 'sandbox'],
		['wokrshop', 'workshop'],
		['hlep', 'help'],
		// A workshop command typed on its own.
		['status', 'workshop status'],
		['teardown', 'workshop teardown'],
	] as const) {
		it(`${typed} → ${meant}`, async () => {
			const run = await runCliCaptured([typed, '--region', 'us-west-2']);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(`Unknown command '${typed}'. Did you mean '${meant}'?`);
		});
	}

	it('nothing close: the commands are listed instead', async () => {
		const run = await runCliCaptured(['frobnicate']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("Unknown command 'frobnicate'.");
		expect(run.stderr).not.toContain('Did you mean');
		expect(run.stderr).toContain('create (the default), policy, check, cleanup, sandbox, workshop');
	});

	it('after global flags, and before create flags, it is still a command', async () => {
		for (const argv of [
			['--sandbox', 'chek'],
			['--region', 'us-west-2', 'chek', '--json'],
			['--models', 'amazon.nova-lite-v1:0', 'chek'],
		]) {
			const run = await runCliCaptured(argv);
			expect(run.code, argv.join(' ')).toBe(2);
			expect(run.stderr).toContain("Unknown command 'chek'. Did you mean 'check'?");
		}
	});

	it('in Japanese', async () => {
		const run = await runCliCaptured(['chek', '--lang', 'ja']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("'chek' というコマンドはありません。'check' のことですか?");
	});

	it('`create something`: create takes no arguments, said so', async () => {
		const run = await runCliCaptured(['create', 'amazon.nova-lite-v1:0']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("create takes no arguments, but was given 'amazon.nova-lite-v1:0'.");
		expect(run.stderr).toContain('--models');
	});

	it('a workshop command mistyped: commander names it (exit 2)', async () => {
		const run = await runCliCaptured(['workshop', 'statsu', '--name', 'x']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/unknown command 'statsu'/);
		expect(run.stderr).toMatch(/Did you mean status\?/);
	});

	it('`help chek`: the same answer', async () => {
		const run = await runCliCaptured(['help', 'chek']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("Unknown command 'chek'. Did you mean 'check'?");
	});

	it('`workshop` alone: its help, then which commands it needs (exit 2)', async () => {
		const run = await runCliCaptured(['workshop']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('workshop needs a command: create, plan, rotate, status, teardown.');
	});
});

describe('create without its name still runs', () => {
	it('`bedrock-key-wizard --sandbox` (headless here): makes and proves a key', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bkw-default-'));
		const run = await runCliCaptured(['--sandbox', '--json', '--out-dir', dir], {env: {BKW_SANDBOX_PROPAGATION_MS: '0'}});
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({pass: true});
	}, 60_000);

	it('create flags before the word create are create flags', async () => {
		const run = await runCliCaptured(['--models', 'amazon.nova-lite-v1:0', 'create', '--region', 'us-west2']);
		expect(run.code).toBe(2);
		// The Region check, not an argument error: create ran with its flags.
		expect(run.stderr).toContain('"us-west2" is not an AWS Region name');
	});
});

describe('closest', () => {
	it('counts a swap of neighbours as one edit', () => {
		expect(editDistance('chek', 'check')).toBe(1);
		expect(editDistance('wokrshop', 'workshop')).toBe(1);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('suggests only what is close enough', () => {
		const commands = ['create', 'policy', 'check', 'cleanup', 'sandbox', 'workshop', 'help'];
		expect(closest('chek', commands)).toBe('check');
		expect(closest('CHECK', commands)).toBe('check');
		expect(closest('x', commands)).toBeUndefined();
		expect(closest('deploy', commands)).toBeUndefined();
	});
});
