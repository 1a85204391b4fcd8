/**
 * Answers to Anthropic's use-case form for tests: the fields AWS's API takes, with the example values of
 * its Terraform/Pulumi resource where there are any (docs/aws-facts.md, "Anthropic's use-case form").
 */
import type {UseCaseForm} from '../../source/flows/ports.js';

export const exampleUseCaseForm: UseCaseForm = {
	companyName: 'Example KK',
	companyWebsite: 'https://example.com',
	intendedUsers: '0',
	industryOption: 'Education',
	otherIndustryOption: '',
	useCases: 'Teaching a class',
};
