// Source patches the build applies to two dependencies, for the TUI's first frame (docs/contributing.md,
// 'The build'). Each replaced text must be found exactly once, so an upgrade that moves it fails the build
// instead of silently losing the patch; test/package/bundle-patches.test.ts checks what they change.

import {Buffer} from 'node:buffer';

const replaceOnce = (text, from, to, file) => {
	const at = text.indexOf(from);
	if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`build: expected exactly one ${JSON.stringify(from.slice(0, 60))} in ${file}`);
	return text.slice(0, at) + to + text.slice(at + from.length);
};

/**
 * Characters each of which is a grapheme cluster of its own whatever follows it (no combining marks,
 * joiners, variation selectors, jamo or halfwidth sound marks) and is visible: Latin-1 and extended Latin,
 * punctuation, arrows, technical symbols, box drawing, geometric shapes, dingbats, CJK punctuation, kana,
 * the unified ideographs and the fullwidth forms. Over them string-width's answer is the sum of each
 * code point's East Asian Width (checked for every such character and for random strings of them).
 */
export const SIMPLE_TEXT = String.raw`^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u2BFF\u3000-\u3029\u3030-\u3098\u309B-\u30FF\u4E00-\u9FFF\uFF01-\uFF60]*$`;

/**
 * string-width makes an Intl.Segmenter and four Unicode-property regular expressions in its module
 * scope, and measures any text that is not printable ASCII with them. The process's first Intl object
 * loads ICU's data (~25 ms measured) and the `\p{RGI_Emoji}` set takes as long to build, all before the
 * TUI's first frame, whose box drawing and ✓ are not ASCII. Patched: they are made on the first text
 * that needs them, and text made only of SIMPLE_TEXT characters is measured code point by code point.
 */
export function patchStringWidth(text, file) {
	let patched = replaceOnce(text, 'const segmenter = new Intl.Segmenter();', 'let segmenter;', file);
	const made = [];
	for (const name of ['visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex', 'extendedPictographicRegex']) {
		const declaration = new RegExp(`^const ${name} = (/.+/[a-z]*);$`, 'm').exec(patched);
		if (!declaration) throw new Error(`build: expected the declaration of ${name} in ${file}`);
		patched = replaceOnce(patched, declaration[0], `let ${name};`, file);
		made.push(`\t${name} = ${declaration[1]};`);
	}
	patched = replaceOnce(
		patched,
		'\tfor (const {segment} of segmenter.segment(string)) {',
		'\tsegmenter ??= segmentationOnce();\n\tfor (const {segment} of segmenter.segment(string)) {',
		file,
	);
	patched = replaceOnce(
		patched,
		'\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n',
		`\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n` +
			`\tif (/${SIMPLE_TEXT}/.test(string)) {\n\t\tlet simple = 0;\n\t\tfor (const character of string) simple += eastAsianWidth(character.codePointAt(0), {ambiguousAsWide: !ambiguousIsNarrow});\n\t\treturn simple;\n\t}\n`,
		file,
	);
	return `${patched}\nfunction segmentationOnce() {\n${made.join('\n')}\n\treturn new Intl.Segmenter();\n}\n`;
}

/**
 * The AWS SDK describes each service's shapes in one module of array literals (dist-es/schemas/schemas_0.js),
 * many with traits written as computed keys, `{[_hQ]: _mI}`, where `_hQ` is a module constant. A computed
 * key could run code, so esbuild keeps every such literal, used or not: ~74 KB of Bedrock's 110 operations
 * when the wizard calls seven. Patched: each key that names a string constant of the module is written as
 * that string (the same object), so the shapes no command uses are dropped.
 */
export function pureSchemaKeys(text) {
	const constants = new Map();
	for (const [, name, value] of text.matchAll(/^const (_[A-Za-z0-9]+) =\s*("[^"\\\n]*");$/gm)) constants.set(name, value);
	return text.replace(/\[(_[A-Za-z0-9]+)\]:/g, (key, name) => (constants.has(name) ? `${constants.get(name)}:` : key));
}

/** Where the bundle keeps yoga-layout's WebAssembly: beside the chunk that reads it (dist/chunks/). */
export const YOGA_WASM = 'yoga.wasm';

/**
 * Ink's layout engine (yoga-layout) ships its WebAssembly as a base64 data: URL and, finding a global
 * fetch, reads it through fetch(): in Node that loads undici and parses the URL before the first frame
 * (seen in a --cpu-prof of the TUI). Patched: the bytes come out of the text into a file of their own,
 * read with fs beside the chunk (base64 compresses worse than the bytes: ~10 KB of the tarball), and the
 * fetch() is never tried. Returns the patched text and the bytes for the build to write as YOGA_WASM.
 */
export function patchYogaWasm(text, file) {
	const prefix = 'data:application/octet-stream;base64,';
	const literal = new RegExp(`H="${prefix.replace(/[.;/]/g, '\\$&')}([A-Za-z0-9+/=]+)"`).exec(text);
	if (!literal || text.indexOf(literal[0], literal.index + 1) >= 0) throw new Error(`build: expected exactly one base64 WebAssembly in ${file}`);
	let patched = replaceOnce(text, literal[0], `H="${prefix}"`, file);
	patched = replaceOnce(patched, 'return w||"function"!=typeof fetch?Promise.resolve()', 'return w||!0?Promise.resolve()', file);
	patched = replaceOnce(
		patched,
		'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
		`var d=new Uint8Array(require("node:fs").readFileSync(new URL(${JSON.stringify(`./${YOGA_WASM}`)},import.meta.url)))`,
		file,
	);
	return {text: patched, wasm: Buffer.from(literal[1], 'base64')};
}

/**
 * commander requires node:child_process at its top, for subcommands that are separate executables (this
 * tool has none): in Node that loads net, dgram and the child-process machinery before `--help` prints.
 * Patched: it is required when a subcommand would be spawned.
 */
export function patchCommander(text, file) {
	return replaceOnce(
		text,
		"const childProcess = require('node:child_process');",
		"const childProcess = {spawn: (...args) => require('node:child_process').spawn(...args)};",
		file,
	);
}
