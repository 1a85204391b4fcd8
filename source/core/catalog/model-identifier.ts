/**
 * What a Bedrock `modelId` / `modelIdentifier` names. Bedrock accepts, in the same field, a foundation
 * model id or ARN, a system inference profile id or ARN, and an application inference profile ARN
 * (Bedrock Runtime API reference, InvokeModel `modelId`).
 */
import type {ProfileScope} from './types.js';

export type ModelIdentifier =
	| {readonly kind: 'foundation-model'; readonly modelId: string; readonly arn?: ParsedArnParts}
	| {readonly kind: 'inference-profile'; readonly profileId: string; readonly arn?: ParsedArnParts}
	| {readonly kind: 'application-inference-profile'; readonly arn: string}
	/** An ARN of another Bedrock resource type (provisioned or custom model, ...) that the sandbox does not host. */
	| {readonly kind: 'other-arn'; readonly arn: string};

export interface ParsedArnParts {
	readonly value: string;
	/** Empty for the region-less foundation-model ARN a `global.` profile routes through. */
	readonly region: string;
	/** Empty for foundation models (they belong to no account). */
	readonly accountId: string;
}

/** Geographic and global prefixes of system inference profile ids (`us.anthropic...`, `global.amazon...`). */
const profileScopes: readonly ProfileScope[] = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'in', 'global', 'us-gov'];

const arnPattern = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]*):(\d{12}|):([a-z-]+)\/(.+)$/;

export function parseModelIdentifier(value: string): ModelIdentifier {
	const match = arnPattern.exec(value);
	if (!match) {
		return isSystemProfileId(value) ? {kind: 'inference-profile', profileId: value} : {kind: 'foundation-model', modelId: value};
	}
	const [, region = '', accountId = '', resourceType, resourceId = ''] = match;
	const arn = {value, region, accountId};
	switch (resourceType) {
		case 'foundation-model':
			return {kind: 'foundation-model', modelId: resourceId, arn};
		case 'inference-profile':
			return {kind: 'inference-profile', profileId: resourceId, arn};
		case 'application-inference-profile':
			return {kind: 'application-inference-profile', arn: value};
		default:
			return {kind: 'other-arn', arn: value};
	}
}

/** Profile ids start with a scope prefix; foundation model ids start with a provider (`anthropic.`, `amazon.`). */
export function isSystemProfileId(value: string): boolean {
	return profileScopes.some((scope) => value.startsWith(`${scope}.`));
}
