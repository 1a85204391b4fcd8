/**
 * Model ids on the Mantle endpoint (`bedrock-mantle.{region}.api.aws`), which differ from bedrock-runtime's:
 * no geographic profile prefix (`us.`, `global.`) and no version suffix (`-v1:0`, `-1:0`) or release date
 * (`-20251001`), e.g. `us.anthropic.claude-haiku-4-5-20251001-v1:0` -> `anthropic.claude-haiku-4-5`
 * (docs/aws-facts.md, 'The Mantle endpoint'; which models an account is served there, and whether a
 * suffix survives for some of them, is not confirmed: `GET /v1/models` on Mantle lists what it serves).
 */
import type {Catalog, CatalogModel} from './types.js';

const geographicPrefix = /^(?:us|eu|apac|jp|au|ca|in|global|us-gov)\./;
/** `-v1:0`, `-1:0`, `-v0:2` (a version after a colon). */
const versionSuffix = /-v?\d+:\d+$/;
/** A release date such as `-20251001`. */
const releaseDate = /-\d{8}$/;

/** The Mantle id of a bedrock-runtime model or system inference profile id. */
export function mantleModelId(modelOrProfileId: string): string {
	return modelOrProfileId.replace(geographicPrefix, '').replace(versionSuffix, '').replace(releaseDate, '');
}

/** Claude models speak the Messages API only; every other chat model speaks Chat Completions. */
export const isClaudeModel = (modelId: string): boolean => mantleModelId(modelId).startsWith('anthropic.');

/** The chat models Mantle serves in the sandbox: every ACTIVE chat model the Region offers (by id or profile). */
export function mantleModels(catalog: Catalog, region: string): readonly CatalogModel[] {
	return catalog.models.filter(
		(model) => model.kind === 'chat' && model.lifecycle === 'ACTIVE' && (model.onDemandRegions.includes(region) || model.profileOnlyRegions.includes(region)),
	);
}

/** The catalog model a Mantle id names in a Region, if Mantle serves it there. */
export function findMantleModel(catalog: Catalog, region: string, mantleId: string): CatalogModel | undefined {
	return mantleModels(catalog, region).find((model) => mantleModelId(model.modelId) === mantleId);
}
