/**
 * Deterministic embeddings: the same model and input give the same vector on every call and every
 * machine, so tests can compare them; different inputs give (almost surely) different vectors.
 */

/** FNV-1a over the UTF-8 bytes: a stable 32-bit seed from any text. */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (const byte of Buffer.from(text, 'utf8')) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A vector of `dimensions` components with L2 norm 1, seeded by the model and the input. */
export function unitEmbedding(modelId: string, input: string, dimensions: number): number[] {
	const random = seededRandom(fnv1a(`${modelId}\u0000${input}`));
	const vector: number[] = [];
	// Box-Muller: Gaussian components point in a uniformly random direction once normalized.
	while (vector.length < dimensions) {
		const u = Math.max(random(), Number.EPSILON);
		const v = random();
		const radius = Math.sqrt(-2 * Math.log(u));
		vector.push(radius * Math.cos(2 * Math.PI * v));
		if (vector.length < dimensions) vector.push(radius * Math.sin(2 * Math.PI * v));
	}
	const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
	return vector.map((x) => x / norm);
}

/** Titan's `normalize: false` returns the raw vector; ours is the unit one scaled by a stable factor. */
export function scaledEmbedding(modelId: string, input: string, dimensions: number): number[] {
	const scale = 1 + (fnv1a(`scale\u0000${modelId}\u0000${input}`) % 1000) / 100;
	return unitEmbedding(modelId, input, dimensions).map((x) => x * scale);
}

/** Titan's `binary` embedding type: one bit per dimension, set where the float component is positive. */
export const binaryEmbedding = (vector: readonly number[]): number[] => vector.map((x) => (x > 0 ? 1 : 0));

/** Cohere's `int8` embedding type: components scaled into [-128, 127]. */
export const int8Embedding = (vector: readonly number[]): number[] => {
	const max = Math.max(...vector.map(Math.abs), Number.EPSILON);
	return vector.map((x) => Math.max(-128, Math.min(127, Math.round((x / max) * 127))));
};

/** A stable UUID-shaped id (Cohere answers carry one). */
export function stableId(text: string): string {
	const hex = [0, 1, 2, 3].map((i) => fnv1a(`${i}\u0000${text}`).toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
