/** esbuild's metafile of a build (dist/meta.json), read as the graph of files a start loads. */

export interface MetaOutputs {
	readonly outputs: Record<string, {readonly imports: ReadonlyArray<{readonly path: string; readonly kind: string}>; readonly inputs: Record<string, unknown>}>;
}

/** The output files an output imports statically, itself included: what loads before any `await import`. */
export function staticClosure(meta: MetaOutputs, output: string): Set<string> {
	const seen = new Set<string>();
	const todo = [output];
	while (todo.length > 0) {
		const next = todo.pop()!;
		if (seen.has(next)) continue;
		seen.add(next);
		for (const entry of meta.outputs[next]?.imports ?? []) if (entry.kind === 'import-statement' && meta.outputs[entry.path]) todo.push(entry.path);
	}
	return seen;
}
