/**
 * `--use-case-form FILE`: Anthropic's use-case form as a JSON object, read and checked before anything
 * runs, so a bad file is a usage error that names it (the flow only ever sees the checked answers).
 */
import {readFileSync} from 'node:fs';
import {Problem} from '../core/problem.js';
import type {UseCaseForm} from '../flows/ports.js';

const fields = ['companyName', 'companyWebsite', 'intendedUsers', 'industryOption', 'otherIndustryOption', 'useCases'] as const;

export function readUseCaseForm(path: string | undefined): UseCaseForm | undefined {
	if (path === undefined) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new Problem('usage', (m) => m.create.useCaseForm.badFile(path, (error as Error).message), {cause: error});
	}
	const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
	const missing = fields.filter((field) => typeof record[field] !== 'string' || (field !== 'otherIndustryOption' && record[field] === ''));
	if (missing.length > 0) throw new Problem('usage', (m) => m.create.useCaseForm.badFile(path, missing.join(', ')));
	return Object.fromEntries(fields.map((field) => [field, record[field] as string])) as unknown as UseCaseForm;
}
