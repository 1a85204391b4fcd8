/**
 * Small, tolerant readers for the clients' configuration files that `check --client` reads: a `.env`
 * (`KEY=value`), the part of TOML a Codex `config.toml` uses, and the part of YAML a LiteLLM `config.yaml`
 * uses (block mappings and lists of plain or quoted values). The files are ones the wizard writes, or their
 * hand-edited descendants: what these readers do not know (YAML anchors and tags, a TOML line they cannot
 * parse) is refused with its line number rather than guessed. Every value keeps its line, so the doctor can
 * print the exact line to change. No dependencies: the package has none at run time.
 */

/** Where a value was read: its 1-based line number and the line as written (trimmed). */
export interface SourceLine {
	readonly line: number;
	readonly text: string;
}

/** A line a reader could not read. */
export class UnreadableLine extends Error {
	constructor(
		readonly line: number,
		readonly text: string,
	) {
		super(`line ${line}: ${text}`);
	}
}

const linesOf = (content: string): string[] => content.replace(/^\uFEFF/, '').split(/\r?\n/);

// --- .env ---------------------------------------------------------------------------------------------

export interface EnvEntry extends SourceLine {
	readonly value: string;
}

/** `KEY=value` lines (an `export ` prefix and quotes allowed); comments are returned apart, by line. */
export function readEnvFile(content: string): {readonly values: ReadonlyMap<string, EnvEntry>; readonly comments: readonly SourceLine[]} {
	const values = new Map<string, EnvEntry>();
	const comments: SourceLine[] = [];
	linesOf(content).forEach((raw, index) => {
		const text = raw.trim();
		if (text === '') return;
		if (text.startsWith('#')) return void comments.push({line: index + 1, text});
		const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(text);
		if (!match) throw new UnreadableLine(index + 1, text);
		let value = match[2]!;
		const quoted = /^(["'])(.*)\1$/.exec(value);
		if (quoted) value = quoted[2]!;
		else value = value.replace(/\s+#.*$/, '');
		values.set(match[1]!, {value, line: index + 1, text});
	});
	return {values, comments};
}

// --- TOML (the part of it Codex's config.toml uses) ---------------------------------------------------

export interface TomlEntry extends SourceLine {
	/** A string, number or boolean; arrays, inline tables and dates as their text. */
	readonly value: string | number | boolean;
}

/** Every key of the file by its full dotted path (`model_providers.amazon-bedrock.aws.region`). */
export function readToml(content: string): ReadonlyMap<string, TomlEntry> {
	const entries = new Map<string, TomlEntry>();
	const lines = linesOf(content);
	let table: string[] = [];
	for (let index = 0; index < lines.length; index++) {
		const text = lines[index]!.trim();
		const fail = (): never => {
			throw new UnreadableLine(index + 1, text);
		};
		if (text === '' || text.startsWith('#')) continue;
		const header = /^\[(\[)?\s*(.+?)\s*\](\])?\s*(?:#.*)?$/.exec(text);
		if (header) {
			if (Boolean(header[1]) !== Boolean(header[3])) fail();
			table = splitKey(header[2]!) ?? fail();
			continue;
		}
		const equals = keyEnd(text);
		if (equals < 0) fail();
		const key = splitKey(text.slice(0, equals).trim()) ?? fail();
		let rest = text.slice(equals + 1).trim();
		let value: string | number | boolean;
		if (rest.startsWith('"""') || rest.startsWith("'''")) {
			// A multi-line string: up to the closing quotes.
			const quote = rest.slice(0, 3);
			let body = rest.slice(3);
			while (!body.includes(quote)) {
				index++;
				if (index >= lines.length) fail();
				body += `\n${lines[index]}`;
			}
			value = body.slice(0, body.indexOf(quote)).replace(/^\n/, '');
		} else if (rest.startsWith('[') || rest.startsWith('{')) {
			// An array (it may span lines) or an inline table: kept as text, balanced outside strings.
			rest = withoutComment(rest);
			while (depthOf(rest) > 0) {
				index++;
				if (index >= lines.length) fail();
				rest += ` ${withoutComment(lines[index]!.trim())}`;
			}
			value = rest;
		} else value = scalar(rest) ?? fail();
		entries.set([...table, ...key].join('.'), {value, line: index + 1, text});
	}
	return entries;
}

/**
 * Calls `visit` with each character of `text` that stands outside a TOML string (a `\\` escapes the next
 * character inside "basic" strings only); stops at the first index `visit` answers true for, or -1.
 */
function scanOutsideStrings(text: string, visit: (char: string) => boolean): number {
	let quote: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (quote) {
			if (char === '\\' && quote === '"') index++;
			else if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") quote = char;
		else if (visit(char)) return index;
	}
	return -1;
}

/** The index of the `=` after a key (outside quotes), or -1. */
function keyEnd(text: string): number {
	return scanOutsideStrings(text, (char) => char === '=');
}

/** `a."b.c".d` -> [a, b.c, d]; undefined when it is not a key. */
function splitKey(text: string): string[] | undefined {
	const parts: string[] = [];
	const pattern = /\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(\.|$)/y;
	let at = 0;
	while (at < text.length) {
		pattern.lastIndex = at;
		const match = pattern.exec(text);
		if (!match) return undefined;
		parts.push(match[1] ?? unescape(match[2]) ?? match[3] ?? '');
		at = pattern.lastIndex;
		if (match[4] === '') break;
	}
	return at === text.length && parts.length > 0 ? parts : undefined;
}

/** The text before a `#` that is outside quotes. */
function withoutComment(text: string): string {
	const hash = scanOutsideStrings(text, (char) => char === '#');
	return hash === -1 ? text : text.slice(0, hash).trimEnd();
}

/** How many `[` / `{` outside strings are still open at the end of `text`. */
function depthOf(text: string): number {
	let depth = 0;
	scanOutsideStrings(text, (char) => {
		if (char === '[' || char === '{') depth++;
		else if (char === ']' || char === '}') depth--;
		return false;
	});
	return depth;
}

/** A one-line TOML value: a string, a number, a boolean or a date (as text); undefined otherwise. */
function scalar(text: string): string | number | boolean | undefined {
	const basic = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
	if (basic) return unescape(basic[1]);
	const literal = /^'([^']*)'\s*(?:#.*)?$/.exec(text);
	if (literal) return literal[1];
	const bare = text.replace(/\s+#.*$/, '');
	if (bare === 'true' || bare === 'false') return bare === 'true';
	if (/^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(bare)) return Number(bare.replace(/_/g, ''));
	if (/^[+-]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|inf|nan)$/.test(bare)) return bare;
	if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}/.test(bare)) return bare;
	return undefined;
}

