#!/usr/bin/env node
// Builds source/core/catalog/snapshot.json from a sourced catalog snapshot given as the first argument
// (docs/contributing.md, 'Refreshing the model catalog'). Keeps only what the tool uses; the sources and
// notes stay with the input file, cited in `sourceNote`.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const input = process.argv[2];
if (!input) {
	console.error('usage: node scripts/compile-catalog.mjs <bedrock-catalog.json>');
	process.exit(2);
}
const output = fileURLToPath(new URL('../source/core/catalog/snapshot.json', import.meta.url));
const raw = JSON.parse(readFileSync(input, 'utf8'));

const models = raw.models.map((m) => {
	const out = {
		modelId: m.modelId,
		provider: m.provider,
		name: m.name,
		kind: m.kind,
		inputModalities: m.inputModalities,
		outputModalities: m.outputModalities,
		streaming: m.streaming,
		lifecycle: m.lifecycle,
		onDemandRegions: m.onDemandRegions,
		profileOnlyRegions: m.profileOnlyRegions,
		thirdParty: m.thirdParty,
	};
	if (m.eolDate) out.eolDate = m.eolDate;
	if (m.formerRegions?.length) out.formerRegions = m.formerRegions;
	return out;
});

const profiles = raw.inferenceProfiles.map((p) => {
	// Where the scan lacks per-source answers, every source routes to the union of destinations.
	const bySource = p.destinationsBySourceRegion ?? Object.fromEntries(p.sourceRegions.map((r) => [r, p.destinationRegions]));
	// Stored compactly: sources that share one destination list are grouped (expanded again at load).
	const groups = new Map();
	for (const [source, destinations] of Object.entries(bySource)) {
		const key = JSON.stringify(destinations);
		groups.set(key, [...(groups.get(key) ?? []), source]);
	}
	const routes = [...groups].map(([key, from]) => ({from, to: JSON.parse(key)}));
	return {profileId: p.profileId, modelId: p.modelId, scope: p.scope, sourceRegions: p.sourceRegions, routes};
});

const snapshot = {
	origin: 'snapshot',
	asOf: raw.compiledOn,
	sourceNote:
		'Compiled by scripts/compile-catalog.mjs from the sourced Bedrock catalog snapshot (see its sources and notes); region data from an API scan of 2026-08-21, lifecycle advanced to ' +
		raw.compiledOn +
		'.',
	regions: raw.regions,
	models,
	profiles,
};
writeFileSync(output, JSON.stringify(snapshot) + '\n');
console.error(`wrote ${output}: ${models.length} models, ${profiles.length} profiles, ${JSON.stringify(snapshot).length} bytes`);
