/**
 * The build's join of shared chunks (scripts/merge-chunks.mjs) changes how many files a command loads, not
 * what runs: a small program split by esbuild as the build splits ours (two roots, code shared between them,
 * code shared between one root and lazily imported modules, data kept apart) gives the same values and runs
 * its modules' top-level code in the same order once joined, from fewer files. A join that would make two
 * files import each other is refused. The real build's figures are checked in import-graph.test.ts.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build, type Metafile} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mergeChunks, planGroups} from '../../scripts/merge-chunks.mjs';
import {staticClosure} from '../helpers/meta-graph.js';

const sources: Record<string, string> = {
	'order.js': 'export const order = globalThis.__order ??= [];',
	'shared.js': "import {order} from './order.js'; order.push('shared'); export const shared = () => 'S';",
	'main-only.js': "import {order} from './order.js'; order.push('main-only'); export const x = 'X';",
	'policy-one.js': "import {order} from './order.js'; import {shared} from './shared.js'; order.push('policy-one'); export const y = shared() + 'Y';",
	'policy-two.js': "import {order} from './order.js'; order.push('policy-two'); export const z = 'Z'; export const w = 'W';",
	'data.js': "import {order} from './order.js'; order.push('data'); export const data = {kept: 'apart'};",
	'main.js':
		"import {shared} from './shared.js'; import {x} from './main-only.js'; import {order} from './order.js'; order.push('main'); export const main = shared() + x; export const later = () => import('./lazy.js'); export const other = () => import('./lazy-two.js');",
	'policy.js':
		"import {y} from './policy-one.js'; import {z, w} from './policy-two.js'; import {data} from './data.js'; import {order} from './order.js'; order.push('policy'); export const policy = y + z + w + data.kept;",
	'lazy.js': "import {y} from './policy-one.js'; import {data} from './data.js'; import {x} from './main-only.js'; export const lazy = y + data.kept + x;",
	'lazy-two.js': "import {w} from './policy-two.js'; import {y} from './policy-one.js'; export const lazyTwo = w + y.length;",
};

let work: string;
const built: Record<'split' | 'joined', {readonly dir: string; readonly files: string[]; readonly meta: Metafile}> = {} as never;

async function splitBuild(into: string): Promise<{meta: Metafile; files: Map<string, string>}> {
	const result = await build({
		entryPoints: {main: join(work, 'src', 'main.js'), policy: join(work, 'src', 'policy.js')},
		outdir: into,
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		format: 'esm',
		platform: 'node',
		minify: true,
		metafile: true,
		write: false,
		absWorkingDir: work,
		logLevel: 'silent',
	});
	return {meta: result.metafile, files: new Map(result.outputFiles.map((file) => [relative(work, file.path).split('\\').join('/'), file.text]))};
}

function write(files: Map<string, string>): string[] {
	for (const [path, text] of files) {
		mkdirSync(dirname(join(work, path)), {recursive: true});
		writeFileSync(join(work, path), text);
	}
	return [...files.keys()].filter((path) => path.endsWith('.js'));
}

/**
 * Loads a root in a process of its own (each module's top-level code runs once per process), then awaits
 * `then`, an exported function, if given: what the root (or the lazily imported module) exports, and the
 * order the modules' top-level code ran in.
 */
function run(dir: string, root: string, then?: string): {exports: Record<string, unknown>; order: string[]} {
	const url = pathToFileURL(join(work, dir, root)).href;
	const script = `const m = await import(${JSON.stringify(url)}); const exports = ${then ? `await m[${JSON.stringify(then)}]()` : 'm'};
process.stdout.write(JSON.stringify({exports: Object.fromEntries(Object.entries(exports).filter(([, v]) => typeof v !== 'function')), order: globalThis.__order}));`;
	return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})) as {
		exports: Record<string, unknown>;
		order: string[];
	};
}

beforeAll(async () => {
	work = mkdtempSync(join(tmpdir(), 'bkw-merge-chunks-'));
	mkdirSync(join(work, 'src'));
	for (const [name, text] of Object.entries(sources)) writeFileSync(join(work, 'src', name), text);
	for (const kind of ['split', 'joined'] as const) {
		const {meta, files} = await splitBuild(join(work, kind));
		if (kind === 'joined') {
			const groups = await mergeChunks(meta, files, [`${kind}/main.js`, `${kind}/policy.js`], (inputs) => inputs.some((input) => input.endsWith('data.js')));
			expect(groups).toBeGreaterThan(0);
		}
		built[kind] = {dir: kind, files: write(files), meta};
	}
});

