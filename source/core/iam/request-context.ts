import type {RequestContextValue} from './evaluation.js';

/**
 * Condition keys are case-insensitive in IAM ("Condition key names are not case-sensitive"),
 * so the request context is looked up by lower-cased key.
 */
export type RequestContextIndex = ReadonlyMap<string, RequestContextValue>;

export function indexRequestContext(context: Readonly<Record<string, RequestContextValue>> | undefined): RequestContextIndex {
	const index = new Map<string, RequestContextValue>();
	for (const [key, value] of Object.entries(context ?? {})) {
		index.set(key.toLowerCase(), value);
	}
	return index;
}

export function lookupContextValue(index: RequestContextIndex, key: string): RequestContextValue | undefined {
	return index.get(key.toLowerCase());
}
