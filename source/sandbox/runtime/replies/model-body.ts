/** Reading InvokeModel bodies: JSON, with the model's schema errors worded as Bedrock words them. */
import {readJsonObject, validationError} from '../../bedrock/rest-json.js';

export const malformedBodyMessage = 'Malformed input request, please reformat your input and try again.';

export function readModelBody(body: Buffer): Record<string, unknown> {
	return readJsonObject(body, malformedBodyMessage);
}

/** Bedrock validates native bodies against the model's JSON schema and lists every violation. */
export function schemaError(violations: readonly string[]): Error {
	return validationError(`Malformed input request: ${violations.join('')}, please reformat your input and try again.`);
}

export function requireKeys(body: Record<string, unknown>, keys: readonly string[]): void {
	const missing = keys.filter((key) => body[key] === undefined).map((key) => `#: required key [${key}] not found`);
	if (missing.length > 0) throw schemaError(missing);
}

export function rejectExtraneousKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
	const extra = Object.keys(body)
		.filter((key) => !allowed.includes(key))
		.map((key) => `#: extraneous key [${key}] is not permitted`);
	if (extra.length > 0) throw schemaError(extra);
}

/** A positive integer token limit, if the body sets one under any of the names the families use. */
export function tokenLimit(record: unknown, names: readonly string[]): number | undefined {
	if (typeof record !== 'object' || record === null) return undefined;
	for (const name of names) {
		const value = (record as Record<string, unknown>)[name];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
			throw schemaError([`#/${name}: ${String(value)} is not greater or equal to 1`]);
		}
		return value;
	}
	return undefined;
}