function unescape(text: string | undefined): string | undefined {
	if (text === undefined) return undefined;
	return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, code: string) => {
		if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
		return ({n: '\n', t: '\t', r: '\r', b: '\b', f: '\f'} as Record<string, string>)[code] ?? code;
	});
}

// --- YAML (block mappings and lists of scalars, as LiteLLM's config.yaml is written) ------------------

export type YamlNode =
	| {readonly kind: 'map'; readonly entries: ReadonlyMap<string, YamlNode>; readonly at: SourceLine}
	| {readonly kind: 'list'; readonly items: readonly YamlNode[]; readonly at: SourceLine}
	| {readonly kind: 'scalar'; readonly value: string; readonly at: SourceLine};

interface YamlLine extends SourceLine {
	readonly indent: number;
	/** Without its comment. */
	readonly body: string;
}

/** The document's top node; an empty document is an empty mapping. */
export function readYaml(content: string): YamlNode {
	const lines: YamlLine[] = [];
	linesOf(content).forEach((raw, index) => {
		const body = stripYamlComment(raw).trimEnd();
		if (body.trim() === '') return;
		const text = raw.trim();
		if (/^(---|\.\.\.)$/.test(body.trim())) {
			if (lines.length > 0) throw new UnreadableLine(index + 1, text);
			return;
		}
		if (/\t/.test(raw.slice(0, raw.length - raw.trimStart().length))) throw new UnreadableLine(index + 1, text);
		lines.push({line: index + 1, text, indent: raw.length - raw.trimStart().length, body: body.trim()});
	});
	if (lines.length === 0) return {kind: 'map', entries: new Map(), at: {line: 1, text: ''}};
	const cursor = {at: 0};
	const node = readBlock(lines, cursor, lines[0]!.indent);
	if (cursor.at < lines.length) throw new UnreadableLine(lines[cursor.at]!.line, lines[cursor.at]!.text);
	return node;
}

