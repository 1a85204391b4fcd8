/**
 * The build's patch of string-width (scripts/bundle-patches.mjs) changes when it does its work, not its
 * answers: the patched copy measures every text as the original does (each single-code-point character it
 * measures on its own, random strings of them, and text it leaves to the segmenter: emoji, combining marks,
 * Hangul jamo), and makes no Intl object and no Unicode-set expression for the first kind.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {patchCommander, patchStringWidth, patchYogaWasm, pureSchemaKeys, SIMPLE_TEXT} from '../../scripts/bundle-patches.mjs';
import original from 'string-width';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;
const require = createRequire(import.meta.url);
let dir: string;
let patched: Width;
/** Intl.Segmenter objects made since the patched copy was loaded. */
let segmenters = 0;
const RealSegmenter = Intl.Segmenter;

beforeAll(async () => {
	(Intl as {Segmenter: typeof Intl.Segmenter}).Segmenter = class extends RealSegmenter {
		constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
			super(...args);
			segmenters++;
		}
	};
	const file = require.resolve('string-width');
	// The patched source, with its two imports pointed at the installed packages.
	const source = patchStringWidth(readFileSync(file, 'utf8'), file)
		.replace("from 'strip-ansi'", `from ${JSON.stringify(pathToFileURL(createRequire(file).resolve('strip-ansi')).href)}`)
		.replace("from 'get-east-asian-width'", `from ${JSON.stringify(pathToFileURL(createRequire(file).resolve('get-east-asian-width')).href)}`);
	dir = mkdtempSync(join(tmpdir(), 'bkw-patches-'));
	writeFileSync(join(dir, 'string-width.mjs'), source);
	patched = ((await import(pathToFileURL(join(dir, 'string-width.mjs')).href)) as {default: Width}).default;
});

afterAll(() => {
	(Intl as {Segmenter: typeof Intl.Segmenter}).Segmenter = RealSegmenter;
	if (dir) rmSync(dir, {recursive: true, force: true});
});

/** Deterministic pseudo-random numbers in [0, 1), so a failure replays. */
function seeded(seed: number): () => number {
	let value = seed;
	return () => {
		value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
		return value / 2_147_483_648;
	};
}

const simple = new RegExp(SIMPLE_TEXT);
const simpleCharacters: string[] = [];
for (let codePoint = 0; codePoint < 0x10000; codePoint++) {
	const character = String.fromCodePoint(codePoint);
	if (simple.test(character)) simpleCharacters.push(character);
}

describe("the bundle's string-width", () => {
	it('measures every character of its fast path as string-width does, narrow and wide ambiguous', () => {
		expect(simpleCharacters.length).toBeGreaterThan(20_000);
		const differ = simpleCharacters.filter(
			(character) =>
				patched(character) !== original(character) || patched(character, {ambiguousIsNarrow: false}) !== original(character, {ambiguousIsNarrow: false}),
		);
		expect(differ.map((character) => character.codePointAt(0)!.toString(16))).toEqual([]);
		expect(segmenters, 'no Intl.Segmenter for text of the fast path').toBe(0);
		patched('👍');
		expect(segmenters).toBe(1);
	});

	it('measures random strings as string-width does, with and without the characters it leaves to the segmenter', () => {
		const random = seeded(7);
		const others = ['👍', '👍🏽', '👨‍👩‍👧', '✔️', '1️⃣', '🇯🇵', 'é', 'á', 'ᄀ', 'ᅡ', 'ᆨ', 'ｶﾞ', '\u200b', '\u00ad', '\u0301', 'か\u3099', '\u001b[31m'];
		for (let index = 0; index < 20_000; index++) {
			let text = '';
			for (let length = 1 + (index % 9); length > 0; length--)
				text += random() < 0.8 ? simpleCharacters[Math.floor(random() * simpleCharacters.length)] : others[Math.floor(random() * others.length)];
			expect(patched(text), JSON.stringify(text)).toBe(original(text));
		}
	});

	it('fails the build when a patched text is not found exactly once', () => {
		expect(() => patchStringWidth('export default () => 0;', 'x.js')).toThrow(/expected exactly one/);
		expect(() => patchYogaWasm('', 'y.js')).toThrow(/expected exactly one/);
		expect(() => patchCommander('', 'z.js')).toThrow(/expected exactly one/);
	});

	it("takes yoga-layout's WebAssembly out of its text and reads it from the file beside the chunk", () => {
		const file = fileURLToPath(new URL('../../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', import.meta.url));
		const original = readFileSync(file, 'utf8');
		const {text, wasm} = patchYogaWasm(original, file);
		// The module's bytes, whole: a WebAssembly binary, and the text is that much shorter.
		expect(wasm.subarray(0, 4)).toEqual(Buffer.from('\0asm', 'latin1'));
		expect(WebAssembly.validate(new Uint8Array(wasm))).toBe(true);
		expect(original.length - text.length).toBeGreaterThan(wasm.length);
		expect(text).toContain('readFileSync(new URL("./yoga.wasm",import.meta.url))');
		expect(text).not.toContain('"function"!=typeof fetch?Promise');
	});

	it("writes the SDK shapes' computed keys as the strings they name, the same objects", async () => {
		const sample = [
			'const _e = "error";',
			'const _hQ = "httpQuery";',
			'const _ARCTAF =',
			'    "AutomatedReasoningCheckTranslationAmbiguousFinding";',
			'const n0 = "com.amazonaws.bedrock";',
			'export var A$ = [-3, n0, "A", { [_e]: "client", [_hQ]: "maxResults" }, [], []];',
			'export var B$ = [3, n0, _ARCTAF, { [_ARCTAF]: 1, [other()]: 2 }];',
			'function other() { return "x"; }',
		].join('\n');
		const patched = pureSchemaKeys(sample);
		expect(patched).toContain('{ "error": "client", "httpQuery": "maxResults" }');
		expect(patched).toContain('{ "AutomatedReasoningCheckTranslationAmbiguousFinding": 1, [other()]: 2 }');
		const load = async (text: string): Promise<unknown> => ({...(await import(`data:text/javascript,${encodeURIComponent(text)}`))});
		expect(await load(patched)).toEqual(await load(sample));
		// Every computed key of Bedrock's installed shapes names a constant, so none is left to keep them all.
		const bedrock = readFileSync(new URL('../../node_modules/@aws-sdk/client-bedrock/dist-es/schemas/schemas_0.js', import.meta.url), 'utf8');
		expect(bedrock).toMatch(/\[_[A-Za-z0-9]+\]:/);
		expect(pureSchemaKeys(bedrock)).not.toMatch(/\[_[A-Za-z0-9]+\]:/);
	});
});
