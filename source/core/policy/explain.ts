/** Plain-language text for a compiled policy: one paragraph per statement, warnings, and problems. */
import type {Messages, ProblemText} from '../i18n/en.js';
import type {StatementPurpose} from './compile.js';
import type {TargetProblem, TargetWarning} from './targets.js';

export function explainStatement(purpose: StatementPurpose, messages: Messages): string {
	const explain = messages.policy.explain;
	switch (purpose.role) {
		case 'api-key':
			return explain.apiKey(purpose.tokenTypes);
		case 'invoke-models':
			return explain.invokeModels(purpose.modelIds, purpose.streaming);
		case 'invoke-profiles':
			return explain.invokeProfiles(purpose.profileIds, purpose.streaming);
		case 'profile-destinations':
			return explain.profileDestinations(purpose.profileId, purpose.modelId, purpose.regions, purpose.regionless, purpose.form);
		case 'profile-models-any-region':
			return explain.profileModelsAnyRegion(purpose.profileIds, purpose.modelIds);
		case 'guardrail':
			return explain.guardrail();
		case 'guardrail-profiles':
			return explain.guardrailProfiles(purpose.profileIds);
		case 'guardrail-mantle':
			return explain.guardrailMantle();
		case 'mantle-api-key':
			return messages.clients.explain.mantleApiKey();
		case 'mantle-inference':
			return messages.clients.explain.mantleInference(purpose.mantleIds);
		case 'guardrail-mantle-models':
			return messages.clients.explain.guardrailMantleModels(purpose.mantleIds);
		case 'read-profiles':
			return messages.clients.explain.readProfiles(purpose.profileIds);
		case 'list-profiles':
			return messages.clients.explain.listProfiles();
		case 'expiry':
			return explain.expiry(purpose.expiresAt);
	}
}

export function describeWarning(warning: TargetWarning, messages: Messages): string {
	const text = warning.code === 'legacy' ? messages.policy.warning.legacy : messages.policy.warning.endOfLife;
	return text(warning.id, warning.modelName, warning.date);
}

export function describeTargetProblem(problem: TargetProblem, messages: Messages): ProblemText {
	const text = messages.policy.problem;
	switch (problem.code) {
		case 'unknown-id':
			return text.unknownId(problem.id, problem.suggestions);
		case 'needs-account':
			return text.needsAccount(problem.id);
		case 'not-in-region':
			return text.notInRegion(problem.id, problem.region, problem.regionsOffering);
		case 'needs-profile':
			return text.needsProfile(problem.id, problem.region, problem.profileIds);
		case 'profile-not-in-region':
			return text.profileNotInRegion(problem.id, problem.region, problem.sourceRegions);
		case 'application-profile-needs-model':
			return text.applicationProfileNeedsModel(problem.id);
	}
}
