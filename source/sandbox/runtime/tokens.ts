/**
 * Token counts for usage fields. Real tokenizers differ per model; the sandbox counts words and
 * punctuation marks, which is deterministic and close enough for usage-shaped output.
 */
export function countTokens(text: string): number {
	return text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;
}

/** All text found in a request's messages/prompt, in order (content strings, `text` blocks, nested). */
export function collectText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(collectText).filter(Boolean).join(' ');
	if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		if (typeof record['text'] === 'string') return record['text'];
		return ['content', 'messages', 'system', 'prompt', 'inputText']
			.map((key) => collectText(record[key]))
			.filter(Boolean)
			.join(' ');
	}
	return '';
}
