export type {Catalog, CatalogModel, CatalogProfile, Lifecycle, ModelKind, ProfileScope} from './types.js';
export {bundledCatalog} from './snapshot.js';
export {findModel, findProfile, profileDestinations, profilesFrom, reachability, regionsOffering, suggestIds, type Reachability} from './lookup.js';
export {findMantleModel, isClaudeModel, mantleModelId, mantleModels} from './mantle.js';
