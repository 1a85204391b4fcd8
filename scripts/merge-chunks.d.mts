// Types of scripts/merge-chunks.mjs, for test/package/merge-chunks.test.ts.
import type {Metafile} from 'esbuild';
export declare function planGroups(meta: Metafile, roots: readonly string[], keepApart: (inputs: readonly string[]) => boolean): string[][];
export declare function mergeChunks(
	meta: Metafile,
	files: Map<string, string>,
	roots: readonly string[],
	keepApart: (inputs: readonly string[]) => boolean,
): Promise<number>;
