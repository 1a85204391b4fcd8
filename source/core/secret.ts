/**
 * A value that must never be printed: API keys and secret access keys. Every accidental path to text
 * (template strings, JSON, util.inspect, console.log) shows a mask; only `reveal()` gives the value.
 */
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export class Secret {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
	}

	reveal(): string {
		return this.#value;
	}

	/** The first characters (the key's kind) and the length, e.g. `ABSK…(132 chars)`. */
	masked(): string {
		return maskSecret(this.#value);
	}

	/** The same, in words of the person's language (`messages.ui.maskedKey`). */
	maskedWith(words: (prefix: string, length: number) => string): string {
		return words(maskPrefix(this.#value), this.#value.length);
	}

	toString(): string {
		return this.masked();
	}

	toJSON(): string {
		return this.masked();
	}

	[inspectSymbol](): string {
		return `Secret(${this.masked()})`;
	}
}

const maskPrefix = (value: string): string => (value.startsWith('bedrock-api-key-') ? 'bedrock-api-key-' : value.slice(0, 4));

export function maskSecret(value: string): string {
	return `${maskPrefix(value)}…(${value.length} chars)`;
}

/** How a probe signs in: the new API key, or the new user's access key. Never the operator's credentials. */
export type KeyCredentials =
	| {readonly type: 'api-key'; readonly token: Secret; readonly tokenType: 'LONG_TERM' | 'SHORT_TERM'}
	| {readonly type: 'sigv4'; readonly accessKeyId: string; readonly secretAccessKey: Secret};
