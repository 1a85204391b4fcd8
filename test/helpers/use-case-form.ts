/**
 * Answers to Anthropic's use-case form for tests: the fields AWS's API takes, with the example values of
 * its Terraform/Pulumi resource where there are any (docs/aws-facts.md, "Anthropic's use-case form").
 */
import {GetUseCaseForModelAccessCommand, PutUseCaseForModelAccessCommand} from '@aws-sdk/client-bedrock';
import type {UseCaseForm} from '../../source/flows/ports.js';
import type {RunningSandbox} from '../../source/sandbox/index.js';
import {bedrockClient} from './sandbox.js';

export const exampleUseCaseForm: UseCaseForm = {
	companyName: 'Example KK',
	companyWebsite: 'https://example.com',
	intendedUsers: '0',
	industryOption: 'Education',
	otherIndustryOption: '',
	useCases: 'Teaching a class',
};

/** The form the account holds, as AWS answers GetUseCaseForModelAccess (rejects when there is none). */
export async function useCaseFormHeld(sandbox: RunningSandbox): Promise<unknown> {
	const {formData} = await bedrockClient(sandbox).send(new GetUseCaseForModelAccessCommand({}));
	return JSON.parse(new TextDecoder().decode(formData));
}

/** The form submitted as the console does (PutUseCaseForModelAccess with the admin's credentials), not by the run. */
export async function submitUseCaseFormAsConsole(sandbox: RunningSandbox, form: object): Promise<void> {
	await bedrockClient(sandbox).send(new PutUseCaseForModelAccessCommand({formData: new TextEncoder().encode(JSON.stringify(form))}));
}
