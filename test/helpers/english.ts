/**
 * Finds English sentences in what a Japanese run showed: runs of three or more English words in a row.
 * Not counted, because they are not words of ours in English: what is quoted ("…", '…', `…`, 「…」, which
 * is how AWS's own messages are shown), identifiers and code (ARNs, model and profile ids, flags,
 * paths, environment variables, JSON), the names of products, services and models, and any line that is
 * part of the code given in `ignoreText` (a snippet, however the screen wrapped it).
 */

/** Names of things, in English in Japanese text too (as the AWS console writes them). */
const NAMES = [
	'Amazon Bedrock',
	'Bedrock Runtime',
	'Access Analyzer',
	'AWS Marketplace',
	'AWS CloudShell',
	'IAM Identity Center',
	'AWS SDK',
	'AWS CLI',
	'Claude Code',
	'Git Bash',
	// The clients a key is for (core/clients/).
	'Vercel AI SDK',
	'OpenAI SDK',
	'Codex CLI',
];

export interface EnglishFinding {
	/** The run of English words. */
	readonly words: string;
	/** The line it was on. */
	readonly line: string;
}

export interface EnglishOptions {
	/** Code shown as it is (usage snippets): a line that is part of it, wrapped or not, is left out. */
	readonly ignoreText?: readonly string[];
	/** More names to leave out (the catalog's model and provider names). */
	readonly names?: readonly string[];
}

// Terminal control sequences (Ink's frames, colours) and the box and spinner glyphs between words.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007|\u001B[()][0-9A-B]|\u001B[=>78]/g;

export function stripAnsi(text: string): string {
	return text.replace(ANSI, '');
}

const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|「[^」\n]*」|“[^”\n]*”/g;
/** Tokens that are code, not words: ARNs, URLs, flags, paths, ids with digits or dots, CONSTANTS, key chords. */
const CODE = [
	/\barn:[^\s、。)）]+/g,
	/\bhttps?:\/\/\S+/g,
	/(^|\s)--?[a-z][\w-]*(=\S*)?/g,
	/\S*[/\\]\S*/g,
	/\b[\w-]+\.[\w.:-]*\w/g,
	/\b[\w-]*\d[\w:-]*/g,
	/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g,
	/\b[a-z]+[A-Z]\w*/g,
	/\b[a-z]+:[A-Za-z*]\w*/g,
	/\b[a-z]+(-[a-z0-9]+)+\b/g,
	/\b(ctrl|shift|alt|esc|enter|space|tab|pgup|pgdn)\b(\+\w+)?/gi,
];

/** Runs of three or more English words, once quotes, code and names are set aside. */
export function englishSentences(text: string, options: EnglishOptions = {}): EnglishFinding[] {
	const compact = (text: string): string => text.replace(/\s+/g, '');
	const code = (options.ignoreText ?? []).map(compact);
	const isCode = (line: string): boolean => compact(line).length >= 4 && code.some((block) => block.includes(compact(line)));
	const names = [...NAMES, ...(options.names ?? [])].filter(Boolean).sort((a, b) => b.length - a.length);
	const findings: EnglishFinding[] = [];
	// A Japanese quote may be wrapped over lines: set it aside whole, keeping the line breaks.
	const unquoted = stripAnsi(text).replace(/「[^」]*」/g, (quote) => quote.replace(/[^\n]/g, ' '));
	for (const raw of unquoted.split(/\r?\n|\r/)) {
		const line = raw.trim();
		if (!line || isCode(line)) continue;
		let rest = line.replace(QUOTED, ' ');
		for (const name of names) rest = rest.split(name).join(' ');
		// A name cut to fit a column ends in an ellipsis: "Titan Multimodal Embeddin…".
		rest = rest.replace(/[A-Za-z][\w .-]*…/g, (cut) => (names.some((name) => name.startsWith(cut.slice(0, -1))) ? ' ' : cut));
		for (const pattern of CODE) rest = rest.replace(pattern, ' ');
		// Words follow each other when only spaces, commas or a hyphen stand between them.
		for (const match of rest.matchAll(/[A-Za-z]+(?:'[a-z]+)?(?:[ ,;]+[A-Za-z]+(?:'[a-z]+)?){2,}/g)) {
			findings.push({words: match[0], line});
		}
	}
	return findings;
}