afterAll(() => {
	if (work) rmSync(work, {recursive: true, force: true});
});

describe('joining the shared chunks each root loads', () => {
	it('makes fewer files, and the policy root loads fewer of them', () => {
		const closure = (meta: Metafile, root: string): Set<string> => staticClosure(meta, root);

		expect(built.joined.files.length).toBeLessThan(built.split.files.length);
		expect(closure(built.joined.meta, 'joined/policy.js').size).toBeLessThan(closure(built.split.meta, 'split/policy.js').size);
		// The metafile is the graph of what is written: every import it names exists, and no file it dropped is left.
		for (const [path, output] of Object.entries(built.joined.meta.outputs)) {
			expect(built.joined.files).toContain(path);
			for (const entry of output.imports) if (entry.path.startsWith('joined/')) expect(built.joined.files).toContain(entry.path);
		}
		expect(readdirSync(join(work, 'joined', 'chunks')).length).toBe(built.joined.files.filter((path) => path.includes('/chunks/')).length);
	});

	it('keeps the data chunk apart', () => {
		const data = Object.entries(built.joined.meta.outputs).filter(([, output]) => Object.keys(output.inputs).some((input) => input.endsWith('data.js')));
		expect(data).toHaveLength(1);
		expect(Object.keys(data[0]![1].inputs)).toHaveLength(1);
	});

	// ESM's one promise about order: what a module imports runs before it. The order of chunks that do not
	// import each other is esbuild's choice, and joining may change it (docs/contributing.md, 'The build').
	it.each(['main.js', 'policy.js'])('%s gives the same values and runs the same modules, each after what it imports', (root) => {
		const split = run('split', root);
		const joined = run('joined', root);
		expect(joined.exports).toEqual(split.exports);
		expect([...joined.order].sort()).toEqual([...split.order].sort());
		expect(joined.order.at(-1)).toBe(root.replace('.js', ''));
		if (root === 'policy.js') expect(joined.order.indexOf('shared')).toBeLessThan(joined.order.indexOf('policy-one'));
	});

	it('a module imported later reaches the joined code: the same values, and what it imports runs before it', () => {
		for (const name of ['later', 'other']) {
			const split = run('split', 'main.js', name);
			const joined = run('joined', 'main.js', name);
			expect(joined.exports).toEqual(split.exports);
			// All it ran before, and perhaps more: a module that needs part of a joined file loads all of it.
			expect(joined.order).toEqual(expect.arrayContaining(split.order));
		}
		const later = run('joined', 'main.js', 'later');
		expect(later.exports).toEqual({lazy: 'SYapartX'});
		expect(later.order.indexOf('shared')).toBeLessThan(later.order.indexOf('policy-one'));
		expect(run('joined', 'main.js', 'other').exports).toEqual({lazyTwo: 'W2'});
	});

	it('refuses a join that would make two files import each other', async () => {
		// r loads a, b and z; a imports z, z imports b. Joining a with b, z kept apart: the joined file and z import each other.
		const output = (imports: string[], input: string) => ({
			bytes: 1,
			inputs: {[input]: {bytesInOutput: 1}},
			imports: imports.map((path) => ({path, kind: 'import-statement' as const})),
			exports: [],
		});
		const meta = {
			inputs: {},
			outputs: {
				'r.js': output(['chunks/chunk-A.js', 'chunks/chunk-B.js', 'chunks/chunk-Z.js'], 'r.ts'),
				'chunks/chunk-A.js': output(['chunks/chunk-Z.js'], 'a.ts'),
				'chunks/chunk-Z.js': output(['chunks/chunk-B.js'], 'z.ts'),
				'chunks/chunk-B.js': output([], 'b.ts'),
			},
		} as unknown as Metafile;
		const apart = (inputs: readonly string[]) => inputs.includes('z.ts');
		expect(planGroups(meta, ['r.js'], apart)).toEqual([['chunks/chunk-A.js', 'chunks/chunk-B.js']]);
		await expect(mergeChunks(meta, new Map(), ['r.js'], apart)).rejects.toThrow(/cycle/);
	});
});
