/** Splits an ARN into its six colon-separated parts; colons inside `${...}` and in the resource part stay. */
export function splitArn(text: string): string[] | undefined {
	const parts: string[] = [];
	let start = 0;
	let depth = 0;
	for (let index = 0; index < text.length && parts.length < 5; index++) {
		if (text[index] === '$' && text[index + 1] === '{') {
			depth += 1;
		} else if (text[index] === '}' && depth > 0) {
			depth -= 1;
		} else if (text[index] === ':' && depth === 0) {
			parts.push(text.slice(start, index));
			start = index + 1;
		}
	}
	if (parts.length < 5) {
		return undefined;
	}
	parts.push(text.slice(start));
	return parts;
}

/**
 * AWS (policy variables): "A policy variable can be used in the Resource element, but only in the resource
 * portion of the ARN. This portion of the ARN appears after the 5th colon (:). You can't use a variable to
 * replace parts of the ARN before the 5th colon, such as the service or account." Before it, `${...}` stays
 * literal text, written here with the `${$}` escape so the pattern compiler leaves it alone.
 */
export function confineVariablesToResourcePart(pattern: string): string {
	// Most entries hold no variable at all (this runs for every Resource entry of every request).
	if (!pattern.includes('${')) {
		return pattern;
	}
	const parts = splitArn(pattern);
	if (!parts || !pattern.slice(0, pattern.length - parts[5]!.length).includes('${')) {
		return pattern;
	}
	const prefix = parts.slice(0, 5).map((part) => part.replaceAll('${', '${$}{'));
	return [...prefix, parts[5]!].join(':');
}