function stripYamlComment(raw: string): string {
	let quote: string | undefined;
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
		} else if ((char === '"' || char === "'") && (index === 0 || /[\s:[{,-]/.test(raw[index - 1]!))) quote = char;
		else if (char === '#' && (index === 0 || /\s/.test(raw[index - 1]!))) return raw.slice(0, index);
	}
	return raw;
}

function readBlock(lines: readonly YamlLine[], cursor: {at: number}, indent: number): YamlNode {
	const first = lines[cursor.at]!;
	return first.body === '-' || first.body.startsWith('- ') ? readList(lines, cursor, indent) : readMap(lines, cursor, indent);
}

function readList(lines: readonly YamlLine[], cursor: {at: number}, indent: number): YamlNode {
	const items: YamlNode[] = [];
	const at = lines[cursor.at]!;
	while (cursor.at < lines.length && lines[cursor.at]!.indent === indent && (lines[cursor.at]!.body === '-' || lines[cursor.at]!.body.startsWith('- '))) {
		const line = lines[cursor.at]!;
		const rest = line.body.slice(1).trimStart();
		if (rest === '') {
			cursor.at++;
			items.push(deeper(lines, cursor, indent, line));
			continue;
		}
		// `- key: value` opens a mapping whose keys sit where `key` does.
		const inner = line.indent + (line.body.length - rest.length);
		if (mapKey(rest)) {
			const virtual: YamlLine[] = [...lines];
			virtual[cursor.at] = {...line, indent: inner, body: rest};
			items.push(readMap(virtual, cursor, inner));
		} else {
			cursor.at++;
			items.push(scalarNode(rest, line));
		}
	}
	return {kind: 'list', items, at};
}

function readMap(lines: readonly YamlLine[], cursor: {at: number}, indent: number): YamlNode {
	const entries = new Map<string, YamlNode>();
	const at = lines[cursor.at]!;
	while (cursor.at < lines.length && lines[cursor.at]!.indent === indent) {
		const line = lines[cursor.at]!;
		const pair = mapKey(line.body);
		if (!pair) throw new UnreadableLine(line.line, line.text);
		cursor.at++;
		if (pair.value === '') entries.set(pair.key, deeper(lines, cursor, indent, line));
		else if (/^[|>][+-]?\d*$/.test(pair.value)) {
			// A block scalar: the lines below it, joined.
			const text: string[] = [];
			while (cursor.at < lines.length && lines[cursor.at]!.indent > indent) text.push(lines[cursor.at++]!.body);
			entries.set(pair.key, {kind: 'scalar', value: text.join(pair.value.startsWith('|') ? '\n' : ' '), at: line});
		} else entries.set(pair.key, scalarNode(pair.value, line));
	}
	return {kind: 'map', entries, at};
}

/** The block under a `key:` or `-` line: deeper lines, or a list at the same indent under a key; else empty. */
function deeper(lines: readonly YamlLine[], cursor: {at: number}, indent: number, owner: YamlLine): YamlNode {
	const next = lines[cursor.at];
	if (next && (next.indent > indent || (next.indent === indent && next.body.startsWith('- ') && !owner.body.startsWith('-'))))
		return readBlock(lines, cursor, next.indent);
	return {kind: 'scalar', value: '', at: owner};
}

function mapKey(body: string): {key: string; value: string} | undefined {
	const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'#[\]{},&*!|>%@`][^:#]*?)\s*:(?:\s+(.*)|$)/.exec(body);
	if (!match) return undefined;
	const raw = match[1]!;
	return {key: /^["']/.test(raw) ? raw.slice(1, -1) : raw, value: (match[2] ?? '').trim()};
}

function scalarNode(raw: string, line: YamlLine): YamlNode {
	// Anchors, aliases and tags would change what a value means: refused rather than misread.
	if (/^[&*!]/.test(raw)) throw new UnreadableLine(line.line, line.text);
	const double = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
	if (double) return {kind: 'scalar', value: unescape(double[1])!, at: line};
	const single = /^'((?:[^']|'')*)'$/.exec(raw);
	if (single) return {kind: 'scalar', value: single[1]!.replace(/''/g, "'"), at: line};
	if (/^["']/.test(raw)) throw new UnreadableLine(line.line, line.text);
	return {kind: 'scalar', value: raw, at: line};
}
